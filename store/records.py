"""Frozen records the store hands out; no SQL or connection ever leaves the package."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

DEFAULT_SENTENCES = 3
DEFAULT_TIMEZONE = "UTC"


@dataclass(frozen=True)
class ChatSettings:
    """A chat's preferences: brief length, summarizer method (None = default), timezone name,
    language (an ISO 639-1 code; None = detect each article's, speak the user's)."""

    sentences: int = DEFAULT_SENTENCES
    method: str | None = None
    timezone: str = DEFAULT_TIMEZONE
    language: str | None = None


@dataclass(frozen=True)
class StoredArticle:
    """An article saved in one chat; `created_at` is an aware UTC datetime."""

    id: int
    chat_id: int
    title: str | None
    source: str | None
    url: str | None
    origin: str
    byline: str | None
    place: str | None
    published: str | None
    paragraphs: tuple[tuple[str, ...], ...]
    content_hash: str
    created_at: datetime
    language: str | None = None  # ISO 639-1 code; None for articles stored before languages

    @property
    def sentences(self) -> list[str]:
        """All body sentences in article order."""
        return [s for para in self.paragraphs for s in para]

    @property
    def text(self) -> str:
        """The body as plain text, one paragraph per block."""
        return "\n\n".join(" ".join(p) for p in self.paragraphs)


@dataclass(frozen=True)
class ArticleSummary:
    """One line of a chat's article list (newest first)."""

    id: int
    title: str | None
    source: str | None
    created_at: datetime
    number_of_sentences: int


@dataclass(frozen=True)
class SearchHit:
    """A sentence that matched a search; higher `score` is better (negated bm25)."""

    article_id: int
    title: str | None
    sentence: str
    score: float


@dataclass(frozen=True)
class Subscription:
    """A chat's daily digest: local time and IANA zone, and what was sent last."""

    chat_id: int
    at: time
    timezone: str
    active: bool
    empty_note: bool  # on a day with nothing new, send a one-line note instead of nothing
    last_sent_day: date | None  # the subscriber's local date of the last digest claimed
    last_article_id: int | None  # articles after this id are new (None: no digest yet)
    stopped_reason: str | None = None


@dataclass(frozen=True)
class Feed:
    """An RSS or Atom feed a chat follows; etag/last_modified make the next fetch conditional."""

    id: int
    chat_id: int
    url: str
    title: str | None
    etag: str | None
    last_modified: str | None
    checked_at: datetime | None
    filters: str = ""  # '+word -word' (bot/filters.py); '' keeps every item


@dataclass(frozen=True)
class DigestClaim:
    """What a chat's digest is made of, claimed (and marked as sent) in one transaction."""

    subscription: Subscription
    articles: list[StoredArticle]  # newest first, at most the limit asked for
    more: int  # how many more new articles there were beyond the limit


@dataclass(frozen=True)
class Conversation:
    """What a chat's last question left behind, for the next one to lean on: the article it was
    about, the people and things of the answer (most salient first) and the question itself."""

    article_id: int
    people: tuple[str, ...] = ()
    things: tuple[str, ...] = ()
    last_question: str | None = None
    last_answer: str | None = None


@dataclass(frozen=True)
class NewArticle:
    """An article to save: its sentences by paragraph and what is known about it."""

    paragraphs: tuple[tuple[str, ...], ...]
    title: str | None
    source: str | None
    url: str | None
    origin: str
    byline: str | None
    place: str | None
    published: str | None
    content_hash: str
    language: str | None = None  # ISO 639-1 code
