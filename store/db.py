"""The SQLite Store: the table modules put together over one writer and a few readers."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import TracebackType
from typing import Self

from bot.errors import StorageError
from store import schema
from store.articles import ArticleTables
from store.exports import ExportTables
from store.maintenance import Maintenance
from store.search import match_query
from store.sqlite import (
    BUSY,
    FULL_OR_READONLY,
    TOO_NEW,
    TOO_SLOW,
    Connections,
    connect,
    storage_error,
    target_of,
    translated,
)
from store.subscriptions import DigestTables

__all__ = ["BUSY", "FULL_OR_READONLY", "TOO_NEW", "TOO_SLOW", "Store", "match_query"]


class Store(ArticleTables, DigestTables, ExportTables, Maintenance):
    """Per-chat persistence for articles, settings, questions, sentence search and digests.

    Safe to call from several threads: writes are serialised on the one writer connection,
    reads run on a small pool of WAL reader connections and never wait for a write. Every
    public method raises StorageError when the disk is full or the database is read-only, and
    a failed write leaves the database as it was.
    """

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open (creating if needed) and migrate the database at `path`.

        `path` may be ":memory:" or an SQLite "file:" URI (e.g. "file:bot.db?mode=ro").
        """
        target, uri = target_of(path)
        with translated():
            conn = connect(target, uri)
            try:
                conn.execute("PRAGMA foreign_keys = ON")
                if (
                    schema.user_version(conn) == 0
                    and not conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone()
                ):
                    # Only a new file can choose this without a VACUUM: freed pages can then
                    # be given back in small steps (maintenance) instead of never.
                    conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
                try:
                    conn.execute("PRAGMA journal_mode = WAL")
                except sqlite3.OperationalError as exc:
                    # A read-only database can still be read; writes will report it.
                    if storage_error(exc) is None:
                        raise
                conn.execute("PRAGMA synchronous = NORMAL")
                try:
                    version = schema.migrate(conn)
                except schema.SchemaTooNew as exc:
                    raise StorageError(TOO_NEW) from exc
            except BaseException:
                conn.close()
                raise
        return cls(Connections(conn, target, uri), version)

    def close(self) -> None:
        self._connections.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self._version
