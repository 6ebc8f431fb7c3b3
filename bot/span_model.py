"""The learned short-answer scorer: candidate spans of a sentence, their features, and a
logistic-regression (softmax over candidates) score from hashed features.

The weights are a small file inside the package (`bot/data/span_weights.npz`), made by
`bench/train_spans.py` from SQuAD dev titles; only numpy is needed at run time.
"""

from __future__ import annotations

import itertools
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from bot import pos, spans
from bot.words import COUNT_WORDS, STOP_WORDS, stem

DIM_BITS = 18
DIM = 1 << DIM_BITS
MAX_CANDIDATES = 80  # beyond this, only candidates within NEAR_TOKENS of a question word
NEAR_TOKENS = 12
HINT_CHARS = 200  # a rules' span longer than this does not keep far candidates
MAX_UNANCHORED = 2000  # candidates of a sentence with none of the question's words, at most ...
OPENING_TOKENS = 250  # ... beyond which only those in its opening tokens are scored
MAX_LEN = 8  # tokens; longer answers (quotes, reasons) come from the rules in bot/quotes.py

_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Prof|Maj|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|St|Jr|Sr)\.|[A-Z]\.(?=\s+[A-Z])|[^\W_]+(?:(?:(?<=\d)[’']|[’'](?![sS]\b)|[.\-&,/])[^\W_]+)*|[’'][sS]\b|[^\w\s]"
)
_CURRENCY = frozenset(spans.CURRENCY)
_END_OK = frozenset({"%", ")", "”", '"', "’", "'"})
_POSSESSIVE = frozenset({"'s", "’s"})  # its own token: "Leonardo da Vinci" can be the answer
# Words a short answer never starts or ends with (it may contain them: "Duke of York").
_NO_EDGE = frozenset(
    [
        "of",
        "and",
        "or",
        "but",
        "nor",
        "to",
        "for",
        "with",
        "by",
        "from",
        "in",
        "on",
        "at",
        "as",
        "than",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "not",
        "also",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "it",
        "they",
        "he",
        "she",
        "we",
        "i",
        "you",
        "them",
        "him",
        "us",
        "this",
        "these",
        "those",
        "there",
        "then",
        "so",
        "if",
        "because",
        "while",
        "although",
        "though",
        "when",
        "where",
        "why",
        "how",
        "what",
        "after",
        "before",
        "since",
        "until",
        "into",
        "onto",
        "upon",
        "about",
        "said",
        "says",
        "told",
        "according",
        "thus",
        "therefore",
        "however",
        "hence",
        "even",
        "just",
        "only",
        "very",
    ]
)
_FUNCTION = _NO_EDGE | frozenset(["a", "an", "the"])
# Stop words that are whole answers to "how many" ("four", "several"): they count as content.
_COUNT_WORDS = COUNT_WORDS | {
    "twenty",
    "hundred",
    "thousand",
    "million",
    "billion",
    "half",
    "both",
    "most",
    "none",
}
_NO_START = _NO_EDGE - {"about"}  # "about 1,200" is a whole answer
_QWORDS = re.compile(
    r"\b(what|which|who|whom|whose|when|where|why|how)\b(?:\s+(much|many|long|far|old|big|large|"
    r"often|high|tall|deep|wide|fast|heavy))?",
    re.IGNORECASE,
)
_AUX = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "did",
        "does",
        "do",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "to",
        # "who's", "what're": the contracted verb, not a head word
        "'s",
        "’s",
        "'re",
        "’re",
    ]
)


@dataclass(frozen=True)
class QInfo:
    """What the scorer needs from a question: its wh-word (with "how much" etc.), head word,
    content-word stems and their weights."""

    wh: str
    head: str
    stems: frozenset[str]


def question_info(question: str) -> QInfo:
    m = _QWORDS.search(question)
    wh = "none"
    head = "none"
    if m:
        wh = m.group(1).lower() + (" " + m.group(2).lower() if m.group(2) else "")
        rest = question[m.end() :].split()
        if rest:
            w = rest[0].lower().strip("?,.")
            if w not in _AUX:
                head = stem(w)
            elif len(rest) > 1 and w in ("the", "a", "an"):
                head = stem(rest[1].lower().strip("?,."))
    stems = frozenset(
        stem(w) for w in re.findall(r"[^\W_]+", question) if w.lower() not in STOP_WORDS
    )
    return QInfo(wh, head, stems)


