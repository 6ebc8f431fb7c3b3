"""Hostile questions and texts through `bot.answer`: the time of each, to catch a rule that is
quadratic in a long sentence (a regex anchored at the end of a long run, an overlap test of every
candidate against every other). Two such rules were found by hand in round 9 (14 s and 4.5 s on
40,000 characters); `tests.redos` does not see this kind.

Run: python -m bench.hostile_answers [--chars 40000]

Each case is one sentence of about --chars characters (a paste with no full stops is one
sentence) and a question that reaches the rule; the table prints the milliseconds of one answer
(the article's index included) and the slowest case. Compare with the 1,000-word figure of
`bench.qa_eval` (a few ms).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bot
from bot.article import Article


def cases(n: int) -> list[tuple[str, str, str, str]]:
    """(name, language, question, text) with texts of about n characters."""
    words = n // 6
    return [
        ("capitalised run, who is X", "en", "who is richter?", "A " * (n // 2) + "b Richter said."),
        ("capitalised words, who is X", "en", "who is richter?", "Ab " * (n // 3) + "b, Richter."),
        (
            "commas, what did X say",
            "en",
            "what did richter say?",
            "a, " * (n // 3) + "Richter said.",
        ),
        ("one long word", "en", "why did it close?", "x" * n),
        ("numbers and number words", "de", "Wie viele Kilometer?", "1 zwei " * (n // 7)),
        ("number words only", "tr", "Kaç kilometre?", "on iki " * (n // 7)),
        ("Turkish long token, why", "tr", "Köprü neden kapandı?", "x" * n + " nedeniyle"),
        ("Turkish words, why", "tr", "Köprü neden kapandı?", "x " * (n // 2) + "nedeniyle"),
        ("cause noun, why", "de", "Warum ist die Brücke zu?", "Grund " + "a " * (n // 2)),
        ("speech verbs, what did X say", "de", "Was sagte Wendt?", "sagte, " * (n // 7) + "Wendt"),
        ("speech verbs, Russian", "ru", "Что сказал Соколов?", "сказал, " * (n // 8) + "Соколов"),
        ("Chinese, why", "zh", "为什么关闭？", "因为" + "字" * n),
        ("ages", "en", "how old are they?", "aged " + "1, " * (n // 3)),
        ("many words", "en", "who is the ceo?", " ".join(["word"] * words)),
    ]


def run(n: int) -> str:
    rows = []
    slowest = ("", 0.0)
    for name, language, question, text in cases(n):
        article = Article(paragraphs=((text,),), language=language)
        t0 = time.perf_counter()
        bot.answer(question, article)
        ms = 1000 * (time.perf_counter() - t0)
        rows.append(f"| {name} | {language} | {len(text):,} | {ms:.0f} |")
        if ms > slowest[1]:
            slowest = (name, ms)
    return "\n".join(
        [
            f"Hostile answers: one sentence of about {n:,} characters each",
            "",
            "| case | language | characters | ms |",
            "|---|---|---|---|",
            *rows,
            "",
            f"slowest: {slowest[0]} ({slowest[1]:.0f} ms)",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=40_000, help="characters per hostile sentence")
    args = ap.parse_args(argv)
    bot.answer("warm-up", "The council met on Monday to discuss the bridge.")
    print(run(args.chars))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
