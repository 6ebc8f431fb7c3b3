"""What a chat remembers between questions, so that a follow-up ("What did she find?", "And
when?") is read against the answer before it: the people and things of the last answer and the
last question. The service keeps it per chat in the store; `bot.followup` does the reading."""

from __future__ import annotations

import re

from bot import followup, quotes, reasons, spans
from bot.followup import Context
from bot.qa import Answer, asked_who_is, asks_what_happened
from bot.questions import QType, question_type
from bot.words import STOP_WORDS, stem, terms, words

# A few of each is enough to resolve "he", "she", "it" and "they"; older ones only mislead.
MAX_PEOPLE = 3
MAX_THINGS = 3
MAX_THING_WORDS = 6
MAX_REMEMBERED_CHARS = 300
_ANY_DIGIT = re.compile(r"[0-9]")


_PRONOUN = re.compile(r"\b(he|she|him|her|his|hers|it|its|they|them|their)\b", re.IGNORECASE)
_POSSESSIVE = {"his", "its", "their", "her"}
_OPENER = re.compile(r"^\s*(?:and|so|but|then|also|what about|how about)\b", re.IGNORECASE)
_LEAD = re.compile(
    r"^\s*(?:who(?:m|se)?|what(?:'s)?|when|where|why|which|how(?:\s+(?:many|much|long|old|far))?)"
    r"(?:\s+(?:is|are|was|were|did|does|do|has|have|had|will|would|could|can|'s))?\b",
    re.IGNORECASE,
)


# A pronoun right after a verb of saying or claiming is the question's own subject.
_SAYS_BEFORE = re.compile(
    r"\b(?:said|says|say|claimed|claims|claim|announced|announces|admitted|admits|denied|denies"
    r"|thinks|think|thought|believes|believe|believed|insists|insisted|hopes|hoped)\s*$",
    re.IGNORECASE,
)

# ... when it starts a clause of its own ("said it was"; "who denied it?" leans on the story).
_CLAUSE = re.compile(
    r"\s+(?:was|is|were|are|had|has|have|would|will|could|did|does|can|might|must|should)\b", re.I
)
_WHO_WHICH = re.compile(r"^\s*(?:who|which)\b", re.IGNORECASE)


def context_for(question: str, state: Context | None) -> Context | None:
    """The conversation if the question leans on it, else None (the question stands alone).

    A question leans on it when it starts like a continuation ("And when?", "what about the
    fee?") or has a pronoun with nothing in the question it could stand for: "why did he
    leave?" does, "what did the woman find in her coat?" does not (her = the woman)."""
    if state is None:
        return None
    if _OPENER.match(question) or followup.SAID_SO.match(question):
        return state
    if not terms(question) and state.last_question:
        return state  # "Where?", "why?": the previous question with another question word
    head = _LEAD.sub("", question)
    for m in _PRONOUN.finditer(head):
        word = m.group(1).lower()
        rest = head[m.end() :].split()
        possessive = word in _POSSESSIVE and (
            word != "her" or bool(rest and rest[0].lower() not in STOP_WORDS)
        )
        if possessive and terms(head[: m.start()]):
            continue  # "postmates find its drivers": its = postmates
        before = head[: m.start()]
        if (
            _SAYS_BEFORE.search(before)
            and _CLAUSE.match(head[m.end() :])
            and (terms(_SAYS_BEFORE.sub("", before)) or _WHO_WHICH.match(question))
        ):
            continue  # "which group said it was behind the attack": it = the group
        return state
    return None


def resolved(question: str, before: Context | None) -> str:
    """The question as the answerer reads it: pronouns and elisions filled in from `before`."""
    return followup.resolve(question, before) if before is not None else question


