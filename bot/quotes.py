"""Quotes and speakers: who said what in an article, following "he said" / "she added" / "the
spokesman said" back to the person named before, and quotes whose attribution is in the next or
previous sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot import spans
from bot.words import STOP_WORDS, stem, wordset

_SAY = (
    r"(?:said|says|say|told|tells|added|adds|explained|announced|claimed|argued|noted|stated|"
    r"warned|insisted|replied|wrote|writes|recalled|continued|declared|admitted|stressed|"
    r"confirmed|tweeted|posted|called|described|asked|saying|calling|describing|adding|"
    r"warning|telling|urged|urging|appealed|advised)"
)
_PRONOUN = r"(?:he|she|they|it)"
_ROLE = (
    r"(?:the\s+|a\s+)?(?:[\w-]+\s+){0,3}?(?:spokesman|spokeswoman|spokesperson|official|officials|"
    r"minister|president|police|statement|lawyer|attorney|source|sources|report|ministry|"
    r"department|agency|company|coach|manager|chief|director|prosecutor|prosecutors|witness|"
    r"mother|father|wife|husband|family|friend|neighbour|neighbor|doctor|researcher|expert)"
)
# ", he said." / "he added" / "the spokesman said" / "said Ms. Ruiz"
_PRONOUN_SAID = re.compile(
    rf"\b({_PRONOUN}|{_ROLE})\s+(?:(?:also|later|then|has|had|have|once|[a-z]+ly)\s+)?{_SAY}\b",
    re.IGNORECASE,
)
# "said Burton": a name after the verb is the speaker, except after "told"/"asked" (the listener).
_SAID_NAME = re.compile(
    r"\b(?:said|says|added|adds|explained|wrote|continued|insisted|replied|warned)\s+"
    r"((?:[A-Z][\w.'’-]*\s*){1,5})"
)
_NAME_SAID = re.compile(
    # "Save the Children told": a name may hold "of" or "the" between its capitalised words.
    rf"((?:[A-Z][\w.'’-]*\s+(?:(?:of|the|for)\s+)?){{0,4}}[A-Z][\w'’-]+),?\s+"
    rf"(?:who\s[^,]{{1,80}},\s+)?(?:(?:also|later|then|once|[a-z]+ly)\s+)?{_SAY}\b"
)
# A verb right after the name "said" is followed by: the name opens the reported clause.
_CLAUSE_VERB = re.compile(
    r"\s*(?:had|has|have|was|were|is|are|would|will|could|should|did|does|do|must|may|might|"
    r"can|had\s+been)\b"
)
_ACCORDING = re.compile(r"\baccording\s+to\s+((?:[A-Z][\w.'’-]*\s*){1,5})")

# The verbs whose clause is what someone said ("called to a flat", "described herself as" are not).
_REPORT = (
    r"(?:said|says|told|tells|added|adds|explained|claimed|argued|noted|stated|warned|"
    r"insisted|replied|wrote|writes|confirmed|admitted|stressed|declared|tweeted|revealed|"
    r"asserting|saying|adding|warning|telling|urged|urging|advised)"
)
# "urged people not to travel ...": who was urged, before what they were urged to do.
_URGED = re.compile(
    r"^\s*(?:the\s+|all\s+)?(?:(?:[A-Z][\w.&'’-]*|[a-z]+)\s+){0,3}?(?=(?:not\s+)?to\s+[a-z])"
)
# (Up to "that" there is no verb of a clause: in "said the fire had started in a truck that was
# being charged", the clause starts after "said", and "that" is the truck's.)
_REPORT_THAT = re.compile(
    rf"(?<!been )(?<!was )(?<!were )\b{_REPORT}\b"
    r"(?:(?!\b(?:had|has|have|was|were|is|are|would|will|could|can|did|does|may|might|should|"
    r"must)\b)[^.;]){0,60}?"
    r"\bthat\s+(.{8,400}?)[.!?]?$"
)
_REPORT_CLAUSE = re.compile(
    rf"(?<!been )(?<!was )(?<!were )\b{_REPORT}\s+(?:on\s+\w+\s+)?(?:that\s+)?(.{{8,400}}?)[.!?]?$"
)
# "..., said Rassol Omar, a commander ...": the clause before the comma.
_COMMA_SAID_NAME = re.compile(
    r",\s+(?:said|says|added|adds|explained|continued)\s+(?:[A-Z]|mrs?\b|ms\b|dr\b)"
)
# An appositive name right before ", said": "the chief executive, Amanda Price".
_ENDS_WITH_PERSON = re.compile(r",\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}$")
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
        "police",
        "detective",
        "official",
        "attorney",
        "lawyer",
        "spokesperson",
        "commissioner",
        "referee",
        "det",
        "insp",
        "supt",
        "engineer",
        "photographer",
        "pundit",
        "producer",
        "executive",
        "lawmaker",
        "teacher",
        "nurse",
        "pastor",
        "captain",
        "passenger",
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
    role: str = ""  # how the article introduces the speaker ("Coast Guard official ...")


def person_name(text: str) -> str:
    """ "Russian U.N. Ambassador Vitaly Churkin" -> "Vitaly Churkin": a name without its titles."""
    parts = text.strip().rstrip(",.").split()
    k = 0
    for j in range(len(parts) - 1):
        # "Salt Lake City Police Detective Dennis McGowan": the name after the last title.
        if parts[j].lower().rstrip(".") in _TITLE_WORDS | {"u.n", "u.s"}:
            k = j + 1
    if k == len(parts) - 1 and parts[k - 1].lower() in _FORCES:
        return " ".join(parts)  # "Police Scotland" is a force, not a person called Scotland
    return " ".join(parts[k:])


_FORCES = frozenset(["police", "fire", "ambulance", "coastguard"])


def _people(sentence: str) -> list[str]:
    return [person_name(s.text) for s in spans.names(sentence) if s.kind == "person"]


def _named_speaker(sentence: str) -> str | None:
    for pattern in (_SAID_NAME, _ACCORDING, _SAID_TITLED, _TITLED_SAID):
        for m in pattern.finditer(sentence):
            if pattern is _SAID_NAME and _CLAUSE_VERB.match(sentence, m.end(1)):
                # "Sarah Okafor said Greaves had ...": the one the report is about, not the
                # speaker.
                continue
            name = m.group(1).strip()
            if name.split()[0].lower() not in STOP_WORDS:
                return person_name(name)
            break
    for m in _NAME_SAID.finditer(sentence):
        name = m.group(1).strip()
        apposed = _APPOSED.search(sentence[: m.start(1)]) or _HOME_APPOSED.search(
            sentence[: m.start(1)]
        )
        if apposed:
            name = apposed.group(1)
        first = name.split()[0].lower()
        if first in STOP_WORDS and len(name.split()) == 1:
            continue
        if first in ("the", "a", "but", "and"):
            name = " ".join(name.split()[1:])
        if name:
            return person_name(name)
    return None


# Quote marks, two-character ones first: CNN's ``...'' and straight, curly and single quotes.
_MARK = re.compile(r"``|''|[\"“”‘’']")
_CLOSERS = {
    "``": ("''", '"', "”"),
    "“": ("”", '"', "''"),
    '"': ('"', "”", "''"),
    "‘": ("’", "'"),
    "'": ("'", "’"),
}
_MAX_QUOTE_SENTENCES = 4  # a quote left open longer than this was not one


def _opens(mark: str, before: str, after: str, rest: str, lead: str) -> bool:
    if mark in ("``", "“", "‘", '"'):
        return True
    if mark != "'" or before.isalnum():
        return False  # "customers' doors", "don't"
    if after.isalnum():
        return True  # 'We want ...
    # A spaced mark (" ' I noticed"): a quote when a capital or the sentence's end follows;
    # "ISIS ' cruelty" is a possessive the cleaning spaced out.
    # After a colon or at a sentence's start it opens whatever follows (lower-cased texts).
    nxt = rest.lstrip()
    return not nxt or nxt[0].isupper() or nxt[0].isdigit() or not lead or lead.endswith(":")


def _closes(kind: str, mark: str, before: str, after: str) -> bool:
    if mark not in _CLOSERS[kind]:
        return False
    if mark in ("'", "’"):
        if before.isalnum() and after.isalnum():
            return False  # an apostrophe
        if not before.isalnum() and before not in ",.!?;:-" and after.isalnum():
            return False  # a quote opened inside the quote: 'the 'successful candidate' ...'
    return True


# The tail of a contraction after a spaced apostrophe: "couldn ’ t", "i ’ ll", "it ' s".
_SPACED_APOSTROPHE = re.compile(r" (?:t|s|re|ll|ve|d|m)\b")
_WORD_SPACE = re.compile(r"[^\W\d_] $")


# ", ' rosas said." / ", ” she added": a closing mark and the speaker after it.
_REOPENS = re.compile(rf"[,!?]\s*(?:''|[\"”'’])\s*(?:[\w.'’-]+\s+){{0,3}}{_SAY}\b")


def quote_pieces(sentences: list[str]) -> list[list[tuple[int, int]]]:
    """For each sentence, the (start, end) of the quoted text in it, following quotes that the
    sentence splitter cut in two: ``We want ... Saturday. We need ...''"""
    pieces: list[list[tuple[int, int]]] = [[] for _ in sentences]
    kind: str | None = None
    opened = 0
    current: list[tuple[int, int, int]] = []
    start = 0
    for i, s in enumerate(sentences):
        if kind is not None and i - opened >= _MAX_QUOTE_SENTENCES:
            kind, current = None, []
        start = 0
        for m in _MARK.finditer(s):
            mark, a, b = m.group(), m.start(), m.end()
            if (
                mark in ("'", "’")
                and _SPACED_APOSTROPHE.match(s, b)
                and _WORD_SPACE.search(s, 0, a)
            ):
                continue  # "couldn ’ t", "you ’ re": a contraction the cleaning spaced out
            before = s[a - 1] if a > 0 else " "
            after = s[b] if b < len(s) else " "
            if kind is None:
                if _opens(mark, before, after, s[b:], s[:a].rstrip()):
                    kind, opened, start, current = mark, i, b, []
            elif s[:a].rstrip().endswith(":") and s[b:].strip(" .'\"”’"):
                # "' Jose rosas, who was searching, told wfaa: ' we're just ...": a mark after a
                # colon opens the quote; the one left open before it was a stray.
                kind, opened, start, current = mark, i, b, []
            elif _closes(kind, mark, before, after) or (
                # "`` these girls are most vulnerable, `` koirala said.": the lower-cased texts
                # close with the opening mark after a comma or a full stop.
                kind == mark == "``" and s[:a].rstrip()[-1:] in (",", ".", "!", "?")
            ):
                current.append((i, start, a))
                if sum(len(sentences[k][x:y].split()) for k, x, y in current) >= 3:
                    for k, x, y in current:
                        if sentences[k][x:y].strip(" ,"):
                            pieces[k].append((x, y))
                kind, current = None, []
                if not s[:a].strip() and _REOPENS.search(s, b):
                    # "two. ' I'm probably going to come back, ' rosas said.": the mark that
                    # closed the quote before also opens this sentence's own.
                    kind, opened, start, current = mark, i, b, []
        if kind is not None:
            current.append((i, start, len(s)))
    return pieces


# "..., Coast Guard official Filippo Marini said." / "..., Yian Dakhil, a lawmaker, told CNN."
_TRAILING_SAY = re.compile(rf"\b{_SAY}\b([^,;:]{{0,40}})$")
_CLAUSE_AFTER_SAY = re.compile(
    r"\s+(?:that\s+)?(?:he|she|they|it|we|i|there)\s+(?:was|were|is|are|had|has|have|would|will|"
    r"could|felt|feels|hoped|hopes|expected|expects|[a-z]+ed)\b"
)
_LISTENER = re.compile(
    r"^\s*(?:the\s+)?(?:(?:[A-Z][\w.&'’-]*|\d+|of|the)\s+){0,5}?(?:[A-Z][\w.&'’-]*|reporters|"
    r"journalists|the\s+newspaper)\s+(?=[a-z])"
)
_SUBJECT_START = re.compile(
    r"^(?:[A-Z\d]|(?:he|she|they|it|the|a|an|his|her|their|its|police|officials)\b)"
)
# "attorney Pierce O'Donnell": a title word just before a name, to find who "her lawyer" is.
_TITLED_NAME = re.compile(r"\b([a-z][a-z-]+)\s+((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]+)")
# "Mark Wolper, son of the original's producer David L. Wolper, added": Mark Wolper spoke.
_APPOSED = re.compile(
    r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}),\s+(?:the\s+)?(?:son|daughter|wife|husband|"
    r"father|mother|brother|sister|widow|friend|partner)\s+of\s[^,]{0,80}$"
)
# "Darren Pike, 34, of | Mansfield, admitted": the name is the person's, not his town's.
_HOME_APPOSED = re.compile(
    r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}),\s+(?:(?:aged\s+)?\d{1,3},\s+)?(?:of|from)\s+$"
)
# A phrase with a word of spans.PERSON_HEADS at its head means the person the story is about
# ("the hopeless romantic also stated ...").
_DESCRIPTOR = re.compile(
    rf"^\s*(?:The|the|This|this)\s+((?:[a-z\d][\w-]*\s+){{1,3}}?)(?:also\s+|later\s+|then\s+)?{_SAY}\b"
)
_SAID_TITLED = re.compile(
    r"\b(?:said|says|added|adds|explained|continued)\s+((?:mr|mrs|ms|miss|dr)\.?\s+[\w'’-]+)",
    re.IGNORECASE,
)
_TITLED_SAID = re.compile(
    rf"\b((?:mr|mrs|ms|miss|dr)\.?\s+[\w'’-]+),?\s+(?:also\s+)?{_SAY}\b", re.IGNORECASE
)
_COLON_SAY = re.compile(rf"\b{_SAY}\b[^:]{{0,60}}:\s*$|\b{_SAY}\b\W*$")


def _trailing(s: str) -> tuple[str, str] | None:
    """ "It wasn't clear why, Osman said." -> ("It wasn't clear why", "Osman")."""
    m = _TRAILING_SAY.search(s.rstrip(" .!?\"'”’"))
    if not m or len(m.group(1).split()) > 6 or _CLAUSE_AFTER_SAY.match(m.group(1)):
        # ("The local MP, Alec Shelbrooke, said he was disappointed ...": what follows "said" is
        # what he said, not where he said it.)
        return None
    verb = m.start()
    commas = [k for k in range(verb) if s[k] == ","]
    for n in range(len(commas) - 1, -1, -1):
        c = commas[n]
        phrase = s[c + 1 : verb].strip(" ,")
        if not phrase:
            continue
        named = re.search(r"\b[A-Z][a-z]", phrase)  # "harbour official Lena Brandt"
        if phrase.endswith(" who") or len(phrase.split()) > 14:
            return None
        if not _SUBJECT_START.match(phrase) and not (named and len(phrase.split()) <= 6):
            return None
        if n > 0 and phrase.split()[0].lower() in ("the", "a", "an"):
            # "Yian Dakhil, the only lawmaker ..., told CNN": the name before the apposition.
            prev = s[commas[n - 1] + 1 : c].strip()
            if prev and len(prev.split()) <= 4 and all(w[0].isupper() for w in prev.split()):
                phrase, c = f"{prev}, {phrase}", commas[n - 1]
        elif n > 0 and all(w[0].isupper() for w in phrase.split()) and len(phrase.split()) <= 4:
            # "..., the prosecutor, Aisha Raman, told the court": the role before the name.
            prev = s[commas[n - 1] + 1 : c].strip()
            if _ROLE_BEFORE_NAME.match(prev):
                phrase, c = f"{prev}, {phrase}", commas[n - 1]
        clause = s[:c].strip(" ,")
        if len(clause.split()) < 3:
            return None
        return clause, phrase
    return None


_ROLE_BEFORE_NAME = re.compile(r"^(?:the|his|her|their|its)\s+(?:[\w'’-]+\s+){0,2}[a-z][\w-]*$")


_ACCORDING_AT = re.compile(
    r"(?:^|,\s+)according\s+to\s+([^,]{2,80}?)(?:,\s+|[.!?]?$)", re.IGNORECASE
)


def _according(s: str) -> tuple[str, str] | None:
    """ "Most were women, according to Omar." -> ("Most were women", "Omar"); also "According to
    Omar, most were women"."""
    m = _ACCORDING_AT.search(s)
    if not m:
        return None
    rest = (s[: m.start()] + (" " if m.start() else "") + s[m.end() :]).strip(" ,.")
    return (rest, m.group(1)) if len(rest.split()) >= 4 else None


