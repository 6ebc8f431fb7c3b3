"""The SQL behind each chat's conversation state (one row per chat, replaced after every
answer) and the state each answer message left (for a follow-up sent as a reply to it), called
inside Store's transactions."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from store.records import Conversation

# Names are short; a hostile answer must not make the row grow without bound.
MAX_NAMES = 8
MAX_TEXT = 1000


_COLUMNS = "article_id, people_json, things_json, last_question, last_answer"


def load(conn: sqlite3.Connection, chat_id: int) -> Conversation | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM conversations WHERE chat_id = ?", (chat_id,)
    ).fetchone()
    return _state(row)


def load_for_message(
    conn: sqlite3.Connection, chat_id: int, message_id: int
) -> Conversation | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM answer_contexts WHERE chat_id = ? AND message_id = ?",
        (chat_id, message_id),
    ).fetchone()
    return _state(row)


def _state(row: sqlite3.Row | None) -> Conversation | None:
    if row is None or row[0] is None:
        return None
    return Conversation(
        article_id=int(row[0]),
        people=_names(row[1]),
        things=_names(row[2]),
        last_question=row[3],
        last_answer=row[4],
    )


def save(
    conn: sqlite3.Connection,
    chat_id: int,
    state: Conversation,
    now: str,
    message_ids: Sequence[int] = (),
) -> None:
    """Replace the chat's state, and note it as the state each of the answer's messages left;
    nothing is written when the article is not this chat's."""
    values = (
        json.dumps([n[:MAX_TEXT] for n in state.people[:MAX_NAMES]]),
        json.dumps([n[:MAX_TEXT] for n in state.things[:MAX_NAMES]]),
        (state.last_question or "")[:MAX_TEXT] or None,
        (state.last_answer or "")[:MAX_TEXT] or None,
    )
    conn.execute(
        "INSERT OR REPLACE INTO conversations (chat_id, article_id, people_json, things_json, "
        "last_question, last_answer, updated_at) "
        "SELECT ?, id, ?, ?, ?, ?, ? FROM articles WHERE id = ? AND chat_id = ?",
        (chat_id, *values, now, state.article_id, chat_id),
    )
    conn.executemany(
        "INSERT OR REPLACE INTO answer_contexts (chat_id, message_id, article_id, people_json, "
        "things_json, last_question, last_answer) "
        "SELECT ?, ?, id, ?, ?, ?, ? FROM articles WHERE id = ? AND chat_id = ?",
        [(chat_id, m, *values, state.article_id, chat_id) for m in message_ids],
    )


def forget(conn: sqlite3.Connection, chat_id: int) -> None:
    conn.execute("DELETE FROM conversations WHERE chat_id = ?", (chat_id,))
    conn.execute("DELETE FROM answer_contexts WHERE chat_id = ?", (chat_id,))


def _names(value: str | None) -> tuple[str, ...]:
    try:
        names = json.loads(value or "[]")
    except ValueError:
        return ()
    if not isinstance(names, list):
        return ()
    return tuple(n for n in names if isinstance(n, str))
