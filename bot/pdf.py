"""Text out of a PDF, in reading order, without the page furniture a PDF adds.

pypdf reads every file first (fast, pure Python). Where a page draws two columns line by line
across, pypdf's text interleaves them; those files are read again with pdfminer.six, whose layout
analysis puts each column back together. Then running heads and feet, page numbers, footnotes
and line-end hyphenation come out, and lines are joined into paragraphs for `clean_text`.

`read_pdf` is a plain function of bytes (picklable arguments and result) so that a worker
process with a hard deadline can run it; it also checks its own deadline between pages.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
import statistics
import time
import warnings
from collections import Counter
from dataclasses import dataclass
from functools import partial

from bot.errors import InputError, NotText, TooLarge

MAX_PDF_BYTES = 20_000_000  # what a bot may download from Telegram
MAX_PDF_PAGES = 100
PDF_DEADLINE_SECONDS = 30.0
MIN_TEXT_WORDS = 12  # less than this in the whole file: no text layer worth the name

_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st"})
_PAGE_NUMBER = re.compile(
    r"(?i)^(?:page\s+)?[-–—(\[]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-–—)\]]?"
    r"(?:\s*(?:of|/)\s*\d{1,4})?$"
)
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FOOTNOTE_START = re.compile(rf"^(?P<mark>\d{{1,2}}|[*†‡§]|[{_SUPERSCRIPTS}]{{1,2}})\s*(?=\S)")
_TERMINAL = re.compile(r"[.!?…:][\"'”’)\]]*$")
_HYPHENATED = re.compile(r"([^\W\d_]+)-$")
_EDGE_LINES = 3


class ScannedPDF(NotText):
    """The PDF has no text layer (scanned pages are pictures of text)."""


class PDFTooSlow(InputError):
    """Reading the PDF took longer than its deadline."""


@dataclass(frozen=True)
class PdfText:
    """What came out of a PDF: paragraphs of text (blank-line separated), a title if it had one."""

    text: str
    title: str | None
    pages: int
    engine: str  # "pypdf" or "pdfminer"


def is_pdf(data: bytes) -> bool:
    """True when the bytes are a PDF (the header may follow a little junk, as readers allow)."""
    return b"%PDF-" in data[:1024]


def read_pdf(
    data: bytes,
    *,
    max_pages: int = MAX_PDF_PAGES,
    deadline_seconds: float | None = PDF_DEADLINE_SECONDS,
) -> PdfText:
    """The cleaned text of a PDF; raises TooLarge, ScannedPDF, NotText or PDFTooSlow."""
    if len(data) > MAX_PDF_BYTES:
        raise TooLarge(
            "That PDF is {size:.1f} MB; I read PDFs up to {limit} MB.",
            size=len(data) / 1e6,
            limit=MAX_PDF_BYTES // 1_000_000,
        )
    stop_at = None if deadline_seconds is None else time.monotonic() + deadline_seconds
    # Damaged files make both libraries warn and log at length; the user gets one message.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            pages, title, crossed = _pypdf_pages(data, max_pages, stop_at)
            engine = "pypdf"
            if crossed:
                pages = _pdfminer_pages(data, max_pages, stop_at)
                engine = "pdfminer"
        except (InputError, MemoryError, RecursionError):
            raise
        except Exception as exc:  # both libraries raise many kinds on damaged files
            raise NotText("I couldn't read that PDF; it seems to be damaged.") from exc
    text = clean_pages(pages)
    if len(text.split()) < MIN_TEXT_WORDS:
        raise ScannedPDF(
            "That PDF has no text I can read: it looks like scanned pages (pictures of text). "
            "Send a PDF with selectable text, or paste the article."
        )
    return PdfText(text=text, title=title, pages=len(pages), engine=engine)


def _check_deadline(stop_at: float | None) -> None:
    if stop_at is not None and time.monotonic() > stop_at:
        raise PDFTooSlow("That PDF takes too long to read. Send a shorter one, or paste the text.")


def _pypdf_pages(
    data: bytes, max_pages: int, stop_at: float | None
) -> tuple[list[list[str]], str | None, bool]:
    """Each page's lines, the document title, and whether any page draws columns across."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            opened = bool(reader.decrypt(""))
        except Exception:
            opened = False
        if not opened:
            raise NotText("That PDF is password-protected; send one that opens without a password.")
    if len(reader.pages) > max_pages:
        raise TooLarge(
            "That PDF has {n} pages; I read PDFs of up to {limit} pages.",
            n=len(reader.pages),
            limit=max_pages,
        )
    pages: list[list[str]] = []
    crossed = False
    for page in reader.pages:
        _check_deadline(stop_at)
        runs: list[tuple[float, float, str]] = []
        text = page.extract_text(visitor_text=partial(_collect_run, runs))
        width = float(page.mediabox.width) if page.mediabox is not None else 612.0
        crossed = crossed or columns_across(runs, width)
        pages.append(text.translate(_LIGATURES).split("\n"))
    return pages, _title(reader), crossed


