"""The learned short-answer scorer for languages other than English (bot/language/span_model.py):
short articles in German and Russian, and the short answer a reader would expect."""

from __future__ import annotations

import pytest

import bot
from bot.clean import clean_text
from bot.language import answering
from bot.language import span_model as sm
from bot.questions import QType

GERMAN = (
    "Die neue Brücke über den Rhein wurde im Mai 2019 eröffnet. Sie ist 420 Meter lang und "
    "kostete rund 85 Millionen Euro. Entworfen wurde sie von der Architektin Anna Bergmann aus "
    "Köln. Täglich überqueren etwa 30.000 Autos die Brücke, die den Stadtteil Deutz mit der "
    "Altstadt verbindet."
)
RUSSIAN = (
    "Новый стадион в Казани открылся в 2013 году. Он вмещает 45 000 зрителей и стоил около "
    "14 миллиардов рублей. Проект разработало американское бюро Populous. Главным тренером "
    "местной команды стал Курбан Бердыев."
)


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        (GERMAN, "Wann wurde die Brücke eröffnet?", "Mai 2019"),
        (GERMAN, "Wie viele Autos überqueren täglich die Brücke?", "30.000"),
        (GERMAN, "Wer hat die Brücke entworfen?", "Anna Bergmann"),
        (GERMAN, "Wie viel kostete die Brücke?", "85 Millionen"),
        (RUSSIAN, "Сколько зрителей вмещает стадион?", "45 000"),
        (RUSSIAN, "Когда открылся стадион?", "2013"),
        (RUSSIAN, "Кто стал главным тренером команды?", "Курбан Бердыев"),
        (RUSSIAN, "Сколько стоил стадион?", "14 миллиардов рублей"),
    ],
)
def test_a_question_gets_the_short_answer_a_reader_expects(
    text: str, question: str, expected: str
) -> None:
    got = bot.answer(question, clean_text(text))
    assert got is not None
    assert got.span is not None
    assert expected in got.span
    # Short: the answer, not the sentence.
    assert len(got.span.split()) <= len(expected.split()) + 3
    assert answering.BOLD_THRESHOLD <= got.confidence <= 1.0


def test_the_short_answer_is_inside_the_chosen_sentence() -> None:
    got = bot.answer("Wie lang ist die Brücke?", clean_text(GERMAN))
    assert got is not None
    assert "420" in got.sentence
    assert got.span is not None and got.span in got.sentence and "420" in got.span


def test_without_the_weights_the_rules_span_is_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sm, "WEIGHTS", "missing.npz")
    sm.weights.cache_clear()
    try:
        sentence = "Die Brücke wurde im Mai 2019 eröffnet."
        shown, guess, prob = answering.best_span(
            "Wann wurde die Brücke eröffnet?", QType.DATE, sentence, "de", "Mai 2019"
        )
        assert (shown, guess, prob) == ("Mai 2019", "Mai 2019", 0.0)
    finally:
        sm.weights.cache_clear()


def test_chinese_spans_are_characters_inside_the_sentence() -> None:
    sentence = "这座桥于2019年5月开通，全长420米。"
    question = "这座桥什么时候开通？"
    qtype = answering.question_type(question, "zh")
    hint = answering.pick_span(question, qtype, sentence, "zh")
    shown, guess, _ = answering.best_span(question, qtype, sentence, "zh", hint)
    assert guess is not None and guess in sentence
    assert shown == guess == "2019年5月"


def test_candidates_never_cross_a_comma_or_end_on_a_full_stop() -> None:
    sentence = "Sie ist 420 Meter lang, kostete 85 Millionen Euro."
    c = sm.candidates("Wie lang?", str(QType.NUMBER), sentence, "de", None, [])
    assert c is not None
    texts = {sentence[s:e] for s, e in zip(c.char_start, c.char_end, strict=True)}
    assert "420 Meter" in texts and "85 Millionen Euro" in texts
    assert not any("," in t or t.endswith(".") for t in texts)
