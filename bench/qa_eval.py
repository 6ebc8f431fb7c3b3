"""Question-answering benchmark on SQuAD dev paragraphs: the answerer against BM25 and rapidfuzz.

Run: python -m bench.qa_eval --data ../shared/data
"""

from __future__ import annotations

import argparse
import json
import math
import re
import string
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, utils

from bot import qa
from bot.article import Article
from bot.clean import clean_text
from bot.words import terms

QA_FILE = "qa_dev.jsonl"


@dataclass(frozen=True)
class Row:
    question: str
    context: str
    title: str
    answers: list[str]


# A ranker takes a question and an article and gives (sentence indexes best first, top span).
Ranker = Callable[[str, Article], tuple[list[int], str | None]]


def load(data_dir: Path) -> list[Row]:
    path = data_dir / QA_FILE
    with path.open(encoding="utf-8") as f:
        return [
            Row(d["question"], d["context"], d.get("title", ""), list(d["answers"]))
            for d in map(json.loads, f)
        ]


# SQuAD's official answer normalisation.
_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCT = str.maketrans("", "", string.punctuation)


def normalize(s: str) -> str:
    return " ".join(_ARTICLES.sub(" ", s.lower().translate(_PUNCT)).split())


def f1(pred: str, gold: str) -> float:
    p, g = normalize(pred).split(), normalize(gold).split()
    common = sum((Counter(p) & Counter(g)).values())
    if not common:
        return 0.0
    prec, rec = common / len(p), common / len(g)
    return 2 * prec * rec / (prec + rec)


def bm25_ranker(k1: float = 1.2, b: float = 0.75) -> Ranker:
    """Reference baseline: BM25 over the paragraph's sentences, stop words out, stemmed."""

    def run(question: str, article: Article) -> tuple[list[int], str | None]:
        sents = article.sentences
        docs = [Counter(terms(s)) for s in sents]
        lens = [sum(d.values()) for d in docs]
        avg = (sum(lens) / len(lens)) or 1.0
        n = len(docs)
        q = terms(question)
        scores = []
        for d, dl in zip(docs, lens, strict=True):
            sc = 0.0
            for t in q:
                f = d.get(t, 0)
                if f:
                    df = sum(1 for x in docs if t in x)
                    idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
                    sc += idf * f * (k1 + 1) / (f + k1 * (1 - b + b * dl / avg))
            scores.append(sc)
        return sorted(range(n), key=lambda i: (-scores[i], i)), None

    return run


def fuzz_ranker(question: str, article: Article) -> tuple[list[int], str | None]:
    """Baseline: rapidfuzz token_set_ratio between question and sentence."""
    scores = [
        fuzz.token_set_ratio(question, s, processor=utils.default_process)
        for s in article.sentences
    ]
    return sorted(range(len(scores)), key=lambda i: (-scores[i], i)), None


def answerer_ranker(question: str, article: Article) -> tuple[list[int], str | None]:
    ranked = qa.rank(question, article, limit=3)
    return [a.index for a in ranked], (ranked[0].guess if ranked else None)


@dataclass
class Result:
    name: str
    top1: float
    top3: float
    em: float | None
    f1: float | None
    none_rate: float | None
    ms: float


def evaluate(
    name: str, ranker: Ranker, rows: list[Row], articles: dict[str, Article], *, nones: bool = False
) -> Result:
    hit1 = hit3 = em = f1sum = none = 0
    elapsed = 0.0
    spans_seen = False
    for r in rows:
        art = articles[r.context]
        golds = [g.lower() for g in r.answers]
        t0 = time.perf_counter()
        order, span = ranker(r.question, art)
        elapsed += time.perf_counter() - t0
        sents = art.sentences
        contains = [any(g in sents[i].lower() for g in golds) for i in order[:3]]
        hit1 += bool(contains[:1] and contains[0])
        hit3 += any(contains)
        if span is not None or name == "answerer":
            spans_seen = True
            pred = span or ""
            em += max(normalize(pred) == normalize(g) for g in r.answers)
            f1sum += max(f1(pred, g) for g in r.answers)
        if nones:
            none += qa.answer(r.question, art) is None
    n = len(rows) or 1
    return Result(
        name,
        100 * hit1 / n,
        100 * hit3 / n,
        100 * em / n if spans_seen else None,
        100 * f1sum / n if spans_seen else None,
        100 * none / n if nones else None,
        1000 * elapsed / n,
    )


def unrelated_none_rate(rows: list[Row], articles: dict[str, Article]) -> float:
    """How often answer() says "not in the article" for a question from another Wikipedia page."""
    by_title: dict[str, list[str]] = {}
    for r in rows:
        by_title.setdefault(r.title, []).append(r.context)
    titles = sorted(by_title)
    none = total = 0
    for k, r in enumerate(rows[::5]):
        other = titles[(titles.index(r.title) + 1 + k % (len(titles) - 1)) % len(titles)]
        ctxs = by_title[other]
        art = articles[ctxs[k % len(ctxs)]]
        none += qa.answer(r.question, art) is None
        total += 1
    return 100 * none / (total or 1)


def _fmt(v: float | None) -> str:
    return "–" if v is None else f"{v:.2f}"


def split_halves(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """Rows of the first half of the titles (in file order) and of the second half: tune on the
    first, check on the second that a change is not fitted to particular articles."""
    titles = list(dict.fromkeys(r.title for r in rows))
    first = set(titles[: len(titles) // 2])
    return [r for r in rows if r.title in first], [r for r in rows if r.title not in first]


def run(data_dir: Path, half: str = "all") -> str:
    """The QA table for the data in `data_dir` (raises FileNotFoundError when it is missing).

    `half` is "all", "first" (tuning titles) or "second" (held-out titles)."""
    rows = load(Path(data_dir))
    if half != "all":
        rows = split_halves(rows)[0 if half == "first" else 1]
    articles = {c: clean_text(c) for c in {r.context for r in rows}}
    results = [
        evaluate("answerer", answerer_ranker, rows, articles, nones=True),
        evaluate("BM25 reference", bm25_ranker(), rows, articles),
        evaluate("rapidfuzz token_set_ratio", fuzz_ranker, rows, articles),
    ]
    lines = [
        f"QA on {QA_FILE} ({half} titles): {len(rows)} questions over {len(articles)} paragraphs",
        "",
        "| method | top-1 % | top-3 % | span EM | span F1 | None % | ms/question |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {r.top1:.2f} | {r.top3:.2f} | {_fmt(r.em)} | {_fmt(r.f1)} | "
            f"{_fmt(r.none_rate)} | {r.ms:.3f} |"
        )
    lines += [
        "",
        f"answer() threshold {qa.THRESHOLD}: None on {unrelated_none_rate(rows, articles):.2f}% "
        "of questions asked of another article's paragraph (unrelated; higher is better).",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="data folder")
    parser.add_argument(
        "--half",
        choices=("all", "first", "second"),
        default="all",
        help="all titles, the first half (tuning) or the second half (held out)",
    )
    args = parser.parse_args(argv)
    path = args.data / QA_FILE
    if not path.is_file():
        print(
            f"No QA data: {path} does not exist (pass --data <folder with {QA_FILE}>).",
            file=sys.stderr,
        )
        return 2
    print(run(args.data, args.half))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
