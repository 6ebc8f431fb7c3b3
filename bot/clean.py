"""Turn pasted text, often a whole copied web page, into a clean Article.

Page furniture (search boxes, photo credits, headline lists, share rows, bylines, footers) is
recognised line by line and kept out of the body; what can be recovered from it (title, byline,
dateline place, date, source) becomes metadata.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from bot.article import Article
from bot.errors import EmptyText
from bot.language import furniture
from bot.language.detect import detect
from bot.split import split_sentences

# Lines that are page furniture wherever they appear.
_FURNITURE = re.compile(
    r"""^(?:
        search(?:\s+query)? | submit(?:\s+search)? | menu | close | skip\s+to\s+(?:main\s+)?content
      | share(?:\s+this(?:\s+(?:article|story|page))?)?(?:\s+on\s+\w+)? | tweet | email | print
      | facebook | twitter | x | whatsapp | linkedin | reddit | copy\s+link | link\s+copied
      | (?:read|see|watch|listen)\s+more\b.* | read\s+next\b.* | related(?:\s+(?:stories|articles|coverage))?:?.*
      | more\s+(?:from|on|stories)\b.{0,60} | most\s+(?:read|popular|viewed)\b.* | trending(?:\s+now)?
      | recommended(?:\s+for\s+you)? | advertisement | sponsored(?:\s+content)? | ad | back\s+to\s+top
      | listen\s+to\s+this\s+article.* | \d+\s*(?:min(?:ute)?s?)\s+read | \d+\s+comments? | comments?(?:\s*\(\d+\))?
      | view\s+comments | join\s+the\s+conversation | leave\s+a\s+comment.*
      | (?:sign\s+up|subscribe)\b.{0,120} | .{0,60}\bnewsletter\b.{0,80}
      | (?:follow|like)\s+us\b.* | click\s+here\b.* | (?:image|photo|video|graphic)(?:\s+\d+\s+of\s+\d+)?
      | (?:updated|published|posted|last\s+updated)\b.{0,60} | (?:privacy|cookie)(?:\s+policy|\s+settings|\s+notice)?.*
      | terms\s+(?:of\s+(?:use|service)|and\s+conditions).* | contact\s+us | about\s+us | site\s+map | sitemap
      | all\s+rights\s+reserved.* | ©.* | copyright\b.* | loading.* | play\s+video | watch:.* | read\s+more:.*
      | (?:latest|top|more)\s+(?:[\w'&-]+\s+){0,3}(?:news|stories|headlines)
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# "Home / Science / Oceans", "News > World > Europe"
_BREADCRUMB = re.compile(r"^(?:[\w&'’ -]{1,30}\s(?:/|>|›|»|\|)\s){1,6}[\w&'’ -]{1,30}$")
# Photo credits and captions, anywhere in a line.
_CREDIT = re.compile(
    r"\((?:AP|AFP|Reuters|Getty)[^)]*(?:Photo|Images?|/)[^)]*\)|\b(?:AP|AFP) Photo/|Getty Images|Photograph:|Photo(?:graph)?\s*(?:by|credit|:)",
    re.IGNORECASE,
)
_HEADING_LATEST = re.compile(
    r"^(?:latest|top|more|related|other)\b.*\b(?:news|stories|headlines)$", re.I
)
_BYLINE = re.compile(r"^by\s+([A-Z][\w.'’-]*(?:[\s,]+(?:and\s+)?[A-Z][\w.'’-]*){0,8})\s*$", re.I)
_DATE_LINE = re.compile(
    r"^(?:updated|published|posted|last\s+updated)?\s*:?\s*(.*?\b(?:\d{1,2}:\d{2}\s*(?:[AP]\.?M\.?)?|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?)\b.*)$",
    re.I,
)
# "PARIS (AP) --", "LYON, France (Reuters) -", "(CNN)"
_DATELINE = re.compile(
    r"^(?:(?P<place>[A-Z][A-Z .'’-]+(?:,\s*[A-Z][\w .'’-]+?)?)\s+)?\((?P<source>AP|AFP|Reuters|CNN|UPI|dpa|Xinhua|Bloomberg)\)\s*(?:[-–—]+|:)?\s*",
)
_CONTRIBUTED = re.compile(
    r"\bcontributed(?:\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article))?\.?\s*$", re.I
)
_COPYRIGHT = re.compile(r"^(?:copyright|©|\(c\))\s*(?:\d{4})?\s*(?P<owner>[^.]*)", re.I)
_TERMINAL = re.compile(r"[.!?…。！？؟।][\"'”’)\]」』]*$|[\"”」]$")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


@dataclass
class _Meta:
    title: str | None = None
    byline: str | None = None
    place: str | None = None
    date: str | None = None
    source: str | None = None
    notes: dict[str, str] = field(default_factory=dict)


def normalise(raw: str) -> str:
    """Unicode NFC, unified newlines and spaces, control and invisible characters removed."""
    text = unicodedata.normalize("NFC", raw).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " " for ch in text)
    text = re.sub(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", text)
    return text


def _is_prose(line: str) -> bool:
    return bool(_TERMINAL.search(line)) or len(line.split()) >= 16


def _is_headline_like(line: str) -> bool:
    n = len(line.split())
    return 2 <= n <= 20 and not _TERMINAL.search(line)


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines (a line that stops mid-sentence, followed by its continuation)."""
    inner = lines[:-1]
    wrapped = len(lines) >= 3 and sum(45 <= len(ln) <= 100 for ln in inner) >= 0.8 * len(inner)
    out: list[str] = []
    for line in lines:
        if (
            out
            and not _TERMINAL.search(out[-1])
            and len(out[-1]) >= 30
            and (line[:1].islower() or wrapped)
        ):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _smart_title(name: str) -> str:
    """'LYON, France' -> 'Lyon, France': words in capitals become title case, others stay."""
    return " ".join(w.title() if w.isupper() and len(w) > 1 else w for w in name.split(" "))


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if lines:
            blocks.append(_unwrap(lines))
    return blocks


def _strip_furniture(blocks: list[list[str]], meta: _Meta) -> list[str]:
    """Drop furniture lines, recording metadata; returns body candidate lines (paragraphs)."""
    kept: list[str] = []
    for block in blocks:
        in_headline_list = False
        for line in block:
            if _HEADING_LATEST.match(line) and not _TERMINAL.search(line):
                in_headline_list = True  # the short lines that follow are links to other stories
                continue
            if in_headline_list:
                if _is_headline_like(line):
                    continue
                in_headline_list = False
            m = _BYLINE.match(line)
            if m and len(line.split()) <= 12:
                meta.byline = meta.byline or _smart_title(m.group(1).strip(" ,"))
                continue
            if _BREADCRUMB.match(line) or furniture.is_furniture(line):
                continue
            if _FURNITURE.match(line):
                dm = _DATE_LINE.match(line)
                if dm and re.match(r"(?i)updated|published|posted|last", line) and not meta.date:
                    meta.date = dm.group(1).strip()
                if (cm := _COPYRIGHT.match(line)) and cm.group("owner").strip():
                    meta.notes.setdefault("copyright", cm.group("owner").strip())
                continue
            if _CREDIT.search(line) and len(line.split()) < 60:
                continue
            kept.append(line)
    return kept


def _cut_footer(lines: list[str]) -> list[str]:
    """Cut the '... contributed' credit line and anything after it near the end."""
    for i in range(len(lines) - 1, max(-1, len(lines) - 6), -1):
        if _CONTRIBUTED.search(lines[i]) and len(lines[i].split()) <= 40:
            return lines[:i]
    return lines


def _find_body(lines: list[str], meta: _Meta) -> list[str]:
    """Find where the story starts: a dateline, else the first prose line; the title before it."""
    start = None
    for i, line in enumerate(lines):
        m = _DATELINE.match(line)
        if m and len(line) > m.end() + 20:
            start = i
            if m.group("place"):
                meta.place = _smart_title(m.group("place").strip(" ,"))
            meta.source = meta.source or m.group("source")
            lines = [*lines[:i], line[m.end() :], *lines[i + 1 :]]
            break
    if start is None:
        start = next((i for i, ln in enumerate(lines) if _is_prose(ln)), None)
        if start is None:
            return lines  # nothing reads as prose: keep what there is, the caller decides
    head = lines[:start]
    titles = [ln for ln in head if _is_headline_like(ln) and len(ln.split()) >= 3]
    if titles and not meta.title:
        meta.title = titles[0]
    if not meta.date:
        for ln in head:
            dm = _DATE_LINE.match(ln)
            if dm and len(ln.split()) <= 10:
                meta.date = dm.group(1).strip()
                break
    body = [ln for ln in lines[start:] if _is_prose(ln)]
    return body


def clean_text(
    raw: str,
    *,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    language: str | None = None,
) -> Article:
    """Clean pasted text into an Article; raises EmptyText when nothing usable remains.

    `language` forces the text's language; by default it is detected from the body."""
    meta = _Meta(title=title, source=source)
    lines = _strip_furniture(_blocks(normalise(raw)), meta)
    lines = _find_body(_cut_footer(lines), meta)
    language = language or detect(" ".join(lines))
    paragraphs = tuple(tuple(s) for s in (split_sentences(ln, language) for ln in lines) if s)
    if not paragraphs:
        raise EmptyText("There is no article text in that message.")
    if meta.source is None and "copyright" in meta.notes:
        meta.source = meta.notes["copyright"]
    return Article(
        paragraphs=paragraphs,
        title=meta.title,
        byline=meta.byline,
        place=meta.place,
        date=meta.date,
        source=meta.source,
        url=url,
        language=language,
    )
