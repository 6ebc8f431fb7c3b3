"""Follow-up questions read against what the conversation remembers (bot.conversation)."""

from __future__ import annotations

import pytest

from bot import conversation
from bot.article import Article
from bot.clean import clean_text
from bot.followup import Context
from bot.qa import Answer, answer
from tests.builders import inquiry_story


@pytest.fixture(scope="module")
def article() -> Article:
    return clean_text(inquiry_story())


def ask(question: str, article: Article, state: Context | None) -> tuple[Answer | None, Context]:
    """What the service does with one question: lean on the state if needed, then remember."""
    context = conversation.context_for(question, state)
    got = answer(question, article, context=context)
    return got, conversation.after(question, got, context or state)


def test_she_and_he_are_the_people_of_the_previous_answers(article: Article) -> None:
    first, state = ask("Who led the inquiry?", article, None)
    assert first is not None and "Miriam Okafor" in first.sentence
    she, state = ask("What did she find?", article, state)
    assert she is not None and "two storm warnings" in she.sentence

    lind, state = ask("who runs the rival ferry line?", article, state)
    assert lind is not None and "Tomas Lind" in lind.sentence
    he, state = ask("and what did he find?", article, state)
    assert he is not None and "lifeboat cranes" in he.sentence


def test_an_elided_question_repeats_the_previous_one(article: Article) -> None:
    assert answer("And when?", article) is None  # alone it asks nothing
    where, state = ask("Where did the ferry run aground?", article, None)
    assert where is not None and "lighthouse" in where.sentence
    when, _ = ask("And when?", article, state)
    assert when is not None and "June" in when.sentence


def test_a_refusal_keeps_the_person_being_talked_about(article: Article) -> None:
    _, state = ask("Who led the inquiry?", article, None)
    refused, state = ask("How many goals did the football club score on Saturday?", article, state)
    assert refused is None
    got, _ = ask("What did she find?", article, state)
    assert got is not None and "two storm warnings" in got.sentence


def test_a_question_that_names_its_own_subject_stands_alone() -> None:
    state = Context(people=("Tomas Lind",), last_question="Who runs the rival ferry line?")
    assert conversation.context_for("What did the judge recommend in her report?", state) is None
    assert conversation.context_for("What did she recommend?", state) is state
    assert conversation.context_for("And when?", state) is state
    assert conversation.context_for("What did she find?", None) is None
