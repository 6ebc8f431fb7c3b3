"""Latency of the default brief, sumy's LexRank and the answerer on synthetic news of growing size.

Run: python -m bench.speed   (pinned to one core where the OS allows it)
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial

from bot.article import Article
from bot.brief import DEFAULT_METHOD, brief
from bot.clean import clean_text
from bot.words import stem

SIZES = (1_000, 10_000, 50_000, 100_000, 200_000)
RUNS = 5
# sumy's LexRank is quadratic in pure Python: past this many seconds one run is all we take.
SLOW_SECONDS = 3.0
QUESTIONS = (
    "Who announced the plan?",
    "When will the bridge reopen?",
    "How much will the project cost?",
    "Where did the storm hit?",
)

# A made-up town and its made-up people: enough variety that sentences differ in words.
_PEOPLE = ("Mara Okafor", "Tomas Lindqvist", "Priya Raman", "Owen Castell", "Ilse Brandt")
_ROLES = ("the mayor", "a council spokeswoman", "the fire chief", "a local engineer", "a resident")
_PLACES = ("Port Halden", "the river district", "North Vale", "the old harbour", "Kestrel Bay")
_THINGS = ("the bridge", "the flood barrier", "the rail line", "the hospital wing", "the school")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_LATER = ("next spring", "in June", "by the autumn", "within a month")
_TEMPLATES = (
    "{person}, {role}, said on {day} that work on {thing} in {place} would cost {money}.",
    "A storm hit {place} on {day}, closing {thing} and leaving {n} homes without power.",
    "{person} announced a plan to rebuild {thing} {later}, according to {role}.",
    "Officials in {place} said {n} people had been moved from their homes as a precaution.",
    "The repairs to {thing} are expected to take {n} weeks, {role} told reporters.",
    "Residents of {place} have asked for a public meeting about {thing}.",
    "{person} said the council had set aside {money} for emergency repairs.",
    "Traffic was diverted around {place} while engineers inspected {thing}.",
    "The bridge will reopen {later} if inspections go to plan, {person} said.",
    "Last year {thing} was closed for {n} days after a similar storm.",
)


def news_text(chars: int, seed: int = 7) -> str:
    """Synthetic news-like text of at most `chars` characters, paragraphs of 2 to 5 sentences."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    size = 0
    while True:
        para = []
        for _ in range(rng.randint(2, 5)):
            sentence = rng.choice(_TEMPLATES).format(
                person=rng.choice(_PEOPLE),
                role=rng.choice(_ROLES),
                place=rng.choice(_PLACES),
                thing=rng.choice(_THINGS),
                day=rng.choice(_DAYS),
                later=rng.choice(_LATER),
                n=rng.randint(2, 900),
                money=f"${rng.randint(1, 90)} million",
            )
            if size + len(sentence) + 2 > chars:
                if para:
                    paragraphs.append(" ".join(para))
                return "\n\n".join(paragraphs)
            para.append(sentence)
            size += len(sentence) + 1
        paragraphs.append(" ".join(para))
        size += 1


def _median_ms(fn: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        if times[-1] > SLOW_SECONDS:
            break
    return 1000 * statistics.median(times)


def _answer_fn() -> Callable[[str, Article], object] | None:
    try:
        from bot.qa import answer
    except Exception:  # the answerer is someone else's module: its absence must not stop this
        return None
    return answer


def run(sizes: tuple[int, ...] = SIZES, lexrank: bool = True) -> str:
    """The latency table as text."""
    answer = _answer_fn()
    lines = [
        f"Latency on one core, median of up to {RUNS} runs, synthetic news, 3 sentences",
        f"{'chars':>8} {'sents':>6} {'clean':>9} {'brief':>9} {'summarize':>10} {'cold':>9} "
        f"{'lexrank':>10} {'answer/q':>9}",
    ]
    for chars in sizes:
        text = news_text(chars)
        article = clean_text(text)
        n = len(article.sentences)
        # Cold: the first call, with the stem cache empty as after a restart.
        stem.cache_clear()
        cold_ms = _median_ms(partial(brief, clean_text(text)), runs=1) + _median_ms(
            partial(clean_text, text), runs=1
        )
        clean_ms = _median_ms(partial(clean_text, text))
        brief_ms = _median_ms(partial(brief, article))
        summarize_ms = clean_ms + brief_ms
        lex = (
            f"{_median_ms(partial(brief, article, method='lexrank')):8.1f}ms"
            if lexrank
            else "skipped"
        )
        if answer is None:
            ans = "n/a"
        else:
            per_q = [_median_ms(partial(answer, q, article)) for q in QUESTIONS]
            ans = f"{statistics.mean(per_q):7.1f}ms"
        lines.append(
            f"{chars:>8} {n:>6} {clean_ms:7.1f}ms {brief_ms:7.1f}ms {summarize_ms:8.1f}ms {cold_ms:7.1f}ms "
            f"{lex:>10} {ans:>9}"
        )
    lines.append(
        f"brief = default method {DEFAULT_METHOD!r} on a cleaned Article; summarize = clean + brief; "
        "cold = first clean + brief with an empty stem cache;\n"
        "lexrank = sumy LexRank on the same Article; answer/q = bot.qa.answer per question."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-lexrank", action="store_true", help="skip the slow sumy LexRank")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        # A container may forbid pinning; the numbers are then just noisier.
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    print(run(lexrank=not args.no_lexrank))
    return 0


if __name__ == "__main__":
    sys.exit(main())
