"""Answer questions from an article's own sentences: BM25-style lexical scoring, fuzzy matching
and the question's expected answer type, then a heuristic span inside the chosen sentence."""

from __future__ import annotations

import bisect
import dataclasses
import functools
import hashlib
import itertools
import math
import re
import unicodedata
from collections import Counter, OrderedDict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot import followup, pos, quotes, reasons, refusal, sentence_model, span_model, spans, synonyms
from bot.article import Article
from bot.clean import clean_text
from bot.errors import ArticlebotError
from bot.followup import Context
from bot.language import answering as other_language
from bot.language.detect import UNDETERMINED, detect
from bot.language.text import normalise, profile
from bot.questions import ASKS_WHERE, QType, asks_for_several, question_type
from bot.split import split_captions
from bot.words import IRREGULAR, STOP_WORDS, stem, words, wordset
from bot.words import terms as english_terms

# Long pastes as questions must stay cheap: only the start of a question is read.
MAX_QUESTION_CHARS = 600
MAX_QUESTION_TERMS = 40

# BM25 constants (the usual ones) and the mixing weights, tuned on SQuAD dev paragraphs.
K1 = 1.2
B = 0.75
W_FUZZ = 0.5  # rapidfuzz token_set_ratio, 0..1
W_BIGRAM = 0.25  # share of the question's consecutive term pairs found in the sentence
W_TYPE = 0.3  # the sentence holds an entity of the asked type that the question lacks
W_NEIGHBOUR = 0.2  # a term found only in the previous/next sentence (pronoun subjects)
W_PREFIX = 0.5  # a term matched only by a shared 5-letter prefix ("founder" ~ "founded")
W_TITLE = 0.3  # a term found in the title counts as partly present everywhere
W_DEFINITION = 0.3  # "What is X?" and a sentence saying "X is ..." or "X, a ..."
W_REASON = 0.6  # a "why" question and a sentence with a reason clause
W_REFERENT = 0.5  # a term a follow-up's reading added ("she" -> "Ana Ruiz")
W_SYNONYM = 0.5  # a term whose word the sentence says another way ("found" ~ "discovered")

# answer() says "the article does not say" when the best sentence (with its neighbours and the
# title) covers less than this IDF-weighted share of the question's terms. Calibrated on SQuAD dev
# (bench/qa_eval.py): at 0.12 about 2% of real questions get None and about 95% of questions put
# to another article's paragraph do. The mixed ranking score is not used for this: its fuzzy part
# rewards shared stop words and rose for unrelated questions too.
THRESHOLD = 0.12


@dataclass(frozen=True)
class Answer:
    """One candidate answer: the sentence, a short span inside it (or None), score, position."""

    sentence: str
    span: str | None
    score: float
    index: int
    # The best short answer even when it is not sure enough to be shown bold, and its
    # probability among the sentence's candidate spans.
    guess: str | None = None
    confidence: float = 0.0


@dataclass(frozen=True)
class Mentions:
    """Who, where, when and how many an article mentions, most frequent first."""

    people: list[str]
    places: list[str]
    dates: list[str]
    numbers: list[str]
    organisations: list[str] = field(default_factory=list)


@dataclass
class _Index:
    """What is computed once per article: sentence terms, frequencies, IDF."""

    sentences: list[str]
    para_of: list[int]
    tf: list[Counter[str]]
    lengths: list[int]
    avgdl: float
    idf: dict[str, float]
    n: int
    bigrams: list[set[tuple[str, str]]]
    prefixes: list[set[str]]
    lowered: list[str]
    title_terms: frozenset[str]
    dateline: str | None
    language: str
    vocabulary: set[str]
    text: str
    pairs: set[str]
    terms: list[list[str]] = field(default_factory=list)
    said: list[quotes.Said | None] | None = None  # who said what, worked out on first need
    spellings: list[str] | None = None  # the article's own words, for questions with typos
    words: frozenset[str] | None = None  # every word of the article, lower case
    accented: dict[str, str] | None = None  # "yuki" -> "Yûki": its words with accents, unaccented
    main_people: list[tuple[str, str]] | None = None  # people, most named first, with sex
    person_names: frozenset[frozenset[str]] | None = None  # each person's name stems, on need
    aged_names: frozenset[frozenset[str]] | None = None  # names given an age ("Pike, 34,")


def _build_index(article: Article) -> _Index:
    sentences: list[str] = []
    para_of: list[int] = []
    lang = profile(article.language)
    english = lang.code in ("en", UNDETERMINED)
    for p, para in enumerate(article.paragraphs):
        for s in para:
            for piece in split_captions(s) if english else (s,):
                sentences.append(piece)
                para_of.append(p)
    sent_terms = [
        english_terms(s, parts=True) if lang.code == "en" else lang.terms(s) for s in sentences
    ]
    tf = [Counter(t) for t in sent_terms]
    n = len(sentences)
    df: Counter[str] = Counter()
    for c in tf:
        df.update(c.keys())
    idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
    lengths = [len(t) for t in sent_terms]
    avgdl = (sum(lengths) / n) if n else 1.0
    return _Index(
        sentences=sentences,
        para_of=para_of,
        tf=tf,
        lengths=lengths,
        avgdl=max(avgdl, 1.0),
        idf=idf,
        n=n,
        bigrams=[set(itertools.pairwise(t)) for t in sent_terms],
        prefixes=[{w[:5] for w in t if len(w) >= 5} for t in sent_terms],
        lowered=[normalise(lang.code, s) for s in sentences],
        title_terms=frozenset(lang.terms(article.title or "")),
        dateline=article.place or (spans.dateline_place(sentences[0]) if sentences else None),
        language=lang.code,
        vocabulary=set(df),
        pairs={f"{a} {b}" for t in sent_terms for a, b in itertools.pairwise(t)},
        text=" ".join(sentences).lower(),
        terms=sent_terms,
        # Who said what is part of reading an English article once, like its terms: a question
        # about speech then costs no more than any other.
        said=quotes.speeches(sentences) if lang.code == "en" else None,
    )


# A few recent articles' indexes; the bot asks several questions about the same article.
_CACHE: OrderedDict[Article, _Index] = OrderedDict()
_TEXT_CACHE: OrderedDict[str, Article] = OrderedDict()
_CACHE_SIZE = 16


def _index(article: Article) -> _Index:
    idx = _CACHE.get(article)
    if idx is None:
        idx = _build_index(article)
        _CACHE[article] = idx
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(article)
    return idx


def _article_from_text(text: str) -> Article:
    key = hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=16).hexdigest()
    art = _TEXT_CACHE.get(key)
    if art is None:
        art = clean_text(text)
        _TEXT_CACHE[key] = art
        if len(_TEXT_CACHE) > _CACHE_SIZE:
            _TEXT_CACHE.popitem(last=False)
    return art


@dataclass(frozen=True)
class _Question:
    text: str
    lowered: str
    terms: list[str]
    bigrams: set[tuple[str, str]]
    qtype: QType
    stems: frozenset[str]
    language: str = "en"
    info: span_model.QInfo | None = None  # English only: the learned scorer's view
    money: bool = False  # English only: a sum of money is asked for ("how much did it cost")
    # Other languages, "what did X say": the sentences where X says something.
    speaks: frozenset[int] = frozenset()
    # Terms a follow-up's reading added (the person "she" stands for): they weigh less, since the
    # sentence that answers often says "she" too.
    soft: frozenset[str] = frozenset()
    # "What is X?" / "Who is X?": the sentences that say what X is (worked out by _score_all).
    defines: frozenset[int] = frozenset()


def _question_language(question: str, article_language: str) -> str:
    """The question's own language when it is surely another than the article's ("Who is …?"
    about a German article), else the article's."""
    if article_language == UNDETERMINED:
        return article_language
    if article_language == "en" and _ENGLISH_ASK.match(question):
        return "en"  # "who is jonas richter?" read as Dutch lost the English models
    code = detect(question)
    return article_language if code == UNDETERMINED else code


# An English question word first: the question is English, whatever its names look like.
_ENGLISH_ASK = re.compile(
    r"^\W*(?:(?:and|so|but|ok|okay)\W+)?(?:who|whom|whose|what|what's|when|where|why|how|which)\b",
    re.IGNORECASE,
)


_ASKING_TAGS = frozenset(["VERB", "NOUN", "ADJ", "ADV", "NUM", "PROPN"])
_NOT_ASKING = wordset(
    """what who whom whose when where why how which did does do done is are was were be been has
    have had will would can could should may might must shall there then so also really else"""
)


def _parse_question(
    question: str, language: str = "en", asked_in: str | None = None
) -> _Question | None:
    """The question, read in `asked_in` (its own language: stop words, stems, question words),
    to be matched against an article in `language`."""
    q = " ".join(question[:MAX_QUESTION_CHARS].split())
    asked_in = asked_in or language
    all_terms = profile(asked_in).terms(q)
    seen: dict[str, None] = {}
    for t in all_terms:
        seen.setdefault(t, None)
    uniq = list(seen)[:MAX_QUESTION_TERMS]
    if not uniq and language == "en" and asked_in == "en":
        # "What did they use?", "how did they get away?": no word but common ones; those that
        # are not question words, auxiliaries or pronouns are what it asks about.
        said = words(q)
        uniq = list(
            dict.fromkeys(
                stem(w)
                for w, t in zip(said, pos.tag(said), strict=True)
                if t in _ASKING_TAGS and w.lower() not in _NOT_ASKING
            )
        )[:MAX_QUESTION_TERMS]
    if not uniq:
        return None
    if language != "en" or asked_in != "en":
        # Another language, or a question asked across languages: the learned English models
        # (span scorer, refusal) are not used; names and numbers still match.
        return _Question(
            text=q,
            lowered=normalise(language, q),
            terms=uniq,
            bigrams=set(itertools.pairwise(all_terms)),
            qtype=(
                question_type(q) if asked_in == "en" else other_language.question_type(q, asked_in)
            ),
            stems=other_language.content(q, asked_in),
            language=language,
        )
    return _Question(
        text=q,
        lowered=q.lower(),
        terms=uniq,
        bigrams=set(itertools.pairwise(all_terms)),
        qtype=(qtype := question_type(q)),
        stems=frozenset(spans.content_stems(q)),
        info=span_model.question_info(q),
        money=qtype is QType.NUMBER and spans.asks_for_money(q),
    )


def _typed_spans(sentence: str, qtype: QType, language: str = "en") -> list[spans.Span]:
    if language != "en":
        return other_language.typed(sentence, qtype, language)
    if qtype is QType.DATE:
        return spans.dates(sentence)
    if qtype is QType.NUMBER:
        return [
            s
            for s in spans.numbers(sentence)
            if not re.fullmatch(r"(1[0-9]{3}|20[0-9]{2})", s.text)
        ]
    if qtype is QType.PERSON:
        return [s for s in spans.names(sentence) if s.kind in ("person", "name")]
    if qtype is QType.PLACE:
        return [s for s in spans.names(sentence) if s.kind in ("place", "name")]
    return []


def _new_to_question(span: spans.Span, q: _Question) -> bool:
    if q.language != "en":
        return not other_language.content(span.text, q.language) <= q.stems
    st = spans.content_stems(span.text)
    # A number's unit may repeat the question ("how many residents"); the number itself is new.
    # A date is new unless the question names it: "May" holds no content stem (a stop word).
    new_date = span.kind == "date" and span.text.lower() not in q.text.lower()
    return (bool(st) and not st <= q.stems) or span.kind == "number" or new_date


def _term_weights(q: _Question, idx: _Index) -> dict[str, float]:
    """The question's terms weighed by their rarity in the article (a term it lacks, the most);
    a term a follow-up's reading added weighs less."""
    unseen = math.log(1 + (idx.n + 0.5) / 0.5)
    return {t: idx.idf.get(t, unseen) * (W_REFERENT if t in q.soft else 1.0) for t in q.terms}


def _said_as(q: _Question, weights: dict[str, float]) -> dict[str, frozenset[str]]:
    """English: the question's terms another word may say (bot.synonyms). A sentence saying it
    that way holds the term in part (W_SYNONYM), where the article uses the question's own word
    elsewhere: "who found his body?" and "his body was discovered by a dog walker"."""
    if q.info is None:
        return {}
    return {t: frozenset(alike) for t in weights if (alike := synonyms.alike(t))}


def _scores(q: _Question, idx: _Index) -> tuple[list[float], list[float]]:
    """Per sentence: the ranking score, and the IDF-weighted share of the question it covers."""
    n = idx.n
    weights = _term_weights(q, idx)
    total = sum(weights.values()) or 1.0
    n_bigrams = len(q.bigrams)
    w_bigram = other_language.W_TERM_PAIRS.get(idx.language, W_BIGRAM)
    out: list[float] = []
    cover: list[float] = []
    said_as = _said_as(q, weights)
    for i in range(n):
        tf = idx.tf[i]
        norm = K1 * (1 - B + B * idx.lengths[i] / idx.avgdl)
        prev_tf = idx.tf[i - 1] if i > 0 and idx.para_of[i - 1] == idx.para_of[i] else None
        next_tf = idx.tf[i + 1] if i + 1 < n and idx.para_of[i + 1] == idx.para_of[i] else None
        lex = 0.0
        for t, w in weights.items():
            f = tf.get(t, 0)
            if f:
                lex += w * f * (K1 + 1) / (f + norm)
            elif t in said_as and not said_as[t].isdisjoint(tf):
                lex += w * W_SYNONYM
            elif (prev_tf and t in prev_tf) or (next_tf and t in next_tf):
                lex += w * W_NEIGHBOUR
            elif len(t) >= 5 and t[:5] in idx.prefixes[i]:
                lex += w * W_PREFIX
            elif t in idx.title_terms:
                lex += w * W_TITLE
        score = lex / total
        cover.append(score)
        if n_bigrams:
            score += w_bigram * len(q.bigrams & idx.bigrams[i]) / n_bigrams
        score += W_FUZZ * fuzz.token_set_ratio(q.lowered, idx.lowered[i]) / 100.0
        out.append(score)
    return out, cover


_AGE_QUESTION = re.compile(r"\bhow\s+old\b|\bwhat\s+age\b|\bage\s+(?:is|was)\b", re.IGNORECASE)
_AGE_NUMBER = r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_AGE = re.compile(
    # "pupils aged nine to 12", "aged 13 to 16", "aged between 18 and 25": the range, before the
    # first age alone can match
    rf"\baged\s+(?:between\s+)?{_AGE_NUMBER}\s*(?:to|-|–|and)\s*{_AGE_NUMBER}\b(?!,\s*\d)"
    rf"|\b(?i:{_AGE_NUMBER})-year-old\b"
    r"|\baged\s+\d{1,3}(?:(?:,\s*|\s+and\s+)\d{1,3}\b)*\b|, \d{1,3}, |\(\d{1,3}\)"
    # "Wiggins, who is 35 on April 28," / "who turns 40 next month"
    r"|\bwho\s+(?:is|was|turns|turned|will\s+be)\s+\d{1,3}(?=\s*(?:[,.;)]|on\b|in\b|next\b|this\b|$))"
    # "... has died at her home in Ludlow. She was 91."
    r"|\b(?:[Hh]e|[Ss]he)\s+(?:was|is)\s+\d{1,3}(?=\s*(?:[.;]|$))"
)
_AGES = re.compile(
    rf"(?<=aged\s){_AGE_NUMBER}\s*(?:to|-|–)\s*{_AGE_NUMBER}\b"
    r"|\d{1,3}(?:(?:,\s*|\s+and\s+)\d{1,3})*"
    rf"|\b(?i:{_AGE_NUMBER})(?=-year-old)"  # "a two-year-old female": two
)
# A name and the age after it: "Graham Tulley, 58," / "Tulley (58)".
_NAME_AGE = re.compile(
    r"([A-Z][\w'’-]+)(?=(, \d{1,3}, |\s?\(\d{1,3}\)|,\s+who\s+(?:is|was|turns|turned|will\s+be)\s+\d))"
)


# "How old is the fossil?": the age of a thing ("about 185 million years ago"), not a person's.
_THING_AGE_ASKED = re.compile(
    r"^\W*(?:and\s+|so\s+)?how\s+old\s+(?:is|was|are|were)\s+(?:the|this|that|these|those|its|"
    r"their|his|her)\s+(?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*)\s*[?.!]*$",
    re.IGNORECASE,
)
_PEOPLE_WORDS = wordset(
    """child children kid kids baby babies victim victims pupil pupils student students people
    person men women boys girls twins couple patient patients suspect suspects owner owners
    driver drivers player players winner winners mother father son daughter brother sister wife
    husband family teenager teenagers defendant defendants climber hiker walker cyclist cyclists
    motorist motorists pedestrian pedestrians rider riders runner runners swimmer swimmers
    survivor survivors"""
)
_THING_AGE = re.compile(
    r"\b(?P<age>(?:(?:about|around|nearly|almost|more\s+than|over|some|up\s+to)\s+)?(?:\d[\d,.]*|"
    r"a|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|hundreds\s+of|"
    r"thousands\s+of|millions\s+of)(?:\s+(?:hundred|thousand|million|billion))?\s+years?)\s+"
    r"(?:ago|old)\b",
    re.IGNORECASE,
)


def _thing_age_asked(q: _Question) -> bool:
    """Whether "how old ...?" asks the age of a thing ("the fossil"), not of a person."""
    m = _THING_AGE_ASKED.match(q.text) if q.info is not None else None
    if m is None:
        return False
    head = m.group(1).lower()
    return head not in _PEOPLE_WORDS and head not in spans.PERSON_HEADS


def _age_pattern(q: _Question) -> re.Pattern[str]:
    """What an age of what the question asks about looks like: a thing's ("185 million years
    ago") or a person's ("the 29-year-old", "Ruiz, 33,")."""
    return _THING_AGE if _thing_age_asked(q) else _AGE


def _age_of_asked(q: _Question, sentence: str) -> re.Match[str] | None:
    """The age the sentence gives right after a name the question asks about."""
    for m in _NAME_AGE.finditer(sentence):
        if stem(m.group(1)) in q.stems:
            return _AGE.search(sentence, m.end())
    return None


# "What is her favourite food?": what the sentence sets beside those words.
_WHAT_IS_HERS = re.compile(
    r"^\W*what(?:['’]s|\s+is|\s+was|\s+are|\s+were)\s+(her|his|their|its|[A-Z][\w-]*['’]s)\s+"
    r"([a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*){0,3})\s*\??\s*$",
    re.IGNORECASE,
)


def _apposed_to_asked(q: _Question, sentence: str) -> str | None:
    """For "what is her favourite food?", the noun phrase the sentence sets those words beside:
    "tempted down with grapes, her favourite food," - "grapes"; else None."""
    m = _WHAT_IS_HERS.match(q.text) if q.info is not None else None
    if m is None:
        return None
    beside = re.search(
        rf"([\w'’-]+(?:\s+[\w'’-]+){{0,3}}),\s+(?:her|his|their|its|the)\s+{re.escape(m.group(2))}\b",
        sentence,
        re.IGNORECASE,
    )
    if beside is None:
        return None
    toks = beside.group(1).split()
    tags = pos.tag(toks)
    k = len(toks)
    while k > 0 and tags[k - 1] in ("NOUN", "PROPN", "ADJ", "NUM") and toks[k - 1].isalnum():
        k -= 1
    if k > 0 and toks[k - 1].lower() in ("a", "an", "the"):
        k -= 1
    phrase = " ".join(toks[k:])
    return phrase if phrase and tags[-1] in ("NOUN", "PROPN") else None


_ABOUT_ASKED = re.compile(
    r"^\W*what(?:['’]s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+)?(.{2,60}?)\s+about\s*\??\s*$",
    re.IGNORECASE,
)
_ABOUT = re.compile(
    r"\babout\s+((?:an?|the|his|her|their|how|what|why|a\s+\w+)\b[^,.;:!?\"“”]{3,100})"
)


def _about_of_asked(q: _Question, sentence: str) -> str | None:
    """For "what is Puddle Lane about?", what the sentence says it is about, right after naming
    it: "The first Puddle Lane story, about a family of otters who run a ferry on a canal," - "a
    family of otters who run a ferry on a canal"; else None."""
    m = _ABOUT_ASKED.match(q.text) if q.info is not None else None
    if m is None:
        return None
    asked = {stem(w.lower()) for w in words(m.group(1)) if w.lower() not in STOP_WORDS}
    if not asked:
        return None
    named = asked - _WORKS  # "the Puddle Lane books" of "The first Puddle Lane story"
    for about in _ABOUT.finditer(sentence):
        before = {
            stem(w.lower()) for w in words(sentence[max(0, about.start() - 50) : about.start()])
        }
        if (named or asked) <= before:
            return about.group(1).strip()
    return None


_WORKS = frozenset(
    stem(w) for w in wordset("book books story stories film series novel play show song album")
)


_PRONOUN_ASKED = re.compile(
    r"^\W*(?:and\s+)?(?:when|where|how|why)\s+(?:did|does|do|has|have|had|will|would)\s+"
    r"(he|she|they)\s+([a-z]+)\b",
    re.IGNORECASE,
)


def _pronoun_does(question: str, sentence: str) -> bool:
    """For "when did she die?", whether the sentence says "she died" (the question's pronoun
    right before its verb, or a synonym of it)."""
    m = _PRONOUN_ASKED.match(question)
    if m is None:
        return False
    verb = stem(m.group(2).lower())
    alike = {verb, *synonyms.alike(verb)}
    pronoun = re.compile(rf"\b{m.group(1)}\s+(?:had\s+|has\s+|have\s+)?([a-z]+)", re.IGNORECASE)
    return any(stem(p.group(1).lower()) in alike for p in pronoun.finditer(sentence))


# "Where does Pettifer live?", "where is she from?": a person's home, as a report gives it
# after the name ("Graham Pettifer, 52, of Ashby Road, Loughborough,", "Ms Reed, from Hull,").
_HOME_ASKED = re.compile(
    r"^\W*(?:and\s+)?where\s+(?:does|did|do|is|was|are|were)\s+(?:[\w'’.-]+\s+){1,6}?"
    r"(?:live|lives|living|come\s+from|from|based)\b",
    re.IGNORECASE,
)
_NAME_HOME = re.compile(
    r"([A-Z][\w'’-]+)(?:,\s*\d{1,3})?,\s+(?:of|from|who\s+lives\s+in)\s+"
    r"((?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:,\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)*)"
)


def _home_of_asked(q: _Question, sentence: str) -> str | None:
    """For "where does X live / is X from?", the place the sentence gives right after X's name
    ("Ashby Road, Loughborough"); else None."""
    if q.info is None or not _HOME_ASKED.match(q.text):
        return None
    for m in _NAME_HOME.finditer(sentence):
        if stem(m.group(1)) in q.stems:
            return m.group(2)
    return None


# "When will the drivers strike?": a question about what is to come. The sentence that says the
# question's verb in the future ("drivers ... will strike for five days from Monday") answers it,
# not one that tells of a past strike ("drivers walked out in 2009").
_FUTURE_ASKED = re.compile(r"\b(?:will|won['’]t|['’]ll|going\s+to)\b", re.IGNORECASE)
_FUTURE_VERB = re.compile(
    r"\b(?:will|won['’]t|['’]ll|shall|(?:is|are)\s+(?:due|set|expected|going)\s+to)\s+"
    r"(?:(?:not|also|then|now|still|only|be|have|been)\s+){0,2}([a-z]+)",
    re.IGNORECASE,
)


def _future_of_asked(q: _Question, sentence: str) -> bool:
    """Whether the question asks what will happen and the sentence says a verb of the question in
    the future."""
    if q.info is None or not _FUTURE_ASKED.search(q.text):
        return False
    if any(stem(m.group(1)) in q.stems for m in _FUTURE_VERB.finditer(sentence)):
        return True
    # "What will the Thwaites do?" - "The Thwaites plan to sell the building ...".
    return reasons.deed(sentence, q.text, to_come=True) is not None


_HOW_MANY = re.compile(r"\bhow\s+many\s+([^\W_]+)", re.IGNORECASE)
_HOW_OFTEN = re.compile(
    r"\b(?:once|twice|thrice|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"several|many|a\s+few|dozens\s+of|hundreds\s+of)\s+times)\b",
    re.IGNORECASE,
)


# "What was the score?": a score is two counts with a dash ("ended 2-2", "won 3-1").
_SCORE_ASKED = re.compile(r"\b(?:what|what's)\b.*\bscores?\b", re.IGNORECASE)
# "What was the vote?", "how did councillors vote?", "what was the margin?"
_VOTE_ASKED = re.compile(
    r"\b(?:what|what's)\b.*\b(?:vote|votes|voting|margin|split)\b|\bhow\s+did\s+.*\bvote\b",
    re.IGNORECASE,
)
_VOTE_NUMBER = r"(?:\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# (The two counts are its groups: "how many voted against?" asks the second.)
_VOTES = re.compile(
    rf"\b({_VOTE_NUMBER})\s+(?:votes?\s+)?to\s+({_VOTE_NUMBER})\b(?!\s*(?:years?|months?|weeks?|days?|"
    r"hours?|minutes?|per\s+cent|percent|%))",
    re.IGNORECASE,
)
_SCORE = re.compile(r"(?<![\d.,-])\d{1,3}\s?[-–]\s?\d{1,3}(?![\d.,-])")


def _answering_kind(q: _Question, sentence: str) -> set[str]:
    """Terms of the question that name the kind of answer asked, when the sentence gives that
    kind: "long" of "how long" and a duration ("on strike for nine days"), "old" of "how old"
    and an age, "score" of "what was the score?" and a score ("ended 2-2"). The sentence answers
    without repeating them."""
    out: set[str] = set()
    word = reasons.measure_asked(q.text)
    if word and reasons.measure(sentence, q.text, None):
        out.add(stem(word))
    if _AGE_QUESTION.search(q.text) and _age_pattern(q).search(sentence):
        out.add(stem("old"))
    if _SCORE_ASKED.search(q.text) and _SCORE.search(sentence):
        out.add(stem("score"))
    return out & set(q.terms)


def _cover_answering_kind(q: _Question, idx: _Index, i: int, cover: list[float]) -> float:
    """Sentence i's cover of the question, its terms that name the kind of answer asked left
    out of the question when the sentence gives that kind (see _answering_kind)."""
    kind = _answering_kind(q, idx.sentences[i])
    if not kind:
        return cover[i]
    weights = _term_weights(q, idx)
    total = sum(weights.values())
    rest = total - sum(weights[t] for t in kind)
    if rest <= 0:
        return 1.0  # "what was the score?" asks nothing else: the score is the answer
    return cover[i] * total / rest


