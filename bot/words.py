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


def words(text: str) -> list[str]:
    """The words of a text as written (letters and digits, inner apostrophes/dots/hyphens kept)."""
    return _WORD.findall(text)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of a word, lower-cased; words with digits, dots or hyphens kept whole."""
    lw = word.lower().replace("’", "'")  # a phone types "O’Donnell", the article "O'Donnell"
    if lw.endswith("'s"):
        lw = lw[:-2]
    return str(_stemmer(lw)) if lw.isalpha() else lw


# A thousands separator between digits: "10,000" is the term "10000", as a reader may type it.
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def terms(text: str, *, parts: bool = False) -> list[str]:
    """Content terms: lower-cased, stop words out, stemmed. With `parts` (an article's sentences),
    each part of a hyphenated word is a term too: "Paris-based" is found by "Paris", and
    "Skłodowska-Curie" by "Curie"."""
    out = []
    for w in words(_THOUSANDS.sub("", text) if "," in text else text):
        lw = w.lower()
        if lw in TERM_STOP_WORDS:
            continue
        out.append(stem(w))
        if parts and "-" in w:
            out.extend(
                stem(p) for p in w.split("-") if len(p) > 1 and p.lower() not in TERM_STOP_WORDS
            )
    return out
