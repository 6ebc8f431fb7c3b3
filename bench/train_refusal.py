"""Train the "article doesn't say" decision (bot/refusal.py) on the tuning data only: SQuAD 2.0 dev
tuning titles (the first half, as bench.qa_eval.split_halves), asked of their paragraphs and of
their whole article (the title's paragraphs joined), and the news set's tuning split
(bench/news_qa.jsonl, asked in conversation as bench.news_qa asks it). Answerable questions
whose best sentence does not hold the answer are not fitted on (see training_rows).

Run: python -m bench.train_refusal --data ../shared/data [--curve]
Writes bot/data/refusal.json: a logistic regression over bot.refusal's standardised features
(full-batch gradient descent, numpy only, deterministic; its L2 penalty chosen by cross-validation
with folds by title and by article on the tuning sets), and the lowest threshold at which at most
TARGET of the answerable questions are refused on SQuAD's tuning titles (paragraphs and whole
articles) and on the news tuning split (the coverage rule's refusals included). Prints the curve (share of unanswerable questions refused at
2%, 5% and 10% of answerable refused) on tuning and held-out data, and the held-out figures.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.news_qa import Conversation, sentence_right
from bench.news_qa_data import ARTICLES_FILE, load_articles, load_set
from bench.qa_eval import Row, article_of, holds_answer, load, split_halves, whole_articles
from bot import qa, refusal
from bot.clean import clean_text

OUT = Path(__file__).resolve().parent.parent / "bot" / "data" / "refusal.json"
QA2_FILE = "qa2_dev.jsonl"
# Answerable refused on every tuning set (SQuAD 2.0, news, SQuAD 1.1 paragraphs): under the issue's
# 5% with room for held-out text. Chosen before any held-out figure and kept whatever they show.
TARGET = 0.045
L2S = (1e-3, 3e-3, 1e-2, 3e-2, 1e-1)  # the L2 penalty is chosen among these by cross-validation
L2_SLACK = 0.5  # points of unanswerable refused (see choose_l2)
FOLDS = 4  # by title (SQuAD) and by article (news): a fold never shares a text with another
STEPS = 2000
TUNE = ("squad-tune", "squad-whole-tune", "news-tune")  # the sets the model is fitted on
NEWS_WEIGHT = 4.0  # the news tuning split is small: each question weighs as much as four of SQuAD's


@dataclass
class Split:
    """What the model sees of one set: the arguments of refusal.features per question (None when
    the model is not consulted), labels (True = unanswerable) and what answer() does without the
    model: refuse by the coverage rule, or answer surely (a quote, speaker or reason)."""

    args: list[tuple[object, ...] | None]
    y: np.ndarray
    rule: np.ndarray
    sure: np.ndarray
    groups: list[str]
    # Answerable and the best sentence holds the answer: an answerable question whose best
    # sentence does not is left out of fitting (its features say what an unanswerable one's do).
    right: np.ndarray  # the question's title or article, for folds that never share a text


def load_qa2(data_dir: Path) -> list[dict[str, object]]:
    with (data_dir / QA2_FILE).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def tuning_titles(data_dir: Path) -> set[str]:
    """The tuning titles of every SQuAD-based set: those of bench.qa_eval.split_halves on SQuAD 1.1
    (XQuAD's halves are the same titles). SQuAD 2.0 lists its titles in another order, so halving
    its own list put four of SQuAD 1.1's held-out titles into this model's training data."""
    return {r.title for r in split_halves(load(data_dir))[0]}


def halves(
    rows: list[dict[str, object]], tune_titles: set[str]
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """SQuAD 2.0 rows of the tuning titles, and the rest (held out)."""
    return (
        [r for r in rows if r["title"] in tune_titles],
        [r for r in rows if r["title"] not in tune_titles],
    )


class _Recorder:
    """Stands in for refusal.features/refuses while answer() runs: keeps the arguments, never
    refuses, so what remains refused is the coverage rule's doing."""

    def __init__(self) -> None:
        self.args: tuple[object, ...] | None = None
        self.asked = False
        self._features = refusal.features

    def features(self, *args: object) -> list[float]:
        self.args = args
        return self._features(*args)  # type: ignore[arg-type]

    def refuses(self, x: list[float]) -> bool:
        self.asked = True
        return False

    def ask(
        self, call: Callable[[], qa.Answer | None], right: Callable[[str], bool]
    ) -> tuple[tuple[object, ...] | None, bool, bool, bool]:
        self.args, self.asked = None, False
        got = call()
        return (
            (self.args if self.asked else None),
            got is None,
            got is not None and not self.asked,
            got is not None and right(got.sentence),
        )


def collect(data_dir: Path) -> dict[str, Split]:
    rec = _Recorder()
    saved = refusal.features, refusal.refuses
    refusal.features, refusal.refuses = rec.features, rec.refuses  # type: ignore[assignment]
    try:
        out: dict[str, Split] = {}
        tune, held = halves(load_qa2(data_dir), tuning_titles(data_dir))
        for name, rows in (("squad-tune", tune), ("squad-held", held)):
            arts: dict[str, object] = {}
            got = []
            for r in rows:
                ctx = str(r["context"])
                art = arts.get(ctx) or arts.setdefault(ctx, article_of(ctx))
                got.append(
                    rec.ask(
                        lambda r=r, art=art: qa.answer(str(r["question"]), art),
                        holds_answer(r.get("answers") or []),  # type: ignore[arg-type]
                    )
                )
            out[name] = _split(
                got, [bool(r["unanswerable"]) for r in rows], [str(r["title"]) for r in rows]
            )
        # The same questions asked of their whole article (a title's paragraphs joined), as a
        # reader asks of a whole report: the answerable ones refused there are answers lost.
        for name, rows in (("squad-whole-tune", tune), ("squad-whole-held", held)):
            whole = whole_articles(
                [Row(str(r["question"]), str(r["context"]), str(r["title"]), []) for r in rows]
            )
            got = [
                rec.ask(
                    lambda r=r, whole=whole: qa.answer(str(r["question"]), whole[str(r["title"])]),
                    holds_answer(r.get("answers") or []),  # type: ignore[arg-type]
                )
                for r in rows
            ]
            out[name] = _split(
                got, [bool(r["unanswerable"]) for r in rows], [str(r["title"]) for r in rows]
            )
        # SQuAD 1.1 paragraphs (all answerable; more titles than SQuAD 2.0): only a check that the
        # threshold refuses few real questions there too, never fitted on.
        squad1, _ = split_halves(load(data_dir))
        arts1: dict[str, object] = {}
        got1 = []
        for r1 in squad1:
            art1 = arts1.get(r1.context) or arts1.setdefault(r1.context, article_of(r1.context))
            got1.append(
                rec.ask(
                    lambda r1=r1, art1=art1: qa.answer(r1.question, art1), holds_answer(r1.answers)
                )
            )
        out["squad1-tune"] = _split(got1, [False] * len(squad1), [r1.title for r1 in squad1])
        items = load_set()
        texts = load_articles(data_dir)
        for split in ("tune", "test"):
            got, ys, arts_of = [], [], []
            by_article: dict[str, list[object]] = {}
            for it in items:
                if it.split == split:
                    by_article.setdefault(it.article, []).append(it)
            for art_id, its in by_article.items():
                chat = Conversation(clean_text(texts[art_id]))
                for it in its:
                    got.append(
                        rec.ask(
                            lambda it=it, chat=chat: chat.ask(it.question),  # type: ignore[attr-defined]
                            lambda s, it=it: sentence_right(s, it),  # type: ignore[arg-type]
                        )
                    )
                    ys.append(bool(it.unanswerable))  # type: ignore[attr-defined]
                    arts_of.append(art_id)
            out[f"news-{split}"] = _split(got, ys, arts_of)
        return out
    finally:
        refusal.features, refusal.refuses = saved  # type: ignore[assignment]


def _split(
    got: list[tuple[tuple[object, ...] | None, bool, bool, bool]], ys: list[bool], groups: list[str]
) -> Split:
    return Split(
        args=[a for a, _, _, _ in got],
        y=np.array(ys, dtype=bool),
        rule=np.array([r for _, r, _, _ in got], dtype=bool),
        sure=np.array([s for _, _, s, _ in got], dtype=bool),
        groups=groups,
        right=np.array([h for _, _, _, h in got], dtype=bool) & ~np.array(ys, dtype=bool),
    )


def matrix(s: Split) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows of the questions the model decides, and their positions in the split."""
    rows = [refusal.features(*a) for a in s.args if a is not None]  # type: ignore[arg-type]
    where = np.array([i for i, a in enumerate(s.args) if a is not None], dtype=int)
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(refusal.NAMES)), where


# --- the model: logistic regression on standardised features --------------------------------


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, *, l2: float) -> dict[str, object]:
    """Full-batch gradient descent on the weighted logistic loss (deterministic)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    mean[refusal.SCALED :] = 0.0  # word columns stay 0/1: the penalty holds a rare word near 0
    scale[refusal.SCALED :] = 1.0
    z = (x - mean) / scale
    coef = np.zeros(z.shape[1])
    bias = 0.0
    t = y.astype(np.float64)
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-(z @ coef + bias)))
        g = (p - t) * w
        coef -= 0.5 * (z.T @ g / w.sum() + l2 * coef)
        bias -= 0.5 * float(g.sum() / w.sum())
    return {"mean": mean.tolist(), "scale": scale.tolist(), "coef": coef.tolist(), "bias": bias}


