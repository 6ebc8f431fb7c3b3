"""Build the part-of-speech lexicon behind bot/pos.py from the UD English Web Treebank files.

Run: python -m bench.train_pos --data ../shared/data
Writes bot/data/pos_lexicon.json (each word's most frequent universal tag) and prints the
tagger's accuracy on the file it was not built from (built on dev, measured on test), then
rebuilds from both files for the shipped lexicon.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from bot import pos

OUT = Path(__file__).resolve().parent.parent / "bot" / "data" / "pos_lexicon.json"


def read(path: Path) -> list[list[tuple[str, str]]]:
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                cur.append((cols[1], cols[3]))
    if cur:
        sents.append(cur)
    return sents


def build(sents: list[list[tuple[str, str]]]) -> dict[str, str]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for s in sents:
        for word, tag in s:
            counts[word.lower()][tag] += 1
    return {w: c.most_common(1)[0][0] for w, c in sorted(counts.items())}


def accuracy(lexicon: dict[str, str], sents: list[list[tuple[str, str]]]) -> float:
    right = total = 0
    for s in sents:
        words = [w for w, _ in s]
        tags = pos.tag(words, lexicon)
        right += sum(t == g for t, (_, g) in zip(tags, s, strict=True))
        total += len(s)
    return 100 * right / (total or 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args(argv)
    ud = args.data / "ud"
    if not (ud / "en_ewt-ud-dev.conllu").is_file():
        print(f"No UD files in {ud}", file=sys.stderr)
        return 2
    dev, test = read(ud / "en_ewt-ud-dev.conllu"), read(ud / "en_ewt-ud-test.conllu")
    print(f"tag accuracy, lexicon from dev, measured on test: {accuracy(build(dev), test):.2f}%")
    lexicon = build(dev + test)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(lexicon, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    print(f"{len(lexicon)} words written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
