"""Decide what a sent file or text is (plain text, HTML, Markdown, or not text at all) and decode it."""

from __future__ import annotations

import re

from bot.errors import NotText, TooLarge

MAX_DOCUMENT_BYTES = 5_000_000
# Magic numbers of common binary formats people send by mistake.
_MAGIC = (
    b"%PDF",
    b"PK\x03\x04",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x1f\x8b",
    b"Rar!",
    b"7z\xbc\xaf",
    b"\x7fELF",
    b"MZ",
    b"OggS",
    b"ID3",
    b"RIFF",
    b"\x00\x00\x00",
)
_TEXT_TYPES = (
    "text/",
    "application/xhtml",
    "application/xml",
    "application/json",
    "application/x-markdown",
)
_DOCTYPE = re.compile(
    r"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<!doctype\s+html", re.IGNORECASE | re.DOTALL
)
_HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(html|head|body)[\s>]", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(
    r"</?(html|head|body|div|p|span|a|article|section|nav|header|footer|main|aside|ul|ol|li|"
    r"h[1-6]|br|hr|meta|link|script|style|title|table|tr|td|img|em|strong|b|i|figure)\b[^<>]*>",
    re.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    """True when text is an HTML document or fragment rather than prose that mentions a tag."""
    head = text[:20_000].lstrip("\ufeff")
    if _DOCTYPE.match(head) or _HTML_START.match(head):
        return True
    tags = _TAG.findall(head)
    if len(tags) < 3:
        return False
    closing = re.search(r"</(p|div|a|span|li|article|section|h[1-6])\s*>", head, re.IGNORECASE)
    # A document that starts with a tag, or text where tags are dense, is markup.
    return closing is not None and (head.lstrip().startswith("<") or len(tags) >= 10)


def decode_document(data: bytes, *, filename: str | None = None, mime: str | None = None) -> str:
    """Decode a sent document to text, or raise NotText/TooLarge with a message fit for the user."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise TooLarge(
            f"That file is {len(data) / 1e6:.1f} MB; I read files up to {MAX_DOCUMENT_BYTES // 1_000_000} MB."
        )
    if mime and not mime.startswith(_TEXT_TYPES):
        raise NotText(f"I can read text, HTML and Markdown files, not {mime} files.")
    if data.startswith(_MAGIC) or b"\x00" in data[:8192]:
        raise NotText(
            "That file is not text. Send me a text, HTML or Markdown file, or paste the article."
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    if bad > max(8, len(text) // 100):
        # Mostly undecodable: not UTF-8 text; Latin-1 style files still read well as cp1252.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise NotText("I couldn't read that file as text (it isn't UTF-8).") from None
    text = text.replace("\ufffd", "")
    if filename and filename.lower().endswith((".md", ".markdown")):
        return markdown_to_text(text)
    return text


_MD_RULES = [
    (re.compile(r"^```.*?^```", re.S | re.M), ""),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"^\s{0,3}#{1,6}\s*(.*?)\s*#*\s*$", re.M), r"\1"),
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),
    (re.compile(r"^\s*[-*+]\s+", re.M), ""),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", re.M), ""),
]


def markdown_to_text(text: str) -> str:
    """Markdown to plain text: headings, emphasis, links and lists become their words."""
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    return text
