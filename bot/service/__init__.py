"""The service both front ends use: take in articles, brief them, answer questions, remember.

One `Service` per process, composed of feature parts (mirroring handlers/) over the same store
and executors: articles and briefs, answers, library and settings, digests and feeds.
"""

from __future__ import annotations

from bot.service.answers import MAX_QUESTION_CHARS, AnswersPart, Reply
from bot.service.articles import (
    MAX_SENTENCES,
    MIN_ARTICLE_WORDS,
    MIN_DISTINCT_WORDS,
    ArticlesPart,
    Brief,
    NotAnArticle,
    Tldr,
    TooShort,
    check_text,
    content_hash,
)
from bot.service.base import ServiceBase
from bot.service.digests import DigestsPart
from bot.service.feeds import FIRST_FEED_ITEMS, MAX_FEED_ITEMS, MAX_FEEDS, FeedsPart
from bot.service.library import LibraryPart, parse_timezone
from bot.service.opml import FollowReport, OpmlOffer, OpmlPart
from bot.service.sharing import SharingPart
from bot.service.upkeep import UpkeepPart
from bot.settings import Settings
from store import Store

__all__ = [
    "FIRST_FEED_ITEMS",
    "MAX_FEEDS",
    "MAX_FEED_ITEMS",
    "MAX_QUESTION_CHARS",
    "MAX_SENTENCES",
    "MIN_ARTICLE_WORDS",
    "MIN_DISTINCT_WORDS",
    "AnswersPart",
    "ArticlesPart",
    "Brief",
    "DigestsPart",
    "FeedsPart",
    "FollowReport",
    "LibraryPart",
    "NotAnArticle",
    "OpmlOffer",
    "OpmlPart",
    "Reply",
    "Service",
    "ServiceBase",
    "SharingPart",
    "Tldr",
    "TooShort",
    "UpkeepPart",
    "check_text",
    "content_hash",
    "parse_timezone",
]


class Service(AnswersPart, SharingPart, OpmlPart, DigestsPart, UpkeepPart):
    """One instance per process; every method is safe to call concurrently from many chats."""

    @classmethod
    def open(cls, settings: Settings) -> Service:
        """Open the database named in the settings and build the service over it."""
        return cls(Store.open(settings.db_file), settings)
