"""One door for showing text taken from articles and feeds: titles, sources, URLs and names are
shortened before any reply is built from them, so a page with a 10,000-character <title> (or a
feed at a 2,500-character address) cannot make a reply longer than Telegram takes."""

from __future__ import annotations

TITLE_CHARS = 200
SOURCE_CHARS = 80
URL_CHARS = 300
ELLIPSIS = "…"


def shorten(text: str | None, limit: int = TITLE_CHARS) -> str:
    """Text on one line, at most `limit` characters, cut at a word when one is near the end."""
    if not text:
        return ""
    flat = " ".join(text[: limit * 4 + 64].split())  # bounded work for any input size
    if len(flat) <= limit:
        return flat
    cut = flat[: max(1, limit - 1)]
    space = cut.rfind(" ")
    if space >= limit * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + ELLIPSIS


def shorten_url(url: str | None, limit: int = URL_CHARS) -> str:
    """A URL for display (never for a link target): long ones keep their start and an ellipsis."""
    if not url:
        return ""
    url = url.strip()
    return url if len(url) <= limit else url[: limit - 1] + ELLIPSIS
