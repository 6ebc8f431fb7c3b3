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


def test_caption_run_into_the_next_sentence_is_cut_there() -> None:
    text = (
        "The fire crews worked through the night to keep the flames away from the old mill "
        "and the houses along the river bank at the edge of the village of Lower Brampton "
        "on Tuesday Some of the families had already left their homes by then, taking only "
        "what they could carry in the cars and on the backs of the tractors. "
        "The report appeared in The Times the next morning and was read aloud at the meeting."
    )
    got = split_sentences(text)
    assert got[0].endswith("on Tuesday")
    assert got[1].startswith("Some of the families")
    # "in The Times" names a newspaper: no cut there.
    assert any("in The Times the next morning" in s for s in got)


def test_short_sentences_keep_a_capitalised_word_inside() -> None:
    text = "Her favourite film is Gone With The Wind and she has seen it twice."
    assert split_sentences(text) == [text]
