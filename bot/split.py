"""Sentence splitting that keeps abbreviations, initials, decimals and quotations intact."""

from __future__ import annotations

import re

import sentencex

# A splitter can leave a run-on segment (lists, transcripts, text without punctuation) at
# hundreds of words; such segments are cut again at softer boundaries, then by length.
MAX_WORDS = 80
_SOFT_BREAKS = re.compile(r"(?<=[;:])\s+|\s+(?=[-–—]\s)|(?<=[.!?][\"'”’)])\s+")
_SPACE = re.compile(r"\s+")


def split_sentences(text: str) -> list[str]:
    """Split one paragraph of text into sentences, stripped, without empty ones."""
    text = _SPACE.sub(" ", text).strip()
    if not text:
        return []
    out: list[str] = []
    for seg in sentencex.segment("en", text):
        seg = seg.strip()
        if not seg:
            continue
        if len(seg.split()) > MAX_WORDS:
            out.extend(_split_long(seg))
        else:
            out.append(seg)
    return out


def _split_long(seg: str) -> list[str]:
    pieces = [p.strip() for p in _SOFT_BREAKS.split(seg) if p and p.strip()]
    out: list[str] = []
    for piece in pieces:
        words = piece.split()
        if len(words) <= MAX_WORDS:
            out.append(piece)
            continue
        for i in range(0, len(words), MAX_WORDS):
            out.append(" ".join(words[i : i + MAX_WORDS]))
    return _merge_fragments(out)


def _merge_fragments(parts: list[str]) -> list[str]:
    """Join pieces of three words or fewer back onto their neighbour."""
    merged: list[str] = []
    for p in parts:
        if merged and len(p.split()) <= 3:
            merged[-1] = f"{merged[-1]} {p}"
        else:
            merged.append(p)
    return merged
