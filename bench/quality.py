"""Quality of briefs (ROUGE, every method) and answers (sentence top-1, span EM/F1) on real data.

Run: python bench/quality.py --data ../shared/data   (or python -m bench.quality ...)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import qa_eval, summ_eval


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=summ_eval.DEFAULT_DATA, help="data folder")
    parser.add_argument("--only", choices=("briefs", "answers"), default=None)
    args = parser.parse_args(argv)
    missing = [
        name
        for name, wanted in ((summ_eval.DATA_FILE, "briefs"), (qa_eval.QA_FILE, "answers"))
        if args.only in (None, wanted) and not (args.data / name).is_file()
    ]
    if missing:
        print(
            f"No data: {', '.join(missing)} not found in {args.data} (pass --data <folder>).",
            file=sys.stderr,
        )
        return 2
    if args.only in (None, "briefs"):
        try:
            print(summ_eval.run(args.data))
        except ModuleNotFoundError as e:
            if e.name and e.name.startswith("rouge_score"):
                print(summ_eval.INSTALL_HINT, file=sys.stderr)
                return 2
            raise
        print()
    if args.only in (None, "answers"):
        print(qa_eval.run(args.data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
