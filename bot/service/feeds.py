"""Following feeds: each new item becomes one of the chat's articles, for its next digest."""

from __future__ import annotations

import dataclasses
import logging

from bot import reading
from bot.article import Article
from bot.errors import ArticlebotError, NotFound, UsageError
from bot.feeds import FeedEntry, fetch_feed
from bot.fetch import fetch_article
from bot.filters import FeedFilter, parse_filter
from bot.numbers import parse_number
from bot.service.articles import content_hash
from bot.service.base import ServiceBase
from store import Feed

log = logging.getLogger("bot.service")

MAX_FEEDS = 20
FIRST_FEED_ITEMS = 3  # a newly followed feed's newest items that go into the next digest
MAX_FEED_ITEMS = 10  # new items taken from one feed per refresh; more count as seen
FILTERED_TRIES = 3  # a filtered feed reads at most this many times its limit of items


class FeedsPart(ServiceBase):
    """Follow, unfollow, list and refresh a chat's feeds."""

    async def follow(self, chat_id: int, url: str, *, filters: str = "") -> tuple[Feed, bool, int]:
        """Follow a feed (or the feed a page links to), optionally filtered ('+word -word');
        returns (feed, new?, items taken now). Following a feed again with filters sets them."""
        url = url.strip()
        if not url:
            raise UsageError("Usage: /follow URL — an RSS or Atom feed, or a site that links one")
        wanted = parse_filter(filters).describe()
        known = await self._db(self.store.list_feeds, chat_id)
        if len(known) >= MAX_FEEDS:
            raise UsageError(
                "You follow {n} feeds, the most I keep; /unfollow one first.", n=len(known)
            )
        got = await fetch_feed(url, allow_private=self.settings.allow_private_urls, reader=self)
        assert got.feed is not None
        feed, created = await self._db(
            self.store.add_feed, chat_id, got.url, title=got.feed.title, filters=wanted
        )
        if not created:
            if wanted and wanted != feed.filters:
                feed = await self._db(self.store.set_feed_filters, chat_id, feed.id, wanted)
            return feed, False, 0
        # The newest few items go into the next digest; older ones count as seen.
        added = await self._take_entries(feed, got.feed.entries, limit=FIRST_FEED_ITEMS)
        await self._db(
            self.store.feed_fetched,
            chat_id,
            feed.id,
            etag=got.etag,
            last_modified=got.last_modified,
        )
        return feed, True, added

    async def unfollow(self, chat_id: int, ref: str) -> Feed:
        """Stop following the feed numbered `ref` in /feeds, or with that URL."""
        chosen = await self._pick_feed(chat_id, ref)
        await self._db(self.store.remove_feed, chat_id, chosen.id)
        return chosen

    async def set_filter(self, chat_id: int, ref: str, filters: str) -> Feed:
        """Change the filter of feed `ref` (number in /feeds, or URL); '' removes it."""
        wanted = parse_filter(filters).describe()
        chosen = await self._pick_feed(chat_id, ref)
        return await self._db(self.store.set_feed_filters, chat_id, chosen.id, wanted)

    async def _pick_feed(self, chat_id: int, ref: str) -> Feed:
        ref = ref.strip()
        feeds = await self._db(self.store.list_feeds, chat_id)
        chosen: Feed | None = None
        number = parse_number(ref)
        if number is not None:
            if 1 <= number <= len(feeds):
                chosen = feeds[number - 1]
        else:
            wanted = ref.rstrip("/").lower()
            chosen = next((f for f in feeds if f.url.rstrip("/").lower() == wanted), None)
        if chosen is None and feeds:
            raise NotFound("You don't follow that feed; /feeds lists the {n} you do.", n=len(feeds))
        if chosen is None:
            raise NotFound("You don't follow any feeds yet. /follow URL adds one.")
        return chosen

    async def feeds(self, chat_id: int) -> list[Feed]:
        """The chat's feeds, numbered from 1 in the order they were followed."""
        return await self._db(self.store.list_feeds, chat_id)

    async def refresh_feeds(self, chat_id: int) -> int:
        """Fetch the chat's feeds (conditionally) and save their new items; returns how many."""
        added = 0
        for feed in await self._db(self.store.list_feeds, chat_id):
            try:
                got = await fetch_feed(
                    feed.url,
                    allow_private=self.settings.allow_private_urls,
                    etag=feed.etag,
                    last_modified=feed.last_modified,
                    discover=False,
                    reader=self,
                )
            except ArticlebotError as exc:
                log.info("feed %s of chat %s: %s", feed.id, chat_id, exc)
                continue
            if not got.not_modified and got.feed is not None:
                added += await self._take_entries(feed, got.feed.entries, limit=MAX_FEED_ITEMS)
            await self._db(
                self.store.feed_fetched,
                chat_id,
                feed.id,
                etag=got.etag,
                last_modified=got.last_modified,
                title=got.feed.title if got.feed is not None else None,
            )
        return added

    async def _take_entries(self, feed: Feed, entries: list[FeedEntry], *, limit: int) -> int:
        """Save up to `limit` unseen entries as the chat's articles; the rest count as seen."""
        pairs = [(e.guid, e.link) for e in entries]
        unseen = set(await self._db(self.store.unseen_items, feed.chat_id, feed.id, pairs))
        fresh = [e for e in entries if (e.guid, e.link) in unseen]
        keep = parse_filter(feed.filters) if feed.filters else None
        records: list[tuple[str, str | None, int | None]] = []
        saved = tried = 0
        for entry in fresh:
            # Items the filter drops do not use up the limit, but reading stays bounded.
            if saved >= limit or tried >= limit * FILTERED_TRIES:
                records.append((entry.guid, entry.link, None))
                continue
            tried += 1
            article_id = await self._save_entry(feed, entry, keep)
            saved += article_id is not None
            records.append((entry.guid, entry.link, article_id))
        await self._db(self.store.record_items, feed.chat_id, feed.id, records)
        return sum(1 for r in records if r[2] is not None)

    async def _read_entry(
        self, entry: FeedEntry, source: str | None, min_words: int | None = None
    ) -> Article | None:
        """The entry's own content as an article (in a worker); None if it is not one, or too
        complex to read in time."""
        try:
            return await self._work(
                reading.read_entry, entry, source=source, min_words=min_words, what="feed item"
            )
        except ArticlebotError as exc:
            log.info("feed item %s: %s", entry.link or entry.guid, exc)
            return None

    async def _save_entry(
        self, feed: Feed, entry: FeedEntry, keep: FeedFilter | None = None
    ) -> int | None:
        """Fetch (with the address rules), extract and store one feed item; None if unreadable
        or if the feed's filter drops it (title and text)."""
        article = await self._read_entry(entry, feed.title)
        if article is None and entry.link:
            try:
                page = await fetch_article(
                    entry.link,
                    allow_private=self.settings.allow_private_urls,
                    reader=self.read_page,
                )
                article = dataclasses.replace(
                    page,
                    title=entry.title or page.title,
                    source=feed.title or page.source,
                    date=entry.published or page.date,
                )
            except ArticlebotError as exc:
                log.info("feed item %s: %s", entry.link, exc)
        if article is None:
            article = await self._read_entry(entry, feed.title, min_words=1)
        if article is None or not article.sentences:
            return None
        if keep is not None and not keep.keeps(article.title or entry.title, article.text):
            return None
        stored, _ = await self._db(
            self.store.add_article,
            feed.chat_id,
            paragraphs=article.paragraphs,
            title=article.title,
            source=feed.title or article.source,
            url=article.url,
            origin="feed",
            byline=article.byline,
            place=article.place,
            published=article.date,
            content_hash=content_hash(article),
            make_current=False,
        )
        return stored.id
