"""PDF text: reading order, page furniture, footnotes and hyphenation out, clear refusals."""

from __future__ import annotations

import io

import pypdf
import pytest

from bot.errors import NotText, TooLarge
from bot.pdf import PDFTooSlow, ScannedPDF, columns_across, is_pdf, read_pdf
from tests.pdfmaker import Page, Run, column_lines, make_pdf, text_pages, wrap

# Written for these tests.
STORY = (
    "Millbrook Library Reopens After Flood Repairs\n\n"
    "The Millbrook public library reopened on Saturday, eleven months after a burst water main "
    "flooded its ground floor and ruined about nine thousand books. Volunteers carried the "
    "first boxes of donated books through the doors at nine in the morning while a brass band "
    "played on the steps. The town council paid for most of the repairs, and a well-known local "
    "bakery raised the rest with a summer of cake sales. Head librarian Agnes Farrow said the "
    "children's room had been rebuilt with shelves that stand clear of the floor. She thanked "
    "the volunteers who dried and sorted the books that could be saved.\n\n"
    "The reconstruction cost the town about four hundred thousand pounds. Work was slowed in "
    "the spring when builders found old timber beams that had rotted behind the plaster. The "
    "council says the new heating system will cut the building's energy bills by a third. "
    "Opening hours are longer than before the flood, with late evenings on Thursdays. A "
    "reading garden behind the building will open next month once the grass has grown."
)


def story_lines() -> list[str]:
    lines = wrap(STORY, 64)
    # Break "reconstruction" across two lines with a hyphen, as typesetters do.
    for i, line in enumerate(lines):
        if " reconstruction " in f" {line} ":
            before, after = line.split("reconstruction", 1)
            lines[i] = before + "recon-"
            lines.insert(i + 1, "struction" + after)
            break
    return lines


def test_a_multi_page_article_comes_out_clean_and_whole() -> None:
    lines = story_lines()
    # The footnote is called from the page that carries it.
    call = next(i for i, ln in enumerate(lines) if ln.endswith("pounds.") or "pounds." in ln)
    lines[call] = lines[call].replace("pounds.", "pounds.1")
    per_page = call + 3  # the call and its note land on page one
    pages = text_pages(
        lines,
        per_page=per_page,
        head="THE MILLBROOK COURIER · Local news",
        foot="millbrook-courier.example · Printed edition",
        footnotes={0: ["1 Figures from the council's budget report for the year."]},
    )
    assert len(pages) >= 2
    got = read_pdf(make_pdf(pages))
    assert got.engine == "pypdf"
    assert got.pages == len(pages)
    text = got.text
    assert "MILLBROOK COURIER" not in text
    assert "Printed edition" not in text
    assert "budget report" not in text  # the footnote
    assert "pounds.1" not in text and "pounds." in text  # and its call
    assert "reconstruction cost" in text  # hyphenation undone
    assert "well-known local bakery" in text  # a real hyphen kept
    assert not any(p.strip().isdigit() for p in text.split())  # no page numbers
    # The sentence broken by the page turn is one sentence again.
    words = " ".join(text.split())
    for sentence in (
        "Volunteers carried the first boxes of donated books through the doors",
        "A reading garden behind the building will open next month once the grass has grown.",
    ):
        assert sentence in words
    assert text.split("\n\n")[0] == "Millbrook Library Reopens After Flood Repairs"


def interleaved_columns(left: list[str], right: list[str]) -> list[Run]:
    """Two columns drawn line by line across the page, as some newspaper PDFs store them."""
    runs = []
    for i in range(max(len(left), len(right))):
        if i < len(left):
            runs.append(Run(72, 700 - 14 * i, left[i]))
        if i < len(right):
            runs.append(Run(320, 700 - 14 * i, right[i]))
    return runs


LEFT = (
    "The harbour council voted on Tuesday to rebuild the old sea wall after two storms in one "
    "winter broke through it. Engineers say the new wall will stand two metres higher than the "
    "old one and will take three years to build."
)
RIGHT = (
    "Fishermen who moor their boats inside the wall welcomed the vote but asked for work to "
    "stop during the summer season. The mayor said the council would meet them next month to "
    "agree a timetable for the works."
)


def test_columns_drawn_across_the_page_are_read_column_by_column() -> None:
    runs = interleaved_columns(wrap(LEFT, 32), wrap(RIGHT, 32))
    got = read_pdf(make_pdf([Page(runs)]))
    assert got.engine == "pdfminer"
    words = " ".join(got.text.split())
    assert LEFT in words
    assert RIGHT in words
    assert words.index(LEFT) < words.index(RIGHT)


def test_columns_drawn_one_after_the_other_need_no_second_reader() -> None:
    runs = column_lines(wrap(LEFT, 32)) + column_lines(wrap(RIGHT, 32), x=320)
    got = read_pdf(make_pdf([Page(runs)]))
    assert got.engine == "pypdf"
    words = " ".join(got.text.split())
    assert LEFT in words and RIGHT in words


def test_column_detection_ignores_a_line_made_of_several_pieces() -> None:
    runs = [(72.0 + 40 * (i % 3), 700.0 - 14 * (i // 3), "word") for i in range(30)]
    assert not columns_across(runs, 612)


def test_a_scanned_pdf_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ScannedPDF, match="scanned"):
        read_pdf(make_pdf([Page(image_only=True), Page(image_only=True)]))


def test_limits_pages_size_and_deadline() -> None:
    many = make_pdf([Page(column_lines(["A line of text on a page."]))] * 6)
    with pytest.raises(TooLarge, match="6 pages"):
        read_pdf(many, max_pages=5)
    with pytest.raises(PDFTooSlow):
        read_pdf(many, deadline_seconds=0)
    with pytest.raises(TooLarge, match="MB"):
        read_pdf(b"%PDF-1.4\n" + b" " * 21_000_000)


def test_damaged_and_locked_pdfs_get_a_message_not_a_crash() -> None:
    good = make_pdf(text_pages(story_lines()))
    with pytest.raises(NotText, match="damaged"):
        read_pdf(good[:200])
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(good))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    locked = io.BytesIO()
    writer.write(locked)
    with pytest.raises(NotText, match="password"):
        read_pdf(locked.getvalue())


def test_a_pdf_is_recognised_by_its_header() -> None:
    assert is_pdf(make_pdf([Page(image_only=True)]))
    assert not is_pdf(b"The PDF format was published in 1993.")


def test_line_end_hyphens_join_words_but_keep_compounds_the_text_writes_with_one() -> None:
    pages = [
        [
            "The new sea wall is a well-known landmark of the town and its people.",
            "Its builders used stone from the quarry and the work took three sea-",
            "sons in all. Residents call it the well-",
            "known wall of the coast, and visitors walk along it every day.",
        ]
    ]
    text = read_pdf(make_pdf([Page(column_lines(pages[0]))])).text
    assert "three seasons in all" in text
    assert "the well-known wall" in text
