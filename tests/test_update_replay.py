"""The update journal keeps each update's content until it is handled, so that the updates a
killed run never finished are handled after the restart (Telegram will not send them again),
once each."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from telegram import Update

from handlers.app import ChatOrderedProcessor
from store.updates import UpdateJournal


def _update(update_id: int, chat: int, text: str) -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 0,
            "chat": {"id": chat, "type": "private"},
            "from": {"id": chat, "is_bot": False, "first_name": "Reader"},
            "text": text,
        },
    }


def test_an_unfinished_update_is_kept_with_its_content(tmp_path: Path) -> None:
    journal = UpdateJournal.beside(tmp_path / "bot.db")
    journal.begin(1, 7, json.dumps(_update(1, 7, "first")))
    journal.begin(2, 7, json.dumps(_update(2, 7, "second")))
    journal.begin(3, 8, json.dumps(_update(3, 8, "slow")))
    journal.finish(1)
    journal.fail(3, "deadline")  # the reader was told it took too long: not replayed
    assert [(u, json.loads(p)["message"]["text"]) for u, p in journal.unfinished()] == [
        (2, "second")
    ]
    journal.skip(2)
    assert journal.unfinished() == []
    journal.close()
    # A failed or skipped update's count stays for a week; its message does not.
    with sqlite3.connect(tmp_path / "bot.db-updates") as conn:
        assert conn.execute("SELECT count(*) FROM update_attempts").fetchone()[0] == 2
        assert conn.execute("SELECT count(payload) FROM update_attempts").fetchone()[0] == 0


def test_a_received_update_is_replayed_even_before_its_handling_began(tmp_path: Path) -> None:
    """The bot journals each fetched batch before it asks for the next (which confirms the batch
    to Telegram): a kill in between loses nothing, and the first start counts as attempt 1."""
    journal = UpdateJournal.beside(tmp_path / "bot.db")
    journal.receive([(5, json.dumps(_update(5, 7, "queued"))), (6, json.dumps(_update(6, 8, "x")))])
    journal.receive([(5, json.dumps(_update(5, 7, "queued")))])  # Telegram sent it again
    assert [u for u, _ in journal.unfinished()] == [5, 6]
    assert journal.begin(5, 7) == 1  # receiving is no attempt: the crash-loop count is unchanged
    journal.finish(5)
    assert [(u, json.loads(p)["message"]["text"]) for u, p in journal.unfinished()] == [(6, "x")]
    journal.close()


def test_a_journal_from_before_replays_gets_the_content_column(tmp_path: Path) -> None:
    path = tmp_path / "bot.db-updates"
    with sqlite3.connect(path) as conn:
        conn.execute(
            "CREATE TABLE update_attempts (update_id INTEGER PRIMARY KEY, chat_id INTEGER,"
            " attempts INTEGER NOT NULL, last_failure TEXT, skipped INTEGER NOT NULL"
            " DEFAULT 0, at TEXT NOT NULL)"
        )
        conn.execute("INSERT INTO update_attempts VALUES (5, 7, 1, NULL, 0, datetime('now'))")
    journal = UpdateJournal.beside(tmp_path / "bot.db")
    assert journal.unfinished() == []  # nothing to replay: Telegram sends those again
    assert journal.begin(5, 7, json.dumps(_update(5, 7, "again"))) == 2
    assert [u for u, _ in journal.unfinished()] == [5]
    journal.close()


@pytest.mark.asyncio
async def test_an_update_sent_again_after_its_replay_is_handled_once(tmp_path: Path) -> None:
    journal = UpdateJournal.beside(tmp_path / "bot.db")
    processor = ChatOrderedProcessor(4, journal=journal)
    handled: list[str] = []

    async def handle(text: str) -> None:
        handled.append(text)

    update = Update.de_json(_update(9, 7, "replayed"), None)
    await processor.do_process_update(update, handle("replayed"))
    await processor.do_process_update(update, handle("sent again"))
    assert handled == ["replayed"]
    assert journal.unfinished() == []  # finished: nothing left for the next start
    await processor.shutdown()
