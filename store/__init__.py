"""Persistence for articlebot: the only package that talks to SQLite."""

from __future__ import annotations

from store.db import Store
from store.records import (
    ArticleSummary,
    ChatSettings,
    Conversation,
    DigestClaim,
    Feed,
    SearchHit,
    StoredArticle,
    Subscription,
)
from store.schema import LATEST_VERSION, MIGRATIONS, Migration
from store.sqlite import READERS, only_reads

__all__ = [
    "LATEST_VERSION",
    "MIGRATIONS",
    "READERS",
    "ArticleSummary",
    "ChatSettings",
    "Conversation",
    "DigestClaim",
    "Feed",
    "Migration",
    "SearchHit",
    "Store",
    "StoredArticle",
    "Subscription",
    "only_reads",
]
