"""Decide what a sent file or text is (plain text, HTML, Markdown, or not text at all) and decode it."""

from __future__ import annotations

import codecs
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
_DOCUMENT_START = re.compile(r"<(?:!doctype[ \t\r\n]+html|(?:html|head|body)[ \t\r\n>])", re.I)
_TAG = re.compile(
    r"</?(html|head|body|div|p|span|a|article|section|nav|header|footer|main|aside|ul|ol|li|"
    r"h[1-6]|br|hr|meta|link|script|style|title|table|tr|td|img|em|strong|b|i|figure)\b[^<>]*>",
    re.IGNORECASE,
)


def _skip_prolog(head: str) -> str:
    """The text after leading space, an XML declaration and comments (found with str.find, which
    is linear: the regex `(<!--.*?-->\\s*)*` it replaces backtracks exponentially)."""
    rest = head.lstrip()
    if rest.startswith("<?xml"):
        end = rest.find(">")
        rest = rest[end + 1 :].lstrip() if end >= 0 else ""
    while rest.startswith("<!--"):
        end = rest.find("-->", 4)
        if end < 0:
            return ""
        rest = rest[end + 3 :].lstrip()
    return rest


def looks_like_html(text: str) -> bool:
    """True when text is an HTML document or fragment rather than prose that mentions a tag."""
    head = text[:20_000].lstrip("\ufeff")
    if _DOCUMENT_START.match(_skip_prolog(head)):
        return True
    tags = _TAG.findall(head)
    if len(tags) < 3:
        return False
    closing = re.search(r"</(p|div|a|span|li|article|section|h[1-6])\s*>", head, re.IGNORECASE)
    # A document that starts with a tag, or text where tags are dense, is markup. A blog post
    # with a code sample has tags too, but on a few short lines among long lines of prose.
    lines = [ln for ln in head.splitlines() if ln.strip()]
    tagged = sum(len(ln) for ln in lines if _TAG.search(ln))
    dense = len(tags) >= 10 and 2 * tagged >= sum(len(ln) for ln in lines)
    return closing is not None and (head.lstrip().startswith("<") or dense)


# Codecs that are not a page's character set: they raise on errors="replace" (idna), always
# raise (undefined), or turn bytes into other text than the page's (escapes, UTF-7).
_NOT_CHARSETS = {"idna", "punycode", "undefined", "unicode_escape", "raw_unicode_escape", "utf_7"}


def decode_text(data: bytes, charset: str | None) -> str:
    """Bytes in a declared charset; an unknown or unusable one falls back to UTF-8 with
    replacement characters, so a page's declaration can never make decoding raise."""
    if charset:
        try:
            info = codecs.lookup(charset.strip())
        except (LookupError, ValueError):
            info = None
        if (
            info is not None
            and info._is_text_encoding
            and info.name.replace("-", "_") not in _NOT_CHARSETS
        ):
            try:
                return data.decode(info.name, errors="replace")
            except (UnicodeError, LookupError, ValueError):
                pass
    return data.decode("utf-8", errors="replace")


def decode_document(data: bytes, *, filename: str | None = None, mime: str | None = None) -> str:
    """Decode a sent document to text, or raise NotText/TooLarge with a message fit for the user."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise TooLarge(
            "That file is {size:.1f} MB; I read files up to {limit} MB.",
            size=len(data) / 1e6,
            limit=MAX_DOCUMENT_BYTES // 1_000_000,
        )
    if mime and not mime.startswith(_TEXT_TYPES):
        raise NotText("I can read text, HTML and Markdown files, not {mime} files.", mime=mime)
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


# Every rule is linear: character classes stop at the next delimiter or line end, and
# horizontal space is [ \t] (a \s* after ^ in MULTILINE mode would rescan every blank line).
_FENCE = re.compile(r"^[ \t]{0,3}```")
_LINE_RULES = [
    (re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]+|$)"), ""),  # heading marker; closing #s below
    (re.compile(r"^[ \t]{0,3}>[ \t]?"), ""),
    (re.compile(r"^[ \t]*[-*+][ \t]+"), ""),
]
_RULE_LINE = re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$")
_INLINE_RULES = [
    (re.compile(r"!\[([^\[\]\n]*)\]\([^()\n]*\)"), ""),
    (re.compile(r"\[([^\[\]\n]+)\]\([^()\n]*\)"), r"\1"),
    (re.compile(r"\*\*([^*\n]+)\*\*|__([^_\n]+)__"), r"\1\2"),
    (re.compile(r"(?<![\w*])\*(?![\s*])([^*\n]+)(?<!\s)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?![\s_])([^_\n]+)(?<!\s)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
]


def _heading(line: str) -> str:
    """'## Title ##' -> 'Title' with string operations (a regex for it is quadratic on '#' runs)."""
    stripped = line.rstrip(" \t")
    body = stripped.rstrip("#")
    if body != stripped and (not body or body[-1] in " \t"):
        stripped = body
    return stripped.strip(" \t")


def markdown_to_text(text: str) -> str:
    """Markdown to plain text: headings, emphasis, links and lists become their words."""
    out: list[str] = []
    in_fence = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if _RULE_LINE.match(line):
            out.append("")
            continue
        heading, count = _LINE_RULES[0][0].subn("", line, count=1)
        if count:
            out.append(_heading(heading))
            continue
        for pattern, repl in _LINE_RULES[1:]:
            line = pattern.sub(repl, line, count=1)
        out.append(line)
    joined = "\n".join(out)
    for pattern, repl in _INLINE_RULES:
        joined = pattern.sub(repl, joined)
    return joined
