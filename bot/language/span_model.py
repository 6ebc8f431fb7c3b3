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
        [normalise(code, t) for t in text],
        [m.start() for m in ms],
        [m.end() for m in ms],
    )


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


def _bucket(d: int) -> int:
    if d <= 3:
        return d
    if d <= 5:
        return 4
    if d <= 9:
        return 5
    return 6


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


@lru_cache(maxsize=65536)
def _start_keys(
    fam: str, qtype: str, pshape: str, fshape: str, pq: bool, pstop: bool, fq: bool,
    fstop: bool, d: int, pos: int,
) -> tuple[int, ...]:  # fmt: skip
    keys = (
        f"s:fs={fshape}|{qtype}",
        f"s:ps={pshape}|{fshape}",
        f"s:pq={pq}|fq={fq}|{fam}",
        f"s:pstop={pstop}|fstop={fstop}|{fam}",
        f"s:d={d}|{qtype}|{fam}",
        f"s:d={d}|pq={pq}|{fam}",
        f"s:pos={pos}|{fam}",
        f"s:fs={fshape}|pq={pq}|{fam}",
    )
    return tuple(_h(k) for k in keys)


@lru_cache(maxsize=65536)
def _end_keys(
    fam: str, qtype: str, lshape: str, nshape: str, lq: bool, lstop: bool, nq: bool,
    nstop: bool, d: int, end: bool,
) -> tuple[int, ...]:  # fmt: skip
    keys = (
        f"e:ls={lshape}|{qtype}",
        f"e:ls={lshape}|{nshape}",
        f"e:nq={nq}|lq={lq}|{fam}",
        f"e:nstop={nstop}|lstop={lstop}|{fam}",
        f"e:d={d}|{qtype}|{fam}",
        f"e:d={d}|nq={nq}|{fam}",
        f"e:ls={lshape}|nq={nq}|{fam}",
        f"e:end={end}|{fam}",
    )
    return tuple(_h(k) for k in keys)


@lru_cache(maxsize=65536)
def _start_words(code: str, qtype: str, prev: str, first: str) -> tuple[int, ...]:
    return (
        _h(f"s:pw={code}|{prev}"),
        _h(f"s:fw={code}|{first}"),
        _h(f"s:pwq={code}|{prev}|{qtype}"),
    )


@lru_cache(maxsize=65536)
def _end_words(code: str, qtype: str, last: str, nxt: str) -> tuple[int, ...]:
    return (_h(f"e:nw={code}|{nxt}"), _h(f"e:lw={code}|{last}"), _h(f"e:nwq={code}|{nxt}|{qtype}"))


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

    # Start features of token i (words before it) and end features of token j (words after).
    left, right = _nearest(hit)
    sfeat = []
    efeat = []
    low = ["<s>", *tok.low, "</s>"]
    shp = ["<s>", *shapes, "</s>"]
    hitx = [False, *hit, False]
    stopx = [False, *stop, False]
    for k in range(n + 1):
        # Start at token k (previous token k-1); end before token k (last token k-1).
        row = _start_keys(
            fam, qtype, shp[k], shp[k + 1], hitx[k], stopx[k], hitx[k + 1], stopx[k + 1],
            _bucket(int(left[k])), min(4, 5 * k // max(n, 1)),
        )  # fmt: skip
        erow = _end_keys(
            fam, qtype, shp[k], shp[k + 1], hitx[k], stopx[k], hitx[k + 1], stopx[k + 1],
            _bucket(int(right[k])), k == n,
        )  # fmt: skip
        if words:
            row = row + _start_words(code, qtype, low[k], low[k + 1])
            erow = erow + _end_words(code, qtype, low[k], low[k + 1])
        sfeat.append(row)
        efeat.append(erow)
    S = np.array(sfeat, dtype=np.int64)
    E = np.array(efeat, dtype=np.int64)

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
    dist_b = np.select([dist <= 1, dist <= 2, dist <= 4, dist <= 8, dist < 99], [0, 1, 2, 3, 4], 5)
    cs, ce = starts[ci], ends[cj - 1]
    hint_span: list[tuple[int, int]] = []
    if hint:
        at = sentence.find(hint)
        if at >= 0:
            hint_span = [(at, at + len(hint))]
    hrel = _relation(cs, ce, hint_span)
    trel = _relation(cs, ce, typed)
    lb = np.minimum(length, 14 if p.ngrams else 8)
    clen = np.minimum((ce - cs) // 2, 8)

    def hashed(name: str, values: np.ndarray) -> np.ndarray:
        base = _hc(f"x:{name}")
        return (base + values * 2654435761) % DIM

    qc = _hc(qtype) % 97
    cols = [
        hashed(f"len|{fam}", lb),
        hashed(f"len|{fam}|{qtype}", lb),
        hashed(f"clen|{fam}", clen),
        hashed(f"inq|{fam}", np.minimum(inside_q, 2)),
        hashed(f"inq|{qtype}", np.minimum(inside_q, 2)),
        hashed(f"shape|{qtype}", shape_code),
        hashed(f"shape|{fam}|{qtype}", shape_code * 16 + np.minimum(length, 15)),
        hashed(f"dist|{fam}", dist_b),
        hashed(f"dist|{qtype}", dist_b),
        hashed(f"hint|{fam}", hrel),
        hashed(f"hint|{qtype}", hrel),
        hashed(f"typed|{qtype}", trel),
        hashed(f"typed|{fam}", trel * 5 + hrel),
        hashed("hintlen", hrel * 16 + np.minimum(length, 15)),
        hashed(f"dist-inq|{fam}", dist_b * 3 + np.minimum(inside_q, 2)),
        hashed("bias", np.full(len(ci), qc)),
    ]
    X = np.stack(cols, axis=1)
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
    prob = float(1.0 / p.sum())
    s, e = int(cands.char_start[top]), int(cands.char_end[top])
    return Best(s, e, sentence[s:e], prob)