def _typed_for(q: _Question, sentence: str) -> list[spans.Span]:
    """The sentence's candidates of the asked type; sums of money alone when a sum is asked for
    ("how much did the wall cost" is not answered by "1.4-mile")."""
    found = _typed_spans(sentence, q.qtype, q.language)
    if q.money:
        # "How much is the pay offer?" - "a pay rise of 4%": a share, when no sum is given.
        found = [s for s in found if spans.MONEY.search(s.text)] or [
            s for s in found if _PERCENT.search(s.text)
        ]
    if q.qtype is QType.NUMBER and q.info is not None and not _AGE_QUESTION.search(q.text):
        # "How much damage was done?" is not answered by Claire Brennan's age ("Brennan, 47,").
        ages = _ages_at(sentence)
        found = [s for s in found if s.start not in ages]
    counted = _HOW_MANY.search(q.text) if q.qtype is QType.NUMBER else None
    if counted and counted.group(1).lower() == "times":
        # "How many times was it redrawn?" - "twice", "three times": how often, not any number.
        often = [
            spans.Span(m.group(), "number", m.start(), m.end())
            for m in _HOW_OFTEN.finditer(sentence)
        ]
        if often:
            return often
    if counted:
        asked = stem(counted.group(1))
        often = _often_after_verb(q, sentence, asked) if _HOW_OFTEN.search(sentence) else []
        if often and not any(asked in spans.content_stems(s.text) for s in found):
            # "How many goals did Mensah score?" - "Mensah scored twice": how often the asked
            # verb was done, when the sentence counts no goals.
            return often
        # "How many people watched?" - "18 million viewers", not the "1979" of "the 1979
        # television series" (a year of the thing, unless it counts what is asked: "2000 people").
        counts = [
            s for s in found if not _YEAR_OF.match(s.text) or asked in spans.content_stems(s.text)
        ]
        found = counts or found
    return found


_DATE_LEAD = re.compile(r"[\s,]*(?:\b(?:on|in|at|from|since|by|until|during)\s*)?$", re.IGNORECASE)
_AVERAGE_LEAD = re.compile(r"(?:on\s+)?(?:an\s+)?average(?:\s+of)?\s+(?=[\d£$€])", re.IGNORECASE)
_PERCENT = spans.PERCENT


def _ages_at(sentence: str) -> set[int]:
    """Where the sentence gives a person's age after their name ("Claire Brennan, 47,")."""
    return {m.end(1) + 2 for m in _NAME_AGE.finditer(sentence) if m.group(2)[0] == ","}


_YEAR_OF = re.compile(r"(?:1[5-9]\d\d|20\d\d)(?![\d,.%])")
_LAST_WORD = re.compile(r"([a-z]+)\s+$")


def _often_after_verb(q: _Question, sentence: str, asked: str) -> list[spans.Span]:
    """The "twice" / "three times" right after a word of the question other than the counted
    one `asked`: its verb ("scored twice" for "how many goals did he score?")."""
    out = []
    for m in _HOW_OFTEN.finditer(sentence):
        before = _LAST_WORD.search(sentence, max(0, m.start() - 30), m.start())
        if before and (b := stem(before.group(1))) in q.stems and b != asked:
            out.append(spans.Span(m.group(), "number", m.start(), m.end()))
    return out


def _type_bonus(q: _Question, sentence: str) -> float:
    if q.qtype is QType.THING:
        return 0.0
    if q.info is not None and reasons.asks_measure(q.text):
        # "How long did it rain for?": a duration ("two days"), not any number ("64mm").
        return W_TYPE if reasons.measure(sentence, q.text, None) else 0.0
    found = [s for s in _typed_for(q, sentence) if _new_to_question(s, q)]
    if not found:
        return 0.0
    m = _HOW_MANY.search(q.text) if q.qtype is QType.NUMBER else None
    if m and (
        any(stem(m.group(1)) in spans.content_stems(s.text) for s in found)
        or next(_counts_before(sentence, stem(m.group(1))), None)
    ):
        # "How many residents" and "1,200 residents" (or "450 new homes"): the count of the very
        # thing asked about.
        return 2 * W_TYPE
    return W_TYPE


# "Which court / party / river ...?": a name that holds the asked kind ("Castleford Crown Court",
# "the Labour Party", "River Thames") answers it.
_WHICH_KIND = re.compile(r"^\W*(?:and\s+)?(?:which|what)\s+([a-z]{3,})\b", re.IGNORECASE)
_NOT_KINDS = frozenset(["kind", "kinds", "sort", "type", "types", "else", "other", "one", "ones"])


def _named_kind(q: _Question) -> str | None:
    """The stem of the kind a "which N" question asks for, when it names one."""
    if q.language != "en":
        return None
    m = _WHICH_KIND.match(q.text)
    if not m or m.group(1).lower() in STOP_WORDS or m.group(1).lower() in _NOT_KINDS:
        return None
    return stem(m.group(1))


# The kinds of place a "where" question may name ("where did he go to university?").
_PLACE_KINDS = frozenset(
    stem(w)
    for w in [
        "university", "college", "school", "hospital", "prison", "court", "airport", "station",
        "hotel", "stadium", "church", "museum", "park", "club", "academy",
    ]
)  # fmt: skip


def _place_kind(q: _Question) -> str | None:
    """ "Where did he go to university?": the kind of place asked for, whose name holds it
    ("the University of Birmingham"); not the located thing of "where is the new chapel?"."""
    if q.qtype is not QType.PLACE or q.info is None or _WHERE_IS.match(q.text):
        return None
    # A lower-case word: "the Cast Courts" of the question is a name, the place located.
    return next(
        (st for w in _WORD.findall(q.text) if w.islower() and (st := stem(w)) in _PLACE_KINDS),
        None,
    )


def _kind_name(sentence: str, kind: str) -> str | None:
    """The sentence's first name with a capitalised word of that kind in it."""
    for sp in spans.names(sentence, first_word_ok=True):
        words_ = sp.text.split()
        if len(words_) > 1 and any(w[:1].isupper() and stem(w) == kind for w in words_):
            return sp.text
    return None


def _kind_is_noun(q: _Question) -> bool:
    """Whether the word after "which" / "what" is a noun ("what warning ...?", not "what runs
    ...?")."""
    said = words(q.text)
    if len(said) < 2:
        return False
    if len(said) > 2 and said[2].lower() in _AUXILIARIES:
        return True  # "what warning was issued?" (the tagger reads "warning" as a verb)
    return pos.tag(said)[1] == "NOUN"


# "Which phylum is more complex ...?": a name the sentence gives is the answer, not the phrase
# that says what kind it is ("an animal phylum"); "what warning was issued?" is no such question.
_WHICH_IS = re.compile(
    r"^\W*(?:which|what)\s+[a-z]+\s+(?:is|are|was|were)\s+(?![a-z]+(?:ed|en)\b)", re.IGNORECASE
)
_AUXILIARIES = wordset("is are was were did does do has have had will would can could")


def _kind_phrase(sentence: str, kind: str, q: _Question) -> str | None:
    """For "what warning was issued?", the sentence's one phrase that says which of the kind
    with words the question lacks ("an amber warning"); None when there is none, or several."""
    # A determiner, one or two describing words, the noun: "an amber warning".
    phrase = re.compile(
        rf"\b(?:an?|the)\s+(?P<which>[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)\s+(?P<kind>{re.escape(kind)}"
        r"[a-z]*)\b"
    )
    found = [
        m.group()
        for m in phrase.finditer(sentence)
        if stem(m.group("kind")) == kind
        and not _CAPITAL_NEXT.match(sentence, m.end())  # "the medical journal Pediatrics"
        and not any(stem(w) in q.stems or w in STOP_WORDS for w in m.group("which").split())
    ]
    return found[0] if len(found) == 1 else None


_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")


def _pick_span(q: _Question, sentence: str, idx: _Index | None = None) -> str | None:
    """The part of the sentence that answers: a candidate of the asked type (a noun-phrase-like
    chunk for "what"/"which"), placed best among the question's words in the sentence."""
    if q.language != "en":
        return other_language.pick_span(q.text, q.qtype, sentence, q.language)
    typed = q.qtype is not QType.THING
    cands = [s for s in _typed_for(q, sentence) if _new_to_question(s, q)]
    if (
        not cands
        and q.qtype is QType.PLACE
        and idx is not None
        and idx.dateline
        and stem(idx.dateline.lower()) not in q.stems
    ):
        return idx.dateline
    if not cands and q.qtype in (QType.PERSON, QType.PLACE):
        cands = [s for s in spans.names(sentence) if _new_to_question(s, q)]
    if q.qtype is QType.PLACE and idx is not None:
        # "Where did the crash happen?" is not answered by "Pike" (of "Darren Pike").
        cands = [c for c in cands if not _a_person(idx, sentence, c)]
    if not cands:
        typed = False
        names = [s for s in spans.names(sentence) if _new_to_question(s, q)]
        if q.qtype is QType.PLACE and idx is not None:
            names = [s for s in names if not _a_person(idx, sentence, s)]
        cands = names + [
            c
            for c in spans.phrases(sentence, q.stems)
            if len(c.text.split()) <= MAX_SPAN_WORDS
            and not any(n.start == c.start and n.end == c.end for n in names)
        ]
        if q.qtype is QType.PERSON and not names:
            # "Who went to hospital?" with no name in the sentence: the people it speaks of
            # ("81-year-old woman"), not another thing ("hypothermia").
            cands = [c for c in cands if names_people(c.text)] or cands
    if not cands:
        return None
    words = [(m.start(), m.end()) for m in _WORD.finditer(sentence)]
    anchors = _anchors(sentence, words, q, idx)
    total = sum(w for _, w in anchors) or 1.0

    # "Where is the new chapel?": a place named with the located thing's word is the place asked
    # about, not where it is; its words do not bring it near ("where did he go to university?"
    # names the kind of place it asks for).
    located = _WHERE_IS.match(q.text) if typed and q.qtype is QType.PLACE else None
    subject = frozenset(spans.content_stems(located.group(1))) if located else frozenset()
    word_stems = [stem(sentence[a:b]) for a, b in words] if subject else []

    def score(c: spans.Span) -> float:
        a = bisect.bisect_left(words, (c.start, -1))
        b = bisect.bisect_left(words, (c.end, -1))  # words [a, b) lie inside the candidate
        near = 0.0
        for j, w in anchors:
            if j < a:
                near += w / (1 + a - j)
            elif j >= b:
                near += RIGHT_WEIGHT * w / (2 + j - b)
            elif not subject or word_stems[j] not in subject:
                near += w
        value = near / total - LENGTH_COST * max(0, b - a - 3)
        if c.kind != "chunk":
            value += NAME_BONUS
        elif b - a == 1 and _VERBISH.search(c.text):
            value -= VERB_COST
        if q.qtype is QType.PLACE and typed:
            if spans.distance_phrase_end(sentence, c.start):
                value -= 1.0  # "25 km north of Lyon": Lyon is the reference point
            elif _PLACE_BEFORE.search(sentence, 0, c.start):
                value += PLACE_PREP_BONUS
        return value

    best = max(cands, key=lambda c: (score(c), -c.start))
    if best.kind == "number":
        return _trim_number(best.text, q)
    return best.text


def _placed_name(q: _Question, sentence: str, text: str) -> str | None:
    """A place name the sentence gives after "at" / "in" / "near" ... (none of the question's
    words), when the scorer's span is neither a place nor after such a word: the answer to
    "where"."""
    at = sentence.find(text)
    if at < 0 or _PLACE_BEFORE.search(sentence, 0, at) or _PLACE_IN.search(text):
        return None  # "in London", "freely available on the web": a place already
    names = spans.names(sentence)
    if any(n.kind == "place" and n.start <= at < n.end and n.end >= at + len(text) for n in names):
        return None
    places = [
        n
        for n in names
        if n.kind == "place"
        and _PLACE_BEFORE.search(sentence, 0, n.start)
        and q.stems.isdisjoint(spans.content_stems(n.text))
    ]
    return places[0].text if len(places) == 1 else None


_PLACE_IN = re.compile(r"\b(?:in|at|on|near|inside|outside|into|onto)\s", re.IGNORECASE)
_WHERE_IS = re.compile(r"^\W*where\s+(?:is|are|was|were)\s+([^?]+)", re.IGNORECASE)


_WHICH_WAS = re.compile(
    r"^\s*(?:which|what)\s+([a-z]+)\s+(?:is|was|are|were)\s+(?:the\s+)?([a-z]+(?:\s+[a-z]+)?)\s*\??\s*$",
    re.IGNORECASE,
)
_IS_THEN = re.compile(
    r"\b(?:is|was|are|were)\s+((?:the|a|an)\s+)?([^\W\d_][\w'’-]*(?:\s+[\w'’-]+){0,3}?)(?=\s*(?:[,.;:]|$|\s(?:when|which|who|where|after|before|because|and|but)\b))"
)


def _copula_complement(q: _Question, sentence: str) -> str | None:
    """ "Which day was the hardest?" - "the hardest day was the ninth": the phrase after the
    sentence's "was" whose subject holds the question's words ("hardest day"); else None."""
    m = _WHICH_WAS.match(q.text) if q.info is not None else None
    if m is None:
        return None
    wanted = {stem(w) for w in (m.group(1), *m.group(2).split()) if w.lower() not in STOP_WORDS}
    if len(wanted) < 2:
        return None
    for c in _IS_THEN.finditer(sentence):
        before = words(sentence[max(0, c.start() - 60) : c.start()])[-5:]
        if wanted <= {stem(w.lower()) for w in before}:
            answer = (c.group(1) or "") + c.group(2)
            if not {stem(w.lower()) for w in words(answer)} & wanted:
                return answer
    return None


# A verb opening a sentence's second clause: "... and finished", "..., then flew".
_JOINED_VERB = re.compile(r"(?:\band|\bbut|,)\s+(?:then\s+|later\s+)?([a-z]{3,})\b")


def _of_the_asked_clause(q: _Question, sentence: str, text: str) -> str | None:
    """When the span lies in the first of two joined clauses and the question's verb opens the
    second ("began in Edinburgh and finished outside the hospital"), the asked type's first
    candidate in that second clause; when the question's verb comes first, see
    _after_the_asked_verb; else None."""
    at = sentence.find(text)
    if at < 0:
        return None
    verbs = {t for t, kind in _question_view(q)[1].items() if kind == "verb"}
    if not verbs:
        return None
    for m in _JOINED_VERB.finditer(sentence, at + len(text)):
        if stem(m.group(1)) not in verbs:
            continue
        end = _JOINED_VERB.search(sentence, m.end())
        stop = end.start() if end else len(sentence)
        inside = [
            c
            for c in _typed_for(q, sentence)
            if m.end() <= c.start and c.end <= stop and _new_to_question(c, q)
        ]
        return inside[0].text if inside else None
    return _after_the_asked_verb(q, sentence, at, verbs)


def _place_after_verb(q: _Question, sentence: str, text: str) -> str | None:
    """For "where was she found?", the place phrase right after the question's verb ("found safe
    in a garden two miles away" - "in a garden two miles away") when the span lies before that
    verb or is none; else None."""
    last = _LAST_VERB_ASKED.match(q.text) if q.info is not None else None
    if last is None:
        return None
    verbs = {stem(last.group(1).lower()), *synonyms.alike(stem(last.group(1).lower()))}
    at = sentence.find(text) if text else -1
    for w in _LOWER_WORD.finditer(sentence):
        if stem(w.group()) not in verbs:
            continue
        m = _PLACE_PHRASE.match(sentence, w.end())
        if m and (at < 0 or at < w.start()):
            town = _IN_TOWN.match(sentence, m.end(1))  # "at her home| in Ludlow"
            return m.group(1) + (town.group() if town else "")
    return None


