"""What the worker processes run (bot/workers.py): text, bytes or a page in, an Article out.

Each function is module-level and takes and returns plain data, so it can be sent to another
process; each may take time that depends on its input, which is why it runs there.
"""

from __future__ import annotations

from bot.article import Article
from bot.clean import clean_text
from bot.documents import decode_document, looks_like_html
from bot.errors import EmptyText, InputError, NoArticleText
from bot.extract import article_from_html
from bot.feeds import FeedEntry, ParsedFeed, article_from_entry, discover_feed_links, parse_feed
from bot.i18n import N_

_NO_TEXT = N_("I couldn't find any article text on that page.")


def read_text(
    text: str, *, title: str | None = None, source: str | None = None, url: str | None = None
) -> Article:
    """Pasted text (or HTML) as an article."""
    if looks_like_html(text):
        return article_from_html(text, url=url)
    return clean_text(text, title=title, source=source, url=url)


def read_document(
    data: bytes, *, filename: str | None = None, mime: str | None = None, source: str | None = None
) -> Article:
    """A sent file (text, HTML or Markdown) as an article."""
    text = decode_document(data, filename=filename, mime=mime)
    if not text.strip():
        raise EmptyText("That file is empty.")
    return read_text(text, source=source)


def read_page(text: str, *, html: bool, url: str) -> Article:
    """A downloaded page (already decoded) as an article."""
    if html:
        return article_from_html(text, url=url)
    try:
        return clean_text(text, url=url)
    except InputError as exc:
        raise NoArticleText(_NO_TEXT) from exc


def read_feed(data: bytes, *, url: str) -> ParsedFeed:
    return parse_feed(data, url=url)


def find_feed_links(html_text: str, *, base_url: str) -> list[str]:
    return discover_feed_links(html_text, base_url=base_url)


def read_entry(
    entry: FeedEntry, *, source: str | None, min_words: int | None = None
) -> Article | None:
    if min_words is None:
        return article_from_entry(entry, source=source)
    return article_from_entry(entry, source=source, min_words=min_words)
