"""Property tests over the text pipeline: any text is cleaned and briefed without surprises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.brief import METHODS, brief
from bot.clean import clean_text
from bot.errors import EmptyText
from bot.qa import answer

# Text that looks a little like pasted pages: words, punctuation, quotes, newlines, odd characters.
_pieces = st.one_of(
    st.text(min_size=0, max_size=40),
    st.sampled_from(
        [
            "U.S.",
            "Maj. Gen.",
            "3.5",
            "(AP) --",
            "\n",
            "\n\n",
            ". ",
            "? ",
            '"',
            "“",
            "”",
            "’",
            "Share",
            "Copyright 2026",
            "By JANE DOE",
            "<b>",
            "&amp;",
            "\u200b",
            "\x00",
            "🙂",
            "The council said on Monday that 1,200 people left.",
            "PARIS (AP) -- ",
        ]
    ),
)
texts = st.lists(_pieces, min_size=0, max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, n=st.integers(min_value=-2, max_value=12), method=st.sampled_from(METHODS))
def test_brief_is_a_short_subsequence_of_the_article(text: str, n: int, method: str) -> None:
    try:
        article = clean_text(text)
    except EmptyText:
        return
    chosen = brief(article, sentences=n, method=method)
    sentences = article.sentences
    assert 1 <= len(chosen) <= max(1, n)
    # a subsequence: each chosen sentence appears, in article order
    positions = []
    start = 0
    for s in chosen:
        i = sentences.index(s, start)
        positions.append(i)
        start = i + 1
    assert positions == sorted(positions)


@settings(max_examples=200, deadline=None)
@given(text=texts, question=st.text(max_size=200))
def test_answers_never_raise_and_quote_the_article(text: str, question: str) -> None:
    try:
        article = clean_text(text)
    except EmptyText:
        return
    found = answer(question, article)
    if found is not None:
        assert found.sentence in article.sentences
        assert found.span is None or found.span in found.sentence
