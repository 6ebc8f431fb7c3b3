"""The service both front ends use: take in articles, brief them, answer questions, remember.

Blocking work never runs on the event loop: SQLite goes through one writer thread (every call,
in order), CPU work (cleaning, extraction, briefing, answering) through a small thread pool.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import logging
import re
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from rapidfuzz import fuzz

from bot import brief as briefing
from bot import digest as digests
from bot import qa, schedule
from bot.article import Article, reading_minutes
from bot.clean import clean_text
from bot.digest import Digest
from bot.documents import decode_document, looks_like_html
from bot.errors import (
    ArticlebotError,
    EmptyText,
    InputError,
    NoArticle,
    NotFound,
    NotText,
    StorageError,
    TooLarge,
    UsageError,
)
from bot.feeds import FeedEntry, article_from_entry, fetch_feed
from bot.fetch import fetch_article
from bot.settings import Settings
from bot.words import words
from store import (
    ArticleSummary,
    ChatSettings,
    Feed,
    SearchHit,
    Store,
    StoredArticle,
    Subscription,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

MIN_ARTICLE_WORDS = 12
MIN_DISTINCT_WORDS = 8
MAX_SENTENCES = 10
MAX_QUESTION_CHARS = 500
MAX_FEEDS = 20
FIRST_FEED_ITEMS = 3  # a newly followed feed's newest items that go into the next digest
MAX_FEED_ITEMS = 10  # new items taken from one feed per refresh; more count as seen


class TooShort(InputError):
    """The text is too short to be an article."""


class NotAnArticle(InputError):
    """The text repeats a few words over and over: not something to brief."""


@dataclass(frozen=True)
class Brief:
    """An article's brief, ready for a front end to show."""

    article: StoredArticle
    sentences: list[str]
    method: str
    duplicate: bool = False  # the chat had sent this article before

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.article.sentences)


@dataclass(frozen=True)
class Reply:
    """The outcome of a question: an answer, or (when the article does not say) the closest sentence."""

    article: StoredArticle
    answer: qa.Answer | None
    closest: qa.Answer | None


def content_hash(article: Article) -> str:
    """A hash of the article's words, so the same story pasted twice (or reformatted) is recognised."""
    words = re.sub(r"\W+", " ", " ".join(article.sentences).lower()).strip()
    return hashlib.sha256(words.encode()).hexdigest()


def check_text(text: str, *, max_chars: int) -> None:
    """Reject text that cannot be an article: empty, binary, or too large."""
    if len(text) > max_chars:
        raise TooLarge(
            f"That is {len(text):,} characters; I take articles up to {max_chars:,} characters."
        )
    if not text.strip():
        raise EmptyText("That message has no text I can read.")
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t")
    if "\x00" in sample or controls > len(sample) // 20:
        raise NotText("That looks like binary data, not an article.")


