"""Numbers from users and buttons: ASCII digits only, never an exception."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [("3", 3), (" 12 ", 12), ("007", 7), ("999999999", 999_999_999), ("0", 0)],
)
def test_ascii_numbers(text: str, expected: int) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    ["²", "³", "٣", "①", "1²", "", " ", "-1", "+1", "1.0", "1e3", "1_000", "1234567890", None],
)
def test_anything_else_is_not_a_number(text: str | None) -> None:
    assert parse_number(text) is None


@given(st.text(max_size=20))
def test_never_raises(text: str) -> None:
    n = parse_number(text)
    assert n is None or int(text.strip()) == n
