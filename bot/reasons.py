"""Reasons and manner: the clause of a sentence that answers "why" or "how"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot import pos
from bot.words import STOP_WORDS, stem, wordset
from bot.words import words as split_words

# Markers that say "the reason is": tried before the ambiguous ones below; in news also ", blaming"
# and ", citing" ("will close in June, blaming soaring energy bills").
_WHY_STRONG = re.compile(
    # "due to close in July" is a date set, not a reason: "due to" before a verb of plans.
    r"\b(because(?:\s+of)?|due\s+to(?!\s+(?:be|close|open|reopen|start|begin|end|finish|"
    r"arrive|leave|return|take|meet|appear|retire|launch|resume|face|go|come|run|play|sign|"
    r"visit|hold|make|give|speak|travel|fly|land|expire|complete|receive|stand)\b)|owing\s+to|as\s+a\s+result\s+of|thanks\s+to|so\s+that|"
    r"(?<=,\s)blaming|(?<=,\s)citing|"
    r"in\s+order\s+to|for\s+fear\s+of|in\s+protest\s+(?:at|against|over)|in\s+response\s+to|"
    # "will walk out for four days ... in a dispute over pay"
    r"in\s+an?\s+(?:long-running\s+|bitter\s+)?(?:dispute|row)\s+(?:with\s+[\w\s'’-]{2,40}?\s+)?"
    r"(?:over|about)|"
    r"over\s+concerns?|in\s+(?:a|an)\s+(?:bid|effort|attempt)\s+to|on\s+suspicion\s+of|"
    # "as a symbolic sign of a new beginning", "in memory of her father"
    r"as\s+an?\s+(?:[\w-]+\s+)?(?:sign|mark|token|gesture|tribute)\s+(?:of|to)|"
    r"in\s+(?:memory|hono(?:u)?r)\s+of)\s+([^.;!?]{3,200})",
    re.IGNORECASE,
)
# "after"/"since"/"amid" and a purpose "to + verb": a reason only when not about time, or not
# the object of a verb ("agreed to pay").
_WHY_WEAK = re.compile(
    r"\b(amid|after|following|since|"
    # "threatened to boycott the magazine for underestimating his wealth": for + a deed
    r"for(?=\s+(?!(?:nothing|something|anything|everything|morning|evening|spring|building|"
    r"housing|funding|training|parking|shipping|clothing|meeting|wedding|ceiling|during|king|"
    r"thing|string|ring|sing|bring|swing|sibling|darling|pudding|viewing|opening|ending)\b)"
    r"[a-z]{2,}ing\b)|"
    r"to(?=\s+(?:help|avoid|prevent|protect|stop|allow|make|"
    r"ensure|save|support|reduce|keep|fund|pay|raise|find|mark|honou?r|celebrate|protest|try|"
    r"secure|express|show|get|buy|win|attend|visit|meet|see|seek|join|escape|boost|attract|"
    r"promote|encourage|persuade|convince|hide|cope|fight|combat|tackle|ease|end|discuss|"
    r"negotiate|investigate|study|treat|improve|build|create|demand|warn|highlight|"
    r"draw|spread|collect|earn|cover|prove|check|test|learn|look)\b))\s+([^.;!?]{3,200})",
    re.IGNORECASE,
)
# How long, not what for: "suspended for three months", "banned for life".
_SPELL = (
    r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d[\d.,]*|several|"
    r"(?:a\s+)?few|many|the\s+(?:rest\s+of\s+the|whole|next|past|coming|remaining))\s+"
    # ("for a second booking" is a deed, not a time)
    r"(?:[\w-]+\s+)?(?:seconds|second\b(?!\s+[a-z])|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|"
    r"years?|seasons?|decades?|matche?s?|games?|races?|terms?)\b|life\b|good\b)"
)
_FOR_TIME = re.compile(r"for\s+" + _SPELL, re.IGNORECASE)
# "was dismissed for two bookable offences": the deed a verdict is for; "banned from the club for
# two matches for a dangerous tackle": the deed after whom and how long.
_FOR_DEED = re.compile(
    r"\b(?:dismissed|arrested|jailed|fined|banned|charged|suspended|sacked|fired|punished|"
    r"sentenced|convicted|blamed|critici[sz]ed|praised|condemned|sued|booked|sent\s+off)\s+"
    r"(?:[\w'’-]+\s+){0,4}?(?:for\s+(?:" + _SPELL + r"|(?:a|the)\s+(?:first|second|third|fourth|"
    r"fifth|last)\s+time)\s+)?(for)\s+([^.;!?]{3,200})",
    re.IGNORECASE,
)
# "walked out for two days over changes to their pensions", "resigned over the row": what a
# strike, a protest or a resignation is about - not "over the winter" or "over six years".
_OVER_DISPUTE = re.compile(
    r"\b(?:strikes?|striking|struck|walk(?:ed|s|ing)?\s+out|walkouts?|protest(?:s|ed|ing)?|"
    r"clash(?:ed|es)?|resign(?:s|ed|ing)?|quit|su(?:ed?|ing)|fell\s+out|"
    r"argu(?:e|ed|es|ing)|boycott(?:s|ed|ing)?|rowed|rowing)\s+"
    r"(?:[\w'’-]+\s+){0,4}?(?:for\s+" + _SPELL + r"\s+)?(over)\s+"
    r"(?!(?:the\s+)?(?:past|last|next|coming|following|weekend|summer|winter|spring|autumn|years?|"
    r"months?|weeks?|days?|decades?|period|course|phone|telephone|radio|internet)\b)"
    r"(?!" + _SPELL + r")(?!\d)([^.;!?]{3,200})",
    re.IGNORECASE,
)
# "had fallen by 12% as shoppers turned to healthier snacks": "as" and a clause with its own
# subject and verb, the last resort of a "why" (not "as well as", "as a teacher", "as soon as").
_WHY_AS = re.compile(
    r"(?<!\bwell\s)\b(as)\s+(?!(?:well|a|an|part|such|if|though|soon|long|much|many|far|of|for|to|usual|ever|"
    r"always|expected|planned|before|per|with|in|on|at|by|from|one|the\s+(?:first|last|"
    r"only|best|new|main))\b)([^.;!?]{3,200})",
    re.IGNORECASE,
)
MAX_AS_SUBJECT = 6


def _as_clause(m: re.Match[str]) -> bool:
    """Whether the words after "as" are a subject and its verb ("shoppers turned")."""
    said = m.group(2).split()[: MAX_AS_SUBJECT + 1]
    tags = pos.tag(said)
    return len(tags) > 1 and tags[0] != "VERB" and "VERB" in tags[1:]


# "too embarrassed to shout": why he did not.
_TOO = re.compile(
    r"\b(too\s+(?:[a-z]+ly\s+)?[a-z]+(?:\s+(?:away|off|out|behind|late|early|long))?)(?=\s+to\s)",
    re.IGNORECASE,
)
_PURPOSE = re.compile(_WHY_WEAK.pattern.replace("amid|after|following|since|", ""), re.IGNORECASE)
_TIME_AFTER = re.compile(
    r"(?:since|after|following)\s+(?:\d|then\b|(?:the\s+)?(?:beginning|start|end|first|last|"
    r"early|mid|late|previous|next|turn|age)\b|(?:(?:a|an)\s+(?=(?:[\w-]+\s+){0,2}?(?:"
    r"seconds?|minutes?|hours?|days?|nights?|weeks?|fortnight|months?|years?|seasons?|decades?|"
    r"while|moment|time|spell|period|break|delay|wait|pause)\b)|(?:one|two|three|four|five|six|"
    r"several|few|many|some|nearly|almost|more|less|about|just|only)\s(?!of\b))|midnight\b|dark\b|"
    r"dawn\b|school\b|work\b|lunch\b|dinner\b|breakfast\b|class\b|"
    r"noon\b|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|january\b|february\b|march\b|"
    r"april\b|may\b|june\b|july\b|august\b|september\b|october\b|november\b|december\b|"
    r"(?:this|that|last|next)\s+(?:year|month|week|season)\b)|since\s+(?:he|she|they|it|i|we)\s",
    re.IGNORECASE,
)
# A verb whose object is an infinitive: "to" after it is not a purpose.
_TAKES_TO_WORDS = (
    "want wants wanted agree agrees agreed order ordered orders ask asked asks decide decided "
    "decides plan plans planned expect expected expects going has have had used able likely "
    "unlikely tried tries trying refuse refused refuses allowed continue continued continues "
    "began begin begins need needs needed hope hoped hopes like seems seem seemed appear appears "
    "appeared set ready failed fail fails forced told urged urge urges vowed vow promised "
    "threatened chose choose sought seek seeks managed attempt attempted attempts due about "
    "how whether where what order permission right chance way reluctant willing eager"
)
_TAKES_TO = frozenset(_TAKES_TO_WORDS.split())
_HOW = re.compile(
    r"\b(by(?=\s+[a-z]+ing\b)|through|using|with\s+the\s+help\s+of|via|"
    r"(?<=died\s)(?:as\s+a\s+result\s+of|from|of|after)|"
    r"(?<=dies\s)(?:as\s+a\s+result\s+of|from|of|after)|by)\s+([^.;!?]{3,160})",
    re.IGNORECASE,
)
# "by" that is a count, a deadline or a margin, not a means.
_NOT_MEANS = re.compile(
    r"by\s+(?:\d|the\s+(?:hundreds|thousands|dozens|millions|end|time|way|sea|seaside|river|"
    r"lake|side|roadside|door|window|road|beach|coast|fire|pool)\b|(?:a|an)\s+"
    r"(?:margin|factor|third|half|quarter)\b|far\b|then\b|now\b|(?:mon|tues|wednes|thurs|fri|"
    r"satur|sun)day\b|(?:this|next|last)\s)",
    re.IGNORECASE,
)
# "Donald Sterling's racist remarks cost him his team": the subject is the cause.
_CAUSE_SUBJECT = re.compile(
    r"^([A-Z][^,;:.!?\"“”]{2,80}?)\s+(?:cost|caused|prompted|sparked|triggered|led\s+to)\s+"
    r"(?:him|her|them|it|the|a|an|his|their|its)\b"
)
_NOT_CAUSE = re.compile(
    r"(?:^(?:it|this|that|he|she|they|there|what|which)$)|\b(?:will|would|could|can|may|might|"
    r"to|not|also|which|who|that|what|how|why)$",
    re.IGNORECASE,
)
_OWNER = re.compile(r"(?:[A-Z][\w.-]*\s+){0,3}?([A-Z][\w-]*)['’]s\s+")
_HOW_QUESTION = re.compile(
    r"^\s*(?:and\s+|so\s+)?how\s+(?:did|does|do|was|were|is|are|has|have|had|can|could|will|would)\b",
    re.IGNORECASE,
)
_WHY_QUESTION = re.compile(
    r"^\s*(?:and\s+|so\s+|but\s+)?(?:why\b|what\s+(?:caused|led\s+to)\b|for\s+what\s+reason\b)",
    re.IGNORECASE,
)
MAX_WORDS = 32
_DEED_END = re.compile(
    r",|\s+(?:during|after|when|while|before|against)\s|\s+(?:on|at|in)\s+(?=[A-Z0-9]|(?:the\s+)?"
    r"(?:weekend|night|morning|evening|afternoon|match|game|final|derby|qualifier|tie|"
    # "for a second booking | in the 70th minute"
    r"\d+(?:st|nd|rd|th)\s+minute|first\s+half|second\s+half|stoppage\s+time|extra\s+time)\b)"
)
_NEXT_DEED = re.compile(r",|\s+(?:and|but|then)\s+[a-z]+ed\b")
_MEANS_IN_REASON = re.compile(r"\s+by\s+[a-z]+ing\b")
_DANGLING_WORDS = (
    "to then the a an and or but of from with in on at for by that which who his her their its "
    "as into after"
)
_DANGLING = frozenset(_DANGLING_WORDS.split())


def kind(question: str) -> str | None:
    """ "why" or "how" (manner/means) for such questions, else None ("how many" is a number)."""
    if _WHY_QUESTION.match(question):
        return "why"
    if _HOW_QUESTION.match(question):
        return "how"
    return None


def _each(pattern: re.Pattern[str], sentence: str) -> Iterator[re.Match[str]]:
    """Every match, each marker in turn (a skipped marker's clause may hold the next one)."""
    m = pattern.search(sentence)
    while m:
        yield m
        m = pattern.search(sentence, m.start(1) + 1)


def _why_match(sentence: str, *, last_resort: bool = False) -> re.Match[str] | None:
    """The marker of the sentence's reason clause; with `last_resort`, an "as" and a clause too
    (for the clause of a sentence already chosen: as a mark of a reason, "as" is too common)."""
    for pattern in (_WHY_STRONG, _FOR_DEED, _OVER_DISPUTE, _TOO):
        for m in _each(pattern, sentence):
            if pattern is _FOR_DEED and _FOR_TIME.match(sentence, m.start(1)):
                continue
            return m
    for m in _each(_WHY_WEAK, sentence):
        if _TIME_AFTER.match(sentence, m.start()):
            continue
        if m.group(1).lower() == "to" and not _is_purpose(sentence, m):
            continue
        return m
    if not last_resort:
        return None
    return next((m for m in _each(_WHY_AS, sentence) if _as_clause(m)), None)


def _is_purpose(sentence: str, m: re.Match[str]) -> bool:
    """A "to + verb" that is not the object of a verb before it ("ordered her to pay")."""
    before = sentence[: m.start()].split()[-3:]
    return bool(before) and not any(w.lower().strip(",") in _TAKES_TO for w in before)


def says_why(sentence: str) -> bool:
    """Whether the sentence has any reason connective, the ones mostly about time included
    ("after", "since", "amid")."""
    return _why_match(sentence) is not None


# What a sentence names as the cause: "a broken rail was the most likely cause", "caused by a
# faulty heater", "blamed the crash on ice".
_CAUSE_NAMED = (
    re.compile(
        r"(?:^|,\s+|\b(?:said|says|believe|believed|think|thought|found)\s+(?:that\s+)?)"
        r"((?:an?|the|their|its|his|her)\s+[a-z][\w\s'’-]{2,60}?)\s+(?:was|is|were|are|had\s+been|"
        r"has\s+been|may\s+have\s+been|could\s+have\s+been)\s+(?:the|a)\s+(?:most\s+)?"
        r"(?:(?:likely|probable|main|chief|real|root|possible|suspected|official|primary|leading|"
        r"underlying)\s+)?cause\b"
    ),
    re.compile(
        r"\b(?:caused|started|sparked|triggered)\s+by\s+((?:an?|the|their|its|his|her)\s+"
        r"[^,;.!?\"”]{3,80}?)(?=\s*(?:[,;.!?\"”]|$|\s+(?:on|at|in)\s+(?:the\s+)?(?:[A-Z]|\d|"
        r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)))"
    ),
    re.compile(
        r"\bblam(?:ed|es|ing)\s+(?:the\s+\w+|it|this|that)\s+on\s+((?:an?|the|their|its|his|her)?"
        r"\s*[^,;.!?\"”]{3,80}?)(?=\s*(?:[,;.!?\"”]|$))"
    ),
)


