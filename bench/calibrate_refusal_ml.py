"""The "the article doesn't say" thresholds of languages other than English, from XQuAD's tuning
half: per language, the smallest threshold refusing at least 94% of questions put to another
title's paragraph, on the term cover alone and on the cover plus character trigrams, and how many
answerable questions each refuses. Prints the THRESHOLDS table for bot/language/answering.py.

Run: python -m bench.calibrate_refusal_ml --data ../shared/data [--lang de ...]
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.languages import LANGUAGES, halves, load, unrelated_pairs
from bot import qa
from bot.article import Article
from bot.clean import clean_text
from bot.language import answering as other_language

TARGET = 0.94  # share of unrelated questions refused, as English's threshold does on SQuAD
_STEP = 0.01  # thresholds are kept to two decimals
_MODES = ("cover", "cover+trigrams")


@dataclass(frozen=True)
class Evidence:
    """What answer() compares with the threshold, both ways, and whether its sentence is right."""

    cover: float
    chars: float
    right: bool

    def of(self, mode: str) -> float:
        return self.chars if mode == "cover+trigrams" else self.cover


def evidence(question: str, article: Article, answers: list[str]) -> Evidence:
    """As answer_or_closest(): the best sentence's evidence; a sure answer or a sentence defining
    what is asked is never refused (+inf), no sentence at all always is (-inf)."""
    best, _ = qa._rank(question, article, 1)
    if not best:
        return Evidence(-math.inf, -math.inf, False)
    found, cover = best[0]
    right = any(a.lower() in found.sentence.lower() for a in answers)
    lang = article.language or ""
    sure = found.confidence >= 1.0 and found.span is not None
    if sure or other_language.defines(question, found.sentence, lang):
        return Evidence(math.inf, math.inf, right)
    return Evidence(
        other_language.refusal_evidence(cover, question, found.sentence, lang, with_chars=False),
        other_language.refusal_evidence(cover, question, found.sentence, lang, with_chars=True),
        right,
    )


def smallest_threshold(unrelated: list[float]) -> float:
    """The smallest two-decimal threshold under which at least TARGET of `unrelated` fall."""
    finite = [e for e in unrelated if math.isfinite(e)]
    top = max(finite, default=0.0) + _STEP
    k = 0
    while (t := round(k * _STEP, 2)) <= top:
        if sum(e < t for e in unrelated) >= TARGET * len(unrelated):
            return t
        k += 1
    return t


@dataclass(frozen=True)
class Calibration:
    mode: str
    threshold: float
    unrelated_refused: float  # %
    answerable_refused: int
    right_refused: int  # of those, how many had the right sentence first


def calibrate(answerable: list[Evidence], unrelated: list[Evidence], mode: str) -> Calibration:
    t = smallest_threshold([e.of(mode) for e in unrelated])
    refused = [e for e in answerable if e.of(mode) < t]
    return Calibration(
        mode,
        t,
        100 * sum(e.of(mode) < t for e in unrelated) / (len(unrelated) or 1),
        len(refused),
        sum(e.right for e in refused),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="data folder")
    parser.add_argument("--lang", action="append", help="only these languages (repeatable)")
    args = parser.parse_args(argv)
    if not (args.data / "xquad").is_dir():
        print(f"No XQuAD data: {args.data / 'xquad'} does not exist.", file=sys.stderr)
        return 2
    print(f"Refusal thresholds on XQuAD's tuning half ({TARGET:.0%} of unrelated refused)\n")
    print(
        "| lang | answerable | unrelated | mode | threshold | unrelated refused % "
        "| answerable refused | of them right first |"
    )
    print("|---|---|---|---|---|---|---|---|")
    chosen: dict[str, Calibration] = {}
    for lang in args.lang or [code for code in LANGUAGES if code != "en"]:
        rows = halves(load(args.data, lang))[0]
        articles = {c: clean_text(c) for c in dict.fromkeys(r.context for r in rows)}
        answerable = [evidence(r.question, articles[r.context], r.answers) for r in rows]
        unrelated = [evidence(r.question, articles[c], r.answers) for r, c in unrelated_pairs(rows)]
        current = "cover+trigrams" if lang in other_language.REFUSAL_WITH_CHARS else "cover"
        cals = [calibrate(answerable, unrelated, mode) for mode in _MODES]
        for c in cals:
            now = " (now)" if c.mode == current else ""
            print(
                f"| {lang} | {len(answerable)} | {len(unrelated)} | {c.mode}{now} | "
                f"{c.threshold:.2f} | {c.unrelated_refused:.1f} | {c.answerable_refused} | "
                f"{c.right_refused} |"
            )
        # Trigrams only where they refuse fewer answerable questions (ties keep what is there).
        chosen[lang] = min(cals, key=lambda c: (c.answerable_refused, c.mode != current))
    print("\nTHRESHOLDS: dict[str, float] = {")
    for lang, c in chosen.items():
        was = other_language.THRESHOLDS.get(lang, qa.THRESHOLD)
        note = "" if was == c.threshold else f"  # was {was:.2f}"
        print(f'    "{lang}": {c.threshold:.2f},{note}')
    print("}")
    with_chars = sorted(lang for lang, c in chosen.items() if c.mode == "cover+trigrams")
    listed = ", ".join(f'"{lang}"' for lang in with_chars)
    print(f"REFUSAL_WITH_CHARS = frozenset({{{listed}}})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
