"""Train the short-answer scorer for languages other than English (bot/language/span_model.py)
on the tuning half of XQuAD's titles in its 11 other languages.

Run: python -m bench.train_spans_ml --data ../shared/data
Writes bot/data/span_weights_ml.npz. Reproducible: fixed seed, file order, numpy only. The
held-out titles (second half, bench.languages.halves) are never read here.

python -m bench.train_spans_ml --cv prints the cross-validated span EM / F1 on the gold sentence
(folds of whole titles inside the tuning half, every language's version of a title in the same
fold; a question whose gold answer is no candidate is a miss), beside the rules' span, for the
given settings, and writes nothing: choose settings by it.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.languages import LANGUAGES, _norm, f1, halves, load
from bot import qa
from bot.clean import clean_text
from bot.language import answering
from bot.language import span_model as sm
from bot.questions import QType

OUT = Path(__file__).resolve().parent.parent / "bot" / "data" / "span_weights_ml.npz"
SEED = 1234
# Chosen by 4-fold cross-validation by title on the tuning half (see --cv).
EPOCHS = 3
LR = 0.05
L2 = 0.01
FOLDS = 4
WORDS = True
CROSS = "lang"
TEMPERATURE = 1.0
TEMPERATURES = (0.6, 0.8, 1.0, 1.2, 1.4)
OTHERS = tuple(c for c in LANGUAGES if c != "en")


@dataclass
class Example:
    feats: np.ndarray  # (candidates, features)
    labels: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    sentence: str
    answers: list[str]
    lang: str
    title: str
    rule: str | None
    money: bool  # a "how much did it cost" question


def examples(
    data_dir: Path, langs: tuple[str, ...], *, words: bool = WORDS, cross: str = CROSS
) -> list[Example]:
    out = []
    for lang in langs:
        rows = halves(load(data_dir, lang))[0]
        arts: dict[str, tuple[str, list[str]]] = {}
        for r in rows:
            if r.context not in arts:
                art = clean_text(r.context)
                arts[r.context] = (art.language, art.sentences)
            code, sents = arts[r.context]
            golds = [g.lower() for g in r.answers]
            sent = next((s for s in sents if any(g in s.lower() for g in golds)), None)
            if sent is None:
                continue
            q = qa._parse_question(r.question, code, qa._question_language(r.question, code))
            if q is None:
                continue
            rule = qa._pick_span(q, sent, None)
            typed = [(s.start, s.end) for s in answering.typed(sent, q.qtype, q.language)]
            c = sm.candidates(
                q.text, str(q.qtype), sent, q.language, rule, typed, words=words, cross=cross
            )
            if c is None:
                continue
            gold = {_norm(g, lang) for g in r.answers}
            money = q.qtype is QType.NUMBER and bool(
                answering._MONEY_QUESTION.search(q.text.lower())
            )
            labels = np.array(
                [
                    _norm(sent[s:e], lang) in gold
                    for s, e in zip(c.char_start, c.char_end, strict=True)
                ],
                dtype=bool,
            )
            out.append(
                Example(
                    c.feats,
                    labels,
                    c.char_start,
                    c.char_end,
                    sent,
                    r.answers,
                    lang,
                    r.title,
                    rule,
                    money,
                )
            )
    return out


def train(
    data: list[Example], *, epochs: int = EPOCHS, lr: float = LR, l2: float = L2
) -> np.ndarray:
    """Softmax over each question's candidates, AdaGrad with L2, shuffled with a fixed seed."""
    rng = np.random.default_rng(SEED)
    w = np.zeros(sm.DIM, dtype=np.float64)
    g2 = np.full(sm.DIM, 1e-8)
    data = [e for e in data if e.labels.any()]
    for _ in range(epochs):
        for k in rng.permutation(len(data)):
            e = data[k]
            scores = w[e.feats].sum(axis=1)
            scores -= scores.max()
            p = np.exp(scores)
            p /= p.sum()
            grad_rows = p - e.labels / e.labels.sum()
            flat = e.feats.ravel()
            touched, inv = np.unique(flat, return_inverse=True)
            gt = np.bincount(inv, weights=np.repeat(grad_rows, e.feats.shape[1]))
            gt += l2 * w[touched]
            g2[touched] += gt * gt
            w[touched] -= lr * gt / np.sqrt(g2[touched])
    return w


def top_text(e: Example, w: np.ndarray) -> tuple[str, float]:
    scores = w[e.feats].sum(axis=1)
    top = int(np.argmax(scores))
    p = np.exp(scores - scores[top])
    return e.sentence[int(e.starts[top]) : int(e.ends[top])], float(1.0 / p.sum())


