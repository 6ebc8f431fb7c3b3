"""A daily digest as plain data: new articles grouped by source, each with a line or two of brief."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot import brief as briefing
from bot.article import Article
from store import StoredArticle

DIGEST_SENTENCES = 2
MAX_ITEMS = 40  # beyond this the digest says how many more there are
MAX_LINE_CHARS = 320
MAX_TITLE_CHARS = 160
NO_SOURCE = "Saved in this chat"


@dataclass(frozen=True)
class DigestItem:
    """One article in the digest; `number` is what its open button shows (the service puts the
    article's number in its chat there; build_digest numbers in reading order)."""

    number: int
    article_id: int
    title: str
    url: str | None
    summary: str  # one or two of the article's own sentences, shortened if very long


@dataclass(frozen=True)
class DigestGroup:
    source: str
    items: list[DigestItem]


@dataclass(frozen=True)
class Digest:
    chat_id: int
    day: date
    groups: list[DigestGroup]
    more: int = 0  # new articles left out beyond MAX_ITEMS
    empty_note: bool = False  # the chat wants a one-line note on a day with nothing new

    @property
    def items(self) -> list[DigestItem]:
        return [item for group in self.groups for item in group.items]

    @property
    def empty(self) -> bool:
        return not self.groups


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "…"


def _as_article(stored: StoredArticle) -> Article:
    return Article(paragraphs=stored.paragraphs, title=stored.title, source=stored.source)


def digest_summary(stored: StoredArticle, *, method: str | None = None) -> str:
    """The article's brief in one or two sentences, as one line."""
    sentences = briefing.brief(_as_article(stored), sentences=DIGEST_SENTENCES, method=method)
    return _shorten(" ".join(sentences), MAX_LINE_CHARS)


def build_digest(
    chat_id: int,
    day: date,
    articles: Sequence[StoredArticle],
    *,
    more: int = 0,
    method: str | None = None,
) -> Digest:
    """Group the new articles by source (the feed's title, the forwarding channel, the site),
    newest group first, oldest article first within a group; number the items in reading order.
    """
    ordered = sorted(articles, key=lambda a: a.id)
    by_source: dict[str, list[StoredArticle]] = {}
    for stored in ordered:
        by_source.setdefault(stored.source or NO_SOURCE, []).append(stored)
    # The group whose latest article is newest comes first.
    sources = sorted(by_source, key=lambda s: -max(a.id for a in by_source[s]))
    groups: list[DigestGroup] = []
    number = 0
    for source in sources:
        items: list[DigestItem] = []
        for stored in by_source[source]:
            number += 1
            items.append(
                DigestItem(
                    number=number,
                    article_id=stored.id,
                    title=_shorten(stored.title or stored.sentences[0], MAX_TITLE_CHARS)
                    if stored.title or stored.sentences
                    else "Untitled article",
                    url=stored.url
                    if stored.url and stored.url.lower().startswith(("http://", "https://"))
                    else None,
                    summary=digest_summary(stored, method=method),
                )
            )
        groups.append(DigestGroup(source=_shorten(source, MAX_TITLE_CHARS), items=items))
    return Digest(chat_id=chat_id, day=day, groups=groups, more=more)
