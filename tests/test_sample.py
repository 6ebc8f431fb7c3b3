"""The acceptance case: a pasted news-agency page gets a clean brief and right answers."""

from __future__ import annotations

import pytest

from bot import answer, summarize
from tests.builders import pasted_page


def test_brief_of_the_pasted_page_has_no_furniture() -> None:
    brief = summarize(pasted_page())
    assert len(brief) == 3
    assert brief[0].startswith("A temporary flood barrier held back the swollen Saone river")
    joined = " ".join(brief)
    for furniture in ("AP Photo", "Latest", "Search", "Copyright", "contributed", "By MARTIN"):
        assert furniture not in joined


@pytest.mark.parametrize(
    ("question", "in_sentence", "span"),
    [
        ("Who commanded the soldiers?", "commanded the 1,200 soldiers", "Maj. Gen. Ana Ruiz"),
        ("Who ordered the evacuation?", "ordered the evacuation", "Mayor Paul Girard"),
        (
            "Where did the river flood about 200 homes?",
            "ground floors of about 200 homes",
            "Trevoux",
        ),
        ("When did the river crest?", "The river crested at 6.8 meters", "11 p.m."),
        ("When did Dutch engineers fly in?", "Dutch engineers flew in", "Saturday"),
        ("How many residents were evacuated?", "evacuation of 3,400 residents", "3,400"),
        ("How many soldiers were sent to the city?", "1,200 soldiers", "1,200"),
    ],
)
def test_who_where_when_how_many(question: str, in_sentence: str, span: str) -> None:
    found = answer(question, pasted_page())
    assert found is not None
    assert in_sentence in found.sentence
    assert found.span is not None and span in found.span


def test_what_the_article_does_not_say() -> None:
    assert answer("What is the population of Tokyo?", pasted_page()) is None
