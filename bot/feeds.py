"""RSS and Atom feeds: conditional fetching through the address guard, discovery from a site's
page, parsing (feedparser), and turning an entry into an Article."""

from __future__ import annotations

import asyncio
import hashlib
import html
import re
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urldefrag, urljoin

import feedparser
import httpx

from bot.addresses import AddressGuard
from bot.article import Article
from bot.clean import clean_text
from bot.errors import (
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    InputError,
    TooManyRedirects,
)
from bot.fetch import (
    REDIRECT_CODES,
    USER_AGENT,
    guarded_client,
    read_body,
    status_message,
)

FEED_TYPES = ("application/rss+xml", "application/atom+xml")
# An entry whose own content has this many words is briefed from it; a shorter one (a teaser)
# is briefed from the page it links to.
FULL_CONTENT_WORDS = 80
_BREAKS = re.compile(r"(?i)<\s*(?:/p|br\s*/?|/div|/li|/h[1-6]|/blockquote)\s*>")
_TAGS = re.compile(r"<[^>]*>")
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, "
    "text/html;q=0.5, */*;q=0.1"
)


class NotAFeed(FetchError):
    """The address holds neither a feed nor a page that links to one."""


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed; `guid` is its id (or its link, or a hash when it has neither)."""

    guid: str
    link: str | None
    title: str | None
    published: str | None
    content: str | None  # HTML or text: the entry's full content, else its summary


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    link: str | None
    entries: list[FeedEntry]


@dataclass(frozen=True)
class FeedFetch:
    """The result of a (conditional) feed request: not_modified means 304, nothing new."""

    url: str  # where the feed was found (after redirects and discovery)
    not_modified: bool
    etag: str | None
    last_modified: str | None
    feed: ParsedFeed | None


# ---- parsing --------------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _web_link(value: Any, base: str | None) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    link = urljoin(base or "", value.strip())
    return link if link.lower().startswith(("http://", "https://")) else None


def parse_feed(data: bytes, *, url: str | None = None) -> ParsedFeed:
    """Parse RSS (0.9x, 1.0, 2.0) or Atom bytes; NotAFeed when it is neither."""
    headers = {"content-location": url} if url else {}
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=True)
    if not parsed.get("version") and not parsed.entries:
        raise NotAFeed("That address is not an RSS or Atom feed, and the page links to none.")
    entries: list[FeedEntry] = []
    for raw in parsed.entries:
        link = _web_link(raw.get("link"), url)
        title = _text(raw.get("title"))
        content = None
        if raw.get("content"):
            content = "\n".join(str(c.get("value", "")) for c in raw["content"]) or None
        if content is None:
            content = raw.get("summary") or None
        guid = _text(raw.get("id")) or link
        if guid is None:
            basis = f"{title}\n{content}".encode()
            guid = "sha256:" + hashlib.sha256(basis).hexdigest()
        entries.append(
            FeedEntry(
                guid=guid[:1000],
                link=link,
                title=title,
                published=_text(raw.get("published") or raw.get("updated")),
                content=content,
            )
        )
    feed = parsed.get("feed", {})
    return ParsedFeed(
        title=_text(feed.get("title")), link=_web_link(feed.get("link"), url), entries=entries
    )


# <link ...> tags and their attributes, matched with bounded, delimiter-stopped classes: linear
# in the page (html.parser is quadratic on thousands of unterminated `<a ` tags).
_LINK_TAG = re.compile(r"<link\b([^<>]{0,2000})>", re.I)
_ATTR = re.compile(
    r"""(?<![\w:-])([a-zA-Z_:-]{1,40})\s{0,20}=\s{0,20}("[^"<>]{0,2000}"|'[^'<>]{0,2000}'|[^\s"'<>=`]{1,2000})"""
)


def discover_feed_links(html_text: str, *, base_url: str) -> list[str]:
    """The feeds a page links with <link rel="alternate" type="application/rss+xml|atom+xml">."""
    out: list[str] = []
    for tag in _LINK_TAG.finditer(html_text[:500_000]):
        attrs = {
            name.lower(): html.unescape(value.strip("\"'"))
            for name, value in _ATTR.findall(tag.group(1))
        }
        rels = attrs.get("rel", "").lower().split()
        kind = attrs.get("type", "").lower().strip()
        href = attrs.get("href", "").strip()
        if "alternate" in rels and kind in FEED_TYPES and href:
            link = _web_link(href, base_url)
            if link and link not in out:
                out.append(link)
    return out


def entry_text(content: str) -> str:
    """An entry's HTML (or text) content as plain text, one paragraph per block."""
    if "<" not in content:
        return content
    text = _BREAKS.sub("\n\n", content)
    text = html.unescape(_TAGS.sub(" ", text))
    return "\n\n".join(" ".join(p.split()) for p in text.split("\n\n") if p.strip())


def article_from_entry(
    entry: FeedEntry, *, source: str | None, min_words: int = FULL_CONTENT_WORDS
) -> Article | None:
    """The entry as an article when its own content has at least `min_words` words, else None.

    With the default, a teaser is refused (its page is briefed instead); min_words=1 takes
    whatever the feed says when the page cannot be read.
    """
    if not entry.content:
        return None
    text = entry_text(entry.content)
    if len(text.split()) < min_words:
        return None
    try:
        article = clean_text(text, title=entry.title, source=source, url=entry.link)
    except InputError:
        return None
    return _with_meta(article, entry, source)


