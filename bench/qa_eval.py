"""Question-answering benchmark on SQuAD dev: short answers beside the SQuAD paper's logistic-
regression baseline, sentences beside BM25 on paragraphs and on whole articles (a title's
paragraphs joined), SQuAD 2.0 refusals, and answer latency on ~1,000-word news articles.

Run: python -m bench.qa_eval --data ../shared/data --half first|second|all
(first = the tuning titles the models were trained and calibrated on, second = held out)
"""

from __future__ import annotations

import argparse
import json
import math
import re
import string
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, utils

from bot import qa
from bot.article import Article
from bot.clean import clean_text
from bot.errors import ArticlebotError
from bot.service.base import ready_to_answer
from bot.split import split_sentences
from bot.words import terms

QA_FILE = "qa_dev.jsonl"


@dataclass(frozen=True)
class Row:
    question: str
    context: str
    title: str
    answers: list[str]
    id: str = ""


# A ranker takes a question and an article and gives (sentence indexes best first, top span).
Ranker = Callable[[str, Article], tuple[list[int], str | None]]


def load(data_dir: Path) -> list[Row]:
    path = data_dir / QA_FILE
    with path.open(encoding="utf-8") as f:
        return [
            Row(
                d["question"], d["context"], d.get("title", ""), list(d["answers"]), d.get("id", "")
            )
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


LR_FILE = "squad_lr_baseline_dev.json"
QA2_FILE = "qa2_dev.jsonl"
SUMM_FILE = "summ_dev.jsonl"
LATENCY_QUESTIONS = (
    "Who said the plan would fail?",
    "What did the minister say about the talks?",
    "Why did the police arrest him?",
    "How many people were killed?",
    "When did it happen?",
    "Where did the attack take place?",
    "How much money was raised?",
    "What was found in the house?",
    "Who is the new coach?",
    "How old was the victim?",
)


def article_of(text: str) -> Article:
    """The article as the bot cleans it; a paragraph the cleaner rejects as page furniture is
    still asked about (as one paragraph of its sentences), so every question counts."""
    try:
        return clean_text(text)
    except ArticlebotError:
        return Article(paragraphs=(tuple(split_sentences(text)),))


def holds_answer(answers: Iterable[str]) -> Callable[[str], bool]:
    """Whether a sentence holds one of the answers (case ignored): the sentence-right test."""
    golds = [a.lower() for a in answers]
    return lambda s: any(g in s.lower() for g in golds)


def _em_f1(pred: str | None, golds: list[str]) -> tuple[float, float]:
    p = pred or ""
    return (
        float(max(normalize(p) == normalize(g) for g in golds)),
        max(f1(p, g) for g in golds),
    )


def paragraph_table(rows: list[Row], articles: dict[str, Article], lr: dict[str, str]) -> list[str]:
    """Span EM/F1 of what answer() returns (a refusal is a miss) beside the LR baseline on the
    same ids, and the precision of the spans shown bold."""
    em = f1s = lr_em = lr_f1 = 0.0
    shown = shown_em = shown_f1 = 0.0
    refused = 0
    for r in rows:
        got = qa.answer(r.question, articles[r.context])
        refused += got is None
        e, f = _em_f1(got.guess if got else None, r.answers)
        em, f1s = em + e, f1s + f
        if got is not None and got.span:
            shown += 1
            se, sf = _em_f1(got.span, r.answers)
            shown_em, shown_f1 = shown_em + se, shown_f1 + sf
        le, lf = _em_f1(lr.get(r.id), r.answers)
        lr_em, lr_f1 = lr_em + le, lr_f1 + lf
    n = len(rows) or 1
    k = shown or 1
    return [
        f"| SQuAD 1.1 paragraphs: span EM / F1 (refusals count as misses) | "
        f"{100 * em / n:.1f} / {100 * f1s / n:.1f} | LR baseline {100 * lr_em / n:.1f} / "
        f"{100 * lr_f1 / n:.1f} |",
        f"| bold shown (threshold {qa.BOLD_THRESHOLD}): share of questions, precision EM / F1 | "
        f"{100 * shown / n:.1f}%: {100 * shown_em / k:.1f} / {100 * shown_f1 / k:.1f} | – |",
        f"| answerable refused on paragraphs | {100 * refused / n:.1f}% | – |",
    ]


def whole_articles(rows: list[Row]) -> dict[str, Article]:
    """Each title's paragraphs joined into one article (paragraphs kept as paragraphs)."""
    by_title: dict[str, list[str]] = {}
    for r in rows:
        ctxs = by_title.setdefault(r.title, [])
        if r.context not in ctxs:
            ctxs.append(r.context)
    return {
        t: Article(paragraphs=tuple(tuple(article_of(c).sentences) for c in ctxs), title=t)
        for t, ctxs in by_title.items()
    }


def _bm25_index(article: Article) -> tuple[list[Counter[str]], list[int], float, dict[str, float]]:
    docs = [Counter(terms(s)) for s in article.sentences]
    lens = [sum(d.values()) for d in docs]
    n = len(docs)
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
    return docs, lens, (sum(lens) / n) if n else 1.0, idf


def whole_article_table(rows: list[Row]) -> list[str]:
    """Sentence top-1 over whole articles: what answer() shows (a refusal is a miss, as for the
    reader), the ranking alone (the sentence a refusal offers as closest), and BM25 on the same
    sentences."""
    arts = whole_articles(rows)
    hit = ranked_hit = bm = 0
    for title, art in arts.items():
        docs, lens, avg, idf = _bm25_index(art)
        sents = [s.lower() for s in art.sentences]
        for r in (r for r in rows if r.title == title):
            golds = [g.lower() for g in r.answers]
            got, closest = qa.answer_or_closest(r.question, art)
            hit += got is not None and any(g in got.sentence.lower() for g in golds)
            ranked_hit += closest is not None and any(g in closest.sentence.lower() for g in golds)
            q = terms(r.question)
            best, best_score = 0, -1.0
            for i, (d, dl) in enumerate(zip(docs, lens, strict=True)):
                sc = 0.0
                for t in q:
                    f = d.get(t, 0)
                    if f:
                        sc += idf[t] * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * dl / avg))
                if sc > best_score:
                    best, best_score = i, sc
            bm += any(g in sents[best] for g in golds)
    n = len(rows) or 1
    words = sum(a.word_count for a in arts.values()) // max(1, len(arts))
    return [
        f"| whole article ({len(arts)} titles, ~{words} words each): sentence top-1 of the answer "
        f"(refusals count as misses) | {100 * hit / n:.1f}% | BM25 {100 * bm / n:.1f}% |",
        f"| whole article: sentence top-1 of the ranking alone (the closest sentence) | "
        f"{100 * ranked_hit / n:.1f}% | BM25 {100 * bm / n:.1f}% |",
    ]