# "Where was she found?", "where did she die?": the question's verb, its last word.
_LAST_VERB_ASKED = re.compile(
    r"^\W*(?:and\s+)?where\s+(?:is|was|are|were|has\s+been|have\s+been|did|does|do)\s+"
    r"(?:[\w'’-]+\s+){1,4}?([a-z]+)\s*\??\s*$",
    re.IGNORECASE,
)
_IN_TOWN = re.compile(r"\s+(?:in|at|near)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


# "found| safe in a garden two miles away": a place with a determiner, right after the verb.
_PLACE_PHRASE = re.compile(
    r"(?:\s+(?:safe|alive|dead|unharmed|injured|hiding|sheltering|sitting|lying|stuck|trapped))?"
    r"\s+((?:in|at|on|inside|near|under|behind|beside|outside)\s+(?:an?|the|his|her|their|its)\s+"
    r"[a-z][\w'’-]*(?:\s+(?!(?:by|after|when|and|but|while|because|with|for|as|on|at|in|before|"
    r"where|who|which|that)\b)[\w'’-]+){0,6})(?=\s*[,.;:!?]|\s+(?:by|after|when|and|but|while|"
    r"because|with|for|as|on|at|in|before|where|who|which|that)\b|$)"
)


# A second clause joined on: "... and had burned ...", "..., then spread ...".
_NEXT_CLAUSE = re.compile(
    r"(?:\band|,)\s+(?:then\s+|later\s+)?(?:had|has|have|was|were|is|are|will|would|[a-z]{3,}ed)\b"
)


def _after_the_asked_verb(q: _Question, sentence: str, at: int, verbs: set[str]) -> str | None:
    """When the question's verb comes before the span, in a clause of its own, and the asked
    type follows the verb at once ("The fire started on Friday afternoon on Hallow Moor and had
    burned ... by Saturday evening"): that one ("Friday afternoon"); else None."""
    toks = list(_WORD.finditer(sentence, 0, at))
    tags = pos.tag([m.group() for m in toks])
    said = next(
        (
            m
            for m, t in zip(toks, tags, strict=True)
            if t == "VERB" and stem(m.group().lower()) in verbs
        ),
        None,
    )
    if said is None:
        return None
    for c in _typed_for(q, sentence):
        between = sentence[said.end() : c.start].split()
        if (
            c.start >= said.end()
            and c.end <= at
            and len(between) <= 2
            and all(w.lower() in STOP_WORDS for w in between)
            and _new_to_question(c, q)
        ):
            return c.text if _NEXT_CLAUSE.search(sentence, c.end, at) else None
    return None


# "has risen from £900 a month to £3,200": what it was, and what it is now.
_AMOUNT = r"[£$€]?\d[\d,.]*(?:\s?(?:million|billion|bn|m|k|per\s+cent)\b|%)?"
_FROM_TO = re.compile(
    rf"\bfrom\s+(?P<was>{_AMOUNT})(?:\s+(?:a|an|per)\s+[a-z]+)?\s+to\s+(?P<now>{_AMOUNT})"
)
_NOW_ASKED = re.compile(
    r"\b(?:now|currently|today|at\s+present|these\s+days|new|latest|this\s+year)\b",
    re.IGNORECASE,
)
_PRESENT_ASKED = re.compile(r"\b(?:is|are)\b|['’]s\b", re.IGNORECASE)
_BEFORE_ASKED = re.compile(
    r"\b(?:before|previously|originally|used\s+to|at\s+first|formerly|earlier|"
    r"last\s+(?:time|year|election|season)|the\s+time\s+before)\b",
    re.IGNORECASE,
)
# "Turnout was 38%, up from 31% at the last election": now, and before; also with what the
# amount is for between ("£45 a year for collecting garden waste, up from £38").
_UP_FROM = re.compile(
    rf"(?P<now>{_AMOUNT})(?:\s+[^\d,.;:!?£$€%]{{1,60}}?,|,)?\s+(?:up|down)\s+"
    rf"(?:sharply\s+|slightly\s+)?from\s+(?P<was>{_AMOUNT})"
)


# "Sales rose 6% to £412 million": by how much, and to what.
_ROSE_TO = re.compile(
    rf"\b(?:rose|fell|grew|increased|decreased|climbed|dropped|jumped|slipped|slumped|soared|"
    rf"went\s+up|went\s+down)\s+(?:by\s+)?{_AMOUNT}\s+to\s+(?P<now>{_AMOUNT})"
)
# "How much were sales?", "what are sales?": what something came to, not how much it changed.
_LEVEL_ASKED = re.compile(
    r"^\W*(?:and\s+)?(?:how\s+much|what)\s+(?:is|are|was|were|['’]s)\b", re.IGNORECASE
)
_CHANGE_WORDS = re.compile(
    r"\b(?:rise|rose|risen|fall|fell|fallen|increase|decrease|change|drop|growth|grow|jump|cut|"
    r"up|down|more|less)\b",
    re.IGNORECASE,
)


def _amount_then_or_now(q: _Question, sentence: str) -> str | None:
    """For "how much is the bill now?" / "what was the bill before?", the amount after "to" or
    after "from" of the sentence's "from £900 a month to £3,200" (or of "38%, up from 31%"); for
    "how much were sales?", the level of "Sales rose 6% to £412 million"."""
    if q.qtype not in (QType.NUMBER, QType.THING):
        return None
    m = _FROM_TO.search(sentence) or _UP_FROM.search(sentence)
    if m is None:
        rose = _ROSE_TO.search(sentence)
        if rose and _LEVEL_ASKED.match(q.text) and not _CHANGE_WORDS.search(q.text):
            # "How much were sales?" - "Sales rose 6% to £412 million": the level, not the rise.
            return rose.group("now").rstrip(".,")
        return None
    # "How much is the bill?" asks what it is now, as "how much is it now?" does.
    now = _NOW_ASKED.search(q.text) or (q.qtype is QType.NUMBER and _PRESENT_ASKED.search(q.text))
    before = _BEFORE_ASKED.search(q.text)
    if now and not before:
        return m.group("now").rstrip(".,")
    if before and not now:
        return m.group("was").rstrip(".,")
    return None


def _not_compared(q: _Question, sentence: str, text: str) -> str | None:
    """When the span is the figure a sentence sets another against ("compared with 61%
    nationally") and the question names nothing said after it, the sentence's one number of
    the same kind before the comparison ("87%"); else None."""
    at = sentence.find(text) if text else -1
    if at < 0 or not _COMPARED_BEFORE.search(sentence, max(0, at - 30), at):
        return None
    after = {stem(w.lower()) for w in words(sentence[at + len(text) : at + len(text) + 40])}
    if after & set(q.terms):
        return None  # "what was the national figure?" asks for it
    percent = "%" in text or "per cent" in text
    before = [
        sp
        for sp in _typed_for(q, sentence[:at])
        if _new_to_question(sp, q) and ("%" in sp.text or "per cent" in sp.text) == percent
    ]
    return before[-1].text if len(before) == 1 else None


_COMPARED_BEFORE = re.compile(
    r"\b(?:compared\s+(?:with|to)|against|versus|vs\.?|than)\s+(?:an?\s+|the\s+)?$", re.IGNORECASE
)


# "Who did they take it over from?", "what did she fall into?": the question ends on its
# preposition, and the answer is what follows that preposition after the question's verb.
_STRANDED = re.compile(
    r"^\W*(?:and\s+|so\s+)?(?:who|whom|what)\s+(?:did|does|do|will|would|has|have|had|was|were|"
    r"is|are|can|could)\s",
    re.IGNORECASE,
)
_STRANDED_PREPOSITIONS = wordset("from to with for by about into against at")
# Where the object of the preposition ends: a comma, a clause, or a time or place after it.
_OBJECT_END = re.compile(
    r"\s*[,;:.!?()\"“”]|\s+(?:in|on|at|during|since|until|after|before|when|while|because|as|"
    r"who|which|that|and\s+(?:then|later|he|she|they|it)|"
    # "stole £160,000 from a children's hospice | to pay for ... | has been jailed"
    r"to|has|have|had|was|were|is|are|will|would)\b",
    re.IGNORECASE,
)
MAX_OBJECT_WORDS = 6
_NOT_ANCHORS = wordset(
    """i you he she it we they me him her us them his its their the a an this that these those
    over up out off down back away in on"""
)


def _object_of_stranded(q: _Question, sentence: str) -> str | None:
    """For "who did they take it over from?", what follows "from" after the question's verb in
    the sentence ("took over Thwaite's Bakery from | Martin's father | in 1994")."""
    m = _STRANDED.match(q.text) if q.info is not None else None
    if m is None:
        return None
    core = q.text.rstrip(" ?!.")
    cut = core.rfind(" ")
    prep = core[cut + 1 :].lower()
    if cut < m.end() or prep not in _STRANDED_PREPOSITIONS:
        return None
    # The verb may be a stop word ("take"): every word of the question but its pronouns,
    # articles and particles.
    asked = {stem(w) for w in words(core[m.end() : cut]) if w.lower() not in _NOT_ANCHORS}
    if not asked:
        return None
    toks = list(_WORD_AT.finditer(sentence))
    for k, t in enumerate(toks):
        if t.group().lower() != prep or not any(
            stem(b.group()) in asked for b in toks[max(0, k - 6) : k]
        ):
            continue
        rest = sentence[t.end() :]
        end = _OBJECT_END.search(rest)
        text = rest[: end.start()].strip() if end else rest.strip()
        said = words(text)
        if not said or len(said) > MAX_OBJECT_WORDS or _is_date_or_number(text):
            continue
        if {stem(w.lower()) for w in said if w.lower() not in STOP_WORDS} <= asked | set(q.terms):
            continue
        return text
    return None


# "What does Lumen Grid make?": the question ends on its verb, and the answer is what follows
# that verb in the sentence ("a Leeds company that makes | batteries for storing solar power").
_VERB_LAST = re.compile(
    r"^\W*(?:and\s+|so\s+)?(?:what|who|whom)\s+(?:does|do|did|will|would|can|could|has|have|had)\s+(?P<subject>[\w'’ .-]{1,60}?)"
    r"\s+(?P<verb>[a-z]{3,})\W*$",
    re.IGNORECASE,
)
# Verbs other rules read: saying, doing, meaning, thinking ...
_VERB_LAST_NOT = wordset(
    """say said says do does did mean think believe want look like need feel know see hear call
    become happen cost weigh measure find found show suggest promise pledge vow announce propose
    demand offer threaten recommend plan intend urge ask have has had include contain be get"""
)
_OBJECT_STOP = re.compile(
    r"\s*[,;:.!?()\"“”]|\s+(?:which|who|while|when|because|after|before|since|but|and\s+"
    r"(?:he|she|they|it|has|have|had|is|are|was|were|will)|(?:has|have|had)\s+been)\b"
    # "admitted causing death by dangerous driving| at Nottingham Crown Court on Friday"
    r"|\s+(?:at|in)\s+(?=(?-i:[A-Z]))"
    r"|\s+(?:on|last|this)\s+(?=(?-i:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b)",
    re.IGNORECASE,
)


def _object_of_verb(q: _Question, sentence: str) -> str | None:
    """For "what does Lumen Grid make?", what follows "makes" in the sentence, up to the end of
    its clause ("batteries for storing solar power at home"); else None."""
    m = _VERB_LAST.match(q.text) if q.info is not None else None
    if m is None or m.group("verb").lower() in _VERB_LAST_NOT:
        return None
    said = words(q.text)
    if pos.tag(said)[-1] != "VERB":
        return None  # "what does a teacher teach in primary school?" ends on no verb
    verb = stem(m.group("verb"))
    named = [x for x in words(m.group("subject")) if x.lower() not in STOP_WORDS]
    if not named and m.group("subject").lower() not in _PERSONAL:
        return None
    # "What did she notice?": a pronoun is read where the sentence's verb has no named subject
    # near it (the conversation chose the sentence).
    head = stem(named[-1].lower()) if named else None
    for w in _LOWER_WORD.finditer(sentence):
        if stem(w.group()) != verb:
            continue
        # Said of the question's subject: its name a few words before the verb ("Lumen Grid, a
        # Leeds company that makes"), not of something else the sentence names.
        # ("The hospice's chief executive, Fiona Grant, said the charity had since changed").
        before = words(sentence[: w.start()])[-12:]
        if (
            head is not None
            and head not in {stem(x.lower()) for x in before}
            and not _PERSONAL.intersection(x.lower() for x in before[-3:])  # "when he hit and|"
        ):
            continue
        rest = sentence[w.end() :]
        # "praised its "exceptional" teaching of reading": a word in scare quotes goes on.
        plain = _SCARE_QUOTE.sub(lambda m: " " + m.group(1) + " ", rest)
        end = _OBJECT_STOP.search(plain)
        kept = list(_WORD_AT.finditer(plain, 0, end.start() if end else len(plain)))
        if kept and kept[0].group().lower() == "that" and verb in _LEARNT:
            # "noticed that the catering firm had no address": what was noticed.
            kept = kept[1:]
        if len(kept) > MAX_VERB_OBJECT_WORDS:
            kept = kept[:MAX_VERB_OBJECT_WORDS]
            while kept and kept[-1].group().lower() in STOP_WORDS:
                kept.pop()  # "... and the behaviour| of its"
        said = [k.group() for k in kept]
        if not said or said[0].lower() in ("to", "that", "it", "them", "him", "her"):
            continue
        if {stem(x.lower()) for x in said if x.lower() not in STOP_WORDS} <= set(q.terms):
            continue
        return rest[kept[0].start() : kept[-1].end()]
    return None


_SCARE_QUOTE = re.compile(r"[\"“]([\w'’-]+(?:\s+[\w'’-]+){0,2})[\"”]")


MAX_VERB_OBJECT_WORDS = 10
_PERSONAL = wordset("he she they it")
# Verbs of coming to know, whose "that" clause is what was known.
_LEARNT = frozenset(
    stem(w)
    for w in [
        "notice",
        "realise",
        "realize",
        "discover",
        "learn",
        "spot",
        "see",
        "hear",
        "remember",
        "forget",
    ]
)


# "What did the study find?": what the article says a study, a report or a survey found.
_FINDING_ASKED = re.compile(
    r"^\W*(?:and\s+)?what\s+(?:did|does|do|has|have)\s+(?:the|this|that|a|their|its)\s+"
    r"(?:(?:new|latest|whole|full|official|independent)\s+)?(?P<source>study|report|survey|research|"
    r"poll|review|inquiry|investigation|analysis|paper|data|figures|researchers|scientists|"
    r"audit|trial|census|experiment)\s+(?:find|found|show|shown|say|suggest|reveal|revealed|"
    r"conclude|concluded|discover|discovered)\W*$",
    re.IGNORECASE,
)
_FOUND_VERB = (
    r"(?:found|finds|find|showed|shows|shown|suggested|suggests|revealed|reveals|concluded|"
    r"concludes|discovered)"
)


def _finding_of(q: _Question, sentence: str) -> str | None:
    """For "what did the study find?", the claim the sentence puts to the study: before ",
    according to a study" ("Children who walk ... sleep better than those who are driven"), or
    after "the study found (that)"."""
    m = _FINDING_ASKED.match(q.text) if q.info is not None else None
    if m is None:
        return None
    source = re.escape(m.group("source").lower().rstrip("s"))
    put = re.search(
        rf",\s+according\s+to\s+(?:a|an|the|new|its|their)\s+(?:[\w-]+\s+){{0,3}}?{source}",
        sentence,
        re.IGNORECASE,
    )
    if put and put.start() > 0:
        return sentence[: put.start()].strip(" \"'“”")
    found = re.search(
        rf"\b{source}s?\b(?:[^.;]{{0,80}}?)\s+{_FOUND_VERB}\s+(?:that\s+)?(?P<claim>[^.;]{{8,}})",
        sentence,
        re.IGNORECASE,
    )
    return found.group("claim").strip(" \"'“”") if found else None


# "What did she do before?", "what was his job before?": a former job ("a former headteacher").
_BEFORE_JOB_ASKED = re.compile(
    r"^\W*(?:and\s+|so\s+)?what\s+(?:did\s+(?P<who>[\w'’ .-]{1,40}?)\s+do|was\s+(?P<whose>[\w'’ .-]"
    r"{1,40}?)\s+(?:job|work|career|profession))\s+(?:before|previously|earlier|then)\W*$",
    re.IGNORECASE,
)
_FORMER = re.compile(r"\b(?:an?\s+|the\s+)?former\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?", re.IGNORECASE)


def _former_job(q: _Question, sentence: str) -> str | None:
    """For "what did Delgado do before?", the former job the sentence gives beside her name
    ("Delgado, a former headteacher, ...")."""
    m = _BEFORE_JOB_ASKED.match(q.text) if q.info is not None else None
    if m is None:
        return None
    who = [w for w in words(m.group("who") or m.group("whose")) if w.lower() not in STOP_WORDS]
    if not who or not any(stem(w.lower()) == stem(who[-1].lower()) for w in words(sentence)):
        return None
    found = _FORMER.search(sentence)
    if found is None:
        return None
    said = found.group().split()
    if len(said) > 2 and (pos.tag(said)[-1] != "NOUN" or said[-1].endswith(("ing", "ed"))):
        said = said[:-1]  # "a former headteacher| standing for ...", but "a former police officer"
    return " ".join(said).rstrip(",")


# "What is the supplier called?", "what's the name of the charity?": the name the article puts
# beside the thing ("The supplier, Northgate Energy, said ...", "a charity called Open Door").
_WHAT_CALLED = re.compile(
    r"^\W*(?:and\s+)?what(?:['’]s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:(?:[\w-]+\s+){0,2}?(?P<thing>[a-z][\w-]+)\s+(?:called|named|known\s+as)"
    r"|name\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?P<of>[a-z][\w-]+))\W*$",
    re.IGNORECASE,
)
_PROPER = r"[A-Z][\w'’&.-]*(?:\s+(?:of\s+|&\s+|and\s+|de\s+)?[A-Z][\w'’&.-]*){0,4}"


def _name_of_asked(q: _Question, sentence: str) -> str | None:
    """For "what is the supplier called?", the name the sentence gives it: after it between
    commas ("The supplier, Northgate Energy,") or after "called" / "named"."""
    m = _WHAT_CALLED.match(q.text) if q.info is not None else None
    if m is None:
        return None
    thing = m.group("thing") or m.group("of")
    if not thing.islower() or thing in ("it", "this", "that", "he", "she", "they"):
        return None  # "what is the mayor of Warsaw called?" asks about the mayor, not Warsaw
    head = re.escape(thing)
    said = re.search(
        rf"\b{head}(?:s)?(?:,\s+(?P<apposed>{_PROPER}),|\s+(?:called|named|known\s+as)\s+"
        rf"(?P<called>{_PROPER}))",
        sentence,
        re.IGNORECASE,
    )
    if said is None:
        # "What is the storm called?" - "Storm Idris brought winds ...": the thing's word as the
        # first of a name ...
        own = re.search(rf"\b({thing.capitalize()}\s+[A-Z][\w'’-]+)", sentence) or re.search(
            rf"\b((?!(?:The|A|An|This|That|Its|Their|His|Her)\b)[A-Z][\w'’&-]*\s+"
            rf"(?:[A-Z][\w'’&-]*\s+){{0,2}}{thing.capitalize()})\b",
            sentence,
        )
        # ... or as the last word of one: "the Loughborough branch of Eastgate Bank"; not a name
        # the question gives ("what was the first internet2 network named?": "Internet2 Network").
        if own is None or {stem(w.lower()) for w in words(own.group(1))} <= q.stems | {stem(thing)}:
            return None
        return own.group(1)
    name = said.group("apposed") or said.group("called")
    return name.rstrip(".") if name and name[0].isupper() else None


def _ordinal_count(q: _Question, sentence: str) -> str | None:
    """For "how many goals has he scored?", the number of an ordinal that counts the asked thing
    when the sentence gives no count of it: "his 21st goal of the season" - "21"."""
    many = _HOW_MANY.search(q.text) if q.info is not None else None
    if many is None:
        return None
    asked = stem(many.group(1).lower())
    if any(asked in spans.content_stems(n.text) for n in spans.numbers(sentence)):
        return None  # "two goals": a number counts them
    when = _THIS_OR_LAST.search(q.text)
    for m in _ORDINAL.finditer(sentence):
        # "19th call-out", "fourth cash machine theft": the asked word first or second.
        after = [stem(w.lower().split("-")[0]) for w in sentence[m.end(1) :].split()[:2]]
        if asked not in after:
            continue
        said = _THIS_OR_LAST.search(" ".join(sentence[m.end() :].split()[:4]))
        if when and said and said.group(1).lower() != when.group(1).lower():
            continue  # "the 19th call-out this year" does not count last year's
        return m.group(1)
    return None


_THIS_OR_LAST = re.compile(r"\s*\b(this|last|next)\s+(?:year|season|month|week)\b", re.IGNORECASE)


_AGED = re.compile(r"aged\s+\d", re.IGNORECASE)
_ORDINAL = re.compile(
    r"\b(\d{1,4}(?=st|nd|rd|th)|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth)(?:st|nd|rd|th)?\b",
    re.IGNORECASE,
)


def _count_of_asked(q: _Question, sentence: str, text: str) -> str | None:
    """When the span counts something else than "how many X" asks ("12 marathons" for "how many
    days"), the one number the sentence gives of X ("12 days"), trimmed of X unless the bare
    number is written twice ("12 marathons in 12 days"); None when it gives none, or several.
    A bare number ("Six" of "Six of the seven lines") is left alone."""
    many = _HOW_MANY.search(q.text) if q.info is not None else None
    if many is None or many.group(1).lower() in STOP_WORDS:
        return None
    asked = stem(many.group(1).lower())
    last = text.split()[-1].lower() if text.split() else ""
    at = sentence.find(text)
    if (
        len(text.split()) < 2
        and at >= 0
        and not any(m.start() <= at < m.end() for m in _AGE.finditer(sentence))
    ):
        return None  # a bare count is left alone, but not an age ("aged 13 to 16")
    if stem(last) == asked or not _A_COUNT.search(text):
        return None
    after = _WORD.match(sentence, at + len(text) + 1) if at >= 0 else None
    if after and stem(after.group().lower()) == asked and not _A_COUNT.search(last):
        # "About 30 passenger | services" for "how many services": the count, not the words
        # between it and what it counts.
        words = text.split()
        while len(words) > 1 and not _A_COUNT.search(words[-1]):
            words.pop()
        return " ".join(words)
    found = {
        n.text
        for n in spans.numbers(sentence)
        if len(n.text.split()) > 1 and stem(n.text.split()[-1].lower()) == asked
    }
    bare_of = {}
    if not found:
        bare_of = dict(_counts_before(sentence, asked))
        found = set(bare_of)
    if len(found) != 1:
        return None
    whole = found.pop()
    bare = bare_of.get(whole) or _trim_number(whole, q)
    return (
        bare
        if len(re.findall(rf"(?<![\w.,]){re.escape(bare)}(?![\w]|[.,]\d)", sentence)) == 1
        else whole
    )


def _compared_with(sentence: str, text: str) -> str | None:
    """When `text` is what something is compared with ("than boys"), that something ("girls
    were more affected than boys" - "girls"); else None."""
    if not text:
        return None
    at = sentence.find(text)
    if at < 0 or not sentence[:at].endswith("than "):
        return None
    m = _MORE_THAN.search(sentence, 0, at)
    if m is None or m.end() != at:
        return None
    said = [w for w in m.group("subject").split() if w.lower() not in _CLAUSE_OPENERS]
    return " ".join(said) or None


# "girls were more affected than", "older drivers are likelier to crash than"
_MORE_THAN = re.compile(
    r"(?P<subject>\b[\w'’-]+(?:\s+[\w'’-]+){0,2})\s+(?:were|was|are|is|had\s+been|have\s+been)\s+"
    r"(?:more|less|far\s+more|much\s+more|[a-z]+er)\b[^,.;:]{0,40}?\s+than\s+$"
)
_CLAUSE_OPENERS = wordset("and but while whereas so yet")


_DESCRIBING = wordset("new more other extra further additional old young")


def _counts_before(sentence: str, asked: str) -> Iterator[tuple[str, str]]:
    """Each count of `asked` with describing words between, as the sentence writes it, and the
    number alone: ("twelve secondary schools", "twelve") for "schools"."""
    for n in spans.numbers(sentence, with_unit=False):
        for k, w in enumerate(_WORD.finditer(sentence, n.end, n.end + 60)):
            if k > 2:
                break
            if stem(w.group().lower()) == asked:
                if k:
                    yield sentence[n.start : w.end()], n.text
                break
            if (
                (w.group().lower() in STOP_WORDS and w.group() not in _DESCRIBING)
                or not w.group().islower()
                or stem(w.group().lower()) in _UNIT_WORDS
            ):
                break  # "4 weeks paid" counts weeks


def _trim_number(text: str, q: _Question) -> str:
    """Drop a unit the question already names: "How many residents" -> "1,200", not "1,200
    residents"."""
    head, _, last = text.rpartition(" ")
    if head and not any(c.isdigit() for c in last) and stem(last) in q.stems:
        return head
    return text


MAX_SPAN_WORDS = 8
RIGHT_WEIGHT = 0.6  # question words after a candidate count less than those before it
NAME_BONUS = 0.15  # "what"/"which" answers are often names
VERB_COST = 0.3  # a lone "-ed"/"-ly" word is more likely a verb or adverb than an answer
_VERBISH = re.compile(r"^[a-z]+(?:ed|ly)$")
LENGTH_COST = 0.05  # per word beyond three: SQuAD answers are short (median 2-3 words)
PLACE_PREP_BONUS = 0.1  # "in Trevoux", "the village of Trevoux"
_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|into|from|to)\s+(?:the\s+)?"
    r"|\b(?:village|town|city|region|province|county|island|state)\s+of\s+)$",
    re.IGNORECASE,
)


def _anchors(
    sentence: str, words: list[tuple[int, int]], q: _Question, idx: _Index | None
) -> list[tuple[int, float]]:
    """The sentence's words that the question repeats, with their IDF weights."""
    out = []
    for k, (s, e) in enumerate(words):
        w = sentence[s:e]
        if w.lower() in STOP_WORDS:
            continue
        st = stem(w)
        if st in q.stems:
            out.append((k, idx.idf.get(st, 1.0) if idx is not None else 1.0))
    return out


_DEFINITION = re.compile(
    # The subject starts and ends with a non-space, so the spaces around it have one reading
    # (an ambiguous split between \s* and the subject made this cubic on trailing spaces).
    r"\s*(?:what|who)\s+(?:is|are|was|were)\s+(?:an?\s+|the\s+)?([^?\s][^?]{1,58}?[^?\s])\s*(?:\?\s*)?$",
    re.IGNORECASE,
)

# "Another name / term / word for X", "another way of referring to X": X, its last word kept whole.
_OTHER_NAME = re.compile(
    r"\b(?:another|other|alternative|different)\s+(?:name|term|word|way\s+of\s+(?:referring\s+"
    r"to|saying|calling))\s+(?:for\s+|of\s+)?(?:the\s+|an?\s+)?([\w'’-]+(?:\s+[\w'’-]+){0,3})\s*\??\s*$",
    re.IGNORECASE,
)
W_OTHER_NAME = 0.6

# A short answer is shown bold only when the scorer's probability reaches this (calibrated on
# the SQuAD tuning titles for precision; see docs/answers.md).
BOLD_THRESHOLD = 0.15
AGREE_CONFIDENCE = 0.3


def _referent_names(q: _Question, idx: _Index) -> frozenset[str]:
    """The stems of the names the article gives the one a follow-up asks about: "Kowalski" read
    for "she" is also "Maya Kowalski" and "Maya" when the article names no other Kowalski (a
    son shares his parents' surname)."""
    fuller = [n for n in _person_names(idx) if q.soft < n]
    return q.soft | fuller[0] if len(fuller) == 1 else q.soft


def _person_names(idx: _Index) -> frozenset[frozenset[str]]:
    """The stems of each name the article gives a person, read once per article (like its main
    person: each follow-up would otherwise read every sentence's names again)."""
    if idx.person_names is None:
        idx.person_names = frozenset(
            frozenset(stem(w.lower()) for w in sp.text.split())
            for sentence in idx.sentences
            for sp in spans.names(sentence)
            if sp.kind == "person"
        )
    return idx.person_names


def _a_person(idx: _Index, sentence: str, name: spans.Span) -> bool:
    """True for a name the article shows is a person's: after a title or a word for a person
    ("Dr Antti Saari", "the painter John Whitlam"), or every word of it of a name the article
    gives an age ("Pike" of "Darren Pike, 34,"). No place, whatever its capitals suggest."""
    if name.kind == "place":
        return False  # "St Brenna's Hospital"
    before = _LAST_WORD.search(sentence.lower(), max(0, name.start - 30), name.start)
    first = name.text.split()[0].lower().rstrip(".")
    if first in spans.TITLES or (before and before.group(1) in spans.PERSON_HEADS):
        return True
    if idx.aged_names is None:
        idx.aged_names = frozenset(
            frozenset(stem(w.lower()) for w in m.group(1).split())
            for sentence in idx.sentences
            for m in _NAME_AND_AGE.finditer(sentence)
        )
    st = {stem(w.lower()) for w in name.text.split()}
    return any(st <= n for n in idx.aged_names)


# "Darren Pike, 34, of Mansfield": a person's name, by the age after it.
_NAME_AND_AGE = re.compile(r"\b([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}),\s+(?:aged\s+)?\d{1,3},")


