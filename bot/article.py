"""The plain data that flows through the core: a cleaned article and its parts."""

from __future__ import annotations

from dataclasses import dataclass, field

WORDS_PER_MINUTE = 230
# Silent reading rates of languages written without spaces, in characters a minute
# (Trauzettel-Klosinski et al., "Standardized assessment of reading performance", 2012).
CHARACTERS_PER_MINUTE = {"zh": 255, "ja": 357}


def reading_minutes(sentences: list[str], language: str | None = None) -> int:
    """Reading time of a text, at least one minute: about 230 words a minute; Chinese and
    Japanese by their characters, Thai with two letters to a word (they write no spaces)."""
    from bot.language.text import SCRIPT_CHAR, word_count

    per_minute = CHARACTERS_PER_MINUTE.get(language or "")
    if per_minute:
        letters = sum(len(SCRIPT_CHAR.findall(s)) for s in sentences)
        others = sum(1 for s in sentences for t in s.split() if not SCRIPT_CHAR.search(t))
        return max(1, round((letters / per_minute) + others / WORDS_PER_MINUTE))
    return max(1, round(sum(word_count(s, language) for s in sentences) / WORDS_PER_MINUTE))


@dataclass(frozen=True)
class Article:
    """A cleaned article: title, body as paragraphs of sentences, and what metadata was found."""

    paragraphs: tuple[tuple[str, ...], ...]
    title: str | None = None
    byline: str | None = None
    place: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    # ISO 639-1 code of the text's language ("und" when it could not be told; None: not asked).
    language: str | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def sentences(self) -> list[str]:
        """All body sentences in article order."""
        return [s for para in self.paragraphs for s in para]

    @property
    def text(self) -> str:
        """The body as plain text, one paragraph per block."""
        return "\n\n".join(" ".join(p) for p in self.paragraphs)

    @property
    def word_count(self) -> int:
        return sum(len(s.split()) for s in self.sentences)

    @property
    def reading_minutes(self) -> int:
        """Reading time of the original, at least one minute."""
        return reading_minutes(self.sentences, self.language)