def score(pred: str | None, e: Example) -> tuple[float, float]:
    pred = pred or ""
    em = max(_norm(pred, e.lang) == _norm(g, e.lang) for g in e.answers)
    return float(em), max(f1(pred, g, e.lang) for g in e.answers)


def cross_validate(data: list[Example], folds: int = FOLDS, **settings: float) -> dict[str, object]:
    titles = list(dict.fromkeys(e.title for e in data))
    per: dict[str, list[float]] = {}
    probs: list[tuple[float, float]] = []
    loss = dict.fromkeys(TEMPERATURES, 0.0)
    for f in range(folds):
        held = {t for k, t in enumerate(titles) if k % folds == f}
        w = train([e for e in data if e.title not in held], **settings)  # type: ignore[arg-type]
        for e in data:
            if e.title not in held:
                continue
            text, prob = top_text(e, w)
            em, fs = score(text, e)
            rem, rfs = score(e.rule, e)
            if e.money and e.rule and e.rule not in text:
                text = e.rule
            em, fs = score(text, e)
            acc = per.setdefault(e.lang, [0.0] * 5)
            acc[0] += 1
            acc[1] += em
            acc[2] += fs
            acc[3] += rem
            acc[4] += rfs
            probs.append((prob, em))
            if e.labels.any():
                s = w[e.feats].sum(axis=1)
                for t in TEMPERATURES:
                    z = t * (s - s.max())
                    pz = np.exp(z)
                    loss[t] -= float(np.log(pz[e.labels].sum() / pz.sum()))
    table = {
        lang: {
            "n": int(a[0]),
            "em": round(100 * a[1] / a[0], 1),
            "f1": round(100 * a[2] / a[0], 1),
            "rule_em": round(100 * a[3] / a[0], 1),
            "rule_f1": round(100 * a[4] / a[0], 1),
        }
        for lang, a in per.items()
    }
    n = sum(a[0] for a in per.values())
    # Precision of the top span (EM) when its probability reaches a threshold, and the share kept.
    bold = {}
    for th in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5):
        kept = [em for p, em in probs if p >= th]
        bold[th] = (
            round(100 * len(kept) / len(probs), 1),
            round(100 * sum(kept) / max(len(kept), 1), 1),
        )
    return {
        "em": round(100 * sum(a[1] for a in per.values()) / n, 2),
        "f1": round(100 * sum(a[2] for a in per.values()) / n, 2),
        "rule_em": round(100 * sum(a[3] for a in per.values()) / n, 2),
        "rule_f1": round(100 * sum(a[4] for a in per.values()) / n, 2),
        "recall": round(100 * sum(bool(e.labels.any()) for e in data) / len(data), 1),
        "per_language": table,
        "bold_kept_precision": bold,
        "log_loss": {
            t: round(v / max(1, sum(bool(e.labels.any()) for e in data)), 4)
            for t, v in loss.items()
        },
    }


def save(w: np.ndarray, path: Path = OUT, *, words: bool = WORDS, cross: str = CROSS) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    index = np.nonzero(np.abs(w) > 1e-3)[0].astype(np.int32)
    np.savez_compressed(
        path,
        index=index,
        value=w[index].astype(np.float16),
        words=np.array(words),
        cross=np.array(cross),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--lr", type=float, default=LR)
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--no-words", action="store_true", help="without the per-language words")
    parser.add_argument("--cross", choices=("", "fam", "lang"), default=CROSS)
    parser.add_argument("--lang", action="append", help="only these languages (repeatable)")
    parser.add_argument("--cv", action="store_true", help="cross-validate by title, write nothing")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not (args.data / "xquad").is_dir():
        print(f"No XQuAD data in {args.data}", file=sys.stderr)
        return 2
    words = not args.no_words
    data = examples(args.data, tuple(args.lang or OTHERS), words=words, cross=args.cross)
    settings = {"epochs": args.epochs, "lr": args.lr, "l2": args.l2}
    if args.cv:
        print(
            json.dumps(
                {
                    **settings,
                    "words": words,
                    "cross": args.cross,
                    **cross_validate(data, **settings),
                }
            )
        )
        return 0
    w = TEMPERATURE * train(data, **settings)  # type: ignore[arg-type]
    save(w, args.out, words=words, cross=args.cross)
    print(
        json.dumps({"questions": len(data), "trained_on": sum(bool(e.labels.any()) for e in data)})
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
