"""Pasted pages vs links on real news pages: how much of the brief is not article text, and titles.

Run: python bench/pages.py --data ../shared/data   (or python -m bench.pages ...)

Each page of `pages/` is briefed twice the way the bot does it (the service, 3 sentences, the
default method): once from `pasted.txt` (Service.add_text) and once as a link to `source.html`
served on loopback (Service.add_url). A brief sentence counts as article text when its normalised
form is a substring of `expected.txt` or rapidfuzz's partial_ratio against it is >= 90 (the data
README's method). The pages are split by index into a tuning part and a held-out part (every third
page, sorted by name, is held out); figures are printed for all pages and for the held-out part.
A last table times the cleaner on about 1 MB of pasted text.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import re
import sys
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz import fuzz

from bot.clean import clean_text
from bot.errors import ArticlebotError
from bot.service import Service
from bot.settings import Settings
from bot.split import split_sentences
from store import Store

SENTENCES = 3
DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\xa0": " "})


def held_out(index: int) -> bool:
    """Every third page (by sorted name) is held out from tuning."""
    return index % 3 == 2


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(re.sub(r"[^\w'\"%$.,-]+", " ", text).split())


def in_article(sentence: str, expected_norm: str) -> bool:
    s = norm(sentence)
    if not s or s in expected_norm:
        return True
    return fuzz.partial_ratio(s, expected_norm) >= 90


def strip_site(title: str) -> str:
    """'Headline | Site' or 'Headline - Site' -> 'Headline' (one short trailing segment)."""
    parts = re.split(r"\s+[|\-–—]\s+", title)
    if len(parts) > 1 and len(parts[-1].split()) <= 4 and len(" ".join(parts[:-1]).split()) >= 3:
        return title[: title.rfind(parts[-1])].rstrip(" |-–—")
    return title


def title_equal(found: str | None, real: str) -> bool:
    if not found:
        return False
    a = norm(found).strip(" .")
    return any(a == norm(t).strip(" .") for t in (real, strip_site(real)))


@dataclass
class Outcome:
    """One path's result on one page."""

    sentences: list[str] = field(default_factory=list)
    bad: int = 0
    first_ok: bool = False
    title: str | None = None
    error: str | None = None


@dataclass
class Page:
    name: str
    index: int
    pasted: str
    expected: str
    html: bytes
    meta: dict[str, Any]

    @property
    def held_out(self) -> bool:
        return held_out(self.index)


def load_pages(data: Path) -> list[Page]:
    folder = data / "pages"
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} not found (pass --data <folder holding pages/>)")
    pages = []
    for i, d in enumerate(sorted(p for p in folder.iterdir() if p.is_dir())):
        pages.append(
            Page(
                name=d.name,
                index=i,
                pasted=(d / "pasted.txt").read_text(encoding="utf-8"),
                expected=(d / "expected.txt").read_text(encoding="utf-8"),
                html=(d / "source.html").read_bytes(),
                meta=json.loads((d / "meta.json").read_text(encoding="utf-8")),
            )
        )
    return pages


def _lead(expected: str) -> str:
    """The article's start: its first three prose sentences (lines of 8+ words)."""
    prose = [ln for ln in expected.splitlines() if len(ln.split()) >= 8]
    sentences = [s for ln in prose[:3] for s in split_sentences(ln)]
    return norm(" ".join(sentences[:3]))


def judge(sentences: list[str], title: str | None, page: Page) -> Outcome:
    expected = norm(page.expected)
    out = Outcome(sentences=sentences, title=title)
    out.bad = sum(not in_article(s, expected) for s in sentences)
    out.first_ok = bool(sentences) and in_article(sentences[0], _lead(page.expected))
    return out


class _Server:
    """Serves each page's source.html at /<name>/ on loopback."""

    def __init__(self, pages: list[Page]) -> None:
        bodies = {f"/{p.name}/": p.html for p in pages}

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = bodies.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/{name}/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


async def run_pages(pages: list[Page]) -> dict[str, list[Outcome]]:
    """Brief every page from its paste and from its link through the real service."""
    results: dict[str, list[Outcome]] = {"paste": [], "link": []}
    server = _Server(pages)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db_path=str(Path(tmp) / "bench.db"), allow_private_urls=True)
        service = Service(Store.open(settings.db_file), settings)
        try:
            for page in pages:
                chat = 1000 + page.index
                for path in ("paste", "link"):
                    try:
                        if path == "paste":
                            got = await service.add_text(chat, page.pasted)
                        else:
                            got = await service.add_url(chat + 10_000, server.url(page.name))
                        results[path].append(judge(got.sentences, got.article.title, page))
                    except ArticlebotError as exc:  # a refusal is a miss: the user got nothing
                        results[path].append(Outcome(error=str(exc)))
        finally:
            service.close()
            server.close()
    return results


