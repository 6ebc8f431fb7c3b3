"""The learned short-answer scorer for languages other than English: candidate spans of the
chosen sentence (up to 6 tokens; up to 14 characters in Chinese, Japanese and Thai), features
that carry across languages without a tagger, and a softmax over the sentence's candidates.

A candidate's score is the sum of the weights of its start features (the first token and the
words before it), its end features (the last token and the words after it) and its span
features (length, question words inside, the rules' typed candidates and their answer), so a
sentence's hundreds of candidates are scored with a few numpy operations.

The weights are a small file inside the package (`bot/data/span_weights_ml.npz`), made by
`bench/train_spans_ml.py` from the tuning half of XQuAD's titles; only numpy is needed here.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from bot.language.text import normalise, profile

DIM_BITS = 18
DIM = 1 << DIM_BITS
MAX_WORDS = 6
MAX_CHARS = 14
MAX_TYPED = 32  # typed spans a sentence's candidates are related to (see candidates)

_L = r"(?:[^\W_]|[\u0900-\u0dff])"
_NUMBER = r"[0-9]+(?:[.,\u00a0\u202f][0-9]{3})*(?:[.,][0-9]+)?"
_SPACED = re.compile(rf"{_NUMBER}|{_L}+(?:['’\-]{_L}+)*|[^\w\s]")
_SCRIPT = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f"
# One letter of Chinese, Japanese or Thai (with the Thai vowel and tone marks over it).
_UNSPACED = re.compile(
    rf"[{_SCRIPT}][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]*|{_NUMBER}|[^\W_{_SCRIPT}]+(?:['’\-][^\W_{_SCRIPT}]+)*|[^\w\s]"
)
# A candidate never crosses these (commas inside numbers are inside one token).
_CUT = frozenset(',;:()[]{}«»"“”„。，、；：（）！？!?؛،|')
# Thai vowels written before their consonant, and marks written over or after it, do not end
# or start a span.
_TH_LEADING = frozenset("เแโใไ")


@dataclass(frozen=True)
class Best:
    start: int
    end: int
    text: str
    prob: float


@dataclass
class _Tokens:
    text: list[str]
    low: list[str]
    starts: list[int]
    ends: list[int]


def _tokens(sentence: str, code: str) -> _Tokens:
    pat = _UNSPACED if profile(code).ngrams else _SPACED
    ms = list(pat.finditer(sentence))
    text = [m.group(0) for m in ms]
    return _Tokens(
        text,
        [_lower(code, t) for t in text],
        [m.start() for m in ms],
        [m.end() for m in ms],
    )


@lru_cache(maxsize=65536)
def _lower(code: str, tok: str) -> str:
    return normalise(code, tok)


@lru_cache(maxsize=65536)
def _shape(tok: str) -> str:
    if not tok:
        return "none"
    c = tok[0]
    if c.isdigit():
        return "digit" if tok.replace(".", "").replace(",", "").isdigit() else "digitmix"
    if not c.isalnum() and unicodedata.category(c) != "Mn" and not c.isalpha():
        return "p" + c if c in "-–—'’.%$€£¥/&" else "punct"
    if c.isupper():
        if len(tok) > 1 and tok.isupper():
            return "caps"
        return "cap"
    if c.islower():
        return "low"
    if unicodedata.category(c) == "Mn":
        return "mark"
    if "\u0e00" <= c <= "\u0e7f":
        return "th-lead" if c in _TH_LEADING else "th"
    return "other"


def _h(key: str) -> int:
    return zlib.crc32(key.encode("utf-8")) & (DIM - 1)


@lru_cache(maxsize=65536)
def _hc(key: str) -> int:
    return _h(key)


def _anchors(tok: _Tokens, question: str, code: str) -> tuple[list[bool], list[bool]]:
    """Per token: whether it is one of the question's content words (stem, or character bigram
    for scripts without spaces), and whether it is a stop word."""
    p = profile(code)
    asked = frozenset(p.terms(question))
    stops = p.stop_words
    n = len(tok.text)
    if p.ngrams:
        hit = [False] * n
        for k in range(n - 1):
            if tok.low[k] + tok.low[k + 1] in asked:
                hit[k] = hit[k + 1] = True
        for k in range(n):
            if len(tok.low[k]) > 1 and tok.low[k] in asked:
                hit[k] = True
        stop = [t in stops for t in tok.low]
        return hit, stop
    hit = [t not in stops and t[:1].isalnum() and p.stem(t) in asked for t in tok.low]
    stop = [t in stops for t in tok.low]
    return hit, stop


def _nearest(flags: list[bool]) -> tuple[np.ndarray, np.ndarray]:
    """Per position: tokens back to the nearest flagged token before it, and forward to the
    nearest flagged token after it (99 when none)."""
    n = len(flags)
    left = np.full(n + 1, 99, dtype=np.int64)
    last = -1000
    for k in range(n + 1):
        left[k] = min(99, k - last) if last >= 0 else 99  # from position k back to a flag < k
        if k < n and flags[k]:
            last = k
    right = np.full(n + 1, 99, dtype=np.int64)
    nxt = -1
    for k in range(n, -1, -1):
        if k < n and flags[k]:
            nxt = k
        right[k] = min(99, nxt - k + 1) if nxt >= 0 else 99  # from position k to a flag >= k
    return left, right


_SHAPES = [
    "<s>",
    "</s>",
    "none",
    "digit",
    "digitmix",
    "punct",
    "caps",
    "cap",
    "low",
    "mark",
    "th-lead",
    "th",
    "other",
    "p-",
    "p–",
    "p—",
    "p'",
    "p’",
    "p.",
    "p%",
    "p$",
    "p€",
    "p£",
    "p¥",
    "p/",
    "p&",
]
_SHAPE_IDS = {shape: k for k, shape in enumerate(_SHAPES)}


def _shape_id(shape: str) -> int:
    return _SHAPE_IDS.get(shape, 63)


@lru_cache(maxsize=65536)
def _word_id(code: str, word: str) -> int:
    """A word of one language, hashed (the same word in two languages is two features)."""
    return _h(f"{code}|{word}")


def _buckets(d: np.ndarray) -> np.ndarray:
    """Distances in tokens: 0-3 as they are, then 4-5, 6-9 and farther (no question word: 99)."""
    return np.where(d <= 3, d, 4 + (d > 5) + (d > 9))


@dataclass
class Candidates:
    """A sentence's candidates (token ranges), and each one's feature indices (rows)."""

    i: np.ndarray
    j: np.ndarray
    start: np.ndarray  # (positions, features): the start features of a candidate at each token
    end: np.ndarray  # (positions, features): the end features of a candidate ending there
    span: np.ndarray  # (candidates, features)
    char_start: np.ndarray
    char_end: np.ndarray

    @property
    def feats(self) -> np.ndarray:
        """All feature indices of each candidate, (candidates, features)."""
        return np.concatenate([self.start[self.i], self.end[self.j], self.span], axis=1)

    def scores(self, w: np.ndarray) -> np.ndarray:
        return (
            w[self.start].sum(axis=1)[self.i]
            + w[self.end].sum(axis=1)[self.j]
            + w[self.span].sum(axis=1)
        )


def _relation(a: np.ndarray, b: np.ndarray, spans: list[tuple[int, int]]) -> np.ndarray:
    """0 none, 1 overlaps, 2 inside one of the spans, 3 contains one, 4 is one."""
    out = np.zeros(len(a), dtype=np.int64)
    for s, e in spans:
        rel = np.where(
            (a == s) & (b == e),
            4,
            np.where(
                (a <= s) & (b >= e),
                3,
                np.where((a >= s) & (b <= e), 2, np.where((a < e) & (b > s), 1, 0)),
            ),
        )
        out = np.maximum(out, rel)
    return out


def candidates(
    question: str,
    qtype: str,
    sentence: str,
    code: str,
    hint: str | None,
    typed: list[tuple[int, int]],
    *,
    words: bool = True,
    cross: str = "",
) -> Candidates | None:
    """The candidate spans of a sentence and their features."""
    p = profile(code)
    fam = "u" if p.ngrams else "s"
    tok = _tokens(sentence, code)
    n = len(tok.text)
    if n == 0:
        return None
    hit, stop = _anchors(tok, question, code)
    shapes = [_shape(t) for t in tok.text]
    cut = [t in _CUT for t in tok.text]
    punct = [s.startswith("p") for s in shapes]
    limit = MAX_CHARS if p.ngrams else MAX_WORDS
    # Every (start, end) pair up to the limit, then those that cross a clause mark, start on
    # punctuation or a combining mark, or end on punctuation or inside a Thai syllable, out.
    ci = np.repeat(np.arange(n, dtype=np.int64), limit)
    cj = ci + np.tile(np.arange(1, limit + 1, dtype=np.int64), n)
    bad_start = np.array([q or s == "mark" for q, s in zip(punct, shapes, strict=True)])
    bad_end = np.array(
        [
            (q and t != "%") or s == "th-lead" or (k + 1 < n and shapes[k + 1] == "mark")
            for k, (q, t, s) in enumerate(zip(punct, tok.text, shapes, strict=True))
        ]
    )
    cuts = np.concatenate([[0], np.cumsum(np.array(cut, dtype=np.int64))])
    ok = cj <= n
    ci, cj = ci[ok], cj[ok]
    ok = ~bad_start[ci] & ~bad_end[cj - 1] & (cuts[cj] == cuts[ci])
    ci, cj = ci[ok], cj[ok]
    if not len(ci):
        return None
    starts = np.array(tok.starts, dtype=np.int64)
    ends = np.array(tok.ends, dtype=np.int64)

    # Start features of a candidate starting at token k (the token before it, k-1, and its
    # first, k) and end features of one ending before token k (its last, k-1, and the next, k),
    # for every k in 0..n, as (template, value) pairs hashed with numpy.
    left, right = _nearest(hit)
    shp = np.array([0, *(_shape_id(x) for x in shapes), 1], dtype=np.int64)
    hx = np.array([False, *hit, False], dtype=np.int64)
    sx = np.array([False, *stop, False], dtype=np.int64)
    k = np.arange(n + 1)
    a_sh, b_sh = shp[k], shp[k + 1]  # before the boundary, after it
    a_q, b_q = hx[k], hx[k + 1]
    a_s, b_s = sx[k], sx[k + 1]
    dl = _buckets(left)
    dr = _buckets(right)
    pos = np.minimum(4, 5 * k // max(n, 1))
    at_end = (k == n).astype(np.int64)

    def t(name: str, values: np.ndarray, asked: bool = False) -> np.ndarray:
        key = f"{name}|{qtype}|{fam}" if asked else f"{name}|{fam}"
        return (_hc(key) + values * 2654435761) % DIM

    start = [
        t("s:fs", b_sh, asked=True),
        t("s:ps-fs", a_sh * 64 + b_sh),
        t("s:pq-fq", a_q * 2 + b_q),
        t("s:pstop-fstop", a_s * 2 + b_s),
        t("s:d", dl, asked=True),
        t("s:d-pq", dl * 2 + a_q),
        t("s:pos", pos),
        t("s:fs-pq", b_sh * 2 + a_q),
    ]
    end = [
        t("e:ls", a_sh, asked=True),
        t("e:ls-ns", a_sh * 64 + b_sh),
        t("e:nq-lq", b_q * 2 + a_q),
        t("e:nstop-lstop", b_s * 2 + a_s),
        t("e:d", dr, asked=True),
        t("e:d-nq", dr * 2 + b_q),
        t("e:ls-nq", a_sh * 2 + b_q),
        t("e:end", at_end),
    ]
    if words:
        wid = np.array([_word_id(code, w) for w in ["<s>", *tok.low, "</s>"]], dtype=np.int64)
        a_w, b_w = wid[k], wid[k + 1]
        start += [t("s:pw", a_w), t("s:fw", b_w), t("s:pwq", a_w, asked=True)]
        end += [t("e:nw", b_w), t("e:lw", a_w), t("e:nwq", b_w, asked=True)]
    S = np.stack(start, axis=1)
    E = np.stack(end, axis=1)

    # Span features, vectorised over candidates.
    def cum(flags: list[bool]) -> np.ndarray:
        return np.concatenate([[0], np.cumsum(np.array(flags, dtype=np.int64))])

    nhit = cum(hit)
    inside_q = nhit[cj] - nhit[ci]
    length = cj - ci
    inner_punct = cum(punct)
    has_punct = (inner_punct[cj] - inner_punct[ci]) > 0
    digit = cum([s.startswith("digit") for s in shapes])
    capital = cum([s in ("cap", "caps") for s in shapes])
    lower = cum([s == "low" for s in shapes])
    stops_in = cum(stop)
    has_digit = (digit[cj] - digit[ci]) > 0
    content = length - (stops_in[cj] - stops_in[ci]) - (inner_punct[cj] - inner_punct[ci])
    all_cap = (capital[cj] - capital[ci]) >= np.maximum(content, 1)
    has_low = (lower[cj] - lower[ci]) > 0
    shape_code = has_digit * 1 + all_cap * 2 + has_low * 4 + has_punct * 8
    dist = np.minimum(left[ci], right[cj])
    # 0-1, 2, 3-4, 5-8, farther, no question word: 0 to 5
    dist_b = (dist > 1).astype(np.int64) + (dist > 2) + (dist > 4) + (dist > 8) + (dist >= 99)
    cs, ce = starts[ci], ends[cj - 1]
    hint_span: list[tuple[int, int]] = []
    if hint:
        at = sentence.find(hint)
        if at >= 0:
            hint_span = [(at, at + len(hint))]
    hrel = _relation(cs, ce, hint_span)
    if len(typed) > MAX_TYPED:
        # A long run of numbers or dates (a pasted table with no full stops): the relation is
        # one pass over every candidate per typed span, so only those nearest the question's
        # words count (a sentence of 11,000 numbers took 4 s).
        marks = [tok.starts[k] for k, h in enumerate(hit) if h] or [0]
        typed = sorted(typed, key=lambda sp: min(abs(sp[0] - m) for m in marks[:MAX_TYPED]))
        typed = typed[:MAX_TYPED]
    trel = _relation(cs, ce, typed)
    lb = np.minimum(length, 14 if p.ngrams else 8)
    clen = np.minimum((ce - cs) // 2, 8)

    qc = _hc(qtype) % 97
    inq = np.minimum(inside_q, 2)
    len15 = np.minimum(length, 15)
    named = [
        (f"len|{fam}", lb),
        (f"len|{fam}|{qtype}", lb),
        (f"clen|{fam}", clen),
        (f"inq|{fam}", inq),
        (f"inq|{qtype}", inq),
        (f"shape|{qtype}", shape_code),
        (f"shape|{fam}|{qtype}", shape_code * 16 + len15),
        (f"dist|{fam}", dist_b),
        (f"dist|{qtype}", dist_b),
        (f"hint|{fam}", hrel),
        (f"hint|{qtype}", hrel),
        (f"typed|{qtype}", trel),
        (f"typed|{fam}", trel * 5 + hrel),
        ("hintlen", hrel * 16 + len15),
        (f"dist-inq|{fam}", dist_b * 3 + inq),
        ("bias", np.full(len(ci), qc)),
    ]
    bases = np.array([_hc(f"x:{name}") for name, _ in named], dtype=np.int64)
    X = (bases + np.stack([v for _, v in named], axis=1) * 2654435761) % DIM
    if cross:
        # Every feature again, crossed with the family of scripts ("fam") or the language
        # ("lang"): what holds everywhere and what holds for some languages only.
        salt = _hc(f"cross={fam if cross == 'fam' else code}")
        S, E, X = (np.concatenate([a, (a * 40503 + salt) % DIM], axis=1) for a in (S, E, X))
    return Candidates(ci, cj, S, E, X, cs, ce)


WEIGHTS = "span_weights_ml.npz"


@lru_cache(maxsize=1)
def weights() -> tuple[np.ndarray, bool, str] | None:
    """The trained weights, whether they use the per-language word features and what every
    feature is crossed with; None when the file is missing (the rules' span is then shown)."""
    try:
        ref = resources.files("bot") / "data" / WEIGHTS
        with resources.as_file(ref) as path, np.load(path) as z:
            w = np.zeros(DIM, dtype=np.float64)
            w[z["index"]] = z["value"].astype(np.float64)
            return w, bool(z["words"]), str(z["cross"])
    except (FileNotFoundError, OSError, KeyError):
        return None


def best_span(
    question: str,
    qtype: str,
    sentence: str,
    code: str,
    hint: str | None,
    typed: list[tuple[int, int]],
) -> Best | None:
    """The most probable candidate span and its probability among the sentence's candidates;
    None without weights or candidates."""
    got = weights()
    if got is None:
        return None
    w, words, cross = got
    cands = candidates(question, qtype, sentence, code, hint, typed, words=words, cross=cross)
    if cands is None:
        return None
    scores = cands.scores(w)
    top = int(np.argmax(scores))
    p = np.exp(scores - scores[top])
    # Below 1: a sure answer (confidence 1) is a quote or reason found by rules, never a span.
    prob = min(float(1.0 / p.sum()), 0.999)
    s, e = int(cands.char_start[top]), int(cands.char_end[top])
    return Best(s, e, sentence[s:e], prob)
