"""Reasons and manner: the clause of a sentence that answers "why" or "how"."""

from __future__ import annotations

import re

_WHY = re.compile(
    r"\b(because(?:\s+of)?|due\s+to|owing\s+to|as\s+a\s+result\s+of|thanks\s+to|amid|after|"
    r"following|so\s+that|in\s+order\s+to|since|for\s+fear\s+of|in\s+protest\s+(?:at|against|over)|"
    r"in\s+response\s+to|over\s+concerns?|to\s+(?=(?:help|avoid|prevent|protect|stop|allow|make|"
    r"ensure|save|support|reduce|keep|fund|pay|raise|find|mark|honou?r|celebrate|protest)\b))\s+"
    r"([^.;!?]{3,200})",
    re.IGNORECASE,
)
_HOW = re.compile(
    r"\b(by|through|using|with\s+the\s+help\s+of|via)\s+([^.;!?]{3,160})",
    re.IGNORECASE,
)
_HOW_QUESTION = re.compile(
    r"^\s*(?:and\s+|so\s+)?how\s+(?:did|does|do|was|were|is|are|has|have|had|can|could|will|would)\b",
    re.IGNORECASE,
)
_WHY_QUESTION = re.compile(
    r"^\s*(?:and\s+|so\s+|but\s+)?(?:why\b|what\s+(?:caused|led\s+to)\b|for\s+what\s+reason\b)",
    re.IGNORECASE,
)
MAX_WORDS = 25


def kind(question: str) -> str | None:
    """ "why" or "how" (manner/means) for such questions, else None ("how many" is a number)."""
    if _WHY_QUESTION.match(question):
        return "why"
    if _HOW_QUESTION.match(question):
        return "how"
    return None


def clause(sentence: str, asked: str) -> str | None:
    """The reason (for "why") or the means (for "how") clause of a sentence, marker included:
    "because the rebels refused to disarm", "by cutting the fence"."""
    m = (_WHY if asked == "why" else _HOW).search(sentence)
    if not m:
        return None
    text = m.group(0).strip().rstrip(",")
    # Up to the end of the clause: a comma followed by a new subject or a quote ends it.
    cut = re.search(
        r",\s+(?:he|she|they|it|the|a|an|which|who|but|and\s+(?:he|she|they))\b|[\"”]", text
    )
    if cut and cut.start() > 10:
        text = text[: cut.start()]
    words = text.split()
    if len(words) > MAX_WORDS:
        text = " ".join(words[:MAX_WORDS])
    return text if len(words) >= 2 else None