def _answer_at(q: _Question, idx: _Index, i: int, score: float) -> Answer:
    sentence = idx.sentences[i]
    asked = reasons.kind(q.text) if q.info is not None else None
    rating = _rating_given(q.text, sentence) if q.info is not None else None
    if rating:
        # "What rating did the school get?" / "How was it rated?" - "has been judged outstanding
        # by Ofsted": the rating, not who gave it (nor the "inadequate" of four years ago).
        return Answer(sentence, rating, round(score, 4), i, rating, AGREE_CONFIDENCE)
    if asked:
        # "Why"/"How did": the reason or means clause is the answer, never a bare fragment.
        found = reasons.clause(sentence, asked, q.text)
        if found:
            return Answer(sentence, found, round(score, 4), i, found, 1.0)
        does = reasons.predicate(sentence, q.text) if asked == "how" else None
        if does:
            # No means named: what the asked-about subject does there ("looks into the camera").
            return Answer(sentence, does, round(score, 4), i, does, AGREE_CONFIDENCE)
    if q.info is not None and _thing_age_asked(q):
        age = _THING_AGE.search(sentence)
        if age:
            # "How old is the fossil?" - "about 185 million years" (of "... years ago").
            text = age.group("age")
            return Answer(sentence, text, round(score, 4), i, text, AGREE_CONFIDENCE)
    elif q.info is not None and _AGE_QUESTION.search(q.text):
        age = _age_of_asked(q, sentence) or _AGE.search(sentence)
        if age:
            # "aged 24 and 31": both ages, for "how old are the men?"
            years = _AGES.search(age.group())
            assert years is not None
            text = years.group()
            return Answer(sentence, text, round(score, 4), i, text, AGREE_CONFIDENCE)
    home = (
        _home_of_asked(q, sentence)
        or _apposed_to_asked(q, sentence)
        or _about_of_asked(q, sentence)
        or _name_of_asked(q, sentence)
        or _finding_of(q, sentence)
        or _former_job(q, sentence)
    )
    if home:
        return Answer(sentence, home, round(score, 4), i, home, AGREE_CONFIDENCE)
    does = (
        reasons.deed(sentence, q.text) or reasons.pledge(sentence, q.text)
        if q.info is not None
        else None
    )
    if does:
        # "What will the council do?": what the sentence says it will do, not a word of it.
        return Answer(sentence, does, round(score, 4), i, does, AGREE_CONFIDENCE)
    rule = _pick_span(q, sentence, idx)
    if q.info is None:
        # Other languages: a scorer trained on XQuAD's other languages (the rules' span without it).
        shown, guess, prob = other_language.best_span(q.text, q.qtype, sentence, q.language, rule)
        if shown and i in q.speaks:
            prob = 1.0  # the asked-about person's own words: the article says
        return Answer(sentence, shown, round(score, 4), i, guess, prob)
    best = span_model.best_span(
        _said_there(q.info, sentence),
        str(q.qtype),
        sentence,
        rule,
        not_named=_referent_names(q, idx) if q.soft else frozenset(),
    )
    if best is None and rule and q.qtype is not QType.THING and (at := sentence.find(rule)) >= 0:
        # The scorer has no candidate of the asked type ("in May": "may" is a stop word to it),
        # the rules have one: "when will he be sentenced?" - "May".
        best = span_model.Scored(rule, at, at + len(rule), BOLD_THRESHOLD)
    if best is None:
        return Answer(sentence, None, round(score, 4), i)
    text = _whole(sentence, best.start, best.end, q)
    prob = best.prob
    if (
        q.qtype is QType.NUMBER
        and not _AGE_QUESTION.search(q.text)
        and best.start in _ages_at(sentence)
    ):
        prob = 0.0  # a person's age answers no other "how many" or "how much"
    if q.qtype is QType.NUMBER and (avg := _AVERAGE_LEAD.match(text)):
        text = text[avg.end() :]  # "slept on average 24 minutes longer": "24 minutes"
    if rule and _off_type(q, sentence, best.start, text, rule):
        # The asked type is in the sentence but the scorer picked something else ("$4.5 million
        # and to last ..." for "how much"; "Lyon" of "25 km north of Lyon" for "where"): the
        # typed span the rules found is the answer.
        text, prob = rule, max(prob, BOLD_THRESHOLD)
    elif text == rule:
        # The scorer and the hand-written rules agree: a sure answer more often than not.
        prob = max(prob, AGREE_CONFIDENCE)
    tally = _vote_count(q.text, sentence) if q.qtype is QType.NUMBER else None
    if tally is None and q.qtype is QType.NUMBER and _SHARE_ASKED.search(q.text):
        # "What percentage backed the strike?" - "91% of those who voted backed strike action,
        # on a turnout of 76%": the number that does the asked verb.
        tally = _count_doing(q, sentence)
    if tally:
        # "How many voted against?" - the 22 of "by 31 votes to 22", not the whole tally.
        text, prob = tally, max(prob, AGREE_CONFIDENCE)
    sized = reasons.measure(sentence, q.text, text)
    if sized:
        # "How long ...?": "three hours", not "three hours in calm weather" nor a bare "58"; a
        # measure of the asked kind is as sure when the scorer found it whole.
        text, prob = sized, max(prob, AGREE_CONFIDENCE)
    at = sentence.find(text) if q.qtype is QType.THING and asks_for_several(q.text) else -1
    if at >= 0:
        # "What religions ...?": "Christianity, Judaism and Zoroastrianism", not the first one;
        # "which depots ...?": "Redgate and Castle Lane", not the last one.
        text = sentence[
            reasons.list_start(sentence, at) : reasons.list_end(sentence, at + len(text))
        ]
    elif q.qtype is QType.PLACE and text[:1].isupper() and (at := sentence.find(text)) >= 0:
        # "Where did she work?" - "in London, Paris and Miami": every place of a list of names.
        text = _places_listed(sentence, at, text)
    elif q.qtype is QType.THING and (whole := _list_ending_with(sentence, text, q)):
        # "What swims upstream?" - "salmon and trout", not the last of them.
        text = whole
    own_sum = _sum_of_asked(q, sentence) if q.money else None
    if own_sum and own_sum != text:
        # "How much will parking bring in?" - "to bring in £800,000", not the "20p an hour" the
        # charges rise by; "how much more ...?" - "adds £96", not "taking it to £2,020".
        text, prob = own_sum, max(prob, AGREE_CONFIDENCE)
    if q.money and (at := sentence.find(text)) >= 0 and (sums := _SUM_LIST.match(sentence, at)):
        # "How much do tickets cost?" - "£49, £39 and £29", not the first of them.
        text = sums.group()
    if ASKS_WHERE.match(q.text) and (placed := _placed_name(q, sentence, text)):
        # "Where is the derby being played?" - "the derby between United and City at Old
        # Trafford": the place the sentence puts it "at", not the names beside the question's words.
        text = placed
    if ASKS_WHERE.match(q.text) and (found := _place_after_verb(q, sentence, text)):
        # "Where was she found?" - "has been found safe in a garden two miles away", not
        # "Hazelbrook Zoo" of "escaped from Hazelbrook Zoo" before it.
        text, prob = found, max(prob, AGREE_CONFIDENCE)
    if q.qtype is QType.PLACE and text[:1].isupper() and (company := _WITH_AFTER.search(text)):
        # "Where does she live?" - "Mill Row", not "Mill Row with her two children".
        text = text[: company.start()]
    if q.qtype is QType.PLACE and (ds := spans.dates(text)) and ds[-1].end == len(text):
        # "Where will the talks take place?" - "the conciliation service Acas", not "... Acas
        # next Tuesday".
        place = _DATE_LEAD.sub("", text[: ds[-1].start])
        if place and place != text:
            text = place
    if q.qtype in (QType.PLACE, QType.DATE) and q.info is not None:
        own = _of_the_asked_clause(q, sentence, text)
        if own and own != text:
            # "Where did she finish?" - "began ... in Edinburgh and finished ... outside St
            # Brenna's Hospital": the place of the asked verb's own clause.
            text, prob = own, max(prob, AGREE_CONFIDENCE)
    compared = _compared_with(sentence, text) if q.qtype in (QType.PERSON, QType.THING) else None
    if compared:
        # "Who was most affected?" - "girls were more affected than boys": the ones the sentence
        # says were more so, not those they are compared with.
        text = compared
    asked_kind = _named_kind(q)
    kind = asked_kind or _place_kind(q)
    named_kind = None
    if kind and kind not in {stem(w) for w in text.split()}:
        named_kind = _kind_name(sentence, kind) or (
            _kind_phrase(sentence, kind, q)
            if asked_kind
            and _kind_is_noun(q)
            and not (text[:1].isupper() and _WHICH_IS.match(q.text))
            else None
        )
        if named_kind:
            text, prob = named_kind, max(prob, AGREE_CONFIDENCE)
    if _CALLED_ASKED.search(q.text) and (at := sentence.find(text)) >= 0:
        # "What's the book called?" - "Daughter and Salaryman", a title whole after "called" /
        # "translates as", not its first word.
        title = _TITLE_RUN.match(sentence, at)
        if title and _TITLE_BEFORE.search(sentence, 0, at) and title.end() > at + len(text):
            text = title.group()
    named = _NAME_OF.match(q.text)
    if named:
        # "What's Marini's name?" (the "his" of a follow-up read): the whole name the
        # sentence gives the person ("Filippo Marini").
        ends = re.compile(rf"(?:^|\s){re.escape(named.group(1))}$", re.IGNORECASE)
        whole = next(
            (
                sp.text
                for sp in spans.names(sentence)
                if sp.kind == "person" and ends.search(sp.text) and " " in sp.text
            ),
            None,
        )
        if whole:
            text, prob = whole, max(prob, AGREE_CONFIDENCE)
    # What follows a stranded "from" ("who did they take it over from?"), read once for both
    # rules below that look at it.
    stranded = _object_of_stranded(q, sentence)
    # What the question's verb is done to ("who did he kill?" - "killed a cyclist"), read once
    # for both rules below that look at it.
    made = _object_of_verb(q, sentence)
    if made and q.qtype is QType.PERSON and not (names_people(made) or made[:1].isupper()):
        made = None  # "who did he thank?" is not answered by "the crowd's patience"
    if (
        q.qtype is QType.PERSON
        and (introduced := _named_next(idx, i))
        and not stranded
        and not made
    ):
        # "A convicted paedophile has gone on the run ..." / "Stephen Munden, 54, ...": a news
        # lead tells who, then names them; both sentences are shown, the name in bold.
        both = f"{sentence} {idx.sentences[i + 1]}"
        return Answer(both, introduced, round(score, 4), i, introduced, max(prob, AGREE_CONFIDENCE))
    if q.qtype is QType.PERSON:
        if (
            rule
            and not any(c.isupper() for c in text)
            and (any(c.isupper() for c in rule) or names_people(rule))
            and not names_people(text)
        ):
            # "who helped ..." - "coordinate": a lower-case span that names no person or group
            # is off type when the rules found a name.
            text, prob = rule, max(prob, BOLD_THRESHOLD)
        grown = _with_role(sentence, rule) if rule else ""
        if grown != rule and grown.endswith(" " + text):
            # The scorer took the role noun ("inspectors") of the nationality the rules found
            # ("Norwegian"): the people it describes, whole ("Norwegian safety inspectors").
            text = grown
        text = _with_role(sentence, text)
        described = _described(q.text, sentence)
        if described:
            # "Who is Petra Lindqvist?": what the sentence says she is, not a name.
            text, prob = described, max(prob, AGREE_CONFIDENCE)
        elif (
            asked_who_is(q.text) and (_is_date_or_number(text) or _a_place(sentence, text))
        ) or _placed(sentence, text):
            # "Who is Maya Kowalski?" - "Maya Kowalski spotted the bone ... at Saltwick Bay":
            # the sentence says no more of her than what she did; a place is no answer, to any
            # "who" ("Who found the beetle?" - "... found living in a cemetery in the middle of
            # Norbury").
            prob = 0.0
        first = None if described else _first_to(q.text, sentence)
        if first and first != text:
            # "Who was first to try after the rules changed?" - "German Jens Voigt was the first
            # to make an attempt ..., before ... Jack Bobridge": the one the sentence calls first.
            text, prob = first, max(prob, AGREE_CONFIDENCE)
        titled = None if described else _titled_person(q.text, sentence)
        if titled and titled != text:
            # "Who is Japan's defense minister?" - "... Defense Minister Gen Nakatani told ...":
            # the name the question's own title word stands before.
            text, prob = titled, max(prob, BOLD_THRESHOLD)
        # "Reeves, who leads the investigation, said": the answer is the person, by the full
        # name the article gave them ("Rebecca Reeves"), not the surname of the sentence.
        text = _full_name(idx, i, text) or text
        if _only_reported(q, sentence, text):
            # "Who started the fire?" - "Station manager Paul Hendry said the fire had probably
            # started in a forklift truck": he said it, he did not do it.
            prob = 0.0
        passive = _PASSIVE_WHO.match(q.text)
        patient = _person_subject(sentence) if passive and _participle(passive.group(1)) else None
        if (
            patient
            and patient != text
            and not names_people(text)
            and (
                not any(sp.kind == "person" for sp in spans.names(text, first_word_ok=True))
                or _AFTER_PLACE_WORD.search(sentence, 0, max(0, sentence.find(text)))
            )
        ):
            # "Who was hurt?" - "A lorry driver was taken to hospital ... on the A90 near
            # Stonehaven": the one the sentence opens on, not the place.
            text, prob = patient, max(prob, AGREE_CONFIDENCE)
        doer = _passive_doer(q, sentence)
        before_verb = None if doer else _named_doer(q, sentence)
        if before_verb and text not in before_verb:
            # "Who won?" - "Delgado, a former headteacher ..., won 11,284 votes, ahead of ...
            # Victor Crane": the one named before the verb (by the full name the article gave),
            # not the one after it.
            text = _full_name(idx, i, before_verb) or before_verb
            prob = max(prob, AGREE_CONFIDENCE)
        active = (
            None
            if doer or before_verb
            else _active_doer(q, sentence) or _active_doer(q, sentence, _WHO_WILL)
        )
        if active and (
            not text
            or (text in active and _after_preposition(active, text))
            or (
                text not in active
                and (
                    _is_date_or_number(text)
                    or _holds_date(text)
                    or _is_clause(text)
                    or _a_place(sentence, text)
                )
            )
        ):
            # "Who raised the alarm?" - "Her partner raised the alarm on Sunday evening": the one
            # the sentence says did it, not a date beside it (nor "Reading" of "an engineer
            # noticed unusual traffic leaving one of the servers in Reading").
            text, prob = active, max(prob, AGREE_CONFIDENCE)
        if doer and doer != text:
            # "Who found his body?" - "his body was discovered ... by a dog walker": the doer the
            # sentence names by what they are, not a name beside it ("Paramedics").
            text, prob = doer, max(prob, AGREE_CONFIDENCE)
        apposed = _APPOSED_NAME.match(sentence, sentence.find(text) + len(text)) if text else None
        if (
            apposed
            and _ROLE_PHRASE.fullmatch(text)
            and not (asked_who_is(q.text) or "")[:1].isupper()  # "who is Janet Oldroyd?"
        ):
            # "Who is building the homes?" - "The developer, Pennine Homes, says ...": the name
            # the role stands beside, not the role.
            text = apposed.group(1)
    complement = _copula_complement(q, sentence)
    if complement and complement != text:
        # "Which day was the hardest?" - "the hardest day was the ninth, when ...": what the
        # sentence says the asked thing was.
        text, prob = complement, max(prob, AGREE_CONFIDENCE)
    subject = _passive_subject(q, sentence)
    if subject:
        # "What was built beside the weir?" - "A fish pass was built beside the weir so that
        # salmon and trout ...": what the sentence says was built, not what swims. When the
        # scorer's span is part of it or holds it ("Vanessa Santillan" of "Vanessa Santillan's
        # body", "Donald Davies" of "Davies"), that span, and sure now.
        if not (text and (text in subject or subject in text)):
            text = subject
        prob = max(prob, AGREE_CONFIDENCE)
    ordinal = _ordinal_count(q, sentence) if q.qtype is QType.NUMBER else None
    if ordinal:
        text, prob = ordinal, max(prob, AGREE_CONFIDENCE)
    what_does = (
        (
            _active_doer(q, sentence, _WHAT_DID)
            or (_active_doer(q, sentence, _WHAT_IS_DOING) if _WHAT_IS_DOING.match(q.text) else None)
        )
        if q.qtype is QType.THING and not named_kind
        else None
    )
    if what_does and (
        not text
        or (
            text not in what_does
            and (
                _is_date_or_number(text)
                or _is_clause(text)
                or sentence.find(text) > sentence.find(what_does) + len(what_does)
            )
        )
    ):
        # "What swims upstream?" - "... so that salmon and trout can still swim upstream": what
        # does it, not a clause beside it ("built beside the weir").
        text = _list_ending_with(sentence, what_does, q) or what_does
        prob = max(prob, AGREE_CONFIDENCE)
    if kind and _DETERMINER.match(text) and (at := sentence.find(text)) >= 0:
        after = _WORD.match(sentence, at + len(text) + 1)
        if after and sentence[at + len(text)] == " " and stem(after.group()) == kind:
            # "What car did he buy?" - "a sports car", not "a sports".
            text = sentence[at : after.end()]
    counted = _count_of_asked(q, sentence, text)
    if counted and counted != text:
        # "How many days did she run for?" - "12 marathons in 12 days": the count of the days.
        text, prob = counted, max(prob, AGREE_CONFIDENCE)
    if made and (text not in made or q.qtype is QType.PERSON) and made not in text:
        # "What does Lumen Grid make?" - "a Leeds company that makes batteries for storing solar
        # power at home": what it makes, not what it is (a span of the object itself stays).
        text, prob = made, max(prob, AGREE_CONFIDENCE)
    if stranded and not (text and (text in stranded or stranded in text)):
        # "Who did they take it over from?" - "took over Thwaite's Bakery from Martin's father":
        # what follows "from", not the bakery.
        text, prob = stranded, max(prob, AGREE_CONFIDENCE)
    if (
        q.qtype is QType.NUMBER
        and q.info is not None
        and (own_figure := _not_compared(q, sentence, text))
    ):
        # "What percentage reached the expected standard?" - "87% of its 11-year-olds reached
        # ..., compared with 61% nationally": the school's figure, not the one it is set against.
        text, prob = own_figure, max(prob, AGREE_CONFIDENCE)
    then_or_now = _amount_then_or_now(q, sentence) if q.info is not None else None
    if then_or_now:
        # "How much is their bill now?" - "risen from £900 a month to £3,200": £3,200.
        text, prob = then_or_now, max(prob, AGREE_CONFIDENCE)
    result = _SCORE.search(sentence) if _SCORE_ASKED.search(q.text) else None
    if result is None and _VOTE_ASKED.search(q.text):
        result = _VOTES.search(sentence)
    if result:
        # "What was the score?" - "2-2", not the "2" of it; "what was the vote?" - "six to
        # three".
        text, prob = result.group(), max(prob, AGREE_CONFIDENCE)
    if q.info is not None and _HOW_MANY.search(q.text) and not q.money and spans.MONEY.search(text):
        # "How many will be affordable?" - "35% of the houses ... it will pay £2.4 million": a
        # count, not a sum; the sentence's one other number if it has one.
        other = [
            sp
            for sp in _typed_for(q, sentence)
            if not spans.MONEY.search(sp.text) and _new_to_question(sp, q)
        ]
        if len(other) == 1:
            text = other[0].text
        else:
            prob = 0.0
    if _WHEN_ASKED.match(q.text) and (ds := spans.dates(text)):
        tail = text[ds[-1].end :]
        if re.search(r"\d", tail) and not _A_TIME.search(tail):
            # "When were the figures published?" - "Thursday", not "Thursday show 38,200".
            text = text[ds[0].start : ds[-1].end]
    text = without_trailing(_without_asked_date(text, q))
    shown = text if prob >= BOLD_THRESHOLD else None
    if _YES_NO.match(q.text) and not _EITHER.search(q.text):
        shown = None  # "were the items recovered?": the sentence answers it, no word of it does
    if asked == "why" and (_only_a_name(sentence, text) or _of_the_question(text, q)):
        # "why was he standing on the toilet?" - "Passenger Jin Pai" gives no reason; "why were
        # schools closed?" - "Schools in Moray" is what the question is about
        shown = None
    if (
        q.money
        and not spans.MONEY.search(text)
        and not (_PERCENT.search(text) and not spans.MONEY.search(sentence))
    ):
        # "40,000 cars a day" is no answer to what something cost; "4%" is to how much a pay
        # offer is, where no sum is given.
        shown = None
    happened = _HAPPENED_ASKED.match(q.text)
    if happened and (befell := _befell(happened, sentence)):
        # "What happened to Barnes?" - "was sent off for a second booking"
        text = shown = befell
    elif happened and not _is_clause(text) and not _tells_deed(text):
        shown = None  # "what happened to the nurses?" - "posts" tells nothing that happened
    if _AGE_QUESTION.search(q.text) and (
        not _AN_AGE.search(text)
        or any(text in d.text for d in spans.dates(sentence))
        or spans.MONEY.search(text)
        or (
            _no_age(sentence, text)
            and not (_thing_age_asked(q) and _TIME_UNIT.search(text))  # "185 million years"
        )
    ):
        # "how old is the skipper?" - "the oldest of the three": "three" is no age, nor the
        # "7" of "on June 7", nor a sum ("£90,000"), nor a prison term ("jailed for six years")
        shown = None
    elif reasons.asks_measure(q.text) and not reasons.measure(sentence, q.text, text):
        shown = None  # "how long were the drivers on strike?" - "240 drivers" is no duration
    elif (many := _HOW_MANY.search(q.text)) and (
        not _A_COUNT.search(text) or _counts_other_units(text, many.group(1))
    ):
        # "how many stations are there in Marsh End?" - "Kelby" is no count; "how many kids did
        # he train with?" - "six months" counts months
        shown = None
    elif _WHEN_ASKED.match(q.text) and not spans.dates(text) and not _A_TIME.search(text):
        shown = None  # "when was the fraud discovered?" - "14 counts" is no time
    elif q.qtype is QType.PLACE and not any(c.isupper() for c in text) and _is_clause(text):
        shown = None  # "where does she work?" - "the findings should worry parents" is no place
    elif (
        q.qtype is QType.PERSON
        and _WHO_ASKED.match(q.text)
        and _is_date_or_number(text)
        and (spans.MONEY.search(text) or any(d.text == text for d in spans.dates(text)))
    ):
        shown = None  # "who discovered the breach?" - "March" is nobody, nor is "£20"
    elif q.qtype is QType.PLACE and (
        _is_date_or_number(text)
        or any(sp.text == text and _a_person(idx, sentence, sp) for sp in spans.names(sentence))
    ):
        shown = None  # "where did she die?" - "2011" or "John Whitlam" is no place
    return Answer(sentence, shown, round(score, 4), i, text, round(best.prob, 4))


def _no_age(sentence: str, text: str) -> bool:
    """Whether a span cannot be a person's age: a spell of time ("jailed for| six years"), more
    years than anyone lives ("fewer than 10,000") or a count of things ("60 books")."""
    at = sentence.find(text)
    if at >= 0 and _SPELL_BEFORE.search(sentence, 0, at):
        return True
    if any(int(n.replace(",", "")) > 130 for n in re.findall(r"\d[\d,]*", text)):
        return True
    return bool(_COUNTED_THING.search(text))


_TIME_UNIT = re.compile(r"\b(?:years?|months?|weeks?|days?|centur(?:y|ies))\b", re.IGNORECASE)
_SPELL_BEFORE = re.compile(r"\b(?:for|over|within|after)\s+$", re.IGNORECASE)
_COUNTED_THING = re.compile(
    r"\d\s+(?!(?:years?|months?|weeks?|days?|old|yrs?)\b)[a-z]{2,}", re.IGNORECASE
)


# A phrase opened by a determiner ("a sports") wants its noun; "slate blue-gray" does not.
_DETERMINER = re.compile(r"(?:a|an|the|his|her|their|its|my|our|your)\s", re.IGNORECASE)
_HAPPENED_ASKED = re.compile(
    r"^\W*(?:and\s+|so\s+)?what(?:['’]s|\s+has|\s+had|\s+will)?\s+(?:happened|happens|happen)\b"
    r"(?:\s+to\s+(?:the\s+)?(?P<who>[\w'’ -]{2,40}?))?[\s?.!]*$",
    re.IGNORECASE,
)
_BEFELL = re.compile(
    r",?\s+(?:was|were|has\s+been|have\s+been|had\s+been|is|are|will\s+be)\s+"
    r"(?:(?:later|then|also|since|now|being)\s+)?((?P<done>[a-z]+)\b[^,.;:!?\"“”]{0,100})"
)


_NAMED_PLACE_AFTER = re.compile(
    r"\s+(?:to|from|in|at|of|on|near)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"
)


# "Who was hurt?", "who was arrested?", "who were injured?": the one something was done to.
_PASSIVE_WHO = re.compile(
    r"^\W*(?:and\s+|so\s+)?who\s+(?:was|were|has\s+been|have\s+been|got)\s+([a-z]+)\W*$",
    re.IGNORECASE,
)
# ", Pennine Homes," after a role ("The developer"): the name in apposition.
_APPOSED_NAME = re.compile(r",\s+([A-Z][\w'’&-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w'’&-]*){0,3}),")
_ROLE_PHRASE = re.compile(r"(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[a-z-]+\s+){0,2}[a-z-]+")
# "A lorry driver ...", "Two teenagers ...": a sentence opening on people named by what they are.
# "lost on | Ben Nevis": a name after a preposition of place is a place, whatever its first word.
_AFTER_PLACE_WORD = re.compile(r"\b(?:on|in|at|near|from|up|down|across|over)\s+$")
# People by what they do, beside _PERSON_NOUNS and spans.PERSON_HEADS (which hold "residents",
# "passengers", "workers" ...).
_GROUPS_OF_PEOPLE = wordset(
    """walker walkers climber climbers hiker hikers swimmer swimmers cyclist cyclists motorist
    motorists pedestrian pedestrians tourist tourists sailor sailors fishermen fisherman people
    children pupils patients"""
)
_OPENERS = frozenset(
    ["A", "An", "The", "Two", "Three", "Four", "Five", "Six", "Several", "Many", "Some"]
)


def _person_subject(sentence: str) -> str | None:
    """The people a sentence opens on, named by what they are ("A lorry driver"), else None."""
    said = sentence.split(maxsplit=4)[:4]
    if not said or said[0] not in _OPENERS:
        return None
    for k in range(1, len(said)):
        w = said[k]
        if not w.isalpha() or not w.islower():
            return None
        if (
            stem(w) in _PERSON_NOUNS
            or w in spans.PERSON_HEADS
            or w[:-1] in spans.PERSON_HEADS
            or w in _GROUPS_OF_PEOPLE
        ):
            return " ".join(said[: k + 1])
    return None


def _of_the_question(text: str, q: _Question) -> bool:
    """Whether a span opens on a word of the question ("Schools in Moray" for "why were schools
    closed?"): the thing asked about, not what is asked."""
    first = _WORD.match(text)
    return (
        first is not None
        and first.group().lower() not in STOP_WORDS
        and (stem(first.group().lower()) in q.stems)
    )


def _tells_deed(text: str) -> bool:
    """Whether a short span holds a verb form ("torn down", "broken", "recycled continuously")."""
    said = words(text)
    return any(
        (w.islower() and _participle(w)) or t == "VERB"
        for w, t in zip(said, pos.tag(said), strict=True)
    )


def _participle(word: str) -> bool:
    """Whether a lower-case word may be a past participle ("sent", "torn", "killed")."""
    return word.endswith(("ed", "en")) or word in _PARTICIPLES or IRREGULAR.get(word, word) != word


# Participles the stemmer's table of irregular verbs leaves out (it maps only what it must).
_PARTICIPLES = wordset("torn born shut hurt hit cut put set left found shown blown split spread")


def asks_what_happened(question: str) -> bool:
    """Whether the question asks what happened ("what happened to Barnes?"): its answer is a deed,
    not a thing a follow-up's "it" could mean."""
    return _HAPPENED_ASKED.match(question) is not None


def _befell(asked: re.Match[str], sentence: str) -> str | None:
    """For "what happened to X?", what the sentence says was done to X right after naming X
    ("Luke Barnes | was sent off for a second booking"); else None."""
    who = asked.group("who")
    if not who:
        return None
    last = who.split()[-1]
    for m in re.finditer(rf"\b{re.escape(last)}\b", sentence, re.IGNORECASE):
        pp = _NAMED_PLACE_AFTER.match(sentence, m.end())  # "the ferry | to Shetland | was held"
        done = _BEFELL.match(sentence, m.end()) or (pp and _BEFELL.match(sentence, pp.end()))
        if done and _participle(done.group("done")):
            return reasons.clause_of_deed(done.group(1), reasons.MAX_PLEDGE_WORDS)
    return None


# Units of time and measure: a count of them answers "how many days", not "how many kids".
_UNIT_WORDS = frozenset(
    stem(w)
    for w in [
        "seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades",
        "centuries", "km", "kilometres", "kilometers", "miles", "metres", "meters", "feet", "ft",
        "inches", "cm", "mm", "kg", "kilograms", "tonnes", "tons", "pounds", "lbs", "percent",
        "per", "cent", "mph", "degrees",
    ]
)  # fmt: skip


def _counts_other_units(text: str, asked: str) -> bool:
    """The span counts a unit of time or measure ("six months") while the question counts
    something else ("how many kids")."""
    last = text.split()[-1] if text.split() else ""
    return stem(last) in _UNIT_WORDS and stem(asked) not in _UNIT_WORDS


# What an age is when the sentence gives none of _AGE's forms: digits, or a spell of time
# ("seven months old", "515 million years").
_AN_AGE = re.compile(r"\d|\b(?:years?|months?|weeks?|days?|old|age)\b", re.IGNORECASE)


# What a count or an amount is made of: digits, or a number said in words.
_A_COUNT = re.compile(
    r"\d|\b(?:no|none|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"\w+teen|\w+ty|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|scores?|half|"
    r"halves|thirds?|quarters?|several|few|many|much|both|all|every|single|couple|pair|once|"
    r"twice|majority|minority|most|some|lot|little|"
    # "the fourth cash machine theft": an ordinal counts the ones so far
    r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\b",
    re.IGNORECASE,
)


# "When did/was/will ...?" (not "when X, what ...?", nor "what does it do when ..."): a time is
# asked for; and the words a time said without a date is made of ("after liberation", "during
# the war", "toward the end of his life"), beside spans.dates ("May" alone is no date to it: the
# modal verb).
_WHEN_ASKED = re.compile(
    r"\W*(?:(?:and|so|but)\s+)?when\s+(?:is|was|were|are|did|does|do|will|would|has|have|had|"
    r"can|could|should|must|might)\b",
    re.IGNORECASE,
)
_A_TIME = re.compile(
    r"\b(?:ago|later|earlier|before|after|since|until|till|during|following|prior|throughout|"
    # ("97 times so far" counts; "in Roman times", "at the time" are times)
    r"amid|upon|when|while|once|now|then|recently|soon|time|(?:the|those|ancient|medieval|modern|"
    r"roman|victorian|early|recent|biblical)\s+times|years?|months?|weeks?|days?|"
    r"hours?|minutes?|seconds?|centur(?:y|ies)|decades?|eras?|ages?|periods?|epochs?|seasons?|"
    r"spring|summer|autumn|fall|winter|mornings?|afternoons?|evenings?|nights?|dawn|dusk|"
    r"weekends?|war|reign|dynasty|early|late|end|beginning|start|middle|mid|dates?|may)\b",
    re.IGNORECASE,
)


_WITH_AFTER = re.compile(r"(?<=\w)\s+with\s+(?:her|his|their|its|my|our|your|a|an|the)\b")


_NAME_WORDS = r"[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*"
_SUM = r"[$£€¥]\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s?(?:million|billion|m|bn)\b)?"
_SUM_LIST = re.compile(rf"{_SUM}(?:,\s+{_SUM})*,?\s+(?:and|or|to)\s+{_SUM}")
# "near Launceston, Devon and Cornwall Police said": a list of places does not end in a body.
_BODIES = wordset(
    """police council agency service services trust authority board department ministry office
    court party union club university college school hospital company group force army"""
)


def _places_listed(sentence: str, at: int, text: str) -> str:
    """Every place of a list of names that starts with the place `text` at `at` ("London, Paris
    and Miami"); `text` itself when it starts none, or when the list ends in a body ("Launceston,
    Devon and Cornwall Police said")."""
    listed = _PLACE_LIST.match(sentence, at)
    if (
        listed
        and listed.end() > at + len(text)
        and listed.group().split()[-1].lower() not in _BODIES
    ):
        return listed.group()
    return text


_PLACE_LIST = re.compile(
    rf"{_NAME_WORDS}(?:(?:,\s+|,?\s+(?:and|or|as\s+well\s+as)\s+){_NAME_WORDS})+"
)
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+")
_CALLED = r"called|named|titled|entitled|dubbed"
_CALLED_ASKED = re.compile(rf"\b(?:{_CALLED})\b", re.IGNORECASE)
_TITLE_BEFORE = re.compile(rf"\b(?:{_CALLED}|translates\s+as|known\s+as)\s+(?:the\s+)?$")
# A capitalised title, with the small words a title holds between its capitalised words.
_TITLE_RUN = re.compile(
    r"[A-Z][\w'’-]*(?:\s+(?:(?:and|of|the|&|in|on|for|a|to)\s+)*[A-Z][\w'’-]*)*"
)
_NAME_OF = re.compile(
    r"^\W*what(?:['’]s|\s+is|\s+was)\s+([A-Z][\w’-]*?)['’]s\s+(?:full\s+|first\s+)?name\W*$",
    re.IGNORECASE,
)
_WHO_IS = re.compile(r"^\W*who(?:['’]s|\s+(?:is|was|are|were))\s", re.IGNORECASE)
_TOKEN = re.compile(r"[\w'’.-]+")
# Words that stand before a person's name as their title or role ("Police Detective Dennis
# McGowan", "attorney Pierce O'Donnell").
_ROLES = frozenset(
    stem(w)
    for w in [
        "president",
        "chancellor",
        "minister",
        "premier",
        "mayor",
        "governor",
        "senator",
        "judge",
        "justice",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "bishop",
        "archbishop",
        "general",
        "colonel",
        "captain",
        "sergeant",
        "lieutenant",
        "admiral",
        "commander",
        "officer",
        "inspector",
        "detective",
        "chief",
        "secretary",
        "ambassador",
        "professor",
        "doctor",
        "attorney",
        "lawyer",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "founder",
        "chairman",
        "chairwoman",
        "ceo",
        "coach",
        "manager",
        "referee",
        "commissioner",
        "editor",
        "leader",
        "producer",
        "author",
        "writer",
        "owner",
        "executive",
        "analyst",
        "economist",
        "scientist",
        "researcher",
        "photographer",
        "designer",
        "architect",
        "artist",
        "actor",
        "actress",
        "singer",
        "player",
        "striker",
        "goalkeeper",
        "prosecutor",
        "sheriff",
        "constable",
        "superintendent",
        "agent",
        "pilot",
        "surgeon",
        "physician",
        "nurse",
        "teacher",
        "principal",
        "dean",
        "presenter",
        "host",
        "reporter",
        "correspondent",
        "official",
        "inventor",
        "composer",
        "conductor",
        "poet",
        "novelist",
        "lawmaker",
        "chef",
        # "Dartford boss Steve Ingram", "defender Luke Barnes", "treasurer Graham Whitlock"
        "boss",
        "midfielder",
        "defender",
        "winger",
        "substitute",
        "headteacher",
        "councillor",
        "treasurer",
        "campaigner",
        "activist",
        "solicitor",
        "barrister",
        "firefighter",
        "paramedic",
        "historian",
    ]
)


