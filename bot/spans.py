"""Heuristic entity and span finding in English news sentences: names, places, dates, numbers.

No models: capitalisation, a few word lists and regular expressions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from bot import pos
from bot.words import STOP_WORDS, stem, wordset

_MONTHS = (
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)(?!\w)"
)
_WEEKDAYS = (
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
)
# Lower-cased texts ("on march 26", "in october 2012"): a month only with its day or year.
_LOWER_MONTHS = (
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)"
)
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
_DATE_PARTS = (
    # "the last weekend of September", "the first Monday of May", "the second half of 2015"
    r"\b(?:first|second|third|fourth|fifth|last|final)\s+(?:weekend|week|day|half|quarter"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+of\s+(?:"
    + _MONTHS
    + rf"(?:,?\s+{_YEAR})?|{_YEAR}\b)",
    rf"{_WEEKDAYS},?\s+{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?:,?\s+{_YEAR})?",
    rf"{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?:,?\s+{_YEAR})?",
    rf"{_LOWER_MONTHS}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?(?!\d|[.,]\d)(?:,?\s+{_YEAR})?|{_YEAR}\b)",
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_LOWER_MONTHS}\b(?:,?\s+{_YEAR})?",
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}(?:,?\s+{_YEAR})?",
    rf"(?:(?:early|late|mid)[- ])?{_MONTHS}(?:\s+{_YEAR})?",
    rf"{_WEEKDAYS}(?:\s+(?:morning|afternoon|evening|night))?",
    # "6.15pm on Tuesday", "10pm on Friday, March 3": the time with its day.
    r"(?<![\d.:])\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)\s+on\s+(?:"
    + _WEEKDAYS
    + r"(?:,?\s+"
    + _MONTHS
    + r"\s+\d{1,2}(?!\d))?|"
    + _MONTHS
    + r"\s+\d{1,2}(?!\d))",
    r"(?<![\d.:])\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)(?:\s+[A-Z]{2,4}T\b)?",  # "6.15pm"
    r"\b(?:noon|midnight|yesterday|today|tonight|tomorrow)\b",
    r"\b(?:last|next|this|earlier\s+this|later\s+this)\s+(?:week|weekend|month|year|spring|summer|"
    r"autumn|fall|winter|morning|night|evening|decade|century|" + _WEEKDAYS + r")\b",
    r"\b(?:the\s+)?(?:early|late|mid)?[- ]?\d{1,2}(?:st|nd|rd|th)[- ]century\b",
    r"\b(?:the\s+)?(?:early|late|mid-)?\s*" + _YEAR + r"0?s\b",
    # A span of years is one date: "1775–1795", "1973-74".
    r"\b" + _YEAR + r"\s*[–—-]\s*(?:" + _YEAR + r"|\d{2})\b",
    r"\b" + _YEAR + r"\b(?:\s*(?:BC|AD|BCE|CE)\b)?",
    r"\b\d{1,6}\s*(?:BC|AD|BCE|CE|BP)\b",
    # A match's clock: "in the 52nd minute", "in stoppage time", "at half-time".
    r"\bthe\s+\d{1,3}(?:st|nd|rd|th)\s+minute\b",
    r"\b(?:stoppage|injury|added)\s+time\b|\bhalf[- ]time\b",
    # A time counted from the story's moment: "two hours later", "65.5 million years ago".
    r"\b(?:(?:about|around|some|nearly|almost|just|only|more\s+than|less\s+than)\s+)?"
    r"(?:\d+(?:[.,]\d+)?(?:\s+(?:thousand|million|billion))?|an?|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|a\s+few|few|several|many)"
    r"\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)\s+"
    r"(?:later|earlier|ago|afterwards)\b",
)
_DATE = re.compile("|".join(f"(?:{p})" for p in _DATE_PARTS))

_NUM_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|dozen|dozens|hundreds|thousands|millions|half|a\s+dozen)"
)
CURRENCY = "$£€¥"  # the signs a sum of money starts with (as in _NUMBER and MONEY)
_SCALE = r"(?:\s?(?:hundred|thousand|million|billion|trillion|m|bn|k)\b)?"
_PERCENT = r"(?:\s*(?:%|percent\b|per\s+cent\b))?"
# A share said anywhere: "4%", "four per cent".
PERCENT = re.compile(r"%|\bper\s*cent\b|\bpercent\b", re.IGNORECASE)
_PENCE = r"\d{1,3}(?:\.\d+)?p\b"  # "15p a minute": a sum of money, like "£1.50"
_NUMBER = re.compile(
    # A tally first: "31 votes to 9"; a rate: "one in five", "2 out of 3".
    r"\b\d[\d,]*\s+votes?\s+to\s+\d[\d,]*\b|"
    r"\b(?:(?:about|around|nearly|almost|roughly|some|more\s+than|less\s+than)\s+)?"
    r"(?:one|two|three|four|five|\d{1,3})\s+(?:in|out\s+of)\s+(?:every\s+)?"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|\d{1,4})\b(?![.,]\d)|"
    r"(?:(?:about|around|nearly|almost|over|more\s+than|less\s+than|fewer\s+than|some|"
    r"approximately|roughly|up\s+to|at\s+least|several)\s+)?"
    r"(?:[$£€¥]\s?\d(?:[\d,]*\d)?(?:\.\d+)?"
    + _SCALE
    + r"|"
    # Pence ("15p a minute") and a share ("a third of the bikes", "two-thirds of voters").
    + _PENCE
    + r"|\b(?:a|one|two|three|four)[- ](?:half|thirds?|quarters?|fifths?|"
    r"tenths?)(?=\s+of\b)|"
    r"\d(?:[\d,]*\d)?(?:\.\d+)?"
    + _SCALE
    + _PERCENT
    + r"|\b"
    + _NUM_WORDS
    + r"(?:[- ]"
    + _NUM_WORDS
    + r")*\b"
    + _SCALE
    + _PERCENT
    + r")",
    re.IGNORECASE,
)
# "How much did it cost / pay / raise ...", "what's the price ...": a question for a sum of money
# (the words between may be possessives or hyphenated: "the agency's flood-defence wall cost").
_MONEY_QUESTION = re.compile(
    r"\bhow\s+much\b(?:\s+[\w'’-]+){0,8}?\s+(?:cost|costs|costing|pay|paid|pays|spend|spent|worth|price|"
    r"charge|charged|charges|raise|raised|earn|earned|earns|fined|owe|owed|owes|sell|sold|buy|"
    r"bought|budget|salary|fee|fees|bail|compensation|damages|invest|invested|fine|tickets?|"
    r"fares?|rent|admission|payments?|payouts?|bills?|wages?|bonus(?:es)?|pensions?|grants?|"
    r"loans?|debts?|tax(?:es)?|subsid(?:y|ies)|donations?|prize\s+money|redundancy)\b"
    # "How much did she lose / steal / win / give ...?": a sum, when no other thing is asked
    # after "much" ("how much weight did he lose?").
    r"|\bhow\s+much\s+(?:money\s+|cash\s+)?(?:did|does|do|has|have|had|will|would|could)\s+"
    r"(?:[\w'’-]+\s+){0,8}?(?:lose|lost|loses|steal|stole|stolen|win|won|wins|receive|received|"
    r"donate|donated|give|gave|given|borrow|borrowed|lend|lent|make|made|makes|award|awarded|"
    r"repay|repaid|refund|refunded|collect|collected|save|saved|take|took|taken)\b"
    # "How much profit does it make?": a sum named right after "much".
    r"|\bhow\s+much\s+(?:profit|revenue|turnover|income|money|cash)\b"
    r"|\bwhat(?:['’]s|\s+is|\s+was|\s+will\s+be)\s+the\s+(?:total\s+)?(?:cost|price|budget|salary|"
    r"fee|fine|bill|bail|ransom|reward)\b",
    re.IGNORECASE,
)
MONEY = re.compile(
    r"[$£€¥]|\b(?:dollars?|pounds?|euros?|yen|yuan|rupees?|francs?|cents?|pence|marks?|"
    r"roubles?|rubles?|pesos?|crowns?|kronor|krona|kroner|krone|lira|lire|liras|shillings?|"
    # (not "rand": the RAND Corporation, Ayn Rand)
    r"guilders?|drachmas?|dinars?|dirhams?|riyals?|rials?|shekels?|zloty|forints?|baht|ringgit|"
    r"rupiah|USD|GBP|EUR)\b|\b" + _PENCE,
    re.IGNORECASE,
)


# "How big is the hardship fund?": the size of a sum of money.
_SUM_SIZE = re.compile(
    r"\bhow\s+(?:big|large|small)\s+(?:is|was|are|were|will\s+be)\s+(?:the|their|its|his|her|"
    r"this|that|a|an)\s+(?:[\w'’-]+\s+){0,3}?(?:fund|budget|grant|loan|deal|prize|award|debt|"
    r"deficit|package|investment|donation|fine|payout|settlement|bonus|overspend|shortfall|"
    r"bill|pay\s+rise|pay\s+offer)s?\b",
    re.IGNORECASE,
)
# "How much will council tax go up?": by a sum or a share ("4.99%"), not only a sum.
_CHANGE_ASKED = re.compile(
    r"\bhow\s+much\s+(?:will|would|did|does|do|has|have|had|is|are|was|were)\b.*\b(?:go|goes|"
    r"going|gone|went)\s+(?:up|down)\b|\bhow\s+much\b.*\b(?:rise|rises|rising|rose|risen|"
    r"increase|increases|increased|increasing|fall|falls|fell|fallen|drop|drops|dropped|grow|"
    r"grows|grew|grown|jump|jumped|climb|climbed|soar|soared)\s*[?.!]*\s*$",
    re.IGNORECASE,
)


def asks_for_money(question: str) -> bool:
    return bool(
        (_MONEY_QUESTION.search(question) and not _CHANGE_ASKED.search(question))
        or _SUM_SIZE.search(question)
    )


# A number is followed by its unit when the next word is a plain lower-case word.
_UNIT = re.compile(r"\s+(?:[a-z][a-z-]*|km|mi|kg|lb|m|ft|°[CF])\b")

TITLES = wordset(
    """mr mrs ms dr prof maj gen col lt sgt capt cmdr adm gov sen rep rev fr st sir dame lord lady
    president chancellor minister premier mayor governor senator judge justice king queen prince
    princess pope bishop archbishop general colonel captain sergeant lieutenant admiral commander
    officer inspector detective chief secretary ambassador professor doctor"""
)
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her"})
_CONNECTORS = frozenset(
    {
        "of",
        "de",
        "da",
        "del",
        "della",
        "di",
        "van",
        "von",
        "der",
        "la",
        "le",
        "du",
        "bin",
        "al",
        "y",
        "&",
    }
)
_PLACE_SUFFIXES = wordset(
    """city county river street island islands province valley mountains mountain lake bay sea
    ocean park square road avenue bridge airport station state states republic kingdom coast
    peninsula desert forest hills hill district region village town gulf strait canal harbor
    harbour beach port"""
)
# The part of a place a name follows: "the middle of Norbury", "the outskirts of Leeds".
PLACE_PARTS = wordset(
    """middle centre center heart edge outskirts suburbs streets north south east west northern
    southern eastern western"""
)
_PLACE_WORDS = wordset(
    """africa america asia europe australia antarctica oceania britain england scotland wales
    ireland france germany spain italy portugal russia china japan india pakistan brazil canada
    mexico peru chile argentina egypt israel iran iraq syria turkey greece poland ukraine sweden
    norway finland denmark netherlands belgium switzerland austria hungary kenya nigeria korea
    vietnam thailand indonesia afghanistan london paris berlin rome madrid moscow beijing tokyo
    washington york chicago boston warsaw lyon jerusalem california texas florida"""
)
_PLACE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "from",
        "to",
        "across",
        "into",
        "outside",
        "inside",
        "throughout",
        "towards",
        "toward",
        "around",
        "via",
        "through",
    }
)
# Words for a person: "the 31-year-old", "her husband, Daniel," (see _classify).
PERSON_HEADS = frozenset(
    [
        "man",
        "woman",
        "boy",
        "girl",
        "mother",
        "father",
        "romantic",
        "actor",
        "actress",
        "singer",
        "star",
        "player",
        "politician",
        "lawmaker",
        "veteran",
        "teenager",
        "victim",
        "pensioner",
        "student",
        "businessman",
        "businesswoman",
        "grandmother",
        "grandfather",
        "midfielder",
        "striker",
        "defender",
        "goalkeeper",
        "skipper",
        "captain",
        "pilot",
        "driver",
        "farmer",
        "teacher",
        "doctor",
        "nurse",
        "chef",
        "owner",
        "founder",
        "boss",
        "coach",
        "manager",
        "mayor",
        "officer",
        "worker",
        "resident",
        "passenger",
        "mum",
        "dad",
        "husband",
        "wife",
        "millionaire",
        "billionaire",
        "entrepreneur",
        "author",
        "writer",
        "artist",
        "photographer",
        "painter",
        "poet",
        "novelist",
        "composer",
        "sculptor",
        "architect",
        "barrister",
        "solicitor",
        "lawyer",
        "prosecutor",
    ]
)
# Words for a person that a name set off by commas may follow: "Her husband, Daniel,".
APPOSED_HEADS = PERSON_HEADS | {
    "son",
    "daughter",
    "brother",
    "sister",
    "partner",
    "friend",
    "spokesman",
    "spokeswoman",
    "neighbour",
}
_PERSON_VERBS = wordset(
    """said says told added asked wrote explained announced claimed argued noted stated warned
    insisted replied spoke"""
)
_NOT_NAMES = wordset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december"""
)

