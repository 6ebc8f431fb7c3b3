"""Feed filters: `+word` an item must mention (one of them), `-word` it must not mention.

Words match whole words, case-insensitively, in an item's title and text; `flood*` matches any
word that starts with "flood"; `+"sea wall"` is a phrase. Stored as the canonical text form.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from bot.errors import UsageError, Words
from bot.i18n import N_

MAX_FILTER_WORDS = 20
MAX_WORD_CHARS = 40
USAGE = N_(
    "Filters are words with + or - in front: +flood keeps only items that mention flood, "
    '-football drops items that do; flood* matches flooding too, +"sea wall" is a phrase.'
)


@dataclass(frozen=True)
class FeedFilter:
    """Include words (at least one must appear, if any) and exclude words (none may appear)."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.include or self.exclude)

    def keeps(self, title: str | None, text: str | None) -> bool:
        """Does an item with this title and text pass the filter?"""
        if not self:
            return True
        haystack = f"{title or ''}\n{text or ''}"
        if any(_pattern(word).search(haystack) for word in self.exclude):
            return False
        return not self.include or any(_pattern(word).search(haystack) for word in self.include)

    def describe(self) -> str:
        """The canonical text form, e.g. '+flood +"sea wall" -football' ('' for no filter)."""
        return " ".join(
            [f"+{_quote(w)}" for w in self.include] + [f"-{_quote(w)}" for w in self.exclude]
        )


def _quote(word: str) -> str:
    return f'"{word}"' if " " in word else word


def _pattern(word: str) -> re.Pattern[str]:
    prefix = word.endswith("*")
    core = re.escape(word.rstrip("*")).replace(r"\ ", r"\s+")
    end = "" if prefix else r"(?!\w)"
    return re.compile(rf"(?<!\w){core}{end}", re.IGNORECASE)


def parse_filter(text: str) -> FeedFilter:
    """'+flood -football +"sea wall"' to a FeedFilter; UsageError for anything else."""
    try:
        tokens = shlex.split(text.replace("“", '"').replace("”", '"'))
    except ValueError:
        raise UsageError("A quote is not closed. {usage}", usage=Words(USAGE)) from None
    include: list[str] = []
    exclude: list[str] = []
    for token in tokens:
        sign, word = token[:1], " ".join(token[1:].split()).lower()
        if not sign or sign not in "+-" or not word:
            raise UsageError(
                "{token!r} has no + or - in front. {usage}", token=token[:40], usage=Words(USAGE)
            )
        if len(word) > MAX_WORD_CHARS or not re.search(r"\w", word) or word.strip("*") == "":
            raise UsageError(
                "{token!r} is not a word I can look for. {usage}",
                token=token[:40],
                usage=Words(USAGE),
            )
        target = include if sign == "+" else exclude
        if word not in target:
            target.append(word)
    if len(include) + len(exclude) > MAX_FILTER_WORDS:
        raise UsageError("A feed can have up to {n} filter words.", n=MAX_FILTER_WORDS)
    return FeedFilter(tuple(include), tuple(exclude))


def split_filter_args(args: list[str]) -> tuple[list[str], str]:
    """Command arguments into the words before the filter and the filter text ('/follow URL +a')."""
    for i, arg in enumerate(args):
        if arg[:1] in "+-" and len(arg) > 1:
            return args[:i], " ".join(args[i:])
    return args, ""
