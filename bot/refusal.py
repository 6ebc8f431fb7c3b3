""" "The article doesn't say": a small logistic regression over what the question asks that the
article lacks (its numbers and rare terms found nowhere near the best sentence, within
bot.qa.NEAR sentences of it; its names found nowhere in the article; the asked type missing
there) and over how the question differs from its best sentence
(a negation, an opposite or a prefix the sentence lacks; a count, date or name asked for that the
sentence does not hold). Weights and threshold: bot/data/refusal.json, made by
bench/train_refusal.py on SQuAD 2.0 dev tuning titles and the news set's tuning split."""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from bot import pos, reasons, spans, synonyms
from bot.questions import ASKS_WHERE
from bot.words import COUNT_WORDS, STOP_WORDS, stem, words

_MEASURES = (
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
    "sent_missing_max_idf",
    "rarest_in_sentence",
    "window_absent_share",
    "window_absent_count",
    "caps_off_window",
    "caps_off_sentence",
    "numbers_off_sentence",
    "negation_unmatched",
    "sentence_negation",
    "degree_off",
    "has_span",
    "sentence_hits",
    "negation_any_unmatched",
    "opposite",
    "affix_twist",
    "count_unmatched",
    "date_missing",
    "person_missing",
    "place_missing",
    "reason_missing",
    "money_missing",
    "rank_prob",
    "rank_margin",
    "opposite_only",
    "negated_affirmed",
    "swapped",
    "swap_word",
)
# Which words a question is made of, and which of them its best sentence lacks: the question's
# function words ("which", "not", "only", "first", "called"), each by itself, and how many of its
# other words the sentence lacks by part of speech (an adjective the sentence lacks: "the best
# Italian", "female judges"). Left unscaled in the fit, so that the L2 penalty keeps a word seen
# in few questions near zero; learnt from the tuning titles, and only words of STOP_WORDS, which
# no title owns.
_FUNCTION_WORDS = tuple(sorted(STOP_WORDS))
_FUNCTION_AT = {w: k for k, w in enumerate(_FUNCTION_WORDS)}
_TAGS = ("ADJ", "ADV", "NOUN", "NUM", "PROPN", "VERB")
SCALED = len(_MEASURES)  # the columns the trainer standardises; the word columns stay 0/1
NAMES = (
    *_MEASURES,
    *(f"lacks_{t.lower()}" for t in _TAGS),
    *(f"asks:{w}" for w in _FUNCTION_WORDS),
    *(f"lacks:{w}" for w in _FUNCTION_WORDS),
)

_CAP = re.compile(r"(?<=\s)[A-Z][\w'’-]+")
_CAP_RUN = re.compile(r"(?<=\s)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+")
_POSSESSIVE = re.compile(r"'s?$")
_POSSESSIVE_INSIDE = re.compile(r"'s?\s+")
_MARKS = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "‐": "-", "‑": "-"})
_DIGITS = re.compile(r"\d[\d,.]*(?:s\b)?")
# A name of capitalised words, "of" and "the" allowed inside ("Bank of England").
_NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][a-z]+)+")


def _spelt_as_acronym(question: str, sentence: str, window: frozenset[str] | set[str]) -> set[str]:
    """Stems of the question's names of two or more words that the sentence (or its window's
    terms) writes as their initials: "United States" as "US", "U.S." or "USA"."""
    out: set[str] = set()
    for m in _NAME_RUN.finditer(question):
        names = [w for w in m.group().split() if w[0].isupper()]
        letters = "".join(w[0] for w in names)
        short = re.compile(r"\b" + r"\.?".join(letters) + r"\.?[A-Z]?\b")
        lower = letters.lower()
        if short.search(sentence) or any(
            t.replace(".", "") in (lower, lower + "a") for t in window
        ):
            out.update(stem(w) for w in names)
    return out


# Countries and regions with the word for their people or things ("Germany", "German").
_NATION_PAIRS = (
    ("africa", "african"), ("america", "american"), ("arabia", "arab"), ("argentina", "argentine"),
    ("asia", "asian"), ("australia", "australian"), ("austria", "austrian"),
    ("belgium", "belgian"), ("brazil", "brazilian"), ("britain", "british"),
    ("canada", "canadian"), ("china", "chinese"), ("denmark", "danish"), ("egypt", "egyptian"),
    ("england", "english"), ("europe", "european"), ("finland", "finnish"), ("france", "french"),
    ("germany", "german"), ("greece", "greek"), ("holland", "dutch"), ("hungary", "hungarian"),
    ("india", "indian"), ("iran", "iranian"), ("iraq", "iraqi"), ("ireland", "irish"),
    ("israel", "israeli"), ("italy", "italian"), ("japan", "japanese"), ("korea", "korean"),
    ("mexico", "mexican"), ("netherlands", "dutch"), ("norway", "norwegian"),
    ("pakistan", "pakistani"), ("persia", "persian"), ("poland", "polish"),
    ("portugal", "portuguese"), ("rome", "roman"), ("russia", "russian"),
    ("scotland", "scottish"), ("spain", "spanish"), ("sweden", "swedish"),
    ("switzerland", "swiss"), ("syria", "syrian"), ("turkey", "turkish"),
    ("ukraine", "ukrainian"), ("vietnam", "vietnamese"), ("wales", "welsh"),
)  # fmt: skip
_NATION: dict[str, set[str]] = {}
for _place, _people in _NATION_PAIRS:
    _NATION.setdefault(stem(_place), set()).add(stem(_people))
    _NATION.setdefault(stem(_people), set()).add(stem(_place))


