"""Turn pasted text, often a whole copied web page, into a clean Article.

A pasted page is read as lines, each classified (bot.furniture) as prose, heading, byline, date,
caption or furniture. The story is the best contiguous run of prose (the way jusText and
trafilatura find it in HTML): prose lines score by their length, everything else costs a little,
and the run with the highest total wins. Inside that run only prose is kept, minus captions,
notices and repeats. Above it, the headline, standfirst, byline and date become metadata
(bot.headline picks the headline). Everything here is linear in the size of the paste.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from bot.article import Article
from bot.errors import EmptyText
from bot.furniture import (
    BYLINE,
    DATE_LINE,
    TERMINAL,
    Kind,
    classify_page,
    is_caption,
    stop_share,
    word_count,
)
from bot.headline import pick_headline, title_from_sentence
from bot.language.detect import detect
from bot.split import split_sentences

# "PARIS (AP) --", "LYON, France (Reuters) -", "(CNN)"; and other languages' agencies, whose
# datelines write the place in title case: "Berlin (dpa) –", "Madrid (EFE).-", "Москва (ТАСС) -".
_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω"
_AGENCIES = (
    "AP|AFP|Reuters|CNN|UPI|dpa|Xinhua|Bloomberg|EFE|ANSA|KNA|epd|APA|SDA|sda|Europa Press"
    "|EUROPA PRESS|TASS|ТАСС|РИА Новости|Интерфакс|ИНТЕРФАКС|Anadolu|AA|DHA|İHA|PAP|ČTK|Belga"
)
_DATELINE = re.compile(
    rf"^(?:(?P<place>[{_UPPER}][{_UPPER} .'’-]{{1,40}}(?:,\s*[{_UPPER}][\w .'’-]{{1,30}}?)?"
    rf"|[{_UPPER}][\w'’-]{{1,30}}(?:[ -][{_UPPER}][\w'’-]{{1,30}}){{0,2}})\s+)?"
    rf"\((?P<source>{_AGENCIES})\)\s*(?:[-–—]+|:|\.[-–—])?\s*",
)
# A dateline on a line of its own: "BAAR, SWITZERLAND", "NEW DELHI".
_PLACE = re.compile(r"^[A-Z][A-Z.'’-]+(?:[ ,]{1,2}[A-Z][A-Z.'’-]+){0,3}:?$")
# Where a byline's name stops: "By Al Root Updated Nov. 19" -> "Al Root".
_NAME_END = re.compile(
    r"\s(?:Updated|Published|Posted|Last|Associated|Staff|Reporter|Correspondent|Editor"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?)\b"
)
_CONTRIBUTED = re.compile(
    r"\bcontributed(?:\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article))?\.?\s*$", re.I
)
_COPYRIGHT = re.compile(r"^(?:copyright|©|\(c\))\s*(?:\d{4})?\s*(?P<owner>[^.]{0,80})", re.I)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_HEADER_WINDOW = 40  # lines above the story searched for its headline, byline and date

# What a line adds to a run: prose by its length, the rest a small cost each, so that a related
# list of three links inside a story does not split it but a page of menus does.
_COST = {
    Kind.HEADING: -4.0,
    Kind.SHORT: -2.0,
    Kind.LINK: -3.0,
    Kind.BYLINE: -1.0,
    Kind.DATE: -1.0,
    Kind.CAPTION: -3.0,
    Kind.FURNITURE: -5.0,
}


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
    # Most lines are printable as they are; only the others are read character by character.
    text = "\n".join(
        line if line.isprintable() else "".join(map(_visible, line)) for line in text.split("\n")
    )
    return _SPACES.sub(" ", text)


def _visible(ch: str) -> str:
    return ch if ch == "\t" or unicodedata.category(ch)[0] != "C" else " "


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines (a line that stops mid-sentence, followed by its continuation)."""
    inner = lines[:-1]
    wrapped = len(lines) >= 3 and sum(45 <= len(ln) <= 100 for ln in inner) >= 0.8 * len(inner)
    # Each output line is kept as its parts and joined once: re-searching (and re-copying) a
    # growing joined line for every wrapped line made this quadratic.
    out: list[list[str]] = []
    length = 0  # of the output line being built
    for line in lines:
        if (
            out
            and not TERMINAL.search(out[-1][-1])
            and length >= 30
            and (line[:1].islower() or wrapped)
            and not BYLINE.match(line)
        ):
            out[-1].append(line)
            length += len(line) + 1
        else:
            out.append([line])
            length = len(line)
    return [" ".join(parts) for parts in out]