def _with_meta(article: Article, entry: FeedEntry, source: str | None) -> Article:
    return Article(
        paragraphs=article.paragraphs,
        title=entry.title or article.title,
        byline=article.byline,
        place=article.place,
        date=entry.published or article.date,
        source=source or article.source,
        url=entry.link or article.url,
    )


# ---- fetching -------------------------------------------------------------------------------


class FeedReader(Protocol):
    """Where a fetched page's feed links are found and a feed is parsed (both take time that
    depends on the input): the service runs them in its worker processes."""

    async def links(self, page: str, base_url: str) -> list[str]: ...

    async def feed(self, data: bytes, url: str) -> ParsedFeed: ...


async def _get(
    client: httpx.AsyncClient,
    url: str,
    guard: AddressGuard,
    headers: dict[str, str],
    *,
    max_bytes: int,
    max_redirects: int,
) -> tuple[str, httpx.Response, bytes]:
    """GET following redirects by hand, each hop through the guard; (final url, response, body)."""
    seen = {urldefrag(url).url}
    for _ in range(max_redirects + 1):
        guard.check_form(url)
        try:
            request_url = httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise FetchError("That link is not a valid web address.") from exc
        try:
            async with client.stream("GET", request_url, headers=headers) as response:
                location = response.headers.get("location")
                if response.status_code in REDIRECT_CODES and location:
                    url = urljoin(url, location.strip())
                    key = urldefrag(url).url
                    if key in seen:
                        raise TooManyRedirects("That link redirects in a loop.")
                    seen.add(key)
                    continue
                if response.status_code == 304:
                    return url, response, b""
                if response.status_code >= 300:
                    raise HTTPStatusError(status_message(response.status_code))
                body = await read_body(response, max_bytes)
                return url, response, body
        except httpx.TimeoutException as exc:
            raise FetchTimeout("The site took too long to answer.") from exc
        except httpx.HTTPError as exc:
            raise FetchError("I couldn't get that feed from the site.") from exc
    raise TooManyRedirects("That link redirects too many times.")


def _looks_like_feed(body: bytes, content_type: str) -> bool:
    kind = content_type.split(";", 1)[0].strip().lower()
    if "rss" in kind or "atom" in kind or kind.endswith("/xml"):
        return True
    head = body[:2000].lstrip().lower()
    return head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


async def fetch_feed(
    url: str,
    *,
    allow_private: bool = False,
    etag: str | None = None,
    last_modified: str | None = None,
    discover: bool = True,
    timeout: float = 15.0,
    max_bytes: int = 5_000_000,
    max_redirects: int = 5,
    transport: httpx.AsyncBaseTransport | None = None,
    guard: AddressGuard | None = None,
    reader: FeedReader | None = None,
) -> FeedFetch:
    """Fetch and parse a feed, conditionally when validators are given (304 → not_modified).

    With `discover`, an HTML page that links its feed leads to that feed. The same address
    rules as fetch_article apply to every request and redirect; errors are FetchError subclasses.
    """
    guard = guard or AddressGuard(allow_private=allow_private)
    url = url.strip()
    guard.check_form(url)
    headers = {"User-Agent": USER_AGENT, "Accept": _ACCEPT, "Accept-Encoding": "gzip, deflate"}
    conditional = dict(headers)
    if etag:
        conditional["If-None-Match"] = etag
    if last_modified:
        conditional["If-Modified-Since"] = last_modified
    client = guarded_client(guard, transport, timeout=timeout, headers={})
    loop = asyncio.get_running_loop()

    async def get(at: str, with_headers: dict[str, str]) -> tuple[str, httpx.Response, bytes]:
        try:
            async with asyncio.timeout(timeout):
                return await _get(
                    client,
                    at,
                    guard,
                    with_headers,
                    max_bytes=max_bytes,
                    max_redirects=max_redirects,
                )
        except TimeoutError as exc:
            raise FetchTimeout("The site took too long to answer.") from exc

    # Reading the page and the feed is not the site's time: `reader` runs it with its own
    # deadline (the service's worker processes); by default a thread of the default executor.
    async with client:
        final, response, body = await get(url, conditional)
        if response.status_code == 304:
            return FeedFetch(final, True, etag, last_modified, None)
        ctype = response.headers.get("content-type", "")
        if not _looks_like_feed(body, ctype):
            page = body.decode("utf-8", "replace")
            if not discover:
                links = []
            elif reader is not None:
                links = await reader.links(page, final)
            else:
                links = await loop.run_in_executor(
                    None, lambda: discover_feed_links(page, base_url=final)
                )
            if not links:
                raise NotAFeed(
                    "That address is not an RSS or Atom feed, and the page links to none."
                )
            final, response, body = await get(links[0], headers)
    if reader is not None:
        feed = await reader.feed(body, final)
    else:
        feed = await loop.run_in_executor(None, lambda: parse_feed(body, url=final))
    return FeedFetch(
        final,
        False,
        response.headers.get("etag"),
        response.headers.get("last-modified"),
        feed,
    )