def _absent_phrases(question: str, article_text: str) -> int:
    """How many of the question's names of two or more capitalised words the article (lower case)
    never writes. Apostrophes and dashes written another way ("Midsummer’s Eve", "Polish–Lithuanian")
    and a possessive the article need not use ("Julian Hawthorne's relation") are the same name;
    a possessive ends a name ("Tesla's AC motor": "Tesla" and "AC", not "Tesla's AC")."""
    phrases = [
        name
        for run in _CAP_RUN.findall(question)
        for name in _POSSESSIVE_INSIDE.split(_POSSESSIVE.sub("", run.lower().translate(_MARKS)))
        if " " in name
    ]
    plain = article_text.translate(_MARKS)
    return sum(1 for p in phrases if p not in plain)


def _as_nation(q_terms: list[str], there: frozenset[str] | set[str]) -> set[str]:
    """The question's country words whose people's word is there, and the reverse."""
    return {t for t in q_terms if t not in there and not _NATION.get(t, set()).isdisjoint(there)}


_NEGATION = re.compile(r"\b(?:not|never|no|n't|without|cannot)\b", re.IGNORECASE)
# Also "don't", "isn't": the old pattern above needs a word boundary before "n't" (kept as it
# was, for the "negation" feature the first model was trained with).
_NEGATION_ANY = re.compile(
    r"(?:\b(?:not|never|no|none|nor|without|cannot|neither)\b|n['’]t\b)", re.I
)
# A sentence can deny without "not": "lacked", "except", "pistonless"; or with a prefix on a
# word the question holds ("uninterrupted" for "not interrupted", see _denies).
# "lived too far away to walk" says they could not; "reconnected all but 6,000" that 6,000 were not.
_DENIES = re.compile(
    r"\b(?:lack\w*|except\w*|absen\w+|fail\w*|refus\w+|\w{4,}less)\b|\btoo\s+\w+(?:\s+\w+)?\s+to\b"
    r"|\ball\s+but\b",
    re.I,
)
_NEGATING_PREFIX = re.compile(r"^(?:un|non|in|im|il|ir|dis)-?(\w{4,})$")
_OPPOSITES = (
    ("most", "least"),
    ("first", "last"),
    ("before", "after"),
    ("higher", "lower"),
    ("high", "low"),
    ("increase", "decrease"),
    ("larger", "smaller"),
    ("large", "small"),
    ("largest", "smallest"),
    ("more", "less"),
    ("more", "fewer"),
    ("maximum", "minimum"),
    ("early", "late"),
    ("earlier", "later"),
    ("earliest", "latest"),
    ("start", "end"),
    ("begin", "end"),
    ("rise", "fall"),
    ("gain", "loss"),
    ("win", "lose"),
    ("won", "lost"),
    ("positive", "negative"),
    ("major", "minor"),
    ("inside", "outside"),
    ("north", "south"),
    ("east", "west"),
    ("old", "new"),
    ("older", "newer"),
    ("oldest", "newest"),
    ("long", "short"),
    ("longer", "shorter"),
    ("longest", "shortest"),
    ("strong", "weak"),
    ("best", "worst"),
    ("better", "worse"),
    ("rich", "poor"),
    ("accept", "reject"),
    ("allow", "forbid"),
    ("open", "close"),
    ("private", "public"),
    ("internal", "external"),
)
_OPPOSITE: dict[str, set[str]] = {}
for _a, _b in _OPPOSITES:
    _OPPOSITE.setdefault(_a, set()).add(_b)
    _OPPOSITE.setdefault(_b, set()).add(_a)
# Degree words a plausible-sounding question swaps ("least" for "most", "last" for "first").
_DEGREE = frozenset(
    [
        "most",
        "least",
        "first",
        "last",
        "only",
        "best",
        "worst",
        "largest",
        "smallest",
        "biggest",
        "highest",
        "lowest",
        "earliest",
        "latest",
        "longest",
        "shortest",
        "oldest",
        "newest",
        "fewest",
        "greatest",
        "major",
        "minor",
        "main",
        "primary",
        "second",
        "third",
        "before",
        "after",
        "more",
        "less",
        "fewer",
    ]
)


@dataclass(frozen=True)
class Near:
    """The sentences near the best one (bot.qa.NEAR either side): their terms, lower-case text and
    consecutive term pairs. A question's word the article has only far from its best sentence is
    missing there, as in a paragraph; a name counts as there when the article has it anywhere
    (a news story names its town or its person in full once, at the top)."""

    terms: set[str] | frozenset[str]
    text: str
    pairs: set[str]


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
    sentence: str = ""
    sentence_terms: frozenset[str] = frozenset()
    window_terms: frozenset[str] = frozenset()  # the best sentence and its paragraph neighbours
    has_span: bool = False
    rank_prob: float = 1.0  # the learned re-ranker's probability for the best sentence
    rank_margin: float = 0.0  # and its score's lead over the next sentence


