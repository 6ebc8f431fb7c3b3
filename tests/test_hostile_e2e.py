"""Hostile input through the real bot process: each gets a clear reply in bounded time, and the
chat's stored article is untouched. Links to private addresses never reach the server."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import Store
from tests.botprocess import FAKE_TOKEN, BotProcess
from tests.builders import pasted_page
from tests.fakebotapi import FakeBotAPI
from tests.pages import PageServer

_chats = itertools.count(9100)


class Env:
    def __init__(self, fake: FakeBotAPI, bot: BotProcess, pages: PageServer, db: Path) -> None:
        self.fake, self.bot, self.pages, self.db = fake, bot, pages, db

    def chat_with_article(self) -> int:
        chat = next(_chats)
        self.fake.send_text(chat, pasted_page())
        self.fake.wait_for_messages(chat, 1, timeout=30)
        return chat

    def reply_to(self, chat: int, send: object = None, *, timeout: float = 30) -> str:
        before = len(self.fake.bot_messages(chat))
        self.fake.wait_for(lambda: len(self.fake.bot_messages(chat)) > before, timeout)
        return str(self.fake.bot_messages(chat)[-1]["text"])

    def still_answers(self, chat: int) -> None:
        before = len(self.fake.bot_messages(chat))
        self.fake.send_text(chat, "Who commanded the soldiers?")
        self.fake.wait_for(lambda: len(self.fake.bot_messages(chat)) > before, 30)
        assert "Ana Ruiz" in self.fake.bot_messages(chat)[-1]["text"]
        with Store.open(self.db) as store:
            assert store.count_articles(chat) == 1


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    db = tmp_path_factory.mktemp("hostile") / "bot.db"
    with FakeBotAPI(FAKE_TOKEN) as fake, PageServer() as pages:
        # Private addresses are refused here, as in production.
        bot = BotProcess(fake, db, env_extra={"ARTICLEBOT_ALLOW_PRIVATE_URLS": "0"})
        try:
            bot.start()
            yield Env(fake, bot, pages, db)
        finally:
            bot.close()
            assert FAKE_TOKEN not in bot.log_text()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("   ", "Ask me a question"),
        ("Hello", "Hello!"),
        ("word", "doesn't say"),
        ("😀🎉🔥" * 40, "doesn't say"),
        ("<b>not</b> & <i>markup</i> " * 5, "doesn't say"),
        ("Who? " + "why " * 2_500, "doesn't read like an article"),
        ("/use abc", "Usage: /use N"),
        ("/use 0", "Usage: /use N"),
        ("/use 99999999999", "Usage: /use N"),
        ("/summary 1 2 3", "Usage: /summary"),
        ("/settings timezone Mars/Olympus", "time zone"),
        ("/search", "Usage: /search"),
        ("/nosuchcommand", "don't know that command"),
    ],
)
def test_hostile_messages(env: Env, text: str, expected: str) -> None:
    chat = env.chat_with_article()
    env.fake.send_text(chat, text)
    reply = env.reply_to(chat)
    assert expected in reply
    env.still_answers(chat)


@pytest.mark.parametrize(
    "text",
    [
        " ".join(["word"] * 10_000),  # one 50,000-character sentence, no punctuation
        "\n".join(["word"] * 20_000),
        "مدينة ليون أعلنت يوم الثلاثاء أن الحاجز صمد أمام الفيضان والسكان عادوا إلى منازلهم. " * 20,
        "里昂市政府星期二表示，防洪屏障挡住了洪水，居民将于星期三回家。" * 40,
        "<script>alert(1)</script> The <b>council</b> & the mayor met on Monday. " * 60,
    ],
)
def test_odd_articles_get_a_brief_or_a_clear_no(env: Env, text: str) -> None:
    chat = next(_chats)
    env.fake.send_text(chat, text[:4096])
    reply = env.reply_to(chat)
    assert "something went wrong" not in reply
    assert "<script>" not in reply


def test_documents_binary_and_broken(env: Env) -> None:
    chat = env.chat_with_article()
    cases = [
        (b"%PDF-1.7\n\x00\x01", "report.pdf", "application/pdf", "damaged"),
        (b"PK\x03\x04\x00\x00", "a.zip", "application/zip", "not application/zip"),
        (b"\x00\x01\x02\x03" * 100, "data.txt", "text/plain", "not text"),
        (b"", "empty.txt", "text/plain", "empty"),
    ]
    for data, name, mime, expected in cases:
        env.fake.send_document(chat, data, file_name=name, mime_type=mime)
        assert expected in env.reply_to(chat)
    env.still_answers(chat)


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "localhost",
        "0.0.0.0",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "2130706433",
        "0177.0.0.1",
        "0x7f000001",
        "127.1",
    ],
)
def test_links_to_private_addresses_are_refused_without_a_request(env: Env, host: str) -> None:
    chat = env.chat_with_article()
    env.pages.add_html("/inside", "<html><body><p>Internal page.</p></body></html>")
    before = len(env.pages.paths)
    env.fake.send_text(chat, f"http://{host}:{env.pages.port}/inside")
    reply = env.reply_to(chat)
    assert "private" in reply.lower() or "not allowed" in reply.lower() or "can't" in reply.lower()
    assert len(env.pages.paths) == before, "a request reached the server"
    env.still_answers(chat)


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
    ],
)
def test_links_to_private_ranges_are_refused(env: Env, url: str) -> None:
    chat = env.chat_with_article()
    env.fake.send_text(chat, url)
    reply = env.reply_to(chat, timeout=15)
    assert "something went wrong" not in reply
    assert "Untitled" not in reply
    env.still_answers(chat)
