"""Reader questions about real news articles (bench/news_qa.jsonl): what the bot answers, per
question type, beside BM25 on the same sentences.

Each article's questions are asked in order, in one conversation, the way the bot gets them:
the article is cleaned as the service cleans it, and each question is answered by `bot.answer`
with the conversation's follow-up context, as the service keeps it (bot.conversation);
`--alone` asks every question on its own instead. A refusal ("the article
doesn't say") counts as a miss for an answerable question.

Measures (answerable questions unless said otherwise):
- sentence-right: the sentence the bot shows contains the question's evidence, or one of its
  other evidences when the article says it twice (case, quote marks and spacing ignored);
- span-right: the bold span, after SQuAD's normalisation (lower case, no punctuation, no a/an/the),
  equals an accepted answer, or contains one as a run of words with at most max(2, half the
  answer's words) words more ("Defense Minister Gen Nakatani" is right for "Gen Nakatani", "more
  than $2.6 million in gifts" is not right for "$2.6 million");
- quote returned ("say" questions): the bold span has token F1 >= 0.5 with an accepted quote;
- refused: the bot said the article does not say. For unanswerable questions that is the aim
  (unanswerable-refused), for answerable ones it is a false refusal.

Run: python -m bench.news_qa --data ../shared/data [--split tune|test|all] [--show] [--alone]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.news_qa_data import (
    ARTICLES_FILE,
    SET_FILE,
    TYPES,
    Item,
    load_articles,
    load_set,
    loose,
)
from bench.qa_eval import bm25_ranker, f1, normalize
from bot import conversation, qa
from bot.article import Article
from bot.clean import clean_text
from bot.followup import Context

QUOTE_F1 = 0.5


def sentence_right(sentence: str | None, item: Item) -> bool:
    if sentence is None or item.unanswerable:
        return False
    shown = loose(sentence)
    return any(loose(e) in shown for e in (item.evidence, *item.evidence_also))


def span_right(span: str | None, answers: tuple[str, ...]) -> bool:
    if not span:
        return False
    got = normalize(span).split()
    for a in answers:
        want = normalize(a).split()
        if not want:
            continue
        if got == want:
            return True
        extra = len(got) - len(want)
        if 0 < extra <= max(2, len(want) // 2) and any(
            got[i : i + len(want)] == want for i in range(extra + 1)
        ):
            return True
    return False


def quote_returned(span: str | None, answers: tuple[str, ...]) -> bool:
    return bool(span) and max(f1(span or "", a) for a in answers) >= QUOTE_F1


class Conversation:
    """One chat about one article: questions asked in turn, as the service answers them."""

    def __init__(self, article: Article, *, follow: bool = True) -> None:
        self.article = article
        self.follow = follow
        self.context: Context | None = None

    def ask(self, question: str) -> qa.Answer | None:
        context = conversation.context_for(question, self.context) if self.follow else None
        got = qa.answer(question, self.article, context=context)
        if self.follow:
            self.context = conversation.after(question, got, context or self.context)
        return got


@dataclass(frozen=True)
class Outcome:
    item: Item
    refused: bool
    sentence_ok: bool
    span_ok: bool
    quote_ok: bool
    bm25_ok: bool
    shown: str | None
    span: str | None


def run_items(items: list[Item], texts: dict[str, str], *, follow: bool = True) -> list[Outcome]:
    bm25 = bm25_ranker()
    out: list[Outcome] = []
    by_article: dict[str, list[Item]] = {}
    for it in items:
        by_article.setdefault(it.article, []).append(it)
    for art_id, its in by_article.items():
        article: Article = clean_text(texts[art_id])
        chat = Conversation(article, follow=follow)
        for it in its:
            got = chat.ask(it.question)
            order, _ = bm25(it.question, article)
            bm25_sentence = article.sentences[order[0]] if order else None
            sentence = got.sentence if got else None
            span = got.span if got else None
            out.append(
                Outcome(
                    item=it,
                    refused=got is None,
                    sentence_ok=sentence_right(sentence, it),
                    span_ok=not it.unanswerable and span_right(span, it.answers),
                    quote_ok=not it.unanswerable and quote_returned(span, it.answers),
                    bm25_ok=sentence_right(bm25_sentence, it),
                    shown=sentence,
                    span=span,
                )
            )
    return out


def _pct(k: int, n: int) -> str:
    return f"{100 * k / n:.1f}" if n else "–"


def table(outcomes: list[Outcome], title: str) -> str:
    answerable = [o for o in outcomes if not o.item.unanswerable]
    unanswerable = [o for o in outcomes if o.item.unanswerable]
    lines = [
        title,
        "",
        "| questions | n | sentence-right % | span-right % | quote returned % | refused % "
        "| BM25 sentence-right % |",
        "|---|---|---|---|---|---|---|",
    ]

    def row(name: str, group: list[Outcome], quotes: bool = False) -> str:
        n = len(group)
        return (
            f"| {name} | {n} | {_pct(sum(o.sentence_ok for o in group), n)} "
            f"| {_pct(sum(o.span_ok for o in group), n)} "
            f"| {_pct(sum(o.quote_ok for o in group), n) if quotes else '–'} "
            f"| {_pct(sum(o.refused for o in group), n)} "
            f"| {_pct(sum(o.bm25_ok for o in group), n)} |"
        )

    for t in TYPES:
        group = [o for o in answerable if o.item.type == t]
        if group:
            lines.append(row(t, group, quotes=t == "say"))
    follow = [o for o in answerable if o.item.follows is not None]
    lines.append(row("follow-ups (any type)", follow))
    lines.append(row("**all answerable**", answerable, quotes=False))
    n_un = len(unanswerable)
    lines.append(
        f"| **unanswerable** | {n_un} | – | – | – | {_pct(sum(o.refused for o in unanswerable), n_un)} "
        "| (never refuses) |"
    )
    return "\n".join(lines)


def summary(outcomes: list[Outcome], name: str) -> str:
    ans = [o for o in outcomes if not o.item.unanswerable]
    un = [o for o in outcomes if o.item.unanswerable]
    says = [o for o in ans if o.item.type == "say"]
    return (
        f"| {name} | {len(ans)} + {len(un)} | {_pct(sum(o.sentence_ok for o in ans), len(ans))} "
        f"| {_pct(sum(o.span_ok for o in ans), len(ans))} "
        f"| {_pct(sum(o.quote_ok for o in says), len(says))} "
        f"| {_pct(sum(o.refused for o in un), len(un))} "
        f"| {_pct(sum(o.refused for o in ans), len(ans))} "
        f"| {_pct(sum(o.bm25_ok for o in ans), len(ans))} |"
    )


def show(outcomes: list[Outcome]) -> str:
    """One line per question, misses marked, for looking at what goes wrong."""
    lines = []
    for o in outcomes:
        it = o.item
        if it.unanswerable:
            mark = "ok  " if o.refused else "MISS"
            want = "(unanswerable)"
        else:
            mark = ("S" if o.sentence_ok else "-") + ("P" if o.span_ok else "-") + "  "
            want = " | ".join(it.answers[:2])
        lines.append(f"{mark} {it.id} [{it.type}] {it.question}")
        lines.append(f"       want: {want}")
        lines.append(f"       got:  {o.span!r}  <- {(o.shown or 'REFUSED')[:160]!r}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"), help="data folder")
    ap.add_argument("--set", type=Path, default=SET_FILE, help="the question set")
    ap.add_argument(
        "--split",
        choices=("all", "tune", "test"),
        default="all",
        help="per-type table for all articles, the tuning half or the held-out half",
    )
    ap.add_argument("--show", action="store_true", help="print every question and answer")
    ap.add_argument(
        "--alone", action="store_true", help="ask every question alone (no follow-up context)"
    )
    args = ap.parse_args(argv)
    if not (args.data / ARTICLES_FILE).is_file():
        print(
            f"No data: {args.data / ARTICLES_FILE} not found (pass --data <folder>).",
            file=sys.stderr,
        )
        return 2
    items = load_set(args.set)
    outcomes = run_items(items, load_articles(args.data), follow=not args.alone)
    chosen = [o for o in outcomes if args.split == "all" or o.item.split == args.split]
    if args.show:
        print(show(chosen))
        print()
    arts = len({it.article for it in items})
    types = Counter(it.type for it in items)
    print(
        f"News questions: {len(items)} over {arts} articles "
        f"({', '.join(f'{t} {types[t]}' for t in TYPES)}; "
        f"{sum(it.unanswerable for it in items)} unanswerable, "
        f"{sum(it.follows is not None for it in items)} follow-ups)"
    )
    print()
    print(
        "| split | answerable + unanswerable | sentence-right % | span-right % | quote returned % "
        "| unanswerable refused % | answerable refused % | BM25 sentence-right % |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name in ("tune", "test"):
        print(summary([o for o in outcomes if o.item.split == name], name))
    print(summary(outcomes, "all"))
    print()
    print(table(chosen, f"Per question type ({args.split} articles):"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