# Lower-case nouns for the people of a "who" answer, beside the titles above ("tribal leaders").
_PEOPLE = frozenset(
    stem(w)
    for w in [
        "leaders",
        "officials",
        "police",
        "troops",
        "soldiers",
        "fighters",
        "militants",
        "rebels",
        "forces",
        "residents",
        "authorities",
        "investigators",
        "students",
        "fans",
        "team",
        "workers",
        "voters",
        "doctors",
        "parents",
        "family",
        "court",
        "jury",
        "man",
        "woman",
        "men",
        "women",
        "group",
        "company",
        "firm",
        "magistrate",
        "coroner",
        "council",
        "committee",
        "panel",
        "board",
        "experts",
        "activists",
        "protesters",
        "campaigners",
        "witnesses",
        "neighbours",
        "passengers",
        "victims",
        "survivors",
        "brothers",
        "sisters",
        "twins",
        "couple",
        "sons",
        "daughters",
        "cousins",
        "siblings",
        "partners",
        "owners",
        "founders",
        "cyclists",
        "pedestrians",
        "motorists",
        "walkers",
        "hikers",
        "climbers",
        "riders",
        "runners",
        "swimmers",
        "children",
        "child",
        "boys",
        "girls",
        "pupils",
        "teenagers",
        "baby",
    ]
)


# Nouns that end a "who" answer naming people by their role ("a local judge", "tribal leaders").
_PERSON_NOUNS = _ROLES | _PEOPLE


def _only_a_name(sentence: str, text: str) -> bool:
    """The span is one of the sentence's names and nothing more ("Passenger Jin Pai", "Irbil"),
    or a name with an age ("Tom Reyes, 41")."""
    bare = _WITH_AGE.sub("", text)
    return any(bare == n.text for n in spans.names(sentence, first_word_ok=True))


# A yes/no question (not "was it X or Y?", which asks for one of two).
_YES_NO = re.compile(
    r"^\W*(?:(?:and|so|but)\s+)?(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would"
    r"|should|isn['’]t|aren['’]t|wasn['’]t|weren['’]t|didn['’]t|doesn['’]t|hasn['’]t|haven['’]t)\b",
    re.IGNORECASE,
)
_EITHER = re.compile(r"\bor\b", re.IGNORECASE)
_WITH_AGE = re.compile(r",\s*\d{1,3}$")


def names_people(text: str) -> bool:
    """Whether a lower-case span names a person or group by its role ("a local judge")."""
    last = _TOKEN.findall(text)[-1:] or [""]
    return stem(last[0].lower()) in _PERSON_NOUNS


def _with_role(sentence: str, text: str) -> str:
    """A "who" answer that is a place or nationality grown to the people it describes: "A Los
    Angeles" -> "A Los Angeles judge", "Arab" -> "Arab tribal leaders" (up to two lower-case
    words before the role noun)."""
    at = sentence.find(text)
    named = text[4:] if text.startswith("the ") else text  # "the Harwell" -> "the Harwell brothers"
    if at < 0 or not text[-1:].isalpha() or not named[:1].isupper():
        return text
    end = at + len(text)
    toks = list(_TOKEN.finditer(sentence, end, min(len(sentence), end + 60)))
    lex = pos.lexicon()
    for k, t in enumerate(toks[:3]):
        gap = sentence[(toks[k - 1].end() if k else end) : t.start()]
        w = t.group()
        if gap != " " or not w.isalpha() or not w.islower() or w in STOP_WORDS:
            return text
        if stem(w) in _PERSON_NOUNS:
            return sentence[at : t.end()]
        if pos.tag_word(w, False, lex) in _NOT_BEFORE_ROLE:
            return text  # "Mayor Tereza Novakova told reporters": a verb, not "tribal leaders"
    return text


# Tags of a word that cannot stand between a name and the people it describes.
_NOT_BEFORE_ROLE = frozenset({"VERB", "AUX", "ADV", "ADP", "PRON", "DET", "CCONJ", "SCONJ"})


_WHO_IS_NAMED = re.compile(
    r"^\W*who(?:['’]s|\s+(?:is|was))\s+((?:[A-Za-z][\w'’.-]*\s+){0,3}[A-Za-z][\w'’.-]*)\s*\?*\s*$",
    re.IGNORECASE,
)
# After the name: ", the company's chief executive," / ", 45, a teacher from Brno," / " of the
# group River Watch".
_APPOSITIVE = re.compile(
    r"\A(?:,\s*\d{1,3})?,\s*((?:the|a|an|his|her|their|its|[a-z][\w'’-]*|"
    r"(?:[A-Z][\w&-]*\s+){0,3}[A-Z][\w-]*['’]s)\b"
    r"[^,;:()\"“”]{2,80}?)"
    r"\s*(?:,|\.$|;|\s[-–—]\s)"
)
_OF_GROUP = re.compile(r"\A\s+(of\s+(?:the\s+)?[\w'’-]+(?:\s+[A-Z][\w'’-]*){0,4})")
# Before the name: "The company's chief executive, Jonas Richter" / "Mayor Tereza Novakova".
_ROLE_BEFORE = re.compile(
    r"(?:^|[,;:(][\"”’']?\s*|\b(?:and|said|says|by|with|when|while|after|before|as|that|because|but|"
    r"until|whom|where|including)\s+)"
    r"((?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[A-Za-z][\w'’-]*['’]s)\s+"
    r"(?:[\w'’-]+\s+){0,4}[\w'’-]+),\s*\Z"
)


def asked_who_is(question: str) -> str | None:
    """The person a "who is X?" question names (X), asking what X is; None for other questions,
    and for "who is the mayor?", which asks for a name."""
    m = _WHO_IS_NAMED.match(question)
    if not m:
        return None
    name = m.group(1)
    first = name.split()[0]
    if first.lower() in ("the", "a", "an", "this", "that", "it", "he", "she", "they"):
        return None
    if first.islower() and pos.tag_word(first, False, pos.lexicon()) not in ("NOUN", "PROPN"):
        return None  # "who's leading the investigation?" asks for a person, names none
    if _ROLE_OF_NAMED.match(name):
        return None  # "who was Pike's lawyer?" asks for the lawyer's name
    return name


_ROLE_OF_NAMED = re.compile(r"[A-Z][\w'’-]*['’]s?\s+[a-z]")


def _described(question: str, sentence: str) -> str | None:
    """For "who is X?" where the question names X and the sentence does too: what the sentence
    says X is (an appositive, "of the group River Watch", the role before the name)."""
    name = asked_who_is(question)
    return None if name is None else _described_as(name, sentence)


def _described_as(name: str, sentence: str) -> str | None:
    """What the sentence says the person `name` is (None when it does not name them)."""
    at = sentence.lower().find(name.lower())
    if at < 0:
        # The surname alone ("Lindqvist") when the sentence names the person so.
        last = name.split()[-1]
        found = re.search(rf"\b{re.escape(last)}\b", sentence, re.IGNORECASE)
        if found is None or len(last) < 3:
            return None
        at, name = found.start(), found.group()
    end = at + len(name)
    # Only the words just before the name are looked at: a search anchored at the end of a long
    # run of capitalised words would try every start (quadratic).
    first = re.search(r"(?:\b[A-Z][\w'’-]*\s+)+\Z", sentence[max(0, at - 60) : at])
    if first:
        # "Jonas Richter" for "who is richter?" (not the title: "Mayor Tereza Novakova").
        given = first.group().split()
        while given and stem(given[0].lower()) in _ROLES:
            given.pop(0)
        at -= len(" ".join(given)) + 1 if given else 0
    after = sentence[end:]
    relative = None
    for pattern in (_APPOSITIVE, _OF_GROUP):
        got = pattern.match(after)
        if got and not _starts_with_verb(got.group(1)):
            # (", Aisha Raman, told the court": what she did, not what she is.)
            if _RELATIVE_START.match(got.group(1)):
                # ", whose group voted against the budget,": what the sentence says of them,
                # when it gives no role ("Opposition leader Tom Haskins").
                relative = relative or got.group(1).strip()
                continue
            return got.group(1).strip()
    before = _ROLE_BEFORE.search(sentence[max(0, at - 120) : at])
    if before:
        return before.group(1).strip()
    words = sentence[max(0, at - 60) : at].split()
    title: list[str] = []
    while words and (
        stem(words[-1].lower()) in _ROLES
        or (title and words[-1][:1].isupper())
        or (title and _modifies_role(words[-1]))
    ):
        # "Mayor Tereza Novakova", "Detective Inspector Carla Dunne", "Unite regional officer
        # Gemma Walsh"
        title.insert(0, words.pop())
    return " ".join(title) or relative


def _modifies_role(word: str) -> bool:
    """Whether a lower-case word before a role word is part of it ("regional" of "regional
    officer", "council" of "Community council chairwoman")."""
    return (
        word.isalpha()
        and word.islower()
        and word not in STOP_WORDS
        and word not in _NOT_OF_ROLE
        and pos.tag_word(word, False, pos.lexicon()) in ("ADJ", "NOUN", "PROPN")
    )


# Words a tagger may call nouns that name no part of a role ("said today spokesman ...").
_NOT_OF_ROLE = frozenset(["today", "yesterday", "tonight", "tomorrow", "now", "then", "also"])


_RELATIVE_START = re.compile(r"(?:who|whose|which|whom)\b", re.IGNORECASE)


def _starts_with_verb(phrase: str) -> bool:
    first = phrase.split(maxsplit=1)[0] if phrase.strip() else ""
    return first.islower() and pos.tag_word(first, False, pos.lexicon()) in ("VERB", "AUX")


# "Who was (the) first / last / only / youngest ... to ...?"
_WHO_FIRST = re.compile(
    r"^\W*(?:and\s+)?who\s+(?:was|is|were|are|became|will\s+be|has\s+been)\s+(?:the\s+)?"
    r"(first|last|only|youngest|oldest|second|third)\b",
    re.IGNORECASE,
)


def _first_to(question: str, sentence: str) -> str | None:
    """For "who was the first (last, only ...) to ...?": the name the sentence says it of, the
    one right before "was the first" / "became the first" ("German Jens Voigt was the first to
    make an attempt"), or after "the first was"."""
    asked = _WHO_FIRST.match(question)
    if not asked:
        return None
    word = asked.group(1).lower()
    said = re.compile(
        rf"^,?\s+(?:who\s+)?(?:was|is|were|are|became|becomes|had\s+been|has\s+been|will\s+be)"
        rf"\s+(?:also\s+)?(?:the\s+)?{word}\b",
        re.IGNORECASE,
    )
    found = [
        (sp.text, m.end() + sp.end)
        for sp in spans.names(sentence)
        if sp.kind in ("person", "name") and (m := said.match(sentence[sp.end :]))
    ]
    if len(found) < 2:
        return found[0][0] if found else None
    # Two firsts ("Voigt was the first to make an attempt ..., while Bobridge was the first to
    # fall short"): the one whose next words say what the question asks; the earlier on a tie.
    asked_terms = set(english_terms(question))
    asked_terms |= {a for t in asked_terms for a in synonyms.alike(t)}

    def held(at: int) -> int:
        return len(asked_terms.intersection(english_terms(" ".join(sentence[at:].split()[:6]))))

    return max(found, key=lambda f: (held(f[1]), -f[1]))[0]


def _titled_person(question: str, sentence: str) -> str | None:
    """For "who is/was the X?" where X is a title or role: the capitalised name that follows that
    title in the sentence ("Police Detective Dennis McGowan", "attorney Pierce O'Donnell")."""
    if not _WHO_IS.match(question):
        return None
    words = [stem(w.lower()) for w in _TOKEN.findall(question)[2:]]
    asked = set(words)
    # The role must head the question ("who is Japan's defense minister"), not sit in a clause
    # after it ("who was brought in after the death of Captain Fowke").
    roles = set(words[:5]) & _ROLES
    if not roles:
        return None
    toks = list(_TOKEN.finditer(sentence))
    bare = [stem(t.group().strip(".'’").lower()) for t in toks]
    for k, b in enumerate(bare):
        if b not in roles:
            continue
        j = k + 1
        while j < len(toks) and bare[j] in asked and toks[j].group()[:1].isupper():
            j += 1  # "Defense Minister": the whole title
        start = end = -1
        while (
            j < len(toks)
            and re.fullmatch(r"[A-Z][\w'’-]*\.?", toks[j].group())
            and bare[j] not in asked
            and (start < 0 or sentence[end : toks[j].start()] == " ")
        ):
            start = toks[j].start() if start < 0 else start
            end = toks[j].end()
            if toks[j].group().endswith(".") and len(toks[j].group()) > 2:
                break  # "Inc.", a sentence's end; "L." of "David L. Wolper" goes on
            j += 1
        if start >= 0:
            return sentence[start:end].rstrip(".")
    return None


# "Who found / filmed / runs ...?": the question's verb (not "who is", "who did", "who has").
_WHO_DID = re.compile(
    r"^\W*(?:(?:and|so)\s+)?who\s+(?!(?:is|was|are|were|will|would|did|does|do|has|have|had|"
    r"can|could|should|might|must|may)\b)([a-z]+)\b",
    re.IGNORECASE,
)
# "Who will strike?", "who is striking?": the verb after "will" or its "-ing" form.
_WHO_WILL = re.compile(
    r"^\W*(?:(?:and|so)\s+)?who\s+(?:(?:will|would|is\s+going\s+to)\s+([a-z]+)"
    r"|(?:is|are|was|were)\s+([a-z]+ing))\b",
    re.IGNORECASE,
)
# ", who screen passengers and bags," between a subject and its verb.
_RELATIVE_BETWEEN = re.compile(r",\s+(?:who|which)\s+[^,]{1,80},\s*$")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_CLAUSE_END = re.compile(r"[.;:!?]")


def _asked_verb_at(
    q: _Question, sentence: str, pattern: re.Pattern[str]
) -> Iterator[re.Match[str]]:
    """The sentence's words that are the question's verb ("who found ...?": "found", or one of
    its synonyms, "spotted"), `pattern` reading the verb out of the question."""
    m = pattern.match(q.text) if q.info is not None else None
    if not m:
        return
    verb = stem(next(g for g in m.groups() if g))
    alike = {verb, *synonyms.alike(verb)}
    yield from (w for w in _LOWER_WORD.finditer(sentence) if stem(w.group()) in alike)


def _passive_doer(q: _Question, sentence: str) -> str | None:
    """For "who <verb>ed ...?", the doer a passive of that verb (or one of its synonyms) names
    by what they are: "discovered in the morning by a dog walker" - "a dog walker"."""
    for w in _asked_verb_at(q, sentence, _WHO_DID):
        doer = spans.AGENT.search(sentence, w.end(), w.end() + 60)
        if doer and not _CLAUSE_END.search(sentence, w.end(), doer.start()):
            after = _NEXT_WORD.match(sentence, doer.end())
            if (
                after is None
                or after.group(1).lower() in STOP_WORDS
                or after.group(1).lower().endswith(("ed", "ing"))  # "residents| opposed to"
            ):
                # Whole where it ends: not "the courts of member| states", nor "the original
                # discoverer| Joseph Black" (a name, which the scorer finds).
                return doer.group(1)
        noticed = _NOTICED_WHEN.match(sentence, w.end())
        if noticed and _PASSIVE_VERB.search(sentence, 0, w.start()):
            # "The breach was discovered on 14 March when an engineer noticed ...": the one whose
            # noticing found it.
            return noticed.group(1)
    return None


_WHO_ASKED = re.compile(r"^\W*(?:(?:and|so)\s+)?who\b", re.IGNORECASE)
_PASSIVE_VERB = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:[a-z]+ly\s+)?$")
_NOTICED_WHEN = re.compile(
    r"[^.;:!?]{0,40}?\b(?:when|after)\s+((?:an?|the|one\s+of\s+the|two|three|some)\s+(?:[a-z-]+\s+)"
    r"{0,2}?[a-z-]+)\s+(?:noticed|spotted|saw|heard|smelled|smelt|realised|realized|found|"
    r"discovered|reported|raised)\b"
)


def _done_by(q: _Question, sentence: str) -> bool | None:
    """For "who <verb>ed ...?", whether the sentence's passive of that verb (or a synonym) says
    by whom: True for "was spotted on Tuesday by Linda Cole", False for "has been found safe";
    None when the sentence has no passive of it."""
    passive = None
    for w in _asked_verb_at(q, sentence, _WHO_DID):
        if not _PASSIVE_VERB.search(sentence, 0, w.start()):
            continue
        by = _BY_SOMEONE.search(sentence, w.end(), w.end() + 50)
        if by and not _CLAUSE_END.search(sentence, w.end(), by.start()):
            return True
        passive = False
    return passive


_BY_SOMEONE = re.compile(r"\bby\s+(?:(?:an?|the|his|her|their|two|three)\s+[a-z]|[A-Z][a-z])")


# Between a subject and its verb: "had slipped", "has since raised", "quickly spotted".
_SUBJECT_TAIL = wordset(
    """has have had will would could can may might must should also then later first quickly
    finally just now since never already once soon still"""
)
# "What swims upstream?": the question's own verb, with "what" as its subject.
_WHAT_DID = re.compile(
    r"^\W*(?:(?:and|so)\s+)?what\s+(?!(?:is|was|are|were|will|would|did|does|do|has|have|had|can|"
    r"could|should|might|must|may|kind|sort|type|else|other)\b)([a-z]+)\b",
    re.IGNORECASE,
)
# "What is closing?": the question's verb, "-ing", with "what" as its subject.
_WHAT_IS_DOING = re.compile(
    r"^\W*(?:(?:and|so)\s+)?what(?:(?:['’]s|\s+is|\s+are|\s+was|\s+were)\s+(?=[a-z]+ing\W*$)|"
    r"\s+(?:will|would|could|can|might|may)\s+)([a-z]+)\W*$",
    re.IGNORECASE,
)
_PASSIVE_BEFORE = wordset("was were is are be been being")
_PREPOSITIONS = wordset("from of in at on with for near by to")


def _named_doer(q: _Question, sentence: str) -> str | None:
    """For "who <verb>ed ...?", the name right before that verb with an age or a description
    between commas: "Mensah, 18, set up Hollis" - "Mensah"; "Delgado, a former headteacher
    standing for the Harbour Alliance, won 11,284 votes" - "Delgado"."""
    for w in _asked_verb_at(q, sentence, _WHO_DID):
        named = _NAME_AGED.search(sentence, 0, w.start()) or _NAME_DESCRIBED.search(
            sentence, 0, w.start()
        )
        if named and not {stem(x.lower()) for x in words(named.group(1))} & q.stems:
            return named.group(1)
    return None


# A name, then what it is between commas, right before the verb: "Delgado, a former
# headteacher standing for the Harbour Alliance, | won".
_NAME_DESCRIBED = re.compile(
    r"(?:^|[.;]\s+)([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}),\s+(?:a|an|the|who|whose|now)\s+"
    r"[^,;()]{3,80},\s*$"
)


def _is_clause(text: str) -> bool:
    """Whether a span is a clause with a verb of its own ("a tree fell on his car"): no one's
    name."""
    said = words(text)
    return len(said) >= 3 and (
        "VERB" in pos.tag(said) or any(w.lower() in IRREGULAR for w in said[1:])
    )


def _a_place(sentence: str, text: str) -> bool:
    """Whether the sentence names a place by `text`."""
    return any(sp.kind == "place" and sp.text == text for sp in spans.names(sentence))