def features(
    question: str,
    q_terms: list[str],
    article_terms: set[str],
    ev: Evidence,
    article_text: str,
    idf: dict[str, float],
    unseen_idf: float,
    near: Near,
) -> list[float]:
    """The feature vector (in NAMES order) of a question against an article: what it lacks near
    the best sentence (its names: anywhere)."""
    weights = {t: idf.get(t, unseen_idf) for t in q_terms}
    total = sum(weights.values()) or 1.0
    # "Australian" of an article that says "Australia" is there (see _as_nation).
    said = near.terms | _as_nation(q_terms, near.terms)
    named = article_terms | _as_nation(q_terms, article_terms)
    absent = [t for t in q_terms if t not in said]
    caps = {stem(m.group()) for m in _CAP.finditer(question) if m.group().lower() not in STOP_WORDS}
    absent_caps = sum(1 for c in caps if c not in named)
    nums = set(_DIGITS.findall(question))
    near_lower = near.text.lower()
    absent_numbers = sum(1 for n in nums if not _number_in(n, near.text, near_lower))
    top = max(idf.values(), default=1.0) or 1.0
    missing_max = max((weights[t] for t in absent), default=0.0) / top
    # A name of two or more words ("Hamming battery") whose words are all there but never together.
    absent_phrases = _absent_phrases(question, article_text)
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(q_terms)]
    absent_pairs = sum(1 for p in pairs if p not in near.pairs) / (len(pairs) or 1)
    sent = ev.sentence_terms
    window = ev.window_terms or sent
    # "the United States" where the sentence says "the USA": its words are there.
    sent = sent | _spelt_as_acronym(question, ev.sentence, frozenset())
    window = window | _spelt_as_acronym(question, ev.sentence, window)
    # "When did Germany invade Poland?" where the sentence says "the German invasion": the
    # country is there.
    sent = sent | _as_nation(q_terms, sent)
    window = window | _as_nation(q_terms, window)
    in_article = [t for t in q_terms if t in said]
    # A term the sentence holds with another ending ("ctenophore" and "ctenophora") is there.
    near_sent = {t for t in q_terms if t in sent or any(_same_root(t, v) for v in sent)}
    sent_missing = max((weights[t] for t in in_article if t not in near_sent), default=0.0) / top
    rarest = max(q_terms, key=lambda t: weights[t]) if q_terms else ""
    off_window = [t for t in q_terms if t not in window]
    # A name the article gives only far off (a report names its town once, at the top) is
    # neither missing nor off the window: only one named near the best sentence is.
    caps_in_article = {c for c in caps if c in said}
    # A name in three sentences or more is what the article is about ("Ctenophora" of an article
    # on them): off the window it says nothing. Its idf gives the count: 1.5 e^(top - idf) - 0.5.
    caps_in_article = {
        c for c in caps_in_article if 1.5 * math.exp(top - idf.get(c, unseen_idf)) - 0.5 < 3
    }
    s_lower = ev.sentence.lower()
    q_words = {w.lower() for w in words(question)}
    s_words = {w.lower() for w in words(ev.sentence)}
    q_neg = bool(_NEGATION.search(question))
    s_neg = bool(_NEGATION.search(ev.sentence))
    # The question's terms the article holds in one sentence at most (the rarest there are).
    rare = {t for t in q_terms if weights[t] >= 0.99 * top}
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
        sent_missing,
        float(rarest in near_sent),
        sum(weights[t] for t in off_window) / total,
        float(min(len(off_window), 4)),
        float(min(sum(1 for c in caps_in_article if c not in window), 2)),
        float(min(sum(1 for c in caps if c not in sent), 3)),
        float(min(sum(1 for n in nums if not _number_in(n, ev.sentence, s_lower)), 2)),
        float(q_neg and not s_neg),
        float(s_neg and not q_neg),
        float(min(len((q_words & _DEGREE) - s_words), 2)),
        float(ev.has_span),
        float(min(sum(1 for t in q_terms if t in sent), 8)) / 8,
        float(
            bool(_NEGATION_ANY.search(question))
            and not _NEGATION_ANY.search(ev.sentence)
            and not _denies(q_words, s_words, ev.sentence)
        ),
        float(_opposite(q_words, s_words, ev.sentence)),
        float(min(_twists(q_terms, sent, question, ev.sentence), 2)),
        *_asked_missing(question, ev.sentence),
        ev.rank_prob,
        min(ev.rank_margin, 5.0),
        float(_opposite_only(q_words, s_words, ev.sentence, near.text)),
        float(_negated_affirmed(question, ev.sentence)),
        *(float(min(n, 2)) for n in _swaps(question, ev.sentence, rare)),
        *_wording(question, ev.sentence),
    ]


def _swap_tokens(text: str) -> list[str]:
    """Words as written, with a possessive "'s" as a word of its own ("Berlin", "'s")."""
    out = []
    for w in words(text.translate(_MARKS)):
        if w[-2:].lower() == "'s" and len(w) > 2:
            out += [w[:-2], "'s"]
        else:
            out.append(w)
    return out


