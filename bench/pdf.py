"""PDF reading speed: what `read_pdf` costs per file, single-column (pypdf) and columns drawn
across the page (pypdf, then pdfminer.six), on PDFs generated here (no data needed).

Run: python -m bench.pdf
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.pdf import read_pdf
from tests.pdfmaker import Page, Run, make_pdf, text_pages, wrap

WORDS = [
    "the",
    "council",
    "harbour",
    "wall",
    "storm",
    "engineers",
    "said",
    "on",
    "Tuesday",
    "that",
    "work",
    "would",
    "start",
    "in",
    "September",
    "and",
    "take",
    "three",
    "years",
    "while",
    "fishermen",
    "asked",
    "for",
    "a",
    "pause",
    "in",
    "summer",
]


def prose(rng: random.Random, sentences: int) -> str:
    return " ".join(
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 24))).capitalize() + "."
        for _ in range(sentences)
    )


def single_column(pages: int, rng: random.Random) -> bytes:
    lines = wrap(prose(rng, pages * 16), 80)
    return make_pdf(text_pages(lines, per_page=45, head="THE COAST GAZETTE"))


def columns_across(pages: int, rng: random.Random) -> bytes:
    out = []
    for _ in range(pages):
        left, right = wrap(prose(rng, 8), 38), wrap(prose(rng, 8), 38)
        runs = []
        for i in range(min(len(left), len(right), 48)):
            runs += [Run(54, 740 - 14 * i, left[i], 10), Run(320, 740 - 14 * i, right[i], 10)]
        out.append(Page(runs))
    return make_pdf(out)


def timed(data: bytes, repeat: int = 3) -> tuple[float, str, int]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        got = read_pdf(data, deadline_seconds=None)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), got.engine, len(got.text)


def main() -> int:
    rng = random.Random(7)
    print("read_pdf, median of 3 (one core)")
    print(f"{'layout':<22} {'pages':>5} {'KB':>6} {'engine':>9} {'chars':>8} {'seconds':>8}")
    for name, build in (("single column", single_column), ("columns across", columns_across)):
        for pages in (1, 10, 50, 100):
            data = build(pages, rng)
            seconds, engine, chars = timed(data)
            print(
                f"{name:<22} {pages:>5} {len(data) / 1000:>6.0f} {engine:>9} {chars:>8,} "
                f"{seconds:>8.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
