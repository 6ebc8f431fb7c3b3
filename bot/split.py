"""Sentence splitting that keeps abbreviations, initials, decimals and quotations intact."""

from __future__ import annotations

import re
from collections.abc import Callable

import sentencex

from bot import thai_split

# A splitter can leave a run-on segment (lists, transcripts, text without punctuation) at
# hundreds of words; such segments are cut again at softer boundaries, then by length.
MAX_WORDS = 80
_SOFT_BREAKS = re.compile(r"(?<=[;:])\s+|\s+(?=[-–—]\s)|(?<=[.!?][\"'”’)])\s+")
_SPACE = re.compile(r"\s+")
# sentencex slows down with the square of a token's length (7 s for one 230,000-character run of
# "<!---->"): a run of 1,000 characters without a space is no word, and is cut into such pieces.
_LONG_RUN = re.compile(r"(\S{1000})(?=\S)")

# Pages copied without their line breaks run a caption or a headline into the next sentence with
# no full stop: "... drumming up plenty of interest online Some of the jumps ...". In a long
# English segment, a lower-case word followed by a capitalised sentence opener is a boundary,
# unless the word is one that introduces a title ("in The Times", "told The Sun").
RUNON_WORDS = 40
_RUNON = re.compile(
    r"(?<=\s)([a-z][a-z'’-]*|\d[\d,.]*%?|[a-z]+\)|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
    r"\s+(?=(?:The|An|He|She|They|It|His|Her|Their|Its"
    r"|Some|Each|This|These|Those|But|However|Police|Officers|Many|Most|Now|Then|After|Mr|Mrs|Ms"
    r"|Yesterday|Earlier|Last|Scroll)\s)"
)
_TITLE_BEFORE = frozenset(
    [
        "in",
        "on",
        "at",
        "of",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "the",
        "a",
        "an",
        "said",
        "says",
        "told",
        "tells",
        "called",
        "named",
        "titled",
        "dubbed",
        "reads",
        "read",
        "watch",
        "watched",
        "see",
        "saw",
        "starring",
        "about",
        "into",
        "onto",
        "via",
        "like",
        "than",
        "as",
        "reported",
        "wrote",
        "writes",
        "star",
        "stars",
        "film",
        "movie",
        "show",
        "book",
        "song",
        "album",
        "paper",
        "newspaper",
        "magazine",
    ]
)


# A quote mark that is no apostrophe: spaced on both sides ("cyclists, ' Wiggins said": copied news
# pages space their quote marks), or opening a word ("'The"), or closing after punctuation
# ("club.' Muto"), or spaced before punctuation ("' yes '.").
_SINGLE_QUOTE = re.compile(r"(?:(?<=\s)|^)'(?=\s|[^\W_]|[.,!?;:])|(?<=[.,!?])'(?=\s|$)")


_ATTRIBUTION = re.compile(
    r"\s+(?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+(?:,\s+(?:who|whose)\b|\s+(?:said|says|added|told)\b)"
)


def _tight_quotes(text: str) -> str:
    """Quote marks spaced on both sides ("he said, ' I have not decided. ' Muto ...") attached
    to the words they open or close, so the splitter sees where a quotation ends. A mark already
    attached says which it is ("'So", "necessary.'"); a spaced one closes an open quotation and
    otherwise opens one (news pages reopen a quotation without closing it)."""
    if " ' " not in text:
        return text
    out: list[str] = []
    last = 0
    quoting = False
    for m in _SINGLE_QUOTE.finditer(text):
        before = text[m.start() - 1 : m.start()]
        after = text[m.end() : m.end() + 1]
        if after and not after.isspace() and after not in ".,!?;:":
            quoting = True  # "'So I have ...": opens
        elif before and not before.isspace():
            quoting = False  # "necessary.' Williams": closes
        elif (
            text[m.start() - 2 : m.start() - 1] in ("s", "S")
            and after == " "
            and text[m.end() + 1 : m.end() + 2].islower()
        ):
            # "customers ' doors": a plural's possessive, spaced like a quote mark.
            out.append(text[last : m.start() - 1])
            last = m.start()
        elif quoting or _ATTRIBUTION.match(text, m.end()):
            # " ' " closing: "club. ' Muto" -> "club.' Muto"; "in an hour? ' Wiggins, whose
            # ..." closes a quotation whose opening mark the page left out.
            out.append(text[last : m.start()].rstrip(" "))
            last = m.start()
            quoting = False
        else:  # " ' " opening: "' I have" -> "'I have"
            out.append(text[last : m.end()])
            last = m.end() + (after == " ")
            quoting = True
    out.append(text[last:])
    return "".join(out)