def _alike(a: str, b: str) -> bool:
    """The same word for a swap's purpose (lower case): one stem, a synonym, a spelling of it
    ("centre", "center") or a longer name starting with it ("Apple", "AppleTalk"); never two
    different numbers."""
    if a == b:
        return True
    if any(c.isdigit() for c in a + b):
        return a.rstrip("s") == b.rstrip("s")  # "1950s", "1950's"
    if ("-" in b and a in b.split("-")) or ("-" in a and b in a.split("-")):
        return True  # "Curie", "Sklodowska-Curie"
    if len(a) == len(b) <= 4 and sorted(a) == sorted(b):
        return True  # "GPS" for "GSP"
    sa, sb = stem(a), stem(b)
    return (
        sa == sb
        or sb in synonyms.alike(sa)
        or sa in synonyms.alike(sb)
        or (min(len(a), len(b)) >= 3 and fuzz.ratio(a, b) >= 75)  # "Sand Bernardino"
        or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))
    )


def _content(w: str) -> bool:
    return len(w) > 1 and w != "'s" and w not in STOP_WORDS


_ROMAN_NUMERAL = re.compile(r"^[IVX]+$")


def _kind(w: str) -> str:
    if any(c.isdigit() for c in w) or _ROMAN_NUMERAL.match(w):
        return "number"  # "World War II"
    return "name" if w[:1].isupper() else "word"


def _spelt_out(acronym: str, sentence: list[str]) -> bool:
    """Whether the question's "EU", "UMC" or "U.S." is spelt out in the sentence's words as
    "European Union", "United Methodist Church", "United States"."""
    letters = acronym.replace(".", "")
    if len(letters) < 2 or not letters.isupper():
        return False
    n = len(letters)
    return any(
        "".join(w[:1] for w in sentence[k : k + n]) == letters for k in range(len(sentence) - n + 1)
    )


def _swaps(question: str, sentence: str, rare: set[str]) -> tuple[int, int]:
    """How many words _swapped finds: opposites, and names and numbers put for their kind, of
    those the article says in one sentence at most (not "the Rhine" of an article about it, which a question may
    name where the sentence names its branch); other words."""
    found = _swapped(question, sentence)
    names = sum(
        1 for w, kind in found if kind == "opposite" or (kind == "kind" and stem(w) in rare)
    )
    return names, len(found) - names


# The opposites by stem ("accepted", "rejected").
_OPPOSITE_STEMS: dict[str, set[str]] = {}
for _a, _b in _OPPOSITES:
    _OPPOSITE_STEMS.setdefault(stem(_a), set()).add(stem(_b))
    _OPPOSITE_STEMS.setdefault(stem(_b), set()).add(stem(_a))


def _swapped(question: str, sentence: str) -> list[tuple[str, str]]:
    """Words of the question the best sentence replaces by another in the same place: "Berlin's
    first stock exchange" where the sentence says "Warsaw's first stock exchange", "the 22nd most
    liveable" for its "32nd most liveable". The words around it match (the one before and the one
    after, or the two after, or the two before; a content word among them, up to three words on
    each side), the sentence lacks the question's word, and the one in its place (one or two
    words) is not a word of the question. Each found is "opposite" (its opposite put in its
    place: "rejected" for "accepted"), "kind" (a name or number put for one of its kind) or
    "other"."""
    q_raw, s_raw = _swap_tokens(question), _swap_tokens(sentence)
    q, s = [w.lower() for w in q_raw], [w.lower() for w in s_raw]
    s_stems = {stem(w) for w in s}
    q_stems = {stem(w) for w in q}
    out: list[tuple[str, str]] = []
    seen: dict[tuple[int, int], bool] = {}  # the same pair of words is compared many times

    def matches(qi: int, sj: int) -> bool:
        if not (0 <= qi < len(q) and 0 <= sj < len(s)):
            return False
        got = seen.get((qi, sj))
        if got is None:
            got = seen[qi, sj] = _alike(q[qi], s[sj])
        return got

    for i, w in enumerate(q):
        if not _content(w) or stem(w) in s_stems:
            continue
        if "-" in w and all(stem(p) in s_stems for p in w.split("-") if p):
            continue  # "Cretaceous-Paleogene" written "Cretaceous Paleogene"
        if _spelt_out(q_raw[i], s_raw):
            continue
        kind = _kind(q_raw[i]) if i else "word"  # a question's first word is capitalised anyway
        found = ""
        # Only where the word before or the word after matches can the words around match.
        after_left = [sj + 1 for sj in range(len(s)) if matches(i - 1, sj)]
        before_right = [sj for sj in range(len(s)) if matches(i + 1, sj)]
        for width in (1, 2):
            starts = {*after_left, *(sj - width for sj in before_right)}
            for j in sorted(k for k in starts if 0 <= k <= len(s) - width):
                put = s[j : j + width]
                # How many words match right after the two and right before (three at most).
                right = next((k for k in range(3) if not matches(i + 1 + k, j + width + k)), 3)
                left = next((k for k in range(3) if not matches(i - 1 - k, j - 1 - k)), 3)
                said = [q[i + 1 + k] for k in range(right)] + [q[i - 1 - k] for k in range(left)]
                if not any(_content(t) for t in said) or not (
                    (left and right) or right >= 2 or left >= 2
                ):
                    continue
                if width == 1 and stem(put[0]) in _OPPOSITE_STEMS.get(stem(w), ()):
                    found = "opposite"  # "Who accepted the arguments?" - "rejected the arguments"
                    break
                if all(_content(t) and stem(t) not in q_stems and not _alike(w, t) for t in put):
                    same_kind = kind != "word" and all(
                        _kind(t) == kind for t in s_raw[j : j + width]
                    )
                    found = "kind" if same_kind else found or "other"
            if found in ("kind", "opposite"):
                break
        if found:
            out.append((w, found))
    return out