def refusal_table(data_dir: Path, half: str) -> list[str]:
    """SQuAD 2.0 dev: how often answer() says "the article doesn't say"."""
    path = data_dir / QA2_FILE
    if not path.is_file():
        return ["| SQuAD 2.0 refusals | (no qa2_dev.jsonl) | – |"]
    with path.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    # The same tuning titles as SQuAD 1.1's halves (SQuAD 2.0 lists its titles in another order).
    first = {r.title for r in split_halves(load(data_dir))[0]}
    if half != "all":
        rows = [r for r in rows if (r["title"] in first) == (half == "first")]
    arts: dict[str, Article] = {}
    refused = {True: 0, False: 0}
    count = {True: 0, False: 0}
    for r in rows:
        art = arts.get(r["context"])
        if art is None:
            art = arts[r["context"]] = article_of(r["context"])
        u = bool(r["unanswerable"])
        count[u] += 1
        refused[u] += qa.answer(r["question"], art) is None
    # The same questions asked of the whole article (each title's paragraphs joined), as a reader
    # asks them of a whole report.
    whole = whole_articles(
        [Row(r["question"], r["context"], r["title"], list(r.get("answers") or [])) for r in rows]
    )
    refused_whole = {True: 0, False: 0}
    for r in rows:
        refused_whole[bool(r["unanswerable"])] += (
            qa.answer(r["question"], whole[r["title"]]) is None
        )
    return [
        f"| SQuAD 2.0: unanswerable refused / answerable refused | "
        f"{100 * refused[True] / (count[True] or 1):.1f}% / "
        f"{100 * refused[False] / (count[False] or 1):.1f}% | before this work 2.6% / 1.4% |",
        f"| SQuAD 2.0, each question asked of its whole article: unanswerable refused / "
        f"answerable refused | {100 * refused_whole[True] / (count[True] or 1):.1f}% / "
        f"{100 * refused_whole[False] / (count[False] or 1):.1f}% | – |",
    ]


