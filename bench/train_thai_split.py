"""Train where Thai sentences end (bot/thai_split.py) on XQuAD's tuning titles only.

Thai writes no sentence punctuation. Each Thai XQuAD paragraph is a translation of an English one
(same SQuAD id, same row order), whose sentence ends our English splitter finds. Those ends are
mapped onto the Thai paragraph's spaces: by proportional position between anchors that both texts
write alike (numbers, Latin words, each found once in both, in the same order), to the nearest
space where a sentence may end (bot.thai_split.may_end). A logistic regression over each
space's features (bot.thai_split.features) learns them (Newton's method with an L2 penalty, numpy
only, deterministic), then learns again from the ends each moved to the likeliest space next to
it under the first weights.

Run: python -m bench.train_thai_split --data ../shared/data
Writes bot/data/thai_split.json; prints the cross-validated boundary precision/recall/F1 and
characters per sentence, and the same on the held-out titles (measured, never tuned on).
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
from collections import Counter
from pathlib import Path

import numpy as np

from bench.languages import halves, load
from bot import thai_split
from bot.split import split_sentences

OUT = Path(__file__).resolve().parent.parent / "bot" / "data" / "thai_split.json"
L2 = 1.0
MIN_COUNT = 4  # features seen fewer times in training are left out
FOLDS = 5
# How the probabilities are used (bot.thai_split.breaks), chosen on the tuning titles' sentence
# top-1 (python -m bench.languages --half first) among settings whose returned sentences are no
# longer than English ones (chars/sentence): a sentence ends at a space of probability 0.5 once it
# has 60 characters, and one past 240 ends at its likeliest space.
THRESHOLD = 0.5
MIN_CHARS = 60
MAX_CHARS = 240
WINDOW = 1  # spaces either side a mapped sentence end may move
ROUNDS = 1
_SPACE = re.compile(r"\s+")
_ANCHOR = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z]{3,}")


def paragraphs(data: Path, half: int) -> list[tuple[str, str, str]]:
    """(Thai paragraph, its English twin, title) of one half of the titles (0 = tuning)."""
    th, en = load(data, "th"), load(data, "en")
    twin = {a.context: b.context for a, b in zip(th, en, strict=True)}
    rows = halves(th)[half]
    out = []
    for ctx in dict.fromkeys(r.context for r in rows):
        title = next(r.title for r in rows if r.context == ctx)
        out.append((_SPACE.sub(" ", ctx).strip(), _SPACE.sub(" ", twin[ctx]).strip(), title))
    return out


def english_ends(en: str) -> list[int]:
    """Character offsets in `en` where its sentences end."""
    out, pos = [], 0
    for s in split_sentences(en, "en")[:-1]:
        pos = en.find(s, pos) + len(s)
        out.append(pos)
    return out


def _anchors(th: str, en: str) -> list[tuple[int, int]]:
    def once(t: str) -> dict[str, int]:
        found = [(m.group(), m.start()) for m in _ANCHOR.finditer(t) if len(m.group()) >= 2]
        counts = Counter(g for g, _ in found)
        return {g: p for g, p in found if counts[g] == 1}

    a, b = once(th), once(en)
    points = sorted((b[g], a[g]) for g in a if g in b)
    mono: list[tuple[int, int]] = [(0, 0)]
    for e, t in points:
        if e > mono[-1][0] and t > mono[-1][1]:
            mono.append((e, t))
    if len(en) > mono[-1][0] and len(th) > mono[-1][1]:
        mono.append((len(en), len(th)))
    return mono


def _project(x: int, points: list[tuple[int, int]]) -> float:
    for (e0, t0), (e1, t1) in itertools.pairwise(points):
        if e0 <= x <= e1:
            return t0 + (x - e0) * (t1 - t0) / max(e1 - e0, 1)
    return float(x)


def labels(th: str, en: str) -> tuple[list[int], list[int]]:
    """The Thai paragraph's spaces, and 1 for those nearest to an English sentence end."""
    at = thai_split.spaces(th)
    y = [0] * len(at)
    if not at:
        return at, y
    ok = [k for k in range(len(at)) if thai_split.may_end(*_sides(th, at, k))] or list(
        range(len(at))
    )
    points = _anchors(th, en)
    for end in english_ends(en):
        x = _project(end, points)
        y[min(ok, key=lambda k: abs(at[k] - x))] = 1
    return at, y


def _sides(th: str, at: list[int], k: int) -> tuple[str, str]:
    start = at[k - 1] + 1 if k else 0
    end = at[k + 1] if k + 1 < len(at) else len(th)
    return th[start : at[k]], th[at[k] + 1 : end]


def examples(paras: list[tuple[str, str, str]]) -> list[tuple[str, list[int], list[int], str]]:
    return [(th, *labels(th, en), title) for th, en, title in paras]


