"""Persistence for articlebot: the only package that talks to SQLite."""

from __future__ import annotations

from store.db import Store
from store.records import ArticleSummary, ChatSettings, SearchHit, StoredArticle
from store.schema import LATEST_VERSION, MIGRATIONS, Migration

__all__ = [
    "LATEST_VERSION",
    "MIGRATIONS",
    "ArticleSummary",
    "ChatSettings",
    "Migration",
    "SearchHit",
    "Store",
    "StoredArticle",
]
