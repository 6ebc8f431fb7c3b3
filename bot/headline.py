"""The headline of a pasted page, or a short title made from the story's first sentence.

Each title-like line above the story is described by a few features (how near it is, whether a
byline or date sits next to it, how many words it shares with the story's first paragraphs,
whether it looks like one of a list of links or like a standfirst under another headline...) and
scored by a small logistic model. Its weights (`headline_weights.json`) were fitted on part of
the real pages in `../shared/data/pages` by `bench/train_headline.py`; the best line wins when the
model finds it likely enough, otherwise the page has no headline.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from functools import cache
from importlib import resources

from bot.furniture import Kind, content_words, word_count

WINDOW = 40  # lines above the story that can hold its headline
_TITLE_WORDS = 12  # a title made from a sentence keeps at most this many words
_META = (Kind.BYLINE, Kind.DATE)
CANDIDATES = (Kind.HEADING, Kind.PROSE, Kind.LINK)
FEATURES = (
    "between",
    "distance",
    "meta_after",
    "meta_next",
    "meta_before",
    "overlap",
    "under_headline",
    "heads_block",
    "listed",
    "upper",
    "words",
    "few_words",
    "many_words",
    "prose",
    "link",
    "repeated",
    "full_stop",
    "capitalised",
    "colon",
)


def lead_words(lines: list[str], kinds: list[Kind], start: int, end: int) -> set[str]:
    """Content words of the story's first prose lines."""
    lead: set[str] = set()
    for i in range(start, min(end, start + 12)):
        if kinds[i] is Kind.PROSE:
            lead.update(content_words(lines[i]))
    return lead


def features(
    i: int, lines: list[str], kinds: list[Kind], start: int, lead: set[str], seen: Counter[str]
) -> list[float]:
    """The features of line i as a headline of the story that starts at lines[start]."""
    line = lines[i]
    words = line.split()
    n = len(words)
    own = set(content_words(line))
    overlap = len(own & lead) / len(own) if own else 0.0
    prev = next((j for j in range(i - 1, max(-1, i - 4), -1) if kinds[j] in CANDIDATES), None)
    under = 0.0
    if prev is not None and len(lines[prev].split()) >= 4:
        theirs = set(content_words(lines[prev]))
        under = float(bool(theirs) and len(theirs & lead) >= 0.3 * len(theirs))
    meta_after = any(k in _META for k in kinds[i + 1 : i + 6])
    near = kinds[max(0, i - 2) : i] + kinds[i + 1 : i + 3]
    capitalised = sum(w[:1].isupper() for w in words) / n
    return [
        min(10, sum(k in (Kind.HEADING, Kind.PROSE) for k in kinds[i + 1 : start])) / 5,
        (start - i) / 10,
        float(meta_after),
        float(i + 1 < len(kinds) and kinds[i + 1] in _META),
        float(any(k in _META for k in kinds[max(0, i - 2) : i])),
        overlap,
        under,
        float(prev is None and meta_after),
        float(sum(k in (Kind.HEADING, Kind.LINK) for k in near) >= 3),
        float(line.isupper()),
        min(n, 30) / 10,
        float(n < 4),
        float(n > 16),
        float(kinds[i] is Kind.PROSE),
        float(kinds[i] is Kind.LINK),
        float(seen[line] > 1),
        float(line.endswith(".")),
        capitalised,
        float(":" in line),
    ]


def candidates(lines: list[str], kinds: list[Kind], start: int) -> range:
    return range(max(0, start - WINDOW), start)


def eligible(line: str, kind: Kind) -> bool:
    return kind in CANDIDATES and 2 <= word_count(line) <= 25


@cache
def _weights() -> tuple[list[float], float, float]:
    data = json.loads(resources.files("bot").joinpath("headline_weights.json").read_text())
    weights = [float(data["weights"][name]) for name in FEATURES]
    return weights, float(data["bias"]), float(data["threshold"])


def pick_headline(lines: list[str], kinds: list[Kind], start: int, end: int) -> str | None:
    """The headline among the lines above lines[start] (the story's first line), if one is there."""
    weights, bias, threshold = _weights()
    lead = lead_words(lines, kinds, start, end)
    low = max(0, start - WINDOW)
    seen = Counter(lines[low:start])
    best, best_p = None, threshold
    for i in candidates(lines, kinds, start):
        if not eligible(lines[i], kinds[i]):
            continue
        z = bias + sum(
            w * f
            for w, f in zip(weights, features(i, lines, kinds, start, lead, seen), strict=True)
        )
        p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
        if p > best_p:
            best, best_p = lines[i], p
    return best


def title_from_sentence(sentence: str) -> str:
    """A short title from a sentence: the whole of a short one, else its first words and '…'."""
    if word_count(sentence) > 2 * len(sentence.split()):  # Chinese, Japanese, Thai
        cut = sentence.rstrip("。！？.!?")
        return cut if len(cut) <= 2 * _TITLE_WORDS else cut[: 2 * _TITLE_WORDS] + "…"
    words = sentence.split()
    if len(words) <= _TITLE_WORDS:
        return " ".join(words).rstrip(".:;, ")
    return " ".join(words[:_TITLE_WORDS]).rstrip(".:;,—–- ") + "…"