def fit(rows: list[list[str]], y: list[int]) -> dict[str, float]:
    counts = Counter(f for r in rows for f in set(r))
    vocab = sorted(f for f, c in counts.items() if c >= MIN_COUNT or f == "bias")
    index = {f: i for i, f in enumerate(vocab)}
    x = np.zeros((len(rows), len(vocab)))
    for i, r in enumerate(rows):
        for f in r:
            if f in index:
                x[i, index[f]] = 1.0
    t = np.asarray(y, dtype=float)
    w = np.zeros(len(vocab))
    penalty = np.full(len(vocab), L2)
    penalty[index["bias"]] = 0.0
    for _ in range(25):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - t) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {f: round(float(v), 5) for f, v in zip(vocab, w, strict=True) if abs(v) >= 1e-4}


def refine(
    exs: list[tuple[str, list[int], list[int], str]], weights: dict[str, float]
) -> list[tuple[str, list[int], list[int], str]]:
    """Each mapped end moved to the likeliest space (under `weights`) within WINDOW spaces: a
    translation rarely ends its sentence at exactly the proportional place."""
    m = thai_split.Model(weights, 0.5, 0, 10**9)
    out = []
    for th, at, y, title in exs:
        probs = m.probabilities(th, at)
        new = [0] * len(y)
        for k in (k for k, v in enumerate(y) if v):
            near = range(max(0, k - WINDOW), min(len(y), k + WINDOW + 1))
            near = [j for j in near if thai_split.may_end(*_sides(th, at, j))] or [k]
            new[max(near, key=lambda j: (probs[j] - 0.02 * abs(j - k), -abs(j - k)))] = 1
        out.append((th, at, new, title))
    return out


def train(exs: list[tuple[str, list[int], list[int], str]]) -> dict[str, float]:
    """Weights learned from the mapped ends, then again from the ends moved by those weights."""
    w = _train(exs)
    for _ in range(ROUNDS):
        w = _train(refine(exs, w))
    return w


def _train(exs: list[tuple[str, list[int], list[int], str]]) -> dict[str, float]:
    rows, ys = [], []
    for th, at, y, _ in exs:
        rows += [thai_split.features(th, at, k) for k in range(len(at))]
        ys += y
    return fit(rows, ys)


def score(
    exs: list[tuple[str, list[int], list[int], str]], m: thai_split.Model
) -> tuple[int, int, int, int, int]:
    """Mapped ends found, breaks made, mapped ends, sentences, characters in them."""
    hit = made = true = sents = chars = 0
    for th, at, y, _ in exs:
        # A break one space from the mapped end counts: the mapping itself is that rough.
        where = {p: k for k, p in enumerate(at)}
        cuts = {where[p] for p in thai_split.breaks(th, m.probabilities(th, at), at, m)}
        gold = {k for k, v in enumerate(y) if v}
        hit += sum(1 for k in gold if cuts & {k - 1, k, k + 1})
        made += len(cuts)
        true += len(gold)
        pieces = thai_split.split(th, m)
        sents += len(pieces)
        chars += sum(len(s) for s in pieces)
    return hit, made, true, sents, chars


def report(name: str, tot: tuple[int, int, int, int, int]) -> float:
    hit, made, true, sents, chars = tot
    p, r = hit / max(made, 1), hit / max(true, 1)
    f = 2 * p * r / max(p + r, 1e-9)
    print(f"{name}: precision {100 * p:.1f} recall {100 * r:.1f} F1 {100 * f:.1f}, "
          f"{chars / max(sents, 1):.0f} chars/sentence")  # fmt: skip
    return f


def english_chars(paras: list[tuple[str, str, str]]) -> float:
    sents = [s for _, en, _ in paras for s in split_sentences(en, "en")]
    return sum(map(len, sents)) / len(sents)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args(argv)
    tune = paragraphs(args.data, 0)
    exs = examples(tune)
    titles = list(dict.fromkeys(t for *_, t in exs))
    folds = [set(titles[i::FOLDS]) for i in range(FOLDS)]
    tot = np.zeros(5, dtype=int)
    for fold in folds:
        w = train([e for e in exs if e[3] not in fold])
        m = thai_split.Model(w, THRESHOLD, MIN_CHARS, MAX_CHARS)
        tot += np.asarray(score([e for e in exs if e[3] in fold], m))
    hit, made, true, sents, chars = (int(v) for v in tot)
    report(f"tuning titles, {FOLDS}-fold cross-validation", (hit, made, true, sents, chars))
    print(f"English sentences on the tuning titles: {english_chars(tune):.0f} chars")
    weights = train(exs)
    m = thai_split.Model(weights, THRESHOLD, MIN_CHARS, MAX_CHARS)
    report("tuning (trained on)", score(exs, m))
    held = paragraphs(args.data, 1)
    report("held-out", score(examples(held), m))
    print(f"English sentences on the held-out titles: {english_chars(held):.0f} chars")
    OUT.write_text(
        json.dumps(
            {
                "threshold": THRESHOLD,
                "min_chars": MIN_CHARS,
                "max_chars": MAX_CHARS,
                "weights": dict(sorted(weights.items())),
            },
            ensure_ascii=False,
            indent=0,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {OUT} ({len(weights)} weights)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
