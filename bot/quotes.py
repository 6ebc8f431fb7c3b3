"""Quotes and speakers: who said what in an article, following "he said" / "she added" / "the
spokesman said" back to the person named before, and quotes whose attribution is in the next or
previous sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot import spans
from bot.words import STOP_WORDS, stem

_SAY = (
    r"(?:said|says|say|told|tells|added|adds|explained|announced|claimed|argued|noted|stated|"
    r"warned|insisted|replied|wrote|writes|recalled|continued|declared|admitted|stressed|"
    r"confirmed|tweeted|posted|called|described|asked|saying|calling|describing|adding|"
    r"warning|telling)"
)
_QUOTE = re.compile(
    # Each quoted part starts and ends with a non-space, so the spaces around it have one
    # reading (CI's ReDoS scan refuses `\s*(.{3,600}?)\s*`).
    r"[\"“]\s*([^\"“”\s][^\"“”]{1,598}?[^\"“”\s])\s*[\"”]|``\s*(\S.{1,598}?\S)\s*''"
    r"|‘\s*([^‘’\s][^‘’]{1,598}?[^‘’\s])\s*’"
    r"|(?<![\w])'\s*([^'\s](?:[^']|(?<=\w)'(?=\w)){10,598}?[^'\s])\s*'(?![\w])"
    r"|(?<=:)\s*['\"“‘`]*\s*([^\s'\"“‘`].{10,598}?[^\s'\"”’])\s*['\"”’]*$"
)
_PRONOUN = r"(?:he|she|they|it)"
_ROLE = (
    r"(?:the\s+|a\s+)?(?:[\w-]+\s+){0,3}?(?:spokesman|spokeswoman|spokesperson|official|officials|"
    r"minister|president|police|statement|lawyer|attorney|source|sources|report|ministry|"
    r"department|agency|company|coach|manager|chief|director|prosecutor|prosecutors|witness|"
    r"mother|father|wife|husband|family|friend|neighbour|neighbor|doctor|researcher|expert)"
)
# ", he said." / "he added" / "the spokesman said" / "said Ms. Ruiz"
_PRONOUN_SAID = re.compile(rf"\b({_PRONOUN}|{_ROLE})\s+{_SAY}\b", re.IGNORECASE)
# "said Burton": a name after the verb is the speaker, except after "told"/"asked" (the listener).
_SAID_NAME = re.compile(
    r"\b(?:said|says|added|adds|explained|wrote|continued|insisted|replied|warned)\s+"
    r"((?:[A-Z][\w.'’-]*\s*){1,5})"
)
_NAME_SAID = re.compile(
    rf"((?:[A-Z][\w.'’-]*\s+){{0,4}}[A-Z][\w'’-]+),?\s+(?:who\s[^,]{{1,80}},\s+)?{_SAY}\b"
)
_ACCORDING = re.compile(r"\baccording\s+to\s+((?:[A-Z][\w.'’-]*\s*){1,5})")
_THAT_CLAUSE = re.compile(rf"\b{_SAY}\s+(?:on\s+\w+\s+)?(?:that\s+)?(.{{8,400}}?)[.!?]?$")

_THAT = re.compile(rf"\b{_SAY}\b[^.;]{{0,60}}?\bthat\s+(.{{8,400}}?)[.!?]?$")
_TITLE_WORDS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "maj",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "gov",
        "sen",
        "rep",
        "rev",
        "sir",
        "dame",
        "lord",
        "lady",
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
        "coach",
        "manager",
        "spokesman",
        "spokeswoman",
        "u.n.",
        "u.s.",
        "russian",
        "american",
        "british",
        "french",
        "german",
        "chinese",
        "syrian",
        "iranian",
        "israeli",
        "ukrainian",
        "foreign",
        "defense",
        "defence",
        "state",
        "deputy",
        "prime",
        "former",
        "head",
    ]
)


@dataclass(frozen=True)
class Said:
    """A sentence's speech: the speaker's name as the article gives it (or None), the quoted
    words or reported clause, and the sentence holding the attribution if it is another one."""

    speaker: str | None
    words: str
    attribution: int | None
    quoted: bool = False  # the speaker's own words in quotation marks, not a reported clause


def person_name(text: str) -> str:
    """ "Russian U.N. Ambassador Vitaly Churkin" -> "Vitaly Churkin": a name without its titles."""
    parts = text.strip().rstrip(",.").split()
    k = 0
    while k < len(parts) - 1 and parts[k].lower().rstrip(".") in _TITLE_WORDS | {"u.n", "u.s"}:
        k += 1
    return " ".join(parts[k:])


def _people(sentence: str) -> list[str]:
    return [person_name(s.text) for s in spans.names(sentence) if s.kind == "person"]


def _named_speaker(sentence: str) -> str | None:
    for pattern in (_SAID_NAME, _ACCORDING):
        m = pattern.search(sentence)
        if m:
            name = m.group(1).strip()
            if name.split()[0].lower() not in STOP_WORDS:
                return person_name(name)
    for m in _NAME_SAID.finditer(sentence):
        name = m.group(1).strip()
        first = name.split()[0].lower()
        if first in STOP_WORDS and len(name.split()) == 1:
            continue
        if first in ("the", "a", "but", "and"):
            name = " ".join(name.split()[1:])
        if name:
            return person_name(name)
    return None


def speeches(sentences: list[str]) -> list[Said | None]:
    """For each sentence: what it reports someone said, and who, when it does."""
    out: list[Said | None] = [None] * len(sentences)
    last_person: str | None = None
    for i, s in enumerate(sentences):
        found = [next((g for g in m.groups() if g), "") for m in _QUOTE.finditer(s)]
        quote = bool(found)
        # A quote broken by its attribution ("``For her ...,'' Mate said, ``It's ...''") is one.
        words = " … ".join(w.strip().rstrip(",") for w in found if w.strip())
        speaker = _named_speaker(s)
        pronoun = _PRONOUN_SAID.search(s)
        said_here = bool(speaker or pronoun)
        if speaker is None and pronoun and last_person:
            speaker = last_person
        attribution = None
        if quote and not said_here:
            # A quote standing alone: its speaker is named just after or just before it.
            nxt = sentences[i + 1] if i + 1 < len(sentences) else ""
            after = _named_speaker(nxt) if nxt else None
            if after is None and nxt and _PRONOUN_SAID.search(nxt):
                after = last_person
            if after:
                speaker, attribution = after, i + 1
            elif i > 0 and out[i - 1] is not None:
                prev = out[i - 1]
                speaker, attribution = (prev.speaker if prev else None), i - 1
        if not words and said_here:
            m = _THAT.search(s) or _THAT_CLAUSE.search(s)
            words = m.group(1) if m else ""
        if words and (speaker or said_here):
            out[i] = Said(speaker, words.strip().rstrip(","), attribution, quote)
        people = _people(s)
        if speaker:
            last_person = speaker
        elif people:
            last_person = people[-1]
    return out


_SAY_QUESTION = re.compile(
    r"^\s*(?:so\s+|and\s+)?what\s+(?:did|does|do|has|have|had|will|would|was|is)\s+(\S(?:.*?\S)?)\s+"
    r"(?:say|said|tell|told|call|called|describe|described|think|thought|write|wrote|add|added|"
    r"warn|warned|claim|claimed|argue|argued|announce|announced|mean|reply|replied|"
    r"post|posted|tweet|tweeted|admit|admitted|insist|insisted)\b(.*)$",
    re.IGNORECASE,
)
_REACTION = re.compile(
    r"^\s*(?:what|how)\s+(?:was|did|is)\s+(\S(?:.*?\S)?)(?:'s|’s)?\s+(?:reaction|response|comment|"
    r"statement|view|react|respond)\b(.*)$",
    re.IGNORECASE,
)
_WHO_SAID = re.compile(
    rf"^\s*who\s+(?:has\s+|had\s+)?(?:{_SAY}|says|say|warns|warned|calls|thinks|believes)\b",
    re.IGNORECASE,
)


def say_question(question: str) -> tuple[str, str] | None:
    """("Kerry", "the Geneva talks") for "What did Kerry call the Geneva talks?"; else None."""
    m = _SAY_QUESTION.match(question) or _REACTION.match(question)
    if not m:
        return None
    who = m.group(1).strip()
    return who, m.group(2).strip(" ?")


def who_said_question(question: str) -> bool:
    return bool(_WHO_SAID.match(question))


def _stems(text: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[^\W_]+", text) if w.lower() not in STOP_WORDS}


def matches_speaker(who: str, speaker: str | None, sentence: str) -> bool:
    """True when the question's "X" is this speaker (any of its name words), or is named in the
    sentence next to a verb of speech."""
    want = _stems(who)
    if not want:
        # "What did he say?": a pronoun the conversation did not resolve; any speaker will do.
        return speaker is not None
    if speaker and want & _stems(speaker):
        return True
    return bool(want & _stems(sentence)) and bool(re.search(_SAY, sentence))