def _lines(text: str) -> list[str]:
    lines: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        found = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if found:
            lines.extend(_unwrap(found))
    return lines


def _smart_title(name: str) -> str:
    """'LYON, France' -> 'Lyon, France': words in capitals become title case, others stay."""
    return " ".join(w.title() if w.isupper() and len(w) > 1 else w for w in name.split(" "))


def _score(line: str, kind: Kind, repeated: bool) -> float:
    if kind is not Kind.PROSE:
        return _COST[kind]
    if repeated:  # a sentence printed twice on a page is a caption or a teaser, not the story
        return _COST[Kind.CAPTION]
    words = word_count(line)
    # Few (English) stop words and mostly capitals: a list of names or a menu that ends in a
    # full stop. Prose in other languages has no English stop words but few capitals.
    tokens = line.split()
    capitals = sum(t[:1].isupper() for t in tokens) / len(tokens)
    weight = 0.4 if stop_share(line) < 0.2 and capitals > 0.5 else 1.0
    return weight * min(words, 120) - 4.0


def _best_run(scores: list[float]) -> tuple[int, int]:
    """The contiguous run with the highest total (Kadane): [start, end)."""
    best, best_span = -1e18, (0, 0)
    total, start = 0.0, 0
    for i, s in enumerate(scores):
        if total <= 0:
            total, start = s, i
        else:
            total += s
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def _standfirst_end(lines: list[str], kinds: list[Kind], start: int, end: int) -> int:
    """Prose before the byline or date at the top of a run is a standfirst or a caption: skip it."""
    prose = 0
    for i in range(start, min(end, start + 8)):
        if kinds[i] in (Kind.BYLINE, Kind.DATE) or _PLACE.match(lines[i]):
            return i + 1 if prose else start
        if kinds[i] is Kind.PROSE:
            prose += 1
            if prose > 2:
                break
    # One short sentence right under the headline and over a photo caption: a standfirst.
    if (
        start > 0
        and kinds[start - 1] is Kind.HEADING
        and kinds[start] is Kind.PROSE
        and len(lines[start].split()) <= 30
        and start + 1 < end
        and kinds[start + 1] is Kind.CAPTION
    ):
        return start + 1
    return start


def _header_meta(lines: list[str], kinds: list[Kind], start: int, meta: _Meta) -> None:
    """Byline and date from the lines above the story (and its first few)."""
    for i in range(max(0, start - _HEADER_WINDOW), min(len(lines), start + 3)):
        line = lines[i]
        if kinds[i] is Kind.BYLINE and meta.byline is None:
            m = BYLINE.match(line)
            if m:
                name = _NAME_END.split(m.group(1), maxsplit=1)[0]
                meta.byline = _smart_title(name.strip(" ,"))
        elif kinds[i] is Kind.DATE and meta.date is None:
            dm = DATE_LINE.match(line)
            if dm:
                meta.date = dm.group("date").strip(" |")


@dataclass
class Layout:
    """A page read as lines: each line's kind, and where the story runs ([start, end))."""

    lines: list[str]
    kinds: list[Kind]
    start: int
    end: int
    repeated: set[str]  # prose lines printed more than once on the page
    dateline: re.Match[str] | None = None
    standfirst: str | None = None  # the summary printed between headline and byline