def _shape(tok: str) -> str:
    if tok[0].isdigit():
        return "d"
    if tok in _CURRENCY:
        return "$"
    if not tok[0].isalnum():
        return "p"
    if tok.isupper() and len(tok) > 1:
        return "A"
    if tok[0].isupper():
        return "X"
    return "x"


@dataclass
class _Sentence:
    """Per-sentence token data, shared by all candidates of the sentence."""

    text: str
    toks: list[str]
    starts: list[int]
    ends: list[int]
    lower: list[str]
    shapes: list[str]
    stems: list[str]
    tags: list[str]
    entity_ends: dict[int, str]  # start char -> kind, for spans that are named entities


@lru_cache(maxsize=256)
def _sentence(text: str) -> _Sentence:
    toks, starts, ends = [], [], []
    for m in _TOKEN.finditer(text):
        toks.append(m.group())
        starts.append(m.start())
        ends.append(m.end())
    lower = [t.lower() for t in toks]
    ents: dict[int, str] = {}
    for sp in spans.names(text):
        ents[sp.start * 100000 + sp.end] = sp.kind
    for sp in spans.numbers(text):
        ents[sp.start * 100000 + sp.end] = "number"
    for sp in spans.numbers(text, with_unit=False):
        ents.setdefault(sp.start * 100000 + sp.end, "number")
    for sp in spans.dates(text):
        ents[sp.start * 100000 + sp.end] = "date"
    return _Sentence(
        text,
        toks,
        starts,
        ends,
        lower,
        [_shape(t) for t in toks],
        [stem(t) if t[0].isalnum() else t for t in lower],
        pos.tag(toks),
        ents,
    )


def candidates(sentence: str) -> list[tuple[int, int]]:
    """Token ranges [i, j) that could be a short answer."""
    s = _sentence(sentence)
    n = len(s.toks)
    out = []
    for i in range(n):
        first = s.toks[i]
        if not (first[0].isalnum() or first in _CURRENCY) or s.lower[i] in _NO_START:
            continue
        for j in range(i + 1, min(n, i + MAX_LEN) + 1):
            last = s.toks[j - 1]
            if last in (".", ";", ":", "?", "!"):
                break
            if not (last[0].isalnum() or last in _END_OK) or s.lower[j - 1] in _POSSESSIVE:
                continue
            if s.lower[j - 1] in _NO_EDGE:
                continue
            out.append((i, j))
    return out


def _hint(hs: int, he: int, a: int, b: int) -> str:
    if hs < 0:
        return "none"
    if (a, b) == (hs, he):
        return "same"
    if a <= hs and he <= b:
        return "covers"
    if hs <= a and b <= he:
        return "inside"
    return "overlap" if a < he and hs < b else "apart"


def _left_run(in_q: list[bool], lower: list[str]) -> list[int]:
    """Per token: how many question words end at it, counting back over stop words."""
    out = []
    run = 0
    for k, low in enumerate(lower):
        if in_q[k]:
            run += 1
        elif low not in STOP_WORDS:
            run = 0
        out.append(run)
    return out


def _right_q(in_q: list[bool], lower: list[str], j: int) -> int:
    run = 0
    for k in range(j, min(len(lower), j + 6)):
        if in_q[k]:
            run += 1
        elif lower[k] not in STOP_WORDS:
            break
    return min(run, 3)


def _pattern(tags: list[str] | tuple[str, ...]) -> str:
    out: list[str] = []
    for t in tags:
        if not out or out[-1] != t:
            out.append(t)
    return "-".join(out[:5])


_PATTERNS: dict[tuple[str, ...], str] = {}


def _pattern_of(tags: tuple[str, ...]) -> str:
    """_pattern, remembered: a span's tags repeat from sentence to sentence."""
    got = _PATTERNS.get(tags)
    if got is None:
        if len(_PATTERNS) > 100_000:
            _PATTERNS.clear()
        got = _PATTERNS[tags] = _pattern(tags)
    return got


def _near(anchors: list[int], i: int, j: int) -> str:
    """How closely the question's words surround the span, in five buckets."""
    v = sum(
        1.0 / (1 + i - k) if k < i else 1.0 / (1 + k - j + 1) for k in anchors if not i <= k < j
    )
    return str(min(int(v * 2), 4))


