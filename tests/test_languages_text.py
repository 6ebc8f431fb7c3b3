"""Per-language lexical handling: Turkish i's and suffixes after apostrophes; Spanish and German
refusals."""

from __future__ import annotations

import pytest

import bot
from bot.article import reading_minutes
from bot.clean import clean_text
from bot.language.text import normalise, profile


def test_turkish_capital_dotted_i_lowers_to_plain_i() -> None:
    assert normalise("tr", "İstanbul") == "istanbul"
    assert normalise("tr", "ISPARTA") == "ısparta"
    assert "\u0307" not in normalise("tr", "İZMİR")


def test_turkish_dotted_i_does_not_change_other_languages() -> None:
    assert normalise("de", "Istanbul") == "istanbul"


def test_turkish_name_with_suffix_after_apostrophe_matches_the_bare_name() -> None:
    p = profile("tr")
    assert p.terms("İstanbul'da") == p.terms("İstanbul")
    assert p.terms("Rus'un") == p.terms("Rus")
    assert p.terms("Tesla’nın") == p.terms("Tesla")


def test_turkish_question_about_a_suffixed_name_finds_its_sentence() -> None:
    text = (
        "Şehrin nüfusu son yıllarda hızla arttı ve yeni mahalleler kuruldu. "
        "Osman Bey 1923'te Ankara'ya taşındı ve orada bir okul açtı. "
        "Okulun öğrencileri her yıl bir tiyatro oyunu sahneledi."
    )
    art = clean_text(text, language="tr")
    got = bot.answer("Osman Bey hangi yıl Ankara'ya taşındı?", art)
    assert got is not None and "1923" in got.sentence


def test_spanish_questions_typed_without_accents_are_answered_and_unrelated_ones_refused() -> None:
    # Spanish refuses by its own threshold (on term cover plus character trigrams), not English's.
    article = clean_text(
        "Madrid (EFE).- El ayuntamiento decidió el martes cerrar el viejo puente de Toledo tras "
        "encontrar grietas profundas en dos pilares.\n\nUnos 1.200 vecinos serán trasladados a "
        "albergues en Getafe mientras duren las obras.\n\nLa reparación costará 4,5 millones de "
        "euros y terminará el próximo verano, según la alcaldesa Marta Ruiz."
    )
    assert article.language == "es"
    got = bot.answer("Cuanto costara la reparacion?", article)
    assert got is not None and "4,5 millones" in got.sentence
    got = bot.answer("A donde trasladaran a los vecinos?", article)
    assert got is not None and "Getafe" in got.sentence
    assert bot.answer("¿Qué equipo ganó la liga de fútbol en Argentina?", article) is None
    assert bot.answer("¿Quién escribió Cien años de soledad?", article) is None


def test_german_question_split_from_a_compound_is_answered_and_a_near_miss_refused() -> None:
    # German refuses on the term cover plus character trigrams: "Speicher für die Wärme" shares
    # no stem with "Wärmespeicher" but most of its trigrams, and a question sharing only
    # "Hamburg" with the article is refused.
    article = clean_text(
        "Hamburg (dpa) – Die Stadtwerke wollen bis 2030 rund 40.000 Wohnungen an das neue "
        "Fernwärmenetz anschließen.\n\nDas Wasser für die Heizung kommt aus einem Wärmespeicher "
        "unter dem alten Hafenbecken, der im Sommer mit Abwärme aus der Kupferhütte gefüllt "
        "wird.\n\nDie Kosten von 310 Millionen Euro teilen sich der Bund und die Hansestadt, "
        "sagte Umweltsenatorin Jana Petersen am Montag."
    )
    assert article.language == "de"
    got = bot.answer("Wo liegt der Speicher für die Wärme?", article)
    assert got is not None and "Hafenbecken" in got.sentence
    got = bot.answer("Wie viele Wohnungen sollen an die Fernwärme angeschlossen werden?", article)
    assert got is not None and "40.000" in got.sentence
    assert bot.answer("Wann öffnet der Hamburger Hafen sein neues Museum?", article) is None
    assert bot.answer("Wer hat die Fußballmeisterschaft in Argentinien gewonnen?", article) is None


