"""Train the short-answer scorer (bot/span_model.py) on SQuAD 1.1 dev questions of the tuning titles.

Run: python -m bench.train_spans --data ../shared/data
Writes bot/data/span_weights.npz. Reproducible: fixed seed, file order, numpy only.
The held-out titles (second half, bench.qa_eval.split_halves) are never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from bench.qa_eval import Row, article_of, load, normalize, split_halves
from bot import qa, span_model

OUT = Path(__file__).resolve().parent.parent / "bot" / "data" / "span_weights.npz"
SEED = 1234


def _gold_sentence(row: Row, sentences: list[str]) -> str | None:
    golds = [g.lower() for g in row.answers]
    for s in sentences:
        low = s.lower()
        if any(g in low for g in golds):
            return s
    return None


def examples(rows: list[Row]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Per question: feature indices (flat), row of each index, label per candidate."""
    out = []
    arts: dict[str, list[str]] = {}
    for r in rows:
        sents = arts.get(r.context)
        if sents is None:
            sents = arts[r.context] = article_of(r.context).sentences
        sent = _gold_sentence(r, sents)
        if sent is None:
            continue
        parsed = qa._parse_question(r.question)
        if parsed is None:
            continue
        hint = qa._pick_span(parsed, sent, None)
        cands, feats = span_model.features(parsed.info, str(parsed.qtype), sent, hint)
        s = span_model._sentence(sent)
        golds = {normalize(g) for g in r.answers}
        labels = np.array(
            [normalize(sent[s.starts[i] : s.ends[j - 1]]) in golds for i, j in cands], dtype=bool
        )
        if not labels.any():
            continue
        idx = np.concatenate([np.array(f, dtype=np.int64) for f in feats])
        rowof = np.repeat(np.arange(len(feats)), [len(f) for f in feats])
        out.append((idx, rowof, labels))
    return out


def train(
    data: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    *,
    epochs: int = 2,
    lr: float = 0.05,
    l2: float = 1e-6,
) -> np.ndarray:
    """Softmax over each question's candidates, AdaGrad, shuffled with a fixed seed."""
    rng = np.random.default_rng(SEED)
    w = np.zeros(span_model.DIM, dtype=np.float64)
    g2 = np.full(span_model.DIM, 1e-8)
    for _ in range(epochs):
        for k in rng.permutation(len(data)):
            idx, rowof, labels = data[k]
            scores = np.bincount(rowof, weights=w[idx], minlength=len(labels))
            scores -= scores.max()
            p = np.exp(scores)
            p /= p.sum()
            target = labels / labels.sum()
            grad_rows = p - target
            grad = np.bincount(idx, weights=grad_rows[rowof], minlength=span_model.DIM)
            touched = np.unique(idx)
            gt = grad[touched] + l2 * w[touched]
            g2[touched] += gt * gt
            w[touched] -= lr * gt / np.sqrt(g2[touched])
    return w


def save(w: np.ndarray, path: Path = OUT) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    index = np.nonzero(np.abs(w) > 1e-4)[0].astype(np.int32)
    np.savez_compressed(path, index=index, value=w[index].astype(np.float16))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not (args.data / "qa_dev.jsonl").is_file():
        print(f"No data in {args.data}", file=sys.stderr)
        return 2
    tune, _held_out = split_halves(load(args.data))
    data = examples(tune)
    w = train(data, epochs=args.epochs)
    save(w, args.out)
    print(
        json.dumps(
            {"questions": len(tune), "trained_on": len(data), "nonzero": int((w != 0).sum())}
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
