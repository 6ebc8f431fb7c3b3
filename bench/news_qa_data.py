"""The news-question dev set (bench/news_qa.jsonl): loading, and a validator that checks every
accepted answer and evidence against the article it names.

The set holds questions, answers and evidence only; the articles come from
`summ_dev.jsonl` in the shared data folder, which a fresh clone does not have.

Run: python -m bench.news_qa_data --data ../shared/data
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bot.clean import clean_text

SET_FILE = Path(__file__).with_name("news_qa.jsonl")
ARTICLES_FILE = "summ_dev.jsonl"
TYPES = ("who", "say", "why", "how", "when", "where", "number", "what")
SPLITS = ("tune", "test")
# An accepted answer must sit near its evidence (same or next sentence), not anywhere.
NEAR_CHARS = 300
_QUOTES = re.compile(r"``|''|[“”‘’`\"]")
_SPACE = re.compile(r"\s+")


def loose(s: str) -> str:
    """Case, quote marks and spacing do not matter when matching evidence to a sentence."""
    return _SPACE.sub("", _QUOTES.sub("'", s.lower()))


@dataclass(frozen=True)
class Item:
    """One reader question about one article."""

    article: str
    id: str
    question: str
    type: str
    answers: tuple[str, ...]
    evidence: str
    # Other sentences that say the same (news pages repeat facts in captions); any one will do.
    evidence_also: tuple[str, ...]
    unanswerable: bool
    follows: str | None
    split: str


def load_set(path: Path = SET_FILE) -> list[Item]:
    with path.open(encoding="utf-8") as f:
        return [
            Item(
                article=d["article"],
                id=d["id"],
                question=d["question"],
                type=d["type"],
                answers=tuple(d["answers"]),
                evidence=d["evidence"],
                evidence_also=tuple(d.get("evidence_also", ())),
                unanswerable=bool(d["unanswerable"]),
                follows=d.get("follows"),
                split=d["split"],
            )
            for d in map(json.loads, f)
            if d
        ]


def load_articles(data_dir: Path) -> dict[str, str]:
    with (data_dir / ARTICLES_FILE).open(encoding="utf-8") as f:
        return {d["id"]: d["article"] for d in map(json.loads, f)}


def problems(items: list[Item], articles: dict[str, str]) -> list[str]:
    """Everything wrong with the set, one line each (empty when it is sound)."""
    out: list[str] = []
    split: dict[str, list[str]] = {}
    seen: dict[str, Item] = {}
    unanswerable: Counter[str] = Counter()
    for it in items:
        where = f"{it.id}:"
        if it.id in seen:
            out.append(f"{where} duplicate id")
        if it.type not in TYPES:
            out.append(f"{where} unknown type {it.type!r}")
        if it.split not in SPLITS:
            out.append(f"{where} unknown split {it.split!r}")
        text = articles.get(it.article)
        if text is None:
            out.append(f"{where} no article {it.article!r}")
            seen[it.id] = it
            continue
        if it.question.lower().rstrip("?") in text.lower():
            out.append(f"{where} the question is copied from the article")
        if it.follows is not None:
            prev = seen.get(it.follows)
            if prev is None:
                out.append(f"{where} follows {it.follows}, which is not an earlier question")
            elif prev.article != it.article:
                out.append(f"{where} follows a question about another article")
        if it.unanswerable:
            unanswerable[it.article] += 1
            if it.answers or it.evidence or it.evidence_also:
                out.append(f"{where} unanswerable but has answers or evidence")
        else:
            out.extend(_answer_problems(it, text))
            if it.article not in split:
                split[it.article] = [loose(x) for x in clean_text(text).sentences]
            for e in (it.evidence, *it.evidence_also):
                # Evidence across a sentence break ("He said: ' I have ...") can never be shown.
                if e and not any(loose(e) in x for x in split[it.article]):
                    out.append(f"{where} evidence is not inside one sentence: {e!r}")
        seen[it.id] = it
    for art in {it.article for it in items}:
        if not unanswerable[art]:
            out.append(f"{art}: no unanswerable question")
    return out


def _answer_problems(it: Item, text: str) -> list[str]:
    out = []
    where = f"{it.id}:"
    if not it.answers:
        out.append(f"{where} answerable but no accepted answer")
    ev = text.find(it.evidence) if it.evidence else -1
    for e in (it.evidence, *it.evidence_also):
        if not e or e not in text:
            out.append(f"{where} evidence is not an exact substring: {e!r}")
    for a in it.answers:
        if a not in text:
            out.append(f"{where} answer is not an exact substring: {a!r}")
    if ev >= 0 and it.answers:
        lo, hi = max(0, ev - NEAR_CHARS), ev + len(it.evidence) + NEAR_CHARS
        if not any(a in text[lo:hi] for a in it.answers):
            out.append(f"{where} no accepted answer near the evidence")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="the shared data folder")
    ap.add_argument("--set", type=Path, default=SET_FILE)
    args = ap.parse_args(argv)
    items = load_set(args.set)
    found = problems(items, load_articles(args.data))
    for p in found:
        print(p)
    arts = {it.article for it in items}
    types = Counter(it.type for it in items)
    print(
        f"{len(items)} questions over {len(arts)} articles; "
        f"{sum(it.unanswerable for it in items)} unanswerable, "
        f"{sum(it.follows is not None for it in items)} follow-ups; "
        + ", ".join(f"{t} {types[t]}" for t in TYPES)
    )
    print("OK" if not found else f"{len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
