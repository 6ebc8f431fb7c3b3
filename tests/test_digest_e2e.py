"""Digests end to end: the real bot process, a fake Bot API on loopback, the real clock.

A subscription a minute ahead arrives once; one that falls due while the bot is stopped arrives
after the restart, once; a thousand subscribers with injected 429s and 403s each get exactly one
digest and the blocked ones are unsubscribed.
"""

from __future__ import annotations

import time as clock
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from store import Store
from tests.botprocess import FAKE_TOKEN, BotProcess
from tests.fakebotapi import FakeBotAPI

TICK = {"ARTICLEBOT_DIGEST_TICK_SECONDS": "0.5"}
HEADER = "Your digest for"
SETTLE = 3.0  # seconds (six ticks) in which a second digest would have shown up


@pytest.fixture
def fake() -> Iterator[FakeBotAPI]:
    with FakeBotAPI(FAKE_TOKEN) as api:
        yield api


def digests(fake: FakeBotAPI, chat: int) -> list[dict[str, Any]]:
    return [m for m in fake.bot_messages(chat) if m.get("text", "").startswith(f"<b>{HEADER}")]


def article(n: int) -> str:
    return (
        f"Ferry line {n} adds an evening crossing\n\n"
        f"The ferry company said on Monday that line {n} would add an evening crossing from "
        "June. Islanders had asked for a later boat for years. The company said the extra trip "
        "would be paid for by the regional council, and tickets go on sale next week."
    )


def seed(store: Store, chat: int, at: datetime) -> None:
    """A chat with one saved article, subscribed (as if yesterday) for `at` UTC."""
    store.add_article(
        chat,
        paragraphs=[[f"Saved story {chat} says the pier {chat} reopens on Friday after repairs."]],
        title=f"Pier {chat} reopens",
        source=None,
        url=None,
        origin="paste",
        byline=None,
        place=None,
        published=None,
        content_hash=f"seed-{chat}",
    )
    due_day = at.date()
    store.subscribe(
        chat, time(at.hour, at.minute), "UTC", already_due_day=due_day - timedelta(days=1)
    )


def test_a_subscription_a_minute_ahead_arrives_once(fake: FakeBotAPI, tmp_path: Path) -> None:
    chat = 5001
    with BotProcess(fake, tmp_path / "bot.db", env_extra=TICK) as bot:
        fake.send_text(chat, article(1))
        fake.wait_for_messages(chat, 1, timeout=20)
        now = datetime.now(UTC)
        target = (now + timedelta(minutes=1)).replace(second=0, microsecond=0)
        if (target - now).total_seconds() < 5:
            target += timedelta(minutes=1)
        fake.send_text(chat, f"/subscribe {target:%H:%M} UTC")
        [confirm] = fake.wait_for_messages(chat, 2, timeout=20)[1:]
        assert f"<b>{target:%H:%M}</b> (UTC)" in confirm["text"]
        assert digests(fake, chat) == []
        wait = (target - datetime.now(UTC)).total_seconds() + 20
        fake.wait_for(lambda: digests(fake, chat), timeout=wait)
        arrived = datetime.now(UTC)
        assert arrived >= target, "the digest came before its time"
        clock.sleep(SETTLE)
        [digest] = digests(fake, chat)
        assert "Ferry line 1 adds an evening crossing" in digest["text"]
        assert bot.running, bot.log_tail()


def test_a_digest_due_while_stopped_arrives_after_restart_once(
    fake: FakeBotAPI, tmp_path: Path
) -> None:
    db = tmp_path / "bot.db"
    on_time, too_late = 5101, 5102
    bot = BotProcess(fake, db, env_extra=TICK)
    try:
        bot.start()
        for chat in (on_time, too_late):
            fake.send_text(chat, article(chat))
            fake.wait_for_messages(chat, 1, timeout=20)
        bot.stop()
        # While it is down, one digest falls due (10 minutes ago) and one is 4 hours overdue.
        now = datetime.now(UTC)
        with Store.open(db) as store:
            for chat, ago in ((on_time, timedelta(minutes=10)), (too_late, timedelta(hours=4))):
                due = now - ago
                store.subscribe(
                    chat,
                    time(due.hour, due.minute),
                    "UTC",
                    already_due_day=due.date() - timedelta(days=1),
                )
        bot.start()
        fake.wait_for(lambda: digests(fake, on_time), timeout=20)
        clock.sleep(SETTLE)
        bot.stop()
        bot.start()
        clock.sleep(SETTLE)
        assert len(digests(fake, on_time)) == 1
        assert digests(fake, too_late) == []
        assert "skipped" in bot.log_text()
    finally:
        bot.close()
    with Store.open(db) as store:
        late = store.get_subscription(too_late)
        assert late is not None and late.active and late.last_sent_day is not None


def poll(predicate: Callable[[], bool], timeout: float) -> None:
    """Check every half second, outside the fake's lock (the check is heavy with many chats)."""
    deadline = clock.monotonic() + timeout
    while not predicate():
        if clock.monotonic() > deadline:
            raise TimeoutError(f"not done within {timeout:.0f} s")
        clock.sleep(0.5)


def broadcast_under_faults(fake: FakeBotAPI, db: Path, count: int, blocked_every: int) -> None:
    chats = list(range(10_000, 10_000 + count))
    due = datetime.now(UTC) - timedelta(minutes=5)
    with Store.open(db) as store:
        for chat in chats:
            seed(store, chat, due)
    blocked = set(chats[::blocked_every])
    for chat in blocked:
        fake.block_chat(chat)
    fake.fail_next("sendMessage", status=429, retry_after=1, times=4)  # flood control for all
    for chat in chats[1:40:7]:
        fake.fail_next("sendMessage", chat_id=chat, status=429, retry_after=1, times=2)
    active = [c for c in chats if c not in blocked]
    bot = BotProcess(fake, db, env_extra=TICK)
    try:
        bot.start()
        try:
            poll(
                lambda: (
                    all(digests(fake, c) for c in active)
                    and {int(c.params["chat_id"]) for c in fake.calls("sendMessage")} >= blocked
                ),
                timeout=30 + count / 12,
            )
        except TimeoutError:
            missing = [c for c in active if not digests(fake, c)]
            problems = [ln for ln in bot.log_text().splitlines() if " INFO " not in ln]
            raise AssertionError(
                f"{len(missing)} chats without a digest, e.g. {missing[:5]}; log:\n"
                + "\n".join(problems[-40:])
            ) from None
        clock.sleep(SETTLE)
        assert bot.running, bot.log_tail()
    finally:
        bot.close()
    assert all(len(digests(fake, c)) == 1 for c in active)
    assert all(fake.bot_messages(c) == [] for c in blocked)
    with Store.open(db) as store:
        for chat in chats:
            sub = store.get_subscription(chat)
            assert sub is not None
            if chat in blocked:
                assert (sub.active, sub.stopped_reason) == (False, "blocked")
            else:
                assert sub.active and sub.last_sent_day == due.date()
    retried = [c for c in fake.calls("sendMessage") if int(c.params["chat_id"]) in active]
    assert len(retried) > len(active)  # the 429s were retried, not dropped


def test_a_thousand_subscribers_with_429s_and_403s_each_get_one_digest(
    fake: FakeBotAPI, tmp_path: Path
) -> None:
    broadcast_under_faults(fake, tmp_path / "bot.db", 1000, blocked_every=20)
