"""One-sentence briefs (/tldr): the bot's pick against Lead-1 and sumy's, ROUGE on real news.

Run: python -m bench.tldr --data ../shared/data   (needs the [bench] extra: rouge_score)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import summ_eval
from bot.brief import brief
from bot.clean import clean_text
from bot.errors import EmptyText
from bot.tldr import tldr


def run(data_dir: Path) -> str:
    rows = summ_eval.load_rows(data_dir)
    scorer = summ_eval._scorer()
    articles, references = [], []
    for row in rows:
        try:
            articles.append(clean_text(row["article"]))
        except EmptyText:
            continue
        references.append(row["reference"])
    lead1 = summ_eval.score(
        "Lead-1", articles, references, lambda a: brief(a, sentences=1, method="lead"), scorer
    )
    results = [
        lead1,
        summ_eval.score("tldr (bot)", articles, references, lambda a: [tldr(a)], scorer),
    ]
    for method in ("lexrank", "textrank", "luhn"):
        results.append(
            summ_eval.score(
                f"{method} (sumy), 1",
                articles,
                references,
                lambda a, m=method: brief(a, sentences=1, method=m),  # type: ignore[misc]
                scorer,
            )
        )
    title = (
        f"One-sentence brief on {summ_eval.DATA_FILE}: {len(articles)} articles, "
        "ROUGE F1 x100 against the whole reference (rouge_score, stemmed)"
    )
    return summ_eval.format_table(results, lead1, title).replace("vs Lead-3", "vs Lead-1")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=summ_eval.DEFAULT_DATA)
    args = parser.parse_args(argv)
    if not (args.data / summ_eval.DATA_FILE).is_file():
        print(f"No data: {summ_eval.DATA_FILE} not found in {args.data}", file=sys.stderr)
        return 2
    print(run(args.data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
