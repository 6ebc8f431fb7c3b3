"""Where Thai sentences end: Thai writes no sentence punctuation, only a space between clauses
and between sentences. A small logistic regression over each space's surroundings (the letters
just before and after it, the lengths of the clauses on both sides) says how likely the space
ends a sentence; it was trained by `bench/train_thai_split.py` on XQuAD's tuning titles, whose
English twins' sentence ends were mapped onto the Thai text. A few rules hold whatever the
weights say: no sentence ends on a preposition or before "ซึ่ง" (which); one starts at "นอกจากนี้"
(moreover) and the like; none ends between brackets or quotation marks.

Weights: `bot/data/thai_split.json` (feature name -> weight, the decision threshold, the shortest
sentence and the length past which a sentence is cut at its likeliest space)."""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_THAI = re.compile(r"[\u0e00-\u0e7f]")
_DIGIT = re.compile(r"[0-9\u0e50-\u0e59]")
_LATIN = re.compile(r"[A-Za-z]")
_CLOSE = frozenset(")]”’\"'»")
_OPEN = frozenset("([“‘\"'«")
SUFFIXES = (1, 2, 3)  # letters of the clause before the space
PREFIXES = (1, 2, 3, 4)  # letters of the clause after it


# A sentence never ends on a word that needs what follows (a preposition, a conjunction: "ใน" in,
# "ของ" of, "และ" and, "โดย" by), nor does one start with a word that continues the one before
# ("ซึ่ง" which, "และ" and, "หรือ" or, "ๆ" the repetition mark, "ตามด้วย" followed by, "นี้" this
# after its noun: "... ครั้ง นี้"). The learned weights see these too, but the mapped sentence ends
# they learn from are rough; the rules hold every time. "พร้อมด้วย" (together with), "ตามด้วย" and
# "นี้": XQuAD th tuning top-1 83.1 -> 84.0.
_NEEDS_MORE = re.compile(
    r"(?:ใน|ของ|และ|หรือ|กับ|จาก|โดย|คือ|แก่|ซึ่ง|เพื่อ|ระหว่าง|เช่น|ได้แก่|ตั้งแต่|สำหรับ|แต่|ทั้ง|ถึง|พร้อมด้วย"
    r"|(?<!ก)ว่า)$"  # "ว่า" that (after "said"), but not "กว่า" than
)
_CONTINUES = re.compile(r"^(?:ซึ่ง|และ|หรือ|ๆ|คือ|ได้แก่|เช่น|ของ|แก่|ตามด้วย|นี้)")
# Words that open a sentence ("moreover", "however", "later", "therefore"): a sentence of
# `min_chars` ends before one whatever the weights say, and never right after one.
_OPEN_WORDS = (
    "นอกจากนี้", "นอกจากนั้น", "อย่างไรก็ตาม", "อย่างไรก็ดี", "ทั้งนี้", "ต่อมา", "ดังนั้น",
    "ในขณะเดียวกัน", "ในปัจจุบัน", "ปัจจุบันนี้",
)  # fmt: skip


def may_end(left: str, right: str) -> bool:
    """Whether a sentence may end between clause `left` and clause `right`."""
    return not (_NEEDS_MORE.search(left) or _CONTINUES.search(right) or left.endswith(_OPEN_WORDS))


def opens_sentence(right: str) -> bool:
    """Whether clause `right` starts with a word that opens a sentence."""
    return right.startswith(_OPEN_WORDS)


_PAIRS = {"(": ")", "[": "]", "“": "”", "«": "»"}
MAX_ENCLOSED = 400  # a longer stretch between brackets or quotes may hold sentence ends


def enclosed(text: str) -> list[bool]:
    """Per character, whether it lies between an opening bracket or quotation mark and the one
    closing it (at most MAX_ENCLOSED characters on): a list in brackets ("NBA (Los Angeles
    Lakers, Los Angeles Clippers)") or a quotation spoken in one breath is not cut at its spaces."""
    out = [False] * len(text)
    opened: list[tuple[str, int]] = []
    closers = frozenset(_PAIRS.values())
    for i, ch in enumerate(text):
        if ch in _PAIRS:
            opened.append((ch, i))
        elif ch in closers:
            # The nearest mark this one closes; marks opened after it and never closed are
            # dropped with it.
            k = next((k for k in range(len(opened) - 1, -1, -1) if _PAIRS[opened[k][0]] == ch), -1)
            if k < 0:
                continue
            start = opened[k][1]
            del opened[k:]
            if i - start <= MAX_ENCLOSED:
                out[start:i] = [True] * (i - start)
    return out


