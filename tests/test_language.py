"""Articles and questions in other languages: detection, sentences, terms, question words,
dates and numbers, and answers end to end through `bot.answer`."""

from __future__ import annotations

import pytest

import bot
from bot.article import Article
from bot.clean import clean_text
from bot.language.detect import UNDETERMINED, detect
from bot.language.entities import dates, numbers
from bot.language.furniture import is_furniture
from bot.language.questions import question_type
from bot.language.text import profile
from bot.questions import QType
from bot.split import split_sentences
from tests.builders import foreign_article, plain_article


@pytest.mark.parametrize("language", ["de", "ru", "zh"])
def test_the_language_of_an_article_is_detected_and_kept(language: str) -> None:
    assert clean_text(foreign_article(language)).language == language


def test_english_stays_english_and_a_few_words_are_undetermined() -> None:
    assert clean_text(plain_article()).language == "en"
    assert detect("ok ok") == UNDETERMINED
    assert detect("") == UNDETERMINED


def test_a_forced_language_wins_over_detection() -> None:
    assert clean_text(foreign_article("de"), language="en").language == "en"


def test_chinese_is_split_at_its_own_full_stops() -> None:
    got = split_sentences("博物馆于2026年3月3日开放。当天有1200名游客！谁是馆长？", "zh")
    assert got == ["博物馆于2026年3月3日开放。", "当天有1200名游客！", "谁是馆长？"]


def test_german_abbreviations_do_not_end_a_sentence() -> None:
    text = "Die Stadt plant z. B. neue Bänke. Sie kosten ca. 300 Euro pro Stück."
    assert split_sentences(text, "de") == [
        "Die Stadt plant z. B. neue Bänke.",
        "Sie kosten ca. 300 Euro pro Stück.",
    ]


def test_thai_is_split_at_spaces_into_sentence_sized_pieces() -> None:
    clause = "พิพิธภัณฑ์แห่งใหม่เปิดให้เข้าชมแล้ว"  # no spaces inside a Thai clause
    text = " ".join([clause] * 12)
    got = split_sentences(text, "th")
    assert len(got) > 1
    assert " ".join(got) == text
    assert all(len(s) >= 60 for s in got)


def test_terms_fold_spelling_variants_and_drop_stop_words() -> None:
    assert profile("ru").terms("Ёлка и ёж") == profile("ru").terms("Елка и еж")
    assert profile("ar").terms("أَحْمَد") == profile("ar").terms("احمد")
    de = profile("de").terms("Die Brücken der Stadt")
    assert "die" not in de and "der" not in de and len(de) == 2
    # Chinese has no spaces: character bigrams, so 博物馆 and 博物 share a term.
    assert set(profile("zh").terms("博物馆")) & set(profile("zh").terms("博物"))


@pytest.mark.parametrize(
    ("question", "language", "qtype"),
    [
        ("Wann wurde die Brücke eröffnet?", "de", QType.DATE),
        ("Wie viele Gäste kamen?", "de", QType.NUMBER),
        ("¿Quién inauguró el puente?", "es", QType.PERSON),
        ("¿Dónde está el museo?", "es", QType.PLACE),
        ("Combien a coûté le pont ?", "fr", QType.NUMBER),
        ("Quando è stato aperto?", "it", QType.DATE),
        ("Quem abriu a biblioteca?", "pt", QType.PERSON),
        ("Сколько стоило строительство?", "ru", QType.NUMBER),
        ("Де відкрили бібліотеку?", "uk", QType.PLACE),
        ("Köprü ne zaman açıldı?", "tr", QType.DATE),
        ("متى افتتح المتحف؟", "ar", QType.DATE),
        ("馆长是谁？", "zh", QType.PERSON),
        ("Почему закрыли мост?", "ru", QType.THING),
        ("สะพานเปิดใช้เมื่อใด", "th", QType.DATE),  # "when", in the formal spelling
        ("สะพานยาวเท่าใด", "th", QType.NUMBER),
        ("ใครเป็นผู้ออกแบบสะพาน", "th", QType.PERSON),
        ("สะพานตั้งอยู่ในบริเวณใด", "th", QType.PLACE),
    ],
)
def test_question_words_per_language(question: str, language: str, qtype: QType) -> None:
    assert question_type(question, language) is qtype