def _reported(s: str) -> str:
    """The clause after the verb: "told CNN the group fears ..." -> "the group fears ..."."""
    m = _COMMA_SAID_NAME.search(s)
    if m and len(s[: m.start()].split()) >= 3 and not _ENDS_WITH_PERSON.search(s, 0, m.start()):
        # ("Northgate's chief executive, Amanda Price, said Hartley's would ...": the words
        # before are who spoke, and the clause is after "said".)
        return s[: m.start()]
    m = _REPORT_THAT.search(s)
    if m:
        return m.group(1)
    m = _REPORT_CLAUSE.search(s)
    if not m:
        return ""
    clause = m.group(1)
    if re.match(r"\s*(?:told|tells|telling)\b", s[m.start() :]):
        listener = _LISTENER.match(clause)
        if listener and listener.end() < len(clause):
            clause = clause[listener.end() :]
    elif re.match(r"\s*(?:urged|urging|advised)\b", s[m.start() :]):
        urged = _URGED.match(clause)
        if urged and urged.end() < len(clause):
            clause = clause[urged.end() :]
    return clause


def titles(sentences: list[str]) -> dict[str, str]:
    """Title word (its stem, "attorney" for "lawyer") -> the person the article gives it to."""
    out: dict[str, str] = {}
    for s in sentences:
        for m in _TITLED_NAME.finditer(s):
            word = m.group(1)
            if word not in STOP_WORDS and len(word) > 3:
                key = stem(word)
                out.setdefault(_SAME_ROLE.get(key, key), person_name(m.group(2)))
    return out