def named_cause(sentence: str) -> str | None:
    """What the sentence names as a cause ("a broken rail"), or None."""
    for pattern in _CAUSE_NAMED:
        m = pattern.search(sentence)
        if m and len(m.group(1).split()) <= 12:
            return m.group(1).strip()
    return None


def gives_reason(sentence: str) -> bool:
    """Whether the sentence says why with a connective that is about reasons only: "because",
    "due to", "for fear of", a purpose "to + verb", ... but not "after", "since" or "amid", which
    in news are mostly about time ("arrested after the attack")."""
    if named_cause(sentence):
        return True
    m = _why_match(sentence)
    if m is None:
        return False
    if m.re is not _WHY_WEAK or m.group(1).lower() == "to":
        return True
    return any(_is_purpose(sentence, p) for p in _each(_PURPOSE, sentence))


def _how_match(sentence: str) -> re.Match[str] | None:
    for m in _each(_HOW, sentence):
        if m.group(1).lower() == "by" and _NOT_MEANS.match(sentence, m.start()):
            continue
        return m
    # "went to live in a trailer park after winning a year's rent in a raffle": how it came to
    # be, when no means is named.
    return next(_each(_AFTER_DEED, sentence), None)


_AFTER_DEED = re.compile(
    r"\b(after)\s+((?:[a-z]+ly\s+)?[a-z]{2,}ing\b[^.;!?]{3,160}|"
    r"(?:he|she|they|it|we|i)\s+(?:had\s+)?[a-z]{2,}ed\b[^.;!?]{3,160})"
)


