""" "The article doesn't say": a small logistic regression over what the question asks that the
article lacks (its names, numbers and rare terms found nowhere, or only far from the best
sentence; the asked type missing there). Weights and threshold: bot/data/refusal.json, made by
bench/train_refusal.py on SQuAD 2.0 dev tuning titles."""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from bot.words import STOP_WORDS, stem

NAMES = (
    "cover",
    "cover_sentence",
    "score",
    "gap",
    "span_prob",
    "absent_share",
    "absent_count",
    "absent_caps",
    "absent_numbers",
    "far_share",
    "type_found",
    "typed",
    "negation",
    "n_terms",
    "bigram_share",
    "missing_max_idf",
    "window_missing_max_idf",
    "absent_phrases",
    "absent_pairs",
)

_CAP = re.compile(r"(?<=\s)[A-Z][\w'’-]+")
_CAP_RUN = re.compile(r"(?<=\s)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+")
_DIGITS = re.compile(r"\d[\d,.]*")
_NEGATION = re.compile(r"\b(?:not|never|no|n't|without|cannot)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Evidence:
    """What the ranker knows about its best sentence, for the refusal decision."""

    cover: float
    cover_sentence: float
    score: float
    gap: float
    span_prob: float
    far_share: float
    type_found: bool
    typed: bool
    bigram_share: float
    window_missing_max_idf: float  # the rarest question term missing near the best sentence


def features(
    question: str,
    q_terms: list[str],
    article_terms: set[str],
    ev: Evidence,
    article_text: str,
    idf: dict[str, float],
    unseen_idf: float,
    article_pairs: set[str],
) -> list[float]:
    """The feature vector (in NAMES order) of a question against an article."""
    weights = {t: idf.get(t, unseen_idf) for t in q_terms}
    total = sum(weights.values()) or 1.0
    absent = [t for t in q_terms if t not in article_terms]
    caps = {stem(m.group()) for m in _CAP.finditer(question) if m.group().lower() not in STOP_WORDS}
    absent_caps = sum(1 for c in caps if c not in article_terms)
    nums = set(_DIGITS.findall(question))
    absent_numbers = sum(1 for n in nums if n.rstrip(".,") not in article_text)
    top = max(idf.values(), default=1.0) or 1.0
    missing_max = max((weights[t] for t in absent), default=0.0) / top
    # A name of two or more words ("Hamming battery") whose words are all there but never together.
    phrases = [p.lower() for p in _CAP_RUN.findall(question)]
    absent_phrases = sum(1 for p in phrases if p not in article_text)
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(q_terms)]
    absent_pairs = sum(1 for p in pairs if p not in article_pairs) / (len(pairs) or 1)
    return [
        ev.cover,
        ev.cover_sentence,
        ev.score,
        ev.gap,
        ev.span_prob,
        sum(weights[t] for t in absent) / total,
        float(min(len(absent), 4)),
        float(min(absent_caps, 3)),
        float(min(absent_numbers, 2)),
        ev.far_share,
        float(ev.type_found),
        float(ev.typed),
        float(bool(_NEGATION.search(question))),
        float(min(len(q_terms), 15)) / 15,
        ev.bigram_share,
        missing_max,
        ev.window_missing_max_idf / top,
        float(min(absent_phrases, 2)),
        absent_pairs,
    ]


@dataclass(frozen=True)
class Model:
    mean: list[float]
    scale: list[float]
    coef: list[float]
    bias: float
    threshold: float


@lru_cache(maxsize=1)
def model() -> Model | None:
    """The trained model, or None when the file is missing (then nothing is refused by it)."""
    try:
        raw = resources.files("bot").joinpath("data/refusal.json").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None
    d = json.loads(raw)
    if d.get("names") != list(NAMES):
        return None
    return Model(d["mean"], d["scale"], d["coef"], d["bias"], d["threshold"])


def probability(x: list[float], m: Model) -> float:
    """The probability that the article does not answer the question."""
    z = m.bias + sum(
        c * (v - mu) / sc for c, v, mu, sc in zip(m.coef, x, m.mean, m.scale, strict=True)
    )
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def refuses(x: list[float]) -> bool:
    m = model()
    return m is not None and probability(x, m) >= m.threshold
