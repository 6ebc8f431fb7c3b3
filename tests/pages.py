"""A loopback HTTP server for tests (static pages, redirects, trickles, big bodies), and
fixture pages written for the project."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


@dataclass(frozen=True)
class Seen:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]


@dataclass
class Reply:
    """What to send for a route; body may be bytes or a function writing to the socket."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    content_length: bool = True
    writer: Callable[[BaseHTTPRequestHandler, threading.Event], None] | None = None


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up early (size and time limits) are expected here


class PageServer:
    """A threaded http.server on 127.0.0.1, port 0, with routes registered by path.

    Use as a context manager (or start()/stop()). Every request is recorded in `requests`,
    including ones for unknown paths (answered 404).
    """

    def __init__(self) -> None:
        self.routes: dict[str, Reply] = {}
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> PageServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                owner._serve(self, send_body=True)

            def do_HEAD(self) -> None:
                owner._serve(self, send_body=False)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> PageServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- addresses -------------------------------------------------------------------------
    @property
    def port(self) -> int:
        assert self._server is not None, "server not started"
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/", *, host: str = "127.0.0.1") -> str:
        """The URL of path on this server, optionally spelling the host another way."""
        return f"http://{host}:{self.port}{path}"

    @property
    def paths(self) -> list[str]:
        with self._lock:
            return [seen.path for seen in self.requests]

    # -- routes ----------------------------------------------------------------------------
    def add(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        content_type: str | None = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
        content_length: bool = True,
    ) -> str:
        """Serve a fixed body at path; returns the URL. content_type=None sends no header."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        all_headers = dict(headers or {})
        if content_type is not None:
            all_headers.setdefault("Content-Type", content_type)
        self.routes[path] = Reply(status, all_headers, data, content_length)
        return self.url(path)

    def add_html(self, path: str, html: str, *, status: int = 200, charset: str = "utf-8") -> str:
        return self.add(
            path, html.encode(charset), content_type=f"text/html; charset={charset}", status=status
        )

    def add_text(self, path: str, text: str, *, content_type: str = "text/plain") -> str:
        return self.add(path, text, content_type=f"{content_type}; charset=utf-8")

    def add_redirect(self, path: str, location: str, *, status: int = 302) -> str:
        self.routes[path] = Reply(status, {"Location": location, "Content-Type": "text/plain"})
        return self.url(path)

    def add_big(self, path: str, size: int, *, content_length: bool = True) -> str:
        """A page of `size` bytes; without Content-Length it is streamed chunk by chunk."""
        chunk = b"<p>" + b"All work and no play makes a long page. " * 24 + b"</p>\n"

        def write(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
            sent = 0
            while sent < size and not stop.is_set():
                piece = chunk[: size - sent]
                _write(handler, piece, chunked=not content_length)
                sent += len(piece)
            if not content_length:
                _write(handler, b"", chunked=True)

        headers = {"Content-Type": "text/html; charset=utf-8"}
        if content_length:
            headers["Content-Length"] = str(size)
        else:
            headers["Transfer-Encoding"] = "chunked"
        self.routes[path] = Reply(200, headers, content_length=False, writer=write)
        return self.url(path)

    def add_trickle(
        self, path: str, *, interval: float = 0.2, pieces: int = 1000, piece: bytes = b"<p>x</p>"
    ) -> str:
        """A page that sends a few bytes every `interval` seconds: never quite idle, never done."""

        def write(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
            for _ in range(pieces):
                if stop.wait(interval):
                    return
                _write(handler, piece, chunked=False)

        headers = {
            "Content-Type": "text/html; charset=utf-8",
            "Content-Length": str(len(piece) * pieces),
        }
        self.routes[path] = Reply(200, headers, content_length=False, writer=write)
        return self.url(path)

    def add_handler(
        self,
        path: str,
        writer: Callable[[BaseHTTPRequestHandler, threading.Event], None],
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> str:
        """Custom route: writer(handler, stop_event) writes the body after the headers.

        Without a Content-Length header the body ends when the connection closes.
        """
        self.routes[path] = Reply(status, dict(headers or {}), content_length=False, writer=writer)
        return self.url(path)

    # -- serving ---------------------------------------------------------------------------
    def _serve(self, handler: BaseHTTPRequestHandler, *, send_body: bool) -> None:
        with self._lock:
            self.requests.append(Seen(handler.command, handler.path, dict(handler.headers.items())))
        reply = self.routes.get(handler.path.split("?", 1)[0])
        if reply is None:
            reply = Reply(404, {"Content-Type": "text/plain"}, b"not found")
        try:
            handler.send_response(reply.status)
            for name, value in reply.headers.items():
                handler.send_header(name, value)
            framed = "Content-Length" in reply.headers or "Transfer-Encoding" in reply.headers
            if reply.writer is None and reply.content_length:
                handler.send_header("Content-Length", str(len(reply.body)))
            elif not framed:  # the body ends when the connection closes
                handler.send_header("Connection", "close")
                handler.close_connection = True
            handler.end_headers()
            if not send_body:
                return
            if reply.writer is not None:
                reply.writer(handler, self._stopping)
            else:
                handler.wfile.write(reply.body)
            handler.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            handler.close_connection = True


def _write(handler: BaseHTTPRequestHandler, data: bytes, *, chunked: bool) -> None:
    if chunked:
        handler.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
    else:
        handler.wfile.write(data)
    handler.wfile.flush()


def wait_for(predicate: Callable[[], bool], timeout: float = 2.0) -> bool:
    """Poll predicate until it is true or timeout passes; for checks on server threads."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