def _cause_subject(sentence: str, question: str) -> str | None:
    m = _CAUSE_SUBJECT.match(sentence)
    if not m or _NOT_CAUSE.search(m.group(1)):
        return None
    text = m.group(1)
    owner = _OWNER.match(text)
    if owner and owner.group(1).lower() in question.lower().split():
        # "Why did Sterling lose ...": "Sterling's racist remarks" -> "racist remarks".
        text = text[owner.end() :]
    words = text.split()
    return text if 2 <= len(words) <= 10 else None


# "How does the club describe its new coach?" and "... described him as 'a born leader'".
_DESCRIBE_QUESTION = re.compile(r"\bdescrib(?:e|es|ed|ing)\b", re.IGNORECASE)
_DESCRIBED_AS = re.compile(
    r"\bdescrib(?:e|es|ed|ing)\s+(?:[\w'’-]+\s+){0,3}?as\b\s*(?::\s*)?(?:[\"“‘']\s*)?"
    r"([^\s\"”.;!?][^\"”.;!?]{2,199})",
    re.IGNORECASE,
)
MAX_DESCRIPTION_WORDS = 10


def _description(sentence: str) -> str | None:
    m = _DESCRIBED_AS.search(sentence)
    if not m:
        return None
    every = m.group(1).split()
    words = every[:MAX_DESCRIPTION_WORDS]
    if len(words) < len(every):
        # Cut short at the last comma rather than inside an item ("brown eyes, don't").
        commas = [k for k, w in enumerate(words[:-1]) if w.endswith(",") and k >= 2]
        if commas:
            words = words[: commas[-1] + 1]
    while len(words) > 1 and words[-1].lower().strip(",'‘’") in _DANGLING:
        words.pop()
    text = " ".join(words).rstrip(",'’ ")
    return text or None


