"""Placeholder."""

from __future__ import annotations

from bot.article import Article


def news_rank(article: Article, count: int) -> list[int]:
    return list(range(count))
