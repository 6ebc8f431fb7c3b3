"""Per-language text handling: sentences, words, stop words, stems and normalisation.

`profile(code)` gives the handling for one language. English is exactly `bot.words`; languages
written without spaces between words (Chinese, Japanese, Thai) are indexed by character bigrams.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from bot import words as english
from bot.language import stopwords
from bot.language.detect import UNDETERMINED

# sumy's stop-word list and NLTK's Snowball stemmer (both ship with the packages, no download).
_SUMY_NAMES = {
    "en": "english", "de": "german", "es": "spanish", "fr": "french", "it": "italian",
    "pt": "portuguese", "nl": "dutch", "ro": "romanian", "ru": "russian", "uk": "ukrainian",
    "el": "greek", "ar": "arabic", "zh": "chinese", "ja": "japanese", "th": "thai",
}  # fmt: skip
_SNOWBALL = {"en", "de", "es", "fr", "it", "pt", "nl", "ro", "ru", "ar"}
_OWN_STOP_WORDS = {
    "ru": stopwords.RUSSIAN,
    "tr": stopwords.TURKISH,
    "vi": stopwords.VIETNAMESE,
    "ro": stopwords.ROMANIAN,
    "hi": stopwords.HINDI,
}
# Without a stemmer, the first letters of a word stand in for its stem: Turkish and Ukrainian
# inflect by suffixes, and a five- or six-letter prefix is a known good cut for retrieval (Turkish:
# six was better than five on XQuAD's tuning titles, four worse).
_PREFIX_STEM = {"tr": 6, "uk": 6, "el": 6}
# Hindi: a light suffix stripper (after Ramanathan and Rao, 2003), longest suffix first.
_HINDI_SUFFIX_TEXT = """ाएंगी ाएंगे ाऊंगी ाऊंगा ाइयाँ ाइयों ाइयां ाएगी ाएगा ाओगी ाओगे एंगी एंगे ऊंगी ऊंगा ातीं नाओं नाएं ताओं ताएं ियाँ ियों ियां ाकर ाइए ाईं ाया ेगी ेगा ोगी
ोगे ाने ाना ाते ाती ाता तीं ाओं ाएं ुओं ुएं ुआं कर ाओ िए ाई ाए ने नी ना ते ीं ती ता ाँ ां ों ें ो े ू ु ी ि ा"""
_HINDI_SUFFIXES = sorted(_HINDI_SUFFIX_TEXT.split(), key=len, reverse=True)
# Scripts without spaces between words.
NGRAM_LANGUAGES = frozenset({"zh", "ja", "th"})
# Vietnamese writes a space between syllables, and most of its words have two or more ("đô thị",
# "sứa lược", "chứng khoán"): a single syllable is a weak term, so each pair of adjacent content
# syllables is a term too. XQuAD tuning titles: hand-mixed top-1 86.0 -> 87.0.
SYLLABLE_PAIR_LANGUAGES = frozenset({"vi"})

# Indic vowel signs are combining marks, which \w does not match: they belong inside words.
_LETTER = r"(?:[^\W_]|[\u0900-\u0dff])"
_WORD = re.compile(rf"{_LETTER}+(?:['’.-]{_LETTER}+)*")
_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_THAI = r"\u0e00-\u0e7f"
_NOT_SCRIPT = rf"[^\W_{_CJK}{_THAI}]"
_NGRAM_RUN = re.compile(rf"[{_CJK}]+|[{_THAI}]+|{_NOT_SCRIPT}+(?:['’.-]{_NOT_SCRIPT}+)*")
SCRIPT_CHAR = re.compile(rf"[{_CJK}{_THAI}]")

_FOLD_ACCENTS = frozenset({"es", "pt", "fr", "it", "ro"})
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def normalise(code: str, text: str) -> str:
    """Lower-cased text with the spelling variants of the language folded together."""
    if code == "tr":
        # Turkish dotted and dotless i: "İ".lower() is "i" plus a combining dot, "I" is "ı".
        text = text.replace("İ", "i").replace("I", "ı")
    t = text.lower()
    if code == "ar":
        t = _ARABIC_MARKS.sub("", t).translate(_ARABIC_LETTERS)
    elif code in ("ru", "uk"):
        t = t.replace("ё", "е")
    elif code == "el":
        # Greek accents vary with position and stress: compare letters only.
        t = "".join(
            ch for ch in unicodedata.normalize("NFD", t) if not unicodedata.combining(ch)
        ).replace("ς", "σ")
    elif code == "de":
        t = t.replace("ß", "ss")
    if code in ("fr", "it"):
        t = t.replace("'", " ").replace("’", " ")  # elisions: l'armée, dell'anno
    if code in _FOLD_ACCENTS:
        # Questions are often typed without accents ("cuando", "quem"): compare base letters.
        t = "".join(ch for ch in unicodedata.normalize("NFD", t) if not unicodedata.combining(ch))
    return t


@dataclass(frozen=True)
class Profile:
    """How one language's text is split and reduced to comparable terms."""

    code: str
    sumy_name: str | None
    stop_words: frozenset[str]
    stem: Callable[[str], str]

    @property
    def ngrams(self) -> bool:
        return self.code in NGRAM_LANGUAGES

    def sentences(self, text: str) -> list[str]:
        """Sentences of one paragraph (see `bot.split`)."""
        from bot.split import split_sentences

        return split_sentences(text, self.code)

    def words(self, text: str) -> list[str]:
        """The words of a text as written (runs of Chinese/Thai letters count as one)."""
        return _NGRAM_RUN.findall(text) if self.ngrams else _WORD.findall(text)

    def terms(self, text: str) -> list[str]:
        """Content terms: normalised, stop words out, stemmed; character bigrams for scripts
        without spaces."""
        if self.code == "en":
            return english.terms(text)
        if self.ngrams:
            return _ngram_terms(self, text)
        if self.code in SYLLABLE_PAIR_LANGUAGES:
            return _syllable_terms(self, text)
        out = []
        for w in _WORD.findall(normalise(self.code, text)):
            if w in self.stop_words:
                continue
            out.append(self.stem(w))
        return out


