"""Row <-> record conversion shared by the store's table modules (no SQL runs here)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from store.records import StoredArticle

ARTICLE_COLUMNS = (
    "id, chat_id, title, source, url, origin, byline, place, published, "
    "paragraphs_json, content_hash, created_at, language"
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def stamp(moment: datetime) -> str:
    """The same text form as the created_at columns, so they compare as strings."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_time(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def paragraphs(paragraphs_json: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(s) for s in para) for para in json.loads(paragraphs_json))


def article(row: sqlite3.Row) -> StoredArticle:
    return StoredArticle(
        id=row["id"],
        chat_id=row["chat_id"],
        title=row["title"],
        source=row["source"],
        url=row["url"],
        origin=row["origin"],
        byline=row["byline"],
        place=row["place"],
        published=row["published"],
        paragraphs=paragraphs(row["paragraphs_json"]),
        content_hash=row["content_hash"],
        created_at=parse_time(row["created_at"]),
        language=row["language"],
    )
