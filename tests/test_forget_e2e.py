"""/forget through the real process: a paste still arriving is dropped, not stored after the
delete; in a group only the member who asked (or an admin) can confirm; the count is real."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import Store
from tests.botprocess import FAKE_TOKEN, BotProcess
from tests.builders import pasted_page
from tests.fakebotapi import FakeBotAPI

_chats = itertools.count(9950)
MENTION = "@articlebot_test_bot"


class Env:
    def __init__(self, fake: FakeBotAPI, db: Path) -> None:
        self.fake, self.db = fake, db

    def articles(self, chat: int) -> int:
        with Store.open(self.db) as store:
            return store.count_articles(chat)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    db = tmp_path_factory.mktemp("forget") / "bot.db"
    with FakeBotAPI(FAKE_TOKEN) as fake:
        # A long merge wait, so the paste is still pending when /forget is confirmed.
        bot = BotProcess(fake, db, env_extra={"ARTICLEBOT_MERGE_SECONDS": "6"})
        try:
            bot.start()
            yield Env(fake, db)
        finally:
            bot.close()


def _confirmation(fake: FakeBotAPI, chat: int, before: int) -> dict:  # type: ignore[type-arg]
    msgs = fake.wait_for_messages(chat, before + 1, timeout=60)
    confirm = msgs[before]
    assert "Are you sure" in confirm["text"]
    return confirm


def _yes(confirm: dict) -> str:  # type: ignore[type-arg]
    return str(confirm["reply_markup"]["inline_keyboard"][0][0]["callback_data"])


def test_forget_drops_a_paste_still_arriving(env: Env) -> None:
    chat = next(_chats)
    env.fake.send_text(chat, pasted_page())
    env.fake.wait_for_messages(chat, 1, timeout=60)
    long_part = ("The harbour council met again on Tuesday to talk about the barrier. " * 60)[:4000]
    env.fake.send_text(chat, long_part)  # the first part of a split paste: the bot waits
    env.fake.send_text(chat, "/forget")
    confirm = _confirmation(env.fake, chat, 1)
    env.fake.press_button(chat, confirm["message_id"], _yes(confirm))
    env.fake.wait_for(
        lambda: "deleted" in (env.fake.message(chat, confirm["message_id"]) or {}).get("text", ""),
        timeout=30,
    )
    done = env.fake.message(chat, confirm["message_id"])
    assert done is not None
    assert "(1 article)" in done["text"] and "dropped unread" in done["text"]
    time.sleep(7)  # past the merge wait: nothing may be stored or briefed now
    assert env.articles(chat) == 0
    assert len(env.fake.bot_messages(chat)) == 2


def test_in_a_group_only_the_asker_or_an_admin_confirms(env: Env) -> None:
    group = -next(_chats)
    asker, other, owner = 501, 502, 503
    env.fake.send_text(group, f"{MENTION} {pasted_page()}", chat_type="group", user_id=asker)
    env.fake.wait_for_messages(group, 1, timeout=60)
    env.fake.send_text(group, "/forget", chat_type="group", user_id=asker)
    confirm = _confirmation(env.fake, group, 1)

    env.fake.press_button(group, confirm["message_id"], _yes(confirm), user_id=other)
    env.fake.wait_for(
        lambda: any(
            c.params.get("show_alert") and "Only the member" in str(c.params.get("text"))
            for c in env.fake.calls("answerCallbackQuery")
        ),
        timeout=30,
    )
    assert env.articles(group) == 1

    env.fake.make_owner(group, owner)
    env.fake.press_button(group, confirm["message_id"], _yes(confirm), user_id=owner)
    env.fake.wait_for(
        lambda: "deleted" in (env.fake.message(group, confirm["message_id"]) or {}).get("text", ""),
        timeout=30,
    )
    assert env.articles(group) == 0


def test_the_asker_can_confirm_in_a_group(env: Env) -> None:
    group = -next(_chats)
    asker = 601
    env.fake.send_text(group, f"{MENTION} {pasted_page()}", chat_type="group", user_id=asker)
    env.fake.wait_for_messages(group, 1, timeout=60)
    env.fake.send_text(group, "/forget", chat_type="group", user_id=asker)
    confirm = _confirmation(env.fake, group, 1)
    env.fake.press_button(group, confirm["message_id"], _yes(confirm), user_id=asker)
    env.fake.wait_for(
        lambda: (
            "(1 article)" in (env.fake.message(group, confirm["message_id"]) or {}).get("text", "")
        ),
        timeout=30,
    )
    assert env.articles(group) == 0
