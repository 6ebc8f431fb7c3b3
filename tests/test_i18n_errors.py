"""Errors built from a template and parameters reach each reader in their language."""

from __future__ import annotations

from bot import i18n
from bot.errors import UsageError, shown
from bot.service.library import MAX_SENTENCES


def test_a_formatted_error_is_shown_in_russian_to_a_russian_reader() -> None:
    exc = UsageError("Brief length must be 1 to {n} sentences.", n=MAX_SENTENCES)
    with i18n.speaking("ru"):
        assert shown(exc) == f"Длина изложения — от 1 до {MAX_SENTENCES} предложений."


def test_the_english_text_is_unchanged() -> None:
    exc = UsageError("Brief length must be 1 to {n} sentences.", n=MAX_SENTENCES)
    assert str(exc) == f"Brief length must be 1 to {MAX_SENTENCES} sentences."
    assert exc.template == "Brief length must be 1 to {n} sentences."
    assert exc.params == {"n": MAX_SENTENCES}
    assert shown(exc) == str(exc)
    assert str(UsageError("Tell me what to look for, e.g. /search flood barrier")) == (
        "Tell me what to look for, e.g. /search flood barrier"
    )