LATENCY_RUNS = 5


def latency_pass(data_dir: Path) -> tuple[list[float], list[float]]:
    """One process's CPU time of each answer() on real news articles of 900-1,100 words, each
    question asked once, in a process made ready as the bot makes itself ready at start; and
    each article's index build (on its first question, not counted among the answers)."""
    path = data_dir / SUMM_FILE
    with path.open(encoding="utf-8") as f:
        texts = [d["article"] for d in map(json.loads, f)]
    texts = [t for t in texts if 900 <= len(t.split()) <= 1100][:10]
    ready_to_answer()
    times = []
    builds = []
    for t in texts:
        art = clean_text(t)
        start = time.thread_time()
        qa.answer("warm up the article index", art)  # builds the article's index, once
        builds.append(time.thread_time() - start)
        for question in LATENCY_QUESTIONS:
            start = time.thread_time()
            qa.answer(question, art)
            times.append(time.thread_time() - start)
    return times, builds


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[int(p * (len(ordered) - 1))] if ordered else 0.0


def latency_line(data_dir: Path, runs: int = LATENCY_RUNS) -> str:
    """The latency pass run in `runs` fresh processes: the p95 over questions of each question's
    least time (other programs on the machine only ever add to a time), beside each process's own
    p95."""
    if not (data_dir / SUMM_FILE).is_file():
        return "| answer latency | (no summ_dev.jsonl) | – |"
    passes = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-m", "bench.qa_eval", "--data", str(data_dir), "--latency-pass"],
            cwd=Path(__file__).resolve().parent.parent,
            capture_output=True,
            text=True,
            check=True,
        )
        passes.append(json.loads(out.stdout))
    least = [min(t) for t in zip(*(p["times"] for p in passes), strict=True)]
    own = sorted(1000 * _percentile(p["times"], 0.95) for p in passes)
    build = 1000 * max(max(p["builds"], default=0.0) for p in passes)
    return (
        f"| answer latency, {len(least) // len(LATENCY_QUESTIONS)} news articles of ~1,000 words x "
        f"{len(LATENCY_QUESTIONS)} questions, CPU time on one core, each asked once in a fresh "
        f"process readied as the bot readies itself | p50 {1000 * _percentile(least, 0.5):.1f} "
        f"ms, p95 {1000 * _percentile(least, 0.95):.1f} ms (each question's least time in "
        f"{runs} processes; each process's own p95: {own[0]:.1f}-{own[-1]:.1f} ms, median "
        f"{own[len(own) // 2]:.1f}; the article's index, built on its first question: "
        f"{build:.0f} ms at most) | – |"
    )


def run(data_dir: Path, half: str = "all") -> str:
    """The QA table for the data in `data_dir` (raises FileNotFoundError when it is missing).

    `half` is "all", "first" (tuning titles) or "second" (held-out titles)."""
    data_dir = Path(data_dir)
    # Timed in processes of its own, started as the bot starts: not in this one, which builds
    # thousands of SQuAD articles' indexes (a heap that size slows every garbage collection).
    latency = latency_line(data_dir)
    rows = load(data_dir)
    if half != "all":
        rows = split_halves(rows)[0 if half == "first" else 1]
    articles = {c: article_of(c) for c in {r.context for r in rows}}
    lr_path = data_dir / LR_FILE
    lr = json.loads(lr_path.read_text(encoding="utf-8")) if lr_path.is_file() else {}
    results = [
        evaluate("answerer", answerer_ranker, rows, articles),
        evaluate("BM25 reference", bm25_ranker(), rows, articles),
    ]
    lines = [
        f"QA on SQuAD dev ({half} titles): {len(rows)} questions over {len(articles)} paragraphs",
        "",
        "| measure | answerer | reference |",
        "|---|---|---|",
        f"| SQuAD 1.1 paragraphs: sentence top-1 | {results[0].top1:.1f}% | "
        f"BM25 {results[1].top1:.1f}% |",
        *paragraph_table(rows, articles, lr),
        *whole_article_table(rows),
        *refusal_table(data_dir, half),
        latency,
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
    parser.add_argument("--latency-pass", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.latency_pass:
        times, builds = latency_pass(args.data)
        print(json.dumps({"times": times, "builds": builds}))
        return 0
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
