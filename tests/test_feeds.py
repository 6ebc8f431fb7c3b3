"""Feeds: RSS and Atom parsing, discovery from a page, conditional GET, dedupe, address rules."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from bot.addresses import AddressGuard
from bot.errors import BlockedAddress
from bot.feeds import NotAFeed, discover_feed_links, fetch_feed, parse_feed
from bot.service import Service
from bot.settings import Settings
from tests.pages import ARTICLE_HTML, PageServer, Seen

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)

LONG_BODY = (
    "<p>The ferry company said on Monday that the new summer timetable would add two crossings "
    "a day between the harbour and the island, starting in the first week of June.</p>"
    "<p>Islanders had asked for more crossings for years, saying the last boat left too early "
    "for people who work on the mainland. The company said the extra trips would cost about "
    "120,000 dollars a season and would be paid for by the regional council.</p>"
    "<p>Tickets for the new crossings go on sale next week, the company said, and season "
    "passes bought before the change will be valid on every boat.</p>"
)


def rss(items: list[tuple[str, str, str]], *, title: str = "Harbour Weekly") -> str:
    """An RSS 2.0 feed of (guid, link, title) items, each with a long body of its own."""
    entries = "".join(
        f'<item><title>{t}</title><link>{link}</link><guid isPermaLink="false">{g}</guid>'
        f"<pubDate>Mon, 01 Jun 2026 06:00:00 GMT</pubDate>"
        f"<description><![CDATA[<p>This is the story called {t}.</p>{LONG_BODY}]]>"
        "</description></item>"
        for g, link, t in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://harbour.example/</link>"
        f"<description>News from the harbour</description>{entries}</channel></rss>"
    )


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valley Notes &amp; News</title>
  <link href="https://valley.example/"/>
  <id>urn:uuid:valley-notes</id>
  <updated>2026-06-01T06:00:00Z</updated>
  <entry>
    <title>Bridge repairs finish early</title>
    <link rel="alternate" href="/2026/06/bridge"/>
    <id>urn:uuid:bridge-1</id>
    <updated>2026-06-01T05:00:00Z</updated>
    <summary>The old stone bridge reopens on Friday.</summary>
  </entry>
  <entry>
    <title>School choir wins regional prize</title>
    <link rel="alternate" href="https://valley.example/2026/05/choir"/>
    <id>urn:uuid:choir-7</id>
    <updated>2026-05-30T18:00:00Z</updated>
    <content type="html">&lt;p&gt;The choir sang three songs.&lt;/p&gt;</content>
  </entry>
</feed>
"""

RSS1 = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="https://old.example/"><title>Old Style</title>
    <link>https://old.example/</link><description>RSS 1.0</description></channel>
  <item rdf:about="https://old.example/a"><title>First</title><link>https://old.example/a</link>
    <description>One.</description></item>
