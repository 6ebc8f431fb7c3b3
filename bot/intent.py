"""Tell a new article from a question about the current one, and find links in messages."""

from __future__ import annotations

import re
from enum import Enum

_URL = re.compile(r"https?://[^\s<>\"'`]+", re.I)
_QUESTION_START = re.compile(
    r"^(?:who|whom|whose|what|when|where|why|how|which|did|does|do|is|are|was|were|can|could|will|would|should|has|have|had|tell me|explain|list|name)\b",
    re.I,
)
_GREETING = re.compile(
    r"^(?:hi|hello|hey|hallo|yo|thanks|thank you|thx|good (?:morning|evening|night))\b[\s!.,]*$",
    re.I,
)
ARTICLE_MIN_WORDS = 40
# A short news item (two or three plain sentences) is an article too; chat with the bot is not.
SHORT_ARTICLE_MIN_WORDS = 18
_SENTENCE_END = re.compile(r"[.!…][\"'”’)]*(?:\s|$)")
_CHAT_WORDS = re.compile(
    r"\b(?:i|i'm|i've|i'd|me|my|you|your|you're|please|thanks|thank|ok|okay|bot)\b", re.I
)


class Intent(Enum):
    ARTICLE = "article"
    LINK = "link"
    QUESTION = "question"
    GREETING = "greeting"
    SHORT = "short"  # a few words that neither ask nor make an article


def find_url(text: str) -> str | None:
    """The first http(s) link in a text, without trailing punctuation."""
    m = _URL.search(text)
    return m.group(0).rstrip(".,;:!?)]}»”’") if m else None


def classify(text: str) -> Intent:
    """What a message is: a new article, a link to fetch, a question, a greeting, or too short."""
    stripped = text.strip()
    words = stripped.split()
    url = find_url(stripped)
    if url and len(_URL.sub(" ", stripped).split()) < 30:
        return Intent.LINK
    if len(words) >= ARTICLE_MIN_WORDS:
        return Intent.ARTICLE
    if _GREETING.match(stripped):
        return Intent.GREETING
    if stripped.endswith("?") or _QUESTION_START.match(stripped):
        return Intent.QUESTION
    if (
        len(words) >= SHORT_ARTICLE_MIN_WORDS
        and len(_SENTENCE_END.findall(stripped)) >= 2
        and "?" not in stripped
        and not _CHAT_WORDS.search(stripped)
    ):
        return Intent.ARTICLE
    return Intent.SHORT