def _fronted_end(text: str) -> re.Match[str] | None:
    for comma in re.finditer(r",\s+", text):
        before = text[: comma.start()].split()
        if len(before) >= 3 and pos.tag(before[-1:])[0] != "ADJ":
            return comma
    return None


# "..., but thick fog and temperatures of minus six meant the search had to be paused": the
# cause is what "meant" (or "forced", "led to") the asked event.
_MEANT = re.compile(
    r"(?:^|[,;]\s+(?:but|and|as|while)\s+|[,;]\s+)(?P<cause>[^,;]{3,90}?)\s+"
    r"(?:(?:has|have|had)\s+)?(?:meant|means|forced|led\s+to|caused)\s+(?:that\s+)?"
    r"(?P<event>[^.;]{3,200})"
)


def _meant(sentence: str, question: str) -> str | None:
    """For "why was the search paused?", what the sentence says meant it was ("thick fog and
    temperatures of minus six"); None when the asked event is not what follows."""
    asked = {stem(w.lower()) for w in split_words(question) if w.lower() not in STOP_WORDS}
    for m in _MEANT.finditer(sentence):
        event = {stem(w.lower()) for w in split_words(m.group("event"))}
        cause = m.group("cause").strip()
        if len(asked & event) >= 2 and not (asked & {stem(w.lower()) for w in split_words(cause)}):
            return cause
    return None


def clause(sentence: str, asked: str, question: str = "") -> str | None:
    """The reason (for "why") or the means (for "how") clause of a sentence, marker included:
    "because the rebels refused to disarm", "by cutting the fence"; for "how does X describe
    Y?", what the sentence says Y is described as."""
    if asked == "how" and _DESCRIBE_QUESTION.search(question):
        described = _description(sentence)
        if described:
            return described
    cause = (named_cause(sentence) or _meant(sentence, question)) if asked == "why" else None
    if cause:
        # "What caused the derailment?" - "a broken rail" of "a broken rail was the most likely
        # cause"; "caused by a faulty heater".
        return cause
    caution = _PRECAUTION.search(sentence) if asked == "why" else None
    if caution:
        # "stayed closed for the day as a precaution": the precaution is the reason given.
        return caution.group().rstrip(",")
    m = _why_match(sentence, last_resort=True) if asked == "why" else _how_match(sentence)
    if not m:
        return _cause_subject(sentence, question) if asked == "why" else None
    text = sentence[m.start(1) : m.end()].strip().rstrip(",")
    # Up to the end of the clause: a comma followed by a new subject or a quote ends it.
    cut = re.search(
        r",\s+(?:he|she|they|it|the|a|an|which|who|but|and\s+(?:he|she|they|said|says|has|have|had|"
        r"is|was|were|are|will|would|then|later|also)|meaning|leaving|saying|adding|followed|"
        r"prompting|forcing|causing|sparking|triggering|killing|according)\b|[\"”]"
        # "on suspicion of burglary | and have been released on bail"
        r"|\s+and\s+(?:has|have|had|was|were|is|are)\s+(?:been|since)\b",
        text,
    )
    if not sentence[: m.start(1)].strip(" \"'“‘"):
        # "Because of their soft, gelatinous bodies, ctenophores are rare as fossils": a reason
        # put first ends at the first comma that does not join two adjectives.
        cut = _fronted_end(text) or cut
    if m.re is _FOR_DEED:
        # "for two bookable offences | during the qualifier": the deed, not when or where.
        cut = _DEED_END.search(text) or cut
    elif m.group(1).lower() == "for":
        # "for underestimating his wealth | and sacked his assistant": the next deed is not it.
        cut = _NEXT_DEED.search(text) or cut
    means = _MEANS_IN_REASON.search(text) if asked == "why" else None
    if means and means.start() > 10 and (cut is None or means.start() < cut.start()):
        cut = means  # "to express his fun side | by being a hero": the means is not the reason
    if cut and cut.start() > 10:
        text = text[: cut.start()]
    words = text.split()
    # Cut short: not on a word that needs the next one ("... another vehicle to then").
    kept = words[:MAX_WORDS]
    while len(kept) > 2 and kept[-1].lower().strip(",'‘") in _DANGLING:
        kept.pop()
    if len(kept) < len(words):
        text = " ".join(kept).rstrip(",")
    return text if len(text.split()) >= 2 else None


