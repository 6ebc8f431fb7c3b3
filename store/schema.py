"""The database schema as an ordered list of migrations, tracked with PRAGMA user_version.

To change the schema, append a Migration; never edit one that has shipped.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Step = str | Callable[[sqlite3.Connection], None]


@dataclass(frozen=True)
class Migration:
    """One schema step: SQL statements (or callables taking the connection), run in order."""

    description: str
    steps: Sequence[Step]


_V1_CORE = Migration(
    "chats, articles, sentences with FTS5, questions",
    (
        """
        CREATE TABLE chats (
            id INTEGER PRIMARY KEY,
            title TEXT,
            created_at TEXT NOT NULL,
            current_article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
            brief_sentences INTEGER NOT NULL DEFAULT 3,
            method TEXT,
            timezone TEXT NOT NULL DEFAULT 'UTC'
        )
        """,
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
            title TEXT,
            source TEXT,
            url TEXT,
            origin TEXT NOT NULL,
            byline TEXT,
            place TEXT,
            published TEXT,
            text TEXT NOT NULL,
            paragraphs_json TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (chat_id, content_hash)
        )
        """,
        "CREATE INDEX articles_by_chat ON articles(chat_id, id)",
        "CREATE INDEX chats_by_current ON chats(current_article_id)",
        """
        CREATE TABLE sentences (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            chat_id INTEGER NOT NULL,
            idx INTEGER NOT NULL,
            text TEXT NOT NULL,
            UNIQUE (article_id, idx)
        )
        """,
        "CREATE INDEX sentences_by_chat ON sentences(chat_id)",
        """
        CREATE VIRTUAL TABLE sentences_fts USING fts5(
            text,
            chat_id UNINDEXED,
            article_id UNINDEXED,
            content='sentences',
            content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        )
        """,
        """
        CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
            INSERT INTO sentences_fts(rowid, text, chat_id, article_id)
            VALUES (new.id, new.text, new.chat_id, new.article_id);
        END
        """,
        """
        CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
            INSERT INTO sentences_fts(sentences_fts, rowid, text, chat_id, article_id)
            VALUES ('delete', old.id, old.text, old.chat_id, old.article_id);
        END
        """,
        """
        CREATE TRIGGER sentences_au AFTER UPDATE ON sentences BEGIN
            INSERT INTO sentences_fts(sentences_fts, rowid, text, chat_id, article_id)
            VALUES ('delete', old.id, old.text, old.chat_id, old.article_id);
            INSERT INTO sentences_fts(rowid, text, chat_id, article_id)
            VALUES (new.id, new.text, new.chat_id, new.article_id);
        END
        """,
        """
        CREATE TABLE questions (
            id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
            article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
            question TEXT NOT NULL,
            answer_sentence TEXT,
            span TEXT,
            score REAL,
            asked_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX questions_by_chat ON questions(chat_id)",
        "CREATE INDEX questions_by_article ON questions(article_id)",
    ),
)

_V2_MESSAGES = Migration(
    "which article each brief or answer message belongs to (replies ask about that article)",
    (
        """
        CREATE TABLE article_messages (
            chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
            message_id INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (chat_id, message_id)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX article_messages_by_article ON article_messages(article_id)",
    ),
)

_V3_DIGESTS = Migration(
    "daily digest subscriptions, followed feeds and the feed items already seen",
    (
        """
        CREATE TABLE subscriptions (
            chat_id INTEGER PRIMARY KEY REFERENCES chats(id) ON DELETE CASCADE,
            at_minute INTEGER NOT NULL,
            timezone TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            empty_note INTEGER NOT NULL DEFAULT 0,
            last_sent_day TEXT,
            last_article_id INTEGER,
            created_at TEXT NOT NULL,
            stopped_reason TEXT
        )
        """,
        "CREATE INDEX subscriptions_active ON subscriptions(active)",
        """
        CREATE TABLE followed_feeds (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            title TEXT,
            etag TEXT,
            last_modified TEXT,
            checked_at TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (chat_id, url)
        )
        """,
        """
        CREATE TABLE feed_items (
            feed_id INTEGER NOT NULL REFERENCES followed_feeds(id) ON DELETE CASCADE,
            chat_id INTEGER NOT NULL,
            guid TEXT NOT NULL,
            link TEXT,
            article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (feed_id, guid)
        )
        """,
        "CREATE INDEX feed_items_by_link ON feed_items(chat_id, link)",
        "CREATE INDEX feed_items_by_article ON feed_items(article_id)",
    ),
)

