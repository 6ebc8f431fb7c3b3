"""Cleaning pasted pages: the story stays, the page furniture goes, metadata is recovered."""

from __future__ import annotations

import pytest

from bot.clean import clean_text
from bot.errors import EmptyText
from tests.builders import blog_page, pasted_page

FURNITURE = [
    "Search",
    "Submit",
    "AP Photo",
    "Latest World News",
    "Storm leaves thousands",
    "Rail strike ends",
    "contributed",
    "Copyright",
    "All Rights Reserved",
    "Privacy Policy",
    "Terms of Use",
    "Share",
    "By MARTIN",
]


def test_news_agency_page_keeps_only_the_story() -> None:
    article = clean_text(pasted_page())
    body = article.text
    for piece in FURNITURE:
        assert piece not in body, piece
    assert article.sentences[0].startswith("A temporary flood barrier held back")
    assert (
        article.sentences[-1]
        == '"We cannot count on borrowing a wall every time it rains," he said.'
    )


def test_news_agency_page_metadata() -> None:
    article = clean_text(pasted_page())
    assert article.title == "Flood barrier holds as river crests in Lyon, sparing old town"
    assert article.place == "Lyon, France"
    assert article.source == "AP"
    assert article.byline == "Martin Okafor and Lena Brandt"
    assert article.date is not None and "March 4, 2026" in article.date


def test_abbreviations_and_quotes_stay_whole() -> None:
    sentences = clean_text(pasted_page()).sentences
    assert (
        '"We were watching every centimeter," said Maj. Gen. Ana Ruiz, who commanded the 1,200 soldiers sent to the city.'
        in sentences
    )
    assert any(s.startswith("The U.N. weather agency said") for s in sentences)
    assert (
        "A U.S. study published in January found similar trends across western Europe." in sentences
    )
    assert any("6.8 meters (22 feet) shortly after 11 p.m., according to" in s for s in sentences)


def test_other_site_furniture() -> None:
    article = clean_text(blog_page())
    body = article.text
    for piece in [
        "Skip to content",
        "Read more",
        "Sign up",
        "newsletter",
        "142",
        "Tweet",
        "Most Read",
        "Related",
        "Cookie",
        "©",
        "5 min read",
        "Home /",
    ]:
        assert piece not in body, piece
    assert article.title == "Divers map a lost reef off the Azores"
    assert article.byline is not None and article.byline.startswith("Jonas Ferreira")
    assert article.date is not None and "7:42 PM" in article.date
    assert len(article.sentences) == 7


def test_hard_wrapped_lines_are_joined() -> None:
    text = (
        "This is a paragraph that an email client wrapped at about seventy\n"
        "characters, so each line stops in the middle of the sentence, as old\n"
        "clients still do to this day.\n\nA second paragraph follows it."
    )
    assert clean_text(text).sentences[0].endswith("as old clients still do to this day.")


@pytest.mark.parametrize("text", ["", "   \n\t  ", "\u200b\u200b", "Share\nPrivacy Policy\n"])
def test_nothing_usable_raises_empty_text(text: str) -> None:
    with pytest.raises(EmptyText):
        clean_text(text)


def test_control_characters_do_not_survive() -> None:
    article = clean_text("The mayor\x00 spoke\x07 on Monday about the new bridge and its cost.")
    assert article.sentences == ["The mayor spoke on Monday about the new bridge and its cost."]