# "in Britain", "in the middle of Norbury", "near the town of Hove": a place named where
# something is.
_IN_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|near)\s+(?:the\s+)?(?:(?:"
    + "|".join(sorted(spans.PLACE_PARTS | {"village", "town", "city"}))
    + r")\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)


def _placed(sentence: str, text: str) -> bool:
    """Whether the sentence names a place by `text` right after "in", "at" or "near" (or "in the
    middle of"): where something is, no one who did it."""
    at = sentence.find(text)
    return (
        at > 0
        and _a_place(sentence, text)
        and _IN_PLACE_BEFORE.search(sentence, max(0, at - 40), at) is not None
    )


def _is_date_or_number(text: str) -> bool:
    """Whether a span is a date or a number, whole ("Sunday evening", "6am"): no one's name."""
    return any(d.text == text for d in (*spans.dates(text), *spans.numbers(text)))


def _holds_date(text: str) -> bool:
    """Whether a span holds a date and names no person ("July to 27 July" of "from 24 July to 27
    July"): a time, or a piece of one, no one's name."""
    return bool(spans.dates(text)) and not any(
        n.kind == "person" for n in spans.names(text, first_word_ok=True)
    )


def _after_preposition(subject: str, text: str) -> bool:
    """Whether `text` is in `subject` after a preposition ("Inverness" of "A coastguard helicopter
    from Inverness"): a detail of the subject, not who it is."""
    before = subject[: subject.find(text)].split()
    return bool(before) and before[-1].lower() in _PREPOSITIONS


def _active_doer(q: _Question, sentence: str, pattern: re.Pattern[str] | None = None) -> str | None:
    """For "who <verb>ed ...?", the subject that does that verb (or one of its synonyms) in the
    sentence, when it is a noun phrase and no pronoun: "Her partner raised the alarm" - "Her
    partner"."""
    for w in _asked_verb_at(q, sentence, pattern or _WHO_DID):
        said = list(_WORD_AT.finditer(sentence, 0, w.start()))
        while said and said[-1].group().lower() in _SUBJECT_TAIL:
            said.pop()
        between = _RELATIVE_BETWEEN.search(sentence, 0, said[-1].end() + 1) if said else None
        if between:
            # "About 450 workers, who screen passengers and bags, will strike": the subject is
            # before the clause about it.
            said = list(_WORD_AT.finditer(sentence, 0, between.start()))
        if not said or said[-1].group().lower() in _PASSIVE_BEFORE:
            continue
        if said[-1].group().lower() in ("that", "which", "who") and len(said) > 1:
            # "A red panda that escaped from Hazelbrook Zoo has been found": the one the
            # relative clause is about.
            said.pop()
        before = sentence[: said[-1].end()]
        starts = [b.end() for b in _SUBJECT_START.finditer(before)] or [0]
        subject = before[starts[-1] :].strip()
        kept = words(subject)
        placed = _PLACED_AFTER_HEAD.match(subject) if len(kept) > 6 else None
        if placed:
            # "The Tolworth Road bridge| over the River Hogsmill will close": the thing, without
            # where it is.
            subject = placed.group(1)
            kept = words(subject)
        if not kept or len(kept) > 6 or kept[0].lower() in _PRONOUN_SUBJECT:
            continue
        if pos.tag(kept)[-1] not in ("NOUN", "PROPN") and not _IN_AGE.search(subject):
            continue  # "... they managed| to win", "at least provisionally| approved"
        if {stem(x.lower()) for x in kept if x.lower() not in STOP_WORDS} <= set(q.terms):
            continue
        return subject
    return None


_WORD_AT = re.compile(r"[\w'’-]+")
_PLACED_AFTER_HEAD = re.compile(
    r"((?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+(?:over|across|in|on|at|near|outside|beside)"
    r"\s+(?:the\s+)?(?-i:[A-Z])",
    re.IGNORECASE,
)
_IN_AGE = re.compile(r"\bin\s+(?:his|her|their)\s+(?:early\s+|mid-?|late\s+)?\d0s$")
# A name and the age after it, right before the verb: "Mensah, 18, | set up".
_NAME_AGED = re.compile(r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}),\s+\d{1,3},\s*$")


_AUXILIARY = (
    r"(?:was|were|is|are|has\s+been|have\s+been|had\s+been|will\s+be|would\s+be|can\s+be|"
    r"could\s+be)"
)
# "What was built beside the weir?", "who was arrested?": the question's passive verb.
_WHAT_WAS_DONE = re.compile(
    rf"^\W*(?:(?:and|so)\s+)?(?:what|who)\s+{_AUXILIARY}\s+([a-z]+)\b", re.IGNORECASE
)
# Where a clause's subject starts: the sentence's start, a comma, a semicolon or a joining word.
_SUBJECT_START = re.compile(
    r"(?:^|[,;:](?!\d)\s*|\b(?:and|but|when|after|before|while|as|because|that|which|where)\s+)(?=\S)",
    re.IGNORECASE,
)
_PRONOUN_SUBJECT = frozenset(
    ["it", "they", "he", "she", "this", "that", "these", "those", "we", "i"]
)


def _passive_subject(q: _Question, sentence: str) -> str | None:
    """For "what / who was <done> ...?", the subject of the sentence's "was <done>": "A fish pass
    was built beside the weir" - "A fish pass"; None when it is a pronoun, longer than six words
    or made of the question's own words."""
    m = _WHAT_WAS_DONE.match(q.text) if q.info is not None else None
    if m is None or m.group(1).lower() in STOP_WORDS:
        return None
    done = re.search(
        rf"\b{_AUXILIARY}\s+(?:[a-z]+ly\s+)?{re.escape(m.group(1).lower())}\b", sentence
    )
    if done is None:
        return None
    before = sentence[: done.start()].rstrip().rstrip(",")
    starts = [b.end() for b in _SUBJECT_START.finditer(before)] or [0]
    k = len(starts) - 1
    subject = before[starts[k] :].strip()
    while k > 0 and (not any(c.isalpha() for c in subject) or _AGED.match(subject)):
        # "Luigi Costa, 71, is accused", "Two men, aged 29 and 34, were arrested": past the
        # age, the name before its comma.
        k -= 1
        subject = before[starts[k] :].split(",")[0].strip()
    said = words(subject)
    while len(said) > 6 and " of " in subject:
        # "The personal details| of about 240,000 customers of Fenwick Energy were stolen": the
        # thing, without the "of" phrases that say whose it is (not a lone "part" of "As part of
        # the renovation the floors were restored").
        shorter = subject.rsplit(" of ", 1)[0]
        if len(words(shorter)) < 2:
            break
        subject = shorter
        said = words(subject)
    if not said or len(said) > 6 or said[0].lower() in _PRONOUN_SUBJECT:
        return None
    if {stem(w.lower()) for w in said if w.lower() not in STOP_WORDS} <= set(q.terms):
        return None
    return subject


_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")


_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
_DATE_TAIL = re.compile(r"\s+(?:on|in|at|during|last|this)\s+([^,;]+)$", re.IGNORECASE)


def _without_asked_date(text: str, q: _Question) -> str:
    """The span without a date the question gave ("Castle Vale| on Saturday" for "who did they
    lose to on Saturday?"): the reader knows it already; a person or a place without any date
    after it ("Denton| on Tuesday" for "who do they play next?")."""
    m = _DATE_TAIL.search(text)
    if not m or not m.start():
        return text
    tail = m.group(1)
    if not any(d.text == tail for d in spans.dates(tail)):
        return text
    if q.qtype in (QType.PERSON, QType.PLACE) or (
        q.qtype is QType.THING and _CAPITALISED_RUN.fullmatch(text, 0, m.start())
    ):
        # "who do they play next?" - "Denton", not "Denton on Tuesday"; "which court was it?" -
        # "Nottingham Crown Court", not "... on Friday"
        return text[: m.start()]
    if not all(stem(w) in q.stems for w in words(tail)):
        return text
    return text[: m.start()]


def _said_there(info: span_model.QInfo, sentence: str) -> span_model.QInfo:
    """The question's words for the span scorer, with the sentence's word for one it says
    another way ("who did City lose to?" - "a loss to Crystal Palace"): the answer is found
    beside the words that stand for the question's."""
    have = {stem(w) for w in words(sentence)}
    other = {o for t in info.stems if t not in have for o in synonyms.alike(t) if o in have}
    return dataclasses.replace(info, stems=info.stems | other) if other else info


_INDEFINITE_LEAD = re.compile(r"^(?:An?|One)\s+[a-z]")


def _named_next(idx: _Index, i: int) -> str | None:
    """The person who opens sentence i+1 with their age, when sentence i tells of someone
    without naming a person ("A passenger ...", "An off-duty nurse from Leeds ..."): a news
    lead's who, named in the next sentence."""
    if i + 1 >= idx.n or not _INDEFINITE_LEAD.match(idx.sentences[i]):
        return None
    if any(sp.kind == "person" for sp in spans.names(idx.sentences[i])):
        return None
    nxt = idx.sentences[i + 1]
    first = next(iter(spans.names(nxt, first_word_ok=True)), None)
    if first is None or first.kind != "person" or nxt[: first.start].strip(" '‘\"“") != "":
        return None
    # Introduced with an age, as a story introduces its subject ("Stephen Munden, 54, ..."); a
    # name that opens the next sentence without one is as often a speaker ("Detective Inspector
    # Jane Cole said ...").
    return first.text if _INTRODUCED_AGE.match(nxt, first.end) else None


_INTRODUCED_AGE = re.compile(r",\s+(?:aged\s+)?\d{1,3},|\s?\(\d{1,3}\)")


def _full_name(idx: _Index, i: int, text: str) -> str | None:
    """The fuller name of a person the span names by surname ("Miss Santillan" -> "Vanessa
    Santillan"): a person named with the same last word, nearest before sentence i (else after)."""
    bare = _HONORIFIC.sub("", text)
    if not re.fullmatch(r"[A-Z][\w'’-]+", bare):
        return None
    ends = re.compile(rf"(?:^|\s){re.escape(bare)}$")
    for k in [*range(i, -1, -1), *range(i + 1, idx.n)]:
        if bare not in idx.sentences[k]:
            continue
        for sp in spans.names(idx.sentences[k]):
            if (
                sp.kind == "person"
                and ends.search(sp.text)
                and sp.text != bare
                and not _HONORIFIC.match(sp.text)
            ):
                return sp.text
    return None


W_SAID = 1.5  # a sentence where the asked-about person speaks, for "what did X say"
W_QUOTED = 0.3  # ... in their own quoted words
W_ABOUT = 0.3  # ... times the share of the "about Y" words in the quote, when X speaks often


@dataclass(frozen=True)
class _Speech:
    """A question about speech: "what did X say" (who = X) or "who said ..." (who = None)."""

    who: str | None
    said: list[quotes.Said | None]
    own: frozenset[int] = frozenset()  # the sentences where the asked-about person speaks


def _speech_question(q: _Question, idx: _Index, scores: list[float]) -> _Speech | None:
    """Recognise a question about who said what, and lift the sentences that answer it."""
    if q.info is None:
        return None
    say = quotes.say_question(q.text)
    if say is None and not quotes.who_said_question(q.text):
        return None
    if idx.said is None:
        idx.said = quotes.speeches(idx.sentences)
    said = idx.said
    own = set()
    for i, sp in enumerate(said):
        if sp is None:
            continue
        if say is None:
            if sp.speaker:
                scores[i] += W_SAID / 2
        elif quotes.matches_speaker(say[0], sp.speaker, _with_attribution(idx, i, sp), sp.role):
            # The speaker's own quoted words are what "what did X say" asks for; of several,
            # the one about what the question names.
            about = quotes.about_share(say[1], f"{sp.words} {idx.sentences[i]}") if say[1] else 0
            scores[i] += W_SAID + (W_QUOTED if sp.quoted else 0.0) + W_ABOUT * about
            own.add(i)
    return _Speech(say[0] if say else None, said, frozenset(own))


def _with_attribution(idx: _Index, i: int, sp: quotes.Said) -> str:
    """A quote's sentence and, when another sentence names its speaker, both in order."""
    if sp.attribution is None:
        return idx.sentences[i]
    a, b = sorted((i, sp.attribution))
    return f"{idx.sentences[a]} {idx.sentences[b]}"


def _speech_answer(speech: _Speech | None, idx: _Index, i: int, score: float) -> Answer | None:
    """The quote (and its attribution sentence, when that is another one) or the speaker."""
    if speech is None:
        return None
    sp = speech.said[i]
    if sp is None and speech.who is not None and i + 1 < idx.n:
        # "Reeves, who leads the investigation, said:": the quote is the next sentence.
        nxt = speech.said[i + 1]
        if nxt is not None and nxt.attribution == i and nxt.quoted:
            sentence = _with_attribution(idx, i + 1, nxt)
            return Answer(sentence, nxt.words, round(score, 4), i, nxt.words, 1.0)
    if sp is None:
        return None
    sentence = _with_attribution(idx, i, sp)
    if speech.who is None:
        if not sp.speaker:
            return None
        before = i - 1
        if (
            sp.speaker not in sentence
            and before >= 0
            and idx.para_of[before] == idx.para_of[i]
            and sp.speaker in idx.sentences[before]
        ):
            # '"...," he said.': shown with the sentence before, which names him.
            sentence = f"{idx.sentences[before]} {sentence}"
        return Answer(sentence, sp.speaker, round(score, 4), i, sp.speaker, 1.0)
    if not quotes.matches_speaker(speech.who, sp.speaker, sentence, sp.role):
        if not sp.quoted:
            return None
        if sp.speaker and not speech.own and not quotes.shares_role(speech.who, sp.role):
            # "What did the headteachers say?" where no one the article quotes is one: Dr Price's
            # words are shown as the closest, not as theirs.
            return Answer(sentence, None, round(score, 4), i, sp.words, 0.0)
    return Answer(sentence, sp.words, round(score, 4), i, sp.words, 1.0)


# The words of a list before its last item: "salmon and ", "oak, ash and ".
_LIST_HEAD = re.compile(r"(?:\b([a-z][a-z'’-]+),\s+)*\b([a-z][a-z'’-]+),?\s+(?:and|or)\s+$")


def _list_ending_with(sentence: str, text: str, q: _Question) -> str | None:
    """The whole list when `text` is a single lower-case word ending one of single words
    ("salmon and trout", "oak, ash and beech") none of which the question says ("other than
    surf, what ...?" asks for the rest); else None."""
    at = sentence.find(text)
    if at < 0 or not text.isalpha() or not text.islower():
        return None
    head = _LIST_HEAD.search(sentence, max(0, at - 80), at)
    if head is None or head.end() != at:
        return None
    items = [w for w in re.findall(r"[a-z][a-z'’-]+", head.group()) if w not in ("and", "or")]
    asked = {t[:5] for t in q.stems}
    if any(w in STOP_WORDS or w.endswith("ly") or stem(w)[:5] in asked for w in items):
        return None
    return sentence[head.start() : at + len(text)]


_MORE_ASKED = re.compile(r"\bhow\s+much\s+(?:more|extra|less)\b", re.IGNORECASE)
_SUM_REACHED = re.compile(r"\b(?:to|at|of)\s+$")
_WORDS_BEFORE = re.compile(r"((?:[\w'’-]+\s+){1,3})$")


def _question_verbs(q: _Question) -> set[str]:
    """The stems of the question's verbs (not its auxiliaries)."""
    asked = [w for w in (w.strip("?,.!") for w in q.text.split()) if w]
    return {
        stem(w.lower())
        for w, t in zip(asked, pos.tag(asked), strict=True)
        if t == "VERB" and w.lower() not in STOP_WORDS
    }


_SHARE_ASKED = re.compile(
    r"\b(?:what|which)\s+(?:percentage|proportion|share|fraction)\b|\bhow\s+many\s+per\s*cent\b",
    re.IGNORECASE,
)


def _count_doing(q: _Question, sentence: str) -> str | None:
    """Of two or more shares in the sentence, the one followed, within a few words and no comma,
    by the question's verb: the share of those who did it."""
    found = [sp for sp in _typed_for(q, sentence) if _PERCENT.search(sp.text)]
    verbs = _question_verbs(q) if len(found) > 1 else set()
    if not verbs:
        return None
    doing = []
    for sp in found:
        after = [stem(w.lower()) for w in words(sentence[sp.end : sp.end + 60].split(",")[0])]
        if set(after[:2]) & q.stems - verbs:
            return None  # "61% nationally" for "... nationally?": the question names that one
        if verbs & set(after[:6]):
            doing.append(sp)
    return doing[0].text if len(doing) == 1 else None


def _sum_of_asked(q: _Question, sentence: str) -> str | None:
    """Of two or more sums in the sentence, the one the question asks: after the question's
    verb ("bring in £800,000" for "how much will it bring in?"), or for "how much more?" one
    that is not a total reached ("taking it to £2,020")."""
    sums = [sp for sp in spans.numbers(sentence) if spans.MONEY.search(sp.text)]
    if len(sums) < 2:
        return None
    if _MORE_ASKED.search(q.text):
        added = [sp for sp in sums if not _SUM_REACHED.search(sentence, 0, sp.start)]
        return added[0].text if len(added) == 1 else None
    verbs = _question_verbs(q)
    if not verbs:
        return None
    after_verb = []
    for sp in sums:
        before = _WORDS_BEFORE.search(sentence, 0, sp.start)
        if before and verbs & {stem(w.lower()) for w in before.group(1).split()}:
            after_verb.append(sp)
    return after_verb[0].text if len(after_verb) == 1 else None


_RATING_ASKED = re.compile(
    r"\b(?:what|which)\s+(?:rating|grade|grading|verdict|judgement|judgment)\b|"
    r"\bhow\s+(?:was|is|were|are|has|have)\b.*\b(?:rated|graded|judged)\b",
    re.IGNORECASE,
)
_RATED = re.compile(
    r"\b(?:rated|graded|judged|given\s+an?\s+(?:rating|grade)\s+of)\s+(?:as\s+)?[\"'‘“]?"
    r"((?:very\s+)?[a-z]+(?:\s+(?:good|improvement))?)\b"
)
_PAST_ASKED = re.compile(
    r"\b(?:ago|previously|before|used\s+to|last\s+time|in\s+(?:19|20)\d\d)\b", re.IGNORECASE
)
_PAST_RATING = re.compile(r"\s+(?:[\w-]+\s+){0,3}?(?:ago|previously|before|in\s+(?:19|20)\d\d)\b")


def _rating_given(question: str, sentence: str) -> str | None:
    """For "what rating did it get?", the rating the sentence says it has now: of "rated
    inadequate four years ago, has been judged outstanding", "outstanding"."""
    if not _RATING_ASKED.search(question):
        return None
    rated = [m for m in _RATED.finditer(sentence) if m.group(1) not in STOP_WORDS]
    past = [m.group(1) for m in rated if _PAST_RATING.match(sentence, m.end())]
    if past and _PAST_ASKED.search(question):
        return past[0]  # "How was it rated four years ago?" - "inadequate"
    now = [m.group(1) for m in rated if not _PAST_RATING.match(sentence, m.end())]
    return now[-1] if now else None


# A question that asks one side of a vote's tally (_VOTES: "by 31 votes to 22").
_VOTE_SIDE = re.compile(
    r"\bvot\w*\s+(?:(against|no)|(for|in\s+favou?r|yes))\b|\b(opposed|against)\b|"
    r"\b(supported|backed|approved|in\s+favou?r)\b",
    re.IGNORECASE,
)


def _vote_count(question: str, sentence: str) -> str | None:
    """For "how many voted for / against?", that side's count of the sentence's tally."""
    tally = _VOTES.search(sentence)
    side = _VOTE_SIDE.search(question) if tally else None
    if tally is None or side is None:
        return None
    return tally.group(2) if side.group(1) or side.group(3) else tally.group(1)


_CLAUSE_OPENS = re.compile(r",?\s+(?:unless|if|because|while|although|though|but|so|once)\b")


def _off_type(q: _Question, sentence: str, start: int, text: str, rule: str) -> bool:
    if q.qtype is QType.NUMBER:
        if _HOW_OFTEN.fullmatch(rule) and (
            not _HOW_OFTEN.search(text)
            or (text.startswith(rule + " ") and _HOW_MANY.search(q.text) is not None)
        ):
            # "under the riverbank" for "how many times", "twice in the second half" for "how
            # many goals": the rules' "twice"
            return True
        if not any(c.isdigit() for c in rule):
            return False
        if q.money and spans.MONEY.search(rule) and not spans.MONEY.search(text):
            return True  # "1.4-mile" for "how much did it cost": the sum the rules found
        return not any(c.isdigit() for c in text[:12]) or len(text.split()) > len(rule.split()) + 2
    if q.qtype is QType.DATE:
        # Read in the sentence: a bare "May" is a date only after "in", "since" ...
        said = {d.text for d in spans.dates(sentence)}
        head = text[: -len(rule)].split() if text.endswith(" " + rule) else []
        if head and all(w[:1].isupper() for w in head) and rule in said:
            return True  # "Scotland this month" for "when": the date, not the place before it
        if text.startswith(rule) and _CLAUSE_OPENS.match(text, len(rule)) and rule in said:
            return True  # "September unless volunteers": the date, not the condition after it
        if text.startswith(rule) and len(text.split()) > len(rule.split()) + 2:
            # "Monday left them a point behind": the date and the clause after it, which holds
            # no other date (unlike "1939 to the end of 1945").
            return not spans.dates(text[len(rule) :]) and rule in said
        return not (text in said or spans.dates(text)) and (rule in said or bool(spans.dates(rule)))
    if q.qtype is QType.PLACE:
        # "about 40 houses" for "where": a quantity (digits, no name) is not a place.
        quantity = any(c.isdigit() for c in text) and not any(c.isupper() for c in text)
        # "Thursday" of "on Thursday, April 23" for "where": a date is not a place.
        dated = any(d.start <= start < d.end for d in spans.dates(sentence))
        # "Shetland was held in port" for "where does the ferry go?": a clause that opens on the
        # rules' place is more than the place.
        clause = text.startswith(rule + " ") and _is_clause(text)
        return spans.distance_phrase_end(sentence, start) or quantity or dated or clause
    return False


_TRAILING = re.compile(
    r"(?<=\S)(?:\s+(?:the|a|an|of|for|and|or|to|in|on|at|by|with|from|as|that|which|when|while|"
    r"where|who|whom|whose|because|but|if|than|after|before|since|until|into|onto|upon|during|"
    r"through|about|nor))+$"
)


_UNIT_ABBREVIATIONS = frozenset(["m", "km", "cm", "mm", "ft", "mi", "kg", "g", "lb", "lbs", "mph"])


_AND_DEED = re.compile(r"\s+and\s+(?:later\s+|then\s+)?([a-z]+ed)\b")


def without_trailing(span: str) -> str:
    """A short answer never ends on an article, a preposition or a conjunction ("2012 the" is
    "2012", "Midsummer's Night for a" is "Midsummer's Night", "Tuesday after a" is "Tuesday"),
    nor on a verb or adverb after a number ("1967 made" is "1967"), nor on the time after a sum
    ("2 million euros last year")."""
    span = _TRAILING.sub("", span) or span
    words = span.split()
    tags = pos.tag(words[-2:])
    if (
        len(tags) == 2
        and tags[0] == "NUM"
        and tags[1] in _NOT_UNITS
        and words[-1].lower() not in _UNIT_ABBREVIATIONS  # "1,986 m" is a height, "m" no verb
        and not any(d.text == span for d in spans.dates(span))  # "12 May": "May" is no verb
    ):
        # "1967 made", "1974 largely": a number and the verb or adverb after it.
        span = span[: span.rfind(words[-1])].rstrip()
    dated = spans.dates(span)
    if (span[:1].isdigit() or span[:1] in spans.CURRENCY) and not (
        dated and dated[0].start == 0 and dated[0].end == len(span)
    ):
        # "2 million euros last year": the sum is the answer, not the time after it; "5 p.m.
        # on Friday" is one time.
        span = _TIME_AFTER.sub("", span) or span
        dated = spans.dates(span)
    if dated and dated[0].start == 0 and _SPELL_AFTER_DATE.match(span, dated[0].end):
        # "June after 112 years": the date is the answer, not how long before it.
        span = span[: dated[0].end]
    # "the 2019" of "after the 2019 floods", "a £25" of "a £25 coat": the number is the answer.
    span = _ARTICLE_BEFORE_NUMBER.sub("", span) or span
    deed = _AND_DEED.search(span)
    if deed and deed.start() > 0:
        # "suspicion of arson | and released on bail": a thing, not the next thing done.
        before, verb = span[: deed.start()].split()[-1], deed.group(1)
        if pos.tag([before, "and", verb])[::2] == ["NOUN", "VERB"]:
            span = span[: deed.start()]
    # "near Hook, Hampshire." at the sentence's end: the name, not the full stop after it (a
    # stop that belongs to the name stays: "U.S.", "Acme Inc.").
    last = _NAME_STOP.search(span)
    if last and last.group(1).lower() not in _STOP_ABBREVIATIONS:
        span = span[:-1]
    return span


_NAME_STOP = re.compile(r"(?:^|\s)([A-Z][a-z'’-]{2,})\.$")
_STOP_ABBREVIATIONS = frozenset(
    ("inc", "ltd", "corp", "bros", "jr", "sr", "snr", "jnr", "esq", "co", "etc", "col", "gen", "gov",
     "sgt", "capt", "rev", "mt", "ave", "blvd", "dept", "univ", "assn", "messrs")
)  # fmt: skip


_SPELL_AFTER_DATE = re.compile(
    r"\s+(?:after|for)\s+(?:(?:about|nearly|almost|over|more\s+than)\s+)?\d[\d,]*\s+"
    r"(?:years?|months?|weeks?|days?|decades?|centuries)\b",
    re.IGNORECASE,
)


_TIME_AFTER = re.compile(
    r"(?<=\w)\s+(?:(?:last|this|next)\s+(?:year|week|month|season|weekend|night)|yesterday|today"
    r"|tonight|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))$",
    re.IGNORECASE,
)


_ARTICLE_BEFORE_NUMBER = re.compile(
    r"^(?:the|a|an)\s+(?=[£$€]?(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|twenty|thirty|forty|fifty|hundred)(?:-[a-z]+)?$)",
    re.IGNORECASE,
)


_NOT_UNITS = frozenset(["VERB", "ADV", "AUX"])


_PLACE_OF = re.compile(
    r"^(?:University|College|School|Hospital|Museum|Church|Cathedral|Palace|Castle|Port|Bay|"
    r"Gulf|Isle|Lake|Mount|Cape|Republic|Kingdom|Province|County|City|Bank|Institute)\s+of\s"
)


def _whole(sentence: str, start: int, end: int, q: _Question) -> str:
    """The span grown to the whole name or number it is part of: "Ana Ruiz" -> "Maj. Gen. Ana
    Ruiz", "£330" -> "£330million", "82" -> "82 hours" (less a unit the question names), "ten
    hours" -> "between eight and ten hours"."""
    text = _whole_part(sentence, start, end, q)
    at = sentence.find(text, start) if text[:1].isdigit() or text[:1] in spans.CURRENCY else -1
    if at < 0 and (n := _NUMBER_START.match(text)):
        at = sentence.find(text, start) if n.group(1).lower() in _NUMBER_WORDS else -1
    between = _BETWEEN_BEFORE.search(sentence, max(0, at - 40), at) if at >= 0 else None
    return sentence[between.start() : at + len(text)] if between else text


# "between eight and | ten hours", "between £20 and | £30"
_BETWEEN_BEFORE = re.compile(
    r"\bbetween\s+(?:[£$€]?\d[\d,.]*(?:\s?(?:million|billion|m|bn|%))?|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)\s+and\s+$",
    re.IGNORECASE,
)
_NUMBER_START = re.compile(r"([a-z]+)\b", re.IGNORECASE)
_NUMBER_WORDS = wordset(
    """one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty
    fifty sixty seventy eighty ninety hundred"""
)


def _whole_part(sentence: str, start: int, end: int, q: _Question) -> str:
    for sp in spans.names(sentence):
        inside = sp.start <= start and end <= sp.end and (sp.start, sp.end) != (start, end)
        if inside and (
            sp.kind == "person" or (q.qtype is QType.PLACE and _PLACE_OF.match(sp.text))
        ):
            # "Birmingham" of "the University of Birmingham" for "where did he study?"
            return sp.text
    for sp in spans.numbers(sentence):
        if sp.start <= start < sp.end and end <= sp.end and (sp.start, sp.end) != (start, end):
            return _trim_number(sp.text, q)
        if sp.start < start < sp.end < end and sentence[sp.start : start].strip() in spans.CURRENCY:
            # "25 coat" of "£25 coat": the sum with its currency sign, and no more ("£25").
            return sp.text
    if _AT_LEAST.match(sentence, start) and sentence[:start].lower().endswith("at "):
        # "least Wednesday" of "until at least Wednesday": "at least Wednesday".
        return sentence[start - 3 : end]
    return sentence[start:end]


_AT_LEAST = re.compile(r"(?:least|most)\s", re.IGNORECASE)


def rank(
    question: str, article: Article, *, limit: int = 3, context: Context | None = None
) -> list[Answer]:
    """The best `limit` sentences for a question, best first (empty for an empty question)."""
    asked = question
    if context is not None and question:
        question = followup.resolve(question, context)
    return [a for a, _ in _rank(question, article, limit, asked=asked)[0]]


@dataclass
class _Scored:
    """A question scored against every sentence of an article, before the learned re-ranking."""

    q: _Question
    idx: _Index
    scores: list[float]
    cover: list[float]
    type_found: dict[int, bool]
    speech: _Speech | None
    order: list[int]  # by the hand-mixed score, best first


_SPELT = re.compile(r"[A-Za-z][a-z]{4,}")
_TYPO_RATIO = 85.0  # rapidfuzz ratio: "coruption" ~ "corruption" 94.7, "Austria" ~ "Australia" 87.5
_TYPO_RATIO_NAME = 90.0


def _spelled_as_article(question: str, idx: _Index) -> str:
    """The question with its misspelt words ("coruption", "betwen") written as the article writes
    them. A word is taken for a typo only when the article lacks it, it is no English word the
    bot knows (a real word the article lacks may be why the article does not say), and one of the
    article's words is spelt almost the same, with the same first letter and not by an affix
    ("uninterrupted" stays)."""
    if idx.spellings is None:
        idx.spellings = sorted(set(_SPELT.findall(idx.text)))
    spellings = idx.spellings
    known = pos.lexicon()
    present = set(spellings)

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        if low in present or low in known or low in STOP_WORDS or stem(low) in idx.vocabulary:
            return word
        cutoff = _TYPO_RATIO_NAME if word[0].isupper() and m.start() else _TYPO_RATIO
        got = process.extractOne(low, spellings, scorer=fuzz.ratio, score_cutoff=cutoff)
        if got is None:
            return word
        found = got[0]
        if found[0] != low[0] or found in low or low in found:
            return word
        return found.capitalize() if word[0].isupper() else found

    return _SPELT.sub(fix, _run_together(question, idx))


_LETTERS = re.compile(r"[^\W\d_]+")
# Letters NFKD does not take apart.
_PLAIN = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "ß": "ss",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "þ": "th",
    }
)


def unaccented(word: str) -> str:
    """The word without its accents: "Yûki" -> "Yuki", "Skłodowska" -> "Sklodowska"."""
    plain = unicodedata.normalize("NFKD", word.translate(_PLAIN))
    return "".join(ch for ch in plain if not unicodedata.combining(ch))


def _accents_as_article(question: str, idx: _Index) -> str:
    """The question with a word typed without its accents ("Yuki Aoyama", "Sklodowska") written
    as the article writes it ("Yûki", "Skłodowska"), when the article has no such plain word."""
    if idx.accented is None:
        written = set(_LETTERS.findall(" ".join(idx.sentences)))
        plain_words = {w.lower() for w in written if w.isascii()}
        found: dict[str, str] = {}
        for w in sorted(written):
            if not w.isascii():
                plain = unaccented(w)
                if plain.isascii() and plain.lower() not in plain_words:
                    found.setdefault(plain.lower(), w)
        idx.accented = found
    accented = idx.accented
    if not accented:
        return question

    def respell(m: re.Match[str]) -> str:
        word = m.group()
        got = accented.get(word.lower()) if word.isascii() else None
        if got is None:
            return word
        return got[0].upper() + got[1:] if word[0].isupper() else got

    return _LETTERS.sub(respell, question)


_LONG_WORD = re.compile(r"\b[A-Za-z]{7,}\b")
_ARTICLE_WORD = re.compile(r"[a-z]{3,}")


def _run_together(question: str, idx: _Index) -> str:
    """Two of the article's words typed without the space between them ("UserDatagram",
    "trafficlights") written apart, when the article lacks the joined word."""
    if idx.words is None:
        idx.words = frozenset(_ARTICLE_WORD.findall(idx.text))
    known = idx.words
    lexicon = pos.lexicon()

    def split(m: re.Match[str]) -> str:
        word = m.group()
        low = word.lower()
        if low in known or stem(low) in idx.vocabulary or low in lexicon:
            return word  # "understand" is no "under stand"
        for k in range(3, len(low) - 2):
            if low[:k] in known and low[k:] in known:
                return f"{word[:k]} {word[k:]}"
        return word

    return _joined_as_article(_LONG_WORD.sub(split, question), known, idx.text)


