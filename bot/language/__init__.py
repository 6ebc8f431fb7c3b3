"""Languages: which one a text is in, and how each is split, compared and asked about.

`detect(text)` names the language; `profile(code)` gives its text handling; `with_language`
re-reads an article in a language a chat has chosen.
"""

from __future__ import annotations

import dataclasses

from bot.article import Article
from bot.language.detect import SUPPORTED, UNDETERMINED, detect

__all__ = [
    "NAMES",
    "SUPPORTED",
    "UNDETERMINED",
    "UnknownLanguage",
    "detect",
    "name",
    "parse_choice",
    "profile_words",
    "with_language",
]

# Each language's name in itself, for the brief's header and /settings.
NAMES: dict[str, str] = {
    "en": "English", "de": "Deutsch", "es": "Español", "fr": "Français", "it": "Italiano",
    "pt": "Português", "nl": "Nederlands", "ro": "Română", "ru": "Русский", "uk": "Українська",
    "el": "Ελληνικά", "tr": "Türkçe", "ar": "العربية", "hi": "हिन्दी", "vi": "Tiếng Việt",
    "zh": "中文", "ja": "日本語", "th": "ไทย",
}  # fmt: skip
_BY_NAME = {n.lower(): c for c, n in NAMES.items()} | {
    "english": "en", "german": "de", "spanish": "es", "french": "fr", "italian": "it",
    "portuguese": "pt", "dutch": "nl", "romanian": "ro", "russian": "ru", "ukrainian": "uk",
    "greek": "el", "turkish": "tr", "arabic": "ar", "hindi": "hi", "vietnamese": "vi",
    "chinese": "zh", "japanese": "ja", "thai": "th",
}  # fmt: skip


def name(code: str | None) -> str | None:
    """The language's own name ("Deutsch"), or None for unknown and undetermined codes."""
    return NAMES.get(code or "")


class UnknownLanguage(ValueError):
    """A language the bot has no text handling for."""


def parse_choice(value: str) -> str | None:
    """A chat's language choice: a code or a name ("de", "German", "Deutsch"); "auto" gives None
    (detect each article). Raises UnknownLanguage otherwise."""
    v = value.strip().lower()
    if v in ("auto", "detect", "default"):
        return None
    code = v if v in SUPPORTED else _BY_NAME.get(v)
    if code is None:
        raise UnknownLanguage(value)
    return code


def profile_words(text: str, code: str | None) -> list[str]:
    """The words of a text for length checks; in Chinese, Japanese and Thai, which write no
    spaces, each letter counts as a word (about 1.5-2 letters make one)."""
    from bot.language.text import SCRIPT_CHAR, profile

    p = profile(code)
    if not p.ngrams:
        return p.words(text)
    return [w for run in p.words(text) for w in (run if SCRIPT_CHAR.match(run) else [run])]


def with_language(article: Article, code: str) -> Article:
    """The article re-split into sentences with the rules of language `code`."""
    if article.language == code:
        return article
    from bot.split import split_sentences

    paragraphs = tuple(
        tuple(s) for s in (split_sentences(" ".join(p), code) for p in article.paragraphs) if s
    )
    return dataclasses.replace(article, paragraphs=paragraphs or article.paragraphs, language=code)