def layout(text: str) -> Layout | None:
    """Find the story in normalised text; None when no line reads as prose."""
    lines = _lines(text)
    kinds = classify_page(lines)
    counts = Counter(ln for ln, k in zip(lines, kinds, strict=True) if k is Kind.PROSE)
    repeated = {ln for ln, c in counts.items() if c > 1}
    if not counts:
        return None
    scores = [_score(ln, k, ln in repeated) for ln, k in zip(lines, kinds, strict=True)]
    start, end = _best_run(scores)
    # An agency dateline ("PARIS (AP) —") is where the story starts, whatever came before.
    for i in range(max(0, start - 3), end):
        m = _DATELINE.match(lines[i])
        if m and len(lines[i]) > m.end() + 20:
            lines = [*lines[:i], lines[i][m.end() :], *lines[i + 1 :]]
            return Layout(lines, kinds, i, end, repeated, m)
    body_start = _standfirst_end(lines, kinds, start, end)
    above = [lines[i] for i in range(start, body_start) if kinds[i] is Kind.PROSE]
    if not above:  # the run may begin below the header: a summary over the byline is above it
        for i in range(start - 1, max(-1, start - 8), -1):
            if kinds[i] is Kind.PROSE:
                if any(k in (Kind.BYLINE, Kind.DATE) for k in kinds[i + 1 : start]):
                    above = [lines[i]]
                break
    standfirst = above[0] if above and not is_caption(above[0]) else None
    return Layout(lines, kinds, body_start, end, repeated, standfirst=standfirst)


def _story(text: str, meta: _Meta) -> list[str]:
    """The story's prose lines; fills meta from the page around them."""
    page = layout(text)
    if page is None:
        # Nothing reads as prose: keep what is not furniture, the caller decides.
        lines = _lines(text)
        kinds = classify_page(lines)
        return [ln for ln, k in zip(lines, kinds, strict=True) if k in (Kind.HEADING, Kind.SHORT)]
    lines, kinds, start, end = page.lines, page.kinds, page.start, page.end
    for ln, k in zip(lines, kinds, strict=True):
        if k is Kind.FURNITURE and (cm := _COPYRIGHT.match(ln)) and cm.group("owner").strip():
            meta.notes.setdefault("copyright", cm.group("owner").strip())
    if page.dateline is not None:
        if page.dateline.group("place"):
            meta.place = _smart_title(page.dateline.group("place").strip(" ,"))
        meta.source = meta.source or page.dateline.group("source")
    if page.standfirst is not None:
        meta.notes["standfirst"] = page.standfirst
    if meta.title is None:
        # The headline sits above the story, often with a standfirst between them.
        meta.title = pick_headline(lines, kinds, start, end)
    _header_meta(lines, kinds, start, meta)
    body: list[str] = []
    seen: set[str] = set()
    for i in range(start, end):
        if kinds[i] is Kind.PROSE and lines[i] not in seen and lines[i] not in page.repeated:
            seen.add(lines[i])
            body.append(lines[i])
    if not body:  # every prose line was printed twice: keep one copy of each
        body = list(
            dict.fromkeys(ln for ln, k in zip(lines, kinds, strict=True) if k is Kind.PROSE)
        )
    return _cut_footer(body)


def _cut_footer(lines: list[str]) -> list[str]:
    """Cut the '... contributed' credit line and anything after it near the end."""
    for i in range(len(lines) - 1, max(-1, len(lines) - 6), -1):
        if _CONTRIBUTED.search(lines[i]) and len(lines[i].split()) <= 40:
            return lines[:i]
    return lines


def clean_text(
    raw: str,
    *,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    language: str | None = None,
) -> Article:
    """Clean pasted text into an Article; raises EmptyText when nothing usable remains.

    Without a headline on the page, the title is made from the first sentence. `language`
    forces the text's language; by default it is detected from the body.
    """
    meta = _Meta(title=title, source=source)
    lines = _story(normalise(raw), meta)
    language = language or detect(" ".join(lines))
    paragraphs = tuple(tuple(s) for s in (split_sentences(ln, language) for ln in lines) if s)
    if not paragraphs:
        raise EmptyText("There is no article text in that message.")
    if meta.source is None and "copyright" in meta.notes:
        meta.source = meta.notes["copyright"]
    return Article(
        paragraphs=paragraphs,
        title=meta.title or title_from_sentence(paragraphs[0][0]),
        byline=meta.byline,
        place=meta.place,
        date=meta.date,
        source=meta.source,
        url=url,
        language=language,
        extra={"standfirst": meta.notes["standfirst"]} if "standfirst" in meta.notes else {},
    )
