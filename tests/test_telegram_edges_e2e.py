"""Telegram's edges through the real process: a rejected token, an unreachable Bot API, channel
posts, forum topics, blocked users, updates the library cannot read, and updates that keep
failing."""

from __future__ import annotations

import itertools
import socket
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.botprocess import FAKE_TOKEN, BotProcess
from tests.builders import pasted_page
from tests.fakebotapi import FakeBotAPI
from tests.pages import PageServer

_chats = itertools.count(9800)
OTHER_TOKEN = "654321:" + "AAAnotherWellFormedButRevokedToken_x"[:35]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_exit(bot: BotProcess, timeout: float = 180) -> int:
    assert bot.proc is not None
    code = bot.proc.wait(timeout=timeout)
    bot._cleanup()
    return code


def test_a_revoked_token_is_one_line(tmp_path: Path) -> None:
    with FakeBotAPI(FAKE_TOKEN) as fake:
        bot = BotProcess(fake, tmp_path / "bot.db", env_extra={"TELEGRAM_BOT_TOKEN": OTHER_TOKEN})
        try:
            bot.start(wait_ready=False)
            assert _wait_exit(bot) == 2
            out = bot.log_text()
        finally:
            bot.close()
    assert out.strip() == "articlebot: Telegram rejected the token: get a new one from @BotFather"
    assert OTHER_TOKEN not in out and OTHER_TOKEN.split(":")[1] not in out


def test_an_unreachable_bot_api_is_retried_one_line_at_a_time(tmp_path: Path) -> None:
    port = _free_port()
    fake = FakeBotAPI(FAKE_TOKEN, port=port)
    bot = BotProcess(fake, tmp_path / "bot.db")
    try:
        bot.start(wait_ready=False)
        assert bot.wait_for_log("retrying in 2 s", timeout=60), bot.log_tail()
        fake.start()  # the API comes back on the same address
        fake.wait_for(lambda: fake.calls("getUpdates"), timeout=90)
        chat = next(_chats)
        fake.send_text(chat, pasted_page())
        fake.wait_for_messages(chat, 1, timeout=60)
        out = bot.log_text()
    finally:
        bot.close()
        fake.stop()
    retries = [line for line in out.splitlines() if "can't reach the Telegram Bot API" in line]
    assert len(retries) >= 2
    assert "Traceback" not in out
    assert FAKE_TOKEN not in out


class Env:
    def __init__(self, fake: FakeBotAPI, bot: BotProcess, pages: PageServer, db: Path) -> None:
        self.fake, self.bot, self.pages, self.db = fake, bot, pages, db


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    db = tmp_path_factory.mktemp("edges") / "bot.db"
    with FakeBotAPI(FAKE_TOKEN) as fake, PageServer() as pages:
        bot = BotProcess(fake, db, env_extra={"ARTICLEBOT_UPDATE_SECONDS": "6"})
        try:
            bot.start()
            yield Env(fake, bot, pages, db)
        finally:
            bot.close()
            assert FAKE_TOKEN not in bot.log_text()


def test_channel_posts_are_ignored_by_default(env: Env) -> None:
    channel = -1009800
    env.fake.queue_update(
        {
            "channel_post": {
                "message_id": 1,
                "chat": {"id": channel, "type": "channel", "title": "News desk"},
                "date": int(time.time()),
                "text": pasted_page(),
            }
        }
    )
    probe = next(_chats)
    env.fake.send_text(probe, pasted_page())
    env.fake.wait_for_messages(probe, 1, timeout=60)  # the channel post was handled before
    assert env.fake.bot_messages(channel) == []


def test_replies_stay_in_the_forum_topic(env: Env) -> None:
    group = -1009801
    topic = 42
    env.fake.send_text(group, "/start", chat_type="supergroup", message_thread_id=topic)
    env.fake.send_text(
        group,
        "@articlebot_test_bot " + pasted_page(),
        chat_type="supergroup",
        message_thread_id=topic,
    )
    env.fake.send_text(group, "/use ²", chat_type="supergroup", message_thread_id=topic)
    env.fake.send_text(group, "/summary", chat_type="supergroup", message_thread_id=topic)
    msgs = env.fake.wait_for_messages(group, 4, timeout=60)
    assert all(m.get("message_thread_id") == topic for m in msgs), [
        (m.get("message_thread_id"), m["text"][:40]) for m in msgs
    ]
    actions = [c for c in env.fake.calls("sendChatAction") if c.params.get("chat_id") == group]
    assert actions and all(c.params.get("message_thread_id") == topic for c in actions)
    assert "Traceback" not in env.bot.log_text(), env.bot.log_text()[-3000:]