def _phrase_speaker(
    phrase: str, last_person: str | None, titled: dict[str, str] | None = None
) -> str | None:
    """The speaker a subject phrase names: a person in it, "he" -> the person named before,
    "the IOM" -> "IOM"."""
    words = phrase.split()
    if words[0].lower() in ("he", "she", "they") and len(words) == 1:
        return last_person
    name = _named_speaker(phrase.split(",")[0] + " said")
    if name:
        return name
    people = _people(phrase)
    if people:
        return people[0]
    head = stem(words[-1].strip(",."))
    if titled and len(words) <= 4 and _SAME_ROLE.get(head, head) in titled:
        return titled[_SAME_ROLE.get(head, head)]  # "her lawyer" -> attorney Pierce O'Donnell
    if words[0].lower() in ("the", "a", "an") and _is_person(words[-1]) and len(words) <= 4:
        return last_person  # "the 31-year-old", "the hopeless romantic"
    return None


# People spoken of as a group, at the start of a sentence: "Investigators from the Rail Accident
# Investigation Branch arrived ...", "Health officials said ...".
_GROUP_WORDS = wordset(
    """police officials residents researchers scientists witnesses paramedics firefighters doctors
    nurses staff neighbours neighbors parents pupils students teachers workers campaigners
    protesters officers investigators experts councillors villagers locals fans passengers drivers
    engineers inspectors detectives prosecutors lawyers organisers organizers volunteers rescuers
    coastguards ministers leaders managers owners shoppers customers users visitors forecasters
    economists analysts"""
)
# The group's word, first or after one word ("Health officials"), and where they are from.
_GROUP_SUBJECT = tuple(
    re.compile(
        rf"^((?:The\s+|Local\s+|Two\s+|Three\s+|Several\s+|Some\s+)?{before}([A-Za-z]+)"
        r"(?:\s+(?:from|of|at|with|in|for)\s+(?:the\s+)?[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|"
        r"and|for)){0,6})?)(?=,|\s+[a-z])"
    )
    for before in ("", r"[A-Z][\w-]*\s+")
)


