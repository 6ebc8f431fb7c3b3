"""The one-line TL;DR: the single sentence that best stands for the whole article.

The news ranker asked for one sentence: early, close to the article's word profile, not junk
(a question, a credit line, a fragment), not opening with a pronoun whose referent it would
leave behind, not one of the very long sentences. Measured against Lead-1 in bench/tldr.py.
"""

from __future__ import annotations

from bot.article import Article
from bot.brief import brief
from bot.errors import EmptyText


def tldr(article: Article) -> str:
    """The sentence that best stands for the article, verbatim."""
    if not article.sentences:
        raise EmptyText("That article has no sentences.")
    return brief(article, sentences=1, method="news")[0]
