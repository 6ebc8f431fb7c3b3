"""Sentence rankers behind `bot.brief`: the "news" ranker and sumy's classic summarizers.

Each ranker takes an Article and a count and returns indices into `article.sentences`.
"""

from __future__ import annotations

import math
import re
import warnings
from collections import Counter
from typing import Any

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.utils import get_stop_words

from bot import words as english
from bot.article import Article
from bot.language.text import normalise, profile, word_count
from bot.split import split_sentences
from bot.words import LANGUAGE, words

# --- news: lead bias plus centrality, minus redundancy, junk and dangling pronouns ---
# Linear in the article's length (no sentence-pair matrix), so long pastes stay fast.

# News puts the story first, but the best sentences for a brief sit anywhere in the first five or
# so (on CNN/DailyMail the second sentence is picked by an oracle as often as the first):
# a slow hyperbolic decay, sentence 4 gets half the bonus of sentence 0.
POSITION_HALF = 4.0
# Similarity to the article's centroid (tf-idf of stemmed content words), scaled so the most
# central sentence gets this much: it pulls in what the article keeps talking about.
CENTRALITY_WEIGHT = 1.0
# Maximal marginal relevance: a candidate loses this times its best cosine with a chosen one.
REDUNDANCY_WEIGHT = 0.7
# Run-on sentences (captions glued to text, long quotations) cost reading time and carry less
# per word; past LONG_WORDS words a sentence loses LONG_PENALTY per LONG_WORDS extra words.
LONG_WORDS = 35
LONG_PENALTY = 0.3
# Junk and dangling pronouns are pushed below every ordinary sentence, not removed: a brief of an
# article made only of such sentences must still say something.
LAST_RESORT = 10.0
MIN_WORDS = 6

_JUNK = re.compile(
    r"scroll down for|click here|read more|contributed to this report|follow\b.{0,40}\bon twitter"
    r"|all rights reserved|sign up for|e-?mail to a friend|share this (?:article|story)",
    re.IGNORECASE,
)
# A sentence opening with a pronoun needs the sentence before it, which usually names who or what.
_PRONOUN_OPENING = re.compile(
    r"^\W*(?:he|she|it|they|them|his|her|its|their|this|these|those)\b", re.IGNORECASE
)

Vector = dict[str, float]


def is_junk(sentence: str, language: str | None = None) -> bool:
    """Page furniture, questions and fragments: never the point of a story."""
    s = sentence.rstrip(" '\"”’")
    return (
        word_count(sentence, language) < MIN_WORDS
        or s.endswith(("?", "？", "؟"))
        or bool(_JUNK.search(sentence))
    )


# A sentence that is all quotation names no speaker: the one before it does.
_BARE_QUOTE = re.compile(r"^\s*(?:[\"“]|``|')[^\"“”]*?[.!?,]\s*(?:[\"”]|'')\s*$")


def opens_with_pronoun(sentence: str) -> bool:
    """True when the sentence leans on the one before it: a pronoun opener or a bare quotation."""
    return bool(_PRONOUN_OPENING.match(sentence) or _BARE_QUOTE.match(sentence))


