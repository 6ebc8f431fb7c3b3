"""A small part-of-speech guesser: each word's most frequent universal tag in the UD English
treebank (bot/data/pos_lexicon.json, built by bench/train_pos.py), suffix and shape rules for
words it has not seen. Good enough to tell a noun phrase from a verb for the span scorer."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ing", "VERB"),
    ("ed", "VERB"),
    ("ly", "ADV"),
    ("tion", "NOUN"),
    ("sion", "NOUN"),
    ("ment", "NOUN"),
    ("ness", "NOUN"),
    ("ity", "NOUN"),
    ("ism", "NOUN"),
    ("ist", "NOUN"),
    ("ous", "ADJ"),
    ("ive", "ADJ"),
    ("able", "ADJ"),
    ("ible", "ADJ"),
    ("al", "ADJ"),
    ("ic", "ADJ"),
    ("ful", "ADJ"),
    ("less", "ADJ"),
    ("ize", "VERB"),
    ("ise", "VERB"),
    ("s", "NOUN"),
)
_NUMBER = re.compile(r"^[\d.,:/%-]+$")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, str]:
    """Word (lower-cased) -> its most frequent universal POS tag; empty if the file is missing."""
    try:
        raw = resources.files("bot").joinpath("data/pos_lexicon.json").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return {}
    data: dict[str, str] = json.loads(raw)
    return data


def tag_word(word: str, first: bool, lex: dict[str, str]) -> str:
    """The tag of one word; `first` says it opens the sentence (its capital says nothing)."""
    if not word[0].isalnum():
        return "SYM" if word in "$£€¥%" else "PUNCT"
    low = word.lower()
    known = lex.get(low)
    if word[0].isupper() and not first and known not in ("PRON", "DET", "ADP", "AUX", "CCONJ"):
        return "PROPN"
    if known:
        return known
    if _NUMBER.match(word) or word[0].isdigit():
        return "NUM"
    if word[0].isupper():
        return "PROPN"
    for suffix, t in _SUFFIXES:
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            return t
    return "NOUN"


def tag(words: list[str], lex: dict[str, str] | None = None) -> list[str]:
    """Universal POS tags for a sentence's words."""
    lex = lexicon() if lex is None else lex
    return [tag_word(w, k == 0, lex) for k, w in enumerate(words)]