_NEAR = [str(k) for k in range(5)]


def _verb_side(verbs: list[int], i: int, j: int) -> str:
    """Where the span lies from the nearest question verb in the sentence, and how far."""
    if not verbs:
        return "none"
    k = min(verbs, key=lambda v: min(abs(v - i), abs(v - (j - 1))))
    if i <= k < j:
        return "in"
    return ("after|" + _bucket(i - k - 1)) if k < i else ("before|" + _bucket(k - j))


_HASHED: dict[str, int] = {}


def _h(key: str) -> int:
    # crc32 is stable across processes (str hash() is salted); the memo makes repeats cheap.
    v = _HASHED.get(key)
    if v is None:
        if len(_HASHED) > 500_000:
            _HASHED.clear()
        v = _HASHED[key] = zlib.crc32(key.encode("utf-8", "replace")) & (DIM - 1)
    return v


def _bucket(d: int) -> str:
    if d <= 3:
        return str(d)
    if d <= 5:
        return "4-5"
    if d <= 10:
        return "6-10"
    return "11+"


class _Keys(dict[object, int]):
    """One feature template's hashed indices by the values filled into it: a value seen before
    costs a lookup, not a formatted string. A tuple of values is joined with "|", as the template
    writes them."""

    __slots__ = ("prefix",)

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def __missing__(self, v: object) -> int:
        text = "|".join(map(str, v)) if isinstance(v, tuple) else str(v)
        k = self[v] = _h(self.prefix + text)
        return k


_TEMPLATES: dict[str, _Keys] = {}


def _keys(prefix: str) -> _Keys:
    """The memo of a template whose fixed part is `prefix` ("len|what|"), kept across calls and
    dropped with the hash memo when that grows past its bound."""
    got = _TEMPLATES.get(prefix)
    if got is None:
        if len(_TEMPLATES) > 20_000 or len(_HASHED) > 400_000:
            _TEMPLATES.clear()
            _HASHED.clear()
        got = _TEMPLATES[prefix] = _Keys(prefix)
    return got


def _prefix_counts(flags: list[bool]) -> list[int]:
    """out[k]: how many of flags[:k] are true (a range's count in two lookups)."""
    out = [0]
    for f in flags:
        out.append(out[-1] + f)
    return out


