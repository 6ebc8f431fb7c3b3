"""The message catalogues: every string the bot says has a translation in every language with
a catalogue, with the same placeholders and markup; the reader's language is chosen well."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot import i18n
from bot.i18n import _, ngettext

ROOT = Path(__file__).resolve().parent.parent
# Placeholders ({n}, {size:.1f}) and HTML tags must survive translation unchanged.
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_TAG = re.compile(r"</?[a-z]+>")
TRANSLATED = [code for code in i18n.LANGUAGES if code != i18n.DEFAULT]


def _mapping() -> list[tuple[str, str]]:
    """The (pattern, method) pairs of babel.cfg."""
    out = []
    for line in (ROOT / "babel.cfg").read_text(encoding="utf-8").splitlines():
        m = re.fullmatch(r"\[(\w+):\s*(.+)\]", line.strip())
        if m:
            out.append((m.group(2), m.group(1)))
    return out


def source_messages() -> set[str | tuple[str, str]]:
    """What the code says today, extracted as `pybabel extract` would."""
    keywords: dict[str, object] = {"_": None, "ngettext": (1, 2), "gettext": None}
    keywords |= dict.fromkeys(i18n.EXTRACT_KEYWORDS)
    found: set[str | tuple[str, str]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=_mapping(), keywords=keywords
    ):
        if isinstance(message, tuple):
            if all(message):
                found.add((message[0], message[1]))
        elif message:
            found.add(message)
    return found


def catalogue(code: str):  # type: ignore[no-untyped-def]
    path = ROOT / "bot" / i18n.catalogue_path(code)
    with path.open("rb") as f:
        return read_po(f, locale=code)


def test_the_source_has_messages_to_translate() -> None:
    messages = source_messages()
    assert len(messages) > 50
    assert "The article doesn't say." in messages


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_is_translated(code: str) -> None:
    cat = catalogue(code)
    missing = []
    for message in sorted(source_messages(), key=str):
        key = message[0] if isinstance(message, tuple) else message
        entry = cat.get(key)
        strings = (
            (entry.string if isinstance(entry.string, tuple) else (entry.string,)) if entry else ()
        )
        if entry is None or entry.fuzzy or not strings or not all(strings):
            missing.append(key)
    assert not missing, f"{code}: untranslated: {missing}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_placeholders_and_markup(code: str) -> None:
    for entry in catalogue(code):
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        for s in strings:
            for pattern in (_PLACEHOLDER, _TAG):
                assert sorted(pattern.findall(s)) == sorted(pattern.findall(ids[0])), (code, s)


def test_the_reader_gets_their_language_when_there_is_a_catalogue() -> None:
    assert i18n.choose(None, "ru") == "ru"
    assert i18n.choose(None, "de-AT") == "de"
    assert i18n.choose(None, "ja") == "en"  # no catalogue: English
    assert i18n.choose(None, None) == "en"
    assert i18n.choose("es", "ru") == "es"  # the chat's /settings language wins
    assert i18n.choose("zh", "ru") == "ru"  # ... when there is a catalogue for it


def test_messages_follow_the_language_in_use() -> None:
    with i18n.speaking("ru"):
        assert _("The article doesn't say.") == "В статье об этом не сказано."
        assert ngettext("Brief length: {n} sentence", "Brief length: {n} sentences", 5) == (
            "Длина изложения: {n} предложений"
        )
    with i18n.speaking("de"):
        assert _("{minutes} min read").format(minutes=3) == "3 Min. Lesezeit"
    assert _("The article doesn't say.") == "The article doesn't say."
    assert _("") == ""
