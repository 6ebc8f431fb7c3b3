"""Which language a text is written in: py3langid (its model ships inside the wheel), restricted
to the languages the bot handles, "und" when it cannot tell."""

from __future__ import annotations

import threading
from typing import Any

UNDETERMINED = "und"

# The languages with text handling here (stop words, stemming or n-grams, sentence rules).
SUPPORTED: tuple[str, ...] = (
    "en", "de", "es", "fr", "it", "pt", "nl", "ro", "ru", "uk", "el", "tr",
    "ar", "hi", "vi", "zh", "ja", "th",
)  # fmt: skip

# Below this normalised probability the best guess is not trusted. Short texts (a headline, a
# caption) are where identifiers go wrong, so they need more evidence than a long article.
MIN_CONFIDENCE = 0.8
MIN_CHARS = 12
# Reading the start of a long article is enough and keeps detection cheap.
MAX_CHARS = 4000

_identifier: Any = None
_lock = threading.Lock()


def _get() -> Any:
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            ident.set_languages(list(SUPPORTED))
            _identifier = ident
        return _identifier


def detect(text: str) -> str:
    """The ISO 639-1 code of the text's language among SUPPORTED, or "und"."""
    sample = " ".join(text[:MAX_CHARS].split())
    letters = sum(ch.isalpha() for ch in sample)
    if letters < MIN_CHARS and not _dense_script(sample):
        return UNDETERMINED
    code, prob = _get().classify(sample)
    return str(code) if prob >= MIN_CONFIDENCE else UNDETERMINED


def _dense_script(sample: str) -> bool:
    """Chinese and Japanese say a lot in few characters: four of them are already a sentence."""
    return sum(0x3040 <= ord(ch) <= 0x9FFF for ch in sample) >= 4
