"""The plain data that flows through the core: a cleaned article and its parts."""

from __future__ import annotations

from dataclasses import dataclass, field

WORDS_PER_MINUTE = 230


def reading_minutes(sentences: list[str]) -> int:
    """Reading time of a text at about 230 words a minute, at least one minute."""
    return max(1, round(sum(len(s.split()) for s in sentences) / WORDS_PER_MINUTE))


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
        return reading_minutes(self.sentences)