def _syllable_terms(p: Profile, text: str) -> list[str]:
    """Each content syllable, followed by the pair it ends when the syllable before it is a
    content syllable too, with only spaces between ("đô", "thị", "đô thị")."""
    out: list[str] = []
    low = normalise(p.code, text)
    prev: str | None = None
    prev_end = 0
    for m in _WORD.finditer(low):
        w = m.group(0)
        if w in p.stop_words:
            prev = None
            continue
        w = p.stem(w)
        out.append(w)
        if prev is not None and low[prev_end : m.start()].isspace():
            out.append(f"{prev} {w}")
        prev, prev_end = w, m.end()
    return out


def word_count(sentence: str, code: str | None) -> int:
    """About how many words a sentence has; Chinese, Japanese and Thai write no spaces, so two
    of their letters count as one word."""
    if profile(code).ngrams:
        letters = len(SCRIPT_CHAR.findall(sentence))
        others = sum(1 for token in sentence.split() if not SCRIPT_CHAR.search(token))
        return (letters + 1) // 2 + others
    return len(sentence.split())


def _ngram_terms(p: Profile, text: str) -> list[str]:
    out: list[str] = []
    cut = _stop_cutter(p.code)
    for run in _NGRAM_RUN.findall(normalise(p.code, text)):
        if not SCRIPT_CHAR.match(run):
            if run not in english.STOP_WORDS:
                out.append(run)
            continue
        # Stop words ("的", "什么", "ของ") end a stretch: bigrams never span them.
        # Bigrams: most Chinese words are one or two characters long; on Thai, trigrams made
        # top-1 three points worse (bench/languages.py, tuning titles).
        n = 2
        for piece in cut.split(run) if cut else (run,):
            if 0 < len(piece) < n:
                out.append(piece)
            for i in range(len(piece) - n + 1):
                out.append(piece[i : i + n])
    return out


@lru_cache(maxsize=8)
def _stop_cutter(code: str) -> re.Pattern[str] | None:
    stop = sorted(profile(code).stop_words, key=len, reverse=True)
    stop = [w for w in stop if SCRIPT_CHAR.match(w)]
    return re.compile("|".join(map(re.escape, stop))) if stop else None


def _make_stemmer(code: str) -> Callable[[str], str]:
    if code == "en":
        return english.stem
    if code in _SNOWBALL:
        from nltk.stem.snowball import SnowballStemmer

        snowball = SnowballStemmer(_SUMY_NAMES[code]).stem

        @lru_cache(maxsize=65536)
        def snow(word: str) -> str:
            return str(snowball(word)) if word.isalpha() else word

        return snow
    if code == "hi":
        return _hindi_stem
    cut = _PREFIX_STEM.get(code)
    if cut and code == "tr":
        # A suffix after an apostrophe inflects a name ("İstanbul'da", "Rus'un"): the name is the
        # stem.
        return lambda w: _turkish_stem(w, cut)
    if cut:
        return lambda w: w[:cut] if w.isalpha() else w
    return lambda w: w


def _turkish_stem(word: str, cut: int) -> str:
    for mark in "'’":
        if mark in word:
            head = word.split(mark, 1)[0]
            return head[:cut] if head.isalpha() else head
    return word[:cut] if word.isalpha() else word


def _hindi_stem(word: str) -> str:
    for suffix in _HINDI_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)]
    return word


def _stop_words(code: str) -> frozenset[str]:
    if code == "en":
        return english.STOP_WORDS
    found: set[str] = set(_OWN_STOP_WORDS.get(code, ()))
    found |= {normalise(code, w) for w in stopwords.QUESTION_WORDS.get(code, ())}
    found |= {normalise(code, w) for w in stopwords.EXTRA.get(code, ())}
    name = _SUMY_NAMES.get(code)
    if name and code not in _OWN_STOP_WORDS:
        from sumy.utils import get_stop_words

        with contextlib.suppress(LookupError):
            found |= {normalise(code, w) for w in get_stop_words(name)}
    return frozenset(found)


@lru_cache(maxsize=64)
def profile(code: str | None) -> Profile:
    """The text handling for a language code; English for unknown or undetermined codes."""
    c = (code or "en").lower()
    if c == UNDETERMINED or c not in _supported():
        c = "en"
    return Profile(
        code=c,
        sumy_name=_SUMY_NAMES.get(c) if c in _SNOWBALL or c == "en" else None,
        stop_words=_stop_words(c),
        stem=_make_stemmer(c),
    )


def _supported() -> frozenset[str]:
    from bot.language.detect import SUPPORTED

    return frozenset(SUPPORTED)