@pytest.mark.parametrize(
    ("sentence", "language", "date"),
    [
        ("Sie wurde am 3. März 2026 eröffnet.", "de", "3. März 2026"),
        ("Se abrió el 3 de marzo de 2026.", "es", "3 de marzo de 2026"),
        ("Её открыли 3 марта 2026 года.", "ru", "3 марта 2026 года"),
        ("博物馆于2026年3月3日开放。", "zh", "2026年3月3日"),
    ],
)
def test_dates_in_their_common_forms(sentence: str, language: str, date: str) -> None:
    assert [d.text for d in dates(sentence, language)] == [date]


def test_numbers_with_local_separators_and_scales() -> None:
    assert [n.text for n in numbers("Это стоило 1,2 млрд рублей, пришли 1.200 человек.", "ru")] == [
        "1,2 млрд",
        "1.200",
    ]
    assert [n.text for n in numbers("共有1200名游客，投资约3.5亿元。", "zh")] == [
        "1200名",
        "约3.5亿元",
    ]


@pytest.mark.parametrize(
    ("sentence", "language", "counts"),
    [
        (
            "Pendler fahren zwölf Kilometer Umweg, die Stadt zahlt zwei Millionen.",
            "de",
            ["zwölf", "zwei Millionen"],
        ),
        ("Водители едут в объезд около двенадцати километров, семья ждёт.", "ru", ["двенадцати"]),
        ("Los conductores recorren doce kilómetros más, dijo la alcaldesa.", "es", ["doce"]),
        ("Sürücüler on iki kilometre fazla yol gidiyor.", "tr", ["on iki"]),
    ],
)
def test_counts_written_as_words(sentence: str, language: str, counts: list[str]) -> None:
    assert [n.text for n in numbers(sentence, language)] == counts


def test_how_far_asked_in_german_gets_the_distance_written_as_a_word() -> None:
    text = (
        "Die Brücke über die Lenne bleibt bis 2027 gesperrt. Bis zur Eröffnung müssen Pendler "
        "einen Umweg von rund zwölf Kilometern fahren. Die Stadt richtet einen Bus ein."
    )
    got = bot.answer("Wie lang ist der Umweg?", clean_text(text))
    assert got is not None and got.span is not None and "zwölf" in got.span


@pytest.fixture(scope="module", params=["de", "ru", "zh"])
def story(request: pytest.FixtureRequest) -> tuple[str, Article]:
    return request.param, clean_text(foreign_article(request.param))


QUESTIONS = {
    "de": [
        ("Wann wurde die Brücke eröffnet?", "3. März 2026"),
        ("Wie viel hat die Brücke gekostet?", "1,2 Millionen"),
        ("Wer durchschnitt das Band?", "Katrin Vogel"),
        ("Was sagte Vogel?", "Endlich können die Kinder wieder sicher zur Schule gehen"),
    ],
    "ru": [
        ("Когда открылась библиотека?", "3 марта 2026 года"),
        ("Сколько стоило строительство?", "1,2 млрд"),
        ("Сколько человек пришло в первый день?", "1.200"),
        ("Кто директор библиотеки?", "Анна Петрова"),
    ],
    "zh": [
        ("博物馆什么时候开放？", "2026年3月3日"),
        ("开馆当天有多少游客？", "1200"),
        ("博物馆投资多少钱？", "3.5亿元"),
    ],
}


def test_questions_in_the_articles_language_get_the_fact(story: tuple[str, Article]) -> None:
    language, article = story
    for question, expected in QUESTIONS[language]:
        got = bot.answer(question, article)
        assert got is not None, question
        assert got.span is not None and expected in got.span, (question, got)
        assert expected in got.sentence


def test_a_question_the_foreign_article_does_not_answer_is_refused(
    story: tuple[str, Article],
) -> None:
    _, article = story
    assert bot.answer("Which football club won the league in Argentina?", article) is None


@pytest.mark.parametrize(
    "line",
    [
        "Lesen Sie auch: Hochwasserschutz kostet mehr",
        "Подписывайтесь на наш канал",
        "Más información",
        "Реклама",
        "Lire aussi : la crue de la Saône",
        "Wir verwenden Cookies, um Ihnen ein besseres Leseerlebnis zu bieten.",
        "Facebook · Twitter · WhatsApp · Telegram",
        "相关阅读：博物馆夜间开放",
    ],
)
def test_furniture_in_other_languages_is_recognised(line: str) -> None:
    assert is_furniture(line)


