"""Fetching links end to end against a loopback server: limits, content types, redirects, guard."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler

import httpx
import pytest

from bot.addresses import AddressGuard
from bot.errors import (
    BadContentType,
    BlockedAddress,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    NoArticleText,
    TooBig,
    TooManyRedirects,
)
from bot.extract import article_from_html, looks_like_html
from bot.fetch import USER_AGENT, fetch_article
from tests.pages import (
    ARTICLE_BYLINE,
    ARTICLE_HTML,
    ARTICLE_PARAGRAPHS,
    ARTICLE_TITLE,
    BROKEN_HTMLS,
    EMPTY_HTML,
    FOOTER_LINE,
    NAV_LINES,
    NAV_ONLY_HTML,
    PLAIN_TEXT,
    RELATED_LINES,
    PageServer,
)


@pytest.fixture
def server() -> Iterator[PageServer]:
    with PageServer() as srv:
        yield srv


def table_resolver(table: dict[str, Sequence[str]], calls: list[str] | None = None):
    def resolve(host: str, port: int) -> list[str]:
        if calls is not None:
            calls.append(host)
        if host not in table:
            raise OSError(f"no such name {host}")
        return list(table[host])

    return resolve


def stand_in_guard(extra: dict[str, Sequence[str]] | None = None) -> AddressGuard:
    """news.example.test stands in for a public site but is served by the loopback server."""
    table: dict[str, Sequence[str]] = {"news.example.test": ["127.0.0.1"], **(extra or {})}
    return AddressGuard(resolver=table_resolver(table), trusted_hosts={"news.example.test"})


# -- normal pages -----------------------------------------------------------------------------


async def test_article_page(server: PageServer) -> None:
    url = server.add_html("/news/library", ARTICLE_HTML)
    article = await fetch_article(url, allow_private=True)
    assert article.title == ARTICLE_TITLE
    assert article.byline == ARTICLE_BYLINE
    assert article.date == "2024-03-05"
    assert article.source == "The Millbrook Courier"
    assert article.url == url
    assert len(article.paragraphs) == len(ARTICLE_PARAGRAPHS)
    text = article.text
    assert "Mayor Ann Lee said it would stay open until 9 p.m. on weekdays" in text
    for junk in (*NAV_LINES, *RELATED_LINES, FOOTER_LINE, "Share on social", "analytics"):
        assert junk not in text
    assert not text.startswith(ARTICLE_TITLE)
    (seen,) = server.requests
    assert seen.headers["User-Agent"] == USER_AGENT
    assert seen.headers["Host"] == f"127.0.0.1:{server.port}"


@pytest.mark.parametrize("content_type", ["text/plain", "text/markdown"])
async def test_plain_text_page(server: PageServer, content_type: str) -> None:
    url = server.add_text("/notes.txt", PLAIN_TEXT, content_type=content_type)
    article = await fetch_article(url, allow_private=True)
    assert "new breakwater at the north entrance" in article.text
    assert article.url == url


async def test_xhtml_and_charset(server: PageServer) -> None:
    html = ARTICLE_HTML.replace("Millbrook opened", "Millbrøok opened").replace(
        '<meta charset="utf-8">', ""
    )
    url = server.add("/latin", html.encode("latin-1"), content_type="text/html; charset=ISO-8859-1")
    assert "Millbrøok opened" in (await fetch_article(url, allow_private=True)).text
    url = server.add("/x", ARTICLE_HTML, content_type="application/xhtml+xml; charset=utf-8")
    assert (await fetch_article(url, allow_private=True)).title == ARTICLE_TITLE


async def test_unknown_charset_falls_back_to_utf8(server: PageServer) -> None:
    url = server.add("/odd", ARTICLE_HTML, content_type="text/html; charset=no-such-charset")
    assert (await fetch_article(url, allow_private=True)).title == ARTICLE_TITLE


async def test_missing_content_type_is_sniffed(server: PageServer) -> None:
    url = server.add("/bare", ARTICLE_HTML, content_type=None)
    assert (await fetch_article(url, allow_private=True)).title == ARTICLE_TITLE
    url = server.add("/bare.pdf", b"%PDF-1.7\n%binary\x00\x01", content_type=None)
    with pytest.raises(BadContentType):
        await fetch_article(url, allow_private=True)


async def test_gzip_body(server: PageServer) -> None:
    body = gzip.compress(ARTICLE_HTML.encode())
    url = server.add("/gz", body, headers={"Content-Encoding": "gzip"})
    assert (await fetch_article(url, allow_private=True)).byline == ARTICLE_BYLINE


# -- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", [404, 410, 403, 500, 503])
async def test_error_status(server: PageServer, code: int) -> None:
    url = server.add_html("/gone", ARTICLE_HTML, status=code)
    with pytest.raises(HTTPStatusError) as info:
        await fetch_article(url, allow_private=True)
    assert str(code) in str(info.value)


async def test_unknown_path_is_404(server: PageServer) -> None:
    with pytest.raises(HTTPStatusError, match="404"):
        await fetch_article(server.url("/nothing-here"), allow_private=True)


@pytest.mark.parametrize(
    ("content_type", "body", "named"),
    [
        ("application/pdf", b"%PDF-1.7\n" + b"\x00" * 100, "PDF"),
        ("image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png"),
        ("image/jpeg; charset=binary", b"\xff\xd8\xff" + b"\x00" * 100, "image/jpeg"),
        ("application/zip", b"PK\x03\x04" + b"\x00" * 100, "zip"),
        ("application/octet-stream", b"\x00" * 100, "application/octet-stream"),
        ("video/mp4", b"\x00" * 100, "video/mp4"),
    ],
)
async def test_bad_content_types(
    server: PageServer, content_type: str, body: bytes, named: str
) -> None:
    url = server.add("/file", body, content_type=content_type)
    with pytest.raises(BadContentType) as info:
        await fetch_article(url, allow_private=True)
    assert named in str(info.value)


@pytest.mark.parametrize("content_length", [True, False])
async def test_too_big(server: PageServer, content_length: bool) -> None:
    url = server.add_big("/huge", 2_000_000, content_length=content_length)
    started = time.monotonic()
    with pytest.raises(TooBig):
        await fetch_article(url, allow_private=True, max_bytes=100_000)
    assert time.monotonic() - started < 5


async def test_close_delimited_body_is_capped(server: PageServer) -> None:
    def endless(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        while not stop.is_set():
            handler.wfile.write(b"<p>more and more text</p>" * 100)

    url = server.add_handler("/endless", endless, headers={"Content-Type": "text/html"})
    with pytest.raises(TooBig):
        await fetch_article(url, allow_private=True, max_bytes=50_000)


async def test_page_just_under_the_cap_is_fine(server: PageServer) -> None:
    body = ARTICLE_HTML.encode()
    url = server.add("/fits", body)
    article = await fetch_article(url, allow_private=True, max_bytes=len(body))
    assert article.title == ARTICLE_TITLE


async def test_trickling_server_times_out(server: PageServer) -> None:
    url = server.add_trickle("/slow", interval=0.1)
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        await fetch_article(url, allow_private=True, timeout=1.0)
    assert time.monotonic() - started < 3


async def test_silent_server_times_out(server: PageServer) -> None:
    def silent(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        stop.wait(10)

    url = server.add_handler("/silent", silent, headers={"Content-Length": "100"})
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        await fetch_article(url, allow_private=True, timeout=0.5)
    assert time.monotonic() - started < 3


async def test_empty_page_and_nav_only_page(server: PageServer) -> None:
    for path, html in [("/empty", EMPTY_HTML), ("/nav", NAV_ONLY_HTML), ("/zero", "")]:
        with pytest.raises(NoArticleText):
            await fetch_article(server.add_html(path, html), allow_private=True)
    with pytest.raises(NoArticleText):
        await fetch_article(server.add_text("/blank.txt", "  \n\n  "), allow_private=True)


@pytest.mark.parametrize("html", BROKEN_HTMLS)
async def test_broken_html_gives_article_or_no_text(server: PageServer, html: str) -> None:
    url = server.add("/broken", html.encode("utf-8", errors="surrogatepass"))
    try:
        article = await fetch_article(url, allow_private=True)
    except NoArticleText:
        return
    assert article.paragraphs


async def test_undecodable_bytes(server: PageServer) -> None:
    body = ARTICLE_HTML.encode() + b"\xff\xfe\xc3\x28 broken utf-8 tail"
    url = server.add("/bytes", body, content_type="text/html; charset=utf-8")
    assert (await fetch_article(url, allow_private=True)).title == ARTICLE_TITLE


async def test_connection_refused_is_a_fetch_error() -> None:
    with PageServer() as srv:
        url = srv.url("/")
    with pytest.raises(FetchError):
        await fetch_article(url, allow_private=True, timeout=3)


# -- redirects ---------------------------------------------------------------------------------


async def test_redirect_chain_is_followed(server: PageServer) -> None:
    server.add_html("/final", ARTICLE_HTML)
    server.add_redirect("/a", "/b", status=301)
    server.add_redirect("/b", server.url("/c"), status=307)
    server.add_redirect("/c", "final", status=308)
    article = await fetch_article(server.url("/a"), allow_private=True)
    assert article.title == ARTICLE_TITLE
    assert article.url == server.url("/final")
    assert server.paths == ["/a", "/b", "/c", "/final"]


async def test_redirect_loop(server: PageServer) -> None:
    server.add_redirect("/r1", "/r2")
    server.add_redirect("/r2", "/r1")
    with pytest.raises(TooManyRedirects):
        await fetch_article(server.url("/r1"), allow_private=True)
    assert server.paths == ["/r1", "/r2"]


async def test_self_redirect(server: PageServer) -> None:
    server.add_redirect("/me", "/me#again")
    with pytest.raises(TooManyRedirects):
        await fetch_article(server.url("/me"), allow_private=True)


async def test_too_many_redirects(server: PageServer) -> None:
    for i in range(10):
        server.add_redirect(f"/hop{i}", f"/hop{i + 1}")
    server.add_html("/hop10", ARTICLE_HTML)
    with pytest.raises(TooManyRedirects):
        await fetch_article(server.url("/hop0"), allow_private=True, max_redirects=3)
    assert len(server.paths) == 4
    article = await fetch_article(server.url("/hop0"), allow_private=True, max_redirects=10)
    assert article.title == ARTICLE_TITLE


@pytest.mark.parametrize(
    "location", ["file:///etc/passwd", "ftp://8.8.8.8/", "http://u:p@8.8.8.8/"]
)
async def test_redirect_to_bad_scheme_or_userinfo(server: PageServer, location: str) -> None:
    server.add_redirect("/go", location)
    with pytest.raises(BlockedAddress):
        await fetch_article(server.url("/go"), allow_private=True)


# -- the guard, with private addresses refused -------------------------------------------------

PRIVATE_SPELLINGS = [
    "127.0.0.1",
    "localhost",
    "LocalHost.",
    "app.localhost",
    "[::1]",
    "[::ffff:127.0.0.1]",
    "2130706433",
    "0x7f000001",
    "0x7f.0.0.1",
    "0177.0.0.1",
    "127.1",
    "127.0.1",
    "0.0.0.0",
    "0",
]


@pytest.mark.parametrize("host", PRIVATE_SPELLINGS)
async def test_private_spellings_never_reach_the_server(server: PageServer, host: str) -> None:
    server.add_html("/", ARTICLE_HTML)
    url = server.url("/", host=host)
    with pytest.raises(BlockedAddress):
        await fetch_article(url)
    with pytest.raises(BlockedAddress):
        await fetch_article(url, allow_private=False, guard=stand_in_guard())
    assert server.requests == []


async def test_stand_in_public_site_is_fetched_through_the_pinned_address(
    server: PageServer,
) -> None:
    calls: list[str] = []
    # The first answer is checked and used; a later, different answer must never be asked for.
    answers = iter([["127.0.0.1"], ["127.0.0.2"]])

    def flipping(host: str, port: int) -> list[str]:
        calls.append(host)
        return next(answers)

    guard = AddressGuard(resolver=flipping, trusted_hosts={"news.example.test"})
    server.add_html("/story", ARTICLE_HTML)
    url = server.url("/story", host="news.example.test")
    article = await fetch_article(url, guard=guard)
    assert article.title == ARTICLE_TITLE
    assert article.url == url
    assert calls == ["news.example.test"]
    (seen,) = server.requests
    assert seen.headers["Host"] == f"news.example.test:{server.port}"


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{port}/secret",
        "http://localhost:{port}/secret",
        "http://[::1]:{port}/secret",
        "http://2130706433:{port}/secret",
        "http://0177.0.0.1:{port}/secret",
        "http://169.254.169.254/latest/meta-data/",
        "http://evil.example.test:{port}/secret",
        "/relative-is-fine-but-then-{port}",
    ],
)
async def test_redirect_from_public_to_private_is_refused(server: PageServer, target: str) -> None:
    guard = stand_in_guard({"evil.example.test": ["10.0.0.5"]})
    server.add_html("/secret", "<p>internal</p>")
    location = target.format(port=server.port)
    server.add_redirect("/start", location)
    if location.startswith("/"):
        # A relative redirect stays on the trusted stand-in name and is allowed.
        server.add_redirect(location, f"http://127.0.0.1:{server.port}/secret")
    with pytest.raises(BlockedAddress):
        await fetch_article(server.url("/start", host="news.example.test"), guard=guard)
    assert "/secret" not in server.paths
    assert server.paths[0] == "/start"


async def test_name_resolving_to_private_address_makes_no_connection() -> None:
    reached: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        reached.append(request)
        return httpx.Response(200, text="<p>secret</p>")

    guard = AddressGuard(resolver=table_resolver({"evil.example.test": ["10.0.0.5"]}))
    with pytest.raises(BlockedAddress):
        await fetch_article(
            "http://evil.example.test/admin", guard=guard, transport=httpx.MockTransport(handler)
        )
    mixed = AddressGuard(
        resolver=table_resolver({"mixed.example.test": ["93.184.216.34", "192.168.0.10"]})
    )
    with pytest.raises(BlockedAddress):
        await fetch_article(
            "https://mixed.example.test/", guard=mixed, transport=httpx.MockTransport(handler)
        )
    assert reached == []


async def test_public_name_connects_to_checked_ip_with_original_host_and_sni() -> None:
    reached: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        reached.append(request)
        return httpx.Response(
            200, content=ARTICLE_HTML.encode(), headers={"Content-Type": "text/html"}
        )

    guard = AddressGuard(resolver=table_resolver({"news.example.test": ["93.184.216.34"]}))
    article = await fetch_article(
        "https://news.example.test/story?id=7",
        guard=guard,
        transport=httpx.MockTransport(handler),
    )
    assert article.title == ARTICLE_TITLE
    (request,) = reached
    assert request.url.host == "93.184.216.34"
    assert request.url.path == "/story"
    assert request.headers["Host"] == "news.example.test"
    assert request.extensions["sni_hostname"] == "news.example.test"


async def test_unknown_name_is_a_friendly_fetch_error() -> None:
    guard = AddressGuard(resolver=table_resolver({}))
    with pytest.raises(FetchError, match="couldn't find"):
        await fetch_article("http://nowhere.example.test/", guard=guard)


@pytest.mark.parametrize("url", ["ftp://8.8.8.8/", "http://user@8.8.8.8/", "not a url", ""])
async def test_bad_urls_are_refused_before_any_request(url: str) -> None:
    with pytest.raises(BlockedAddress):
        await fetch_article(url, transport=httpx.MockTransport(lambda r: httpx.Response(500)))


# -- extraction helpers ------------------------------------------------------------------------


@pytest.mark.parametrize("html", [*BROKEN_HTMLS, "", " ", "<", "plain words only", "\x00" * 10])
def test_article_from_html_never_crashes(html: str) -> None:
    try:
        article = article_from_html(html)
    except NoArticleText:
        return
    assert article.paragraphs


def test_looks_like_html() -> None:
    assert looks_like_html(ARTICLE_HTML)
    assert looks_like_html(NAV_ONLY_HTML)
    assert looks_like_html("\ufeff<!doctype html><p>x</p>")
    assert looks_like_html("<div><p>One</p><p>Two</p></div>")
    assert not looks_like_html(PLAIN_TEXT)
    assert not looks_like_html("Use the <p> tag for paragraphs and <br> for breaks.")
    assert not looks_like_html("")


@pytest.mark.parametrize(
    "url",
    [
        "http://ｌｏｃａｌｈｏｓｔ/",
        "http://１２７.０.０.１/",
        "http://127。0。0。1/",
        "http://localhost%00.example/",
        "HTTP://LOCALHOST/",
    ],
)
async def test_unicode_and_encoded_host_tricks_make_no_request(url: str) -> None:
    reached: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        reached.append(request)
        return httpx.Response(200, text="<p>secret</p>")

    def resolver(host: str, port: int) -> list[str]:
        raise AssertionError(f"unexpected DNS lookup of {host}")

    with pytest.raises(FetchError):
        await fetch_article(
            url, guard=AddressGuard(resolver=resolver), transport=httpx.MockTransport(handler)
        )
    assert reached == []