def _wording(question: str, sentence: str) -> list[float]:
    """The word columns of NAMES (after the first SCALED): how many of the question's other words the
    best sentence lacks, by part of speech; then each function word the question holds, and each
    it holds that the sentence lacks."""
    lacked = [0.0] * len(_TAGS)
    asks = [0.0] * len(_FUNCTION_WORDS)
    lacks = [0.0] * len(_FUNCTION_WORDS)
    has = {stem(w.lower()) for w in words(sentence)}
    q = words(question)
    for w, t in zip(q, pos.tag(q), strict=True):
        low = w.lower()
        k = _FUNCTION_AT.get(low)
        if k is not None:
            asks[k] = 1.0
            if stem(low) not in has:
                lacks[k] = 1.0
        elif t in _TAGS and stem(low) not in has:
            lacked[_TAGS.index(t)] += 1.0
    return lacked + asks + lacks


def _same_root(a: str, b: str) -> bool:
    """Two stems that differ only in a short ending the stemmer left ("ctenophor", "ctenophora")."""
    n = min(len(a), len(b))
    return n >= 5 and abs(len(a) - len(b)) <= 2 and a[: n - 1] == b[: n - 1] and a.isalpha()


def _denies(q_words: set[str], s_words: set[str], sentence: str) -> bool:
    """The sentence denies without a "not": a word of lack or exception, or a prefixed word whose
    root the question holds ("informal" for "not formal")."""
    if _DENIES.search(sentence):
        return True
    roots = {stem(w) for w in q_words}
    for w in s_words:
        m = _NEGATING_PREFIX.match(w)
        if m and stem(m.group(1)) in roots:
            return True
    return False


def _opposites(q_words: set[str], s_words: set[str], sentence: str) -> list[str]:
    """Question words whose opposite the best sentence says instead ("least" for "most"); not when
    the question holds both ("high or low"), nor for a name ("New Yorker") or "at least", nor when
    the sentence holds the question's word in another form ("began" for "begin"), nor a start
    or an end asked of a sentence that gives a span ("from 1950 until the end of 1960")."""
    plain = {w.lower() for w in words(_IDIOM.sub(" ", sentence)) if not w[:1].isupper()}
    s_stems = {stem(w) for w in s_words} | {_IRREGULAR.get(w, w) for w in s_words}
    span = "from" in plain and bool(plain & {"until", "till", "to", "through", "untill"})
    return [
        w
        for w in q_words
        if w not in s_words
        and stem(w) not in s_stems
        and _OPPOSITE.get(w, set()) & plain
        and not _OPPOSITE.get(w, set()) & q_words
        and not (span and w in _SPAN_ENDS)
    ]