_TOKEN = re.compile(r"[^\W_]+(?:['’.\-&][^\W_]+)*\.?|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Span:
    """A stretch of a sentence: text, kind (person/place/name/date/number/chunk) and offsets."""

    text: str
    kind: str
    start: int
    end: int


def _tokens(sentence: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(sentence)]


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or (tok[:1].isdigit() is False and tok.isupper() and len(tok) > 1)


def _plural_possessive(toks: list[tuple[str, int, int]], j: int) -> bool:
    """toks[j] is the apostrophe of "Workers' Party": right after a word in -s, then a space."""
    return (
        toks[j][0] in ("'", "’")
        and toks[j - 1][0].endswith("s")
        and toks[j - 1][2] == toks[j][1]
        and j + 1 < len(toks)
        and toks[j + 1][1] == toks[j][2] + 1
    )


def _bare(tok: str) -> str:
    return tok.rstrip(".").lower()


def _find_dates(sentence: str) -> list[Span]:
    """Date and time expressions, longest first at each position.

    Month names count only capitalised, and a bare "May" only after a word that introduces a
    time ("in May", "since May"): otherwise it is the modal verb ("May residents return?").
    """
    out = []
    for m in _DATE.finditer(sentence):
        text = m.group().strip()
        if (text == "May" or _LOWER_MAY.search(text)) and not _BEFORE_MONTH.search(
            sentence, 0, m.start()
        ):
            continue  # "May residents return?", "they may 12 ...", "the 4 may be wrong"
        out.append(Span(text, "date", m.start(), m.end()))
    return out


_LOWER_MAY = re.compile(r"\bmay\b")
_BEFORE_MONTH = re.compile(
    r"\b(?:in|of|on|since|until|till|by|from|to|through|during|early|late|mid|last|next|this|"
    r"between|and|or|before|after)\s+$",
    re.IGNORECASE,
)


def _find_numbers(sentence: str, *, with_unit: bool = True) -> list[Span]:
    """Numbers (digits, number words, money, percentages), with a following unit word if any."""
    out = []
    for m in _NUMBER.finditer(sentence):
        text, end = m.group(), m.end()
        if not any(c.isdigit() for c in text) and text.lower() in {"some", "half"}:
            continue
        if (
            with_unit
            and not text.lower().endswith(("%", "percent", "per cent"))
            and not any(c in text for c in CURRENCY)
        ):
            # A percentage or a sum of money has its unit: "nine per cent service charge" is
            # "nine per cent", "£12million sea wall" is "£12million".
            u = _UNIT.match(sentence, end)
            if (
                u
                and u.group().strip().lower() not in STOP_WORDS
                and not _MODIFIER_LIST.match(sentence, u.end())
            ):
                end = u.end()
        out.append(Span(sentence[m.start() : end].strip(), "number", m.start(), end))
    return out


# "120 hip|, knee and cataract operations": the word after the number is the first of a list of
# words describing the thing counted, not its unit.
_MODIFIER_LIST = re.compile(r",\s+[a-z]+(?:,\s+[a-z]+)*,?\s+(?:and|or)\s+[a-z]+\s+[a-z]+")


# The doer of a passive, named by what they are: "discovered by a dog walker", "filmed by a
# passer-by", "run by the council" answer "who", with no name (group 1: the doer).
AGENT = re.compile(
    r"\bby\s+((?:an?|the|his|her|their|its|two|three|several|local)\s+(?:[a-z-]+\s+){0,2}"
    r"(?:[a-z-]+(?:er|or|ist|ian|ant|ent|man|men|woman|women|by|ers|ors|ists|ians|ants|ents|ce|"
    # "found by a mountain rescue team", "rescued by a lifeboat crew"
    r"cil)|team|crew|squad|patrol|unit)"
    # "formed three years ago by residents opposed to ...": people, plural, with no article
    r"|(?:local\s+)?[a-z-]+(?:ers|ors|ists|ians|ants|ents|men|women))\b"
)


def _find_names(sentence: str, *, first_word_ok: bool = False) -> list[Span]:
    """Runs of capitalised words, classified as person, place or (unknown) name.

    A sentence's first word counts only when it is not a stop word, since capitalisation there
    says nothing.
    """
    toks = _tokens(sentence)
    out: list[Span] = []
    i = 0
    while i < len(toks):
        tok = toks[i][0]
        bare = _bare(tok)
        starts = _is_cap(tok) and tok[0].isalpha() and bare not in _NOT_NAMES
        if starts and bare in STOP_WORDS and (i == 0 or not first_word_ok):
            # Mid-sentence, a capitalised stop word after a word and before another capitalised
            # word starts a name ("in New York City"); at the start it says nothing.
            starts = (
                i > 0
                and toks[i - 1][0][0].isalnum()
                and i + 1 < len(toks)
                and _is_cap(toks[i + 1][0])
                and toks[i + 1][0][0].isalpha()
                and _bare(toks[i + 1][0]) not in STOP_WORDS
            )
        if not starts:
            i += 1
            continue
        j = i + 1
        while j < len(toks):
            t = toks[j][0]
            if _is_cap(t) and t[0].isalpha() and _bare(t) not in _NOT_NAMES:
                j += 1
            elif (
                (t.lower() in _CONNECTORS or _plural_possessive(toks, j))
                and j + 1 < len(toks)
                and _is_cap(toks[j + 1][0])
                and toks[j + 1][0][0].isalpha()
            ):
                # "Bank of England"; a plural possessive inside a name: "Polish United
                # Workers' Party", "the Miners’ Welfare Hall".
                j += 2
            else:
                break
        run = toks[i:j]
        start, end = run[0][1], run[-1][2]
        text = sentence[start:end].rstrip(",")
        if text.endswith(("'s", "’s")):
            text = text[:-2]  # "Lyon's old town": the name is Lyon
        if text.endswith(".") and _bare(run[-1][0]) not in TITLES and len(run[-1][0]) > 2:
            text = text[:-1]
        before = [t[0].lower() for t in toks[max(0, i - 2) : i]]
        kind = _classify(run, before, _bare(toks[j][0]) if j < len(toks) else "")
        if kind == "name" and _common_opening(toks, i, j):
            i = j
            continue
        if not (len(run) == 1 and _bare(run[0][0]) in TITLES):
            out.append(Span(text, kind, start, start + len(text)))
        i = j
    return out


_OPENING_TAGS = frozenset(("ADJ", "ADV", "DET", "NUM", "ADP", "VERB"))


def _common_opening(toks: list[tuple[str, int, int]], i: int, j: int) -> bool:
    """A sentence's first word, capitalised only for opening it, before the noun it describes:
    "Previous research has found ...", "Young people ...", not a name. "Brown said" keeps
    Brown."""
    if j != i + 1 or j >= len(toks) or any(t[0][0].isalnum() for t in toks[:i]):
        return False
    lex = pos.lexicon()
    nxt = toks[j][0]
    first = toks[i][0].lower()
    if lex.get(first) == "NOUN" and first.endswith("s") and nxt == ",":
        return True  # "Names, home addresses and ... were taken": a list of things
    return lex.get(first) in _OPENING_TAGS and nxt[0].islower() and lex.get(nxt) in ("NOUN", "ADJ")


def _classify(run: list[tuple[str, int, int]], before: list[str], after: str) -> str:
    bares = [_bare(t[0]) for t in run]
    if (
        bares[0] == "st"
        and len(run) > 1
        and (
            bares[-1] in _ORG_WORDS | _PLACE_SUFFIXES
            or any(b.endswith(("'s", "’s")) for b in bares)
        )
    ):
        return "place"  # "St Brenna's Hospital", "St Paul's Cathedral": a saint's, not a person
    if bares[0] in TITLES:
        return "person"
    if len(before) == 2 and before[1] == "," and after == "," and before[0] in APPOSED_HEADS:
        return "person"  # "Her husband, Daniel, followed her"
    if bares[-1] in _PLACE_SUFFIXES or any(b in _PLACE_WORDS for b in bares):
        return "place"
    prev = before[-1] if before else ""
    if prev in _PLACE_PREPS:
        return "place"
    if prev == "of" and len(before) == 2 and before[0] in _PLACE_SUFFIXES | PLACE_PARTS:
        return "place"  # "the village of Trevoux", "the middle of Norbury"
    if prev in PERSON_HEADS and 2 <= len(run) <= 3 and not any(b in _CONNECTORS for b in bares):
        return "person"  # "the painter John Whitlam", "barrister Michael Grant"
    if any(b in _DETERMINERS for b in before):
        # "the old Pont Vert bridge": a determiner means a thing, not a person.
        return "name"
    if after in _PERSON_VERBS:
        # "Ruiz said": a name followed by a verb of speech.
        return "person" if len(run) <= 3 else "name"
    if 2 <= len(run) <= 3 and not any(b in _CONNECTORS for b in bares):
        return "person"
    return "name"


_ORG_WORDS = wordset(
    """council ministry party company inc corp corporation ltd plc llc university college
    association committee agency department bank court police army navy forces group union club
    fc united service office government commission organisation organization foundation institute
    school hospital airlines airways news times post press network channel tv radio league
    federation senate congress parliament assembly board authority administration bureau
    centre center museum church society trust fund partners holdings motors studios records
    nations guard corps force brigade"""
)


def is_organisation(name: str) -> bool:
    """True for names of bodies rather than people: "Security Council", "Apple Inc"."""
    words = [w.rstrip(".").lower() for w in name.split()]
    return bool(words) and words[-1] in _ORG_WORDS


def dateline_place(text: str) -> str | None:
    """The place of a news dateline such as "LYON (AP) --" or "LYON, France --"."""
    m = re.match(
        r"\s*([A-Z][A-Z .'-]{1,40}?)(?:,\s*[A-Z][\w. ]{1,30})?\s*(?:\([^)]{1,20}\))?\s*(?:--|—|–|-)\s",
        text,
    )
    if not m:
        return None
    return m.group(1).strip().title()


def content_stems(text: str) -> set[str]:
    """Stems of the non-stop words of a text, for checking what a question already says."""
    return {stem(w) for w in re.findall(r"[^\W_]+", text) if w.lower() not in STOP_WORDS}


def chunks(sentence: str, avoid: Iterable[str]) -> list[Span]:
    """Noun-phrase-like chunks: runs of words that are neither stop words nor in `avoid` stems.

    A cheap stand-in for a parser when the question asks "what" or "which".
    """
    avoid_set = set(avoid)
    out: list[Span] = []
    run: list[tuple[str, int, int]] = []

    def flush() -> None:
        if run:
            s, e = run[0][1], run[-1][2]
            out.append(Span(sentence[s:e].rstrip("."), "chunk", s, e))
            run.clear()

    for tok, s, e in _tokens(sentence):
        low = tok.lower().rstrip(".")
        if not tok[0].isalnum() or low in STOP_WORDS or stem(low) in avoid_set:
            flush()
        else:
            run.append((tok, s, e))
    flush()
    return out


# Words that end a noun-phrase-like chunk: determiners, pronouns, prepositions, conjunctions,
# auxiliaries and a few adverbs. Much smaller than STOP_WORDS, which also lists content words
# ("first", "new", "example") that answers often contain.
_FUNCTION = wordset(
    """a an the this that these those its their his her our your my it they he she we i you them
    him us who whom whose which what when where why how whether if than then so as such
    of in on at by for with from to into onto upon over under about above below between among
    through during before after since until against without within across along around toward
    towards via per like near beyond behind despite throughout
    and or but nor yet while although though because unless whereas
    is are was were be been being am has have had having do does did done will would shall should
    can could may might must also not no only just very too more most both each either neither
    all any some there here such other another same own often usually generally mainly largely
    however thus therefore hence including included known called named said says according"""
)
_JOINERS = frozenset({"of", "and", "for", "de", "du", "von", "van"})


def phrases(sentence: str, avoid: Iterable[str]) -> list[Span]:
    """Candidate answer phrases: runs of words that are neither function words nor `avoid` stems.

    Runs joined by "of"/"and"/"for" ("School for Naval Architects", "light and heat") are offered
    too, as are the parts, so that the caller can prefer the one best placed.
    """
    avoid_set = set(avoid)
    runs: list[tuple[int, int]] = []  # token index ranges
    toks = _tokens(sentence)
    breaks: list[str] = []  # the token after each run
    start = -1
    for k, (tok, _s, _e) in enumerate(toks):
        low = tok.lower().rstrip(".")
        ok = (tok[0].isalnum() or tok[0] in "$£€¥") and low not in _FUNCTION
        if ok and stem(low) in avoid_set:
            ok = False
        if ok and start < 0:
            start = k
        elif not ok and start >= 0:
            runs.append((start, k))
            breaks.append(low)
            start = -1
    if start >= 0:
        runs.append((start, len(toks)))
        breaks.append("")
    out: list[Span] = []

    def add(a: int, b: int) -> None:
        s, e = toks[a][1], toks[b - 1][2]
        text = sentence[s:e].rstrip(".,;:")
        if text:
            out.append(Span(text, "chunk", s, s + len(text)))

    for n, (a, b) in enumerate(runs):
        add(a, b)
        if (
            n + 1 < len(runs)
            and breaks[n] in _JOINERS
            and runs[n + 1][0] == b + 1
            and runs[n + 1][1] - a <= 8
        ):
            add(a, runs[n + 1][1])
    return out


def distance_phrase_end(sentence: str, start: int) -> bool:
    """True when the text before `start` ends in a bearing such as "25 kilometers north of"."""
    return bool(_BEARING.search(sentence, 0, start))


_BEARING = re.compile(
    r"(?:\b(?:north|south|east|west|northeast|northwest|southeast|southwest|upstream|downstream)"
    r"(?:ern)?(?:-?(?:east|west))?\s+of|\b(?:km|kilometers|kilometres|miles|mi|meters|metres)"
    r"\)?\s+(?:\([^)]*\)\s+)?(?:from|outside))\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# A sentence is asked about again and again (each question, its shortlist, each candidate span):
# its dates, numbers and names are found once and kept for the sentences seen last. Spans are
# frozen; each caller gets its own list.
_MEMO = 8192


@lru_cache(maxsize=_MEMO)
def _dates(sentence: str) -> tuple[Span, ...]:
    return tuple(_find_dates(sentence))


@lru_cache(maxsize=_MEMO)
def _numbers(sentence: str, with_unit: bool) -> tuple[Span, ...]:
    return tuple(_find_numbers(sentence, with_unit=with_unit))


@lru_cache(maxsize=_MEMO)
def _names(sentence: str, first_word_ok: bool) -> tuple[Span, ...]:
    return tuple(_find_names(sentence, first_word_ok=first_word_ok))


def dates(sentence: str) -> list[Span]:
    """Date and time expressions, longest first at each position (see _find_dates)."""
    return list(_dates(sentence))


def numbers(sentence: str, *, with_unit: bool = True) -> list[Span]:
    """Numbers (digits, number words, money, percentages), with a following unit word if any."""
    return list(_numbers(sentence, with_unit))


def names(sentence: str, *, first_word_ok: bool = False) -> list[Span]:
    """Runs of capitalised words, classified as person, place or (unknown) name (see
    _find_names)."""
    return list(_names(sentence, first_word_ok))
