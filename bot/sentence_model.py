"""The learned sentence re-ranker: the hand-mixed score (BM25-style terms, bigrams, fuzzy match,
answer type) picks a short list of sentences; a softmax regression over features of each one
(how much of the question it holds, exactly and nearby, the rarest term found, the answer type,
its length and place, whether it follows the list's best match and adds what that one lacks)
picks the answer among them.

Weights: `bot/data/sentence_model.json`, made by `bench/train_sentences.py` from the tuning halves
of SQuAD 1.1 dev, XQuAD dev (all 12 languages) and the news set; only the standard library is
needed at run time. Without the file the hand-mixed order stands.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

SHORTLIST = 8
# What a sentence holds beyond the question's words, crossed with the asked type.
SHAPES = ("digits", "year", "caps", "quote")

# Per-candidate features; each is also repeated for languages written without spaces (zh/ja/th)
# and for English, so one model can weigh them differently there.
BASE = (
    "score",
    "gap",
    "rank0",
    "rank1",
    "rank2",
    "cover",
    "share",
    "share_window",
    "bigram",
    "fuzz",
    "partial",
    "chars",
    "typed_found",
    "typed_missing",
    "who_found",
    "when_found",
    "where_found",
    "number_found",
    "log_length",
    "short",
    "first",
    "position",
    "paragraph_first",
    "rarest_found",
    "missing_rare",
    "density",
    "near_only",
    "prev_share",
    "next_share",
    "paragraph_last",
    "focus_found",
    "share_verb",
    "share_name",
    "share_noun",
    "best_share",
    "best_bigram",
    "best_fuzz",
    "best_near",
    "say_quote",
    "pronoun_start",
    "share_local",
    "pair_prev",
    "adds_to_prev",
    "prev_best",
    "defines",
    "kind_named",
    "typed_near",
    *(f"{t}:{shape}" for t in ("person", "place", "date", "number", "thing") for shape in SHAPES),
)
BLOCKS = ("all", "ngram", "en")

# Products of the strongest features: how much each counts depends on the others.
CROSSED = ("gap", "rank0", "share", "share_window", "fuzz", "chars", "typed_found", "rarest_found")
_CROSSED_AT = tuple(BASE.index(n) for n in CROSSED)
PAIRS = tuple((a, b) for k, a in enumerate(_CROSSED_AT) for b in _CROSSED_AT[k + 1 :])
NAMES = (
    *(f"{b}:{n}" for b in BLOCKS for n in BASE),
    *(f"{BASE[a]}*{BASE[b]}" for a, b in PAIRS),
)


@dataclass(frozen=True)
class Model:
    weights: np.ndarray  # per feature, with the standardisation folded in
    languages: frozenset[str]  # where it beat the hand-mixed order in cross-validation


@lru_cache(maxsize=1)
def model() -> Model | None:
    """The trained model, or None when the file is missing or was made for other features."""
    try:
        raw = resources.files("bot").joinpath("data/sentence_model.json").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None
    d = json.loads(raw)
    if d.get("names") != list(NAMES):
        return None
    weights = np.array(d["coef"], dtype=np.float64) / np.array(d["scale"], dtype=np.float64)
    return Model(weights, frozenset(d["languages"]))


def expand(base: list[float], *, ngram: bool, english: bool) -> list[float]:
    """A candidate's base features laid out in the three blocks of NAMES."""
    zero = [0.0] * len(base)
    return [
        *base,
        *(base if ngram else zero),
        *(base if english else zero),
        *(base[a] * base[b] for a, b in PAIRS),
    ]


def scores(rows: list[list[float]], m: Model) -> list[float]:
    """Each candidate's score (up to a constant shared by all candidates of a question)."""
    return (np.array(rows, dtype=np.float64) @ m.weights).tolist()
