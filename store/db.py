"""The Store: one SQLite connection per process, hidden behind typed, per-chat methods."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import sqlite_utils

from bot.errors import NotFound, StorageError
from store import conversations, schema
from store.exports import ExportTables
from store.records import (
    DEFAULT_SENTENCES,
    DEFAULT_TIMEZONE,
    ArticleSummary,
    ChatSettings,
    Conversation,
    SearchHit,
    StoredArticle,
)
from store.subscriptions import DigestTables

FULL_OR_READONLY = (
    "I couldn't save that: the bot's storage is full or read-only. Nothing already stored was lost."
)
BUSY = "The bot's storage is busy right now. Please try again in a moment."
TOO_NEW = "The bot's database was written by a newer version of the bot; please upgrade."

_FULL_OR_READONLY_MARKERS = (
    "database or disk is full",
    "attempt to write a readonly database",
    "unable to open",
    "readonly database",
)
_BUSY_MARKERS = ("database is locked", "database is busy")

BUSY_TIMEOUT_MS = 5000
MAX_QUERY_TERMS = 32
_WORD = re.compile(r"\w+")

_ARTICLE_COLUMNS = (
    "id, chat_id, title, source, url, origin, byline, place, published, "
    "paragraphs_json, content_hash, created_at, language"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _parse_time(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def match_query(text: str) -> str | None:
    """Turn user text into a safe FTS5 query: each word a quoted token, joined with OR.

    Returns None when the text has no words (only punctuation or operators).
    """
    terms: list[str] = []
    for word in _WORD.findall(text):
        token = '"' + word.replace('"', '""') + '"'
        if token not in terms:
            terms.append(token)
        if len(terms) == MAX_QUERY_TERMS:
            break
    return " OR ".join(terms) if terms else None


def _storage_error(exc: sqlite3.Error) -> StorageError | None:
    """The friendly StorageError for an SQLite failure the user cannot fix, else None."""
    message = str(exc).lower()
    if any(marker in message for marker in _FULL_OR_READONLY_MARKERS):
        return StorageError(FULL_OR_READONLY)
    if any(marker in message for marker in _BUSY_MARKERS):
        return StorageError(BUSY)
    return None


@contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except (sqlite3.OperationalError, sqlite3.DatabaseError) as exc:
        friendly = _storage_error(exc)
        if friendly is None:
            raise
        raise friendly from exc


def _row_to_article(row: sqlite3.Row) -> StoredArticle:
    paragraphs = tuple(tuple(str(s) for s in para) for para in json.loads(row["paragraphs_json"]))
    return StoredArticle(
        id=row["id"],
        chat_id=row["chat_id"],
        title=row["title"],
        source=row["source"],
        url=row["url"],
        origin=row["origin"],
        byline=row["byline"],
        place=row["place"],
        published=row["published"],
        paragraphs=paragraphs,
        content_hash=row["content_hash"],
        created_at=_parse_time(row["created_at"]),
        language=row["language"],
    )


class Store(DigestTables, ExportTables):
    """Per-chat persistence for articles, settings, questions, sentence search and digests.

    Synchronous; meant to be driven from one thread (the connection allows another thread
    than the opener). Every public method raises StorageError when the disk is full or the
    database is read-only, and a failed write leaves the database as it was.
    """

    def __init__(self, conn: sqlite3.Connection, version: int) -> None:
        self._conn = conn
        self._version = version

    # ---- lifecycle ---------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open (creating if needed) and migrate the database at `path`.

        `path` may be ":memory:" or an SQLite "file:" URI (e.g. "file:bot.db?mode=ro").
        """
        target = str(path)
        uri = target.startswith("file:")
        if not uri and target != ":memory:":
            Path(target).expanduser().parent.mkdir(parents=True, exist_ok=True)
            target = str(Path(target).expanduser())
        with _translated():
            conn = sqlite3.connect(target, uri=uri, isolation_level=None, check_same_thread=False)
            try:
                conn.row_factory = sqlite3.Row
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
                conn.execute("PRAGMA foreign_keys = ON")
                try:
                    conn.execute("PRAGMA journal_mode = WAL")
                except sqlite3.OperationalError as exc:
                    # A read-only database can still be read; writes will report it.
                    if _storage_error(exc) is None:
                        raise
                conn.execute("PRAGMA synchronous = NORMAL")
                try:
                    version = schema.migrate(conn)
                except schema.SchemaTooNew as exc:
                    raise StorageError(TOO_NEW) from exc
            except BaseException:
                conn.close()
                raise
        return cls(conn, version)

    def close(self) -> None:
        self._conn.close()

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

    # ---- plumbing ----------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; rolled back entirely on any error."""
        with _translated():
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    def _one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        with _translated():
            row: sqlite3.Row | None = self._conn.execute(sql, params).fetchone()
            return row

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with _translated():
            return list(self._conn.execute(sql, params).fetchall())

    ARTICLE_COLUMNS = _ARTICLE_COLUMNS  # the columns _row_to_article reads (for the mixins)

    @staticmethod
    def _articles_of(rows: list[sqlite3.Row]) -> list[StoredArticle]:
        return [_row_to_article(r) for r in rows]

    @staticmethod
    def _insert_chat(conn: sqlite3.Connection, chat_id: int, title: str | None = None) -> None:
        conn.execute(
            "INSERT INTO chats (id, title, created_at) VALUES (?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET title = coalesce(excluded.title, chats.title)",
            (chat_id, title, _now()),
        )

    # ---- chats and settings ------------------------------------------------------------

    def ensure_chat(self, chat_id: int, title: str | None = None) -> None:
        """Create the chat row if missing; a non-None title replaces the stored one."""
        with self._write() as conn:
            self._insert_chat(conn, chat_id, title)

    def get_settings(self, chat_id: int) -> ChatSettings:
        row = self._one(
            "SELECT brief_sentences, method, timezone, language FROM chats WHERE id = ?",
            (chat_id,),
        )
        if row is None:
            return ChatSettings()
        return ChatSettings(
            sentences=row["brief_sentences"] if row["brief_sentences"] else DEFAULT_SENTENCES,
            method=row["method"],
            timezone=row["timezone"] or DEFAULT_TIMEZONE,
            language=row["language"],
        )

    def update_settings(
        self,
        chat_id: int,
        *,
        sentences: int | None = None,
        method: str | None = None,
        timezone: str | None = None,
        clear_method: bool = False,
        language: str | None = None,
        clear_language: bool = False,
    ) -> ChatSettings:
        """Change the given settings (None = keep; clear_method resets method to default,
        clear_language goes back to detecting)."""
        if sentences is not None and sentences < 1:
            raise ValueError("sentences must be at least 1")
        changes: dict[str, object] = {}
        if sentences is not None:
            changes["brief_sentences"] = sentences
        if clear_method:
            changes["method"] = None
        elif method is not None:
            changes["method"] = method
        if timezone is not None:
            changes["timezone"] = timezone
        if clear_language:
            changes["language"] = None
        elif language is not None:
            changes["language"] = language
        with self._write() as conn:
            self._insert_chat(conn, chat_id)
            if changes:
                assignments = ", ".join(f"{column} = ?" for column in changes)
                conn.execute(
                    f"UPDATE chats SET {assignments} WHERE id = ?", (*changes.values(), chat_id)
                )
        return self.get_settings(chat_id)

    # ---- articles ----------------------------------------------------------------------

    def add_article(
        self,
        chat_id: int,
        *,
        paragraphs: Sequence[Sequence[str]],
        title: str | None,
        source: str | None,
        url: str | None,
        origin: str,
        byline: str | None,
        place: str | None,
        published: str | None,
        content_hash: str,
        make_current: bool = True,
        language: str | None = None,
    ) -> tuple[StoredArticle, bool]:
        """Save an article and make it current; if the chat has its hash, reuse that one.

        Returns the stored article and whether it was newly created. Feed items arriving for
        a digest are saved with make_current=False: they must not change what questions are about.
        """
        paras = tuple(tuple(str(s) for s in para) for para in paragraphs)
        with self._write() as conn:
            self._insert_chat(conn, chat_id)
            row = conn.execute(
                "SELECT id FROM articles WHERE chat_id = ? AND content_hash = ?",
                (chat_id, content_hash),
            ).fetchone()
            created = row is None
            if row is None:
                cursor = conn.execute(
                    "INSERT INTO articles (chat_id, title, source, url, origin, byline, place, "
                    "published, text, paragraphs_json, content_hash, created_at, language) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        chat_id,
                        title,
                        source,
                        url,
                        origin,
                        byline,
                        place,
                        published,
                        "\n\n".join(" ".join(p) for p in paras),
                        json.dumps(paras, ensure_ascii=False),
                        content_hash,
                        _now(),
                        language,
                    ),
                )
                article_id = cursor.lastrowid
                sentences = [s for para in paras for s in para]
                conn.executemany(
                    "INSERT INTO sentences (article_id, chat_id, idx, text) VALUES (?, ?, ?, ?)",
                    [(article_id, chat_id, i, s) for i, s in enumerate(sentences)],
                )
            else:
                article_id = row["id"]
            if make_current:
                conn.execute(
                    "UPDATE chats SET current_article_id = ? WHERE id = ?", (article_id, chat_id)
                )
            stored = conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
        return _row_to_article(stored), created

    def get_article(self, chat_id: int, article_id: int) -> StoredArticle | None:
        """The chat's article with that id; None if missing or another chat's."""
        row = self._one(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ? AND chat_id = ?",
            (article_id, chat_id),
        )
        return None if row is None else _row_to_article(row)

    def current_article(self, chat_id: int) -> StoredArticle | None:
        row = self._one(
            f"SELECT {', '.join('a.' + c for c in _ARTICLE_COLUMNS.split(', '))} "
            "FROM chats c JOIN articles a ON a.id = c.current_article_id AND a.chat_id = c.id "
            "WHERE c.id = ?",
            (chat_id,),
        )
        return None if row is None else _row_to_article(row)

    def set_current(self, chat_id: int, article_id: int) -> StoredArticle:
        """Make one of the chat's articles current; NotFound if the chat has no such article."""
        with self._write() as conn:
            row = conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ? AND chat_id = ?",
                (article_id, chat_id),
            ).fetchone()
            if row is None:
                raise NotFound(f"There is no article {article_id} in this chat.")
            conn.execute(
                "UPDATE chats SET current_article_id = ? WHERE id = ?", (article_id, chat_id)
            )
        return _row_to_article(row)

    def list_articles(
        self, chat_id: int, *, limit: int = 10, offset: int = 0
    ) -> list[ArticleSummary]:
        """The chat's articles, newest first (position 1 = newest)."""
        rows = self._all(
            "SELECT a.id, a.title, a.source, a.created_at, "
            "(SELECT count(*) FROM sentences s WHERE s.article_id = a.id) AS n "
            "FROM articles a WHERE a.chat_id = ? ORDER BY a.id DESC LIMIT ? OFFSET ?",
            (chat_id, max(0, limit), max(0, offset)),
        )
        return [
            ArticleSummary(
                id=r["id"],
                title=r["title"],
                source=r["source"],
                created_at=_parse_time(r["created_at"]),
                number_of_sentences=r["n"],
            )
            for r in rows
        ]

    def article_by_position(self, chat_id: int, n: int) -> StoredArticle | None:
        """The n-th newest article of the chat (1 = newest), as numbered by list_articles."""
        if n < 1:
            return None
        row = self._one(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE chat_id = ? "
            "ORDER BY id DESC LIMIT 1 OFFSET ?",
            (chat_id, n - 1),
        )
        return None if row is None else _row_to_article(row)

    def count_articles(self, chat_id: int) -> int:
        row = self._one("SELECT count(*) FROM articles WHERE chat_id = ?", (chat_id,))
        return 0 if row is None else int(row[0])

    # ---- search and questions ----------------------------------------------------------

    def search(self, chat_id: int, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Sentences of the chat's articles matching any word of `query`, best first."""
        match = match_query(query)
        if match is None or limit < 1:
            return []
        rows = self._all(
            "SELECT s.article_id, a.title, s.text, -bm25(sentences_fts) AS score "
            "FROM sentences_fts "
            "JOIN sentences s ON s.id = sentences_fts.rowid "
            "JOIN articles a ON a.id = s.article_id "
            "WHERE sentences_fts MATCH ? AND s.chat_id = ? AND a.chat_id = ? "
            "ORDER BY bm25(sentences_fts), s.article_id DESC, s.idx LIMIT ?",
            (match, chat_id, chat_id, limit),
        )
        return [
            SearchHit(
                article_id=r["article_id"],
                title=r["title"],
                sentence=r["text"],
                score=float(r["score"]),
            )
            for r in rows
        ]

    def log_question(
        self,
        chat_id: int,
        article_id: int | None,
        question: str,
        answer_sentence: str | None,
        span: str | None,
        score: float | None,
        *,
        message_ids: Sequence[int] = (),
        conversation: Conversation | None = None,
    ) -> None:
        """Record a question and the answer given (article_id must be this chat's or None).

        `message_ids`: the bot's reply messages, remembered as being about the article (so a
        reply to the answer asks about it too) in the same transaction; `conversation`: the
        chat's conversation state after this answer, replacing the previous one.
        """
        with self._write() as conn:
            self._insert_chat(conn, chat_id)
            if article_id is not None:
                owned = conn.execute(
                    "SELECT 1 FROM articles WHERE id = ? AND chat_id = ?", (article_id, chat_id)
                ).fetchone()
                if owned is None:
                    raise NotFound(f"There is no article {article_id} in this chat.")
            conn.execute(
                "INSERT INTO questions (chat_id, article_id, question, answer_sentence, span, "
                "score, asked_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (chat_id, article_id, question, answer_sentence, span, score, _now()),
            )
            if article_id is not None and message_ids:
                conn.executemany(
                    "INSERT OR REPLACE INTO article_messages (chat_id, message_id, article_id) "
                    "VALUES (?, ?, ?)",
                    [(chat_id, m, article_id) for m in message_ids],
                )
            if conversation is not None:
                conversations.save(conn, chat_id, conversation, _now())

    def conversation(self, chat_id: int) -> Conversation | None:
        """The chat's conversation state (what the last answer was about), if any."""
        with _translated():
            return conversations.load(self._conn, chat_id)

    # ---- maintenance -------------------------------------------------------------------

    def forget(self, chat_id: int) -> int:
        """Delete everything stored for the chat; returns how many articles were deleted."""
        with self._write() as conn:
            row = conn.execute(
                "SELECT count(*) FROM articles WHERE chat_id = ?", (chat_id,)
            ).fetchone()
            conn.execute("UPDATE chats SET current_article_id = NULL WHERE id = ?", (chat_id,))
            conn.execute("DELETE FROM questions WHERE chat_id = ?", (chat_id,))
            conn.execute("DELETE FROM article_messages WHERE chat_id = ?", (chat_id,))
            conversations.forget(conn, chat_id)
            self.forget_digests(conn, chat_id)
            # The sentences_ad trigger removes each sentence from the FTS index.
            conn.execute("DELETE FROM sentences WHERE chat_id = ?", (chat_id,))
            conn.execute("DELETE FROM articles WHERE chat_id = ?", (chat_id,))
            conn.execute("DELETE FROM chats WHERE id = ?", (chat_id,))
        return int(row[0])

    def remember_message(self, chat_id: int, message_id: int, article_id: int) -> None:
        """Note that a message sent in the chat (a brief or an answer) is about that article."""
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO article_messages (chat_id, message_id, article_id) "
                "SELECT ?, ?, id FROM articles WHERE id = ? AND chat_id = ?",
                (chat_id, message_id, article_id, chat_id),
            )

    def article_for_message(self, chat_id: int, message_id: int) -> StoredArticle | None:
        """The chat's article that a message of the bot was about, if it is known."""
        row = self._one(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE chat_id = ? AND id = "
            "(SELECT article_id FROM article_messages WHERE chat_id = ? AND message_id = ?)",
            (chat_id, chat_id, message_id),
        )
        return None if row is None else _row_to_article(row)

    def stats(self) -> dict[str, int]:
        """Rows per table (the full-text index's own tables left out), for operators."""
        db = sqlite_utils.Database(self._conn)
        with _translated():
            return {
                name: db.table(name).count
                for name in db.table_names()
                if not name.startswith(("sentences_fts", "sqlite_"))
            }

    def integrity_check(self) -> str:
        """'ok', or a description of what SQLite, foreign keys or the FTS index found wrong."""
        problems: list[str] = []
        with _translated():
            for (line,) in self._conn.execute("PRAGMA integrity_check").fetchall():
                if line != "ok":
                    problems.append(str(line))
            for bad in self._conn.execute("PRAGMA foreign_key_check").fetchall():
                problems.append(f"foreign key: {tuple(bad)}")
            try:
                self._conn.execute(
                    "INSERT INTO sentences_fts(sentences_fts, rank) VALUES ('integrity-check', 1)"
                )
            except sqlite3.DatabaseError as exc:
                # FTS5 runs its check as a write; a read-only database skips it.
                if "readonly" not in str(exc).lower():
                    problems.append(f"search index: {exc}")
        return "ok" if not problems else "\n".join(problems)