def test_a_user_who_blocked_the_bot_is_one_info_line(env: Env) -> None:
    chat = next(_chats)
    env.fake.block_chat(chat)
    env.fake.send_text(chat, pasted_page())
    assert env.bot.wait_for_log(f"chat {chat} blocked the bot", timeout=60)
    lines = [line for line in env.bot.log_text().splitlines() if str(chat) in line]
    assert len(lines) == 1 and " INFO " in lines[0]
    assert "Traceback" not in env.bot.log_text()


def test_an_update_the_library_cannot_read_is_skipped_once(env: Env) -> None:
    env.fake.queue_update({"message": {"message_id": 1, "chat": "not a chat", "date": 0}})
    chat = next(_chats)
    env.fake.send_text(chat, pasted_page())
    env.fake.wait_for_messages(chat, 1, timeout=60)
    time.sleep(1)  # a few more polls: the bad update must not come back
    lines = [line for line in env.bot.log_text().splitlines() if "could not be read" in line]
    assert len(lines) == 1
    assert env.fake.pending_updates == 0


def test_an_update_past_its_deadline_is_stopped_and_noted(env: Env) -> None:
    url = env.pages.add_trickle("/slow")
    chat = next(_chats)
    env.fake.send_text(chat, url)
    msgs = env.fake.wait_for_messages(chat, 1, timeout=30)
    assert "took too long" in msgs[0]["text"]
    with sqlite3.connect(f"{env.db}-updates") as conn:
        failures = conn.execute(
            "SELECT count(*) FROM update_attempts WHERE last_failure = 'deadline'"
        ).fetchone()[0]
    assert failures >= 1


def test_an_update_that_crashed_the_bot_twice_is_skipped(tmp_path: Path) -> None:
    db = tmp_path / "bot.db"
    with FakeBotAPI(FAKE_TOKEN) as fake:
        chat = next(_chats)
        fake.send_text(chat, pasted_page())  # update 1: the one that took the bot down before
        with sqlite3.connect(f"{db}-updates") as conn:  # what two crashed runs left behind
            conn.execute(
                "CREATE TABLE update_attempts (update_id INTEGER PRIMARY KEY, chat_id INTEGER,"
                " attempts INTEGER NOT NULL, last_failure TEXT, skipped INTEGER NOT NULL"
                " DEFAULT 0, at TEXT NOT NULL)"
            )
            conn.execute(
                "INSERT INTO update_attempts VALUES (1, ?, 2, NULL, 0, datetime('now'))", (chat,)
            )
        with BotProcess(fake, db) as bot:
            msgs = fake.wait_for_messages(chat, 1, timeout=60)
            assert "skipped it" in msgs[0]["text"]
            fake.send_text(chat, pasted_page())
            msgs = fake.wait_for_messages(chat, 2, timeout=60)
            assert "Ana Ruiz" in msgs[1]["text"] or "Harbour" in msgs[1]["text"]
            assert fake.pending_updates == 0
            skipped = [ln for ln in bot.log_text().splitlines() if "skipped" in ln]
            assert len(skipped) == 1


def test_channel_posts_are_briefed_when_asked_for(tmp_path: Path) -> None:
    channel = -1009802
    with (
        FakeBotAPI(FAKE_TOKEN) as fake,
        BotProcess(fake, tmp_path / "bot.db", env_extra={"ARTICLEBOT_CHANNELS": "1"}),
    ):
        fake.queue_update(
            {
                "channel_post": {
                    "message_id": 1,
                    "chat": {"id": channel, "type": "channel", "title": "News desk"},
                    "date": int(time.time()),
                    "text": pasted_page(),
                }
            }
        )
        msgs = fake.wait_for_messages(channel, 1, timeout=60)
        assert "Flood barrier holds" in msgs[0]["text"]
