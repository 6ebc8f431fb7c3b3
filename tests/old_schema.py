"""A database as articlebot wrote it before the scale migration (schema version 6), for tests.

The rows are written exactly as the version-3 store wrote them: the text three times (articles.text,
paragraphs_json, one sentences row per sentence, indexed by sentences_fts through triggers).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from store.schema import MIGRATIONS, migrate

OLD_VERSION = (
    5  # chats, articles + sentences + FTS, questions, messages, digests, conversations, languages
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def open_old(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    assert migrate(conn, MIGRATIONS[:OLD_VERSION]) == OLD_VERSION
    return conn


def add_article_old(
    conn: sqlite3.Connection,
    chat_id: int,
    paragraphs: Sequence[Sequence[str]],
    *,
    content_hash: str,
    title: str | None = None,
    make_current: bool = True,
) -> int:
    conn.execute(
        "INSERT INTO chats (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
        (chat_id, _now()),
    )
    paras = [list(p) for p in paragraphs]
    cursor = conn.execute(
        "INSERT INTO articles (chat_id, title, source, url, origin, byline, place, published, "
        "text, paragraphs_json, content_hash, created_at) "
        "VALUES (?, ?, NULL, NULL, 'paste', NULL, NULL, NULL, ?, ?, ?, ?)",
        (
            chat_id,
            title,
            "\n\n".join(" ".join(p) for p in paras),
            json.dumps(paras, ensure_ascii=False),
            content_hash,
            _now(),
        ),
    )
    article_id = int(cursor.lastrowid or 0)
    sentences = [s for p in paras for s in p]
    conn.executemany(
        "INSERT INTO sentences (article_id, chat_id, idx, text) VALUES (?, ?, ?, ?)",
        [(article_id, chat_id, i, s) for i, s in enumerate(sentences)],
    )
    if make_current:
        conn.execute("UPDATE chats SET current_article_id = ? WHERE id = ?", (article_id, chat_id))
    return article_id


def add_many_old(
    conn: sqlite3.Connection, items: Iterable[tuple[int, Sequence[Sequence[str]], str]]
) -> None:
    """(chat, paragraphs, hash) rows in one transaction."""
    conn.execute("BEGIN")
    for chat_id, paragraphs, content_hash in items:
        add_article_old(conn, chat_id, paragraphs, content_hash=content_hash)
    conn.execute("COMMIT")