def _vectors(sentences: list[str], language: str | None = None) -> list[Vector]:
    """Unit-length tf-idf vectors of each sentence's stemmed content words."""
    p = profile(language)
    # English briefs stem "swam" as "swam": answers read it as "swim" (bot.words.IRREGULAR), but
    # the briefs' ROUGE on summ_dev fell 0.02 that way.
    bags = [
        Counter(english.terms(s, verbs=False) if p.code == "en" else p.terms(s)) for s in sentences
    ]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(sentences)
    idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
    vectors = []
    for bag in bags:
        v = {t: (1 + math.log(k)) * idf[t] for t, k in bag.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({t: x / norm for t, x in v.items()})
    return vectors


def _cosine(u: Vector, v: Vector) -> float:
    if len(u) > len(v):
        u, v = v, u
    return sum(x * v.get(t, 0.0) for t, x in u.items())


def scores(sentences: list[str], vectors: list[Vector], language: str | None = None) -> list[float]:
    """Each sentence's standalone worth: position, centrality, length and junk."""
    centroid: Vector = {}
    for v in vectors:
        for t, x in v.items():
            centroid[t] = centroid.get(t, 0.0) + x
    centrality = [_cosine(v, centroid) for v in vectors]
    top = max(centrality, default=0.0) or 1.0
    out = []
    for i, (sentence, c) in enumerate(zip(sentences, centrality, strict=True)):
        score = 1.0 / (1.0 + i / POSITION_HALF) + CENTRALITY_WEIGHT * c / top
        n_words = word_count(sentence, language)
        if n_words > LONG_WORDS:
            score -= LONG_PENALTY * (n_words - LONG_WORDS) / LONG_WORDS
        if is_junk(sentence, language):
            score -= LAST_RESORT
        out.append(score)
    return out


def news_rank(article: Article, count: int) -> list[int]:
    """Greedy MMR over all sentences; a pronoun opener only follows its own predecessor."""
    sentences = article.sentences
    vectors = _vectors(sentences, article.language)
    base = scores(sentences, vectors, article.language)
    pronoun = [opens_with_pronoun(s) for s in sentences]
    chosen: list[int] = []
    # A repeated sentence (a caption printed twice) says nothing new: only its first copy counts.
    first: dict[str, int] = {}
    for i, s in enumerate(sentences):
        first.setdefault(s, i)
    unique = sorted(first.values(), key=lambda i: -base[i])
    # Only the best-scored sentences can win; capping them keeps a pasted book linear in time.
    candidates = set(unique[: max(60, 12 * count)])
    # Best cosine of each sentence with any chosen one, updated per pick: O(k) per pick.
    overlap = [0.0] * len(sentences)
    while len(chosen) < count and candidates:
        best, best_value = -1, -math.inf
        for i in candidates:
            value = base[i] - REDUNDANCY_WEIGHT * overlap[i]
            if pronoun[i] and (i - 1) not in chosen:
                value -= LAST_RESORT
            # Ties go to the earlier sentence, so equal scores keep article order.
            if value > best_value or (value == best_value and i < best):
                best, best_value = i, value
        candidates.discard(best)
        chosen.append(best)
        for i in candidates:
            overlap[i] = max(overlap[i], _cosine(vectors[i], vectors[best]))
    return chosen


# --- sumy's summarizers, fed through our own offline tokenizer (no NLTK data) ---

SUMY_METHODS: tuple[str, ...] = ("lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic")


class OfflineTokenizer:
    """What sumy asks of a tokenizer, without NLTK's punkt (which would need a download).

    Languages written without spaces give character bigrams as their "words"."""

    def __init__(self, language: str | None = None) -> None:
        self.code = profile(language).code
        self.language = profile(language).sumy_name or LANGUAGE

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph, self.code))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        if self.code == "en":
            return tuple(words(sentence))
        p = profile(self.code)
        return tuple(p.terms(sentence) if p.ngrams else p.words(normalise(self.code, sentence)))


def build_document(article: Article) -> tuple[ObjectDocumentModel, dict[str, int]]:
    """A sumy document of the article's paragraphs, and each sentence text's first index.

    sumy hashes sentences by their text, so a repeated sentence (a caption printed twice) would
    share one rating; only its first occurrence goes in, which also keeps briefs free of repeats.
    """
    tokenizer = OfflineTokenizer(article.language)
    first: dict[str, int] = {}
    paragraphs = []
    i = 0
    for para in article.paragraphs:
        sents = []
        for text in para:
            if text.strip() and text.strip() not in first:
                first[text.strip()] = i
                sents.append(Sentence(text, tokenizer))
            i += 1
        if sents:
            paragraphs.append(Paragraph(sents))
    return ObjectDocumentModel(paragraphs), first


def _summarizer(method: str, language: str | None = None) -> Any:
    # Imported here: the summarizer modules pull in numpy, which `import bot` should not pay for.
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    classes: dict[str, Any] = {
        "lexrank": LexRankSummarizer,
        "textrank": TextRankSummarizer,
        "lsa": LsaSummarizer,
        "luhn": LuhnSummarizer,
        "kl": KLSummarizer,
        "sumbasic": SumBasicSummarizer,
    }
    p = profile(language)
    if p.code == "en":
        summarizer = classes[method](Stemmer(LANGUAGE))
        summarizer.stop_words = get_stop_words(LANGUAGE)
    else:
        # The language's own stems and stop words (bigrams are their own stems).
        summarizer = classes[method](p.stem)
        summarizer.stop_words = p.stop_words
    return summarizer


def sumy_rank(method: str, article: Article, count: int) -> list[int]:
    """Indices of the sentences sumy's `method` picks, best `count` of them."""
    document, first = build_document(article)
    if not document.sentences:
        return []
    import numpy

    # Sentences without content words give LexRank a zero vector (numpy warns of 0/0) and a
    # short text makes LSA warn that it has fewer words than sentences; sumy still returns a
    # usable order in both cases, so the warnings are noise for our users.
    with numpy.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        picked = _summarizer(method, article.language)(document, count)
    return [first[str(s).strip()] for s in picked]