</rdf:RDF>
"""


class ConditionalServer(PageServer):
    """PageServer that answers 304 when If-None-Match or If-Modified-Since matches the route."""

    def _serve(self, handler: BaseHTTPRequestHandler, *, send_body: bool) -> None:
        reply = self.routes.get(handler.path.split("?", 1)[0])
        if reply is not None and reply.status == 200:
            etag = reply.headers.get("ETag")
            modified = reply.headers.get("Last-Modified")
            # RFC 9110: If-None-Match, when sent, decides; If-Modified-Since only without it.
            if_none_match = handler.headers.get("If-None-Match")
            if (etag and if_none_match == etag) or (
                if_none_match is None
                and modified
                and handler.headers.get("If-Modified-Since") == modified
            ):
                with self._lock:
                    self.requests.append(
                        Seen(handler.command, handler.path, dict(handler.headers.items()))
                    )
                handler.send_response(304)
                handler.send_header("ETag", etag or "")
                handler.send_header("Content-Length", "0")
                handler.end_headers()
                return
        super()._serve(handler, send_body=send_body)


@pytest.fixture
def server() -> Iterator[ConditionalServer]:
    with ConditionalServer() as s:
        yield s


@pytest.fixture
def svc(tmp_path: Path) -> Iterator[Service]:
    service = Service.open(Settings(db_path=str(tmp_path / "feeds.db"), allow_private_urls=True))
    yield service
    service.close()


def serve_rss(server: PageServer, items: list[tuple[str, str, str]], *, etag: str) -> str:
    return server.add(
        "/feed.xml",
        rss(items),
        content_type="application/rss+xml; charset=utf-8",
        headers={"ETag": etag, "Last-Modified": "Mon, 01 Jun 2026 06:00:00 GMT"},
    )


# ---- parsing and discovery ------------------------------------------------------------------


def test_rss2_items_have_guid_link_title_and_content() -> None:
    feed = parse_feed(
        rss([("g1", "https://harbour.example/1", "Ferries &amp; more")]).encode(),
        url="https://harbour.example/feed.xml",
    )
    assert feed.title == "Harbour Weekly"
    [entry] = feed.entries
    assert (entry.guid, entry.link, entry.title) == (
        "g1",
        "https://harbour.example/1",
        "Ferries & more",
    )
    assert entry.content and "summer timetable" in entry.content


def test_atom_entries_resolve_relative_links_and_read_content() -> None:
    feed = parse_feed(ATOM.encode(), url="https://valley.example/feed.atom")
    assert feed.title == "Valley Notes & News"
    first, second = feed.entries
    assert first.link == "https://valley.example/2026/06/bridge"
    assert first.guid == "urn:uuid:bridge-1"
    assert second.content and "three songs" in second.content


def test_rss1_is_a_feed_too() -> None:
    assert [e.link for e in parse_feed(RSS1.encode()).entries] == ["https://old.example/a"]


def test_a_web_page_is_not_a_feed() -> None:
    with pytest.raises(NotAFeed):
        parse_feed(ARTICLE_HTML.encode())


def test_a_page_names_its_feeds_in_link_alternate() -> None:
    page = (
        '<html><head><link rel="stylesheet" href="/s.css">'
        '<link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.xml">'
        '<LINK REL="Alternate" TYPE="application/atom+xml" HREF="https://x.example/atom">'
        '<link rel="alternate" type="text/html" href="/other"></head></html>'
    )
    assert discover_feed_links(page, base_url="https://x.example/news/") == [
        "https://x.example/feed.xml",
        "https://x.example/atom",
    ]


# ---- fetching: conditional requests, discovery, address rules ---------------------------------


async def test_second_fetch_is_conditional_and_a_304_brings_nothing(
    server: ConditionalServer,
) -> None:
    url = serve_rss(server, [("g1", "https://harbour.example/1", "One")], etag='"v1"')
    first = await fetch_feed(url, allow_private=True)
    assert first.etag == '"v1"' and first.feed is not None and len(first.feed.entries) == 1
    second = await fetch_feed(
        url, allow_private=True, etag=first.etag, last_modified=first.last_modified
    )
    assert server.requests[-1].headers.get("If-None-Match") == '"v1"'
    assert server.requests[-1].headers.get("If-Modified-Since") == first.last_modified
    assert second.not_modified and second.feed is None


async def test_a_site_page_leads_to_its_feed(server: ConditionalServer) -> None:
    serve_rss(server, [("g1", "https://harbour.example/1", "One")], etag='"v1"')
    page = server.add_html(
        "/",
        '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
        "</head><body><p>Welcome</p></body></html>",
    )
    got = await fetch_feed(page, allow_private=True)
    assert got.url.endswith("/feed.xml") and got.feed is not None


async def test_a_page_without_a_feed_is_refused(server: ConditionalServer) -> None:
    page = server.add_html("/", ARTICLE_HTML)
    with pytest.raises(NotAFeed):
        await fetch_feed(page, allow_private=True)


async def test_a_private_feed_address_is_refused_without_a_request(
    server: ConditionalServer,
) -> None:
    url = serve_rss(server, [("g1", "https://harbour.example/1", "One")], etag='"v1"')
    with pytest.raises(BlockedAddress):
        await fetch_feed(url, allow_private=False)
    assert server.requests == []


async def test_a_public_page_cannot_point_discovery_at_a_private_feed(
    server: ConditionalServer,
) -> None:
    # news.example.test stands in for a public site (trusted); its page names a loopback feed.
    serve_rss(server, [("g1", "https://harbour.example/1", "One")], etag='"v1"')
    server.add_html(
        "/",
        '<html><head><link rel="alternate" type="application/rss+xml" '
        f'href="http://127.0.0.1:{server.port}/feed.xml"></head></html>',
    )
    guard = AddressGuard(
        resolver=lambda host, port: ["127.0.0.1"], trusted_hosts={"news.example.test"}
    )
    with pytest.raises(BlockedAddress):
        await fetch_feed(server.url("/", host="news.example.test"), guard=guard)
    assert server.paths == ["/"]


async def test_following_a_private_feed_is_refused_by_the_service(
    server: ConditionalServer, tmp_path: Path
) -> None:
    url = serve_rss(server, [("g1", "https://harbour.example/1", "One")], etag='"v1"')
    strict = Service.open(Settings(db_path=str(tmp_path / "strict.db")))
    try:
        with pytest.raises(BlockedAddress):
            await strict.follow(1, url)
        assert await strict.feeds(1) == []
    finally:
        strict.close()


# ---- the service: items become the chat's articles, once ----------------------------------


async def test_follow_takes_the_newest_items_as_articles_that_are_not_current(
    server: ConditionalServer, svc: Service
) -> None:
    await svc.add_text(7, "Mayor opens the new bridge. " * 3 + "The ribbon was red and long.")
    current = (await svc.current(7)).id
    items = [(f"g{i}", f"https://harbour.example/{i}", f"Story {i}") for i in range(5)]
    feed, created, added = await svc.follow(7, serve_rss(server, items, etag='"v1"'))
    assert created and added == 3 and feed.title == "Harbour Weekly"
    listed = await svc.articles(7)
    assert [a.title for a in listed[:3]] == ["Story 2", "Story 1", "Story 0"]
    assert all(a.source == "Harbour Weekly" for a in listed[:3])
    assert (await svc.current(7)).id == current


async def test_refresh_sends_validators_takes_new_items_once_and_dedupes_by_guid_and_link(
    server: ConditionalServer, svc: Service
) -> None:
    one = [("g1", "https://harbour.example/1", "One")]
    url = serve_rss(server, one, etag='"v1"')
    await svc.follow(7, url)
    assert await svc.refresh_feeds(7) == 0  # 304: nothing
    assert server.requests[-1].headers.get("If-None-Match") == '"v1"'
    assert await svc.articles(7) and len(await svc.articles(7)) == 1
    grown = [
        *one,
        ("g2", "https://harbour.example/2", "Two"),
        ("g3", "https://harbour.example/1", "One again, new guid same link"),
        ("g1", "https://harbour.example/1b", "Same guid, new link"),
    ]
    serve_rss(server, grown, etag='"v2"')
    assert await svc.refresh_feeds(7) == 1
    assert [a.title for a in await svc.articles(7)] == ["Two", "One"]
    assert await svc.refresh_feeds(7) == 0  # 304 again
    assert server.requests[-1].headers.get("If-None-Match") == '"v2"'


async def test_unfollow_by_number_or_url_and_forget_drops_feeds(
    server: ConditionalServer, svc: Service
) -> None:
    url = serve_rss(server, [("g1", "https://harbour.example/1", "One")], etag='"v1"')
    await svc.follow(7, url)
    assert [f.url for f in await svc.feeds(7)] == [url]
    removed = await svc.unfollow(7, "1")
    assert removed.url == url and await svc.feeds(7) == []
    await svc.follow(7, url)
    await svc.unfollow(7, url)
    await svc.follow(7, url)
    await svc.subscribe(7, at="07:30", timezone="Europe/Berlin", now=NOW)
    await svc.forget(7)
    assert await svc.feeds(7) == [] and await svc.subscription(7) is None
