"""What one line of a pasted page is: prose, a heading, a byline, a date, a caption, or furniture.

Every pattern here is anchored or bounded (no nested repetition), and lines are classified one at a
time, so the cost of a page is linear in its size. Families of furniture: navigation and share
rows, cookie and privacy notices, subscribe/newsletter prompts, site promos and taglines, widget
strings, photo captions and credits, author bios, copyright footers.
"""

from __future__ import annotations

import re
from enum import Enum

from sumy.utils import get_stop_words

from bot.language import furniture as foreign


class Kind(Enum):
    """What a line of a page is, for the body finder."""

    PROSE = "prose"  # reads as running text: the candidate story
    HEADING = "heading"  # a title-like line (headline, subhead, a link to another story)
    LINK = "link"  # a title-like line in a list of other stories
    SHORT = "short"  # one or two words: menus, labels, buttons
    BYLINE = "byline"
    DATE = "date"
    CAPTION = "caption"  # a photo caption or credit
    FURNITURE = "furniture"  # a notice, prompt, promo or widget string


STOP_WORDS = frozenset(get_stop_words("english"))

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# A closing quote may stand apart from its full stop in copied pages: "a month. '".
TERMINAL = re.compile(r"[.!?…:。！？؟।](?: ?[\"'”’)\]」』])*$")
# Scripts written without spaces between words: about two characters make a word.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")

