"""OPML, the file feed readers exchange their subscriptions in: read one, write one.

Reading refuses DTDs and entities (no entity expansion, no external fetches) and caps size and
count, since the file comes from a user.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime

from bot.errors import InputError, NotText, TooLarge

MAX_OPML_BYTES = 1_000_000
MAX_OPML_FEEDS = 500
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class NoFeeds(InputError):
    """The OPML file lists no feeds."""


@dataclass(frozen=True)
class OpmlFeed:
    """One feed named in an OPML file."""

    url: str
    title: str | None = None
    filters: str = ""  # articlebot's own filter words ('+flood -football'), kept on export


def looks_like_opml(data: bytes, filename: str | None = None) -> bool:
    """An OPML file by its name, or by an <opml> root near the start."""
    if filename and filename.lower().endswith(".opml"):
        return True
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    return bool(
        re.match(rb"(?:<\?xml[^>]{0,200}\?>\s*)?(?:<!--.{0,500}?-->\s*)?<opml[\s>]", head, re.S)
    )


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """The feeds an OPML file lists (outlines with an xmlUrl, at any depth), first copy only."""
    if len(data) > MAX_OPML_BYTES:
        raise TooLarge("That OPML file is larger than {mb} MB.", mb=MAX_OPML_BYTES // 1_000_000)
    if _DECLARATION.search(data):
        raise NotText("That OPML file declares a DTD or entities; I only read plain OPML.")
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        raise NotText("That file is not valid OPML (the XML doesn't parse).") from None
    if root.tag.lower() != "opml":
        raise NotText("That file is XML but not OPML.")
    feeds: list[OpmlFeed] = []
    seen: set[str] = set()
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url or url.lower() in seen:
            continue
        seen.add(url.lower())
        title = (outline.get("title") or outline.get("text") or "").strip() or None
        if title == url:
            title = None  # a reader's stand-in for a missing title
        feeds.append(OpmlFeed(url=url, title=title, filters=outline.get("articlebotFilter", "")))
        if len(feeds) > MAX_OPML_FEEDS:
            raise TooLarge("That OPML file lists more than {n} feeds.", n=MAX_OPML_FEEDS)
    if not feeds:
        raise NoFeeds("That OPML file lists no feeds (no outline has an xmlUrl).")
    return feeds


def build_opml(feeds: list[OpmlFeed], *, title: str, now: datetime | None = None) -> bytes:
    """An OPML 2.0 document listing the feeds (filters kept in an attribute of our own)."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(now or datetime.now(UTC))
    body = ET.SubElement(root, "body")
    for feed in feeds:
        attrs = {"type": "rss", "text": feed.title or feed.url, "xmlUrl": feed.url}
        if feed.title:
            attrs["title"] = feed.title
        if feed.filters:
            attrs["articlebotFilter"] = feed.filters
        ET.SubElement(body, "outline", attrs)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
