"""Frozen records the store hands out; no SQL or connection ever leaves the package."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

DEFAULT_SENTENCES = 3
DEFAULT_TIMEZONE = "UTC"


@dataclass(frozen=True)
class ChatSettings:
    """A chat's preferences: brief length, summarizer method (None = default), timezone name."""

    sentences: int = DEFAULT_SENTENCES
    method: str | None = None
    timezone: str = DEFAULT_TIMEZONE


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
