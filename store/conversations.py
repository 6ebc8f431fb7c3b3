"""The SQL behind each chat's conversation state (one row per chat, replaced after every
answer), called inside Store's transactions."""

from __future__ import annotations

import json
import sqlite3

from store.records import Conversation

# Names are short; a hostile answer must not make the row grow without bound.
MAX_NAMES = 8
MAX_TEXT = 1000


def load(conn: sqlite3.Connection, chat_id: int) -> Conversation | None:
    row = conn.execute(
        "SELECT article_id, people_json, things_json, last_question, last_answer "
        "FROM conversations WHERE chat_id = ?",
        (chat_id,),
    ).fetchone()
    if row is None or row[0] is None:
        return None
    return Conversation(
        article_id=int(row[0]),
        people=_names(row[1]),
        things=_names(row[2]),
        last_question=row[3],
        last_answer=row[4],
    )


def save(conn: sqlite3.Connection, chat_id: int, state: Conversation, now: str) -> None:
    """Replace the chat's state; nothing is written when the article is not this chat's."""
    conn.execute(
        "INSERT OR REPLACE INTO conversations (chat_id, article_id, people_json, things_json, "
        "last_question, last_answer, updated_at) "
        "SELECT ?, id, ?, ?, ?, ?, ? FROM articles WHERE id = ? AND chat_id = ?",
        (
            chat_id,
            json.dumps([n[:MAX_TEXT] for n in state.people[:MAX_NAMES]]),
            json.dumps([n[:MAX_TEXT] for n in state.things[:MAX_NAMES]]),
            (state.last_question or "")[:MAX_TEXT] or None,
            (state.last_answer or "")[:MAX_TEXT] or None,
            now,
            state.article_id,
            chat_id,
        ),
    )


def forget(conn: sqlite3.Connection, chat_id: int) -> None:
    conn.execute("DELETE FROM conversations WHERE chat_id = ?", (chat_id,))


def _names(value: str | None) -> tuple[str, ...]:
    try:
        names = json.loads(value or "[]")
    except ValueError:
        return ()
    if not isinstance(names, list):
        return ()
    return tuple(n for n in names if isinstance(n, str))
