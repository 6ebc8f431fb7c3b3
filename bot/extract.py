"""Turn a web page's HTML into an Article: trafilatura finds the main text and metadata,
clean_text does the rest."""

from __future__ import annotations

import dataclasses
import logging

import trafilatura

from bot.article import Article
from bot.clean import clean_text
from bot.documents import looks_like_html
from bot.errors import InputError, NoArticleText

log = logging.getLogger(__name__)
__all__ = ["article_from_html", "looks_like_html"]

MIN_PROSE_WORDS = 6
_NO_TEXT = "I couldn't find any article text on that page."


def _clean_meta(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _extract(html: str, url: str | None) -> tuple[str, dict[str, str | None]] | None:
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        with_metadata=True,
    )
    if doc is None:
        return None
    text = getattr(doc, "text", None)
    if not isinstance(text, str) or not text.strip():
        return None
    meta = {
        "title": _clean_meta(getattr(doc, "title", None)),
        "byline": _clean_meta(getattr(doc, "author", None)),
        "date": _clean_meta(getattr(doc, "date", None)),
        "source": _clean_meta(getattr(doc, "sitename", None)),
    }
    return text, meta


def article_from_html(html: str, *, url: str | None = None) -> Article:
    """Extract the main article from a page; raises NoArticleText when there is none."""
    if not html or not html.strip():
        raise NoArticleText(_NO_TEXT)
    try:
        found = _extract(html, url)
    except Exception as exc:  # broken markup must become a friendly error, never a crash
        log.debug("trafilatura failed on %s: %r", url, exc)
        raise NoArticleText(_NO_TEXT) from exc
    if found is None:
        raise NoArticleText(_NO_TEXT)
    text, meta = found
    title = meta["title"]
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    # trafilatura often repeats the headline as the first line of the text.
    if title and lines and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    # With no main text trafilatura falls back to whatever is there (menus, footers): insist
    # on at least one line of prose.
    if not any(len(line.split()) >= MIN_PROSE_WORDS for line in lines):
        raise NoArticleText(_NO_TEXT)
    try:
        article = clean_text("\n\n".join(lines), title=title, source=meta["source"], url=url)
    except InputError as exc:  # EmptyText, or text the cleaner cannot use
        raise NoArticleText(_NO_TEXT) from exc
    return dataclasses.replace(
        article,
        byline=meta["byline"] or article.byline,
        date=meta["date"] or article.date,
    )