def _feature_parts(
    q: QInfo, qtype: str, sentence: str, hint: str | None, *, every: bool
) -> tuple[list[tuple[int, int]], list[list[int]], list[list[int]], list[list[int]]]:
    """features(), in three parts: each start position's hashed indices, each end position's
    (end_rows[j] for a span ending before token j) and each candidate's own."""
    s = _sentence(sentence)
    hs = sentence.find(hint) if hint else -1
    he = hs + len(hint) if hint and hs >= 0 else -1
    n = len(s.toks)
    in_q = [
        st in q.stems and low not in STOP_WORDS for st, low in zip(s.stems, s.lower, strict=True)
    ]
    anchors = [k for k in range(n) if in_q[k]]
    wh = q.wh
    head = q.head
    tags = s.tags
    # A span made only of the question's own words (or only of stop words) answers nothing: a
    # candidate is kept when it holds a content word the question lacks.
    fresh = _prefix_counts(
        [
            (low not in STOP_WORDS or low in _COUNT_WORDS) and tok[0].isalnum() and not asked
            for low, tok, asked in zip(s.lower, s.toks, in_q, strict=True)
        ]
    )
    cands = [(i, j) for i, j in candidates(sentence) if fresh[j] > fresh[i]]
    # A hint as long as a paragraph (a "name" of 10,000 capitalised words) would keep every
    # candidate inside it.
    short_hint = hs >= 0 and he - hs <= HINT_CHARS
    if len(cands) > MAX_CANDIDATES and anchors and not every:
        # A long sentence: the answer sits near the question's words (or is the rules' span);
        # candidates far from both are not scored, which keeps an answer within its time.
        gap = [min(abs(k - a) for a in anchors) for k in range(n)]
        cands = [
            (i, j)
            for i, j in cands
            if min(gap[i:j]) <= NEAR_TOKENS
            or (short_hint and s.starts[i] < he and hs < s.ends[j - 1])
        ]
    elif len(cands) > MAX_UNANCHORED and not every:
        # None of the question's words in a sentence of thousands of words (a paste with no
        # full stops): the rules' span and the sentence's opening are what is scored.
        cands = [
            (i, j)
            for i, j in cands
            if j <= OPENING_TOKENS or (short_hint and s.starts[i] < he and hs < s.ends[j - 1])
        ]
    # Function words stand for themselves; content words by their tag (less to memorise).
    lex = [
        low if low in STOP_WORDS or not low[0].isalpha() else t
        for low, t in zip(s.lower, tags, strict=True)
    ]
    lq = _left_run(in_q, s.lower)
    # Features that depend only on where a candidate starts, or only on where it ends, are
    # hashed once per position: a long sentence has hundreds of candidates.
    left_anchor = [-1] * (n + 1)  # distance from position i back to the nearest anchor before i
    last_seen = -1
    for k in range(n + 1):
        left_anchor[k] = k - 1 - last_seen if last_seen >= 0 else -1
        if k < n and in_q[k]:
            last_seen = k
    right_anchor = [-1] * (n + 1)
    next_seen = -1
    for k in range(n, -1, -1):
        if k < n and in_q[k]:
            next_seen = k
        right_anchor[k] = next_seen - k if next_seen >= 0 else -1
    # The nearest question verb found in the sentence ("invented" of "What did Tesla invent?"):
    # answers sit at a typical side of it.
    verb_at = [k for k in anchors if tags[k] == "VERB"]
    start_rows: list[list[int]] = []
    k_first, k_prev, k_prevshape = (
        _keys(f"first|{wh}|"),
        _keys(f"prev|{wh}|"),
        _keys(f"prevshape|{wh}|"),
    )
    k_prevq, k_pf, k_pp = _keys(f"prevq|{wh}|"), _keys(f"pf|{wh}|"), _keys(f"pp|{wh}|")
    k_lq, k_prevqw, k_prev2 = _keys(f"lq|{wh}|"), _keys(f"prevqw|{head}|"), _keys(f"prev2|{wh}|")
    b_wh = _h(f"b|{wh}")
    for i in range(n):
        prev = lex[i - 1] if i > 0 else "<s>"
        row = [
            b_wh,
            k_first[lex[i]],
            k_prev[prev],
            k_prevshape[s.shapes[i - 1] if i > 0 else "<s>"],
            k_prevq[i > 0 and in_q[i - 1]],
            k_pf[tags[i]],
            k_pp[tags[i - 1] if i > 0 else "<s>"],
            k_lq[min(lq[i - 1], 3) if i > 0 else 0],
        ]
        if i > 0 and in_q[i - 1]:
            row.append(k_prevqw[prev])
        if i > 1:
            row.append(k_prev2[(s.lower[i - 2], prev)])
        start_rows.append(row)
    end_rows: list[list[int]] = [[]]
    k_last, k_next, k_nextshape = (
        _keys(f"last|{wh}|"),
        _keys(f"next|{wh}|"),
        _keys(f"nextshape|{wh}|"),
    )
    k_headlast, k_headlastshape = _keys(f"headlast|{head}|"), _keys(f"headlastshape|{head}|")
    k_headnext, k_nextq, k_pl = (
        _keys(f"headnext|{head}|"),
        _keys(f"nextq|{wh}|"),
        _keys(f"pl|{wh}|"),
    )
    k_pn, k_headpl, k_rq = _keys(f"pn|{wh}|"), _keys(f"headpl|{head}|"), _keys(f"rq|{wh}|")
    nexthead = _h(f"nexthead|{wh}")
    for j in range(1, n + 1):
        nxt = lex[j] if j < n else "</s>"
        row = [
            k_last[lex[j - 1]],
            k_next[nxt],
            k_nextshape[s.shapes[j] if j < n else "</s>"],
            k_headlast[s.stems[j - 1]],
            k_headlastshape[s.shapes[j - 1]],
            k_headnext[s.stems[j] if j < n else "</s>"],
            k_nextq[j < n and in_q[j]],
            k_pl[tags[j - 1]],
            k_pn[tags[j] if j < n else "</s>"],
            k_headpl[tags[j - 1]],
            k_rq[_right_q(in_q, s.lower, j)],
        ]
        if j < n and nxt == head:
            row.append(nexthead)
        end_rows.append(row)
    asked = _prefix_counts(in_q)
    verbs = _prefix_counts([t == "VERB" for t in tags])
    heads = _prefix_counts([st == head for st in s.stems])
    commas = _prefix_counts([t == "," for t in s.toks])
    k_len, k_shape, k_fshape = _keys(f"len|{wh}|"), _keys(f"shape|{wh}|"), _keys(f"fshape|{qtype}|")
    k_headshape, k_ov, k_ovlen = _keys(f"headshape|{head}|"), _keys(f"ov|{wh}|"), _keys("ovlen|")
    k_lr, k_l, k_r = _keys(f"lr|{wh}|"), _keys("l|"), _keys("r|")
    k_ent, k_entwh, k_prevnext = _keys(f"ent|{qtype}|"), _keys(f"entwh|{wh}|"), _keys("prevnext|")
    k_comma, k_pfl, k_ppat = _keys("comma|"), _keys("pfl|"), _keys(f"ppat|{wh}|")
    k_pctx, k_verb, k_near = _keys("pctx|"), _keys(f"verb|{wh}|"), _keys(f"near|{wh}|")
    k_hint, k_vrel, k_lrc = _keys(f"hint|{qtype}|"), _keys(f"vrel|{wh}|"), _keys(f"lrc|{wh}|")
    k_ppatq, k_pflwh, k_spos = _keys(f"ppatq|{qtype}|"), _keys(f"pflwh|{wh}|"), _keys(f"spos|{wh}|")
    k_headin = _keys(f"headin|{wh}|")
    buckets = [_bucket(d) for d in range(n + 1)]
    # _near's sum split at the span: its anchors before position i, and from position j on.
    near_left = [sum(1.0 / (1 + p - k) for k in anchors if k < p) for p in range(n + 1)]
    near_right = [sum(1.0 / (2 + k - p) for k in anchors if k >= p) for p in range(n + 1)]
    right_terms = [sum(1 for k in anchors if k >= p) for p in range(n + 1)]
    # What a candidate's features take from where it starts, and from where it ends.
    prev_of = ["<s>", *lex[:-1]] if n else ["<s>"]
    next_of = [*lex, "</s>"]
    tag_before = ["<s>", *tags]
    tag_from = [*tags, "</s>"]
    lb_of = [buckets[d] if d >= 0 else "none" for d in left_anchor]
    rb_of = [buckets[d] if d >= 0 else "none" for d in right_anchor]
    l_keys = [k_l[b] for b in lb_of]
    r_keys = [k_r[b] for b in rb_of]
    lrc_of = [min(asked[p] - asked[max(p - 8, 0)], 3) for p in range(n + 1)]
    rrc_of = [min(asked[min(p + 8, n)] - asked[p], 3) for p in range(n + 1)]
    len_keys = [k_len[min(length, 8)] for length in range(n + 1)]
    hint_none = k_hint["none"] if hs < 0 else -1
    side_none = k_vrel["none"] if not verb_at else -1
    shapes = s.shapes
    cand_rows: list[list[int]] = []
    for i, j in cands:
        length = j - i
        inside = asked[j] - asked[i]
        prev = prev_of[i]
        nxt = next_of[j]
        shape = "".join(sorted(set(shapes[i:j])))
        lb, rb = lb_of[i], rb_of[j]
        ent = s.entity_ends.get(s.starts[i] * 100000 + s.ends[j - 1], "")
        ov = "0" if inside == 0 else ("all" if inside == length else "some")
        pattern = _pattern_of(tuple(tags[i:j]))
        tag_i, tag_j = tags[i], tags[j - 1]
        v2 = 2 * (near_left[i] + near_right[j])
        # The split sum is _near's, added in another order when two or more anchors follow the
        # span: it can round differently then, only beside a bucket's edge.
        near = (
            _near(anchors, i, j)
            if right_terms[j] > 1 and abs(v2 - round(v2)) < 1e-9
            else _NEAR[min(int(v2), 4)]
        )
        cand_rows.append(
            [
                len_keys[length],
                k_shape[shape],
                k_fshape[(shapes[i], shapes[j - 1])],
                k_headshape[shape],
                k_ov[ov],
                k_ovlen[(ov, length if length < 4 else 4)],
                k_lr[(lb, rb)],
                l_keys[i],
                r_keys[j],
                k_ent[ent],
                k_entwh[ent],
                k_prevnext[(prev, nxt)],
                k_comma[(commas[j] > commas[i], length > 2)],
                k_pfl[(tag_i, tag_j)],
                k_ppat[pattern],
                k_pctx[(tag_before[i], tag_from[j])],
                k_verb[verbs[j] > verbs[i]],
                k_near[near],
                hint_none if hs < 0 else k_hint[_hint(hs, he, s.starts[i], s.ends[j - 1])],
                side_none if not verb_at else k_vrel[_verb_side(verb_at, i, j)],
                k_lrc[(lrc_of[i], rrc_of[j])],
                k_ppatq[pattern],
                k_pflwh[(tag_i, tag_j)],
                k_spos[(buckets[i], buckets[n - j])],
                k_headin[heads[j] > heads[i]],
            ]
        )
    return cands, start_rows, end_rows, cand_rows


