"""ROUGE of every brief method against the reference highlights in summ_dev.jsonl (3 sentences).

Run: python -m bench.summ_eval --data ../shared/data
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.article import Article
from bot.brief import DEFAULT_METHOD, METHODS, brief
from bot.clean import clean_text
from bot.errors import EmptyText
from bot.split import split_sentences

DATA_FILE = "summ_dev.jsonl"
SENTENCES = 3
INSTALL_HINT = "rouge_score is not installed: pip install -e '.[bench]'"
# The repository root's sibling `shared/data`, where the development data lives on our machines.
DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


@dataclass(frozen=True)
class Row:
    """One method's averages over the data set (F1 × 100)."""

    name: str
    rouge1: float
    rouge2: float
    rouge_lsum: float
    words: float


def load_rows(data_dir: Path) -> list[dict[str, Any]]:
    """The data set's rows; FileNotFoundError with a readable message when it is absent."""
    path = Path(data_dir) / DATA_FILE
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} not found: the development data is not part of the repository; "
            "point --data at the folder that holds summ_dev.jsonl (e.g. ../shared/data)."
        )
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _scorer() -> Any:
    from rouge_score import rouge_scorer  # optional dependency: the [bench] extra

    return rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)


def score(
    name: str,
    articles: list[Article],
    references: list[str],
    pick: Callable[[Article], list[str]],
    scorer: Any,
) -> Row:
    """Average ROUGE F1 and words of `pick`'s summaries against the references."""
    totals = [0.0, 0.0, 0.0, 0.0]
    for article, reference in zip(articles, references, strict=True):
        summary = pick(article)
        # rougeLsum splits on newlines: one sentence per line on both sides.
        ref = "\n".join(split_sentences(reference))
        s = scorer.score(ref, "\n".join(summary))
        totals[0] += s["rouge1"].fmeasure
        totals[1] += s["rouge2"].fmeasure
        totals[2] += s["rougeLsum"].fmeasure
        totals[3] += sum(len(x.split()) for x in summary)
    n = max(1, len(articles))
    return Row(name, 100 * totals[0] / n, 100 * totals[1] / n, 100 * totals[2] / n, totals[3] / n)


def format_table(rows: Iterable[Row], baseline: Row, title: str) -> str:
    lines = [
        title,
        f"{'method':<22} {'R-1':>6} {'R-2':>6} {'R-Lsum':>7} {'words':>6}   vs Lead-3 (R-1/R-2)",
    ]
    for r in rows:
        lines.append(
            f"{r.name:<22} {r.rouge1:6.2f} {r.rouge2:6.2f} {r.rouge_lsum:7.2f} {r.words:6.1f}"
            f"   {r.rouge1 - baseline.rouge1:+5.2f} / {r.rouge2 - baseline.rouge2:+5.2f}"
        )
    return "\n".join(lines)


def run(data_dir: Path) -> str:
    """Score every method and the default on the data set; returns the table as text."""
    rows = load_rows(data_dir)
    scorer = _scorer()
    articles: list[Article] = []
    references: list[str] = []
    for row in rows:
        try:
            articles.append(clean_text(row["article"]))
        except EmptyText:
            continue
        references.append(row["reference"])

    def by(method: str) -> Callable[[Article], list[str]]:
        return lambda a: brief(a, sentences=SENTENCES, method=method)

    baseline = score("Lead-3 (baseline)", articles, references, by("lead"), scorer)
    results = [baseline]
    results += [score(m, articles, references, by(m), scorer) for m in METHODS]
    results.append(
        score(
            f"default ({DEFAULT_METHOD})",
            articles,
            references,
            lambda a: brief(a, sentences=SENTENCES),
            scorer,
        )
    )
    title = (
        f"Brief quality on {DATA_FILE}: {len(articles)} articles, {SENTENCES} sentences, "
        "ROUGE F1 x100 (rouge_score, stemmed)"
    )
    return format_table(results, baseline, title)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="folder holding summ_dev.jsonl"
    )
    args = parser.parse_args(argv)
    try:
        print(run(args.data))
    except ModuleNotFoundError as e:
        if e.name and e.name.startswith("rouge_score"):
            print(INSTALL_HINT, file=sys.stderr)
            return 2
        raise
    except FileNotFoundError as e:
        print(e, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
