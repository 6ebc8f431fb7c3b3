"""Turn pasted text (often a whole web page) into a clean Article. (First cut; refined later.)"""

from __future__ import annotations

import re

from bot.article import Article
from bot.errors import EmptyText
from bot.split import split_sentences

_BLANK = re.compile(r"\n\s*\n")


def clean_text(
    raw: str, *, title: str | None = None, source: str | None = None, url: str | None = None
) -> Article:
    """Clean pasted text into an Article; raises EmptyText when nothing usable remains."""
    paragraphs = []
    for block in _BLANK.split(raw.replace("\r\n", "\n")):
        sents = split_sentences(block)
        if sents:
            paragraphs.append(tuple(sents))
    if not paragraphs:
        raise EmptyText("There is no article text in that message.")
    return Article(paragraphs=tuple(paragraphs), title=title, source=source, url=url)
