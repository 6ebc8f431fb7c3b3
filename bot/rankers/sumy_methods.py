"""The classic summarizers from sumy, fed through our own offline tokenizer (no NLTK data)."""

from __future__ import annotations

import warnings
from typing import Any

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.utils import get_stop_words

from bot.article import Article
from bot.split import split_sentences
from bot.words import LANGUAGE, words

SUMY_METHODS: tuple[str, ...] = ("lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic")


class OfflineTokenizer:
    """What sumy asks of a tokenizer, without NLTK's punkt (which would need a download)."""

    language = LANGUAGE

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence))


_TOKENIZER = OfflineTokenizer()


def build_document(article: Article) -> tuple[ObjectDocumentModel, dict[str, int]]:
    """A sumy document of the article's paragraphs, and each sentence text's first index.

    sumy hashes sentences by their text, so a repeated sentence (a caption printed twice) would
    share one rating; only its first occurrence goes in, which also keeps briefs free of repeats.
    """
    first: dict[str, int] = {}
    paragraphs = []
    i = 0
    for para in article.paragraphs:
        sents = []
        for text in para:
            if text.strip() and text.strip() not in first:
                first[text.strip()] = i
                sents.append(Sentence(text, _TOKENIZER))
            i += 1
        if sents:
            paragraphs.append(Paragraph(sents))
    return ObjectDocumentModel(paragraphs), first


def _summarizer(method: str) -> Any:
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
    summarizer = classes[method](Stemmer(LANGUAGE))
    summarizer.stop_words = get_stop_words(LANGUAGE)
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
        picked = _summarizer(method)(document, count)
    return [first[str(s).strip()] for s in picked]
