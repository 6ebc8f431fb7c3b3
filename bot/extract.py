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
from bot.i18n import N_

log = logging.getLogger(__name__)
__all__ = ["article_from_html", "looks_like_html"]

# trafilatura logs ERROR lines of its own ("empty HTML tree", "not enough text") for pages we
# report in our own words; console users and operators should not see them.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

# Boxes that sit inside an article's markup but are not the article: hover cards on names,
# "Also on ..." promos, newsletter sign-ups. Removed before trafilatura reads the page.
_PRUNE_CLASSES = (
    "rollover",
    "hovercard",
    "hover-card",
    "tooltip",
    "popover",
    "newsletter",
    "signup",
    "sign-up",
    "inline-promo",
    "promo-inline",
    "also-on",
    "alsoon",
    "inline-related",
    "related-inline",
    "read-more-inline",
)
_PRUNE_XPATH = "//*[{}]".format(
    " or ".join(f"contains(@class, '{name}') or contains(@id, '{name}')" for name in _PRUNE_CLASSES)
)

MIN_PROSE_WORDS = 6
_NO_TEXT = N_("I couldn't find any article text on that page.")


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
        prune_xpath=_PRUNE_XPATH,
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


def _is_headline(line: str, title: str) -> bool:
    line, title = line.casefold().strip(), title.casefold().strip()
    return line == title or (len(line.split()) >= 3 and title.startswith(line))


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
    # trafilatura often repeats the headline as the first line of the text, sometimes without
    # the site's name that the title carries ("Headline - Site").
    if title and lines and _is_headline(lines[0], title):
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