# "What did the government not fail to implement?" where the sentence says it "had failed to
# implement": the word the question negates stands in the sentence with no negation before it.
_NEGATED_WORD = re.compile(
    r"\b(?:not|never|n't)\s+(?:(?:be|been|being|have|has|had|get|got|always|ever|yet|entirely"
    r"|fully|only|to|a|an|the)\s+){0,3}([A-Za-z][a-z-]{2,})",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _negated_affirmed(question: str, sentence: str) -> bool:
    """Every word the question negates is in the best sentence, and never negated there (no
    negation in the four words before it, no "un-"/"in-" form of it); one such word at least."""
    if _DENIES.search(sentence):
        return False  # "every ferry except the night boat ... leaves": denied without a "not"
    found_one = False
    toks = [t.lower() for t in _TOKEN.findall(sentence.replace("n't", " n't"))]
    for m in _NEGATED_WORD.finditer(question.replace("n't", " n't")):
        word = m.group(1)
        if word[:1].isupper():
            continue  # "can't Parliament do ...": the subject, not the word negated
        word = word.lower()
        if word in STOP_WORDS:
            continue
        root = stem(word)
        at = [i for i, t in enumerate(toks) if stem(t) == root]
        if not at or any(
            t != word and t.endswith(word) and _NEGATING_PREFIX.match(t) for t in toks
        ):
            return False
        for i in at:
            before = toks[max(0, i - 4) : i]
            if any(_NEGATION_ANY.fullmatch(t) for t in before):
                return False
        found_one = True
    return found_one


_IRREGULAR = {"began": "begin", "begun": "begin", "won": "win", "lost": "lose", "rose": "rise"}
_SPAN_ENDS = frozenset(["start", "begin", "end", "first", "last", "early", "late"])
_IDIOM = re.compile(r"\bat (?:least|most)\b|\bin (?:short|the long run)\b", re.I)


def _opposite(q_words: set[str], s_words: set[str], sentence: str) -> bool:
    return bool(_opposites(q_words, s_words, sentence))


def _opposite_only(q_words: set[str], s_words: set[str], sentence: str, article_text: str) -> bool:
    """The question asks about one thing ("open") and the best sentence says its opposite
    ("close"), while the article never uses the question's word at all."""
    for w in _opposites(q_words, s_words, sentence):
        if not re.search(rf"\b{re.escape(w)}", article_text):
            return True
    return False


_HOW_MANY = re.compile(r"\bhow (many|much)\s+([a-z][\w-]*)((?:\s+[a-z][\w-]*){0,2})", re.I)
_HOW_MEASURE = re.compile(r"\bhow\s+(old|long|far)\b", re.I)
_MEASURE_SAID = {
    "old": re.compile(
        r"\d{1,3}-year-old|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
        r"-year-old|\baged?\b|, \d{1,3},|\(\d{1,3}\)|\b(?:is|was|turns|turned|be)\s+\d{1,3}\b(?![.,]\d)"
        r"|\byears?\s+(?:old|ago)\b|\bat\s+\d{1,3}\b(?![.,]\d)|\bdecades?\b|\bcentur(?:y|ies)\b|\bborn\b",
        re.I,
    ),
    "long": re.compile(
        r"\b(?:second|minute|hour|day|night|week|fortnight|month|year|decade|centur(?:y|ie)|"
        r"season|term|while|time)s?\b|\buntil\b|\btill\b|\bsince\b|\bfrom\b.*\bto\b|"
        r"\d\s?(?:h|hrs?|mins?|km|m|mi|ft|cm|mm)\b|(?:\d|\b)(?:metres?|meters?|miles?|"
        r"kilomet(?:re|er)s?|feet|foot|inch(?:es)?|yards?)\b|\blong\b|\blength\b",
        re.I,
    ),
    "far": re.compile(
        r"\d\s?(?:km|m|mi|ft|cm|mm)\b|(?:\d|\b)(?:metres?|meters?|miles?|kilomet(?:re|er)s?|"
        r"feet|foot|yards?|light-years?)\b|\bdistance\b|\baway\b|\bfar\b|\bnear\b|\bclose\b",
        re.I,
    ),
}
_WHEN = re.compile(r"^\s*(?:when\b|(?:what|which|in what) (?:year|month|day|date|time)\b)", re.I)
# "When people take on debt, it leads to what?": "when" opens a clause, the question asks "what".
_OTHER_ASK = re.compile(r"\b(?:what|which|who|whom|where|how|why)\W*$", re.I)


# "When did …", "when is …": the question asks when. "When the rocks are re-melted what is formed?",
# "When dating rocks, what is …": "when" opens a clause and another question follows it.
_WHEN_ASKS = re.compile(
    r"^\s*when\s+(?:did|does|do|was|were|is|are|will|would|has|have|had|can|could|should|shall|"
    r"might|must|may)\b",
    re.IGNORECASE,
)
_WH_LATER = re.compile(r"\b(?:what|which|who|whom|whose|where|how|why)\b", re.IGNORECASE)


def _asks_when(question: str) -> bool:
    if not _WHEN.search(question):
        return False
    _, comma, tail = question.partition(",")
    if comma and _OTHER_ASK.search(tail):
        return False
    if question.lstrip().lower().startswith("when") and not _WHEN_ASKS.match(question):
        return not (comma or _WH_LATER.search(question))
    return True


# Time said without a date: "65.5 million years ago", "during the Second World War", "after
# liberation", "toward the end of his life", "c1600". A "when" question whose best sentence has
# none of these nor a date is seldom answered by it.
_TIME_SAID = re.compile(
    r"\b(?:\d[\d.,]*\s+(?:(?:million|billion|thousand)\s+)?years?\s+ago|ago|during|after|before|"
    r"following|until|till|since|while|as\s+soon\s+as|towards?\s+the\s+(?:end|start|close)|"
    r"at\s+the\s+(?:start|end|beginning|time|age)|century|centuries|decades?|era|period|"
    r"(?:\w+\s+)?war|night|morning|evening|afternoon|today|yesterday|tomorrow|weekend|"
    r"c\.?\s?\d{3,4}|later|earlier|recently|annually|yearly|every\s+(?:year|day|week|month))\b"
    r"|^\W*when\b|[,;]\s*when\b",
    re.IGNORECASE,
)


_WHO = re.compile(r"^\s*(?:who|whom|whose)\b", re.IGNORECASE)
_AMOUNT = re.compile(
    r"[$£€¥]|\d|\b(?:million|billion|percent|dozens?|hundreds?|thousands?)\b", re.I
)


# A unit and how else it is written ("how many kilometers": "300 km", "how many tons": "8 tonnes").
_UNITS = (
    ("kilomet", "kilometr", "km"),
    ("centimet", "centimetr", "cm"),
    ("millimet", "millimetr", "mm"),
    ("meter", "metr", "m"),
    ("mile", "mi"),
    ("ton", "tonn"),
    ("pound", "lb", "lbs"),
    ("foot", "feet", "ft"),
    ("kilogram", "kilo", "kg"),
    ("hour", "hr", "hrs"),
    ("minut", "min", "mins"),
    ("year", "yr", "yrs"),
    ("hectar", "ha"),
    ("liter", "litr"),
)
_UNIT = {u: frozenset(group) for group in _UNITS for u in group}
_TIMES = re.compile(r"\b(?:once|twice|thrice)\b", re.I)


_OFTEN = re.compile(
    r"([a-z]+)\s+(?:once|twice|three\s+times|four\s+times|five\s+times|\d+\s+times)\b", re.I
)


def _often_of_asked(question: str, sentence: str, want: set[str]) -> bool:
    """Whether the sentence says how often a word of the question other than the counted one
    was done: "scored twice" for "how many goals did he score?"."""
    asked = {stem(w.lower()) for w in words(question)} - want
    return any(stem(m.group(1).lower()) in asked for m in _OFTEN.finditer(sentence))


def _asked_missing(question: str, sentence: str) -> list[float]:
    """Whether the best sentence lacks what the question asks for: a count of the asked thing
    ("how many smugglers": a number a few words before "smugglers"), an amount, a date, a name
    the question does not already hold, a place ("where"), a reason ("why")."""
    count = money = 0.0
    m = _HOW_MANY.search(question)
    measure = _HOW_MEASURE.search(question)
    if measure and not m:
        # "How old is he?" of a sentence with no age, "how long" with no duration, "how far"
        # with no distance.
        count = float(not _MEASURE_SAID[measure.group(1).lower()].search(sentence))
    elif m:
        if spans.asks_for_money(question):
            count = float(not spans.MONEY.search(sentence))  # a sum, not "40,000 cars"
            # Nor a share: "How much is the pay offer?" - "a pay rise of 4%".
            money = count and float(not spans.PERCENT.search(sentence))
        elif m.group(1).lower() == "much" or m.group(2).lower() in STOP_WORDS:
            count = float(not _AMOUNT.search(sentence))
        else:
            # The asked thing may follow an adjective ("how many architectural drawings").
            thing = words(m.group(2) + m.group(3))
            want = {stem(w) for w in thing if w.lower() not in STOP_WORDS} - {""}
            want |= {u for w in want for u in _UNIT.get(w, ())}
            want |= {a for w in want for a in synonyms.alike(w)}  # "kids": "45 children"
            toks = words(sentence)
            count = 1.0
            if "time" in want and _TIMES.search(sentence):
                toks = []  # "twice", "many times": a count of times
                count = 0.0
            elif _often_of_asked(question, sentence, want):
                toks = []  # "how many goals did he score?" - "scored twice"
                count = 0.0
            for i, tok in enumerate(toks):
                head, _, tail = tok.partition("-")  # "three-tier"
                if (stem(tok) in want and any(_is_amount(t) for t in toks[max(0, i - 4) : i])) or (
                    tail and _is_amount(head) and stem(tail) in want
                ):
                    count = 0.0
                    break
    date = float(
        _asks_when(question) and not spans.dates(sentence) and not _TIME_SAID.search(sentence)
    )
    # "Who": no person (or body) of the sentence that the question does not name already;
    # "where": no name but a person's.
    person = float(
        _WHO.search(question) is not None
        and not any(k in ("person", "name", "organisation") for k in _new_names(question, sentence))
        and not spans.AGENT.search(sentence)
    )
    place = float(
        ASKS_WHERE.search(question) is not None
        and not any(k != "person" for k in _new_names(question, sentence))
    )
    reason = float(reasons.kind(question) == "why" and not reasons.says_why(sentence))
    return [count, date, person, place, reason, money]


def _new_names(question: str, sentence: str) -> list[str]:
    """The kinds of the sentence's names ("person", "place", ...) whose words the question does
    not all hold."""
    asked = {w.lower() for w in words(question)}
    return [
        sp.kind for sp in spans.names(sentence) if not {w.lower() for w in words(sp.text)} <= asked
    ]


# A count before the asked thing: a number word, or a plural of scale ("hundreds of people").
_NUMBER_WORDS = COUNT_WORDS | {"dozens", "hundreds", "thousands", "millions"}


_NUMBER_WORD = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
    20: "twenty",
    100: "hundred",
    1000: "thousand",
    1000000: "million",
}