def features(
    q: QInfo, qtype: str, sentence: str, hint: str | None = None, *, every: bool = False
) -> tuple[list[tuple[int, int]], list[list[int]]]:
    """The candidates of a sentence and each one's hashed feature indices. `hint` is the span the
    hand-written rules would pick: whether a candidate is it, or overlaps it, is a feature.
    `every`: all candidates of a long sentence, not only those near the question's words (the
    training script learns from all of them; answers keep within their time with the few)."""
    cands, start_rows, end_rows, cand_rows = _feature_parts(q, qtype, sentence, hint, every=every)
    rows = [start_rows[i] + end_rows[j] + row for (i, j), row in zip(cands, cand_rows, strict=True)]
    return cands, rows


@lru_cache(maxsize=1)
def weights() -> np.ndarray:
    """The trained weights (zeros when the file is missing: every candidate then ties)."""
    try:
        with resources.files("bot").joinpath("data/span_weights.npz").open("rb") as f:
            data = np.load(f)
            w = np.zeros(DIM, dtype=np.float32)
            w[data["index"]] = data["value"].astype(np.float32)
            return w
    except (FileNotFoundError, OSError, KeyError):
        return np.zeros(DIM, dtype=np.float32)


@dataclass(frozen=True)
class Scored:
    """A candidate span with its text, offsets and probability among the sentence's candidates."""

    text: str
    start: int
    end: int
    prob: float


