"""Tiny PDFs written by hand for the tests: text runs at positions, in a chosen stream order.

Only what the tests need: Helvetica text (WinAnsi), several pages, text drawn in any order (so a
page can store two columns line by line across, the way some newspaper PDFs do), a page that is
only an image (a scan), metadata. No library, no network; the bytes are plain PDF 1.4 syntax.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

PAGE_WIDTH = 612
PAGE_HEIGHT = 792
LINE_HEIGHT = 14


@dataclass(frozen=True)
class Run:
    """One line of text drawn at (x, y) in points from the bottom left, in a font size."""

    x: float
    y: float
    text: str
    size: float = 11


@dataclass(frozen=True)
class Page:
    runs: Sequence[Run] = ()
    image_only: bool = False  # a scanned page: one picture, no text at all


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    out = bytearray(b"(")
    for byte in raw:
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif byte < 32 or byte > 126:
            out += b"\\%03o" % byte
        else:
            out.append(byte)
    return bytes(out + b")")


def _content(page: Page) -> bytes:
    if page.image_only:
        return b"q %d 0 0 %d 0 0 cm /Im1 Do Q" % (PAGE_WIDTH, PAGE_HEIGHT)
    parts = []
    for run in page.runs:
        parts.append(
            b"BT /F1 %.1f Tf %.1f %.1f Td %s Tj ET"
            % (run.size, run.x, run.y, _pdf_string(run.text))
        )
    return b"\n".join(parts)


def make_pdf(pages: Sequence[Page], *, title: str | None = None) -> bytes:
    """The bytes of a PDF with these pages (xref offsets computed, so any reader opens it)."""
    objects: list[bytes] = []  # object i + 1

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below, once the page tree's number is known
    tree = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x40\x40\x80\nendstream"
    )
    kids = []
    for page in pages:
        stream = _content(page)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] "
                b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> "
                b"/Contents %d 0 R >>" % (tree, PAGE_WIDTH, PAGE_HEIGHT, font, image, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    info = add(b"<< /Title %s >>" % _pdf_string(title)) if title else None

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def column_lines(lines: Iterable[str], *, x: float = 72, top: float = 720) -> list[Run]:
    """Lines set one under another from `top` down."""
    return [Run(x, top - i * LINE_HEIGHT, line) for i, line in enumerate(lines)]


def wrap(text: str, width: int = 60) -> list[str]:
    """Words filled into lines of at most `width` characters (a paragraph blank line kept)."""
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        line = ""
        for word in paragraph.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        if line:
            lines.append(line)
    return lines


def text_pages(
    lines: Sequence[str],
    *,
    per_page: int = 40,
    head: str | None = None,
    foot: str | None = None,
    numbers: bool = True,
    footnotes: dict[int, list[str]] | None = None,
) -> list[Page]:
    """Lines flowed over pages, each with a running head, a page number and optional footnotes."""
    pages = []
    for index, start in enumerate(range(0, len(lines), per_page)):
        runs = column_lines(lines[start : start + per_page])
        if head:
            runs.insert(0, Run(72, 760, head, 9))
        for i, note in enumerate((footnotes or {}).get(index, [])):
            runs.append(Run(72, 100 - i * 10, note, 8))
        if foot:
            runs.append(Run(72, 50, foot, 9))
        if numbers:
            runs.append(Run(300, 36, str(index + 1), 9))
        pages.append(Page(runs))
    return pages