_PRECAUTION = re.compile(
    r"\bas\s+an?\s+(?:(?:safety|extra|further)\s+)?(?:precaution(?:ary\s+measure)?|safety\s+"
    r"measure)(?:\s+(?:against|after|following|because\s+of|over)\s+[^.;!?,]{3,80})?",
    re.IGNORECASE,
)


# The rest of a list a short answer opens: "Christianity|, Judaism and Zoroastrianism".
_LIST_ITEM = re.compile(
    r",\s+(?!(?:and|or|but|which|who|where|when|while|he|she|they|it|we|i|said|says)\b)"
    r"([^\s,.;:!?()\"“”][^,.;:!?()\"“”]{0,40}?)(?=[,.;:!?()]|\s+(?:and|or)\s|$)",
    re.IGNORECASE,
)
_LIST_END = re.compile(
    r",?\s+(?:and|or)\s+([^\s,.;:!?()\"“”][^,.;:!?()\"“”]{0,40}?)(?=\s*[,.;:!?()\"“”]|$)"
)
_ITEM_START = re.compile(r"(?:an?|the|his|her|their|its|some|two|three|four|five)\s|[\d£$€]|[A-Z]")
MAX_ITEM_WORDS = 5
MAX_LIST_ITEMS = 6


def list_end(sentence: str, end: int) -> int:
    """Where the list that a span ending at `end` opens ends ("a Ferrari" + ", two Bentleys and a
    Range Rover"); `end` itself when the span opens no list."""
    pos, items = end, 0
    while items < MAX_LIST_ITEMS:
        m = _LIST_ITEM.match(sentence, pos)
        if not m or len(m.group(1).split()) > MAX_ITEM_WORDS:
            break
        pos, items = m.end(), items + 1
    last = _LIST_END.match(sentence, pos)
    if last is None or len(last.group(1).split()) > MAX_ITEM_WORDS + 1:
        return end
    if not items and not _ITEM_START.match(last.group(1)):
        return end
    return last.end()


# Names listed before the last one: "the | Redgate and | Castle Lane depots", "| Leeds, York and |
# Hull".
_NAME = r"[A-Z][\w'’-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w'’-]*){0,3}"
_NAMES_BEFORE = re.compile(rf"(?:{_NAME},\s+){{0,{MAX_LIST_ITEMS}}}{_NAME},?\s+(?:and|or|&)\s+$")


def list_start(sentence: str, start: int) -> int:
    """Where a list of names whose last one starts at `start` begins ("Redgate and | Castle
    Lane"); `start` itself when the name ends no list."""
    if not sentence[start : start + 1].isupper():
        return start
    m = _NAMES_BEFORE.search(sentence, max(0, start - 200), start)
    return m.start() if m else start


# "How do the daughters pose?" with no means in the sentence: what the subject does there,
# "the daughter | looks directly into the camera smiling | while ...".
_VERB_AFTER = re.compile(
    r"\s+((?:will|would|can|could|must|may|might|should|[a-z]+ed|[a-z]+[^s\W]s)\b"
    r"[^.;:!?,()\"“”]{3,160})"
)
# What a subject does, asked in the active: "how do/does/did X ...", "how are X making ...".
_DOES_QUESTION = re.compile(
    r"^\s*(?:and\s+|so\s+)?how\s+(?:(?:did|does|do)\b|(?:is|are|was|were)\b(?=.*\b[a-z]{2,}ing\b))",
    re.IGNORECASE,
)
# (not the "as" of "such as 9pm" or "as well as")
_PREDICATE_END = re.compile(
    r"(?<!such)(?<!as\swell)\s+(?:while|when|where|but|because|after|as|and\s+(?:he|she|they))\b"
    r"(?!\s+which\b)"  # "a time, such as 9pm, after which phones are left to charge"
)
_NOT_PREDICATE = re.compile(r"(?:said|says|told|tells|added|asked)\b")
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
MAX_PREDICATE_WORDS = 16


def predicate(sentence: str, question: str) -> str | None:
    """What the subject of a "how does X do Y?" question does in `sentence`, when it says so right
    after naming X; None otherwise."""
    m = _DOES_QUESTION.match(question)
    if not m:
        return None
    words = [
        w for w in re.findall(r"[^\W\d_]+", question[m.end() :]) if w.lower() not in STOP_WORDS
    ]
    if not words:
        return None
    head, asked = stem(words[0]), {stem(w) for w in words}
    for w in re.finditer(r"[^\W\d_]+", sentence):
        if stem(w.group()) != head:
            continue
        after = w.end()
        # "structural geologists use ...": past the rest of the subject the question names.
        more = _NEXT_WORD.match(sentence, after)
        while more and stem(more.group(1)) in asked:
            after = more.end()
            more = _NEXT_WORD.match(sentence, after)
        found = _VERB_AFTER.match(sentence, after)
        if not found or _NOT_PREDICATE.match(found.group(1)):
            continue
        text = found.group(1)
        end = _PREDICATE_END.search(text)
        if end:
            text = text[: end.start()]
        kept = text.split()[:MAX_PREDICATE_WORDS]
        return " ".join(kept) if len(kept) >= 2 else None
    return None


