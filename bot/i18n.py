"""The bot's own words in the reader's language: one gettext catalogue per language.

Catalogues are Babel .po files in bot/locales/<code>/LC_MESSAGES/articlebot.po, read with Babel
and turned into gettext translations when first used (no compile step, nothing to build after
`pip install -e .`). `_()` translates into the language of the update being handled, which the
front end sets with `speaking(code)`; `N_()` only marks a string for extraction.

Update the catalogues after changing strings (then translate what `pybabel update` added;
tests/test_i18n.py fails while a string is untranslated or a placeholder differs):
    pybabel extract -F babel.cfg $(python -c "import bot.i18n as i; print(i.pybabel_keywords())") \
        --no-location --omit-header --sort-output -o bot/locales/articlebot.pot .
    pybabel update -i bot/locales/articlebot.pot -d bot/locales -D articlebot --no-location
"""

from __future__ import annotations

import contextlib
import gettext
import io
import threading
from collections.abc import Iterator
from contextvars import ContextVar
from importlib import resources

DOMAIN = "articlebot"
DEFAULT = "en"
# Languages with a complete catalogue; English is the source text itself.
LANGUAGES: tuple[str, ...] = ("en", "ru", "es", "de")

# Exceptions the core raises are translated where they are shown (bot.errors.shown looks their
# message template up in the catalogue and fills in its parameters), so their first argument is
# extracted too: `UsageError("Brief length must be 1 to {n} sentences.", n=5)`, never an f-string.
EXTRACT_KEYWORDS: tuple[str, ...] = (
    "N_", "UsageError", "NoArticle", "NotFound", "EmptyText", "NotText", "TooLarge", "TooShort",
    "NotAnArticle", "InputError", "StorageError", "FetchError", "BlockedAddress",
    "BadContentType", "FetchTimeout", "HTTPStatusError", "NoArticleText", "NotAFeed", "TooBig",
    "TooManyRedirects", "ArticlebotError", "ScannedPDF", "PDFTooSlow", "TooComplex",
    "WorkerCrashed",
)  # fmt: skip


def pybabel_keywords() -> str:
    """The -k options for `pybabel extract`."""
    return " ".join(f"-k {k}" for k in EXTRACT_KEYWORDS)


_current: ContextVar[str] = ContextVar("articlebot_language", default=DEFAULT)
_loaded: dict[str, gettext.NullTranslations] = {}
_lock = threading.Lock()


def catalogue_path(code: str) -> str:
    return f"locales/{code}/LC_MESSAGES/{DOMAIN}.po"


def translations(code: str) -> gettext.NullTranslations:
    """The gettext translations for a language (English, the source, for unknown codes)."""
    with _lock:
        found = _loaded.get(code)
        if found is None:
            found = _load(code)
            _loaded[code] = found
        return found


def _load(code: str) -> gettext.NullTranslations:
    if code == DEFAULT or code not in LANGUAGES:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    source = resources.files("bot").joinpath(catalogue_path(code))
    with source.open("rb") as f:
        catalog = read_po(f, locale=code, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def choose(chosen: str | None, user_language: str | None) -> str:
    """The language to speak: the chat's choice if there is a catalogue for it, else the
    user's Telegram language ("ru", "pt-br" -> "pt"), else English."""
    for candidate in (chosen, user_language):
        code = (candidate or "").split("-")[0].split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT


@contextlib.contextmanager
def speaking(code: str) -> Iterator[None]:
    """Within the block (this task or thread), `_()` answers in language `code`."""
    token = _current.set(code if code in LANGUAGES else DEFAULT)
    try:
        yield
    finally:
        _current.reset(token)


def current() -> str:
    """The language `_()` translates into right now."""
    return _current.get()


def _(message: str) -> str:
    """The message in the current language (the English text when it has no translation)."""
    if not message:
        return message  # gettext("") is the catalogue's header
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for n in the current language (Russian has three)."""
    return translations(_current.get()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for the catalogue without translating it (translate where it is shown)."""
    return message
