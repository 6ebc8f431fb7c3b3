"""Daily digests: subscriptions, which are due, and claiming and building one."""

from __future__ import annotations

import dataclasses
import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot import digest as digests
from bot import schedule
from bot.digest import Digest
from bot.service.articles import ArticlesPart, Brief
from bot.service.feeds import FeedsPart
from bot.service.library import parse_timezone
from store import Subscription

log = logging.getLogger("bot.service")


def _decide_all(subs: list[Subscription], now: datetime) -> list[schedule.Verdict]:
    return [schedule.decide(s.at, ZoneInfo(s.timezone), s.last_sent_day, now) for s in subs]


class DigestsPart(FeedsPart, ArticlesPart):
    """Subscribe, find what is due, claim and build a digest, open one of its items."""

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
        # Only the subscriptions whose next_due has passed (an index range), not all of them.
        subs = await self._db(self.store.due_subscriptions, now)
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
        # Each item shows the article's number for good, the one /articles and /use know.
        numbers = await self._db(
            self.store.article_numbers, chat_id, [item.article_id for item in built.items]
        )
        groups = [
            dataclasses.replace(
                group,
                items=[
                    dataclasses.replace(item, number=numbers.get(item.article_id, item.number))
                    for item in group.items
                ],
            )
            for group in built.groups
        ]
        return dataclasses.replace(built, groups=groups, empty_note=claim.subscription.empty_note)

    async def open_item(self, chat_id: int, article_id: int) -> Brief:
        """A digest item's full brief; it becomes the chat's current article (NotFound if not ours)."""
        stored = await self.article(chat_id, article_id)
        await self._db(self.store.set_current, chat_id, stored.id)
        return await self._brief(chat_id, stored)