_WORD_IN_PAIR = re.compile(r"[A-Za-z]{3,}")


def _joined_as_article(question: str, known: frozenset[str], text: str) -> str:
    """Two words typed apart that the article writes as one ("Tik Tok", "Apple Talk"), joined
    as the article writes them, when the article never has them apart."""
    found = list(_WORD_IN_PAIR.finditer(question))
    out: list[str] = []
    last = k = 0
    while k < len(found) - 1:
        a, b = found[k], found[k + 1]
        joined = (a.group() + b.group()).lower()
        if (
            question[a.end() : b.start()] == " "
            and joined in known
            and f"{a.group()} {b.group()}".lower() not in text
        ):
            out += [question[last : a.start()], a.group() + b.group()]
            last = b.end()
            k += 2
        else:
            k += 1
    return "".join(out) + question[last:]


_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_CONNECTORS = r"(?:\s+(?:of|and|for|the|on|in|de|&)){0,2}"


def _acronyms_as_article(question: str, idx: _Index) -> str:
    """The question with an acronym the article never uses ("AAA") written as the article names it
    ("American Automobile Association"): the capitalised words whose initials spell it."""

    def expand(m: re.Match[str]) -> str:
        short = m.group()
        if stem(short.lower()) in idx.vocabulary:
            return short
        letters = [rf"{c}[\w'’-]*" for c in short]
        pattern = re.compile(r"\b" + (_CONNECTORS + r"\s+").join(letters) + r"\b")
        for sentence in idx.sentences:
            found = pattern.search(sentence)
            if found:
                return found.group()
        return short

    def spell(m: re.Match[str]) -> str:
        short = m.group().lower().rstrip("s")
        if re.search(rf"\b{short}s?\b", idx.text, re.IGNORECASE):
            return m.group()  # the article says "CEO" too
        for long in _TITLES_SPELLED[short]:
            if long in idx.text:  # the article's text, lower-cased once in its index
                return long
        return m.group()

    return _TITLE_SHORT.sub(spell, _ACRONYM.sub(expand, question))


# Titles readers type short ("who is the ceo?") that articles write out ("chief executive").
_TITLES_SPELLED = {
    "ceo": ("chief executive officer", "chief executive"),
    "cfo": ("chief financial officer",),
    "coo": ("chief operating officer",),
    "cto": ("chief technology officer",),
    "pm": ("prime minister",),
    "mp": ("member of parliament",),
    "gm": ("general manager",),
}
_TITLE_SHORT = re.compile(r"(?<!\d)(?<!\d\s)\b(?:ceo|cfo|coo|cto|pm|mp|gm)s?\b", re.IGNORECASE)


# Words of a chat that articles put formally ("how many kids?" of an article about children),
# each with the article's words for it, the likelier first.
_CHAT_WORDS: dict[str, tuple[str, ...]] = {
    "kid": ("children", "child"),
    "kids": ("children", "child"),
    "uni": ("university",),
    "mum": ("mother",),
    "mom": ("mother",),
    "dad": ("father",),
    "cop": ("police officer", "officer", "police"),
    "cops": ("police", "officers"),
    "pic": ("picture", "photo", "image"),
    "pics": ("pictures", "photos", "images"),
    "cab": ("taxi",),
    "cabbie": ("taxi driver", "driver"),
    "guy": ("man",),
    "bloke": ("man",),
    "cash": ("money",),
    "hubby": ("husband",),
    "telly": ("television",),
    "tv": ("television",),
    "doc": ("doctor",),
    "docs": ("doctors",),
    "bucks": ("dollars",),
    "quid": ("pounds",),
    "govt": ("government",),
    "gov": ("government",),
    "jail": ("prison",),
}
_CHAT_WORD = re.compile(r"\b(?:" + "|".join(_CHAT_WORDS) + r")\b", re.IGNORECASE)


def _chat_words_as_article(question: str, idx: _Index) -> str:
    """The question with a chat word the article never uses ("kids", "uni", "cops") written as
    the article does ("children", "university", "police")."""

    def formal(m: re.Match[str]) -> str:
        word = m.group()
        if stem(word) in idx.vocabulary:
            return word  # the article says "kids" too
        for said in _CHAT_WORDS[word.lower()]:
            if re.search(rf"\b{said}\b", idx.text):  # the article's text, lower-cased once
                return said
        return word

    return _CHAT_WORD.sub(formal, question)


def _alike_terms(q: _Question, idx: _Index) -> _Question:
    """The question's terms, a word the article never uses read as the article's word for it
    ("worth" as "fortune", "pictures" as "photos"; bot.synonyms)."""
    terms: list[str] = []
    for t in q.terms:
        said = [] if t in idx.vocabulary else [s for s in synonyms.alike(t) if s in idx.vocabulary]
        terms.extend(s for s in (said or [t]) if s not in terms)
    return q if terms == q.terms else dataclasses.replace(q, terms=terms)


# Phrasal verbs of a chat ("who put out the recording?") and the single verbs articles use for
# them ("first posted by ..."), the likelier first: each verb's forms, its particle, the article's
# words. Read so only where the article never uses the phrase.
_PHRASAL: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("put|puts|putting", "out", ("posted", "published", "released", "issued", "extinguished")),
    ("come|comes|came|coming", "out", ("published", "released")),
    ("set|sets|setting", "up", ("founded", "established", "created")),
    ("turn|turns|turned|turning", "down", ("rejected", "refused", "declined")),
    ("pass|passes|passed|passing", "away", ("died",)),
    ("find|finds|found|finding", "out", ("discovered", "learned", "learnt")),
    ("step|steps|stepped|stepping", "down", ("resigned", "quit")),
    ("call|calls|called|calling", "off", ("cancelled", "canceled", "postponed")),
    ("take|takes|took|taken|taking", "off", ("launched", "departed")),
    ("run|runs|ran|running", "away", ("fled", "escaped")),
    ("lock|locks|locked|locking", "up", ("jailed", "imprisoned")),
)
_PHRASAL_RE = tuple(
    (re.compile(rf"\b(?:{verbs})\s+{particle}\b", re.IGNORECASE), said)
    for verbs, particle, said in _PHRASAL
)


def _phrasal_as_article(question: str, idx: _Index) -> str:
    """The question with a phrasal verb the article never uses ("put out the audio") written as
    the single verb the article does use ("posted"): of several, the one whose sentences hold
    most of the question's other words ("put out the fire" is "extinguished", not "posted")."""
    for phrase, said in _PHRASAL_RE:
        if not phrase.search(question) or phrase.search(idx.text):
            continue
        rest = set(english_terms(phrase.sub(" ", question)))
        best, best_held = None, -1
        for w in said:
            verb = re.compile(rf"\b{w}\b")
            if not verb.search(idx.text):
                continue
            held = max(
                (
                    len(rest & idx.tf[i].keys())
                    for i, low in enumerate(idx.lowered)
                    if verb.search(low)
                ),
                default=0,
            )
            if held > best_held:
                best, best_held = w, held
        if best is not None:
            question = phrase.sub(best, question)
    return question


def _as_article_writes(question: str, idx: _Index) -> str:
    """The question with its words as the article writes them: accents, spellings, acronyms,
    titles and chat words."""
    # Cut first: the respelling looks at every word (a 50,000-letter "word" took 0.3 s).
    cut = question[: 2 * MAX_QUESTION_CHARS]
    return _phrasal_as_article(
        _chat_words_as_article(
            _acronyms_as_article(_spelled_as_article(_accents_as_article(cut, idx), idx), idx),
            idx,
        ),
        idx,
    )


def _score_all(
    question: str, article: Article, limit: int = 1, *, asked: str | None = None
) -> _Scored | None:
    """Every sentence's score for `question`; `asked` is the question as the reader typed it, when
    a follow-up's reading filled in a pronoun or an elision."""
    if not article.paragraphs:
        return None
    idx = _index(article)
    if idx.language == "en":
        typed = question or ""
        question = _as_article_writes(typed, idx)
        if asked is not None:
            # The reader's own words, respelt alike: what the respelling added ("children" for
            # "kids") is no follow-up's filling-in. Most questions are no follow-up: the same.
            asked = question if asked == typed else _as_article_writes(asked, idx)
    asked_in = _question_language(question or "", idx.language)
    q = _parse_question(question or "", idx.language, asked_in)
    if q is None:
        return None
    if asked is not None and asked != question:
        added = frozenset(q.terms) - frozenset(profile(asked_in).terms(asked))
        if added and len(added) < len(q.terms):
            # A pair of the added words ("Marta Vinter") is no more the question's than each word.
            pairs = {p for p in q.bigrams if not (p[0] in added and p[1] in added)}
            q = dataclasses.replace(q, soft=added, bigrams=pairs)
    if q.info is not None:
        # After the follow-up's filling-in: the article's word for a reader's word is the
        # reader's, and weighs as much.
        q = _alike_terms(q, idx)
    scores, cover = _scores(q, idx)
    if idx.language != "en":
        other_language.add_char_overlap(scores, q.text, idx.sentences, idx.language)
    type_found: dict[int, bool] = {}
    if q.info is not None and _AGE_QUESTION.search(q.text):
        # "How old is she?": the few sentences that give an age ("the 69-year-old", "Ruiz, 33,")
        # are the candidates, named in them or not.
        aged = _age_pattern(q)
        for i, low in enumerate(idx.lowered):
            type_found[i] = bool(aged.search(low))
            if type_found[i]:
                # "The 29-year-old ..." refers back to the person of the sentence before.
                before = cover[i - 1] if i and idx.para_of[i - 1] == idx.para_of[i] else 0.0
                scores[i] += 2 * W_TYPE + max(0.0, before - cover[i])
                if _age_of_asked(q, idx.sentences[i]):
                    scores[i] += W_TYPE  # "Graham Tulley, 58," for "how old is Tulley?"
    elif q.qtype is not QType.THING:
        # The type check is the costly part; only the leading sentences can be overtaken.
        top = sorted(range(idx.n), key=scores.__getitem__, reverse=True)[: max(limit, 8)]
        for i in top:
            bonus = _type_bonus(q, idx.sentences[i])
            type_found[i] = bonus > 0
            scores[i] += bonus
    if q.info is not None and reasons.kind(q.text) == "why":
        # "Why ...?": of the leading sentences, those with a reason connective.
        top = sorted(range(idx.n), key=scores.__getitem__, reverse=True)[: max(limit, 8)]
        for i in top:
            if reasons.gives_reason(idx.sentences[i]):
                scores[i] += W_REASON
    defines = _defining(q, idx)
    if defines:
        # "What is X?": the sentence that says "X is ..." / "X, a ..." defines it.
        q = dataclasses.replace(q, defines=defines)
        lift = W_DEFINITION if idx.language == "en" else other_language.W_DEFINITION
        for i in defines:
            scores[i] += lift
    kind = _named_kind(q)
    if kind:
        # "Which court was it?": the sentence naming one ("Castleford Crown Court heard").
        top = sorted(range(idx.n), key=scores.__getitem__, reverse=True)[: max(limit, 8)]
        for i in top:
            if _kind_name(idx.sentences[i], kind):
                scores[i] += W_TYPE
    other = _OTHER_NAME.search(q.text) if q.language == "en" else None
    if other:
        # "What is another term for rotors?": the sentence giving "rotors (rotating discs)" or
        # "rotors, also called ...".
        named = re.escape(other.group(1).lower())
        gives = re.compile(rf"\b{named}\s*(?:\(|,\s*(?:also\s+)?(?:known\s+as|called)\b|,\s*or\b)")
        for i in range(idx.n):
            if gives.search(idx.lowered[i]):
                scores[i] += W_OTHER_NAME
    speech = _speech_question(q, idx, scores)
    if q.info is None:
        other_language.lift_reasons(scores, q.text, idx.sentences, idx.language)
        speaks = other_language.speaking(q.text, idx.sentences, idx.para_of, idx.language)
        if speaks:
            q = dataclasses.replace(q, speaks=frozenset(speaks))
            other_language.lift_speech(scores, speaks, idx.sentences)
    order = sorted(range(idx.n), key=lambda i: (-scores[i], i))
    return _Scored(q, idx, scores, cover, type_found, speech, order)


def _definition_of(q: _Question, language: str) -> re.Pattern[str] | None:
    """For "What is X?" about an article in `language`, a pattern for the (lowered) sentences
    that say "X is ..." / "X, a ..." and so define it; None for other questions."""
    if language != "en":
        return other_language.definition(q.text, language)
    subject = _DEFINITION.match(q.text)
    if not subject:
        return None
    head = re.escape(subject.group(1).lower().rstrip("?. "))
    return re.compile(
        rf"\b{head}\s*(?:\([^)]*\)\s*)?(?:,\s*(?:a|an|the)\b|is\b|are\b|was\b|were\b)"
    )


def _defining(q: _Question, idx: _Index) -> frozenset[int]:
    """For "What is X?" / "Who is X?", the sentences that say what X is: "X is ...", "X, a ...",
    and for a person "a new clerk, Sophie Dunn," or "Graham Tulley, 58, of Mill Lane"."""
    pattern = _definition_of(q, idx.language)
    person = asked_who_is(q.text) if idx.language == "en" else None
    if pattern is None and person is None:
        return frozenset()
    return frozenset(
        i
        for i in range(idx.n)
        if (pattern is not None and pattern.search(idx.lowered[i]))
        or (person is not None and _described_as(person, idx.sentences[i]) is not None)
    )


def _sentence_says(
    says: Callable[[_Question, str], str | None], q: _Question, idx: _Index, i: int
) -> bool:
    return bool(says(q, idx.sentences[i]))


def _to_front(ranked: list[int], says: Callable[[int], bool], within: int = 8) -> list[int]:
    """`ranked` with the first of its leading `within` sentences that `says` put first."""
    first = next((i for i in ranked[:within] if says(i)), None)
    return ranked if first is None else [first, *(i for i in ranked if i != first)]


_CAUSE_ASKED = re.compile(r"^\W*(?:and\s+|so\s+)?(?:what|which)\b.*\bcaus(?:e|ed|es)\b", re.I)


def _rank(
    question: str, article: Article, limit: int, *, asked: str | None = None
) -> tuple[list[tuple[Answer, float]], list[float] | None]:
    """The best sentences with their question cover, and the refusal features of the first
    (None for other languages: the refusal model was trained on English)."""
    try:
        got = _score_all(question, article, limit, asked=asked)
        if got is None:
            return [], None
        q, idx, scores, cover, type_found, speech = (
            got.q,
            got.idx,
            got.scores,
            got.cover,
            got.type_found,
            got.speech,
        )
        typed = q.qtype is not QType.THING
        ranked, rank_prob, rank_margin = _rerank(q, idx, scores, cover, type_found, got.order)
        if q.info is not None and _AGE_QUESTION.search(q.text):
            # "How old is Tulley?": the sentence that gives Tulley's own age ("Graham Tulley, 58,"),
            # not one that names him beside someone else's ("His lawyer, Owen Pryce, 44, ...").
            own = next((i for i in ranked[:8] if _age_of_asked(q, idx.sentences[i])), None)
            if own is not None:
                ranked = [own, *(i for i in ranked if i != own)]
            else:
                # "How old were the children?": a leading sentence that gives an age ("pupils
                # aged nine to 12"), not one that only names the children.
                aged = _age_pattern(q)
                ranked = _to_front(ranked, lambda i: bool(aged.search(idx.sentences[i])), 3)
        if ranked and _FUTURE_ASKED.search(q.text):
            # ... when it holds every word of the question the first one holds ("which depots
            # will strike?" is not answered by "drivers ... will strike", which lacks the depots).
            held = {t for t in q.terms if t in idx.tf[ranked[0]]}
            ranked = _to_front(
                ranked,
                lambda i: held.issubset(idx.tf[i]) and _future_of_asked(q, idx.sentences[i]),
                3,
            )
        if q.info is not None and _CAUSE_ASKED.search(q.text):
            # "What caused the derailment?": a leading sentence that names a cause ("a broken rail
            # was the most likely cause"), not the one that tells the derailment.
            ranked = _to_front(ranked, lambda i: bool(reasons.named_cause(idx.sentences[i])), 3)
        if _SCORE_ASKED.search(q.text):
            # "What was the score?": a sentence that gives one ("beat Kelsey Town 3-2"), not
            # one that says "scored".
            ranked = _to_front(ranked, lambda i: bool(_SCORE.search(idx.sentences[i])))
        # "What did she do before?": the sentence that gives her former job. "What did the study
        # find?": the one that says what it found, not where "the findings were published".
        # "What is the supplier called?": the one that names it ("The supplier, Northgate
        # Energy, said"), not one that only says "the energy supplier". "Where does Pettifer
        # live?": the one that gives his home after his name ("of Ashby Road, Loughborough"),
        # not one where "lives" means a life.
        if (
            q.info is not None
            and q.qtype is QType.PERSON
            and ranked
            and _done_by(q, idx.sentences[ranked[0]]) is False
        ):
            # "Who found it?": a leading sentence that says by whom ("She was spotted on Tuesday
            # by Linda Cole"), not the lead's "has been found safe", which names no finder.
            ranked = _to_front(ranked, lambda i: bool(_done_by(q, idx.sentences[i])), 3)
        if q.info is not None and _PRONOUN_ASKED.match(asked or question):
            # "When did she die?" (read as "when did Whitlam die?"): the one where "she died",
            # not "Her husband, the painter John Whitlam, died in 2011".
            ranked = _to_front(
                ranked,
                lambda i: (
                    type_found.get(i, not typed)
                    and _pronoun_does(asked or question, idx.sentences[i])
                ),
                3,
            )
        # "What is Puddle Lane about?": the one that says what it is about.
        for says in (
            _former_job,
            _finding_of,
            _name_of_asked,
            _home_of_asked,
            _apposed_to_asked,
            _about_of_asked,
        ):
            ranked = _to_front(ranked, functools.partial(_sentence_says, says, q, idx))
        if speech is not None and speech.own and ranked and speech.said[ranked[0]] is None:
            # "What did Yûki Aoyama say?": of the leading sentences, one where she speaks ("Aoyama
            # said ..."), not one where no one speaks that names her in full.
            mine = [i for i in ranked[:8] if i in speech.own]
            if mine:
                first = max(mine, key=scores.__getitem__)
                ranked = [first, *(i for i in ranked if i != first)]
        if q.info is None:
            ranked = other_language.asked_first(
                ranked, q.text, idx.sentences, q.speaks, idx.language
            )
        order = ranked[: max(limit, 1)]
        # Whether the article says at all is judged on the best cover of the two orders: the
        # threshold was calibrated on the hand-mixed one.
        first_cover = max(cover[order[0]], cover[got.order[0]])
        if first_cover < THRESHOLD and q.info is not None:
            first_cover = max(first_cover, _cover_answering_kind(q, idx, order[0], cover))
        answers = [
            (
                _speech_answer(speech, idx, i, scores[i]) or _answer_at(q, idx, i, scores[i]),
                first_cover if k == 0 else cover[i],
            )
            for k, i in enumerate(order[: max(limit, 0)])
        ]
        if not answers or q.info is None:
            return answers, None
        best = order[0]
        second = max((scores[i] for i in range(idx.n) if i != best), default=0.0)
        near = _near(idx, best)
        ev = refusal.Evidence(
            cover=cover[best],
            cover_sentence=_share(q, idx, range(best, best + 1)),
            score=scores[best],
            gap=scores[best] - second,
            span_prob=answers[0][0].confidence,
            far_share=1.0 - _share(q, idx, range(max(0, best - 2), min(idx.n, best + 3))),
            type_found=type_found.get(best, False),
            typed=typed,
            bigram_share=len(q.bigrams & idx.bigrams[best]) / (len(q.bigrams) or 1),
            window_missing_max_idf=_missing_max(
                q, idx, range(max(0, best - 1), min(idx.n, best + 2)), near.terms
            ),
            sentence=idx.sentences[best],
            sentence_terms=frozenset(idx.tf[best]) | (speaker := _speaker_terms(idx, best)),
            window_terms=_window_terms(idx, best) | speaker,
            has_span=answers[0][0].span is not None,
            rank_prob=rank_prob,
            rank_margin=rank_margin,
        )
        # A follow-up's filled-in person was named by the previous answer: whether the article
        # says is a matter of what the reader asked ("how did she get help?").
        own = asked is not None and bool(q.soft)
        x = refusal.features(
            asked if own and asked is not None else q.text,
            [t for t in q.terms if t not in q.soft] if own else q.terms,
            idx.vocabulary,
            ev,
            idx.text,
            idx.idf,
            math.log(1 + (idx.n + 0.5) / 0.5),
            near,
        )
        return answers, x
    except ArticlebotError:
        return [], None


def _shortlist_features(
    q: _Question,
    idx: _Index,
    scores: list[float],
    cover: list[float],
    type_found: dict[int, bool],
    shortlist: list[int],
) -> list[list[float]]:
    """The learned re-ranker's features (sentence_model.NAMES) of each shortlisted sentence."""
    weights = _term_weights(q, idx)
    total = sum(weights.values()) or 1.0
    top_w = max(weights.values(), default=1.0) or 1.0
    top_idf = max(idx.idf.values(), default=1.0) or 1.0
    n_bigrams = len(q.bigrams) or 1
    asked_chars = other_language.char_grams(q.text, idx.language)
    typed = q.qtype is not QType.THING
    best = scores[shortlist[0]]
    ngram = profile(idx.language).ngrams
    focus, kinds = _question_view(q)
    kind_total = {k: sum(w for t, w in weights.items() if kinds.get(t) == k) for k in _KINDS}
    say = bool(_SAY_QUESTION.search(q.text))
    kind = _named_kind(q)
    # The question's words weighed by how few of the short list hold them: what tells the
    # candidates apart.
    held = Counter(t for i in shortlist for t in weights if t in idx.tf[i])
    local = {t: w * math.log(1 + len(shortlist) / held[t]) for t, w in weights.items() if held[t]}
    local_total = sum(local.values()) or 1.0
    said_as = _said_as(q, weights)
    bases = []
    for r, i in enumerate(shortlist):
        if typed and i not in type_found:
            type_found[i] = _type_bonus(q, idx.sentences[i]) > 0
        found_type = type_found.get(i, False)
        tf = idx.tf[i]
        window = range(max(0, i - 1), min(idx.n, i + 2))
        before = i > 0 and idx.para_of[i - 1] == idx.para_of[i]
        after = i + 1 < idx.n and idx.para_of[i + 1] == idx.para_of[i]
        share = (
            sum(w for t, w in weights.items() if t in tf)
            + W_SYNONYM
            * sum(
                w
                for t, w in weights.items()
                if t in said_as and t not in tf and not said_as[t].isdisjoint(tf)
            )
        ) / total
        near = sum(w for t, w in weights.items() if any(t in idx.tf[j] for j in window)) / total
        rarest = max((w for t, w in weights.items() if t in tf), default=0.0) / top_w
        terms = idx.terms[i] if idx.terms else []
        hits = [k for k, t in enumerate(terms) if t in weights]
        density = len(set(terms[k] for k in hits)) / (hits[-1] - hits[0] + 1) if hits else 0.0
        chars = (
            len(asked_chars & other_language.char_grams(idx.sentences[i], idx.language))
            / len(asked_chars)
            if asked_chars
            else 0.0
        )
        base = [
            scores[i],
            scores[i] - best,
            float(r == 0),
            float(r == 1),
            float(r == 2),
            cover[i],
            share,
            near,
            len(q.bigrams & idx.bigrams[i]) / n_bigrams,
            fuzz.token_set_ratio(q.lowered, idx.lowered[i]) / 100.0,
            fuzz.partial_ratio(q.lowered, idx.lowered[i]) / 100.0,
            chars,
            float(typed and found_type),
            float(typed and not found_type),
            float(found_type and q.qtype is QType.PERSON),
            float(found_type and q.qtype is QType.DATE),
            float(found_type and q.qtype is QType.PLACE),
            float(found_type and q.qtype is QType.NUMBER),
            math.log1p(idx.lengths[i]),
            float(idx.lengths[i] < 5),
            float(i == 0),
            i / max(idx.n - 1, 1),
            float(i == 0 or idx.para_of[i - 1] != idx.para_of[i]),
            rarest,
            _missing_max(q, idx, window) / top_idf,
            density,
            near - share,
            _found_share(weights, total, idx.tf[i - 1]) if before else 0.0,
            _found_share(weights, total, idx.tf[i + 1]) if after else 0.0,
            float(not after),
            float(focus is not None and focus in tf),
            *(
                sum(w for t, w in weights.items() if kinds.get(t) == k and t in tf) / kind_total[k]
                if kind_total[k]
                else 0.0
                for k in _KINDS
            ),
            0.0,  # best_share, best_bigram, best_fuzz, best_near: filled in below
            0.0,
            0.0,
            0.0,
            float(say and bool(_QUOTE_MARK.search(idx.sentences[i]))),
            float(bool(_PRONOUN_START.match(idx.sentences[i]))),
            sum(w for t, w in local.items() if t in tf) / local_total,
            pair := (
                sum(w for t, w in weights.items() if t in tf or t in idx.tf[i - 1]) / total
                if before
                else share
            ),
            pair - (_found_share(weights, total, idx.tf[i - 1]) if before else 0.0),
            0.0,  # prev_best: filled in below
            float(i in q.defines),
            float(bool(kind and _kind_name(idx.sentences[i], kind))),
            _typed_near(q, idx.sentences[i], weights) if typed and found_type else 0.0,
            *_shapes(q, idx.sentences[i]),
        ]
        bases.append(base)
    at = sentence_model.BASE.index("best_share")
    for k, of in enumerate(("share", "bigram", "fuzz", "share_window")):
        col = sentence_model.BASE.index(of)
        top = max(b[col] for b in bases)
        for b in bases:
            b[at + k] = float(b[col] >= top - 1e-9)
    # The sentence after the short list's best match: answers often follow the sentence that
    # names the subject ("... Tesla Electric Light & Manufacturing. The company installed ...").
    col = sentence_model.BASE.index("share")
    top = max(range(len(bases)), key=lambda k: bases[k][col])
    after_top = shortlist[top] + 1
    prev_best = sentence_model.BASE.index("prev_best")
    for k, i in enumerate(shortlist):
        bases[k][prev_best] = float(i == after_top and idx.para_of[i] == idx.para_of[i - 1])
    return [sentence_model.expand(b, ngram=ngram, english=idx.language == "en") for b in bases]