def test_reading_time_of_chinese_counts_its_characters() -> None:
    # 2,550 characters of Chinese read at about 255 a minute: ten minutes, not one "word" each.
    sentences = ["城市议会周二投票决定关闭这座老桥，因为检查人员在两个桥墩中发现了深裂缝。"] * 75
    assert sum(len(s) for s in sentences) > 2500
    assert reading_minutes(sentences, "zh") == 10
    # English keeps its 230 words a minute.
    assert (
        reading_minutes(["The council voted to close the old bridge on Tuesday."] * 46, "en") == 2
    )


@pytest.mark.parametrize(
    ("opening", "place", "source"),
    [
        (
            "Berlin (dpa) – Der Stadtrat hat am Dienstag beschlossen, die Brücke zu schließen.",
            "Berlin",
            "dpa",
        ),
        (
            "Madrid (EFE).- El ayuntamiento decidió el martes cerrar el viejo puente.",
            "Madrid",
            "EFE",
        ),
        ("Москва (ТАСС) - Городской совет во вторник решил закрыть старый мост.", "Москва", "ТАСС"),
    ],
)
def test_other_languages_datelines_become_place_and_source(
    opening: str, place: str, source: str
) -> None:
    article = clean_text(f"{opening}\n\nSecond paragraph of the story, long enough to be prose.")
    assert (article.place, article.source) == (place, source)
    assert not article.sentences[0].startswith(place)


def test_a_question_in_english_about_a_german_article_is_read_as_english() -> None:
    article = clean_text(
        "Berlin (dpa) – Der Stadtrat von Lyon hat am Dienstag beschlossen, die alte "
        "Pont-Vert-Brücke zu schließen. Die Prüfer hatten tiefe Risse in zwei Pfeilern gefunden."
        "\n\nGeneralmajorin Ana Ruiz, die den regionalen Rettungsdienst leitet, sagte, etwa 1200 "
        "Bewohner würden in Notunterkünfte in Villeurbanne gebracht. Die Reparatur soll 4,5 "
        "Millionen Dollar kosten und bis zum nächsten Sommer dauern.\n\nBürgermeister Paul Martin "
        "sagte, der Rat werde am Freitag um 17 Uhr erneut zusammenkommen."
    )
    assert article.language == "de"
    # English stop words and question words are not taken for German terms: the names and the
    # asked type (an amount) find the sentence.
    got = bot.answer("How much will the repair of the Pont-Vert cost in dollars?", article)
    assert got is not None
    assert got.sentence.startswith("Die Reparatur soll 4,5 Millionen Dollar")
    assert got.span is not None and "4,5 Millionen" in got.span


@pytest.mark.parametrize(
    ("text", "question", "start"),
    [
        (
            "La empresa Faro lanzó el martes la aplicación Brújula para los colegios de Valencia."
            "\n\nBrújula es un programa que guarda las notas de los alumnos y avisa a las familias."
            "\n\nLa nueva versión de Brújula llegará en mayo, y los profesores dicen que Brújula ya "
            "ahorra tiempo.",
            "Que es Brujula?",
            "Brújula es un programa",
        ),
        (
            "Fener şirketi salı günü okullar için Pusula uygulamasını tanıttı.\n\nPusula, "
            "öğrencilerin notlarını saklayan ve ailelere haber veren bir programdır.\n\nPusula'nın "
            "yeni sürümü mayısta çıkacak ve öğretmenler Pusula ile zaman kazandıklarını söylüyor.",
            "Pusula nedir?",
            "Pusula, öğrencilerin",
        ),
    ],
)
def test_what_is_x_gets_the_sentence_defining_x(text: str, question: str, start: str) -> None:
    # The third sentence names the program twice; the second says what it is.
    got = bot.answer(question, clean_text(text))
    assert got is not None
    assert got.sentence.startswith(start)
