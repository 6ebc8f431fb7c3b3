"""Answers in every XQuAD language, measured through `bot.answer` (refusals count as misses),
beside rapidfuzz token_set_ratio over the same sentences; and language identification.

Run: python -m bench.languages --data ../shared/data [--half first|second|all] [--blind]
"""

from __future__ import annotations

import argparse
import json
import re
import string
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, utils

import bot
from bot.article import Article
from bot.clean import clean_text
from bot.language.detect import detect

LANGUAGES = ("en", "de", "es", "ru", "tr", "ro", "vi", "el", "ar", "hi", "zh", "th")


@dataclass(frozen=True)
class Row:
    question: str
    context: str
    title: str
    answers: list[str]


def load(data_dir: Path, lang: str) -> list[Row]:
    with (data_dir / "xquad" / f"xquad_{lang}.jsonl").open(encoding="utf-8") as f:
        return [
            Row(d["question"], d["context"], d["title"], list(d["answers"]))
            for d in map(json.loads, f)
        ]


def halves(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """The first half of the titles (in file order) for tuning, the second half held out."""
    titles = list(dict.fromkeys(r.title for r in rows))
    first = set(titles[: len(titles) // 2])
    return [r for r in rows if r.title in first], [r for r in rows if r.title not in first]


# SQuAD's normalisation, extended as in MLQA for scripts without spaces: punctuation of every
# script out, and Chinese compared character by character.
_ARTICLES = re.compile(r"\b(?:a|an|the)\b")


def _norm(s: str, lang: str) -> str:
    s = "".join(ch for ch in s.lower() if not unicodedata.category(ch).startswith("P"))
    s = s.translate(str.maketrans("", "", string.punctuation))
    if lang == "en":
        s = _ARTICLES.sub(" ", s)
    return " ".join(s.split())


def _tokens(s: str, lang: str) -> list[str]:
    n = _norm(s, lang)
    return [ch for ch in n if not ch.isspace()] if lang in ("zh", "th", "ja") else n.split()


def f1(pred: str, gold: str, lang: str) -> float:
    p, g = _tokens(pred, lang), _tokens(gold, lang)
    common = sum((Counter(p) & Counter(g)).values())
    if not common:
        return 0.0
    prec, rec = common / len(p), common / len(g)
    return 2 * prec * rec / (prec + rec)


@dataclass
class Result:
    lang: str
    n: int
    top1: float
    words: float
    chars: float
    em: float
    f1: float
    refused: float
    fuzz_top1: float
    fuzz_words: float
    langid: float
    ms: float
    unrelated: float


def evaluate(lang: str, rows: list[Row], *, blind: bool) -> Result:
    contexts = list(dict.fromkeys(r.context for r in rows))
    detected = {c: detect(c) for c in contexts}
    articles: dict[str, Article] = {
        c: clean_text(c, language="en" if blind else None) for c in contexts
    }
    bot.answer("warm-up", articles[contexts[0]])  # imports are not the answerer's time
    hit = fhit = em = refused = 0
    f1sum = words = chars = fwords = 0.0
    elapsed = 0.0
    for r in rows:
        art = articles[r.context]
        golds = [g.lower() for g in r.answers]
        t0 = time.perf_counter()
        got = bot.answer(r.question, art)
        elapsed += time.perf_counter() - t0
        sents = art.sentences
        if got is None:
            refused += 1
        else:
            hit += any(g in got.sentence.lower() for g in golds)
            words += len(got.sentence.split())
            chars += len(got.sentence)
            pred = got.span or ""
            em += max(_norm(pred, lang) == _norm(g, lang) for g in r.answers)
            f1sum += max(f1(pred, g, lang) for g in r.answers)
        scores = [
            fuzz.token_set_ratio(r.question, s, processor=utils.default_process) for s in sents
        ]
        best = max(range(len(sents)), key=lambda i: (scores[i], -i))
        fhit += any(g in sents[best].lower() for g in golds)
        fwords += len(sents[best].split())
    n = len(rows) or 1
    answered = (len(rows) - refused) or 1
    return Result(
        lang=lang,
        n=len(rows),
        top1=100 * hit / n,
        words=words / answered,
        chars=chars / answered,
        em=100 * em / n,
        f1=100 * f1sum / n,
        refused=100 * refused / n,
        fuzz_top1=100 * fhit / n,
        fuzz_words=fwords / n,
        langid=100 * sum(d == lang for d in detected.values()) / (len(detected) or 1),
        ms=1000 * elapsed / n,
        unrelated=unrelated_refusals(rows, articles),
    )


def unrelated_pairs(rows: list[Row], step: int = 1) -> list[tuple[Row, str]]:
    """Every `step`-th question with a paragraph of another title (the next titles in turn)."""
    titles = sorted({r.title for r in rows})
    by_title = {t: [r.context for r in rows if r.title == t] for t in titles}
    out = []
    for k, r in enumerate(rows[::step]):
        other = titles[(titles.index(r.title) + 1 + k % max(1, len(titles) - 1)) % len(titles)]
        if other != r.title:
            ctxs = by_title[other]
            out.append((r, ctxs[k % len(ctxs)]))
    return out


def unrelated_refusals(rows: list[Row], articles: dict[str, Article]) -> float:
    """How often the bot says "the article doesn't say" to a question taken from another title's
    paragraph (higher is better: it should not answer those)."""
    pairs = unrelated_pairs(rows, step=5)
    refused = sum(bot.answer(r.question, articles[c]) is None for r, c in pairs)
    return 100 * refused / (len(pairs) or 1)


def table(results: list[Result], title: str) -> str:
    lines = [
        title,
        "",
        "| lang | questions | top-1 % | words/sentence | chars/sentence | span EM | span F1 | refused % "
        "| rapidfuzz top-1 % | rapidfuzz words | top-1 − rapidfuzz | language id % | ms/question "
        "| refused, unrelated % |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.lang} | {r.n} | {r.top1:.1f} | {r.words:.1f} | {r.chars:.0f} | {r.em:.1f} | "
            f"{r.f1:.1f} | {r.refused:.1f} | {r.fuzz_top1:.1f} | {r.fuzz_words:.1f} | "
            f"{r.top1 - r.fuzz_top1:+.1f} | {r.langid:.1f} | {r.ms:.2f} | {r.unrelated:.1f} |"
        )
    en = next((r for r in results if r.lang == "en"), None)
    if en and len(results) > 1:
        worst = min(results, key=lambda r: r.top1)
        lines += [
            "",
            f"worst language {worst.lang}: top-1 {worst.top1:.1f} = {100 * worst.top1 / en.top1:.0f}% "
            f"of English's {en.top1:.1f}; smallest margin over rapidfuzz "
            f"{min(r.top1 - r.fuzz_top1 for r in results):+.1f}",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="data folder")
    parser.add_argument("--half", choices=("all", "first", "second"), default="all")
    parser.add_argument("--lang", action="append", help="only these languages (repeatable)")
    parser.add_argument(
        "--blind", action="store_true", help="treat every text as English (the bot before this)"
    )
    args = parser.parse_args(argv)
    if not (args.data / "xquad").is_dir():
        print(f"No XQuAD data: {args.data / 'xquad'} does not exist.", file=sys.stderr)
        return 2
    results = []
    for lang in args.lang or LANGUAGES:
        rows = load(args.data, lang)
        if args.half != "all":
            rows = halves(rows)[0 if args.half == "first" else 1]
        results.append(evaluate(lang, rows, blind=args.blind))
    what = {"all": "all titles", "first": "tuning half of the titles", "second": "held-out half"}
    mode = ", language-blind (everything as English)" if args.blind else ""
    print(table(results, f"XQuAD through bot.answer ({what[args.half]}{mode})"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