_KINDS = ("verb", "name", "noun")
_PRONOUN_START = re.compile(r"(?:he|she|it|they|this|these|his|her|its|their)\b", re.I)
# "What year", "which team", "how many people", "what kind of tree": the word naming the thing
# asked for (the answer sentence often has an instance of it, not the word).
_FOCUS = re.compile(
    r"\b(?:what|which|whose|how\s+many|how\s+much)\s+([^\W\d_]+)(?:\s+of\s+([^\W\d_]+))?",
    re.IGNORECASE,
)
_FOCUS_VAGUE = frozenset(("kind", "type", "sort", "name", "form", "part", "number", "amount"))
_SAID_THAT = re.compile(r"\b(?:said|says|believes|believed|thinks|thought)\b")


def _only_reported(q: _Question, sentence: str, text: str) -> bool:
    """Whether `text` is who says the sentence's clause, named before the verb of speech, and the
    question's verb (not one of saying) is only in what they say."""
    if q.info is None or _SAY_QUESTION.search(q.text):
        return False
    say = _SAID_THAT.search(sentence)
    at = sentence.find(text)
    if say is None or at < 0 or at + len(text) > say.start():
        return False
    verbs = _question_verbs(q)
    if not verbs:
        return False
    before = {stem(w.lower()) for w in words(sentence[: say.start()])}
    after = {stem(w.lower()) for w in words(sentence[say.end() :])}
    return bool(verbs & after) and not verbs & before


_SAY_QUESTION = re.compile(r"\b(?:say|said|says|tell|told|according|call|called)\b", re.I)


def _question_view(q: _Question) -> tuple[str | None, dict[str, str]]:
    """The question's focus term, and each of its terms' coarse part of speech (verb, name or
    noun); English only."""
    if q.language != "en":
        return None, {}
    from bot.words import words

    focus = None
    m = _FOCUS.search(q.text)
    if m:
        w = m.group(1).lower()
        if w in _FOCUS_VAGUE and m.group(2):
            w = m.group(2).lower()
        if w not in STOP_WORDS:
            focus = stem(w)
    ws = words(q.text)
    kinds: dict[str, str] = {}
    for w, t in zip(ws, pos.tag(ws), strict=True):
        if w.lower() not in STOP_WORDS:
            kinds.setdefault(
                stem(w), "verb" if t in ("VERB", "AUX") else "name" if t == "PROPN" else "noun"
            )
    return focus, kinds


def _found_share(weights: dict[str, float], total: float, tf: Counter[str]) -> float:
    return sum(w for t, w in weights.items() if t in tf) / total


_NUMBER_TOKEN = re.compile(r"\d[\d,.]*")
_YEAR_TOKEN = re.compile(r"\b(?:1[0-9]{3}|20[0-9]{2})\b")
_CAPS_TOKEN = re.compile(r"(?<=\s)[A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω][^\W\d_]+")
_QUOTE_MARK = re.compile(r"[\"“”«»„]|``|''")


def _typed_near(q: _Question, sentence: str, weights: dict[str, float]) -> float:
    """How near the sentence's answer of the asked type sits to the question's words: 1 beside
    one, 1 / (1 + d) d words away. "When is the derby?": "the Manchester derby on Sunday", not
    "a loss on Monday ... ahead of the derby"."""
    found = [s for s in _typed_for(q, sentence) if _new_to_question(s, q)]
    if not found:
        return 0.0
    toks = [(m.start(), m.end(), stem(m.group())) for m in _WORD.finditer(sentence)]
    hits = [k for k, (_, _, t) in enumerate(toks) if t in weights]
    best = math.inf
    for sp in found:
        inside = [k for k, (a, b, _) in enumerate(toks) if a >= sp.start and b <= sp.end]
        if not inside:
            continue
        first, last = inside[0], inside[-1]
        for k in hits:
            if k < first:
                best = min(best, first - k - 1)
            elif k > last:
                best = min(best, k - last - 1)
    return 0.0 if best == math.inf else 1.0 / (1.0 + best)


def _shapes(q: _Question, sentence: str) -> list[float]:
    """sentence_model.SHAPES of a sentence (numbers, years, capitalised words the question does
    not have; a quotation), placed in the slot of the question's answer type."""
    asked = q.lowered
    digits = any(m.group().rstrip(".,") not in asked for m in _NUMBER_TOKEN.finditer(sentence))
    year = any(m.group() not in asked for m in _YEAR_TOKEN.finditer(sentence))
    caps = sum(1 for m in _CAPS_TOKEN.finditer(sentence) if m.group().lower() not in asked)
    shape = [
        float(digits),
        float(year),
        min(caps, 3) / 3,
        float(bool(_QUOTE_MARK.search(sentence))),
    ]
    out = [0.0] * (5 * len(shape))
    slot = ("person", "place", "date", "number", "thing").index(str(q.qtype))
    out[slot * len(shape) : (slot + 1) * len(shape)] = shape
    return out


def _rerank(
    q: _Question,
    idx: _Index,
    scores: list[float],
    cover: list[float],
    type_found: dict[int, bool],
    order: list[int],
) -> tuple[list[int], float, float]:
    """The hand-mixed order with its shortlist re-ordered by the learned model; with the model's
    probability for the first sentence and its lead over the second (1.0 and 0.0 without it)."""
    m = sentence_model.model()
    if m is None or len(order) < 2 or idx.language not in m.languages:
        return order, 1.0, 0.0
    shortlist = order[: sentence_model.SHORTLIST]
    rows = _shortlist_features(q, idx, scores, cover, type_found, shortlist)
    learned = sentence_model.scores(rows, m)
    ranked = sorted(range(len(shortlist)), key=lambda k: (-learned[k], k))
    top = learned[ranked[0]]
    prob = 1.0 / sum(math.exp(v - top) for v in learned)
    margin = top - learned[ranked[1]]
    return [shortlist[k] for k in ranked] + order[len(shortlist) :], prob, margin


def _missing_max(
    q: _Question, idx: _Index, window: range, there: Collection[str] | None = None
) -> float:
    """The IDF of the rarest question term that is in the article (or `there`) but not in
    `window`."""
    there = idx.idf if there is None else there
    return max(
        (idx.idf[t] for t in q.terms if t in there and not any(t in idx.tf[i] for i in window)),
        default=0.0,
    )


# What the article "lacks", for the refusal decision, is what the sentences near its best one
# lack: up to NEAR sentences either side, about a SQuAD paragraph (its names: the whole article).
# Over a whole article, a word of an answerable question is often somewhere far off, and the
# refusal model, which learnt from paragraphs, took that for the mark of a question the article
# does not answer. Measured out of fold on the tuning titles (bench.train_refusal's folds), each
# question asked of its whole article: answerable refused 9.1 -> 4.3%, SQuAD 2.0's unanswerable
# refused at 5% of answerable refused 24.3 -> 30.0% (3 and 8 sentences did no better).
NEAR = 5


def _near(idx: _Index, best: int) -> refusal.Near:
    """The terms, lower-case text and consecutive term pairs of the sentences near `best`."""
    lo, hi = max(0, best - NEAR), min(idx.n, best + NEAR + 1)
    if lo == 0 and hi == idx.n:
        return refusal.Near(idx.vocabulary, idx.text, idx.pairs)
    return refusal.Near(
        set().union(*idx.tf[lo:hi]),
        " ".join(idx.sentences[lo:hi]).lower(),
        {f"{a} {b}" for t in idx.terms[lo:hi] for a, b in itertools.pairwise(t)},
    )


def _share(q: _Question, idx: _Index, window: range) -> float:
    """The IDF-weighted share of the question's terms found in the sentences of `window`."""
    unseen = math.log(1 + (idx.n + 0.5) / 0.5)
    total = found = 0.0
    for t in q.terms:
        w = idx.idf.get(t, unseen)
        total += w
        if any(t in idx.tf[i] for i in window):
            found += w
    return found / (total or 1.0)


# A few lines written to be asked about at start: between them the questions reach every model
# and table an answer reads.
_WARM_UP_TEXT = (
    "Mayor Anna Berg, 52, said on Monday that the new bridge over the River Lune in Halton would "
    "cost £4.2 million. The council will vote on the plan in March because residents asked for a "
    'wider path. "It is the right plan for the town," she said.'
)
_WARM_UP_QUESTIONS = (
    "Who said the bridge would cost more?",
    "What did she say?",
    "How much will the bridge cost?",
    "When will the council vote?",
    "Why will they vote?",
    "How old is the mayor?",
    "Where is the bridge?",
    "What colour is the bridge?",
)


def warm_up() -> None:
    """Load what answers read (the span scorer's and the re-ranker's weights, the refusal model,
    the tagger's words, the synonyms) by asking a few questions of a short text: a long-running
    front end calls this at start, so its first reader waits for none of it."""
    article = clean_text(_WARM_UP_TEXT)
    for question in _WARM_UP_QUESTIONS:
        answer(question, article)


def answer(question: str, text: str | Article, *, context: Context | None = None) -> Answer | None:
    """The best answer, or None when the article does not seem to say (or the question is empty).

    With a `context` (the previous answer in the conversation), a pronoun or an elided subject in
    the question is read against it: "What did she find?" after an answer about Ana Ruiz."""
    return answer_or_closest(question, text, context=context)[0]


_AUTHOR_QUESTION = re.compile(
    r"^\s*(?:and\s+|so\s+)?(?:who\s+(?:wrote|has\s+written|is\s+the|was\s+the)|who['’]s\s+the)\s+"
    r"(?:(?:this|it|the\s+(?:article|story|piece|report|text))\b|(?:author|writer|reporter|"
    r"journalist)\b(?:\s+of\s+(?:this|it|the\s+(?:article|story|piece|report|text))\b)?)"
    r"[\s?.!]*$",
    re.IGNORECASE,
)


# "What happened?", "where did this happen?", "when was it?": the story itself is asked about,
# not something in it, and its first sentences say, as a news report's lead does. ("When did it
# happen?" after an answer about a thing asks about that thing: see answer_or_closest.)
_STORY_ASKED = re.compile(
    r"^\W*(?:(?:and|so|but|ok|okay)\W+)?(?:"
    r"what(?:['’]s|\s+is|\s+has)?\s+(?:happened|happening|going\s+on)(?:\s+(?:here|there))?"
    r"|what(?:['’]s|\s+is|\s+was)\s+(?:this|it|that|the\s+story)(?:\s+all)?\s+about"
    r"|(?P<wh>where|when)(?:\s+(?:did|does|has|had|was|is))?\s+(?:this|(?P<it>it)|that|all\s+this)"
    r"(?:\s+(?:happen|happened|take\s+place|took\s+place|occur|occurred))?"
    r")[\s?.!]*$",
    re.IGNORECASE,
)
_LEAD = 4  # the sentences of a report's lead, where its what, where and when are told

# "What happens next?", "what's next?", "what will happen now?": what the report says is to come.
_NEXT_ASKED = re.compile(
    r"^\W*(?:(?:and|so|ok|okay)\W+)?what(?:['’]s|\s+is)?\s+(?:(?:happens|will\s+happen|is\s+going"
    r"\s+to\s+happen|comes)\s+)?(?:next|now)(?:\s+for\s+(?:him|her|them|it))?[\s?.!]*$",
    re.IGNORECASE,
)
# What a sentence says is still to come: "will be held in February", "is due to appear".
_TO_COME = re.compile(
    r"\b(?:will|(?:is|are)\s+(?:due|expected|set|scheduled|to\s+be)|plans?\s+to|next\s+(?:week|"
    r"month|year|spring|summer|autumn|winter))\b",
    re.IGNORECASE,
)


# "Who won?", "who won the match?": the result a report's lead gives.
_WHO_WON = re.compile(
    r"^\W*(?:(?:and|so|ok|okay)\W+)?who\s+(?:won|has\s+won|wins)(?:\s+(?:the|this|that)\s+(?:match|"
    r"game|tie|final|semi-final|derby|race|election|contest|fight|bout|vote|cup|title|trophy))?"
    r"[\s?.!]*$",
    re.IGNORECASE,
)
_WIN_VERB = re.compile(
    r"\b(?:(?P<passive>(?:was|were|been|being)\s+(?:beaten|defeated|knocked\s+out)\s+(?:[\w-]+\s+)"
    r"{0,3}?by\s+)|beat|beats|beating|defeated|defeating|won(?!['’]t)|wins|winning|overcame|overcoming|"
    r"thrashed|edged|eased\s+past|knocked\s+out|victory|triumph)\b",
    re.IGNORECASE,
)


def _who_won(article: Article) -> Answer | None:
    """For "who won?": of the lead's first sentence that tells a win ("Harlow Town reached ...
    after beating Dartford 3-1"), the side it names first (its subject), or the one a loser was
    "beaten by"; None when the lead tells no win."""
    idx = _index(article)
    if not idx.n or (article.language or "en") != "en":
        return None
    for i, sentence in enumerate(idx.sentences[:_LEAD]):
        m = _WIN_VERB.search(sentence)
        if not m:
            continue
        found = spans.names(sentence, first_word_ok=True)
        if m.group("passive"):
            winner = next((sp for sp in found if sp.start == m.end()), None)
        else:
            winner = next((sp for sp in found if sp.start <= 4 and sp.end <= m.start()), None)
        if winner is None:
            return None
        text = _full_name(idx, i, winner.text) or winner.text
        return Answer(sentence, text, 1.0, i, text, 1.0)
    return None


def _next_answer(article: Article) -> Answer | None:
    """For "what happens next?": the last sentence outside a quote that says what is to come
    (a report ends on it: "A hearing ... will be held in February."); None when none does."""
    idx = _index(article)
    if not idx.n or (article.language or "en") != "en":
        return None
    for i in range(idx.n - 1, -1, -1):
        sentence = idx.sentences[i]
        if _QUOTE_MARK.search(sentence):
            continue
        if _TO_COME.search(sentence):
            return Answer(sentence, None, 1.0, i, None, 1.0)
    return None


def _story_answer(article: Article, wh: str) -> Answer | None:
    """What the lead says happened (its first sentence), where (the dateline, or the first
    place the lead names) or when (the first time it gives); None when it does not say."""
    idx = _index(article)
    if not idx.n or (article.language or "en") != "en":
        return None
    if wh == "what":
        return Answer(idx.sentences[0], None, 1.0, 0, None, 1.0)
    for i, sentence in enumerate(idx.sentences[:_LEAD]):
        if wh == "where":
            if i == 0 and idx.dateline:
                return Answer(sentence, idx.dateline, 1.0, 0, idx.dateline, 1.0)
            place = next((sp for sp in spans.names(sentence) if sp.kind == "place"), None)
            if place is not None:
                text = _places_listed(sentence, place.start, place.text)
                return Answer(sentence, text, 1.0, i, text, 1.0)
        else:
            when = spans.dates(sentence)
            if when:
                return Answer(sentence, when[0].text, 1.0, i, when[0].text, 1.0)
    return None


# "What else did he say?", "who else was arrested?".
_ELSE = re.compile(r"^(\W*(?:and\s+|so\s+)?(?:what|who|where|when|why|how))(\s+else)\b", re.I)


def answer_or_closest(
    question: str, text: str | Article, *, context: Context | None = None
) -> tuple[Answer | None, Answer | None]:
    """`answer`'s answer, and the closest sentence (what `rank` would give first), from one
    scoring of the article: when the article does not say, the reply still shows the closest."""
    if not question or not question.strip():
        return None, None
    asked = question
    if isinstance(text, Article):
        article = text
    else:
        try:
            article = _article_from_text(text or "")
        except ArticlebotError:
            return None, None
    if (
        (context is None or not context.people)
        and _PERSON_PRONOUN.search(question)
        and not _NAMED.search(question)
    ):
        # "How old is he?" as the first question: the person the story is about (not in "what
        # did Donald Sterling buy his mistress?", which names its person).
        pronoun = _PERSON_PRONOUN.search(question)
        main = _main_person(article, pronoun.group() if pronoun else "")
        if main:
            context = dataclasses.replace(context or Context(), people=(main,))
    if context is not None:
        question = followup.resolve(question, context)
    question = _name_asked(question)
    if _AUTHOR_QUESTION.match(question):
        # "Who wrote this?" asks about the article, not its story: the byline, if it has one.
        if not article.byline:
            return None, None
        by = article.byline
        return (Answer(f"By {by}", by, 1.0, -1, by, 1.0),) * 2
    won = _who_won(article) if _WHO_WON.match(asked) else None
    if won is not None:
        return won, won
    if _NEXT_ASKED.match(asked):
        # "What happens next?" asks about the story, not a thing in it.
        told = _next_answer(article)
        if told is not None:
            return told, told
    story = _STORY_ASKED.match(asked)
    if story and not (story.group("it") and context is not None and context.things):
        told = _story_answer(article, (story.group("wh") or "what").lower())
        if told is not None:
            return told, told
    given = context.last_answer if context is not None else None
    other = _ELSE.match(question) if given else None
    if other:
        # "What else did he say?": what the question asks, from another sentence than the
        # answer just given.
        question = question[: other.start(2)] + question[other.end() :]
        asked = _ELSE.sub(r"\1", asked)
    best, x = _rank(question, article, 3 if other else 1, asked=asked)
    if other and given:
        best = [b for b in best if given not in b[0].sentence and b[0].sentence not in given][:1]
    if not best:
        return None, None
    found = best[0][0]
    sure = found.confidence >= 1.0 and found.span is not None
    language = article.language or ""
    said = other_language.refusal_evidence(best[0][1], question, found.sentence, language)
    # A sentence defining what the question asks about ("X là ...", "X (Y)") says, however few
    # of the question's other words it repeats.
    if (
        not sure
        and said < other_language.THRESHOLDS.get(language, THRESHOLD)
        and not other_language.defines(question, found.sentence, language)
    ):
        return None, found
    if found.confidence >= 1.0:
        # A quote by the person asked about, a speaker, or a reason clause: the article says.
        return found, found
    if x is not None and refusal.refuses(x):
        return None, found
    return found, found


# "What is the judge's name?", "what's the name of the prosecutor?": who the judge is.
_ROLE_NAME_ASKED = re.compile(
    r"^\W*(?:and\s+)?what(?:['’]s|\s+is|\s+was)\s+(?:"
    r"the\s+([a-z]+)['’]s\s+name|the\s+name\s+of\s+the\s+([a-z]+))\b(.*)$",
    re.IGNORECASE,
)
# Words for one person. Not _PERSON_NOUNS: a "who" answer may end with "company" or "team", but
# "the name of the company" asks for a name, not for a person.
_ROLE_WORDS = (
    spans.APPOSED_HEADS
    | spans.TITLES
    | wordset(
        """judge prosecutor barrister lawyer attorney solicitor suspect defendant killer witness
    coroner referee chairman chairwoman chair ceo headteacher headmaster headmistress vicar priest
    councillor mp spokesperson designer architect inventor winner"""
    )
)


def _name_asked(question: str) -> str:
    """ "What is the judge's name?" as "Who is the judge?" (a word for a person). Other questions
    unchanged: "the name of the school" read as "which school" lost more answers than it gained."""
    m = _ROLE_NAME_ASKED.match(question)
    if m is None:
        return question
    word = (m.group(1) or m.group(2)).lower()
    rest = m.group(3)
    if word in _ROLE_WORDS:
        return f"Who is the {word}{rest}"
    return question


_PERSON_PRONOUN = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
_NAMED = re.compile(r"(?<=\w\s)[A-Z]")


def _main_person(article: Article, pronoun: str = "") -> str | None:
    """The person an English article names most (its subject), by surname: the number of its
    sentences that hold it; for "she" or "he", the most named whose sex, where the article
    shows it, fits. Worked out once per article, in its index."""
    if (article.language or "en") != "en":
        return None
    idx = _index(article)
    if idx.main_people is None:
        idx.main_people = _people_by_mentions(article)
    want = quotes.PRONOUN_SEX.get(pronoun.lower(), "")
    return next((name for name, sex in idx.main_people if not (want and sex and sex != want)), None)


def _people_by_mentions(article: Article) -> list[tuple[str, str]]:
    """The article's people, the most named first, each by surname (by full name when two share
    it) with the sex the article shows ("m", "f" or "")."""
    people = mentions(article).people
    shown = [p for p in people if _shown_a_person(article.sentences, p)]
    # "Healthwatch Northgate" and "Northgate Hospitals NHS Trust" are no one: of the names,
    # those the article shows are people (a title or role before, an age after, speech),
    # when it shows any.
    surnames = dict.fromkeys(p.split()[-1] for p in shown or people)
    counts = Counter(last for s in article.sentences for last in surnames if last in s)
    ranked = [main for main, _ in counts.most_common()]
    if shown:
        # The others after them, for a "she" none of those fits.
        others = dict.fromkeys(p.split()[-1] for p in people if p.split()[-1] not in surnames)
        more = Counter(last for s in article.sentences for last in others if last in s)
        ranked += [main for main, _ in more.most_common()]
    out = []
    for main in ranked:
        named = [
            p
            for p in people
            if p.split()[-1] == main
            and " " in p
            and p.split()[0].lower().rstrip(".") not in spans.TITLES  # "Mrs Cole" is Linda Cole
        ]
        # "Dorothy Whitlam" and her husband "John Whitlam": the surname alone would be either;
        # the one named most (mentions puts them first), by her full name.
        out.append((named[0] if len(named) > 1 else main, _sex_shown(article.sentences, main)))
    return out


def _sex_shown(sentences: list[str], surname: str) -> str:
    """ "f" or "m" when the pronouns in and right after the sentences naming a person say so
    more often one way ("Councillor Maria Pettit ... she said"), else ""."""
    tally: Counter[str] = Counter()
    for i, sentence in enumerate(sentences):
        at = sentence.find(surname)
        if at < 0:
            continue
        near = sentence[at:] + " " + (sentences[i + 1] if i + 1 < len(sentences) else "")
        for m in _SEXED_PRONOUN.finditer(near):
            tally[quotes.PRONOUN_SEX[m.group().lower()]] += 1
    if tally["f"] > tally["m"]:
        return "f"
    if tally["m"] > tally["f"]:
        return "m"
    return ""


_SEXED_PRONOUN = re.compile(rf"\b(?:{'|'.join(quotes.PRONOUN_SEX)})\b", re.IGNORECASE)


def _shown_a_person(sentences: list[str], name: str) -> bool:
    """Whether some sentence shows the name is a person's: a title in it or a word for a person
    before it ("Dr Samuel Adeyemi", "Headteacher Priya Nair"), an age after it ("Darren Pike,
    34,") or a verb of speech beside it ("Ruiz said")."""
    first = name.split()[0].lower().rstrip(".")
    if first in spans.TITLES or stem(first) in _ROLES:
        return True  # "Dr Samuel Adeyemi", "Councillor Maria Pettit"
    for sentence in sentences:
        at = sentence.find(name)
        if at < 0:
            continue
        before = _LAST_WORD.search(sentence.lower(), max(0, at - 30), at)
        if before and (
            before.group(1) in spans.TITLES
            or before.group(1) in spans.PERSON_HEADS
            or stem(before.group(1)) in _ROLES
        ):
            return True
        if _SHOWN_AFTER.match(sentence, at + len(name)):
            return True
    return False


_SHOWN_AFTER = re.compile(
    r",\s+(?:aged\s+)?\d{1,3},|,?\s+(?:said|says|told|added|explained|warned)\b"
)


def mentions(article: Article) -> Mentions:
    """People, places, dates and numbers named in the article, most frequent first."""
    people: dict[str, list[int]] = {}
    orgs: dict[str, list[int]] = {}
    places: dict[str, list[int]] = {}
    dates: dict[str, list[int]] = {}
    numbers: dict[str, list[int]] = {}
    pos = 0

    def add(bucket: dict[str, list[int]], key: str) -> None:
        if key in bucket:
            bucket[key][0] += 1
        else:
            bucket[key] = [1, pos]

    sentences = article.sentences
    line = article.place or (spans.dateline_place(sentences[0]) if sentences else None)
    if line:
        # A dateline "Lyon, France" names two places; the body will name Lyon again.
        for part in line.split(","):
            if part.strip():
                add(places, part.strip())
    for s in sentences:
        for sp in spans.names(s):
            pos += 1
            if sp.kind == "person" and spans.is_organisation(sp.text):
                # "Security Council", "Lyon City Council": two capitalised words, not a person.
                add(orgs, sp.text)
            elif sp.kind == "person":
                add(people, sp.text)
            elif sp.kind == "name" and spans.is_organisation(sp.text):
                add(orgs, sp.text)
            elif sp.kind == "place":
                add(places, sp.text)
        found = spans.dates(s)
        for sp in found:
            pos += 1
            add(dates, sp.text)
        for sp in spans.numbers(s, with_unit=True):
            # "3" of "March 3" and "5" of "5 p.m." belong to the dates.
            if not any(d.start < sp.end and sp.start < d.end for d in found):
                pos += 1
                add(numbers, sp.text)
    people = _merge_names(people)

    def ordered(bucket: dict[str, list[int]]) -> list[str]:
        return [k for k, _ in sorted(bucket.items(), key=lambda kv: (-kv[1][0], kv[1][1]))]

    return Mentions(
        ordered(people), ordered(places), ordered(dates), ordered(numbers), ordered(orgs)
    )


def _merge_names(people: dict[str, list[int]]) -> dict[str, list[int]]:
    """Fold "Ruiz" and "Ana Ruiz" into the fullest form "Maj. Gen. Ana Ruiz", summing counts."""
    keys = sorted(people, key=len, reverse=True)
    merged: dict[str, list[int]] = {}
    for k in keys:
        target = next(
            (m for m in merged if k != m and re.search(rf"(?:^|\s){re.escape(k)}$", m)), None
        )
        if target is not None:
            merged[target][0] += people[k][0]
            merged[target][1] = min(merged[target][1], people[k][1])
        else:
            merged[k] = list(people[k])
    return merged


def _speaker_terms(idx: _Index, best: int) -> frozenset[str]:
    """The terms of the name of whoever speaks in a quoted sentence the article attributes
    elsewhere ("I've been at this club for eleven years" - Dean Foster, named two sentences
    before): the sentence is about its speaker (refusal)."""
    sentence = idx.sentences[best]
    if not _QUOTE_MARK.search(sentence):
        return frozenset()
    if idx.said is None:
        idx.said = quotes.speeches(idx.sentences)
    sp = idx.said[best]
    if sp is None or not sp.speaker or not sp.quoted:
        return frozenset()
    return frozenset(english_terms(sp.speaker))


def _window_terms(idx: _Index, best: int) -> frozenset[str]:
    """The terms of the best sentence and its neighbours in the same paragraph (refusal)."""
    out: set[str] = set()
    for i in range(max(0, best - 1), min(idx.n, best + 2)):
        if idx.para_of[i] == idx.para_of[best]:
            out.update(idx.tf[i])
    return frozenset(out)
