"""Sentence splitting keeps abbreviations, initials, decimals and quotations intact."""

from __future__ import annotations

from bot.split import MAX_WORDS, split_sentences


def test_abbreviations_initials_decimals() -> None:
    text = (
        "U.S. Secretary Dana Holt met Maj. Gen. Igor Levin at 5 p.m. Officials said the "
        "U.N. would meet again. Prices rose 3.5 percent, said J. R. Ames of St. Clair Bank."
    )
    assert split_sentences(text) == [
        "U.S. Secretary Dana Holt met Maj. Gen. Igor Levin at 5 p.m.",
        "Officials said the U.N. would meet again.",
        "Prices rose 3.5 percent, said J. R. Ames of St. Clair Bank.",
    ]


def test_quotation_with_inner_stops_stays_whole() -> None:
    text = 'She said: "We tried. It failed." Then she left the room.'
    assert split_sentences(text) == ['She said: "We tried. It failed."', "Then she left the room."]


def test_run_on_segments_are_cut() -> None:
    text = " ".join(f"word{i}" for i in range(50_000))
    parts = split_sentences(text)
    assert len(parts) > 100
    assert all(len(p.split()) <= MAX_WORDS + 3 for p in parts)
    assert " ".join(parts).split() == text.split()


def test_empty() -> None:
    assert split_sentences("  \n ") == []
