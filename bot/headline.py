"""The headline of a pasted page, or a short title made from the story's first sentence.

The headline is a title-like line a little above the story: near it, often followed by a byline
or a date, often printed twice, sharing words with the story's first paragraphs, and not one of
a list of other stories' headlines.
"""

from __future__ import annotations

from collections import Counter

from bot.furniture import Kind, content_words

_WINDOW = 40  # lines above the story that can hold its headline
_TITLE_WORDS = 12  # a title made from a sentence keeps at most this many words
_META = (Kind.BYLINE, Kind.DATE)


def _score(i: int, lines: list[str], kinds: list[Kind], start: int, lead: set[str]) -> float:
    line = lines[i]
    words = line.split()
    score = 0.0
    # Candidate lines (headings and prose) between this one and the story push it away.
    between = sum(k in (Kind.HEADING, Kind.PROSE) for k in kinds[i + 1 : start])
    score -= 1.2 * between + 0.05 * (start - i)
    if any(k in _META for k in kinds[i + 1 : i + 5]):
        score += 2.5
    own = set(content_words(line))
    if own:
        score += 4.0 * len(own & lead) / len(own)
    near = kinds[max(0, i - 2) : i] + kinds[i + 1 : i + 3]
    if sum(k is Kind.HEADING for k in near) >= 3:
        score -= 2.0  # one of a list of links
    if line.isupper() and len(words) < 6:
        score -= 2.0  # a section label
    if kinds[i] is Kind.LINK:
        score -= 1.5  # listed after "Up next" or "Related": another story, unless all else fails
    if len(words) < 4:
        score -= 1.5
    if kinds[i] is Kind.PROSE and len(words) > 14:
        score -= 1.5  # a sentence: a standfirst or caption more likely than a headline
    return score


def pick_headline(lines: list[str], kinds: list[Kind], start: int, end: int) -> str | None:
    """The headline among the lines above lines[start] (the story's first line), if one is there."""
    lead: set[str] = set()
    for i in range(start, min(end, start + 12)):
        if kinds[i] is Kind.PROSE:
            lead.update(content_words(lines[i]))
    low = max(0, start - _WINDOW)
    seen = Counter(lines[low:start])
    best, best_score = None, 0.5
    for i in range(low, start):
        n = len(lines[i].split())
        if kinds[i] not in (Kind.HEADING, Kind.PROSE, Kind.LINK) or not 2 <= n <= 25:
            continue
        score = _score(i, lines, kinds, start, lead) + (1.5 if seen[lines[i]] > 1 else 0.0)
        if score > best_score:
            best, best_score = lines[i], score
    return best


def title_from_sentence(sentence: str) -> str:
    """A short title from a sentence: the whole of a short one, else its first words and '…'."""
    words = sentence.split()
    if len(words) <= _TITLE_WORDS:
        return " ".join(words).rstrip(".:;, ")
    return " ".join(words[:_TITLE_WORDS]).rstrip(".:;,—–- ") + "…"