def group_subject(sentence: str) -> str | None:
    """The people a sentence opens on when they are a group ("Investigators from the Rail
    Accident Investigation Branch"), or None."""
    m = next(
        (
            m
            for p in _GROUP_SUBJECT
            if (m := p.match(sentence)) and m.group(2).lower() in _GROUP_WORDS
        ),
        None,
    )
    if m is None:
        return None
    text = m.group(1)
    # Not the "and"/"of" a run of names would end on.
    return re.sub(r"(?:\s+(?:of|and|for))+$", "", text)


def _is_person(head: str) -> bool:
    head = head.lower().rstrip(",.")
    return head in spans.PERSON_HEADS or head.endswith("-year-old")


def _roles(sentences: list[str], name: str) -> str:
    """The words the article puts around a person's name: "attorney Pierce O'Donnell", "Yian
    Dakhil, the only lawmaker representing ...", for matching "what did the lawyer say"."""
    last = name.split()[-1]
    out: list[str] = []
    pat = re.compile(
        rf"(?:[\w'’.-]+\s+){{0,4}}\b{re.escape(last)}\b"
        rf"(?:,\s+(?:(?:the|a|an)\s[^,.;]{{1,60}}|prosecuting|defending|representing\s[^,.;]{{1,40}}))?"
    )
    for s in sentences:
        if last not in s:
            continue
        for m in pat.finditer(s):
            out.append(m.group())
        # "Her husband, Daniel,": the word before the comma says who he is.
        out.extend(m.group() for m in _HEAD_NAMED.finditer(s) if m.group(2).split()[-1] == last)
        # "Greaves's solicitor, Daniel Pryce, said": the words before the comma, the name's
        # apposition.
        out.extend(
            m.group(1) for m in _APPOSED_BEFORE.finditer(s) if m.group(2).split()[-1] == last
        )
    return " ".join(out)