# -- fixture pages (written for this project; not copies of real sites) ------------------------

ARTICLE_TITLE = "River town opens its new library after three years of building"
ARTICLE_BYLINE = "Marta Kowalczyk"
ARTICLE_PARAGRAPHS = (
    "The town of Millbrook opened its new public library on Tuesday, ending three years of "
    "construction and a long argument at the council about how much it should cost.",
    "The two-storey building on Quay Street holds about 40,000 books, a reading room that looks "
    "out over the river and a separate floor for children. Mayor Ann Lee said it would stay open "
    "until 9 p.m. on weekdays so that people who work late could still use it.",
    "Dozens of residents queued before dawn for the opening. Retired teacher Tomas Reyes, 71, "
    "said he had borrowed books from the old library for fifty years and had come to be the "
    "first person to take one out of the new one.",
    "The project cost 6.2 million dollars, about a third more than planned. Council members who "
    "voted against it in 2021 said on Tuesday they were glad to see it finished, but asked for "
    "a review of how the budget had grown.",
    "The old library, a converted grain store, will become a community workshop next year, the "
    "council said.",
)
NAV_LINES = ("Home", "World", "Business", "Sport", "Weather", "Subscribe now")
RELATED_LINES = (
    "Ferry timetable changes for the summer season",
    "Local bakery wins regional bread prize",
    "Road closures planned around the old mill",
)
FOOTER_LINE = "Copyright 2024 The Millbrook Courier. All rights reserved."


def _nav_html() -> str:
    items = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV_LINES)
    return (
        f'<header><div class="logo">The Millbrook Courier</div><nav><ul>{items}</ul></nav></header>'
    )