def after(question: str, answer: Answer | None, before: Context | None = None) -> Context:
    """The conversation once `answer` was given to `question` (None: the article did not say).

    People come first from the answer itself (the span of a "who" question), then the persons
    of the answer's sentence that the question asked about, then the sentence's other persons,
    then the earlier ones. Things are the span when it names a thing (not a number or a date)
    and the sentence's other names that the question mentions, then the earlier ones. A refusal
    keeps the earlier people and things, so "she" still means the same person afterwards.
    """
    asked = resolved(question, before)
    old_people = before.people if before else ()
    old_things = before.things if before else ()
    if answer is None:
        return Context(
            people=old_people,
            things=old_things,
            last_question=_short(asked),
            last_answer=before.last_answer if before else None,
        )
    qtype = question_type(asked)
    lowered = asked.lower()
    people: list[str] = []
    things: list[str] = []
    span = (answer.span or "").strip()
    place = qtype is QType.PLACE
    say = quotes.say_question(asked)
    if span and not _ANY_DIGIT.search(span) and asked_who_is(asked) is None:
        # (The answer to "who is Nadia Okafor?" says what she is; she is the person.)
        kinds = {s.kind for s in spans.names(span, first_word_ok=True)}
        if say:
            pass  # a quote ("The rifle had been secured properly") is no "it"
        elif reasons.kind(asked) or asks_what_happened(asked):
            # nor a reason or a manner ("already been picked up", "to avoid the fare"), nor what
            # happened ("held in port")
            pass
        elif place:
            # "Humpty Doo, Northern Territory" answers "where": a place, not a "he".
            if len(span.split()) <= MAX_THING_WORDS:
                things.append(span)
        elif "person" in kinds or (qtype is QType.PERSON and kinds and kinds != {"place"}):
            people.append(span)
        elif len(span.split()) <= MAX_THING_WORDS and qtype not in (QType.DATE, QType.NUMBER):
            things.append(span)
    # "Prefer NON smoker": a name ending in capitals is no one.
    found = [
        n for n in spans.names(answer.sentence) if n.kind != "place" and not _SHOUTED.search(n.text)
    ]
    mentioned = [n for n in found if _mentions(lowered, n.text)]
    # "Burton" alone is a name of no known kind; it is a person when the question had them speak
    # ("what did burton say?") or when it is the surname of a person named before.
    speaker = say[0].lower() if say else ""
    aged = _AGED.match(asked)
    if aged:
        speaker = aged.group(1).lower()  # "how old is rich?": Rich is a person
    named = [
        *people,
        *old_people,
        *(n.text for n in found if _is_person(n)),
    ]
    known = {_last(p) for p in named} | {speaker}
    persons = [n for n in mentioned if _is_person(n) or _last(n.text) in known]
    if say:
        # "What did the coast guard official say?": the person the quote's sentence names
        # ("Coast Guard official Filippo Marini said") is the "he" of the next question.
        persons += [n for n in found if _is_person(n) and n not in persons]
    people.extend(n.text for n in persons)
    things.extend(n.text for n in mentioned if n not in persons)
    if not people:
        # "When did the helicopter arrive?" ... "Where did it come from?": the thing the
        # question asked about by its noun, when the answer's sentence names it too (not after
        # an answer about people: "their son" after "who wrote the Globe piece?" is theirs).
        sentence_stems = {stem(w.lower()) for w in words(answer.sentence)}
        things.extend(
            m.group(1)
            for m in _THE_THING.finditer(asked)
            if stem(m.group(1).lower()) in sentence_stems and m.group(1).lower() not in _NOT_THINGS
        )
    # The people asked about and answered come before the earlier ones; the sentence's other
    # persons (a spokesman quoted beside the story's subject) only after them.
    others = [
        n.text
        for n in found
        if _is_person(n) and n not in mentioned and not (place and n.text in span)
    ]
    return Context(
        people=_merge([_surname(p) for p in [*people, *old_people, *others]], MAX_PEOPLE),
        things=_merge([*things, *old_things], MAX_THINGS),
        last_question=_short(asked),
        last_answer=_short(answer.sentence),
    )


_SHOUTED = re.compile(r"\b[A-Z]{2,}$")
_THE_THING = re.compile(r"\b(?:the|this|that)\s+([a-z]{3,})\b(?!\s+(?:of|who|which|that)\b)")
_NOT_THINGS = frozenset(
    [
        "time",
        "day",
        "week",
        "month",
        "year",
        "morning",
        "evening",
        "night",
        "first",
        "last",
        "same",
        "other",
        "article",
        "story",
        "report",
        "news",
        "police",
        "government",
        "council",
    ]
)
_AGED = re.compile(r"^\s*how\s+(?:old|tall)\s+(?:is|was)\s+([\w'’.-]+)\W*$", re.IGNORECASE)


def _is_person(name: spans.Span) -> bool:
    """A name the span rules call a person that is not a body ("Coast Guard", "Security
    Council")."""
    return name.kind == "person" and not spans.is_organisation(name.text)


def _last(name: str) -> str:
    words = name.lower().split()
    return words[-1] if words else ""


def _surname(name: str) -> str:
    """How a story goes on to call a person ("Okafor" for "Judge Miriam Okafor"): the form that
    finds the sentences about them after the one that introduced them."""
    words = name.split()
    last = words[-1].rstrip(".,") if words else ""
    if any(w.lower() in _JOINS for w in words):
        return name  # "Save the Children" is no Mr Children
    if len(words) >= 2 and last[:1].isupper() and last.lower() not in _SUFFIXES:
        return last
    return name


_SUFFIXES = {"jr", "sr", "ii", "iii"}
_JOINS = {"the", "of", "for", "and"}  # words of a body's name, never of a person's


def _mentions(lowered_question: str, name: str) -> bool:
    """The question names this person or thing, by any of its words ("mate" for Bruce Mate)."""
    words = [w for w in re.findall(r"[^\W_]+", name.lower()) if len(w) >= 3]
    return any(re.search(rf"\b{re.escape(w)}\b", lowered_question) for w in words)


def _merge(names: list[str], limit: int) -> tuple[str, ...]:
    """The first `limit` names, without repeating one whose fuller form is already there
    ("Mate" after "Bruce Mate")."""
    out: list[str] = []
    for name in names:
        low = name.lower()
        if any(low in o.lower() for o in out):
            continue
        out.append(name)
    return tuple(out[:limit])


def _short(text: str) -> str:
    return text[:MAX_REMEMBERED_CHARS]