def shows_title(page: Page) -> bool:
    """Whether the pasted page has its real title as a line (some show another headline)."""
    real = page.meta.get("title") or ""
    targets = {norm(real).strip(" ."), norm(strip_site(real)).strip(" .")}
    return any(norm(line).strip(" .") in targets for line in page.pasted.splitlines())


def _pct(n: float, d: float) -> str:
    return f"{100 * n / d:5.1f}%" if d else "    -"


def table(pages: list[Page], results: dict[str, list[Outcome]]) -> str:
    rows = [
        "| part | path | pages | refused | not-article sentences | pages with any "
        "| first from start | title = real title | same, pages that show it |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    parts = (("all", lambda p: True), ("held-out", lambda p: p.held_out))
    for part, keep in parts:
        for path in ("paste", "link"):
            chosen = [(p, o) for p, o in zip(pages, results[path], strict=True) if keep(p)]
            n = len(chosen)
            sents = sum(len(o.sentences) for _, o in chosen)
            bad = sum(o.bad for _, o in chosen)
            refused = sum(o.error is not None for _, o in chosen)
            # A refused page counts against the page shares: the reader got no brief.
            with_bad = sum(o.bad > 0 or o.error is not None for _, o in chosen)
            first = sum(o.first_ok for _, o in chosen)
            titled = sum(title_equal(o.title, p.meta.get("title") or "") for p, o in chosen)
            shown = [(p, o) for p, o in chosen if shows_title(p)]
            titled_shown = sum(title_equal(o.title, p.meta.get("title") or "") for p, o in shown)
            rows.append(
                f"| {part} | {path} | {n} | {refused} | {_pct(bad, sents)} ({bad}/{sents}) "
                f"| {_pct(with_bad, n)} | {_pct(first, n)} | {_pct(titled, n)} "
                f"| {_pct(titled_shown, len(shown))} of {len(shown)} |"
            )
    return "\n".join(rows)


def details(pages: list[Page], results: dict[str, list[Outcome]], path: str) -> str:
    """Per page: the title found, the real one and the brief sentences that are not article text."""
    lines = []
    expected_cache: dict[str, str] = {}
    for p, o in zip(pages, results[path], strict=True):
        real = p.meta.get("title") or ""
        mark = "=" if title_equal(o.title, real) else "≠"
        lines.append(f"{p.index:2} {p.name}{' (held-out)' if p.held_out else ''}")
        lines.append(f"   title {mark} {o.title!r}  real {real!r}")
        if o.error:
            lines.append(f"   refused: {o.error}")
        exp = expected_cache.setdefault(p.name, norm(p.expected))
        for s in o.sentences:
            if not in_article(s, exp):
                lines.append(f"   ✗ {s[:160]}")
        if o.sentences and not o.first_ok:
            lines.append(f"   first not from start: {o.sentences[0][:120]}")
    return "\n".join(lines)


def speed(pages: list[Page]) -> str:
    """Cleaning time (best of three) on about 1 MB of pasted pages, a half and a quarter of it."""
    blob = "\n\n".join(p.pasted for p in pages)
    rows = ["| pasted text | clean_text seconds |", "|---|---|"]
    for target in (250_000, 500_000, 1_000_000):
        text = (blob * (target // len(blob) + 1))[:target]
        best = float("inf")
        for _ in range(3):  # the best of three: other work on the machine only adds time
            start = time.perf_counter()
            clean_text(text)
            best = min(best, time.perf_counter() - start)
        rows.append(f"| {len(text) / 1e6:.2f} MB | {best:.2f} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data folder")
    parser.add_argument("--details", choices=("paste", "link"), help="per-page listing")
    parser.add_argument("--no-speed", action="store_true", help="skip the 1 MB timing")
    args = parser.parse_args(argv)
    try:
        pages = load_pages(args.data)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.CRITICAL)
    results = asyncio.run(run_pages(pages))
    if args.details:
        print(details(pages, results, args.details))
        print()
    print(table(pages, results))
    if not args.no_speed:
        print()
        print(speed(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
