"""/tldr: one sentence of the article that stands for the whole story."""

from __future__ import annotations

import pytest

from bot.article import Article
from bot.clean import clean_text
from bot.errors import EmptyText
from bot.tldr import tldr

# Written for these tests: it opens with a question and a teaser before the story proper.
STORY = (
    "Ever wondered where a town's old books go? "
    "Here is the answer. "
    "The Millbrook library will give ten thousand old books to schools in the valley after a "
    "flood forced the library to close its ground floor. "
    "The books were dried and sorted by volunteers over the winter. "
    "Schools in the valley asked for history and science books first. "
    "The library will keep its rare books and local maps. "
    "It will reopen in May with new shelves that stand clear of the floor."
)


def test_the_tldr_is_the_sentence_that_carries_the_story_verbatim() -> None:
    article = clean_text(STORY)
    line = tldr(article)
    assert line in article.sentences
    assert line.startswith("The Millbrook library will give ten thousand old books")


def test_a_one_sentence_article_is_its_own_tldr() -> None:
    article = Article(paragraphs=(("The bridge reopened on Monday after repairs.",),))
    assert tldr(article) == "The bridge reopened on Monday after repairs."
    with pytest.raises(EmptyText):
        tldr(Article(paragraphs=()))