# "<up to four words>, <Name>," - the words before the comma say who the name is.
_APPOSED_BEFORE = re.compile(
    r"(?:^|(?<=[,;:]\s))((?:[\w'’-]+\s+){0,3}[\w'’-]+),\s+"
    r"((?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+),"
)


def _full_name(
    sentences: list[str],
    name: str,
    at: int = 0,
    seen: dict[str, list[tuple[int, str]]] | None = None,
) -> str:
    """ "Osman" -> "Nuri Osman", "mrs dunican" -> "Paula dunican": a name given by surname in the
    fuller form the article gives it, the nearest one before sentence `at` first. `seen` keeps
    each surname's full forms, so an article is read once per surname."""
    words = name.split()
    titled = words[0].lower().rstrip(".") in ("mr", "mrs", "ms", "miss", "dr", "det")
    last = words[-1]
    if (len(words) > 1 and not titled) or len(last) < 3 or not last[0].isalpha():
        return name
    seen = {} if seen is None else seen
    if last not in seen:
        pat = re.compile(rf"\b([A-Z][\w'’-]+\s+(?:[A-Z]\.\s+)?){re.escape(last)}\b")
        seen[last] = [
            (k, m.group().strip())
            for k, sentence in enumerate(sentences)
            if last in sentence
            for m in pat.finditer(sentence)
            if (first := m.group(1).split()[0].lower().rstrip(".")) not in _TITLE_WORDS
            and first not in STOP_WORDS
            and first not in ("mr", "miss")
        ]
    forms = seen[last]
    before = [full for k, full in forms if k <= at]
    if before:
        return before[-1]
    return forms[0][1] if forms else name


