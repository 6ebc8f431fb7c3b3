"""SQLite plumbing: one writer connection, a small pool of WAL reader connections, error mapping.

Reads never wait behind writes: in WAL mode a reader sees the last committed state while the
writer works, so every read runs on a reader connection and only writes take the writer.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from bot.errors import StorageError
from store import rows

FULL_OR_READONLY = (
    "I couldn't save that: the bot's storage is full or read-only. Nothing already stored was lost."
)
BUSY = "The bot's storage is busy right now. Please try again in a moment."
TOO_NEW = "The bot's database was written by a newer version of the bot; please upgrade."
TOO_SLOW = "That search took too long. Try fewer or rarer words."

_FULL_OR_READONLY_MARKERS = (
    "database or disk is full",
    "attempt to write a readonly database",
    "unable to open",
    "readonly database",
)
_BUSY_MARKERS = ("database is locked", "database is busy")

BUSY_TIMEOUT_MS = 5000
READERS = 3

F = TypeVar("F", bound=Callable[..., Any])


def reads(fn: F) -> F:
    """Mark a store method that only reads: a caller may run it beside writes, on another thread."""
    fn.store_reads = True  # type: ignore[attr-defined]
    return fn


def only_reads(fn: Callable[..., Any]) -> bool:
    """Whether a (bound) store method only reads, so it need not queue behind the writer."""
    return bool(getattr(fn, "store_reads", False))


def storage_error(exc: sqlite3.Error) -> StorageError | None:
    """The friendly StorageError for an SQLite failure the user cannot fix, else None."""
    message = str(exc).lower()
    if any(marker in message for marker in _FULL_OR_READONLY_MARKERS):
        return StorageError(FULL_OR_READONLY)
    if any(marker in message for marker in _BUSY_MARKERS):
        return StorageError(BUSY)
    return None


@contextmanager
def translated() -> Iterator[None]:
    try:
        yield
    except (sqlite3.OperationalError, sqlite3.DatabaseError) as exc:
        friendly = storage_error(exc)
        if friendly is None:
            raise
        raise friendly from exc


def target_of(path: str | Path) -> tuple[str, bool]:
    """(what sqlite3.connect takes, whether it is a URI); creates a plain path's folder."""
    target = str(path)
    uri = target.startswith("file:")
    if not uri and target != ":memory:":
        Path(target).expanduser().parent.mkdir(parents=True, exist_ok=True)
        target = str(Path(target).expanduser())
    return target, uri


def connect(target: str, uri: bool) -> sqlite3.Connection:
    conn = sqlite3.connect(target, uri=uri, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
    return conn


class Connections:
    """The writer (behind a lock) and up to READERS reader connections, opened on demand.

    An in-memory database cannot be shared between connections, so there reads use the writer.
    """

    def __init__(self, writer: sqlite3.Connection, target: str, uri: bool) -> None:
        self.writer = writer
        self.write_lock = threading.RLock()
        self._target, self._uri = target, uri
        self._shared = target == ":memory:" or "mode=memory" in target
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        self._opened: list[sqlite3.Connection] = []
        self._open_lock = threading.Lock()

    def _reader(self) -> sqlite3.Connection:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._open_lock:
            if len(self._opened) < READERS:
                conn = connect(self._target, self._uri)
                # A reader must never write, even by mistake.
                conn.execute("PRAGMA query_only = 1")
                self._opened.append(conn)
                return conn
        return self._idle.get()

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        if self._shared:
            with self.write_lock:
                yield self.writer
            return
        conn = self._reader()
        try:
            yield conn
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            self._idle.put(conn)

    def target(self) -> tuple[str, bool]:
        """What to open for another connection to the same database."""
        return self._target, self._uri

    def close(self) -> None:
        for conn in self._opened:
            conn.close()
        self._opened.clear()
        self.writer.close()


class SQLiteTables:
    """The base of the store's table mixins: transactions and reads over Connections."""

    def __init__(self, connections: Connections, version: int) -> None:
        self._connections = connections
        self._version = version

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction on the writer; rolled back entirely on any error."""
        conn = self._connections.writer
        with translated(), self._connections.write_lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    @contextmanager
    def _read(self, *, seconds: float | None = None) -> Iterator[sqlite3.Connection]:
        """A reader connection in one read transaction (one snapshot for several statements).

        `seconds`: a time limit; past it the statement stops and StorageError(TOO_SLOW) is raised.
        """
        with translated(), self._connections.reading() as conn:
            if seconds is not None:
                deadline = time.monotonic() + seconds
                conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 2000)
            began = not conn.in_transaction  # an in-memory store reads on the writer
            try:
                if began:
                    conn.execute("BEGIN")
                yield conn
            except sqlite3.OperationalError as exc:
                if seconds is not None and "interrupted" in str(exc).lower():
                    raise StorageError(TOO_SLOW) from exc
                raise
            finally:
                if began and conn.in_transaction:
                    conn.execute("COMMIT")
                if seconds is not None:
                    conn.set_progress_handler(None, 0)

    def _one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        with self._read() as conn:
            row: sqlite3.Row | None = conn.execute(sql, params).fetchone()
            return row

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._read() as conn:
            return list(conn.execute(sql, params).fetchall())

    @staticmethod
    def _insert_chat(conn: sqlite3.Connection, chat_id: int, title: str | None = None) -> None:
        conn.execute(
            "INSERT INTO chats (id, title, created_at) VALUES (?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET title = coalesce(excluded.title, chats.title)",
            (chat_id, title, rows.now()),
        )
