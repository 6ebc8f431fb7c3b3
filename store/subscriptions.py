"""Digest subscriptions, followed feeds and seen feed items: the SQL behind daily digests.

Each active subscription keeps `next_due`, the instant (Unix seconds, UTC) its next undelivered
day falls due, behind a partial index: a scheduler tick reads only the due rows, so it costs the
same with 100 or 100,000 subscribers. It is recomputed whenever the subscription or its last
sent day changes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import NotFound
from bot.schedule import due_instant
from store import rows
from store.records import DigestClaim, Feed, Subscription
from store.sqlite import SQLiteTables, reads

_now = rows.now
_stamp = rows.stamp


def next_due(at_minute: int, timezone: str, last_sent_day: str | None) -> int:
    """When the first day after `last_sent_day` falls due (Unix seconds); 0 (at once) if none."""
    if not last_sent_day:
        return 0
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    day = date.fromisoformat(last_sent_day) + timedelta(days=1)
    at = time(at_minute // 60, at_minute % 60)
    return int(due_instant(at, zone, day).timestamp())


def set_next_due(conn: sqlite3.Connection, chat_id: int) -> None:
    """Recompute one subscription's next_due from its time, zone and last sent day."""
    row = conn.execute(
        "SELECT at_minute, timezone, last_sent_day FROM subscriptions WHERE chat_id = ?",
        (chat_id,),
    ).fetchone()
    if row is not None:
        conn.execute(
            "UPDATE subscriptions SET next_due = ? WHERE chat_id = ?",
            (next_due(row[0], row[1], row[2]), chat_id),
        )


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


_SUB_COLUMNS = (
    "chat_id, at_minute, timezone, active, empty_note, last_sent_day, last_article_id, "
    "stopped_reason"
)
_FEED_COLUMNS = "id, chat_id, url, title, etag, last_modified, checked_at, filters"


class DigestTables(SQLiteTables):
    """Subscriptions, feeds and feed items, per chat."""

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
            set_next_due(conn, chat_id)
            row = conn.execute(
                f"SELECT {_SUB_COLUMNS} FROM subscriptions WHERE chat_id = ?", (chat_id,)
            ).fetchone()
        return _subscription(row)

    @reads
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

    @reads
    def active_subscriptions(self) -> list[Subscription]:
        """Every subscription that is on (the scheduler checks each for being due)."""
        found = self._all(
            f"SELECT {_SUB_COLUMNS} FROM subscriptions WHERE active = 1 ORDER BY chat_id"
        )
        return [_subscription(r) for r in found]

    @reads
    def due_subscriptions(self, now: datetime, *, limit: int = 1000) -> list[Subscription]:
        """Active subscriptions whose next undelivered day has fallen due at `now` (indexed)."""
        found = self._all(
            f"SELECT {_SUB_COLUMNS} FROM subscriptions WHERE active = 1 AND next_due <= ? "
            "ORDER BY next_due LIMIT ?",
            (int(now.timestamp()), max(0, limit)),
        )
        return [_subscription(r) for r in found]

    def skip_day(self, chat_id: int, day: date) -> None:
        """Record a day as done without a digest (it was missed by too much while down)."""
        with self._write() as conn:
            conn.execute(
                "UPDATE subscriptions SET last_sent_day = ? WHERE chat_id = ? "
                "AND (last_sent_day IS NULL OR last_sent_day < ?)",
                (day.isoformat(), chat_id, day.isoformat()),
            )
            set_next_due(conn, chat_id)

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

            if sub.last_article_id is None:
                where, arg = "created_at >= ?", _stamp(first_since)
            else:
                where, arg = "id > ?", str(sub.last_article_id)
            counted = conn.execute(
                f"SELECT count(*), max(id) FROM articles WHERE chat_id = ? AND {where}",
                (chat_id, arg),
            ).fetchone()
            total, newest = int(counted[0]), counted[1]
            found = conn.execute(
                f"SELECT {rows.ARTICLE_COLUMNS} FROM articles WHERE chat_id = ? AND {where} "
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
            set_next_due(conn, chat_id)
        articles = [rows.article(r) for r in found]
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

    @reads
    def list_feeds(self, chat_id: int) -> list[Feed]:
        """The chat's feeds in the order they were followed (numbered from 1 by /feeds)."""
        found = self._all(
            f"SELECT {_FEED_COLUMNS} FROM followed_feeds WHERE chat_id = ? ORDER BY id", (chat_id,)
        )
        return [_feed(r) for r in found]

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

    @reads
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
