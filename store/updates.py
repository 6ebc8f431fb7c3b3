"""The update journal: which Telegram updates are being handled, so that one which killed or
froze the process is not handled forever.

Each update is written here, with its content, as it is received (before the bot asks for the
next batch, which confirms it to Telegram), counted when its handling starts, and deleted when
that ends. After a crash Telegram would not send the confirmed updates again: the bot replays the
ones written here that never finished. One that was started twice without finishing (it took the process down both
times) is skipped.

The journal is its own small SQLite file next to the database (`<db>-updates`): it is written
twice per update, and keeping it apart keeps those writes out of the articles' writer queue and
out of the schema's migrations. Deleting it loses nothing but the count.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

MAX_ATTEMPTS = 2
KEEP = timedelta(days=7)


class UpdateJournal:
    """Thread-safe; every method is one short transaction."""

    def __init__(self, path: str | Path) -> None:
        target = str(path)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA busy_timeout = 5000")
        if target != ":memory:":
            self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = NORMAL")
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS update_attempts ("
            " update_id INTEGER PRIMARY KEY, chat_id INTEGER, attempts INTEGER NOT NULL,"
            " last_failure TEXT, skipped INTEGER NOT NULL DEFAULT 0, at TEXT NOT NULL,"
            " payload TEXT)"
        )
        columns = {r[1] for r in self._conn.execute("PRAGMA table_info(update_attempts)")}
        if "payload" not in columns:  # a journal from before updates were replayed
            self._conn.execute("ALTER TABLE update_attempts ADD COLUMN payload TEXT")
        self.prune()

    @classmethod
    def beside(cls, db_file: str | Path) -> UpdateJournal:
        """The journal for a database file (in memory for an in-memory database)."""
        name = str(db_file)
        if name == ":memory:" or name.startswith("file::memory:"):
            return cls(":memory:")
        return cls(f"{name}-updates")

    def receive(self, updates: list[tuple[int, str]]) -> None:
        """Note a batch of (update_id, payload) as fetched, not yet started (attempts 0): from
        here on a crash replays them, even before their handling begins."""
        if not updates:
            return
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock:
            self._conn.executemany(
                "INSERT INTO update_attempts (update_id, attempts, at, payload)"
                " VALUES (?, 0, ?, ?) ON CONFLICT (update_id) DO NOTHING",
                [(update_id, now, payload) for update_id, payload in updates],
            )

    def begin(self, update_id: int, chat_id: int | None, payload: str | None = None) -> int:
        """Note that handling starts; returns how many times it has been started, this one included.

        `payload`: the update as JSON, replayed after a crash (`unfinished`). A skipped update
        stays skipped: its count is not raised again.
        """
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock:
            row = self._conn.execute(
                "INSERT INTO update_attempts (update_id, chat_id, attempts, at, payload)"
                " VALUES (?, ?, 1, ?, ?)"
                " ON CONFLICT (update_id) DO UPDATE SET"
                "  attempts = attempts + (1 - skipped), at = excluded.at,"
                "  chat_id = coalesce(chat_id, excluded.chat_id),"
                "  payload = coalesce(excluded.payload, payload)"
                " RETURNING attempts",
                (update_id, chat_id, now, payload),
            ).fetchone()
        return int(row[0])

    def unfinished(self) -> list[tuple[int, str]]:
        """(update_id, payload) of the updates a run received or started and never finished (it
        was killed or crashed), oldest first; not those stopped at their deadline or skipped."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT update_id, payload FROM update_attempts"
                " WHERE skipped = 0 AND last_failure IS NULL AND payload IS NOT NULL"
                " ORDER BY update_id"
            ).fetchall()
        return [(int(r[0]), str(r[1])) for r in rows]

    def fail(self, update_id: int, reason: str) -> None:
        """Handling timed out or crashed in the process: the attempt stays counted (the content
        is dropped: it is never replayed, and the journal keeps no message longer than needed)."""
        with self._lock:
            self._conn.execute(
                "UPDATE update_attempts SET last_failure = ?, payload = NULL WHERE update_id = ?",
                (reason[:200], update_id),
            )

    def skip(self, update_id: int) -> None:
        """Record that the update was skipped (it stays in the journal for a week)."""
        with self._lock:
            self._conn.execute(
                "UPDATE update_attempts SET skipped = 1, payload = NULL WHERE update_id = ?",
                (update_id,),
            )

    def finish(self, update_id: int) -> None:
        """Handling ended (well, or with an error the bot answered): forget the update."""
        with self._lock:
            self._conn.execute(
                "DELETE FROM update_attempts WHERE update_id = ? AND last_failure IS NULL",
                (update_id,),
            )

    def skipped(self) -> list[int]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT update_id FROM update_attempts WHERE skipped = 1 ORDER BY update_id"
            ).fetchall()
        return [int(r[0]) for r in rows]

    def prune(self) -> None:
        """Drop entries older than a week (Telegram keeps unconfirmed updates for 24 hours)."""
        cutoff = (datetime.now(UTC) - KEEP).isoformat(timespec="seconds")
        with self._lock:
            self._conn.execute("DELETE FROM update_attempts WHERE at < ?", (cutoff,))

    def close(self) -> None:
        with self._lock:
            self._conn.close()