# "What will the council do?", "what did the crew do next?": what the subject does, will do or did.
_DO_ASKED = re.compile(
    r"^\W*(?:and\s+|so\s+)?what\s+(?:will|would|did|does|do|has|have|had|could|can|should|might|"
    r"may|is|are|was|were)\s+(?P<subject>(?:(?!to\b|him\b|her\b|them\b)[\w'’.-]+\s+){0,3}"
    r"(?!to\b|him\b|her\b|them\b)[\w'’.-]+)\s+(?:do|doing|done|going\s+to\s+do|plan(?:s|ning)?\s+to\s+do)"
    # Nothing after it but a when: "what did the crew do next?" (not "do for someone who is timid")
    r"(?:\s+(?:next|now|then|instead|afterwards|after\s+that|about\s+(?:it|this|that)|today|"
    r"tomorrow|yesterday|this\s+week|next\s+week))?\s*\?*\s*$",
    re.IGNORECASE,
)
# After the subject, a deed to come: "said it would | open", "has promised to | pay", "plans to |
# sell", "will | close"; or one done: "(has) | opened".
_DEED_FRAMED = re.compile(
    r"(?:\s+(?:also|then|now|later|first|finally|quickly|immediately))?\s+"
    r"(?:(?:said|says|has\s+said|announced|confirmed|warned)\s+(?:that\s+)?(?:it|they|he|she|we)\s+"
    r"(?:would|will|could|might|was\s+going\s+to|were\s+going\s+to)"
    r"|(?:has\s+|have\s+)?(?:promised|pledged|agreed|decided|vowed|offered|threatened|plans?|"
    r"planned|intends?|intended|wants?|wanted|hopes?|hoped|is|are|was|were)\s+to"
    r"|(?:will|would|could|can|must|should|may|might|is\s+going\s+to|are\s+going\s+to))"
    r"(?:\s+(?:also|then|now|soon|not))?\s+([a-z]+\b[^.;:!?\"“”]{3,200})"
)
_DEED_DONE = re.compile(
    r"(?:\s+(?:also|then|now|later|first|finally|quickly|immediately))?(?:\s+(?:has|have|had))?"
    r"\s+([a-z]+\b[^.;:!?\"“”]{3,200})"
)
# "The union's organiser, Dave Kerrigan, ... said it would | fight to keep the factory open",
# "Claire Oduya, said she would | meet ...": what X said it would do, X named before.
_SAID_WOULD = re.compile(
    r"\b(?:said|says|announced|promised|pledged|vowed|warned|confirmed)\s+(?:that\s+)?"
    r"(?:it|they|he|she|we)\s+(?:would|will|could|was\s+going\s+to|were\s+going\s+to)\s+"
    r"(?:(?:also|not|now|still)\s+)?([a-z]+\b[^.;:!?\"“”]{3,200})"
)
_NO_DEED = re.compile(r"(?:be|been|being|is|are|was|were|said|says|told|who|which|that)\b")


def deed(sentence: str, question: str, *, to_come: bool = False) -> str | None:
    """For "what will / did X do?", what the sentence says X does, will do or did, right after
    naming X ("The city council said it would | open extra park-and-ride spaces ..."); else
    None. `to_come`: only a deed still to be done ("plan to sell", "will close")."""
    m = _DO_ASKED.match(question)
    if not m:
        return None
    words = [w for w in re.findall(r"[^\W\d_]+", m.group("subject")) if w.lower() not in STOP_WORDS]
    if not words:
        return None  # "what did he do?": no name to find the deed after
    head = stem(words[-1])
    for w in re.finditer(r"[^\W\d_]+", sentence):
        if stem(w.group()) != head:
            continue
        found = _DEED_FRAMED.match(sentence, w.end())
        if not found and to_come:
            continue
        if not found:
            found = _DEED_DONE.match(sentence, w.end())
            verb = found.group(1).split(None, 1)[0] if found else ""
            if not found or pos.tag([w.group(), verb])[1] != "VERB":
                continue
        if _NO_DEED.match(found.group(1)):
            continue
        return clause_of_deed(found.group(1))
    # X named, then what X said it would do: "X, the union's organiser, said it would fight".
    at = next((w for w in re.finditer(r"[^\W\d_]+", sentence) if stem(w.group()) == head), None)
    said = _SAID_WOULD.search(sentence, at.end()) if at else None
    if said and not _NO_DEED.match(said.group(1)):
        return clause_of_deed(said.group(1))
    return None


# "What did Delgado promise?": what the sentence says was promised, pledged, demanded ...
_PLEDGE_ASKED = re.compile(
    r"^\W*(?:and\s+|so\s+)?what\s+(?:did|does|do|has|have|had)\s+[\w'’ .-]{1,60}?\s+"
    r"(?P<verb>promise|pledge|vow|announce|propose|demand|offer|threaten|suggest|recommend|"
    r"want|plan|intend|ask\s+for|call\s+for)\W*$",
    re.IGNORECASE,
)
MAX_PLEDGE_WORDS = 24
# "What did she ask for?" of "appealed for anyone with dashcam footage to come forward".
_ASKED_AS = {"ask": ("appeal", "urg", "call", "request"), "call": ("appeal", "urg")}


def pledge(sentence: str, question: str) -> str | None:
    """For "what did she promise?", what follows the sentence's "promised" ("to reopen the town's
    swimming pool within two years and to freeze parking charges ..."); else None."""
    m = _PLEDGE_ASKED.match(question)
    if not m:
        return None
    asked = stem(m.group("verb").split()[0])
    said_as = {asked, *_ASKED_AS.get(asked, ())}
    for w in re.finditer(r"[^\W\d_]+", sentence):
        if stem(w.group()) not in said_as:
            continue
        rest = re.match(r"\s+(?:for\s+)?(?:that\s+)?([^.;:!?\"“”]{3,300})", sentence[w.end() :])
        if rest is None:
            continue
        # "... memory | while being interviewed": where a deed's clause ends.
        return clause_of_deed(rest.group(1), MAX_PLEDGE_WORDS)
    return None