def _kind(ch: str) -> str:
    if _THAI.match(ch):
        return "t"
    if _DIGIT.match(ch):
        return "d"
    if _LATIN.match(ch):
        return "l"
    if ch in _CLOSE:
        return "c"
    if ch in _OPEN:
        return "o"
    return "p"


def _length_bucket(n: int) -> int:
    return min(int(math.log2(n + 1)), 9)


def spaces(text: str) -> list[int]:
    """Positions of the single spaces of a text whose runs of white space are one space."""
    return [i for i, ch in enumerate(text) if ch == " "]


def features(text: str, at: list[int], k: int) -> list[str]:
    """The features of the space at `at[k]` in `text` (`at` lists every space of the text)."""
    p = at[k]
    start = at[k - 1] + 1 if k else 0
    end = at[k + 1] if k + 1 < len(at) else len(text)
    left, right = text[start:p], text[p + 1 : end]
    out = ["bias"]
    if left:
        out.append(f"lk:{_kind(left[-1])}")
    if right:
        out.append(f"rk:{_kind(right[0])}")
    if left and right:
        out.append(f"kk:{_kind(left[-1])}{_kind(right[0])}")
    out += [f"s{n}:{left[-n:]}" for n in SUFFIXES if len(left) >= n]
    out += [f"p{n}:{right[:n]}" for n in PREFIXES if len(right) >= n]
    if "นี้" in right[:12]:
        out.append("this")  # "สวนแห่งนี้ ..." this park ...: a sentence about the one before
    out.append(f"ll:{_length_bucket(len(left))}")
    out.append(f"rl:{_length_bucket(len(right))}")
    return out


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    threshold: float  # a space ends a sentence when its probability reaches this
    min_chars: int  # and neither side is shorter than this
    max_chars: int  # a longer sentence is cut at its likeliest space anyway

    def probabilities(self, text: str, at: list[int]) -> list[float]:
        w = self.weights
        out = []
        for k in range(len(at)):
            z = sum(w.get(f, 0.0) for f in features(text, at, k))
            out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
        return out


@lru_cache(maxsize=1)
def model() -> Model:
    raw = resources.files("bot").joinpath("data/thai_split.json").read_text("utf-8")
    d = json.loads(raw)
    return Model(
        weights={str(k): float(v) for k, v in d["weights"].items()},
        threshold=float(d["threshold"]),
        min_chars=int(d["min_chars"]),
        max_chars=int(d["max_chars"]),
    )


def breaks(text: str, probs: list[float], at: list[int], m: Model) -> list[int]:
    """The spaces chosen as sentence ends: left to right, a likely one (or one before a word that
    opens a sentence) once the sentence has `min_chars`, and the rest of the text too; a
    sentence past `max_chars` ends at its likeliest space that leaves both sides `min_chars`.
    Never where `may_end` says no."""
    n = len(at)
    held = enclosed(text)
    allowed = [
        not held[at[j]]
        and may_end(
            text[at[j - 1] + 1 if j else 0 : at[j]],
            text[at[j] + 1 : at[j + 1] if j + 1 < n else len(text)],
        )
        for j in range(n)
    ]
    sure = [
        probs[j] >= m.threshold or opens_sentence(text[at[j] + 1 : at[j] + 20]) for j in range(n)
    ]

    def likeliest(start: int, last: int) -> int | None:
        # Only the spaces of the sentence being cut: a long text costs no more per sentence.
        lo = bisect.bisect_left(at, start + m.min_chars)
        hi = bisect.bisect_right(at, min(last, len(text) - 1 - m.min_chars))
        inside = [j for j in range(lo, hi) if allowed[j]]
        return max(inside, key=lambda j: (probs[j], -j)) if inside else None

    out: list[int] = []
    start = 0
    k = 0
    while k < n and len(text) - at[k] - 1 >= m.min_chars:
        p = at[k]
        if p - start >= m.min_chars and sure[k] and allowed[k]:
            out.append(p)
            start = p + 1
        elif p - start > m.max_chars and (j := likeliest(start, p)) is not None:
            out.append(at[j])
            start = at[j] + 1
            k = j
        k += 1
    # The last sentence too: cut while it is too long and a space allows it.
    while len(text) - start > m.max_chars and (j := likeliest(start, len(text))) is not None:
        out.append(at[j])
        start = at[j] + 1
    return out


def split(text: str, m: Model | None = None) -> list[str]:
    """Thai text (runs of white space already one space) cut into sentences."""
    m = m or model()
    at = spaces(text)
    if not at:
        return [text]
    cuts = breaks(text, m.probabilities(text, at), at, m)
    out = []
    start = 0
    for p in cuts:
        out.append(text[start:p])
        start = p + 1
    out.append(text[start:])
    return [s for s in out if s]
