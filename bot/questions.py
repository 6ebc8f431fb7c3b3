"""Question typing: which kind of answer (person, place, date, number, thing) a question asks for."""

from __future__ import annotations

import re
from enum import StrEnum

# A question that opens with "where" itself ("and where was it?"); "what building ...?" and
# "which city ...?" ask for a place too, but for a name of its kind.
ASKS_WHERE = re.compile(r"^\W*(?:(?:and|so)\s+)?where\b", re.IGNORECASE)


class QType(StrEnum):
    """The kind of answer a question expects."""

    PERSON = "person"
    PLACE = "place"
    DATE = "date"
    NUMBER = "number"
    THING = "thing"  # what/which/why/how and everything else


# Order matters: the more specific patterns ("what year", "how many") come before the bare
# question words, and the first match anywhere in the question wins over later ones.
_PATTERNS: tuple[tuple[re.Pattern[str], QType], ...] = (
    (
        re.compile(
            r"\b(?:what|which|in what|in which|during what|at what)\s+"
            r"(?:year|years|decade|century|centuries|date|dates|day|days|month|months|time|era|period|season)\b"
            r"|\bhow\s+long\s+ago\b|\bsince\s+when\b|\buntil\s+when\b"
            # "How early do the ovens start?": a time of day ("4am").
            r"|\bhow\s+(?:early|late)\s+(?:do|does|did|is|are|was|were|will|can|could)\b"
        ),
        QType.DATE,
    ),
    (
        re.compile(
            r"\bhow\s+(?:many|much|long|far|old|large|big|high|tall|deep|wide|often|fast|heavy|"
            r"few|great|small|hot|cold|warm|low|expensive|strong|close|near)\b"
            r"|\b(?:what|which)\s+(?:percentage|percent|proportion|number|amount|size|"
            r"fraction|population|distance|length|height|temperature|speed|cost|price|rate|"
            r"share|area|total|sum|age|weight|depth|quantity)\b"
            # "What's the cost of the wall?", "what was the vote?": a sum, a count, a tally.
            r"|\bwhat(?:['’]s|\s+(?:is|was|were|are|will\s+be))\s+(?:the\s+)?(?:total\s+|final\s+)?"
            r"(?:cost|price|value|budget|salary|fee|fine|bill|bail|worth|amount|size|population|"
            r"score|tally|margin|vote|death\s+toll|toll|turnout|ransom|reward|prize\s+money)\b"
            # A follow-up naming only the thing: "and the delivery fee?", "what about the price?"
            r"|^\s*(?:and|so|what\s+about|how\s+about)\s+(?:the\s+|its\s+|their\s+)?(?:[a-z]+\s+)?"
            r"(?:cost|costs|price|prices|fee|fees|fine|bill|budget|salary|fare|rent|toll|"
            r"death\s+toll|score|ransom|reward|turnout)\W*$"
        ),
        QType.NUMBER,
    ),
    (
        re.compile(
            r"\b(?:what|which|in what|in which)\s+(?:city|cities|country|countries|state|states|"
            r"place|places|town|towns|region|regions|continent|location|area|province|county|"
            r"island|nation|village|street|river|building|district|neighborhood|neighbourhood|"
            r"capital|airport|airports|station|stadium|hospital|hotel|prison|port|harbour|harbor|"
            r"bridge|venue|lake|lakes|mountain|mountains|sea|ocean|valley|suburb|park)\b"
        ),
        QType.PLACE,
    ),
    (re.compile(r"\bwhen\b"), QType.DATE),
    (re.compile(r"\bwhere\b"), QType.PLACE),
    (
        re.compile(
            r"\bwho(?:m|se)?\b|\b(?:what|which)\s+(?:person|man|woman|people)\b"
            # "What's his name?", "what is her surname?": a person's name.
            r"|\bwhat(?:['’]s|\s+is|\s+was|\s+are|\s+were)\s+(?:his|her|their)\s+"
            r"(?:(?:full|first|last|real)\s+)?(?:names?|surnames?)\b"
        ),
        QType.PERSON,
    ),
)


def question_type(question: str) -> QType:
    """The answer type a question asks for; THING when nothing more specific is recognised."""
    q = question.lower()
    best: tuple[int, int, QType] | None = None
    for rank, (pattern, qtype) in enumerate(_PATTERNS):
        m = pattern.search(q)
        if m is None:
            continue
        # Earliest match in the question wins ("Who ... when ..." is a who question); on a tie
        # the more specific pattern listed first wins.
        key = (m.start(), rank, qtype)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else QType.THING


_SEVERAL = re.compile(
    r"\b(?:what|which)\s+(?!(?:is|was|has|does|this|these|those|its|his)\b)(?:[a-z]+\s+)?"
    r"(?!(?:is|was|has|does|this|its|his)\b)[a-z]{2,}[^s\W]s\s+"
    r"(?:did|does|do|are|were|will|would|can|could|have|had|has|is|was|were)\b",
    re.IGNORECASE,
)
_ELSE = re.compile(r"\bwhat\s+else\b", re.IGNORECASE)
# "What did she order?": the object of a deed, which the article may give as a list.
_OBJECT = re.compile(
    r"^\W*(?:and\s+|so\s+)?what\s+(?:did|does|do|will|would|has|have|had)\s+"
    r"(?!(?:this|that|it|these|those)\b)\S",
    re.IGNORECASE,
)


def asks_for_several(question: str) -> bool:
    """ "What cars did he buy?", "which networks will show it?": a plural thing, so a list; and
    "what did she order?", whose answer is every thing of a list the sentence gives."""
    return any(p.search(question) for p in (_SEVERAL, _ELSE, _OBJECT))
