"""Words, stems and stop words, shared by the summarizers and the answerer (all offline)."""

from __future__ import annotations

import re
from functools import lru_cache

from sumy.nlp.stemmers import Stemmer
from sumy.utils import get_stop_words

LANGUAGE = "english"
STOP_WORDS: frozenset[str] = frozenset(get_stop_words(LANGUAGE))
# Words of sumy's list (the SMART list) that carry what a question asks: "how did he get help?",
# "who sent him off?", "what was its name?". They are terms to match, with their rarity's weight.
MEANINGFUL: frozenset[str] = frozenset(
    [
        "help",
        "name",
        "value",
        "novel",
        "sent",
        "serious",
        "kept",
        "keep",
        "keeps",
        "took",
        "take",
        "taken",
        "described",
        "changes",
        "placed",
        "available",
        "immediate",
        "believe",
        "want",
        "wants",
        "need",
        "needs",
        "allow",
        "allows",
        "mean",
        "useful",
        "example",
        "little",
        "tried",
        "tries",
        "trying",
        "tell",
        "think",
        "know",
        "known",
        "knows",
        "seen",
        "come",
        "comes",
        "came",
        "gone",
        "given",
        "gives",
        "liked",
        "like",
        "best",
        "better",
        "first",
        "second",
        "third",
        "fifth",
        "last",
        "next",
        "former",
        "right",
        "sure",
        "alone",
        "together",
        "outside",
        "behind",
    ]
)
TERM_STOP_WORDS: frozenset[str] = STOP_WORDS - MEANINGFUL
# Words that are a count by themselves ("four", "several"): an answer to "how many".
COUNT_WORDS: frozenset[str] = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "dozen",
        "few",
        "several",
        "many",
    ]
)
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)
_stemmer = Stemmer(LANGUAGE)


def wordset(text: str) -> frozenset[str]:
    """The words of a word list written as text, one space or line break between."""
    return frozenset(text.split())


def words(text: str) -> list[str]:
    """The words of a text as written (letters and digits, inner apostrophes/dots/hyphens kept)."""
    return _WORD.findall(text)


