"""Replies always fit: a page with a huge <title>, a feed titled with 10,800 characters and an
untitled feed at a 2,500-character address, through the real process. Every reply arrives
(Telegram refuses messages over 4096 characters) and none is an apology."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from tests.botprocess import FAKE_TOKEN, BotProcess
from tests.builders import plain_article
from tests.fakebotapi import FakeBotAPI
from tests.pages import PageServer

_chats = itertools.count(9900)
HUGE = "Council votes to reopen the library " * 300  # 10,800 characters


class Env:
    def __init__(self, fake: FakeBotAPI, pages: PageServer) -> None:
        self.fake, self.pages = fake, pages

    def say(self, chat: int, text: str, *, timeout: float = 60) -> str:
        before = len(self.fake.bot_messages(chat))
        self.fake.send_text(chat, text)
        self.fake.wait_for(lambda: len(self.fake.bot_messages(chat)) > before, timeout)
        texts = [m["text"] for m in self.fake.bot_messages(chat)[before:]]
        for t in texts:
            assert "something went wrong" not in t.lower()
            assert len(t) <= 4096
        return "\n".join(texts)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    db = tmp_path_factory.mktemp("titles") / "bot.db"
    with FakeBotAPI(FAKE_TOKEN) as fake, PageServer() as pages:
        bot = BotProcess(fake, db)
        try:
            bot.start()
            yield Env(fake, pages)
        finally:
            bot.close()


def _page(title: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in plain_article().split("\n\n"))
    return f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"


def _feed(title: str, link: str) -> str:
    body = " ".join(plain_article().split("\n\n")) * 3
    items = "".join(
        f"<item><title>{title}</title><link>{link}/{i}</link><guid>{link}/{i}</guid>"
        f"<description><![CDATA[<p>{body}</p>]]></description></item>"
        for i in range(2)
    )
    head = f"<title>{title}</title>" if title else ""
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>{head}'
        f"<link>{link}</link><description>x</description>{items}</channel></rss>"
    )


def test_a_page_with_a_huge_title(env: Env) -> None:
    chat = next(_chats)
    url = env.pages.add_html("/huge-title.html", _page(HUGE))
    assert "Council votes" in env.say(chat, url)
    assert "— from Council votes" in env.say(chat, "How many signatures did residents collect?")
    assert "doesn't say" in env.say(chat, "Who painted the ceiling of the chapel?")
    assert "Now answering about" in env.say(chat, "/use 1")
    assert "Council votes" in env.say(chat, "/articles")
    assert "Council votes" in env.say(chat, "/search signatures")


def test_feeds_with_a_huge_title_or_a_huge_address(env: Env) -> None:
    chat = next(_chats)
    titled = env.pages.add(
        "/titled.xml", _feed(HUGE, "https://harbour.example/s"), content_type="application/rss+xml"
    )
    long_path = "/untitled-" + "x" * 2_500 + ".xml"
    untitled = env.pages.add(
        long_path, _feed("", "https://harbour.example/u"), content_type="application/rss+xml"
    )
    assert "Following" in env.say(chat, f"/follow {titled}")
    assert "Following" in env.say(chat, f"/follow {untitled}")
    assert "Council votes" in env.say(chat, "/feeds")
    assert "digest" in env.say(chat, "/digest", timeout=90).lower()
    assert "Stopped following" in env.say(chat, "/unfollow 2")
