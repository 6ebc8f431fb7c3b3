"""Per-chat full-text search: what goes into the FTS5 index, and the queries that read it.

The index (`search_index`) is contentless: it holds only tokens, the sentences stay in the
article's paragraphs. Every token is prefixed with its chat ("123xbridge", "n456xbridge" for
chat -456), so a chat's query only ever reads that chat's posting lists: a common word costs what
it costs in the asking chat, whatever the other chats store, and bm25's statistics are the
chat's own. A row's id is (article id << SHIFT) | sentence index.

A contentless FTS5 row is deleted by giving the index the same tokens again, so `tokens()` must
stay exactly as it is for rows already indexed: changing it (or STOP_WORDS) needs a migration
that rebuilds the index.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable

SHIFT = 12
MAX_SENTENCES = 1 << SHIFT  # sentences past this many in one article are not searchable
MAX_QUERY_TERMS = 32
_WORD = re.compile(r"[^\W_]+")

# Function words left out of the index and of queries: they match nearly every sentence and
# only make a search slow. Frozen: see the module's docstring.
_STOP_TEXT = """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    s t d ll m re ve"""
STOP_WORDS = frozenset(_STOP_TEXT.split())


def row_id(article_id: int, index: int) -> int:
    return (article_id << SHIFT) | index


def article_of(rowid: int) -> tuple[int, int]:
    """(article id, sentence index) of an index row."""
    return rowid >> SHIFT, rowid & (MAX_SENTENCES - 1)


def chat_prefix(chat_id: int) -> str:
    return f"n{-chat_id}x" if chat_id < 0 else f"{chat_id}x"


def _words(text: str) -> list[str]:
    return [word for word in _WORD.findall(text.lower()) if word not in STOP_WORDS]


def tokens(chat_id: int, sentence: str) -> str:
    """The text indexed for one sentence of the chat ('' when it has only stop words)."""
    found = _words(sentence)
    if not found:
        return ""
    prefix = chat_prefix(chat_id)
    return prefix + (" " + prefix).join(found)


def match_query(chat_id: int, text: str) -> str | None:
    """User text as a safe FTS5 query on the chat's tokens: each word quoted, joined with OR.

    None when the text has no words that are not stop words.
    """
    prefix = chat_prefix(chat_id)
    terms: list[str] = []
    for word in _words(text):
        token = '"' + (prefix + word).replace('"', '""') + '"'
        if token not in terms:
            terms.append(token)
        if len(terms) == MAX_QUERY_TERMS:
            break
    return " OR ".join(terms) if terms else None


def _rows(chat_id: int, article_id: int, sentences: Iterable[str]) -> list[tuple[int, str]]:
    out = []
    for index, sentence in enumerate(sentences):
        if index >= MAX_SENTENCES:
            break
        body = tokens(chat_id, sentence)
        if body:
            out.append((row_id(article_id, index), body))
    return out


def index_article(
    conn: sqlite3.Connection, chat_id: int, article_id: int, sentences: Iterable[str]
) -> None:
    conn.executemany(
        "INSERT INTO search_index (rowid, body) VALUES (?, ?)",
        _rows(chat_id, article_id, sentences),
    )


def unindex_article(
    conn: sqlite3.Connection, chat_id: int, article_id: int, sentences: Iterable[str]
) -> None:
    """Take an article's rows out of the index (the same tokens it was indexed with)."""
    conn.executemany(
        "INSERT INTO search_index (search_index, rowid, body) VALUES ('delete', ?, ?)",
        _rows(chat_id, article_id, sentences),
    )