def _collect_run(
    runs: list[tuple[float, float, str]],
    text: str,
    cm: list[float],
    tm: list[float],
    _font: object,
    _size: float,
) -> None:
    """pypdf's visitor: where each piece of text is drawn, in drawing order."""
    if text.strip():
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        runs.append((x, y, text))


def _title(reader: object) -> str | None:
    meta = getattr(reader, "metadata", None)
    raw = getattr(meta, "title", None) if meta is not None else None
    if not isinstance(raw, str):
        return None
    title = " ".join(raw.split())
    # Word processors put file names and their own name there; those are not titles.
    if (
        len(title.split()) < 2
        or len(title) > 200
        or re.search(r"\.(docx?|pdf|odt|rtf|txt|indd|pages)$", title, re.I)
        or title.lower().startswith(("microsoft word", "untitled"))
    ):
        return None
    return title


def columns_across(runs: list[tuple[float, float, str]], width: float) -> bool:
    """Does the page draw two columns line by line across (left, right, left, right...)?

    Runs split at the widest horizontal gap into a left and a right group; a drawing order that
    switches between them again and again, over the same heights, is interleaved columns.
    """
    if len(runs) < 6:
        return False
    xs = sorted({round(x) for x, _, _ in runs})
    gaps = [(b - a, a) for a, b in itertools.pairwise(xs)]
    if not gaps:
        return False
    gap, split_after = max(gaps)
    if gap < 0.15 * width:
        return False
    sides = [x > split_after for x, _, _ in runs]
    left = [y for (_, y, _), right in zip(runs, sides, strict=True) if not right]
    right = [y for (_, y, _), is_right in zip(runs, sides, strict=True) if is_right]
    if len(left) < 3 or len(right) < 3:
        return False
    overlap = min(max(left), max(right)) - max(min(left), min(right))
    switches = sum(1 for a, b in itertools.pairwise(sides) if a != b)
    return overlap > 0 and switches >= 4


def _pdfminer_pages(data: bytes, max_pages: int, stop_at: float | None) -> list[list[str]]:
    """Each page's lines in reading order; text boxes are separated by a blank line."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer

    pages: list[list[str]] = []
    for layout in extract_pages(io.BytesIO(data), laparams=LAParams(), maxpages=max_pages):
        _check_deadline(stop_at)
        lines: list[str] = []
        for element in layout:
            if isinstance(element, LTTextContainer):
                lines.extend(element.get_text().translate(_LIGATURES).split("\n"))
                lines.append("")
        pages.append(lines)
    return pages


# ---- cleaning: plain functions over lists of lines ----------------------------------------


def _edge_key(line: str) -> str:
    """A running head compared across pages: digits (page numbers, dates) count as one."""
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _edges(lines: list[str]) -> list[int]:
    """Indexes of the first and last few non-blank lines of a page."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:]))


