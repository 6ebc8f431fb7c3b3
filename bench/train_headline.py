"""Fit the headline model (bot/headline_weights.json) on the tuning part of the real pages.

Run: python bench/train_headline.py --data ../shared/data [--write]

Every title-like line above the story of a pasted page (as bot.clean finds it) is an example;
it is a headline when it equals the page's real title (meta.json, with or without the site's
name). Only the tuning part (bench.pages.held_out is false) is used for fitting; accuracy is
printed for both parts. Logistic regression with L2, full-batch gradient descent in numpy, no
randomness: the same data gives the same weights.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from bench.pages import DEFAULT_DATA, Page, load_pages, norm, strip_site, title_equal
from bot import headline
from bot.clean import layout, normalise

WEIGHTS = Path(__file__).resolve().parent.parent / "bot" / "headline_weights.json"


def examples(page: Page) -> tuple[list[list[float]], list[int], list[str]]:
    """Feature rows, labels and texts of one page's headline candidates."""
    found = layout(normalise(page.pasted))
    if found is None:
        return [], [], []
    lines, kinds, start, end = found.lines, found.kinds, found.start, found.end
    lead = headline.lead_words(lines, kinds, start, end)
    seen = Counter(lines[max(0, start - headline.WINDOW) : start])
    real = page.meta.get("title") or ""
    targets = {norm(real).strip(" ."), norm(strip_site(real)).strip(" .")}
    rows, labels, texts = [], [], []
    for i in headline.candidates(lines, kinds, start):
        if not headline.eligible(lines[i], kinds[i]):
            continue
        rows.append(headline.features(i, lines, kinds, start, lead, seen))
        labels.append(int(norm(lines[i]).strip(" .") in targets))
        texts.append(lines[i])
    return rows, labels, texts


def fit(x: np.ndarray, y: np.ndarray, *, l2: float = 0.01, steps: int = 4000) -> np.ndarray:
    """Weights (bias last) of an L2-regularised logistic regression, positives up-weighted."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    pos = max(1, int(y.sum()))
    sample = np.where(y == 1, (len(y) - pos) / pos, 1.0)
    sample /= sample.mean()
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ ((p - y) * sample) / len(y) + l2 * np.r_[w[:-1], 0.0]
        w -= 0.5 * grad
    return w


def accuracy(pages: list[Page]) -> float:
    from bot.clean import clean_text

    hits = sum(title_equal(clean_text(p.pasted).title, p.meta.get("title") or "") for p in pages)
    return hits / len(pages) if pages else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--write", action="store_true", help="write bot/headline_weights.json")
    parser.add_argument("--threshold", type=float, default=0.5)
    args = parser.parse_args(argv)
    pages = load_pages(args.data)
    tuning = [p for p in pages if not p.held_out]
    rows: list[list[float]] = []
    labels: list[int] = []
    for page in tuning:
        r, y, _ = examples(page)
        rows += r
        labels += y
    x, y = np.array(rows), np.array(labels, dtype=float)
    w = fit(x, y)
    print(f"{len(tuning)} tuning pages, {len(y)} candidate lines, {int(y.sum())} headlines")
    for name, value in zip(headline.FEATURES, w[:-1], strict=True):
        print(f"  {name:15} {value:+.3f}")
    print(f"  {'bias':15} {w[-1]:+.3f}")
    if args.write:
        data = {
            "weights": {n: round(float(v), 4) for n, v in zip(headline.FEATURES, w, strict=False)},
            "bias": round(float(w[-1]), 4),
            "threshold": args.threshold,
            "trained_on": "bench/pages.py tuning part (index % 3 != 2) of ../shared/data/pages",
        }
        WEIGHTS.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        headline._weights.cache_clear()
        print(f"wrote {WEIGHTS}")
        held = [p for p in pages if p.held_out]
        print(f"title = real title: tuning {accuracy(tuning):.1%}, held-out {accuracy(held):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