# Whole lines that are page furniture (short labels and prompts).
_FURNITURE_LINE = re.compile(
    r"""^(?:
        search(?:\s+query|\s+the\s+\w+)?:? | submit(?:\s+search)? | menu | close | skip\s+to\s+.{0,30}
      | share(?:\s+this(?:\s+(?:article|story|page))?)?(?:\s+on\s+\w+)?(?:\s+it\s+with\s+friends)? | tweet
      | email(?:\s+me)? | print(?:\s+this\s+article)? | facebook | twitter | x | whatsapp | linkedin
      | reddit | flipboard | pinterest | copy\s+link | link\s+copied | order\s+reprints | text\s+size
      | (?:read|see|watch|listen)\s+more\b.{0,80} | read\s+next\b.{0,80} | up\s+next:?.{0,80}
      | related(?:\s+(?:stories|articles|coverage|content|links|topics|posts))?:?.{0,80}
      | more\s+(?:from|on|stories|news|videos|newsletters)\b.{0,60} | most\s+(?:read|popular|viewed|shared)\b.{0,60}
      | trending(?:\s+now)? | recommended(?:\s+for\s+you)? | advert(?:isement)?s? | sponsored(?:\s+content)? | ad
      | back\s+to\s+(?:top|gallery) | listen\s+to\s+this\s+article.{0,40} | \d+\s*(?:min(?:ute)?s?)\s+read
      | (?:new,\s*)?\d+\s+(?:comments?|shares?) | share\s+all\s+sharing\s+options.{0,120} | comments?(?:\s*\(\d+\))? | view\s+(?:all|comments).{0,20}
      | join\s+the\s+conversation | leave\s+a\s+comment.{0,40} | log\s*(?:in|out) | sign\s*in | register | .{0,30}(?:sign|log)\s*out
      | (?:sign\s+up|subscribe|subscribers?)\b.{0,120} | .{0,60}\bnewsletters?\b.{0,80}
      | (?:follow|like|find)\s+us\b.{0,80} | click\s+here\b.{0,80} | (?:image|photo|video|graphic)s?(?:\s+\d+\s+of\s*/?\s*\d+)?
      | caption | credit\W{0,4} | hide\s+caption | toggle\s+caption | enlarge\s+this\s+image | expand | \d+\s*/\s*\d+
      | (?:privacy|cookie)(?:\s+policy|\s+settings|\s+notice|\s+preferences)?.{0,60}
      | terms\s+(?:of\s+(?:use|service)|and\s+conditions).{0,40} | term\s+of\s+use | contact(?:\s+us)?
      | about(?:\s+us)? | site\s*map | all\s+rights\s+reserved.{0,80} | ©.{0,200} | copyright\b.{0,200}
      | loading.{0,20} | play\s+video | watch:.{0,120} | read\s+more:.{0,120} | don'?t\s+miss
      | (?:latest|top|more)\s+(?:[\w'&-]+\s+){0,3}(?:news|stories|headlines|videos)
      | highlights | key\s+points | in\s+this\s+article | topics?:.{0,80} | tags?:.{0,80} | filed\s+under:?.{0,80}
      | also\s+(?:on|in|from)\s(?-i:[A-Z][\w.'’&-]*(?:\s[A-Z][\w.'’&-]*){0,3})\s?[:|–—-].{0,160}
      | (?:also\s+(?:read|see|watch)|read\s+also|see\s+also)\s?[:|–—-].{0,160}
      | https?://\S+ | www\.\S+ | [\w.+-]+@[\w-]+\.[\w.]+
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Sentences a site says to its reader, anywhere on the page: cookies and consent, subscriptions,
# widgets. They read like prose, so they need their own patterns.
_NOTICE = re.compile(
    r"""(?:
        \b(?:we|our|this\s+(?:site|website))\b.{0,80}\bcookies?\b | \bcookies?\b.{0,80}\b(?:you|your)\b
      | \buse\s+of\s+cookies\b | \bcookie\s+(?:policy|settings|preferences)\b
      | \byour\s+privacy\b | \bprivacy\s+(?:policy|notice|statement)\b.{0,80}\b(?:we|our|you|your)\b
      | \b(?:we|we've)\s+(?:have\s+)?updated\s+our\b | \bprocessing\s+of\s+my\s+personal\s+data\b
      | \bby\s+(?:continuing|clicking|choosing|using\s+this)\b | \bI\s+(?:agree|accept|consent)\b
      | \byour\s+weather\s+is\s+set\b | \bchange\s+the\s+location\s+at\s+any\s+time\b
      | \bquotes?\s+(?:are\s+)?delayed\b | \bdata\s+(?:is\s+)?delayed\s+\d+\s+min | \bdelayed\s+at\s+least\s+\d+\s+min
      | \bnot\s+available\s+in\s+your\s+(?:region|country|area)\b | \bsomething\s+went\s+wrong\b
      | \benable\s+javascript\b | \byour\s+browser\s+(?:does\s+not|doesn't)\b | \bad\s*blocker\b
      | \bsupported\s+by\s+(?:its|our)\s+(?:audience|readers)\b | \b(?:may\s+)?earn\s+(?:an\s+)?affiliate\s+commission\b
      | \b(?:sign\s+up|subscribe)\s+(?:to|for|now|today)\b | \bin\s+your\s+inbox\b | \bdelivered\s+to\s+your\b
      | \balready\s+(?:a\s+subscriber|have\s+an\s+account)\b | \bsupport\s+(?:our|independent)\s+journalism\b
      | \bwatch\s+the\s+latest\s+full\s+episodes\b | \bhome\s+of\s+the\s+\w+ | \bthe\s+best\s+in\s+\w+\s+from\b
      | \bdownload\s+(?:our|the)\s+(?:free\s+)?app\b | \bget\s+(?:the\s+latest|our)\b.{0,40}\b(?:app|alerts|updates)\b
      | \bthanks?\s+(?:you\s+)?for\s+(?:reading|signing\s+up|subscribing|your\s+feedback)\b
      | \byou\s+(?:can|may)\s+(?:unsubscribe|opt[\s-]out)\b | \bterms\s+of\s+(?:use|service)\b
      | \bcontinue\s+reading\b | \bthis\s+(?:article|story)\s+(?:was\s+)?originally\s+(?:appeared|published)\b
      | \bcompensated\s+by\b | \ball\s+opinions\s+are\s+(?:mine|my\s+own)\b | \bmay\s+contain\s+affiliate\b
      | \bpresentation-ready\s+copies\b | \breport\s+an?\s+(?:error|typo|correction)\b | \bhave\s+a\s+(?:news\s+)?tip\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Author bios and signature lines.
_BIO = re.compile(
    r"""^(?:[A-Z][\w.'’-]+\s){1,3}(?:is|was)\s(?:a|an|the)\s(?:[\w-]+\s){0,5}
        (?:writer|reporter|editor|correspondent|journalist|columnist|contributor|author|producer|intern|analyst)\b
      | \b(?:follow|email|contact|reach)\s(?:him|her|them|me)\s(?:on|at|via)\b""",
    re.VERBOSE,
)
# Photo credits, standing alone or closing a caption. Split by where they can match, and
# searched only when a cheap substring test says they might: most lines are plain prose.
_CREDIT_END = re.compile(
    r"""(?:\((?:AP|AFP|Reuters|Getty|EPA|Image|Photo|Picture|Credit)[^)]{0,80}\)
      | ©\s?[\w .&/,-]{2,60} | \([\w.-]{1,40}\.(?:com|org|net|gov|edu|co\.uk)\))\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_CREDIT_START = re.compile(
    r"""(?:photo|image|picture|photograph|credit|source|courtesy)s?\s*(?:by|credit)?\s*: | courtesy\b
      | (?-i:[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,3})\s*(?:/|,)\s*
        (?:AP|AFP|EPA|Reuters|ASSOCIATED\sPRESS|Getty|Bloomberg)\b
      | (?-i:[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,3}\s?/\s?(?:The\s)?[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,4})$""",
    re.VERBOSE | re.IGNORECASE,
)
_CREDIT_WORDS = re.compile(
    r"\b(?:AP|AFP|EPA|Reuters)\s+Photo\b|\bGetty\s+Images\b|\bShutterstock\b"
    r"|\bPhotograph:\s|\bPhoto(?:graph)?\s(?:by|credit)\b",
    re.IGNORECASE,
)
# What captions say that stories seldom do: "Tuesday, Nov. 19, 2019", "Bolivia, November 19, 2019.",
# "Esper, left, and", "(pictured)", "An artist's illustration".
_CAPTION_DATE = re.compile(
    rf"\b{_WEEKDAY},?\s+{_MONTH}\s+\d{{1,2}},\s+\d{{4}}\b|,\s{_MONTH}\s\d{{1,2}},\s\d{{4}}\.?$",
    re.IGNORECASE,
)
_CAPTION_WORDS = re.compile(
    r""",\s(?:left|right|center|centre|top|bottom|second\s(?:left|right)|from\s(?:left|right))(?:\sto\sright)?,\s
      | \bpictured\b | \b(?:in\sthis|a)\s(?:undated\s|handout\s|file\s)?(?:photo|image|picture)\b
      | \bartist'?s?[’']?s?\s(?:illustration|impression|concept|rendering)\b | \bfile\sphoto\b
      | ^(?:this|the)\s(?:photo|image|picture|illustration|graphic|video)
        (?:\s(?:shows?|showed|shown|of|from|taken|released|provided|made|above|below|obtained)\b|,)""",
    re.VERBOSE | re.IGNORECASE,
)
_CAPTION_HINTS = (
    "left,", "right,", "center,", "centre,", "top,", "bottom,", "pictured", "photo", "image",
    "picture", "artist", "illustration", "graphic", "video",
)  # fmt: skip
_NOTICE_HINTS = (
    "cookie", "privacy", "updated our", "personal data", "by continuing", "by clicking",
    "by choosing", "by using", "i agree", "i accept", "i consent", "weather is set", "location",
    "delayed", "not available in your", "went wrong", "javascript", "your browser", "blocker",
    "supported by", "affiliate", "sign up", "subscribe", "inbox", "delivered to your", "already",
    "journalism", "full episodes", "home of the", "the best in", "download", "get the latest",
    "get our", "thank", "opt-out", "opt out", "terms of", "continue reading", "originally",
    "report a", "report an", "compensated", "all opinions", "presentation-ready", "tip",
)  # fmt: skip


def is_credit(line: str) -> bool:
    """A photo credit, alone or closing a caption: "(AP Photo/Jane Doe)", "Photo: X / Y"."""
    low = line.lower()
    return bool(
        _CREDIT_END.search(line[-120:])
        or _CREDIT_START.match(line)
        or (
            ("photo" in low or "getty" in low or "shutterstock" in low)
            and _CREDIT_WORDS.search(line)
        )
    )


# "By MARTIN OKAFOR and LENA BRANDT", "by Bryan DeArdo", "By Chaim Gartenberg@cg Nov 19, 2019".
BYLINE = re.compile(
    r"^(?i:(?:written\s+|words\s+|story\s+|text\s+)?by):?\s+"
    r"([A-Z][\w.'’-]*(?:[ ,]{1,2}(?:and\s)?[A-Z][\w.'’-]*){0,8})(?=$|[\s,|•·@]).{0,80}$"
)
DATE_LINE = re.compile(
    rf"""^(?:(?:updated|published|posted|last\s+updated|originally\s+published)\b:?\s*)?
        (?P<date>.{{0,40}}?(?:\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s*\d{{4}})?|\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}
        |\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|\b\d{{1,2}}:\d{{2}}\s*(?:[AP]\.?M\.?)?|\b\d+\s+(?:hours?|days?|minutes?)\s+ago)\b.{{0,60}})$""",
    re.I | re.VERBOSE,
)


# A line that introduces a list of other stories' headlines ("Latest World News", "Related articles").
LIST_INTRO = re.compile(
    r"^(?:latest|top|more|related|other|most|trending|recommended|popular|don'?t\s+miss|read\s+next"
    r"|up\s+next|see\s+also|also\s+on|editor'?s\s+picks|you\s+may\s+also\s+like|what\s+to\s+read)\b",
    re.I,
)


_DATE_VOCAB = (
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july"
    " august september october november december mon tue wed thu fri sat sun monday tuesday"
    " wednesday thursday friday saturday sunday updated published posted last original originally"
    " am pm a.m p.m et est edt cst cdt pst pdt gmt bst cet utc at on in of min mins read ago hour"
    " hours minute minutes day days week weeks th st nd rd and | / • · -"
)
_DATE_WORDS = frozenset(_DATE_VOCAB.split())


# A meta line that opens with a full date: "October 12, 2018/0 Comments/in News /by admin".
_DATE_START = re.compile(
    rf"^(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})(?![\w,])",
    re.IGNORECASE,
)


def _date_like(line: str) -> bool:
    """Mostly dates, times and their words: 'Nov 18, 2019 at 9:24 pm ET • 2 min read'."""
    if _DATE_START.match(line) and not TERMINAL.search(line):
        return True
    other = [w for w in re.findall(r"[a-z.]+", line.lower()) if w.strip(".") not in _DATE_WORDS]
    return len(other) <= 2 and bool(DATE_LINE.match(line))


def word_count(line: str) -> int:
    """Words in a line; in Chinese, Japanese or Thai, about one for every two characters."""
    return len(line.split()) + len(_UNSPACED.findall(line)) // 2


def content_words(line: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9’']+", line.lower()) if w not in STOP_WORDS]


def stop_share(line: str) -> float:
    found = re.findall(r"[a-z’']+", line.lower())
    return sum(w in STOP_WORDS for w in found) / len(found) if found else 0.0


def is_notice(line: str) -> bool:
    """A sentence the site says to its reader (cookies, subscriptions, widgets), not the story."""
    if len(line) >= 600:
        return False
    low = line.lower()
    return any(hint in low for hint in _NOTICE_HINTS) and bool(_NOTICE.search(line))


def is_caption(line: str) -> bool:
    if len(line.split()) > 70:
        return False
    if is_credit(line):
        return True
    low = line.lower()
    if ("day" in low or "," in line[-30:]) and _CAPTION_DATE.search(line):
        return True
    return any(hint in low for hint in _CAPTION_HINTS) and bool(_CAPTION_WORDS.search(line))


def is_menu_row(line: str, words: list[str]) -> bool:
    """'News Tech Spaceflight Science & Astronomy Forums Videos': capitalised words, no verbs."""
    if len(words) < 6:
        return False
    # Title Case headlines leave some word in lower case ("on", "my6sense"); menus none.
    capitalised = all(w[:1].isupper() or not w[:1].isalpha() for w in words)
    return capitalised and stop_share(line) < 0.1


def classify_page(lines: list[str]) -> list[Kind]:
    """Every line's kind; the headlines listed after "Latest News" or "Related" are links."""
    kinds: list[Kind] = []
    in_list = False
    for line in lines:
        kind = classify(line)
        if kind is Kind.HEADING and in_list:
            kind = Kind.LINK
        elif kind is not Kind.HEADING:
            in_list = kind in (Kind.FURNITURE, Kind.HEADING) and bool(LIST_INTRO.match(line))
        if kind is Kind.CAPTION and len(line.split()) <= 8 and is_credit(line):
            # A credit on its own line: the sentence just above it is the photo's caption.
            for j in range(len(kinds) - 1, max(-1, len(kinds) - 3), -1):
                if kinds[j] is Kind.PROSE and len(lines[j].split()) <= 40:
                    kinds[j] = Kind.CAPTION
                    break
                if kinds[j] not in (Kind.SHORT, Kind.FURNITURE):
                    break
        kinds.append(kind)
    return kinds


def classify(line: str) -> Kind:
    """The kind of one stripped, non-empty line."""
    words = line.split()
    n = word_count(line)
    if BYLINE.match(line) and n <= 24:
        return Kind.BYLINE
    if _FURNITURE_LINE.match(line) or _BIO.search(line):
        return Kind.FURNITURE
    if n <= 16 and _date_like(line):
        return Kind.DATE
    if is_notice(line):
        return Kind.FURNITURE
    if is_caption(line):
        return Kind.CAPTION
    if foreign.is_furniture(line):  # "Lesen Sie auch", "Подписывайтесь", "Más información"...
        return Kind.FURNITURE
    if n <= 2:
        return Kind.SHORT
    if is_menu_row(line, words):
        return Kind.SHORT
    if (TERMINAL.search(line) and n >= 5) or (n >= 26 and stop_share(line) >= 0.2):
        return Kind.PROSE
    return Kind.HEADING