ARTICLE_HTML = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{ARTICLE_TITLE} | The Millbrook Courier</title>
<meta name="author" content="{ARTICLE_BYLINE}">
<meta property="og:title" content="{ARTICLE_TITLE}">
<meta property="og:site_name" content="The Millbrook Courier">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<script>window.analytics = {{"page": "article"}};</script>
<style>body {{ font-family: serif; }}</style>
</head>
<body>
{_nav_html()}
<div class="share"><a href="#">Share on social</a> <a href="#">Email this story</a></div>
<main>
<article>
<h1>{ARTICLE_TITLE}</h1>
<p class="byline">By <span class="author">{ARTICLE_BYLINE}</span>, <time datetime="2024-03-05">5 March 2024</time></p>
{"".join(f"<p>{p}</p>" + chr(10) for p in ARTICLE_PARAGRAPHS)}
</article>
</main>
<aside class="related">
<h2>Related stories</h2>
<ul>{"".join(f'<li><a href="/story/{i}">{t}</a></li>' for i, t in enumerate(RELATED_LINES))}</ul>
</aside>
<footer><p>{FOOTER_LINE}</p><p><a href="/privacy">Privacy</a> | <a href="/terms">Terms</a></p></footer>
</body>
</html>
"""

PLAIN_TEXT = (
    "Harbour board approves new breakwater\n\n"
    "The harbour board voted on Monday to build a new breakwater at the north entrance. "
    "Work is expected to start in the spring.\n\n"
    "Fishermen have asked for the change for a decade, saying storms close the harbour "
    "several times each winter."
)

NAV_ONLY_HTML = f"""<!DOCTYPE html>
<html><head><title>Sections</title></head>
<body>{_nav_html()}<footer><p>{FOOTER_LINE}</p></footer></body></html>
"""

EMPTY_HTML = "<!DOCTYPE html><html><head><title></title></head><body></body></html>"

BROKEN_HTMLS = (
    "<html><body><p>Unclosed paragraph <div><span>nested <b>badly</p></div>"
    + "".join(f"<p>{p}" for p in ARTICLE_PARAGRAPHS[:3]),
    "<<<>>><p>&&&&#xFFFFFFFF;&bogus;</p><script>unterminated",
    "<html>" + "<div>" * 3000 + "deep" + "</div>" * 10,
    "\x00\x01\x02<html><body>\ufffd\ufffd</body>",
    "<?xml version='1.0' encoding='utf-8'?><html><body><p>Declared XML in a string.</p></body></html>",
    "<html><head><meta charset='nonsense-charset'></head><body><p>"
    + ARTICLE_PARAGRAPHS[0]
    + "</p></body></html>",
)


# -- pasted pages (what a reader gets by selecting a whole page and copying it) ----------------
# Written for the project in the styles of real news pages: consent banners, menus, captions with
# credits, standfirsts, bylines, related lists, newsletter boxes, widget strings and author bios.

PASTED_STORY_TITLE = "Volunteers count a record number of seals on the northern sandbanks"
PASTED_STANDFIRST = (
    "The yearly survey found more than 4,000 grey seals, and scientists say cleaner water "
    "is part of the reason."
)
PASTED_STORY = (
    "Volunteers counted 4,180 grey seals on the sandbanks off Kessel Point during the weekend, "
    "the highest number since the survey began in 1994, the regional wildlife trust said on "
    "Monday.",
    "The count is carried out each November by about 60 volunteers in small boats, who "
    "photograph the animals from a distance and tally them later from the pictures.",
    "Dr. Helen Maas, who leads the survey, said the number of pups had almost doubled in ten "
    'years. "We used to worry about every pup we found," she said. "Now we run out of memory '
    'cards before we run out of seals."',
    "Scientists link the rise to cleaner water in the estuary and to fishing rules that took "
    "effect in 2015, which banned nets within two miles of the banks.",
    "Not everyone is pleased. Some fishermen in Kessel Harbor say the seals take fish from "
    "their lines and damage their nets, and they have asked the council for compensation.",
    "The trust will publish its full report in January and plans to repeat the count in the "
    "spring, when the animals come ashore to shed their fur.",
)
PASTED_CAPTION = "A grey seal pup rests on the sand at Kessel Point, Saturday, Nov. 8, 2025."
PASTED_FURNITURE = (
    "We use cookies and other tracking technologies to improve your browsing experience on our "
    "site. By choosing I Accept, you consent to our use of cookies.",
    "Your weather is set to .",
    "You can change the location at any time.",
    "Get the morning briefing delivered to your inbox every weekday.",
    "Quotes delayed at least 15 minutes.",
    "This video is not available in your region.",
    "Priya Natarajan is a staff writer covering the coast and its wildlife.",
    "Ferry fares rise for the winter timetableAnna Berg",  # a related headline, author glued on
    "Harbor wall repairs to finish by springTom Reed",
    "Lighthouse keeper's cottage goes up for sale",
    PASTED_CAPTION,
    "Photo: Lena Ortiz / Harbor Daily",
)

CONSENT_PAGE = "\n".join(
    [
        "Skip to main content",
        PASTED_FURNITURE[0],
        "I Accept",
        "Harbor Daily",
        "Menu",
        "News",
        "Coast",
        "Weather",
        "Sport",
        "Opinion",
        "Log In",
        PASTED_FURNITURE[1],
        PASTED_FURNITURE[2],
        "Coast",
        PASTED_STORY_TITLE,
        PASTED_STANDFIRST,
        "By Priya Natarajan",
        "Published Nov 10, 2025 at 7:12 AM",
        "Share this story",
        PASTED_CAPTION,
        PASTED_FURNITURE[11],
        "",
        PASTED_STORY[0],
        "",
        PASTED_STORY[1],
        "",
        "Related articles",
        PASTED_FURNITURE[7],
        PASTED_FURNITURE[8],
        "",
        PASTED_STORY[2],
        "",
        PASTED_STORY[3],
        "",
        "Newsletter",
        PASTED_FURNITURE[3],
        "Email address",
        "Sign up",
        "",
        PASTED_STORY[4],
        "",
        PASTED_STORY[5],
        "",
        PASTED_FURNITURE[6],
        "Most Read",
        PASTED_FURNITURE[9],
        "Storm closes the coast road for a second night",
        PASTED_FURNITURE[4],
        PASTED_FURNITURE[5],
        "© 2025 Harbor Daily. All rights reserved.",
        "Privacy Policy",
        "Terms of Use",
    ]
)

AGENCY_TITLE = "Mill strike: unions, owners seek help from the regional mediator"
AGENCY_PAGE = "\n".join(
    [
        "Search AP News:",
        "Submit Search",
        "Top News",
        "World News",
        "U.S. News",
        "Updated 9:05 AM EST, February 12, 2026",
        AGENCY_TITLE,
        "By ODA NILSEN",
        "Share",
        "",
        "BERGEN, Norway (AP) — Workers and owners of the Lunde paper mill asked the regional "
        "mediator on Wednesday to help end a strike that has kept the plant closed for three "
        "weeks, both sides said.",
        "",
        "About 400 workers walked out in January after talks on pay and night shifts broke down. "
        "The mill is the largest employer in the valley.",
        "",
        '"We need someone in the room who is not angry," said union leader Per Aas. The mediator '
        "is expected to call the first meeting on Friday.",
        "",
        "Copyright 2026 The Associated Press. All Rights Reserved.",
    ]
)

NO_HEADLINE_TEXT = (
    "The village hall in Ostby will stay open through the winter after residents raised the "
    "money for a new boiler in less than a month, the hall committee said on Sunday.\n\n"
    "The old boiler failed in October, and the committee had warned that the hall might close "
    "until spring. Neighbours held a bake sale, a quiz night and a sponsored swim."
)

# A page whose article holds a hover card on a name, an "Also on" promo and a newsletter box,
# the way some sites mark them up inside the story's own markup.
HOVER_CARD_TEXT = "Mayor of Millbrook since 2019"
ALSO_ON_TEXT = "Also on The Millbrook Courier: Ferry timetable changes for the summer season"
NEWSLETTER_TEXT = "Get the Courier's evening briefing in your inbox, free, every weekday."
PROMO_HTML = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{ARTICLE_TITLE} | The Millbrook Courier</title>
<meta property="og:title" content="{ARTICLE_TITLE}">
</head><body>{_nav_html()}
<main><article>
<h1>{ARTICLE_TITLE}</h1>
<p>{ARTICLE_PARAGRAPHS[0]}</p>
<p>The two-storey building on Quay Street holds about 40,000 books. Mayor <a href="/people/ann-lee">Ann Lee</a><span class="rollover-people-block"><span class="rollover-block"><a class="name" href="/people/ann-lee">Ann Marie Lee</a><a class="people-articles" href="/a/1">{HOVER_CARD_TEXT}</a></span></span> said it would stay open until 9 p.m. on weekdays.</p>
<div class="inline-promo"><p>{ALSO_ON_TEXT}</p></div>
<p>{ARTICLE_PARAGRAPHS[2]}</p>
<div class="newsletter-signup"><h3>Evening briefing</h3><p>{NEWSLETTER_TEXT}</p>
<form><input type="email"><button>Sign up</button></form></div>
<p>{ARTICLE_PARAGRAPHS[3]}</p>
<p>{ARTICLE_PARAGRAPHS[4]}</p>
</article></main>
<footer><p>{FOOTER_LINE}</p></footer>
</body></html>
"""

# A blog post that shows the markup it used: a paste with tags that is text, not HTML.
CODE_SAMPLE = """<div class="counter">
  <p>Seals: <span id="n">0</span></p>
  <a href="/more">More</a>
</div>
<ul>
<li>Grey</li>
<li>Harbour</li>
<li>Pups</li>
</ul>"""
BLOG_WITH_CODE = "\n\n".join(
    [
        "How we built the seal counter",
        *PASTED_STORY[:3],
        "Here is the markup the counter page used:",
        CODE_SAMPLE,
        *PASTED_STORY[3:],
    ]
)
