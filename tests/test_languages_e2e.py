"""End to end in other languages: the real bot process against the fake Bot API, with users whose
Telegram app is in German or Russian, sending German and Russian pages written for the project."""

from __future__ import annotations

import html
import itertools
import re
from typing import Any

import pytest

from tests.botprocess import BotProcess
from tests.builders import foreign_article
from tests.fakebotapi import FakeBotAPI

ENGLISH_FURNITURE = ("min read", "Ask me about it", "People, places", "Shorter", "Longer", "from ")


_chat_ids = itertools.count(5001)


def reader(fake: FakeBotAPI, bot: BotProcess, language_code: str) -> int:
    """A private chat with a user whose Telegram app is in `language_code`."""
    assert bot.running, f"bot process died; log:\n{bot.log_tail()}"
    chat = next(_chat_ids)
    fake.set_user_language(chat, language_code)
    return chat


def visible(message: dict[str, Any]) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", message.get("text", "")))


def buttons(message: dict[str, Any]) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [b["text"] for row in rows for b in row]


def exchange(fake: FakeBotAPI, chat: int, text: str) -> dict[str, Any]:
    before = len(fake.bot_messages(chat))
    fake.send_text(chat, text)
    return fake.wait_for_messages(chat, before + 1, timeout=20)[before]


def test_a_russian_speaker_gets_help_in_russian(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = reader(fake, bot, "ru")
    got = visible(exchange(fake, chat, "/help"))
    assert "Пришлите статью" in got
    assert "/summary" in got and "/settings" in got  # command names stay English
    assert "Send me an article" not in got


def test_an_english_speaker_still_gets_english(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = reader(fake, bot, "en")
    assert "Send me an article" in visible(exchange(fake, chat, "/help"))


@pytest.mark.parametrize(
    ("language", "says", "questions", "not_said"),
    [
        (
            "de",
            ("Lesezeit", "Deutsch", "Fragen Sie mich"),
            [("Wann wurde die Brücke eröffnet?", "3. März 2026"),
             ("Wie viel hat die Brücke gekostet?", "1,2 Millionen Euro")],
            "Das steht nicht im Artikel.",
        ),
        (
            "ru",
            ("читать", "Русский", "Спрашивайте"),
            [("Когда открылась библиотека?", "3 марта 2026 года"),
             ("Сколько стоило строительство?", "1,2 млрд рублей")],
            "В статье об этом не сказано.",
        ),
    ],
)  # fmt: skip
def test_a_foreign_page_gets_a_brief_and_answers_in_its_language(
    fake: FakeBotAPI,
    bot: BotProcess,
    language: str,
    says: tuple[str, ...],
    questions: list[tuple[str, str]],
    not_said: str,
) -> None:
    chat = reader(fake, bot, language)
    brief = exchange(fake, chat, foreign_article(language))
    text = visible(brief) + " " + " ".join(buttons(brief))
    for word in says:
        assert word in text, text
    for english in ENGLISH_FURNITURE:
        assert english not in text, (english, text)
    for junk in ("Anzeige", "Lesen Sie auch", "Реклама", "Читайте также", "cookie", "Cookies"):
        assert junk not in text
    for question, fact in questions:
        reply = exchange(fake, chat, question)
        assert f"<b>{fact}</b>" in reply["text"], reply["text"]
    assert not_said in visible(exchange(fake, chat, "Which football club won the league in Peru?"))


def test_command_descriptions_are_registered_per_language(
    fake: FakeBotAPI, bot: BotProcess
) -> None:
    assert bot.running
    english = {c["command"]: c["description"] for c in fake.commands}
    for code in ("ru", "es", "de"):
        listed = {c["command"]: c["description"] for c in fake.commands_for(code)}
        assert listed.keys() == english.keys()  # the same English command names
        assert listed["help"] != english["help"]
    assert {c["command"]: c["description"] for c in fake.commands_for("ru")}["help"] == (
        "как пользоваться"
    )