def split_sentences(text: str, language: str = "en") -> list[str]:
    """Split one paragraph of text into sentences, stripped, without empty ones.

    `language` is an ISO 639-1 code: sentencex applies that language's rules (abbreviations,
    。！？ for Chinese); Thai, written without sentence punctuation, is split at its spaces."""
    text = _LONG_RUN.sub(r"\1 ", _SPACE.sub(" ", text).strip())
    if not text:
        return []
    if language == "th":
        return thai_split.split(text)
    if language in ("en", "und"):
        text = _tight_quotes(text)
    out: list[str] = []
    for seg in sentencex.segment(language if language != "und" else "en", text):
        seg = seg.strip()
        if not seg:
            continue
        pieces = _split_runon(seg) if language in ("en", "und") else [seg]
        if language in ("en", "und"):
            pieces = [p for piece in pieces for p in _split_after_may(piece)]
        for piece in pieces:
            if len(piece.split()) > MAX_WORDS:
                out.extend(_split_long(piece))
            else:
                out.append(piece)
    return out


# sentencex takes "May." for an abbreviation, so "... switched on in May. Residents had ..." stayed
# one sentence. The month written out after "in", "since", "early" or a day is a sentence's end.
_MAY_END = re.compile(
    r"\b(?:in|of|since|until|by|early|late|mid|last|next|this|from|to|\d{1,2})\s+May\.(?=\s+[A-Z])"
)


def _split_after_may(seg: str) -> list[str]:
    out: list[str] = []
    start = 0
    for m in _MAY_END.finditer(seg):
        out.append(seg[start : m.end()].strip())
        start = m.end()
    out.append(seg[start:].strip())
    return [p for p in out if p]


def _split_runon(seg: str) -> list[str]:
    return _cut_runs(seg, _RUNON, lambda m: m.group(1).lower() not in _TITLE_BEFORE)


def _cut_runs(
    seg: str, boundary: re.Pattern[str], keep: Callable[[re.Match[str]], bool] = lambda m: True
) -> list[str]:
    """A long segment cut after group 1 of each `boundary` match that `keep` accepts."""
    if len(seg.split()) <= RUNON_WORDS:
        return [seg]
    out: list[str] = []
    start = 0
    for m in boundary.finditer(seg):
        if not keep(m):
            continue
        out.append(seg[start : m.end(1)])
        start = m.end()
    out.append(seg[start:])
    return _merge_fragments([p.strip() for p in out if p.strip()])


def _split_long(seg: str) -> list[str]:
    pieces = [p.strip() for p in _SOFT_BREAKS.split(seg) if p and p.strip()]
    out: list[str] = []
    for piece in pieces:
        words = piece.split()
        if len(words) <= MAX_WORDS:
            out.append(piece)
            continue
        out.extend(_cut_by_length(words))
    return _merge_fragments(out)


def _cut_by_length(words: list[str]) -> list[str]:
    """Pieces of at most MAX_WORDS words. Each cut falls after the last comma in the second half
    of the piece, or else before a lower-case word, so that no name is torn in two ("... and
    Eugene" | "Fama, known for ..."); only a run with neither is cut at the limit itself."""
    out: list[str] = []
    start = 0
    while len(words) - start > MAX_WORDS:
        end = start + MAX_WORDS
        low = start + MAX_WORDS // 2
        cut = next((j for j in range(end, low, -1) if words[j - 1][-1] in ",;:"), 0)
        if not cut:
            cut = next((j for j in range(end, low, -1) if not words[j][:1].isupper()), end)
        out.append(" ".join(words[start:cut]))
        start = cut
    out.append(" ".join(words[start:]))
    return out


def _merge_fragments(parts: list[str]) -> list[str]:
    """Join pieces of three words or fewer back onto their neighbour."""
    merged: list[str] = []
    for p in parts:
        if merged and len(p.split()) <= 3:
            merged[-1] = f"{merged[-1]} {p}"
        else:
            merged.append(p)
    return merged


# A Daily Mail caption that ends in a name runs into the next sentence the same way: "... at Old
# Trafford The English referee sent off ...". Cut only where a sentence's pronoun or article follows
# the name ("Greater Manchester Police said" stays whole). Answering reads these pieces; briefs keep
# the sentences as split above (cutting them there cost ROUGE on summ_dev.jsonl).
_NAME_RUNON = re.compile(
    r"(?<=\s)([A-Z][\w'’.-]*[a-z])\s+(?=(?:The|He|She|They|It|His|Her|Their|Its|This|These"
    r"|Those|But|However)\s)"
)


def split_captions(sentence: str) -> list[str]:
    """A long English sentence cut where a caption ending in a name runs into the next one."""
    return _cut_runs(sentence, _NAME_RUNON)