def test_a_story_sentence_that_starts_like_furniture_is_kept() -> None:
    assert not is_furniture(
        "Подписывайтесь на рассылку призывали жителей весь год, но записались лишь двести человек."
    )


@pytest.mark.parametrize("language", ["de", "ru"])
def test_a_pasted_foreign_page_keeps_only_the_story(language: str) -> None:
    article = clean_text(foreign_article(language))
    body = " ".join(article.sentences)
    for junk in ("Anzeige", "Lesen Sie", "Kommentare", "Cookies", "Реклама", "Читайте также",
                 "Подписывайтесь", "cookie", "Поделиться", "WhatsApp"):  # fmt: skip
        assert junk not in body
    assert len(article.sentences) == 8
    assert article.title and article.title.startswith(("Neue Brücke", "В Светлогорске"))


SPEECH = {
    "de": (
        "Die neue Brücke in Kestrelbach wird erst 2027 fertig. Das teilte Bürgermeisterin Anna "
        "Wendt am Montag im Stadtrat mit. Grund für die Verzögerung seien Risse in zwei Pfeilern, "
        'sagte Wendt. "Wir bauen lieber langsam als unsicher", fügte sie hinzu. Die Baufirma '
        "Hollmann erklärte, sie habe nach den Plänen der Stadt gebaut."
    ),
    "ru": (
        "Новый мост в Кестрельске откроют в 2027 году. Строительство подорожало на 18 миллионов "
        "рублей, сообщил мэр города Игорь Соколов. Причина задержки — трещины в двух опорах, "
        "сказал Соколов. Спор рассмотрит арбитражный суд в Москве."
    ),
    "es": (
        "El nuevo puente de Kestrel no estará terminado hasta 2027, anunció la alcaldesa Ana "
        "García. La causa del retraso son grietas en dos pilares, dijo García. El conflicto se "
        "resolverá ante un tribunal de arbitraje en Madrid."
    ),
}


@pytest.mark.parametrize(
    ("language", "question", "said"),
    [
        ("de", "Was sagte Wendt?", "Grund für die Verzögerung seien Risse in zwei Pfeilern"),
        ("de", "Was sagte die Bürgermeisterin?", "Grund für die Verzögerung seien Risse"),
        ("ru", "Что сказал Соколов?", "Причина задержки — трещины в двух опорах"),
        ("es", "¿Qué dijo García?", "La causa del retraso son grietas en dos pilares"),
    ],
)
def test_what_did_x_say_in_other_languages_returns_what_x_said(
    language: str, question: str, said: str
) -> None:
    """The sentence where X speaks (not the one that only names X), and the reported words
    without "sagte Wendt"."""
    got = bot.answer(question, clean_text(SPEECH[language]))
    assert got is not None and got.span is not None, question
    assert got.span.startswith(said), got
    assert not any(w in got.span for w in ("sagte", "сказал", "dijo"))


def test_what_did_x_say_about_someone_the_article_never_names_is_refused() -> None:
    assert bot.answer("Was sagte Müller?", clean_text(SPEECH["de"])) is None


@pytest.mark.parametrize(
    ("language", "question", "why"),
    [
        ("de", "Warum verzögert sich der Bau?", "Risse in zwei Pfeilern"),
        ("ru", "Почему задерживается строительство?", "трещины в двух опорах"),
        ("es", "¿Por qué se retrasa el puente?", "grietas en dos pilares"),
    ],
)
def test_why_in_other_languages_returns_the_reason_the_article_gives(
    language: str, question: str, why: str
) -> None:
    got = bot.answer(question, clean_text(SPEECH[language]))
    assert got is not None and got.span is not None, question
    assert got.span.startswith(why), got


def test_a_reason_connective_is_answered_with_its_clause() -> None:
    text = (
        "Die Stadt prüft einen Ersatz für die Fähre nach Kestrelbach. Die Fähre fährt seit "
        "Montag nicht, weil der Sturm die Anlegestelle beschädigt hat. Ein Bus soll helfen."
    )
    got = bot.answer("Warum fährt die Fähre nicht?", clean_text(text))
    assert got is not None and got.span == "weil der Sturm die Anlegestelle beschädigt hat"
