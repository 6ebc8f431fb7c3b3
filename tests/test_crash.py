"""Crash safety: SIGKILL the real bot while it stores a burst of articles, then restart it."""

from __future__ import annotations

import re
import time
from pathlib import Path

from store import Store
from tests.botprocess import BotProcess
from tests.fakebotapi import FakeBotAPI

CHATS = [7001, 7002, 7003, 7004]


def story(n: int) -> str:
    return "\n\n".join(
        [
            f"The harbor town of Kestrel Bay opened pier number {n} on Monday after a year of "
            f"repairs, the port authority said in a statement about project code KB{n:04d}.",
            f"The pier cost about {n + 2} million euros and can take ships up to {100 + n} meters "
            "long, according to harbor master Lena Brandt.",
            "Fishermen said the new pier would cut their waiting times in half during the busy "
            "summer season, when the old quay was often full by dawn.",
        ]
    )


def acknowledged(fake: FakeBotAPI) -> dict[int, set[str]]:
    """Per chat, the project codes of the articles the bot has sent a brief for."""
    out: dict[int, set[str]] = {}
    for chat in CHATS:
        codes: set[str] = set()
        for m in fake.bot_messages(chat):
            original = m.get("reply_to_message") or {}
            found = re.search(r"KB\d{4}", original.get("text", ""))
            if "min read" in m.get("text", "") and found:
                codes.add(found.group(0))
        out[chat] = codes
    return out


def test_kill_during_a_burst_loses_nothing_acknowledged(
    fake_api: FakeBotAPI, tmp_path: Path
) -> None:
    db = tmp_path / "crash.db"
    bot = BotProcess(fake_api, db, env_extra={"ARTICLEBOT_RATE_LIMIT": "0"})
    try:
        bot.start()
        for n in range(60):
            fake_api.send_text(CHATS[n % len(CHATS)], story(n))
        fake_api.wait_for(lambda: sum(len(v) for v in acknowledged(fake_api).values()) >= 12, 60)
        bot.kill()  # SIGKILL in the middle of the burst
        acked = acknowledged(fake_api)
        assert 12 <= sum(len(v) for v in acked.values()) < 60

        with Store.open(db) as store:
            assert store.integrity_check() == "ok"
            for chat, codes in acked.items():
                stored = " ".join(
                    s
                    for a in store.list_articles(chat, limit=100)
                    for s in (store.get_article(chat, a.id) or _missing()).sentences
                )
                for code in codes:
                    assert code in stored, f"chat {chat} lost acknowledged article {code}"

        # The bot comes back and goes on serving, from where the database is. Telegram had
        # confirmed every update the killed bot fetched (it fetches the next batch while it still
        # handles the last), so the updates it never finished come from its own journal: every
        # article sent before the kill gets its brief, each once in that run's replies.
        seen = {c: len(fake_api.bot_messages(c)) for c in CHATS}
        bot.start()
        try:
            fake_api.wait_for(
                lambda: sum(len(v) for v in acknowledged(fake_api).values()) == 60, 180
            )
        except TimeoutError:
            raise AssertionError(
                f"briefed {acknowledged(fake_api)} of 60; log:\n" + bot.log_tail(40)
            ) from None
        for chat in CHATS:
            later = fake_api.bot_messages(chat)[seen[chat] :]
            replied = [
                m["reply_to_message"]["message_id"] for m in later if "min read" in m["text"]
            ]
            assert len(replied) == len(set(replied)), f"chat {chat}: an article briefed twice"

        chat = CHATS[0]
        before = len(fake_api.bot_messages(chat))
        fake_api.send_text(chat, "How long can the ships be?")

        def answers() -> list[str]:
            later = fake_api.bot_messages(chat)[before:]
            return [m["text"] for m in later if "<blockquote>" in m["text"]]

        fake_api.wait_for(answers, 60)
        # The chat's latest article is its last story (n = 56): ships up to 156 meters.
        assert "<b>up to 156 meters</b> long" in answers()[0]
    finally:
        bot.close()


def _missing() -> object:
    raise AssertionError("listed article could not be read")


def test_kill_during_a_digest_broadcast_sends_no_duplicates(
    fake_api: FakeBotAPI, tmp_path: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    from tests.test_digest_e2e import HEADER, TICK, digests, poll, seed

    db = tmp_path / "broadcast.db"
    chats = list(range(20_000, 20_300))
    due = datetime.now(UTC) - timedelta(minutes=5)
    with Store.open(db) as store:
        for chat in chats:
            seed(store, chat, due)
    bot = BotProcess(fake_api, db, env_extra=TICK)
    try:
        bot.start()
        poll(lambda: sum(bool(digests(fake_api, c)) for c in chats) >= 60, 60)
        bot.kill()  # SIGKILL in the middle of the broadcast
        first_run = {c for c in chats if digests(fake_api, c)}
        assert 60 <= len(first_run) < len(chats)
        bot.start()
        # The rest are sent after the restart. A chat whose send was in flight when the process
        # died is not sent again (at most once a day): the broadcaster has at most 6 in flight.
        try:
            poll(lambda: sum(bool(digests(fake_api, c)) for c in chats) >= len(chats) - 6, 120)
        except TimeoutError:
            got = sum(bool(digests(fake_api, c)) for c in chats)
            raise AssertionError(
                f"{got} of {len(chats)}; first run {len(first_run)}; log:\n" + bot.log_tail(30)
            ) from None
        time.sleep(3)
        counts = [len(digests(fake_api, c)) for c in chats]
        assert max(counts) == 1, "a chat got the same digest twice"
        assert counts.count(0) <= 6
        with Store.open(db) as store:
            assert store.integrity_check() == "ok"
        assert HEADER
    finally:
        bot.close()


def test_kill_while_a_paste_waits_for_its_next_part_loses_nothing(
    fake_api: FakeBotAPI, tmp_path: Path
) -> None:
    """SIGKILL while the first part of a long paste waits for the rest: the part's handler has
    returned, but the paste is only held in memory. After the restart it is briefed."""
    db = tmp_path / "paste.db"
    chat = 7101
    part = " ".join(story(n).replace("\n\n", " ") for n in range(12))[:4000]
    assert len(part) >= 3500  # long enough to wait for a second part
    waiting = BotProcess(fake_api, db, env_extra={"ARTICLEBOT_MERGE_SECONDS": "60"})
    try:
        waiting.start()
        fake_api.send_text(chat, part)
        # Confirmed to Telegram: the bot has fetched it (and asked for the next batch).
        fake_api.wait_for(lambda: fake_api.pending_updates == 0, 20)
        time.sleep(0.5)  # its handler has run and returned: the part waits in the buffer
        waiting.kill()
        assert not [m for m in fake_api.bot_messages(chat) if "min read" in m["text"]]
    finally:
        waiting.close()
    bot = BotProcess(fake_api, db)
    try:
        bot.start()
        try:
            fake_api.wait_for(
                lambda: [m for m in fake_api.bot_messages(chat) if "min read" in m["text"]], 60
            )
        except TimeoutError:
            raise AssertionError("the paste was lost; log:\n" + bot.log_tail(40)) from None
        with Store.open(db) as store:
            assert len(store.list_articles(chat, limit=10)) == 1
    finally:
        bot.close()
