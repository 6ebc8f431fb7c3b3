"""Chats, settings, articles, questions, message mapping and search: a chat's own rows."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from bot.errors import NotFound
from store import conversations, rows, search
from store.records import (
    DEFAULT_SENTENCES,
    DEFAULT_TIMEZONE,
    ArticleSummary,
    ChatSettings,
    Conversation,
    NewArticle,
    SearchHit,
    StoredArticle,
)
from store.sqlite import SQLiteTables, reads

SEARCH_SECONDS = 1.0  # a search stops past this (and says so) rather than hold a reader
MAX_RANKED = 600  # bm25 is worked out for at most about this many matching sentences


def _insert_article(conn: sqlite3.Connection, chat_id: int, new: NewArticle) -> tuple[int, bool]:
    """Insert unless the chat has the same hash; returns (article id, created)."""
    row = conn.execute(
        "SELECT id FROM articles WHERE chat_id = ? AND content_hash = ?",
        (chat_id, new.content_hash),
    ).fetchone()
    if row is not None:
        return int(row["id"]), False
    sentences = [s for para in new.paragraphs for s in para]
    cursor = conn.execute(
        "INSERT INTO articles (chat_id, title, source, url, origin, byline, place, published, "
        "paragraphs_json, sentence_count, content_hash, created_at, language) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            chat_id,
            new.title,
            new.source,
            new.url,
            new.origin,
            new.byline,
            new.place,
            new.published,
            json.dumps(new.paragraphs, ensure_ascii=False, separators=(",", ":")),
            len(sentences),
            new.content_hash,
            rows.now(),
            new.language,
        ),
    )
    article_id = int(cursor.lastrowid or 0)
    search.index_article(conn, chat_id, article_id, sentences)
    return article_id, True


class ArticleTables(SQLiteTables):
    """Per-chat articles, settings, questions and sentence search."""

    # ---- chats and settings ------------------------------------------------------------

    def ensure_chat(self, chat_id: int, title: str | None = None) -> None:
        """Create the chat row if missing; a non-None title replaces the stored one."""
        with self._write() as conn:
            self._insert_chat(conn, chat_id, title)

    @reads
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
        new = NewArticle(
            paragraphs=tuple(tuple(str(s) for s in para) for para in paragraphs),
            title=title,
            source=source,
            url=url,
            origin=origin,
            byline=byline,
            place=place,
            published=published,
            content_hash=content_hash,
            language=language,
        )
        with self._write() as conn:
            self._insert_chat(conn, chat_id)
            article_id, created = _insert_article(conn, chat_id, new)
            if make_current:
                conn.execute(
                    "UPDATE chats SET current_article_id = ? WHERE id = ?", (article_id, chat_id)
                )
            stored = conn.execute(
                f"SELECT {rows.ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
        return rows.article(stored), created

    def add_articles(self, chat_id: int, batch: Sequence[NewArticle]) -> int:
        """Save many articles of one chat in one transaction (bulk import); returns how many were new.

        The newest becomes current. One transaction per batch is what makes a bulk load fast.
        """
        created = 0
        last = None
        with self._write() as conn:
            self._insert_chat(conn, chat_id)
            for new in batch:
                last, fresh = _insert_article(conn, chat_id, new)
                created += fresh
            if last is not None:
                conn.execute(
                    "UPDATE chats SET current_article_id = ? WHERE id = ?", (last, chat_id)
                )
        return created

    @reads
    def get_article(self, chat_id: int, article_id: int) -> StoredArticle | None:
        """The chat's article with that id; None if missing or another chat's."""
        row = self._one(
            f"SELECT {rows.ARTICLE_COLUMNS} FROM articles WHERE id = ? AND chat_id = ?",
            (article_id, chat_id),
        )
        return None if row is None else rows.article(row)

    @reads
    def current_article(self, chat_id: int) -> StoredArticle | None:
        row = self._one(
            f"SELECT {', '.join('a.' + c for c in rows.ARTICLE_COLUMNS.split(', '))} "
            "FROM chats c JOIN articles a ON a.id = c.current_article_id AND a.chat_id = c.id "
            "WHERE c.id = ?",
            (chat_id,),
        )
        return None if row is None else rows.article(row)

    def set_current(self, chat_id: int, article_id: int) -> StoredArticle:
        """Make one of the chat's articles current; NotFound if the chat has no such article."""
        with self._write() as conn:
            row = conn.execute(
                f"SELECT {rows.ARTICLE_COLUMNS} FROM articles WHERE id = ? AND chat_id = ?",
                (article_id, chat_id),
            ).fetchone()
            if row is None:
                raise NotFound(f"There is no article {article_id} in this chat.")
            conn.execute(
                "UPDATE chats SET current_article_id = ? WHERE id = ?", (article_id, chat_id)
            )
        return rows.article(row)

    @reads
    def list_articles(
        self, chat_id: int, *, limit: int = 10, offset: int = 0
    ) -> list[ArticleSummary]:
        """The chat's articles, newest first (position 1 = newest)."""
        found = self._all(
            "SELECT id, title, source, created_at, sentence_count FROM articles "
            "WHERE chat_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
            (chat_id, max(0, limit), max(0, offset)),
        )
        return [
            ArticleSummary(
                id=r["id"],
                title=r["title"],
                source=r["source"],
                created_at=rows.parse_time(r["created_at"]),
                number_of_sentences=r["sentence_count"],
            )
            for r in found
        ]

    @reads
    def article_by_position(self, chat_id: int, n: int) -> StoredArticle | None:
        """The n-th newest article of the chat (1 = newest), as numbered by list_articles."""
        if n < 1:
            return None
        row = self._one(
            f"SELECT {rows.ARTICLE_COLUMNS} FROM articles WHERE chat_id = ? "
            "ORDER BY id DESC LIMIT 1 OFFSET ?",
            (chat_id, n - 1),
        )
        return None if row is None else rows.article(row)

    @reads
    def count_articles(self, chat_id: int) -> int:
        row = self._one("SELECT count(*) FROM articles WHERE chat_id = ?", (chat_id,))
        return 0 if row is None else int(row[0])

    # Articles leave a chat only with /forget (all those saved before it), so an article's place
    # in the order saved is its number for good: 1, 2, 3 … in each chat, over (chat_id, id).

    @reads
    def article_numbers(self, chat_id: int, article_ids: Sequence[int]) -> dict[int, int]:
        """The chat's number (1 = first saved) of each of these articles that is the chat's."""
        ids = sorted({int(i) for i in article_ids})[:500]
        if not ids:
            return {}
        found = self._all(
            "SELECT a.id, (SELECT count(*) FROM articles b "
            "WHERE b.chat_id = a.chat_id AND b.id <= a.id) AS n "
            f"FROM articles a WHERE a.chat_id = ? AND a.id IN ({', '.join('?' * len(ids))})",
            (chat_id, *ids),
        )
        return {int(r["id"]): int(r["n"]) for r in found}

    @reads
    def article_by_number(self, chat_id: int, n: int) -> StoredArticle | None:
        """The chat's article number n (1 = the first it saved), as article_numbers counts."""
        if n < 1:
            return None
        row = self._one(
            f"SELECT {rows.ARTICLE_COLUMNS} FROM articles WHERE chat_id = ? "
            "ORDER BY id LIMIT 1 OFFSET ?",
            (chat_id, n - 1),
        )
        return None if row is None else rows.article(row)

    # ---- search and questions ----------------------------------------------------------

    @reads
    def search(self, chat_id: int, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Sentences of the chat's articles matching any word of `query` (stop words out), best first.

        Raises StorageError when the search runs past SEARCH_SECONDS.
        """
        match = search.match_query(chat_id, query)
        if match is None or limit < 1:
            return []
        with self._read(seconds=SEARCH_SECONDS) as conn:
            found = self._ranked(conn, chat_id, match, limit)
            wanted = sorted({search.article_of(r["rowid"])[0] for r in found})
            articles = {
                r["id"]: (r["title"], rows.paragraphs(r["paragraphs_json"]))
                for r in conn.execute(
                    "SELECT id, title, paragraphs_json FROM articles WHERE chat_id = ? AND id IN "
                    f"({', '.join('?' * len(wanted))})",
                    (chat_id, *wanted),
                )
            }
        hits = []
        for r in found:
            article_id, index = search.article_of(r["rowid"])
            if article_id not in articles:  # not this chat's (cannot happen: tokens are per chat)
                continue
            title, paragraphs = articles[article_id]
            sentences = [s for para in paragraphs for s in para]
            if index < len(sentences):
                hits.append(
                    SearchHit(
                        article_id=article_id,
                        title=title,
                        sentence=sentences[index],
                        score=float(r["score"]),
                    )
                )
        return hits

    @staticmethod
    def _ranked(
        conn: sqlite3.Connection, chat_id: int, match: str, limit: int
    ) -> list[sqlite3.Row]:
        """The best `limit` index rows by bm25; for words in very many of the chat's sentences,
        the best among about MAX_RANKED of its newest matching sentences (bm25 costs per match)."""
        sql = (
            "SELECT rowid, -bm25(search_index) AS score FROM search_index "
            "WHERE search_index MATCH ? AND rowid >= ? "
            f"ORDER BY bm25(search_index), rowid >> {search.SHIFT} DESC, rowid LIMIT ?"
        )
        matches = conn.execute(
            "SELECT count(*) FROM search_index WHERE search_index MATCH ?", (match,)
        ).fetchone()[0]
        if matches > MAX_RANKED:
            first, last = conn.execute(
                "SELECT min(id), max(id) FROM articles WHERE chat_id = ?", (chat_id,)
            ).fetchone()
            if first is not None:
                # Matches spread over the chat's articles: a window of the newest holds about
                # MAX_RANKED of them (widened once if it holds too few).
                for share in (MAX_RANKED / matches, 4 * MAX_RANKED / matches):
                    low = int(last - (last - first) * share)
                    rows = conn.execute(sql, (match, search.row_id(low, 0), limit)).fetchall()
                    if len(rows) >= limit:
                        return rows
        return conn.execute(sql, (match, 0, limit)).fetchall()

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
                (chat_id, article_id, question, answer_sentence, span, score, rows.now()),
            )
            if article_id is not None and message_ids:
                conn.executemany(
                    "INSERT OR REPLACE INTO article_messages (chat_id, message_id, article_id) "
                    "VALUES (?, ?, ?)",
                    [(chat_id, m, article_id) for m in message_ids],
                )
            if conversation is not None:
                conversations.save(conn, chat_id, conversation, rows.now(), message_ids)

    @reads
    def conversation(self, chat_id: int) -> Conversation | None:
        """The chat's conversation state (what the last answer was about), if any."""
        with self._read() as conn:
            return conversations.load(conn, chat_id)

    @reads
    def conversation_for_message(self, chat_id: int, message_id: int) -> Conversation | None:
        """The conversation state that one of the bot's answer messages left, if known."""
        with self._read() as conn:
            return conversations.load_for_message(conn, chat_id, message_id)

    def remember_message(self, chat_id: int, message_id: int, article_id: int) -> None:
        """Note that a message sent in the chat (a brief or an answer) is about that article."""
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO article_messages (chat_id, message_id, article_id) "
                "SELECT ?, ?, id FROM articles WHERE id = ? AND chat_id = ?",
                (chat_id, message_id, article_id, chat_id),
            )

    @reads
    def article_for_message(self, chat_id: int, message_id: int) -> StoredArticle | None:
        """The chat's article that a message of the bot was about, if it is known."""
        row = self._one(
            f"SELECT {rows.ARTICLE_COLUMNS} FROM articles WHERE chat_id = ? AND id = "
            "(SELECT article_id FROM article_messages WHERE chat_id = ? AND message_id = ?)",
            (chat_id, chat_id, message_id),
        )
        return None if row is None else rows.article(row)
