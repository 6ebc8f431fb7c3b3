"""Digest subscriptions, followed feeds and seen feed items: the SQL behind daily digests.

A mixin of Store (same connection, same writer); see store/db.py for the plumbing it uses.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

from bot.errors import NotFound
from store.records import DigestClaim, Feed, StoredArticle, Subscription


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _stamp(moment: datetime) -> str:
    """The same text form as the store's created_at columns, so they compare as strings."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _subscription(row: sqlite3.Row) -> Subscription:
    minute = int(row["at_minute"])
    day = row["last_sent_day"]
    return Subscription(
        chat_id=row["chat_id"],
        at=time(minute // 60, minute % 60),
        timezone=row["timezone"],
        active=bool(row["active"]),
        empty_note=bool(row["empty_note"]),
        last_sent_day=date.fromisoformat(day) if day else None,
        last_article_id=row["last_article_id"],
        stopped_reason=row["stopped_reason"],
    )


def _feed(row: sqlite3.Row) -> Feed:
    checked = row["checked_at"]
    return Feed(
        id=row["id"],
        chat_id=row["chat_id"],
        url=row["url"],
        title=row["title"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        checked_at=datetime.fromisoformat(checked) if checked else None,
        filters=row["filters"] or "",
    )


def _articles(rows: Iterable[sqlite3.Row]) -> list[StoredArticle]:
    from store.db import _row_to_article  # store.db imports this module for the mixin

    return [_row_to_article(r) for r in rows]


_SUB_COLUMNS = (
    "chat_id, at_minute, timezone, active, empty_note, last_sent_day, last_article_id, "
    "stopped_reason"
)
_FEED_COLUMNS = "id, chat_id, url, title, etag, last_modified, checked_at, filters"


class DigestTables:
    """Subscriptions, feeds and feed items, per chat."""

    if TYPE_CHECKING:  # provided by Store

        def _write(self) -> AbstractContextManager[sqlite3.Connection]: ...
        def _one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None: ...
        def _all(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]: ...
        @staticmethod
        def _insert_chat(
            conn: sqlite3.Connection, chat_id: int, title: str | None = None
        ) -> None: ...

    # ---- subscriptions -----------------------------------------------------------------

    def subscribe(
        self,
        chat_id: int,
        at: time,
        timezone: str,
        *,
        already_due_day: date,
        empty_note: bool | None = None,
    ) -> Subscription:
        """Start (or change) the chat's daily digest at local time `at` in `timezone`.

        `already_due_day` is the latest local day whose time has passed: it counts as sent
        (unless a later day already does), so subscribing never sends a digest for the past.
        """
        minute = at.hour * 60 + at.minute
        with self._write() as conn:
            self._insert_chat(conn, chat_id)
            conn.execute(
                "INSERT INTO subscriptions (chat_id, at_minute, timezone, active, empty_note, "
                "last_sent_day, created_at) VALUES (?, ?, ?, 1, ?, ?, ?) "
                "ON CONFLICT (chat_id) DO UPDATE SET at_minute = excluded.at_minute, "
                "timezone = excluded.timezone, active = 1, stopped_reason = NULL, "
                "empty_note = coalesce(?, subscriptions.empty_note), "
                "last_sent_day = max(coalesce(subscriptions.last_sent_day, ''), "
                "excluded.last_sent_day)",
                (
                    chat_id,
                    minute,
                    timezone,
                    int(bool(empty_note)),
                    already_due_day.isoformat(),
                    _now(),
                    None if empty_note is None else int(empty_note),
                ),
            )
            row = conn.execute(
                f"SELECT {_SUB_COLUMNS} FROM subscriptions WHERE chat_id = ?", (chat_id,)
            ).fetchone()
        return _subscription(row)

    def get_subscription(self, chat_id: int) -> Subscription | None:
        row = self._one(f"SELECT {_SUB_COLUMNS} FROM subscriptions WHERE chat_id = ?", (chat_id,))
        return None if row is None else _subscription(row)

    def unsubscribe(self, chat_id: int, *, reason: str = "unsubscribed") -> bool:
        """Turn the chat's digest off; returns whether it was on."""
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE subscriptions SET active = 0, stopped_reason = ? "
                "WHERE chat_id = ? AND active = 1",
                (reason, chat_id),
            )
        return cursor.rowcount > 0

    def active_subscriptions(self) -> list[Subscription]:
        """Every subscription that is on (the scheduler checks each for being due)."""
        rows = self._all(
            f"SELECT {_SUB_COLUMNS} FROM subscriptions WHERE active = 1 ORDER BY chat_id"
        )
        return [_subscription(r) for r in rows]

    def skip_day(self, chat_id: int, day: date) -> None:
        """Record a day as done without a digest (it was missed by too much while down)."""
        with self._write() as conn:
            conn.execute(
                "UPDATE subscriptions SET last_sent_day = ? WHERE chat_id = ? "
                "AND (last_sent_day IS NULL OR last_sent_day < ?)",
                (day.isoformat(), chat_id, day.isoformat()),
            )

    def claim_digest(
        self,
        chat_id: int,
        day: date,
        *,
        first_since: datetime,
        limit: int,
        scheduled: bool = True,
        at: time = time(8, 0),
        timezone: str = "UTC",
    ) -> DigestClaim | None:
        """Take the chat's new articles and mark the digest of `day` as sent, atomically.

        Scheduled: only for an active subscription whose `day` is not yet marked (else None),
        so two claims for one day can never both succeed. Not scheduled (/digest): always,
        creating an inactive row (at, timezone) for a chat that has none. New articles are
        those after the last digest's, or for a first digest those saved since `first_since`.
        """
        with self._write() as conn:
            row = conn.execute(
                f"SELECT {_SUB_COLUMNS} FROM subscriptions WHERE chat_id = ?", (chat_id,)
            ).fetchone()
            if scheduled and (
                row is None
                or not row["active"]
                or (row["last_sent_day"] and row["last_sent_day"] >= day.isoformat())
            ):
                return None
            if row is None:
                self._insert_chat(conn, chat_id)
                conn.execute(
                    "INSERT INTO subscriptions (chat_id, at_minute, timezone, active, "
                    "created_at, stopped_reason) VALUES (?, ?, ?, 0, ?, 'never subscribed')",
                    (chat_id, at.hour * 60 + at.minute, timezone, _now()),
                )
                row = conn.execute(
                    f"SELECT {_SUB_COLUMNS} FROM subscriptions WHERE chat_id = ?", (chat_id,)
                ).fetchone()
            sub = _subscription(row)
            from store.db import _ARTICLE_COLUMNS

            if sub.last_article_id is None:
                where, arg = "created_at >= ?", _stamp(first_since)
            else:
                where, arg = "id > ?", str(sub.last_article_id)
            counted = conn.execute(
                f"SELECT count(*), max(id) FROM articles WHERE chat_id = ? AND {where}",
                (chat_id, arg),
            ).fetchone()
            total, newest = int(counted[0]), counted[1]
            rows = conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE chat_id = ? AND {where} "
                "ORDER BY id DESC LIMIT ?",
                (chat_id, arg, max(0, limit)),
            ).fetchall()
            last_id = newest if newest is not None else sub.last_article_id
            if last_id is None:  # nothing saved yet: later articles are new from here on
                top = conn.execute(
                    "SELECT coalesce(max(id), 0) FROM articles WHERE chat_id = ?", (chat_id,)
                ).fetchone()
                last_id = int(top[0])
            marked_day = day.isoformat()
            if sub.last_sent_day is not None and sub.last_sent_day > day:
                marked_day = sub.last_sent_day.isoformat()
            conn.execute(
                "UPDATE subscriptions SET last_sent_day = ?, last_article_id = ? WHERE chat_id = ?",
                (marked_day, last_id, chat_id),
            )
        articles = _articles(rows)
        return DigestClaim(subscription=sub, articles=articles, more=max(0, total - len(articles)))

    # ---- feeds -------------------------------------------------------------------------

    def add_feed(
        self, chat_id: int, url: str, *, title: str | None, filters: str = ""
    ) -> tuple[Feed, bool]:
        """Follow a feed (by its final URL); returns the feed and whether it is new."""
        with self._write() as conn:
            self._insert_chat(conn, chat_id)
            cursor = conn.execute(
                "INSERT INTO followed_feeds (chat_id, url, title, created_at, filters) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id, url) DO NOTHING",
                (chat_id, url, title, _now(), filters),
            )
            created = cursor.rowcount > 0
            row = conn.execute(
                f"SELECT {_FEED_COLUMNS} FROM followed_feeds WHERE chat_id = ? AND url = ?",
                (chat_id, url),
            ).fetchone()
        return _feed(row), created

    def list_feeds(self, chat_id: int) -> list[Feed]:
        """The chat's feeds in the order they were followed (numbered from 1 by /feeds)."""
        rows = self._all(
            f"SELECT {_FEED_COLUMNS} FROM followed_feeds WHERE chat_id = ? ORDER BY id", (chat_id,)
        )
        return [_feed(r) for r in rows]

    def set_feed_filters(self, chat_id: int, feed_id: int, filters: str) -> Feed:
        """Replace one of the chat's feeds' filter ('' for none); NotFound if not the chat's."""
        with self._write() as conn:
            conn.execute(
                "UPDATE followed_feeds SET filters = ? WHERE id = ? AND chat_id = ?",
                (filters, feed_id, chat_id),
            )
            row = conn.execute(
                f"SELECT {_FEED_COLUMNS} FROM followed_feeds WHERE id = ? AND chat_id = ?",
                (feed_id, chat_id),
            ).fetchone()
        if row is None:
            raise NotFound("You don't follow that feed.")
        return _feed(row)

    def remove_feed(self, chat_id: int, feed_id: int) -> bool:
        """Stop following one of the chat's feeds (its seen items go with it)."""
        with self._write() as conn:
            conn.execute(
                "DELETE FROM feed_items WHERE feed_id = ? AND chat_id = ?", (feed_id, chat_id)
            )
            cursor = conn.execute(
                "DELETE FROM followed_feeds WHERE id = ? AND chat_id = ?", (feed_id, chat_id)
            )
        return cursor.rowcount > 0

    def feed_fetched(
        self,
        chat_id: int,
        feed_id: int,
        *,
        etag: str | None,
        last_modified: str | None,
        title: str | None = None,
    ) -> None:
        """Remember the validators for the next conditional request (and a better title)."""
        with self._write() as conn:
            conn.execute(
                "UPDATE followed_feeds SET etag = ?, last_modified = ?, checked_at = ?, "
                "title = coalesce(?, title) WHERE id = ? AND chat_id = ?",
                (etag, last_modified, _now(), title, feed_id, chat_id),
            )

    def unseen_items(
        self, chat_id: int, feed_id: int, items: Sequence[tuple[str, str | None]]
    ) -> list[tuple[str, str | None]]:
        """Of (guid, link) pairs, those whose guid this feed and whose link this chat never saw."""
        fresh: list[tuple[str, str | None]] = []
        taken: set[str] = set()
        for guid, link in items:
            if guid in taken or (link is not None and link in taken):
                continue
            if self._one(
                "SELECT 1 FROM feed_items WHERE feed_id = ? AND guid = ?", (feed_id, guid)
            ):
                continue
            if link is not None and self._one(
                "SELECT 1 FROM feed_items WHERE chat_id = ? AND link = ?", (chat_id, link)
            ):
                continue
            taken.add(guid)
            if link is not None:
                taken.add(link)
            fresh.append((guid, link))
        return fresh

    def record_items(
        self, chat_id: int, feed_id: int, items: Iterable[tuple[str, str | None, int | None]]
    ) -> None:
        """Mark (guid, link, article id or None) as seen for the feed."""
        stamp = _now()
        with self._write() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO feed_items (feed_id, chat_id, guid, link, article_id, "
                "seen_at) SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS "
                "(SELECT 1 FROM followed_feeds WHERE id = ? AND chat_id = ?)",
                [
                    (feed_id, chat_id, guid, link, article_id, stamp, feed_id, chat_id)
                    for guid, link, article_id in items
                ],
            )

    def forget_digests(self, conn: sqlite3.Connection, chat_id: int) -> None:
        """Inside Store.forget's transaction: the chat's subscription, feeds and feed items."""
        conn.execute("DELETE FROM feed_items WHERE chat_id = ?", (chat_id,))
        conn.execute("DELETE FROM followed_feeds WHERE chat_id = ?", (chat_id,))
        conn.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,))