def _number_in(n: str, text: str, lower: str) -> bool:
    """Whether a number of the question is in a text: as written, with or without a thousands
    comma, in words ("three" for "3", "a hundred" for "100"), in Roman numerals ("Phase II" for "phase 2"), or for a decade ("1970s")
    any year of it."""
    n = n.rstrip(".,")
    if n.endswith("s"):
        return bool(re.search(rf"\b{re.escape(n[:3])}\d", text))
    if n in text:
        return True
    digits = n.replace(",", "")
    if not digits.isdigit():
        return False
    if 4 <= len(digits) <= 15 and (f"{int(digits):,}" in text or digits in text):
        return True  # "12500" and "12,500" are one number
    word = _NUMBER_WORD.get(int(digits))
    roman = _ROMAN.get(int(digits))
    return (word is not None and re.search(rf"\b{word}\b", lower) is not None) or (
        roman is not None and re.search(rf"\b{roman}\b", text) is not None
    )


# Roman numerals, not "I", "V" or "X" ("X-ray"), which are often something else.
_ROMAN = {2: "II", 3: "III", 4: "IV", 6: "VI", 7: "VII", 8: "VIII", 9: "IX", 11: "XI", 12: "XII"}


def _is_amount(tok: str) -> bool:
    return tok[:1].isdigit() or tok.lower() in _NUMBER_WORDS


