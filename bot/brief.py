"""The brief: a few of the article's own sentences, verbatim and in article order.

`brief(article)` picks them; `summarize(text)` cleans pasted text first. Methods are listed in METHODS.
"""

from __future__ import annotations

from bot.article import Article
from bot.clean import clean_text
from bot.rankers import SUMY_METHODS, news_rank, sumy_rank

METHODS: tuple[str, ...] = ("news", "lead", *SUMY_METHODS)
DEFAULT_METHOD = "news"
SHORT_TEXT_SENTENCES = 3  # a text this short is shown as it is, not "briefed"


def already_short(article_sentences: int, wanted: int, *, explicit: bool = False) -> bool:
    """Is a text as short as its brief would be (3 sentences or fewer, or no more than asked)?

    An explicitly asked length (`/summary 1`) is obeyed: then only 'no more than asked' counts.
    """
    return article_sentences <= (wanted if explicit else max(SHORT_TEXT_SENTENCES, wanted))


class UnknownMethod(ValueError):
    """A method name that is not in METHODS."""

    def __init__(self, method: str) -> None:
        self.method = method
        super().__init__(
            f"There is no summary method {method!r}; choose one of: {', '.join(METHODS)}."
        )


def _lead_rank(article: Article, count: int) -> list[int]:
    """The first `count` distinct sentences (a caption printed twice is said once)."""
    seen: set[str] = set()
    picked: list[int] = []
    for i, sentence in enumerate(article.sentences):
        if sentence not in seen:
            seen.add(sentence)
            picked.append(i)
            if len(picked) == count:
                break
    return picked


def _rank(method: str, article: Article, count: int) -> list[int]:
    if method == "news":
        return news_rank(article, count)
    if method == "lead":
        return _lead_rank(article, count)
    return sumy_rank(method, article, count)


def brief(article: Article, *, sentences: int = 3, method: str | None = None) -> list[str]:
    """The chosen sentences verbatim, in article order, at most `sentences` (at least one)."""
    name = DEFAULT_METHOD if method is None else method.strip().lower()
    if name not in METHODS:
        raise UnknownMethod(method or "")
    all_sentences = article.sentences
    count = max(1, sentences)
    if count >= len(all_sentences):
        return list(all_sentences)
    picked = sorted({i for i in _rank(name, article, count) if 0 <= i < len(all_sentences)})
    if not picked:
        # A ranker finds nothing when no sentence has a content word ("!!! ???"): the start
        # of the article is still a better answer than an empty brief.
        picked = list(range(count))
    return [all_sentences[i] for i in picked[:count]]


def summarize(text: str, *, sentences: int = 3, method: str | None = None) -> list[str]:
    """Clean pasted text into an article and brief it; raises EmptyText or UnknownMethod."""
    return brief(clean_text(text), sentences=sentences, method=method)