_V4_CONVERSATIONS = Migration(
    "each chat's conversation state: the last answer's article, people and things, last question",
    (
        """
        CREATE TABLE conversations (
            chat_id INTEGER PRIMARY KEY REFERENCES chats(id) ON DELETE CASCADE,
            article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
            people_json TEXT NOT NULL DEFAULT '[]',
            things_json TEXT NOT NULL DEFAULT '[]',
            last_question TEXT,
            last_answer TEXT,
            updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX conversations_by_article ON conversations(article_id)",
    ),
)

_V5_LANGUAGES = Migration(
    "each article's language (ISO 639-1 code, 'und' when unknown) and a chat's chosen language",
    (
        "ALTER TABLE articles ADD COLUMN language TEXT",
        "ALTER TABLE chats ADD COLUMN language TEXT",
    ),
)

_V6_FEED_FILTERS = Migration(
    "a filter per followed feed: '+word -word' (empty keeps every item)",
    ("ALTER TABLE followed_feeds ADD COLUMN filters TEXT NOT NULL DEFAULT ''",),
)


def _fill_search_index(conn: sqlite3.Connection) -> None:
    """Index every stored article's sentences with per-chat tokens (store/search.py)."""
    from store import search

    cursor = conn.execute("SELECT id, chat_id, paragraphs_json FROM articles")
    while batch := cursor.fetchmany(500):
        for article_id, chat_id, paragraphs_json in batch:
            sentences = [s for para in json.loads(paragraphs_json) for s in para]
            search.index_article(conn, chat_id, article_id, sentences)


def _fill_next_due(conn: sqlite3.Connection) -> None:
    from store.subscriptions import next_due

    found = conn.execute("SELECT chat_id, at_minute, timezone, last_sent_day FROM subscriptions")
    conn.executemany(
        "UPDATE subscriptions SET next_due = ? WHERE chat_id = ?",
        [(next_due(at, zone, day), chat) for chat, at, zone, day in found.fetchall()],
    )


_V7_SCALE = Migration(
    "one copy of the text, a per-chat search index, indexed next digest, queued forgets",
    (
        # The sentences table and articles.text repeated paragraphs_json: derive them instead.
        "ALTER TABLE articles ADD COLUMN sentence_count INTEGER NOT NULL DEFAULT 0",
        "UPDATE articles SET sentence_count = "
        "(SELECT count(*) FROM sentences s WHERE s.article_id = articles.id)",
        """
        CREATE VIRTUAL TABLE search_index USING fts5(
            body, content='', tokenize='unicode61 remove_diacritics 2'
        )
        """,
        _fill_search_index,
        "DROP TRIGGER sentences_ai",
        "DROP TRIGGER sentences_ad",
        "DROP TRIGGER sentences_au",
        "DROP TABLE sentences_fts",
        "DROP TABLE sentences",
        "ALTER TABLE articles DROP COLUMN text",
        "ALTER TABLE subscriptions ADD COLUMN next_due INTEGER NOT NULL DEFAULT 0",
        _fill_next_due,
        "DROP INDEX subscriptions_active",
        "CREATE INDEX subscriptions_due ON subscriptions(next_due) WHERE active = 1",
        """
        CREATE TABLE forget_queue (
            chat_id INTEGER PRIMARY KEY,
            up_to_article INTEGER NOT NULL,
            queued_at TEXT NOT NULL
        )
        """,
    ),
)

_V8_ANSWER_CONTEXTS = Migration(
    "the conversation state each answer message left, for follow-ups sent as replies to it",
    (
        """
        CREATE TABLE answer_contexts (
            chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
            message_id INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            people_json TEXT NOT NULL DEFAULT '[]',
            things_json TEXT NOT NULL DEFAULT '[]',
            last_question TEXT,
            last_answer TEXT,
            PRIMARY KEY (chat_id, message_id)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX answer_contexts_by_article ON answer_contexts(article_id)",
    ),
)

# Index i holds the migration that takes user_version from i to i + 1.
MIGRATIONS: tuple[Migration, ...] = (
    _V1_CORE,
    _V2_MESSAGES,
    _V3_DIGESTS,
    _V4_CONVERSATIONS,
    _V5_LANGUAGES,
    _V6_FEED_FILTERS,
    _V7_SCALE,
    _V8_ANSWER_CONTEXTS,
)

LATEST_VERSION = len(MIGRATIONS)


class SchemaTooNew(Exception):
    """The database was written by a newer articlebot than this one."""


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the database up to the newest version, one transaction per migration.

    `conn` must be in autocommit mode (isolation_level=None). Returns the final version.
    """
    version = user_version(conn)
    if version > len(migrations):
        raise SchemaTooNew(f"database schema version {version} > {len(migrations)}")
    for number in range(version, len(migrations)):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for step in migrations[number].steps:
                if isinstance(step, str):
                    conn.execute(step)
                else:
                    step(conn)
            # PRAGMA cannot take parameters; the value is our own int.
            conn.execute(f"PRAGMA user_version = {number + 1:d}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        version = number + 1
    return version