def _outside(sentence: str, pieces: list[tuple[int, int]]) -> str:
    """The sentence with its quoted parts blanked: the words around them name the speaker."""
    for a, b in reversed(pieces):
        sentence = sentence[:a] + " Q " + sentence[b:]
    return sentence


# A person named beside a word that says who they are to the story: "Her husband, Daniel,".
_HEAD_SEX = {
    **dict.fromkeys(
        [
            "man",
            "boy",
            "father",
            "husband",
            "son",
            "brother",
            "businessman",
            "grandfather",
            "dad",
            "actor",
            "spokesman",
            "widower",
            "nephew",
            "uncle",
        ],
        "m",
    ),
    **dict.fromkeys(
        [
            "woman",
            "girl",
            "mother",
            "wife",
            "daughter",
            "sister",
            "businesswoman",
            "grandmother",
            "mum",
            "actress",
            "spokeswoman",
            "widow",
            "niece",
            "aunt",
        ],
        "f",
    ),
}
_HEAD_NAMED = re.compile(
    r"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he|[Aa]n?|[Ii]ts)\s+(?:[a-z][\w-]*\s+){0,2}?"
    rf"({'|'.join(sorted(spans.APPOSED_HEADS | set(_HEAD_SEX)))})"
    r",\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}),"
)
_SEXED_TITLE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+([A-Z][\w'’-]+)")
# The sex a pronoun says its person is (bot.qa reads "she" / "he" questions with it too).
PRONOUN_SEX = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}


def _people_in(sentence: str, sex: dict[str, str]) -> list[str]:
    """The people a sentence names, in order: those spans.names takes for people, and those named
    beside a word for a person ("her husband, Daniel,"). Notes in `sex` (by surname) whose sex
    the sentence shows: "her husband", "Mrs"."""
    found = [
        (sp.start, person_name(sp.text)) for sp in spans.names(sentence) if sp.kind == "person"
    ]
    for m in _HEAD_NAMED.finditer(sentence):
        name = person_name(m.group(2))
        found.append((m.start(2), name))
        if m.group(1) in _HEAD_SEX:
            sex.setdefault(name.split()[-1], _HEAD_SEX[m.group(1)])
    for m in _SEXED_TITLE.finditer(sentence):
        sex.setdefault(m.group(2), "m" if m.group(1) == "Mr" else "f")
    out: list[str] = []
    for _, name in sorted(found):
        if name and name not in out:
            out.append(name)
    return out


def speeches(sentences: list[str]) -> list[Said | None]:
    """For each sentence: what it reports someone said, and who, when it does."""
    out: list[Said | None] = [None] * len(sentences)
    pieces = quote_pieces(sentences)
    titled = titles(sentences)
    full_names: dict[str, list[tuple[int, str]]] = {}
    last_person: str | None = None
    seen: list[str] = []  # the people named so far, the latest last
    sex: dict[str, str] = {}  # by surname, where the article shows it

    def person_for(phrase: str) -> str | None:
        """Whom "he" or "she" means: the latest person named whose sex, where the article shows
        it, fits the pronoun ("Her husband, Daniel, ... He said" is Daniel, not the nurse)."""
        head = phrase.split()[0].lower() if phrase.split() else ""
        if head == "they" and len(phrase.split()) == 1 and at > 0:
            # "Investigators ... arrived on Wednesday. They said ...": the group just named.
            group = group_subject(sentences[at - 1])
            if group:
                return group
        want = PRONOUN_SEX.get(head)
        if want is None or len(phrase.split()) > 1:
            return last_person
        for person in reversed(seen):
            if sex.get(person.split()[-1], want) == want:
                return person
        return last_person

    pending: str | None = None  # "Reeves, who leads the investigation, said:" -> the next quote
    pending_at = -1
    at = 0  # the sentence being read
    # A quote running on from the sentence before has that sentence's speaker.
    for i, s in enumerate(sentences):
        at = i
        found = [s[a:b] for a, b in pieces[i]]
        quote = bool(found)
        words = " … ".join(w.strip(" ,'\"`") for w in found if w.strip(" ,'\"`"))
        outside = _outside(s, pieces[i])
        speaker = _named_speaker(outside)
        pronoun = _PRONOUN_SAID.search(outside)
        said_here = bool(speaker or pronoun or re.search(rf"\b{_SAY}\b", outside))
        attribution = None
        if not quote:
            trail = _trailing(s)
            if trail:
                words, phrase = trail
                speaker = _phrase_speaker(phrase, person_for(phrase), titled) or speaker
            elif said_here:
                words = _reported(s)
            if not words:
                found_by = _according(s)
                if found_by:
                    words, said_here = found_by[0], True
                    speaker = speaker or _phrase_speaker(
                        found_by[1], person_for(found_by[1]), titled
                    )
        if speaker is None and pronoun:
            speaker = _phrase_speaker(pronoun.group(1), person_for(pronoun.group(1)), titled)
        if speaker is None and said_here and words:
            m = _DESCRIPTOR.match(outside)
            if m and _is_person(m.group(1).split()[-1]):
                speaker = last_person
            else:
                verb = re.search(rf"\b{_SAY}\b", outside)
                # (Not a name of a clause about the speaker: "Tom Haskins, whose Liberal
                # Democrat group voted against, called ...".)
                before = _people(_RELATIVE.sub(",", outside[: verb.start()])) if verb else []
                speaker = before[-1] if before else None
        if quote and speaker is None:
            # A quote standing alone: its speaker is named just before (a colon, or the quote
            # runs on) or just after it.
            nxt = sentences[i + 1] if i + 1 < len(sentences) else ""
            runs_to_next = pieces[i][-1][1] == len(s)
            after = None
            if nxt and (runs_to_next or not pieces[i + 1]) and not _own_report(nxt, pieces[i + 1]):
                after = _named_speaker(_outside(nxt, pieces[i + 1]))
            prev = out[i - 1] if i > 0 else None
            runs_on = pieces[i][0][0] == 0
            lead = s[: pieces[i][0][0]].rstrip(" '\"`“‘")
            if lead and not lead.endswith(":"):
                pass  # a title or a phrase quoted inside a sentence ("the `` Roots '' remake")
            elif pending and pending_at == i - 1:
                speaker, attribution = pending, i - 1
            elif prev is not None and prev.quoted and runs_on:
                speaker = prev.speaker
                attribution = prev.attribution if prev.attribution is not None else i - 1
            elif after:
                speaker, attribution = after, i + 1
            elif nxt and not pieces[i + 1] and (later := _PRONOUN_SAID.search(nxt)) and last_person:
                speaker, attribution = person_for(later.group(1)), i + 1
            elif prev is not None:
                speaker, attribution = prev.speaker, i - 1
        if not quote and _COLON_SAY.search(s):
            pending = speaker or (person_for(pronoun.group(1)) if pronoun else None)
            pending_at = i
        if speaker:
            speaker = _full_name(sentences, speaker, i, full_names)
        if words and (speaker or said_here or (quote and attribution is not None)):
            out[i] = Said(speaker, words.strip().rstrip(","), attribution, quote)
        people = _people_in(s, sex)
        if speaker:
            last_person = speaker
        elif people:
            last_person = people[-1]
        for person in [*people, *([speaker] if speaker else [])]:
            if person in seen:
                seen.remove(person)
            seen.append(person)
    roles: dict[str, str] = {}
    for i, sp in enumerate(out):
        if sp is not None and sp.speaker:
            if sp.speaker not in roles:
                roles[sp.speaker] = _roles(sentences, sp.speaker)
            out[i] = Said(sp.speaker, sp.words, sp.attribution, sp.quoted, roles[sp.speaker])
    return out


def _own_report(sentence: str, pieces: list[tuple[int, int]]) -> bool:
    """Whether a sentence with no quote reports speech of its own ("Dartford boss Steve Ingram
    said the sending-off had changed the game"): then it is no attribution of the quote before
    it, which is the previous speaker's."""
    if pieces:
        return False
    reported = _reported(sentence)
    return bool(reported) and len(reported.split()) >= 4


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


_NAMED_CALLED = re.compile(r"^\s*what\s+(?:is|was|are|were)\s+\S.*\bcalled\b", re.IGNORECASE)


def say_question(question: str) -> tuple[str, str] | None:
    """("Kerry", "the Geneva talks") for "What did Kerry call the Geneva talks?"; else None."""
    if _NAMED_CALLED.match(question):
        return None  # "What was their son called?" asks for a name
    m = _SAY_QUESTION.match(question) or _REACTION.match(question)
    if not m:
        return None
    who = m.group(1).strip()
    return who, m.group(2).strip(" ?")


def who_said_question(question: str) -> bool:
    return bool(_WHO_SAID.match(question))


# One word for the titles a question and an article give the same person.
_SAME_ROLE = {
    "lawyer": "attorney",
    "barrist": "attorney",  # "What did his lawyer say?" - "barrister Michael Grant said ..."
    "solicitor": "attorney",
    "counsel": "attorney",
    "defenc": "defens",
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
    "offic": "offici",
    "cop": "polic",
    "detect": "polic",
    "boss": "chief",  # "the boss" of "Verlund's chief executive"
    "ceo": "chief",
    "chairwoman": "chairman",
    "chairperson": "chairman",
    "cabbi": "cab",  # "the cab driver" is the cabbie, or the taxi driver
    "taxi": "cab",
    "prosecut": "prosecutor",  # "David Jenkins, prosecuting, told the court"
}
# Words of a role that say nothing about who it is ("the family's lawyer": "lawyer" tells).
_WEAK = frozenset(["famili", "the", "new", "former", "top", "senior", "local"])


def _stems(text: str) -> set[str]:
    return {
        _SAME_ROLE.get(stem(w), stem(w))
        for w in re.findall(r"[^\W_]+", text)
        if w.lower() not in STOP_WORDS
    }


def shares_role(who: str, role: str) -> bool:
    """Whether the question's "X" names a word of the role the article gives a speaker ("the
    family's lawyer" and attorney Pierce O'Donnell; "the defence" and "Anna Price, defending")."""
    asked = {w[:5] for w in _stems(who) - _WEAK if len(w) > 3}
    return bool(asked & {w[:5] for w in _stems(role)})


def matches_speaker(who: str, speaker: str | None, sentence: str, role: str = "") -> bool:
    """True when the question's "X" is this speaker (any of its name words, or of the words the
    article introduces them with: "the coast guard official" for Coast Guard official Filippo
    Marini), or is named in the sentence next to a verb of speech."""
    want = _stems(who)
    if not want:
        # "What did he say?": a pronoun the conversation did not resolve; any speaker will do.
        return speaker is not None
    if speaker and want & _stems(speaker):
        return True
    owner = _OWNER.match(who)
    if owner and not _owned(
        _stems(owner.group(1)), _stems(f"{role} {speaker}") if speaker else _stems(sentence)
    ):
        # "Unison's leader" / "the council's leader" is not Opposition leader Tom Haskins.
        return False
    if speaker and role and (want - _WEAK) & _stems(role):
        return True
    say = re.search(_SAY, sentence)
    if say is None or not want & _stems(sentence):
        return False
    # "Barnsley Council said it would ask Mrs Nair to ...": a name before the verb of speech
    # is the one who spoke, and it is not Nair.
    before = sentence[: say.start()]
    return not (_NAME_BEFORE_SAY.search(before) and not want & _stems(before))


def _owned(owner: set[str], there: set[str]) -> bool:
    """Whether the owner's words are among those of a speaker ("Pakistan's" and "Pakistani")."""
    return any(o[:4] == t[:4] for o in owner for t in there if len(o) >= 4 and len(t) >= 4) or bool(
        owner & there
    )


_RELATIVE = re.compile(r",\s+(?:who|whose|which)\b[^,]*,")
_OWNER = re.compile(r"^\s*(?:the\s+)?([\w-]+(?:\s+[\w-]+){0,3}?)['’]s?\s+\w")
_NAME_BEFORE_SAY = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+\s*,?\s*$")


def about_share(about: str, text: str) -> float:
    """The share of the question's "about Y" words found in a quote and its sentence."""
    want = _stems(about)
    return len(want & _stems(text)) / len(want) if want else 0.0
