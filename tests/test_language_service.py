"""Languages through the service: each article's language is stored and shown, a chat can
choose one, and briefs and answers follow it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.errors import UsageError
from bot.service import Service
from bot.settings import Settings
from handlers.format import brief_messages
from store import Store
from tests.builders import foreign_article, plain_article

CHAT = 21


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    svc = Service.open(Settings(db_path=str(tmp_path / "s.db")))
    yield svc
    svc.close()


async def test_a_german_article_is_stored_as_german_and_its_brief_says_so(service: Service) -> None:
    b = await service.add_text(CHAT, foreign_article("de"))
    assert b.article.language == "de"
    assert "Deutsch" in brief_messages(b)[0]
    assert b.sentences[0].startswith("Nach zwei Jahren Bauzeit")
    again = await service.article(CHAT)
    assert again.language == "de"


async def test_an_english_brief_names_no_language(service: Service) -> None:
    b = await service.add_text(CHAT, plain_article())
    assert b.article.language == "en"
    assert "English" not in brief_messages(b)[0]


async def test_questions_in_russian_are_answered_from_the_russian_article(
    service: Service,
) -> None:
    await service.add_text(CHAT, foreign_article("ru"))
    reply = await service.ask(CHAT, "Сколько стоило строительство?")
    assert (
        reply.answer is not None and reply.answer.span == "1,2 млрд рублей"
    )  # the amount with its currency
    reply = await service.ask(CHAT, "Кто директор библиотеки?")
    assert reply.answer is not None and reply.answer.span == "Анна Петрова"


async def test_a_chat_can_choose_the_language_and_go_back_to_detecting(service: Service) -> None:
    chosen = await service.update_settings(CHAT, language="Russian")
    assert chosen.language == "ru"
    b = await service.add_text(CHAT, foreign_article("de"))
    assert b.article.language == "ru"  # read as the chat asked, whatever detection says
    with pytest.raises(UsageError):
        await service.update_settings(CHAT, language="klingon")
    assert (await service.chat_settings(CHAT)).language == "ru"
    assert (await service.update_settings(CHAT, language="auto")).language is None
    b = await service.add_text(CHAT, foreign_article("zh"))
    assert b.article.language == "zh"


def test_the_language_survives_a_restart(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "s.db"))
    stored, _ = store.add_article(
        CHAT,
        paragraphs=(("Один абзац статьи.",),),
        title=None,
        source=None,
        url=None,
        origin="paste",
        byline=None,
        place=None,
        published=None,
        content_hash="h1",
        language="ru",
    )
    store.update_settings(CHAT, language="de")
    store.close()
    store = Store.open(str(tmp_path / "s.db"))
    assert store.get_article(CHAT, stored.id).language == "ru"  # type: ignore[union-attr]
    assert store.get_settings(CHAT).language == "de"
    store.close()
