"""Follow-up questions: read a pronoun or an elided subject against the previous answer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot import pos
from bot.quotes import say_question
from bot.words import STOP_WORDS, stem, terms, wordset


@dataclass(frozen=True)
class Context:
    """What a follow-up question may lean on: the previous answer's people and things (most
    salient first), and the previous question and answer sentence. Built by the conversation
    state; every field is optional so a caller can pass what it has."""

    people: tuple[str, ...] = ()
    things: tuple[str, ...] = ()
    last_question: str | None = None
    last_answer: str | None = None


_PERSON_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers)\b", re.IGNORECASE)
_THING_PRONOUN = re.compile(r"\b(?:it|its)\b", re.IGNORECASE)
_THEY = re.compile(r"\b(?:they|them|their)\b", re.IGNORECASE)
_OPENER = re.compile(r"^\s*(?:and|so|but|then|also|ok(?:ay)?|what about)\b[\s,]*", re.IGNORECASE)
_WH = re.compile(
    r"^\s*(?:who(?:m|se)?|what|when|where|why|which|how(?:\s+(?:many|much|long|old|far))?)\b"
    r"(?:\s+(?:is|are|was|were|did|does|do|has|have|had|will|would|could|can))?\s*",
    re.IGNORECASE,
)


_WHICH = re.compile(r"^\s*(?:which|what)\s+([a-z]{3,})\b", re.IGNORECASE)
# "Who said so?" / "and who told you that?": who said what the last answer says.
SAID_SO = re.compile(
    r"^\s*(?:(?:and|so|but|ok(?:ay)?)[\s,]+)?who\s+(?:said|says|told\s+\w+|claimed|claims|wrote|"
    r"announced|confirmed|thinks|believes|predicted|promised|warned)\s+(?:so|that|this|it)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_MAX_SAID_WORDS = 40  # of the last answer, for finding its sentence again


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _swap(m: re.Match[str], name: str) -> str:
    word = m.group().lower()
    return _possessive(name) if word in ("his", "its", "their", "hers") else name


# "And the mayor?", "What about Richter?": the previous question about someone else.
_ANOTHER = re.compile(
    r"^\s*(?:and|what\s+about|how\s+about)\s+"
    r"(?!(?:who|whom|whose|what|when|where|why|which|how|is|was|did|does|do)\b)"
    r"(\w[\w'’.-]*(?:\s+[\w'’.-]+){0,4})\s*\??\s*$",
    re.IGNORECASE,
)


def _asked_about_another(question: str, context: Context) -> str | None:
    """ "And the mayor?" after "what did Richter say?": "what did the mayor say?" (the previous
    question with the person or thing it asked about replaced); None when it named none."""
    m = _ANOTHER.match(question)
    if m is None or not context.last_question:
        return None
    other = m.group(1)
    last = other.split()[-1]
    before = context.last_question
    if not (other[0].isupper() or _names_someone(last)):
        # "and the cost?" after "what did Richter say?" asks something else, unless the answer
        # names it beside a word of the question ("five boys and one in ten girls").
        return _parallel(before, other, context.last_answer)
    asked = say_question(before)
    # The person the previous question was about: the one it had speak ("the mayor" of "what did
    # the mayor say?"), else one of the people of the previous answer that it names.
    for name in (*([asked[0]] if asked else []), *context.people):
        for form in dict.fromkeys((name, name.split()[-1])):
            said = re.compile(rf"\b{re.escape(form)}\b", re.IGNORECASE)
            if said.search(before) and not said.search(other):
                return said.sub(lambda _: other, before, count=1)
    return _parallel(before, other, context.last_answer)


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NAME = re.compile(r"(?<=\s)[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")  # not the question's first word


def _parallel(before: str, other: str, answer: str | None) -> str | None:
    """ "And the girls?" after "how many boys were overweight?", answered by "one in five boys
    and one in ten girls were overweight": the previous question with the word the answer names
    nearest the new one ("boys") replaced by it."""
    if not answer:
        return None
    head = other.split()[-1]
    new = stem(head)
    if new in {stem(w) for w in _WORD.findall(before)}:
        return None  # the previous question already asked about it
    found = list(_WORD.finditer(answer))
    tags = pos.tag([m.group() for m in found])
    said = [(m.start(), stem(m.group()), tag) for m, tag in zip(found, tags, strict=True)]
    at = [(k, tag) for k, st, tag in said if st == new]
    if not at:
        # "And in Leeds?" after "how many ... in York?": the name of the same kind, last named.
        named = list(_NAME.finditer(before)) if head[:1].isupper() else []
        if not named:
            return None
        at_name = named[-1]
        return f"{before[: at_name.start()]}{_bare(other)}{before[at_name.end() :]}"
    best: tuple[int, re.Match[str]] | None = None
    for m in _WORD.finditer(before):
        word = m.group()
        if word.lower() in STOP_WORDS or word[0].isupper() != head[0].isupper():
            continue
        for k, st, tag in said:
            if st == stem(word):
                # Of the same kind as the new word: "boys" for "girls", not "overweight".
                # Named before it: the question asked about the first, the follow-up the next.
                far = min((a - k for a, kind in at if kind == tag and a > k), default=_NEAR + 1)
                if far <= _NEAR and (best is None or far < best[0]):
                    best = (far, m)
    if best is None:
        return None
    m = best[1]
    return f"{before[: m.start()]}{_bare(other)}{before[m.end() :]}"


def _bare(other: str) -> str:
    """ "the girls" -> "girls", "in Leeds" -> "Leeds"."""
    words = other.split()
    while len(words) > 1 and words[0].lower() in STOP_WORDS:
        words.pop(0)
    return " ".join(words)


_NEAR = 40  # characters between the two words in the answer: "five boys and one in ten girls"


def _names_someone(word: str) -> bool:
    """A role or a word for people ("mayor", "spokesman", "police")."""
    from bot.qa import names_people  # bot.qa reads follow-ups through this module

    return names_people(word)


def resolve(question: str, context: Context) -> str:
    """The question with its pronouns replaced by the people or things of the previous answer,
    and an elided question ("And when?", "And the mayor?") completed from the previous one."""
    q = question.strip()
    if SAID_SO.match(q) and context.last_answer:
        # "Who said so?": the speaker of the answer just given, found by its own words.
        words = context.last_answer.split()[:_MAX_SAID_WORDS]
        return "Who said " + " ".join(words).rstrip(".!?\"'”’ ") + "?"
    another = _asked_about_another(q, context)
    if another is not None:
        return another
    person = context.people[0] if context.people else None
    thing = context.things[0] if context.things else None
    if person and _PERSON_PRONOUN.search(q):
        q = _PERSON_PRONOUN.sub(lambda m: _swap(m, person), q)
    asked_kind = _WHICH.match(q)
    if thing and asked_kind and asked_kind.group(1).lower() in thing.lower():
        thing = None  # "which airport was it in?" does not ask about the airport named before
    if thing and _THING_PRONOUN.search(q):
        q = _THING_PRONOUN.sub(lambda m: _swap(m, thing), q)
    they = person if len(context.people) > 1 or not thing else thing
    if they and _THEY.search(q):
        q = _THEY.sub(lambda m: _swap(m, they), q)
    bare = _OPENER.sub("", q)
    if not terms(_WH.sub("", bare)) and context.last_question:
        # "And when?" asks the previous question again with another question word.
        previous = context.last_question.strip()
        rest = _WH.sub("", previous).rstrip("?")
        head = _WH.match(bare)
        wh = head.group().strip() if head else bare.rstrip("?")
        if _PARTITIVE.match(rest) and not _HOW_MUCH.match(wh):
            # "When?" after "how many of them?": not "when of them?"; the count's thing is not
            # the question.
            rest = _PARTITIVE.sub("", rest)
        # "Where?" after "when will she be sworn in?": "where will she be sworn in?".
        asked = _WH.match(previous)
        aux = _AUX_END.search(asked.group()) if asked else None
        if aux and not _AUX_END.search(wh):
            wh = f"{wh} {aux.group(1)}"
        # "What was it before?" after "how much is the bill now?": the previous question at the
        # time the follow-up names, "what was the bill before?".
        when = [w for w in _WORD.findall(bare[head.end() :] if head else "") if w.lower() in _WHEN]
        if when:
            rest = " ".join(w for w in rest.split() if w.lower() not in _WHEN)
        q = " ".join([wh, rest, *when]) + "?"
        if person and _PERSON_PRONOUN.search(q):
            # "Where?" after "when will she be sworn in?": she is the person of the answer.
            q = _PERSON_PRONOUN.sub(lambda m: _swap(m, person), q)
    return q


_PARTITIVE = re.compile(r"\s*of\s+[^?]*$", re.IGNORECASE)
_HOW_MUCH = re.compile(r"how\s+(?:many|much)\b", re.IGNORECASE)
_AUX_END = re.compile(
    r"\b(is|are|was|were|did|does|do|has|have|had|will|would|could|can)\s*$", re.IGNORECASE
)
# Words of time a follow-up may ask the previous question at: "and before?", "what was it then?"
_WHEN = wordset("before now then previously originally today currently earlier later afterwards")
