"""Feeds in and out as OPML: offer to follow a file's feeds, follow them, export the chat's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.errors import ArticlebotError, shown
from bot.export import ExportFile
from bot.opml import OpmlFeed, build_opml, parse_opml
from bot.service.feeds import MAX_FEEDS, FeedsPart
from store import Feed


@dataclass(frozen=True)
class OpmlOffer:
    """What a sent OPML file would add: its feeds not followed yet, and the room left for them."""

    listed: int
    new: list[OpmlFeed]
    known: int
    following: int
    room: int


@dataclass(frozen=True)
class FollowReport:
    followed: list[Feed]
    failed: list[tuple[str, str]]  # (url, why)
    over_limit: list[str]


def _same(url: str) -> str:
    return url.strip().rstrip("/").lower()


class OpmlPart(FeedsPart):
    """OPML files: read one into an offer, follow what was accepted, write the chat's feeds."""

    async def read_opml(self, chat_id: int, data: bytes) -> OpmlOffer:
        listed = await self._cpu(parse_opml, data)
        feeds = await self._db(self.store.list_feeds, chat_id)
        followed = {_same(f.url) for f in feeds}
        new = [f for f in listed if _same(f.url) not in followed]
        return OpmlOffer(
            listed=len(listed),
            new=new,
            known=len(listed) - len(new),
            following=len(feeds),
            room=max(0, MAX_FEEDS - len(feeds)),
        )

    async def follow_many(self, chat_id: int, feeds: list[OpmlFeed]) -> FollowReport:
        """Follow each feed in turn, with the address rules and the per-chat limit."""
        followed: list[Feed] = []
        failed: list[tuple[str, str]] = []
        over: list[str] = []
        for item in feeds:
            count = len(await self._db(self.store.list_feeds, chat_id))
            if count >= MAX_FEEDS:
                over.append(item.url)
                continue
            try:
                feed, _, _ = await self.follow(chat_id, item.url, filters=item.filters)
            except ArticlebotError as exc:
                failed.append((item.url, shown(exc)))  # the reader's language, when one is set
                continue
            followed.append(feed)
        return FollowReport(followed, failed, over)

    async def export_feeds(self, chat_id: int) -> ExportFile:
        """The chat's feeds (with their filters) as an OPML file."""
        feeds = await self._db(self.store.list_feeds, chat_id)
        if not feeds:
            raise ArticlebotError("You don't follow any feeds yet. /follow URL adds one.")
        data = build_opml(
            [OpmlFeed(f.url, f.title, f.filters) for f in feeds],
            title="articlebot feeds",
            now=datetime.now(UTC),
        )
        return ExportFile("articlebot-feeds.opml", data)