def clause_of_deed(text: str, limit: int = MAX_PREDICATE_WORDS) -> str | None:
    """A deed up to its clause's end, at most `limit` words, not ending on a word that needs the
    next."""
    end = _PREDICATE_END.search(text)
    if end:
        text = text[: end.start()]
    kept = text.split()[:limit]
    while len(kept) > 2 and kept[-1].lower().strip(",") in _DANGLING:
        kept.pop()
    return " ".join(kept).rstrip(",") if len(kept) >= 2 else None


# "How long / how far / how tall ...?": a duration or a distance with its unit.
_MEASURE_QUESTION = re.compile(
    r"\bhow\s+(long|far|tall|high|deep|wide|fast|quickly|strong|close|near|cold|hot|warm)\b(?!\s+ago\b)(?!\s+(?:is|was|are|were)\s+the\s+\w+\s+"
    r"(?:called|named))",
    re.IGNORECASE,
)
_COUNT = (
    r"(?:\d[\d,.]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|hundreds\s+of|thousands\s+of|several|a\s+few|few)"
    r"(?:[\s-]+and\s+a\s+half)?"
)
_DURATION = re.compile(
    rf"\b(?:(?:about|around|nearly|almost|more\s+than|less\s+than|over|up\s+to)\s+)?"
    # "between eight and ten hours"
    rf"(?:between\s+{_COUNT}\s+and\s+)?{_COUNT}"
    # "a full school year", "two whole weeks"
    r"[\s-]+(?:(?:full|whole|entire|school|academic|calendar|financial|working|further|extra)\s+)"
    r"{0,2}(?:years?|months?|weeks?|days?|hours?|minutes?|mins|seconds?|decades?|centuries|"
    r"century|nights?|terms?|seasons?)\b"
    # "seven hours and five minutes", "two years, three months"
    rf"(?:,?\s+(?:and\s+)?(?!an?\s){_COUNT}\s+(?:months?|weeks?|days?|hours?|minutes?|mins|"
    r"seconds?)\b)?",
    re.IGNORECASE,
)
_DISTANCE = re.compile(
    rf"\b(?:(?:about|around|nearly|almost|more\s+than|less\s+than|over|up\s+to)\s+)?{_COUNT}"
    r"(?:[\s-]*(?:km|kilomet(?:re|er)s?|metres?|meters?|cm|centimet(?:re|er)s?|mm)|(?<=\d)\s?(?:m|ft)|[\s-]+(?:miles?|"
    r"feet|foot|ft|yards?|inch(?:es)?|nautical\s+miles))\b",
    re.IGNORECASE,
)

# "minus six", "-6C", "32 degrees Celsius", "a low of 4C": a temperature.
_TEMPERATURE = re.compile(
    r"\b(?:minus\s+)?(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|fifteen|twenty|thirty|forty)\s*(?:°\s?[CF]\b|C\b|F\b|degrees(?:\s+(?:Celsius|"
    r"centigrade|Fahrenheit|C|F))?)"
    r"|\bminus\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty)\b|(?<![\w.])-\d+(?:\.\d+)?\s*°?\s?[CF]\b",
)
_SPEED = re.compile(
    rf"\b(?:(?:about|around|nearly|almost|more\s+than|less\s+than|over|up\s+to)\s+)?{_COUNT}"
    r"[\s-]*(?:mph|km/h|kmh|kph|knots|(?:miles|kilomet(?:re|er)s)\s+(?:an|per)\s+hour)\b",
    re.IGNORECASE,
)


def asks_measure(question: str) -> bool:
    """Whether the question asks "how long / far / tall / fast ...?" (a duration, a distance or a
    speed)."""
    return measure_asked(question) is not None


def measure_asked(question: str) -> str | None:
    """The word of "how long / far / tall ...?" that asks for the measure ("long"), or None."""
    m = _MEASURE_QUESTION.search(question)
    return m.group(1).lower() if m else None


_ARTICLE_BEFORE_NUMBER = re.compile(r"^(?:an?|the)\s+(?=\d)", re.IGNORECASE)
# Words of a span before its measure that are no part of it: where the measure's own words start
# ("within", "under"), or the measure itself.
_MEASURE_LEAD = re.compile(r"(?:\b(?:within|under|inside|in\s+under)\s+)?$", re.IGNORECASE)


# "How long is the wall?" asks its length; "how long is the trip / was the school closed / is
# he in jail for?" a time: a thing that lasts, or a word of waiting, after "is" or "was".
_LENGTH_ASKED = re.compile(
    r"\bhow\s+long\s+(?:is|was|are|were|['’]s)\s+(?:the|a|an|its|their|his|her|this|that)\s+"
    r"([^?.!]*)",
    re.IGNORECASE,
)
_LASTING = wordset(
    """trip journey flight film movie wait delay sentence ban contract season term visit stay show
    meeting drive ride voyage career marriage reign war strike lockdown closure tour holiday break
    match game process recovery life lifespan speech talk concert festival event shift programme
    program episode pause gap period interval deadline warranty lease loan tenure presidency
    operation surgery treatment trial hearing inquiry investigation campaign day night week month
    year wait queue course ceremony service performance interview lesson class session debate
    discussion negotiation argument siege standoff search outage blackout protest occupation
    shutdown disruption stoppage suspension curfew evacuation drought heatwave storm"""
)
_WAITING = wordset(
    "for ago since until till left away open shut closed down out off gone there here"
)
# A measure of one size followed by the word of another: "1.4 kilometres long" is no height.
_DIMENSION_AFTER = re.compile(r"\s*(long|high|tall|deep|wide|thick|across)\b", re.IGNORECASE)
_DIMENSIONS = {
    "long": {"long"},
    "high": {"high", "tall"},
    "tall": {"high", "tall"},
    "deep": {"deep"},
    "wide": {"wide", "across"},
}