def _twists(
    q_terms: list[str], sent: frozenset[str], question: str = "", sentence: str = ""
) -> int:
    """Question terms missing from the sentence where the sentence has the same word with another
    prefix: "unstable" for "stable", "decelerate" for "accelerate", "northwestern" for
    "southwestern". Not a compound the other text writes apart ("northwestern" for "North
    Western", "county" for "10-county"), nor a negating prefix the question says with "not"
    ("unjustified" for "not justified")."""
    plain = {w.lower() for w in words(question)} | {w.lower() for w in words(sentence)}
    q_negated = bool(_NEGATION_ANY.search(question))
    n = 0
    for t in q_terms:
        if t in sent or len(t) < 5 or not t.isalpha():
            continue
        for v in sent:
            if len(v) < 5 or v[-4:] != t[-4:]:
                continue
            k = 4
            while k < min(len(t), len(v)) and t[-k - 1] == v[-k - 1]:
                k += 1
            if k >= max(len(t), len(v)) - 5 and k >= 0.5 * max(len(t), len(v)):
                p_q, p_s = t[: len(t) - k], v[: len(v) - k]
                if _twist(p_q, p_s) and not _same_word(p_q, p_s, plain, q_negated):
                    n += 1
                    break
    return n


_NEGATING = frozenset(["un", "non", "in", "im", "il", "ir", "dis"])
# Prefixes that turn a word into another ("decrease" and "increase", "subsurface"); two words
# that end alike by chance ("research" and "march", "artist" and "baptist") are no twist.
_PREFIXES = _NEGATING | frozenset(
    [
        "ac",
        "anti",
        "counter",
        "de",
        "di",
        "ex",
        "extra",
        "inter",
        "mid",
        "mis",
        "out",
        "over",
        "post",
        "pre",
        "pro",
        "re",
        "sub",
        "under",
        "up",
        "down",
        "bio",
        "north",
        "south",
        "east",
        "west",
        "max",
        "min",
    ]
)


def _is_prefix(p: str) -> bool:
    p = p.rstrip("-")
    return not p or p in _PREFIXES


def _twist(p_q: str, p_s: str) -> bool:
    """Two prefixes that make opposite or different words; "ex" only against "in" ("external",
    "internal"), since "exchange" is no opposite of "change"."""
    if not (_is_prefix(p_q) and _is_prefix(p_s)):
        return False
    pair = {p_q.rstrip("-"), p_s.rstrip("-")}
    return "ex" not in pair or bool(pair & {"in", "im"})


def _same_word(p_q: str, p_s: str, plain: set[str], q_negated: bool) -> bool:
    """Whether two prefixes on the same word still say the same thing: one of them is empty and
    the other is a word of its own in the texts ("north" + "western"), a number ("10-"), or a
    negating prefix on the sentence's word while the question has a "not"."""
    if p_q and p_s:
        return False
    extra = (p_q or p_s).rstrip("-")
    if not extra or extra.isdigit():
        return True
    if p_s and q_negated and extra in _NEGATING:
        return True
    return extra not in _NEGATING and extra in plain


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
    if len(x) != len(m.coef):
        raise ValueError(f"{len(x)} features for a model of {len(m.coef)}")
    # The word columns are 0/1 and not centred (the trainer leaves their mean 0): a 0 there adds
    # an exact 0, so only the words present are summed, in the same order as the full sum.
    present = [k for k in range(SCALED, len(x)) if x[k] or m.mean[k]]
    z = m.bias + sum(
        m.coef[k] * (x[k] - m.mean[k]) / m.scale[k] for k in itertools.chain(range(SCALED), present)
    )
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# Features that on their own mark a question the article does not answer: on the tuning titles a
# "not" the best sentence does not share was unanswerable in 100 of 103 questions, an opposite of
# a word the article never uses ("lost" where it only says "won") in 8 of 10, a name, number or
# opposite put in the place of the question's (see _swaps) in 93 of 97 (SQuAD 2.0 tuning
# paragraphs), a sum of money asked of a sentence with none in all 9 of the tuning sets. A linear
# model shrinks such rare signals below its threshold, so they refuse by themselves.
STRONG = (
    "negation_any_unmatched",
    "opposite_only",
    "negated_affirmed",
    "swapped",
    "money_missing",
)
STRONG_AT = tuple(NAMES.index(n) for n in STRONG)


def flagged(x: list[float]) -> bool:
    return any(x[k] > 0 for k in STRONG_AT)


def refuses(x: list[float]) -> bool:
    m = model()
    return m is not None and (flagged(x) or probability(x, m) >= m.threshold)