def probabilities(params: dict[str, object], x: np.ndarray) -> np.ndarray:
    mean = np.array(params["mean"])
    scale = np.array(params["scale"])
    z = (x - mean) / scale @ np.array(params["coef"]) + float(params["bias"])  # type: ignore[arg-type]
    return with_flags(1 / (1 + np.exp(-z)), x)


def with_flags(p: np.ndarray, x: np.ndarray) -> np.ndarray:
    """A question refusal.STRONG flags is refused whatever the threshold, as refusal.refuses does."""
    at = list(refusal.STRONG_AT)
    return np.maximum(p, (x[:, at] > 0).any(axis=1).astype(np.float64)) if len(x) else p


def choose_l2(splits: dict[str, Split], mats: dict[str, tuple[np.ndarray, np.ndarray]]) -> float:
    """The L2 penalty whose out-of-fold probabilities (folds by title and by article, tuning sets
    only) refuse the most unanswerable questions at the threshold rule, on average over the sets,
    or the strongest penalty within L2_SLACK points of that: out-of-fold figures a few questions
    apart do not tell two penalties apart, and the stronger one gives the steadier model (a
    weaker one had refused two answerable story questions of tests/test_qa.py)."""
    x, y, w, groups = training_rows(splits, mats)
    order = list(dict.fromkeys(groups))
    fold = np.array([order.index(g) % FOLDS for g in groups])
    print("| L2 | out-of-fold threshold | unans refused: " + " / ".join(TUNE) + " |")
    print("|---|---|---|")
    scores = {}
    for l2 in L2S:
        oof = np.zeros(len(y))
        for k in range(FOLDS):
            params = fit(x[fold != k], y[fold != k], w[fold != k], l2=l2)
            oof[fold == k] = probabilities(params, x[fold == k])
        parts, at = [], 0
        for n in TUNE:
            size = len(mats[n][1])
            parts.append((splits[n], oof[at : at + size], mats[n][1]))
            at += size
        threshold = choose_threshold(parts)
        unans = [rates(s, p, where, threshold)[0] for s, p, where in parts]
        print(f"| {l2:g} | {threshold} | {' / '.join(f'{u:.1f}' for u in unans)} |")
        scores[l2] = float(np.mean(unans))
    top = max(scores.values())
    return max(l2 for l2, score in scores.items() if score >= top - L2_SLACK)


