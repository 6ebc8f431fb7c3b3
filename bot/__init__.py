"""articlebot: brief news articles and answer questions from their own sentences."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Answer", "Article", "Context", "answer", "summarize"]

if TYPE_CHECKING:
    from bot.article import Article
    from bot.brief import summarize
    from bot.qa import Answer, Context, answer


def __getattr__(name: str) -> Any:
    # Lazy, so that `import bot` (and the CLI's --help) stays fast.
    if name in ("answer", "Answer", "Context"):
        from bot import qa as _qa

        return getattr(_qa, name)
    if name == "summarize":
        from bot.brief import summarize

        return summarize
    if name == "Article":
        from bot.article import Article

        return Article
    raise AttributeError(name)