class Service:
    """One instance per process; every method is safe to call concurrently from many chats."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self._db_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="articlebot-db")
        self._cpu_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="articlebot-cpu")
        self._articles: OrderedDict[int, Article] = OrderedDict()

    @classmethod
    def open(cls, settings: Settings) -> Service:
        """Open the database named in the settings and build the service over it."""
        return cls(Store.open(settings.db_file), settings)

    def close(self) -> None:
        """Finish queued database work, then close the database."""
        self._cpu_pool.shutdown(wait=False, cancel_futures=True)
        self._db_pool.shutdown(wait=True)
        self.store.close()

    async def _db(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._db_pool, partial(fn, *args, **kwargs))

    async def _cpu(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._cpu_pool, partial(fn, *args, **kwargs))

    def _article(self, stored: StoredArticle) -> Article:
        """The core's view of a stored article, kept in a small cache so answer indexes are reused."""
        art = self._articles.get(stored.id)
        if art is None:
            art = Article(
                paragraphs=stored.paragraphs,
                title=stored.title,
                byline=stored.byline,
                place=stored.place,
                date=stored.published,
                source=stored.source,
                url=stored.url,
            )
            self._articles[stored.id] = art
            if len(self._articles) > 512:
                self._articles.popitem(last=False)
        else:
            self._articles.move_to_end(stored.id)
        return art

    # ---- taking in articles ---------------------------------------------------------

    async def add_text(
        self,
        chat_id: int,
        text: str,
        *,
        origin: str = "paste",
        source: str | None = None,
        title: str | None = None,
        url: str | None = None,
    ) -> Brief:
        """Clean, store and brief pasted text (HTML is extracted first)."""
        check_text(text, max_chars=self.settings.max_text_chars)
        if looks_like_html(text):
            from bot.extract import article_from_html

            article = await self._cpu(article_from_html, text, url=url)
        else:
            article = await self._cpu(clean_text, text, title=title, source=source, url=url)
        return await self._store_and_brief(chat_id, article, origin=origin, source=source)

    async def add_document(
        self,
        chat_id: int,
        data: bytes,
        *,
        filename: str | None = None,
        mime: str | None = None,
        source: str | None = None,
    ) -> Brief:
        """Read a sent text, HTML or Markdown file and treat it as an article."""
        text = decode_document(data, filename=filename, mime=mime)
        if not text.strip():
            raise EmptyText("That file is empty.")
        return await self.add_text(chat_id, text, origin="file", source=source)

    async def add_url(self, chat_id: int, url: str) -> Brief:
        """Fetch a link (with the address rules), then store and brief the article."""
        article = await fetch_article(url, allow_private=self.settings.allow_private_urls)
        return await self._store_and_brief(chat_id, article, origin="link", source=article.source)

    async def _store_and_brief(
        self, chat_id: int, article: Article, *, origin: str, source: str | None
    ) -> Brief:
        found = words(article.text)
        if len(found) >= MIN_ARTICLE_WORDS and len({w.lower() for w in found}) < MIN_DISTINCT_WORDS:
            raise NotAnArticle(
                "That doesn't read like an article (the same few words over and over). "
                "Send me a news story, or ask a short question about the current one."
            )
        if len(found) < MIN_ARTICLE_WORDS:
            raise TooShort(
                "That's too short to brief. Send me a whole article (paste it, forward it, "
                "or send a link), then ask me about it."
            )
        stored, created = await self._db(
            self.store.add_article,
            chat_id,
            paragraphs=article.paragraphs,
            title=article.title,
            source=source or article.source,
            url=article.url,
            origin=origin,
            byline=article.byline,
            place=article.place,
            published=article.date,
            content_hash=content_hash(article),
        )
        if not created:
            log.info("chat %s sent an article it already has (#%s)", chat_id, stored.id)
        return await self._brief(chat_id, stored, duplicate=not created)

    # ---- briefs and answers ---------------------------------------------------------

    async def _brief(
        self,
        chat_id: int,
        stored: StoredArticle,
        *,
        sentences: int | None = None,
        duplicate: bool = False,
    ) -> Brief:
        prefs = await self._db(self.store.get_settings, chat_id)
        count = max(1, min(MAX_SENTENCES, sentences or prefs.sentences))
        method = prefs.method or briefing.DEFAULT_METHOD
        chosen = await self._cpu(
            briefing.brief, self._article(stored), sentences=count, method=method
        )
        return Brief(article=stored, sentences=chosen, method=method, duplicate=duplicate)

    async def current(self, chat_id: int) -> StoredArticle:
        """The chat's current article, or NoArticle."""
        stored = await self._db(self.store.current_article, chat_id)
        if stored is None:
            raise NoArticle(
                "There is no article here yet. Paste one, forward one, or send a link first."
            )
        return stored

    async def article(self, chat_id: int, article_id: int | None = None) -> StoredArticle:
        """The chat's article with that id (NotFound if it is not this chat's), or the current one."""
        if article_id is None:
            return await self.current(chat_id)
        stored = await self._db(self.store.get_article, chat_id, article_id)
        if stored is None:
            raise NotFound("I can't find that article in this chat.")
        return stored

    async def brief(
        self, chat_id: int, *, article_id: int | None = None, sentences: int | None = None
    ) -> Brief:
        """Brief the current (or a given) article of the chat, at the chat's or a given length."""
        if sentences is not None and not 1 <= sentences <= MAX_SENTENCES:
            raise UsageError(f"A brief can have 1 to {MAX_SENTENCES} sentences.")
        stored = await self.article(chat_id, article_id)
        return await self._brief(chat_id, stored, sentences=sentences)

    async def ask(
        self, chat_id: int, question: str, *, article_id: int | None = None, record: bool = True
    ) -> Reply:
        """Answer a question from the current (or a given) article's own sentences."""
        question = question.strip()
        if not question:
            raise UsageError("Ask me a question about the article, e.g. /ask Who won?")
        stored = await self.article(chat_id, article_id)
        question = question[:MAX_QUESTION_CHARS]
        art = self._article(stored)
        found = await self._cpu(qa.answer, question, art)
        closest = None
        if found is None:
            ranked = await self._cpu(qa.rank, question, art, limit=1)
            closest = ranked[0] if ranked else None
        reply = Reply(article=stored, answer=found, closest=closest)
        if record:
            await self.record(chat_id, question, reply)
        return reply

    async def record(
        self, chat_id: int, question: str, reply: Reply, message_ids: list[int] | None = None
    ) -> None:
        """Log a question with its answer, and which messages carried the answer (one write)."""
        try:
            await self._db(
                self.store.log_question,
                chat_id,
                reply.article.id,
                question[:MAX_QUESTION_CHARS],
                reply.answer.sentence if reply.answer else None,
                reply.answer.span if reply.answer else None,
                reply.answer.score if reply.answer else None,
                message_ids=message_ids or [],
            )
        except StorageError:
            # A full or read-only disk must not stop answers; only the question log misses it.
            log.warning("could not record a question for chat %s", chat_id)

    async def mentions(self, chat_id: int, *, article_id: int | None = None) -> qa.Mentions:
        """The people, places, dates and numbers the article mentions."""
        stored = await self.article(chat_id, article_id)
        return await self._cpu(qa.mentions, self._article(stored))

    async def remember(self, chat_id: int, message_id: int, article_id: int) -> None:
        """Note that a message sent to the chat is about this article (for replies to it)."""
        await self._db(self.store.remember_message, chat_id, message_id, article_id)

    async def article_for_message(self, chat_id: int, message_id: int) -> StoredArticle | None:
        """The article a message of the bot's was about, if any."""
        return await self._db(self.store.article_for_message, chat_id, message_id)

    # ---- the chat's library -----------------------------------------------------------

    async def articles(self, chat_id: int, *, limit: int = 10) -> list[ArticleSummary]:
        """The chat's recent articles, newest first (numbered from 1 by the front ends)."""
        return await self._db(self.store.list_articles, chat_id, limit=limit)

    async def use(self, chat_id: int, number: int) -> StoredArticle:
        """Make the chat's article number N (as listed by `articles`) the current one."""
        stored = await self._db(self.store.article_by_position, chat_id, number)
        if stored is None:
            total = await self._db(self.store.count_articles, chat_id)
            raise NotFound(
                f"There is no article {number} here; this chat has {total}."
                if total
                else "There are no articles here yet."
            )
        return await self._db(self.store.set_current, chat_id, stored.id)

    async def search(self, chat_id: int, words: str, *, limit: int = 5) -> list[SearchHit]:
        """Search the chat's articles: full-text candidates, re-ranked by fuzzy similarity."""
        words = words.strip()[:200]
        if not words:
            raise UsageError("Tell me what to look for, e.g. /search flood barrier")
        hits = await self._db(self.store.search, chat_id, words, limit=50)
        rescored = sorted(
            hits,
            key=lambda h: fuzz.token_set_ratio(words.lower(), h.sentence.lower()) - 10 * h.score,
            reverse=True,
        )
        return rescored[:limit]

    async def forget(self, chat_id: int) -> int:
        """Delete every row of this chat's data; returns how many articles went."""
        removed = await self._db(self.store.forget, chat_id)
        return removed

    async def chat_settings(self, chat_id: int) -> ChatSettings:
        """The chat's brief length, summarizer and time zone."""
        return await self._db(self.store.get_settings, chat_id)

    async def update_settings(
        self,
        chat_id: int,
        *,
        sentences: int | None = None,
        method: str | None = None,
        timezone: str | None = None,
    ) -> ChatSettings:
        """Change a chat's brief length, summarizer or time zone, checking each value."""
        if sentences is not None and not 1 <= sentences <= MAX_SENTENCES:
            raise UsageError(f"Brief length must be 1 to {MAX_SENTENCES} sentences.")
        clear = False
        if method is not None:
            method = method.lower()
            if method == "default":
                method, clear = None, True
            elif method not in briefing.METHODS:
                raise UsageError(
                    f"Unknown summarizer. Choose one of: {', '.join(briefing.METHODS)}."
                )
        if timezone is not None:
            timezone = parse_timezone(timezone)
        return await self._db(
            self.store.update_settings,
            chat_id,
            sentences=sentences,
            method=method,
            timezone=timezone,
            clear_method=clear,
        )

    # ---- daily digests and feeds ---------------------------------------------------------

    async def subscribe(
        self,
        chat_id: int,
        *,
        at: str | None = None,
        timezone: str | None = None,
        empty_note: bool | None = None,
        now: datetime,
    ) -> Subscription:
        """Start or change the chat's daily digest (defaults: 08:00, the chat's time zone)."""
        when = schedule.parse_hhmm(at) if at else schedule.DEFAULT_TIME
        if timezone:
            zone_name = parse_timezone(timezone)
        else:
            zone_name = (await self._db(self.store.get_settings, chat_id)).timezone
        skip = schedule.already_due_day(when, ZoneInfo(zone_name), now)
        return await self._db(
            self.store.subscribe,
            chat_id,
            when,
            zone_name,
            already_due_day=skip,
            empty_note=empty_note,
        )

    async def unsubscribe(self, chat_id: int, *, reason: str = "unsubscribed") -> bool:
        """Turn the chat's digest off; returns whether it was on."""
        return await self._db(self.store.unsubscribe, chat_id, reason=reason)

    async def subscription(self, chat_id: int) -> Subscription | None:
        return await self._db(self.store.get_subscription, chat_id)

    async def due_digests(self, now: datetime) -> list[tuple[int, date]]:
        """(chat, local day) of every digest due at `now`; days missed by too much are skipped."""
        subs = await self._db(self.store.active_subscriptions)
        verdicts = await self._cpu(_decide_all, subs, now)
        due: list[tuple[int, date]] = []
        for sub, verdict in zip(subs, verdicts, strict=True):
            if verdict.decision is schedule.Decision.SEND:
                due.append((sub.chat_id, verdict.day))
            elif verdict.decision is schedule.Decision.MISSED:
                log.info(
                    "digest for chat %s on %s fell due at %s, too long ago: skipped",
                    sub.chat_id,
                    verdict.day,
                    verdict.due_at.isoformat(timespec="minutes"),
                )
                await self._db(self.store.skip_day, sub.chat_id, verdict.day)
        return due

    async def prepare_digest(
        self,
        chat_id: int,
        day: date | None = None,
        *,
        now: datetime,
        scheduled: bool = True,
        refresh: bool = True,
    ) -> Digest | None:
        """Refresh the chat's feeds, claim its new articles (marking the day as sent), build it.

        Scheduled: None when the day was already claimed or the subscription is off. The claim
        comes before any sending, so a digest is delivered at most once per day.
        """
        if refresh:
            await self.refresh_feeds(chat_id)
        prefs = await self._db(self.store.get_settings, chat_id)
        if day is None:
            sub = await self._db(self.store.get_subscription, chat_id)
            zone = sub.timezone if sub is not None else prefs.timezone
            day = schedule.local_day(now, ZoneInfo(zone))
        claim = await self._db(
            self.store.claim_digest,
            chat_id,
            day,
            first_since=now - timedelta(days=1),
            limit=digests.MAX_ITEMS,
            scheduled=scheduled,
            timezone=prefs.timezone,
        )
        if claim is None:
            return None
        built = await self._cpu(
            digests.build_digest,
            chat_id,
            day,
            claim.articles,
            more=claim.more,
            method=prefs.method,
        )
        return dataclasses.replace(built, empty_note=claim.subscription.empty_note)

    async def open_item(self, chat_id: int, article_id: int) -> Brief:
        """A digest item's full brief; it becomes the chat's current article (NotFound if not ours)."""
        stored = await self.article(chat_id, article_id)
        await self._db(self.store.set_current, chat_id, stored.id)
        return await self._brief(chat_id, stored)

    async def follow(self, chat_id: int, url: str) -> tuple[Feed, bool, int]:
        """Follow a feed (or the feed a page links to); returns (feed, new?, items taken now)."""
        url = url.strip()
        if not url:
            raise UsageError("Usage: /follow URL — an RSS or Atom feed, or a site that links one")
        known = await self._db(self.store.list_feeds, chat_id)
        if len(known) >= MAX_FEEDS:
            raise UsageError(
                f"You follow {len(known)} feeds, the most I keep; /unfollow one first."
            )
        got = await fetch_feed(url, allow_private=self.settings.allow_private_urls)
        assert got.feed is not None
        feed, created = await self._db(self.store.add_feed, chat_id, got.url, title=got.feed.title)
        if not created:
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
        ref = ref.strip()
        feeds = await self._db(self.store.list_feeds, chat_id)
        chosen: Feed | None = None
        if ref.isdigit() and len(ref) < 6:
            if 1 <= int(ref) <= len(feeds):
                chosen = feeds[int(ref) - 1]
        else:
            wanted = ref.rstrip("/").lower()
            chosen = next((f for f in feeds if f.url.rstrip("/").lower() == wanted), None)
        if chosen is None:
            raise NotFound(
                f"You don't follow that feed; /feeds lists the {len(feeds)} you do."
                if feeds
                else "You don't follow any feeds yet. /follow URL adds one."
            )
        await self._db(self.store.remove_feed, chat_id, chosen.id)
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
        records: list[tuple[str, str | None, int | None]] = []
        for entry in fresh[:limit]:
            article_id = await self._save_entry(feed, entry)
            records.append((entry.guid, entry.link, article_id))
        records += [(e.guid, e.link, None) for e in fresh[limit:]]
        await self._db(self.store.record_items, feed.chat_id, feed.id, records)
        return sum(1 for r in records if r[2] is not None)

    async def _save_entry(self, feed: Feed, entry: FeedEntry) -> int | None:
        """Fetch (with the address rules), extract and store one feed item; None if unreadable."""
        article = await self._cpu(article_from_entry, entry, source=feed.title)
        if article is None and entry.link:
            try:
                page = await fetch_article(
                    entry.link, allow_private=self.settings.allow_private_urls
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
            article = await self._cpu(article_from_entry, entry, source=feed.title, min_words=1)
        if article is None or not article.sentences:
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


def _decide_all(subs: list[Subscription], now: datetime) -> list[schedule.Verdict]:
    return [schedule.decide(s.at, ZoneInfo(s.timezone), s.last_sent_day, now) for s in subs]


def parse_timezone(name: str) -> str:
    """An IANA time zone name in its canonical spelling, or UsageError."""
    name = name.strip()
    if name.upper() == "UTC":
        return "UTC"
    lowered = {z.lower(): z for z in available_timezones()}
    canonical = lowered.get(name.lower())
    if canonical is None:
        raise UsageError(
            f"I don't know the time zone {name[:40]!r}; use a name like Europe/Berlin or UTC."
        )
    try:
        ZoneInfo(canonical)
    except ZoneInfoNotFoundError:
        raise UsageError(f"I don't know the time zone {name[:40]!r}.") from None
    return canonical
