"""Feed filters: which items a chat keeps, and the words people type for them."""

from __future__ import annotations

import pytest

from bot.errors import UsageError
from bot.filters import FeedFilter, parse_filter, split_filter_args


def test_include_words_keep_items_that_mention_one_of_them() -> None:
    f = parse_filter("+flood +Storm")
    assert f.keeps("River floods the valley", "The flood reached the bridge.")
    assert f.keeps("Weather", "A STORM is coming.")
    assert not f.keeps("Cup final tonight", "The team trains in the rain.")


def test_exclude_words_drop_items_that_mention_any_of_them() -> None:
    f = parse_filter("+flood -football")
    assert not f.keeps("Flood stops football match", "")
    assert not f.keeps("Flood in town", "The Football club helped.")
    assert f.keeps("Flood in town", "The rugby club helped.")
    only_out = parse_filter("-celebrity")
    assert only_out.keeps("Budget vote", "Parliament passed it.")
    assert not only_out.keeps("Celebrity wedding", "")


def test_words_match_whole_words_unless_starred_and_phrases_are_kept_together() -> None:
    assert not parse_filter("+rail").keeps("Trail reopens", "A mountain trail.")
    assert parse_filter("+flood*").keeps("Flooding closes roads", "")
    wall = parse_filter('+"sea wall"')
    assert wall.keeps("Town votes on new sea  wall", "")
    assert not wall.keeps("Sea views from the wall", "")


def test_the_canonical_form_reads_back_to_the_same_filter() -> None:
    f = parse_filter('+Flood -football +"sea wall" +flood')
    assert f.describe() == '+flood +"sea wall" -football'
    assert parse_filter(f.describe()) == f
    assert parse_filter("") == FeedFilter() and not FeedFilter()
    assert FeedFilter().keeps(None, None)


@pytest.mark.parametrize("bad", ["flood", "+", '+"sea wall', "+" + "x" * 41, "+!!!", "+*"])
def test_malformed_filters_get_a_usage_line(bad: str) -> None:
    with pytest.raises(UsageError):
        parse_filter(bad)


def test_too_many_words_are_refused() -> None:
    with pytest.raises(UsageError, match="20"):
        parse_filter(" ".join(f"+w{i}" for i in range(21)))


def test_command_arguments_split_at_the_first_signed_word() -> None:
    assert split_filter_args(["https://x.example/feed", "+a", "-b"]) == (
        ["https://x.example/feed"],
        "+a -b",
    )
    assert split_filter_args(["2"]) == (["2"], "")