def training_rows(
    splits: dict[str, Split], mats: dict[str, tuple[np.ndarray, np.ndarray]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Features, labels, weights and texts of the questions the model decides on the tuning sets."""
    x = np.vstack([mats[n][0] for n in TUNE])
    y = np.concatenate([splits[n].y[mats[n][1]] for n in TUNE])
    w = np.concatenate(
        [np.full(len(mats[n][1]), 1.0 if n.startswith("squad") else NEWS_WEIGHT) for n in TUNE]
    )
    # An answerable question whose best sentence does not answer it is left out of the fit: its
    # features say what an unanswerable question's say (the best sentence lacks what is asked),
    # and the bot's answer to it is wrong either way. On the tuning sets this refused more
    # unanswerable questions at fewer answerable ones (SQuAD 2.0 17.2 -> 17.8% at 2.6 -> 2.4%,
    # news 21.4 -> 25.0% at 2.6%). The threshold rule still counts every answerable question.
    wrong = np.concatenate([~splits[n].y[mats[n][1]] & ~splits[n].right[mats[n][1]] for n in TUNE])
    w = np.where(wrong, 0.0, w)
    # A title's questions asked of its paragraphs and of the whole title share a fold.
    groups = [f"{n.split('-')[0]}:{splits[n].groups[i]}" for n in TUNE for i in mats[n][1]]
    return x, y, w, groups


# --- thresholds and curves ----------------------------------------------------------------------


def refused(s: Split, p: np.ndarray, where: np.ndarray, threshold: float) -> np.ndarray:
    out = s.rule.copy()
    out[where] |= p >= threshold
    return out


def rates(s: Split, p: np.ndarray, where: np.ndarray, threshold: float) -> tuple[float, float]:
    r = refused(s, p, where, threshold)
    unans = 100 * float(r[s.y].mean()) if s.y.any() else 0.0
    return unans, 100 * float(r[~s.y].mean())


def at_false(s: Split, p: np.ndarray, where: np.ndarray, limit: float) -> float:
    """Share of unanswerable refused at the lowest threshold refusing <= limit of answerable."""
    best = 100 * float(s.rule[s.y].mean()) if 100 * s.rule[~s.y].mean() <= limit else 0.0
    for th in np.sort(np.unique(p))[::-1]:
        unans, ans = rates(s, p, where, float(th))
        if ans > limit:
            break
        best = unans
    return best


def choose_threshold(tuning: list[tuple[Split, np.ndarray, np.ndarray]]) -> float:
    """The lowest threshold refusing at most TARGET of answerable questions on every tuning set
    (the coverage rule's refusals count too)."""
    best = 1.0
    for th in np.arange(0.99, 0.05, -0.005):
        if all(rates(s, p, w, float(th))[1] <= 100 * TARGET for s, p, w in tuning):
            best = float(th)
        else:
            break
    return round(best, 3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--cache", type=Path, help="keep the collected questions in this file")
    parser.add_argument("--curve", action="store_true", help="only the current model's curve")
    args = parser.parse_args(argv)
    if not (args.data / QA2_FILE).is_file() or not (args.data / ARTICLES_FILE).is_file():
        print(f"No {QA2_FILE} or {ARTICLES_FILE} in {args.data}", file=sys.stderr)
        return 2
    if args.cache and args.cache.is_file():
        splits = pickle.loads(args.cache.read_bytes())
    else:
        splits = collect(args.data)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(splits))
    mats = {name: matrix(s) for name, s in splits.items()}
    if args.curve:
        m = refusal.model()
        assert m is not None
        params = None
        threshold = m.threshold
        probs = {
            n: with_flags(np.array([refusal.probability(list(r), m) for r in x]), x)
            for n, (x, _) in mats.items()
        }
    else:
        l2 = choose_l2(splits, mats)
        x, y, w, _ = training_rows(splits, mats)
        params = fit(x, y, w, l2=l2)
        probs = {n: probabilities(params, xx) for n, (xx, _) in mats.items()}
        threshold = choose_threshold(
            [(splits[n], probs[n], mats[n][1]) for n in (*TUNE, "squad1-tune")]
        )
        print(f"L2 {l2:g}")
    print(f"threshold {threshold}")
    print("| set | unans refused @2% / 5% / 10% answerable refused | at threshold: unans / ans |")
    print("|---|---|---|")
    for n, s in splits.items():
        p, where = probs[n], mats[n][1]
        curve = (
            " / ".join(f"{at_false(s, p, where, lim):.1f}" for lim in (2, 5, 10))
            if s.y.any()
            else "–"
        )
        unans, ans = rates(s, p, where, threshold)
        print(f"| {n} | {curve} | {unans:.1f} / {ans:.1f} |")
    if params is not None:
        coef = np.round(np.array(params["coef"]), 2)  # type: ignore[arg-type]
        print(dict(zip(refusal.NAMES, coef.tolist(), strict=True)))
    if params is not None:
        params |= {"names": list(refusal.NAMES), "threshold": threshold}
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(params, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