# Irregular past forms as their verb: the question asks "what did she buy?", the article says
# "bought". Forms that are often another word ("ground", "wound", "lit", "rose") are left alone;
# "fell" is kept: news says "fell down a cliff" far more than "fell a tree"; "felled" and
# "felling" go with it, so that "how many trees will be felled?" meets "plans to fell six trees".
IRREGULAR: dict[str, str] = {
    "arisen": "arise",
    "arose": "arise",
    "ate": "eat",
    "beaten": "beat",
    "became": "become",
    "began": "begin",
    "begun": "begin",
    "bent": "bend",
    "bled": "bleed",
    "bought": "buy",
    "bred": "breed",
    "broke": "break",
    "broken": "break",
    "brought": "bring",
    "built": "build",
    "came": "come",
    "caught": "catch",
    "chose": "choose",
    "chosen": "choose",
    "clung": "cling",
    "crept": "creep",
    "dealt": "deal",
    "drank": "drink",
    "drawn": "draw",
    "drew": "draw",
    "driven": "drive",
    "drove": "drive",
    "dug": "dig",
    "eaten": "eat",
    "fallen": "fall",
    "fell": "fall",
    "felled": "fall",
    "felling": "fall",
    "fed": "feed",
    "fled": "flee",
    "flew": "fly",
    "flown": "fly",
    "flung": "fling",
    "forgave": "forgive",
    "forgiven": "forgive",
    "forgot": "forget",
    "forgotten": "forget",
    "fought": "fight",
    "froze": "freeze",
    "frozen": "freeze",
    "gave": "give",
    "given": "give",
    "gone": "go",
    "grew": "grow",
    "grown": "grow",
    "heard": "hear",
    "held": "hold",
    "hid": "hide",
    "hidden": "hide",
    "hung": "hang",
    "kept": "keep",
    "knelt": "kneel",
    "knew": "know",
    "leapt": "leap",
    "led": "lead",
    "lent": "lend",
    "lost": "lose",
    "made": "make",
    "meant": "mean",
    "mistaken": "mistake",
    "mistook": "mistake",
    "overtaken": "overtake",
    "overtook": "overtake",
    "paid": "pay",
    "ran": "run",
    "rang": "ring",
    "ridden": "ride",
    "risen": "rise",
    "rode": "ride",
    "rung": "ring",
    "sang": "sing",
    "sank": "sink",
    "sat": "sit",
    "seen": "see",
    "sent": "send",
    "sewn": "sew",
    "shaken": "shake",
    "shone": "shine",
    "shook": "shake",
    "shot": "shoot",
    "shrank": "shrink",
    "slept": "sleep",
    "slid": "slide",
    "slung": "sling",
    "sold": "sell",
    "sought": "seek",
    "spent": "spend",
    "spoken": "speak",
    "sprang": "spring",
    "sprung": "spring",
    "spun": "spin",
    "stole": "steal",
    "stolen": "steal",
    "stood": "stand",
    "striven": "strive",
    "strode": "stride",
    "strove": "strive",
    "struck": "strike",
    "stuck": "stick",
    "stung": "sting",
    "sung": "sing",
    "sunk": "sink",
    "swam": "swim",
    "swept": "sweep",
    "swore": "swear",
    "sworn": "swear",
    "swum": "swim",
    "swung": "swing",
    "taken": "take",
    "taught": "teach",
    "thought": "think",
    "threw": "throw",
    "thrown": "throw",
    "told": "tell",
    "took": "take",
    "trod": "tread",
    "understood": "understand",
    "undertaken": "undertake",
    "undertook": "undertake",
    "went": "go",
    "wept": "weep",
    "withdrawn": "withdraw",
    "withdrew": "withdraw",
    "woke": "wake",
    "woken": "wake",
    "won": "win",
    "wore": "wear",
    "worn": "wear",
    "wove": "weave",
    "woven": "weave",
    "written": "write",
    "wrote": "write",
    "wrung": "wring",
}


@lru_cache(maxsize=65536)
def stem(word: str, *, verbs: bool = True) -> str:
    """The Snowball stem of a word, lower-cased; words with digits, dots or hyphens kept whole.
    An irregular past form is its verb's stem ("swam" is "swim"), unless `verbs` is False."""
    lw = word.lower().replace("’", "'")  # a phone types "O’Donnell", the article "O'Donnell"
    if lw.endswith("'s"):
        lw = lw[:-2]
    if verbs:
        lw = IRREGULAR.get(lw, lw)
    return _snowball(lw) if lw.isalpha() else lw


@lru_cache(maxsize=65536)
def _snowball(lw: str) -> str:
    """The Snowball stem of a lower-case word: "Minister", "minister" and "minister's" are asked
    for by different callers, and the stemmer is the slow part."""
    return str(_stemmer(lw))


# A thousands separator between digits: "10,000" is the term "10000", as a reader may type it.
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def terms(text: str, *, parts: bool = False, verbs: bool = True) -> list[str]:
    """Content terms: lower-cased, stop words out, stemmed. With `parts` (an article's sentences),
    each part of a hyphenated word is a term too: "Paris-based" is found by "Paris", and
    "Skłodowska-Curie" by "Curie". Without `verbs`, irregular past forms keep their own stems
    (the briefs' sentence vectors, which were tuned that way)."""
    out = []
    for w in words(_THOUSANDS.sub("", text) if "," in text else text):
        lw = w.lower()
        if lw in TERM_STOP_WORDS:
            continue
        out.append(stem(w, verbs=verbs))
        if parts and "-" in w:
            out.extend(
                stem(p) for p in w.split("-") if len(p) > 1 and p.lower() not in TERM_STOP_WORDS
            )
    return out