# "How long did the raid take / last?": a time, never a distance.
_TIME_TAKEN = re.compile(
    r"\b(?:take|takes|took|taken|last|lasts|lasted|spend|spent|wait|waited|stay|stayed)\b"
    # "how long will it close for?", "how long did they strike?": how long something is done
    r"|\bhow\s+long\s+(?:will|would|did|has|have|had)\b(?!.*\b(?:stretch|extend|run|reach|span)"
    r"(?:s|ed|es)?\b)"
    r"|\bfor\s*\??\s*$",
    re.IGNORECASE,
)


def _length_asked(question: str) -> bool:
    """ "How long is the wall?": a length, not a time."""
    m = _LENGTH_ASKED.search(question)
    if not m:
        return False
    said = [w.lower() for w in re.findall(r"[A-Za-z]+", m.group(1))]
    return not any(
        w in _LASTING or w.rstrip("s") in _LASTING or w in _WAITING or w.endswith(("ed", "ing"))
        for w in said
    )


def _of_size(sentence: str, end: int, asked: str) -> bool:
    """Whether the measure ending at `end` is not one of another size ("1.4 kilometres long"
    for "how high")."""
    after = _DIMENSION_AFTER.match(sentence, end)
    return after is None or asked not in _DIMENSIONS or after.group(1).lower() in _DIMENSIONS[asked]


# "60,000 passengers a day", "twice a week", "£10 an hour": a rate, not how long something lasts.
_ONE_UNIT = re.compile(r"an?\s", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([\w£$€,.'’-]+)\s*$")


def _rate(sentence: str, start: int, found: str) -> bool:
    """Whether a duration of one unit ("a day") is a rate: after a count of things ("passengers a
    day", "five times a year", "£10 an hour"), not after a verb or a preposition ("lasted a day",
    "for a week")."""
    if not _ONE_UNIT.match(found):
        return False
    before = _WORD_BEFORE.search(sentence, 0, start)
    if before is None:
        return False
    word = before.group(1)
    if word.lower() in ("once", "twice") or word[0] in "£$€" or word[0].isdigit():
        return True
    return pos.tag([word, "a"])[0] == "NOUN"


def measure(sentence: str, question: str, text: str | None) -> str | None:
    """For "how long/far/tall ...?", the duration or distance the answer should be, unit
    included: `text` cut after its unit ("three hours| in calm weather"), else the sentence's
    own measure (not a bare "58"), the one of the asked size first ("three metres high", not "1.4
    kilometres long", for "how high"). None for other questions, or when there is no such
    measure."""
    m = _MEASURE_QUESTION.search(question)
    if not m:
        return None
    asked = m.group(1).lower()
    units = (
        (
            (_DISTANCE,)
            if _length_asked(question)
            else (_DURATION,)
            if _TIME_TAKEN.search(question)
            else (_DURATION, _DISTANCE)
        )
        if asked == "long"
        else (_SPEED,)
        if asked in ("fast", "strong")
        else (_DURATION, _SPEED)
        if asked == "quickly"
        else (_TEMPERATURE,)
        if asked in ("cold", "hot", "warm")
        else (_DISTANCE,)
    )
    at = sentence.find(text) if text else -1
    for unit in units:
        inside = unit.search(text or "")
        if (
            inside
            and unit is _DURATION
            and at >= 0
            and _rate(sentence, at + inside.start(), inside.group())
        ):
            inside = None
        if inside and (at < 0 or _of_size(sentence, at + inside.end(), asked)):
            whole = (
                next(
                    (
                        f.group()
                        for f in unit.finditer(sentence)
                        if f.start() <= at + inside.start() and at + inside.end() < f.end()
                    ),
                    None,
                )
                if at >= 0
                else None
            )
            if whole:
                return whole  # "seven hours" of "seven hours and five minutes": all of it
            # "a 40ft" of "down a 40ft gully": the measure, not the article before its number;
            # "within eight minutes" of "practised and were out within eight minutes" (a word or
            # two before it, "roughly" or "five to", are the measure's).
            lead = _MEASURE_LEAD.search(text or "", 0, inside.start())
            start = lead.start() if lead and len((text or "")[: lead.start()].split()) > 2 else 0
            return _ARTICLE_BEFORE_NUMBER.sub("", (text or "")[start : inside.end()])
    for unit in units:
        found = [
            f
            for f in unit.finditer(sentence)
            if _of_size(sentence, f.end(), asked)
            and not (unit is _DURATION and _rate(sentence, f.start(), f.group()))
        ]
        if found:
            sized = [f for f in found if _DIMENSION_AFTER.match(sentence, f.end())]
            return (sized or found)[0].group()
    if asked == "long" and _DURATION in units and _HAS_BEEN.search(question):
        # "How long had he been mayor?" - "mayor since 2014": since when, if not how long.
        since = _SINCE.search(sentence)
        if since:
            return since.group()
    if asked == "long" and _DURATION in units:
        # "How long will firefighters stay?" - "to stay at the scene until Thursday": until when,
        # if not how long.
        until = _UNTIL.search(sentence)
        if until:
            return until.group()
    return None


_UNTIL = re.compile(
    r"\b(?:until|till)\s+(?:at\s+least\s+)?(?:(?:next|this|the\s+end\s+of)\s+)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|spring|summer|autumn|winter|(?:the\s+)?weekend|"
    r"tomorrow|midnight|noon|(?:19|20)\d\d)\b(?:\s+\d{1,2}(?:st|nd|rd|th)?\b)?(?:,?\s+(?:19|20)\d\d)?",
    re.IGNORECASE,
)


_HAS_BEEN = re.compile(r"\b(?:has|have|had)\b", re.IGNORECASE)
_SINCE = re.compile(
    r"\bsince\s+(?:(?:early|late|mid-?)\s*)?(?:(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\s+)?(?:1[89]\d\d|20\d\d)\b"
)