def strip_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and running heads and feet (a line at the edge of most pages)."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_edge_key(lines[i]) for i in _edges(lines)})
    repeated = {
        key
        for key, n in counts.items()
        if len(pages) >= 2 and n >= max(2, (len(pages) + 1) // 2) and key.strip("# ")
    }
    out = []
    for lines in pages:
        edges = set(_edges(lines))
        kept = []
        for i, line in enumerate(lines):
            stripped = line.strip()
            if i in edges and (_PAGE_NUMBER.match(stripped) or _edge_key(line) in repeated):
                continue
            kept.append(stripped)
        out.append(kept)
    return out


def _referenced(mark: str, body: str) -> bool:
    """Is footnote `mark` called in the body text: glued to a word or stop ('wall.1', 'wall¹')?"""
    if mark[0] in _SUPERSCRIPTS:
        return mark in body
    return (
        re.search(rf"(?<=[^\W\d_]|[.,;:!?)\]”’\"']){re.escape(mark)}(?=\s|$|[.,;:])", body)
        is not None
    )


def strip_footnotes(lines: list[str]) -> list[str]:
    """Remove a page's footnotes (the notes at its foot that the page's text calls) and the calls."""
    filled = [i for i, line in enumerate(lines) if line]
    if not filled:
        return lines
    start = None
    marks: list[str] = []
    # Walk up from the bottom: footnote lines and their wrapped continuations.
    for from_bottom, i in enumerate(reversed(filled)):
        m = _FOOTNOTE_START.match(lines[i])
        if m:
            if not _referenced(m.group("mark"), " ".join(lines[:i])):
                break
            start = i
            marks.append(m.group("mark"))
        elif from_bottom >= 12:
            break  # no footnote block is this long
    if start is None or start == filled[0]:
        return [_drop_calls(line, ()) for line in lines]
    return [_drop_calls(line, marks) for line in lines[:start]]


def _drop_calls(line: str, marks: tuple[str, ...] | list[str]) -> str:
    line = re.sub(rf"(?<=\S)[{_SUPERSCRIPTS}]+", "", line)
    for mark in marks:
        if mark.isdigit():
            line = re.sub(rf"(?<=[^\W\d_]|[.,;:!?)\]”’\"']){mark}(?=\s|$|[.,;:])", "", line)
    return line


def _join_hyphenated(first: str, second: str, vocabulary: set[str]) -> str | None:
    """'sea-' + 'son starts' -> 'season starts', 'well-' + 'known' -> 'well-known' when the text
    writes it so elsewhere; None when the line does not end in a word broken by a hyphen."""
    if not first.endswith("-") or not second[:1].islower():
        return None
    tail_start = max(0, len(first) - 60)  # only the last word matters; never scan a long line
    m = _HYPHENATED.search(first, tail_start)
    if not m:
        return None
    head = m.group(1)
    tail = second.split(" ", 1)
    rest = tail[1] if len(tail) > 1 else ""
    # A compound the text writes with its hyphen elsewhere keeps it; other words are rejoined.
    keep = f"{head}-{tail[0]}".lower().strip(".,;:!?") in vocabulary
    joint = m.end(1) + 1 if keep else m.end(1)
    return f"{first[:joint]}{tail[0]}{(' ' + rest) if rest else ''}"


def join_lines(pages: list[list[str]]) -> str:
    """Lines of all pages joined into paragraphs: wrapped lines joined, hyphenation undone."""
    lines = [line for page in pages for line in (*page, None)]  # None: a page break
    filled = [ln for ln in lines if ln]
    typical = statistics.median(len(ln) for ln in filled) if filled else 0
    vocabulary = {w.lower().strip(".,;:!?\"'()") for ln in filled for w in ln.split() if "-" in w}
    paragraphs: list[str] = []
    current: list[str] = []  # the paragraph's lines so far (joined once, at its end)
    for line in lines:
        if line is None:
            continue  # a page break is not a paragraph break: sentences run over pages
        if not line:
            if current:
                paragraphs.append(" ".join(current))
            current = []
            continue
        joined = _join_hyphenated(current[-1], line, vocabulary) if current else None
        if joined is not None:
            current[-1] = joined
        else:
            current.append(line)
        short = len(line) < 0.75 * typical
        # A short line ends a paragraph (or is a heading): the next line starts a new one.
        if short and (_TERMINAL.search(line) or (not paragraphs and len(current) == 1)):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


def clean_pages(pages: list[list[str]]) -> str:
    """Page furniture and footnotes out, paragraphs joined: text ready for `clean_text`."""
    pages = strip_furniture(pages)
    pages = [strip_footnotes(lines) for lines in pages]
    return join_lines(pages)
