"""Fetch a link and turn it into an Article: guarded addresses, manual redirects, size, time
and content-type limits."""

from __future__ import annotations

import asyncio
import codecs
import functools
import re
from collections.abc import Awaitable, Callable
from urllib.parse import urldefrag, urljoin

import httpx

from bot.addresses import ALLOWED_SCHEMES, DEFAULT_PORTS, AddressGuard, parse_ip
from bot.article import Article
from bot.clean import clean_text
from bot.documents import decode_text
from bot.errors import (
    BadContentType,
    BlockedAddress,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    InputError,
    NoArticleText,
    TooBig,
    TooManyRedirects,
    Words,
)
from bot.extract import article_from_html, looks_like_html
from bot.i18n import N_
from bot.numbers import parse_number

# (decoded page, is it HTML?, final URL) -> the article: where extraction runs is the caller's.
PageReader = Callable[[str, bool, str], Awaitable[Article]]
USER_AGENT = "articlebot/0.1 (+https://github.com/articlebot)"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})

_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,*/*;q=0.1",
    "Accept-Encoding": "gzip, deflate",
}
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.I)
_KIND_NAMES = {
    "application/pdf": N_("a PDF document"),
    "application/zip": N_("a zip archive"),
    "application/x-zip-compressed": N_("a zip archive"),
    "application/gzip": N_("a compressed archive"),
    "application/x-tar": N_("an archive"),
    "application/octet-stream": N_("a binary file"),
    "application/json": N_("JSON data"),
    "application/msword": N_("a Word document"),
}
_MAGIC = (
    (b"%PDF", "application/pdf"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x89PNG", "image/png"),
    (b"GIF8", "image/gif"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x1f\x8b", "application/gzip"),
)
_NO_TEXT = N_("I couldn't find any article text on that page.")


class GuardedTransport(httpx.AsyncBaseTransport):
    """Resolves each request's host, checks every address, then connects to a checked address.

    The request goes to the IP itself (Host header and TLS server name keep the original name),
    so a DNS answer that changes between the check and the connection is never used.
    """

    def __init__(self, guard: AddressGuard, inner: httpx.AsyncBaseTransport | None = None) -> None:
        self._guard = guard
        self._inner = inner or httpx.AsyncHTTPTransport(
            # No pooled connections: a connection made for one name is never reused for another.
            limits=httpx.Limits(max_keepalive_connections=0),
            trust_env=False,
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        scheme = request.url.scheme
        if scheme not in ALLOWED_SCHEMES:
            raise BlockedAddress("I can only read http:// and https:// links.")
        host = request.url.raw_host.decode("ascii")
        if not host:
            raise BlockedAddress("That link has no website name in it.")
        port = request.url.port or DEFAULT_PORTS[scheme]
        addresses = await self._guard.resolve_async(host, port)
        error: httpx.ConnectError | None = None
        for ip in addresses:
            try:
                return await self._inner.handle_async_request(_pinned(request, ip, host))
            except httpx.ConnectError as exc:  # try the next checked address
                error = exc
        assert error is not None
        raise error

    async def aclose(self) -> None:
        await self._inner.aclose()


def _pinned(request: httpx.Request, ip: str, host: str) -> httpx.Request:
    """A copy of request addressed to ip, keeping Host and (for https) the TLS server name."""
    extensions = dict(request.extensions)
    if request.url.scheme == "https" and parse_ip(host) is None:
        extensions["sni_hostname"] = host
    return httpx.Request(
        request.method,
        request.url.copy_with(host=ip),
        headers=request.headers,  # already carries Host: <original name>
        stream=request.stream,
        extensions=extensions,
    )


def status_message(code: int) -> str:
    if code in (401, 403):
        return f"The site refused to show that page (error {code})."
    if code in (404, 410):
        return f"That page does not exist on the site (error {code})."
    if code == 429:
        return f"The site is turning away requests right now; try again later (error {code})."
    if code >= 500:
        return f"The site had a problem answering (error {code})."
    return f"The site answered with an error (error {code})."


def _media_type(header: str | None) -> tuple[str | None, str | None]:
    """(media type, charset) from a Content-Type header."""
    if not header:
        return None, None
    kind = header.split(";", 1)[0].strip().lower() or None
    match = _CHARSET_PARAM.search(header)
    return kind, match.group(1) if match else None


def _bad_type(kind: str) -> BadContentType:
    name = _KIND_NAMES.get(kind)
    if name is None:
        major = kind.split("/", 1)[0]
        name = {"image": N_("an image"), "video": N_("a video"), "audio": N_("an audio file")}.get(
            major, N_("a file")
        )
    return BadContentType(
        "That link is {name} ({kind}), not a web page or text I can read.",
        name=Words(name),
        kind=kind,
    )


def _sniff(body: bytes) -> str:
    """Guess a media type for a response that did not declare one."""
    for magic, kind in _MAGIC:
        if body.startswith(magic):
            return kind
    if b"\x00" in body[:1024]:
        return "application/octet-stream"
    sample = body[:4096].decode("utf-8", errors="replace")
    return "text/html" if looks_like_html(sample) else "text/plain"


def _decode(body: bytes, charset: str | None, *, html: bool) -> str:
    """Decode with the declared charset (header, BOM, or meta tag), else UTF-8 with replacement."""
    if body.startswith(codecs.BOM_UTF8):
        charset = "utf-8-sig"
    elif body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        charset = "utf-16"
    elif charset is None and html:
        match = _CHARSET.search(body[:4096])
        charset = match.group(1).decode("ascii") if match else None
    return decode_text(body, charset)


def _article_from_text(text: str, *, url: str) -> Article:
    try:
        return clean_text(text, url=url)
    except InputError as exc:
        raise NoArticleText(_NO_TEXT) from exc


async def read_body(response: httpx.Response, max_bytes: int) -> bytes:
    too_big = TooBig("That page is larger than {n:,} bytes, more than I can read.", n=max_bytes)
    length = response.headers.get("content-length", "")
    declared = parse_number(length)
    if declared is not None and declared > max_bytes:
        raise too_big
    chunks: list[bytes] = []
    total = 0
    async for chunk in response.aiter_bytes():
        total += len(chunk)
        if total > max_bytes:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


async def _download(
    client: httpx.AsyncClient, url: str, guard: AddressGuard, *, max_bytes: int, max_redirects: int
) -> tuple[str, str | None, str | None, bytes]:
    """GET url following redirects by hand; returns (final url, media type, charset, body)."""
    seen = {urldefrag(url).url}
    redirects = 0
    while True:
        guard.check_form(url)  # every hop: scheme, userinfo, literal and local hosts
        try:
            request_url = httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise FetchError("That link is not a valid web address.") from exc
        try:
            async with client.stream("GET", request_url) as response:
                code = response.status_code
                location = response.headers.get("location")
                if code in REDIRECT_CODES and location:
                    redirects += 1
                    url = urljoin(url, location.strip())
                    if redirects > max_redirects:
                        raise TooManyRedirects("That link redirects too many times.")
                    key = urldefrag(url).url
                    if key in seen:
                        raise TooManyRedirects("That link redirects in a loop.")
                    seen.add(key)
                    continue
                if code >= 300:
                    raise HTTPStatusError(status_message(code))
                kind, charset = _media_type(response.headers.get("content-type"))
                if kind is not None and kind not in HTML_TYPES | TEXT_TYPES:
                    raise _bad_type(kind)
                body = await read_body(response, max_bytes)
        except httpx.TimeoutException as exc:
            raise FetchTimeout("The site took too long to answer.") from exc
        except httpx.HTTPError as exc:
            raise FetchError("I couldn't get that page from the site.") from exc
        return url, kind, charset, body


def guarded_client(
    guard: AddressGuard,
    transport: httpx.AsyncBaseTransport | None,
    *,
    timeout: float,
    headers: dict[str, str],
) -> httpx.AsyncClient:
    """An httpx client that connects only to checked addresses and follows no redirect itself.

    Every redirect's target is checked as the response arrives (httpx parses Location before
    the caller sees it), so a hop to a private address is refused before anything is sent.
    """
    client = httpx.AsyncClient(
        transport=GuardedTransport(guard, transport),
        headers=headers,
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        follow_redirects=False,
        trust_env=False,
    )

    async def check_location(response: httpx.Response) -> None:
        location = response.headers.get("location")
        if response.status_code in REDIRECT_CODES and location:
            guard.check_form(urljoin(str(response.request.url), location.strip()))

    client.event_hooks["response"] = [check_location]
    return client


async def fetch_article(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = 15.0,
    max_bytes: int = 5_000_000,
    max_redirects: int = 5,
    transport: httpx.AsyncBaseTransport | None = None,
    guard: AddressGuard | None = None,
    reader: PageReader | None = None,
) -> Article:
    """Download url and extract its article; raises a FetchError subclass with a friendly message.

    guard replaces the address policy built from allow_private (tests inject resolvers with it).
    transport replaces the network layer under the guard. reader(text, is_html, url) turns
    the downloaded page into an Article (default: a thread of the default executor).
    """
    guard = guard or AddressGuard(allow_private=allow_private)
    url = url.strip()
    guard.check_form(url)
    client = guarded_client(guard, transport, timeout=timeout, headers=_HEADERS)
    try:
        # One deadline for the network, so a server trickling bytes cannot hold the fetch.
        async with asyncio.timeout(timeout), client:
            final_url, kind, charset, body = await _download(
                client, url, guard, max_bytes=max_bytes, max_redirects=max_redirects
            )
    except TimeoutError as exc:
        raise FetchTimeout("The site took too long to answer.") from exc
    if kind is None:
        kind = _sniff(body)
        if kind not in HTML_TYPES | TEXT_TYPES:
            raise _bad_type(kind)
    is_html = kind in HTML_TYPES
    text = _decode(body, charset, html=is_html)
    # Extraction is not the site's time: it has its own deadline where `reader` runs it (the
    # service's worker processes), and its own message when it runs out.
    if reader is not None:
        return await reader(text, is_html, final_url)
    work = (
        functools.partial(article_from_html, text, url=final_url)
        if is_html
        else functools.partial(_article_from_text, text, url=final_url)
    )
    return await asyncio.get_running_loop().run_in_executor(None, work)
