"""Sentence rankers behind `bot.brief`: each picks sentence indices of an Article's sentences."""

from __future__ import annotations

from collections.abc import Callable

from bot.article import Article

# A ranker gets the article and how many sentences to pick (1 <= count < number of sentences)
# and returns indices into `article.sentences`; `bot.brief` sorts, dedupes and clamps them.
Ranker = Callable[[Article, int], list[int]]