def _row_sums(w: np.ndarray, rows: list[list[int]]) -> np.ndarray:
    """Each row's weights summed (no row is empty)."""
    sizes = [len(r) for r in rows]
    flat = np.fromiter(itertools.chain.from_iterable(rows), dtype=np.int64, count=sum(sizes))
    offsets = np.cumsum([0, *sizes[:-1]])
    return np.add.reduceat(w[flat], offsets)


def best_span(
    q: QInfo,
    qtype: str,
    sentence: str,
    hint: str | None = None,
    w: np.ndarray | None = None,
    *,
    not_named: frozenset[str] = frozenset(),
) -> Scored | None:
    """The most likely short answer in a sentence, with its softmax probability. `not_named`:
    stems of a name that is no answer (the person a follow-up asks about: "what did she find?"
    is not answered by "Maya Kowalski")."""
    cands, start_rows, end_rows, cand_rows = _feature_parts(q, qtype, sentence, hint, every=False)
    if not cands:
        return None
    w = weights() if w is None else w
    # A candidate's score is its start's, its end's and its own weights summed: each start and
    # end is summed once, not once for every candidate that shares it.
    starts = np.fromiter((i for i, _ in cands), dtype=np.int64, count=len(cands))
    ends = np.fromiter((j - 1 for _, j in cands), dtype=np.int64, count=len(cands))
    scores = _row_sums(w, start_rows)[starts] + _row_sums(w, end_rows[1:])[ends]
    scores += _row_sums(w, cand_rows)
    s = _sentence(sentence)
    if not_named:
        named = [
            k
            for k, (i, j) in enumerate(cands)
            if all(t[:1].isupper() for t in s.toks[i:j])
            and any(st in not_named for st in s.stems[i:j])
        ]
        if len(named) < len(cands):
            # Known to be no answer: the probability is among the other candidates.
            scores = scores.copy()
            scores[named] = -np.inf
    top = int(np.argmax(scores))
    z = float(np.exp(scores - scores[top]).sum())
    i, j = cands[top]
    a, b = s.starts[i], s.ends[j - 1]
    return Scored(sentence[a:b], a, b, 1.0 / z)
