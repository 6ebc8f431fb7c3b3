""" "The article doesn't say": plausible questions the article does not answer get None, while
answerable ones, paraphrased, still get their sentence."""

from __future__ import annotations

import pytest

from bot.article import Article
from bot.clean import clean_text
from bot.qa import answer
from bot.refusal import _asked_missing, _twists
from bot.words import terms
from tests.test_qa import STORY


@pytest.fixture(scope="module")
def article() -> Article:
    return clean_text(STORY)


@pytest.mark.parametrize(
    "question",
    [
        # The story counts residents, never trucks, and gives no date for the bridge's opening.
        "How many trucks crossed the bridge?",
        "How many trucks use the bridge each day?",
        "When did the bridge open?",
    ],
)
def test_plausible_question_the_article_does_not_answer_is_refused(
    article: Article, question: str
) -> None:
    assert answer(question, article) is None


@pytest.mark.parametrize(
    ("question", "in_sentence"),
    [
        ("What did inspectors discover in the piers?", "deep cracks"),
        ("Who blamed truck traffic for the damage?", "Engineers blamed"),
        ("How much will the repairs cost?", "$4.5 million"),
        ("How many residents will be evacuated?", "1,200"),
    ],
)
def test_paraphrased_answerable_question_still_gets_its_sentence(
    article: Article, question: str, in_sentence: str
) -> None:
    got = answer(question, article)
    assert got is not None
    assert in_sentence in got.sentence


def test_asked_thing_missing_from_the_sentence() -> None:
    sentence = "At least 480 migrants have died at sea, often in boats run by smugglers."
    count, date, person = _asked_missing("How many smugglers were arrested?", sentence)
    assert (count, date, person) == (1.0, 0.0, 0.0)
    assert _asked_missing("How many migrants died?", sentence)[0] == 0.0
    assert _asked_missing("When did they die?", sentence)[1] == 1.0
    assert _asked_missing("Who ran the boats?", sentence)[2] == 1.0


def test_a_word_turned_into_its_opposite_by_a_prefix_is_noticed() -> None:
    sent = frozenset(terms("Stable isotope studies provide insight into rock units."))
    assert _twists(terms("What do unstable isotope studies indicate?"), sent) == 1
    assert _twists(terms("What do stable isotope studies indicate?"), sent) == 0
