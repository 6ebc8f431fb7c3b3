""" "The article doesn't say": plausible questions the article does not answer get None, while
answerable ones, paraphrased, still get their sentence."""

from __future__ import annotations

import math

import pytest

from bot.article import Article
from bot.clean import clean_text
from bot.qa import answer
from bot.refusal import (
    NAMES,
    SCALED,
    Evidence,
    Near,
    _absent_phrases,
    _as_nation,
    _asked_missing,
    _denies,
    _negated_affirmed,
    _number_in,
    _opposites,
    _same_root,
    _spelt_as_acronym,
    _swapped,
    _twists,
    _wording,
    features,
)
from bot.words import terms, words
from tests.test_qa import FLOOD_WALL, STORY


@pytest.fixture(scope="module")
def article() -> Article:
    return clean_text(STORY)


@pytest.mark.parametrize(
    "question",
    [
        # The story counts residents, never trucks, and gives no date for the bridge's opening.
        "How many trucks crossed the bridge?",
        "How many trucks use the bridge each day?",
        "When did the bridge open?",
    ],
)
def test_plausible_question_the_article_does_not_answer_is_refused(
    article: Article, question: str
) -> None:
    assert answer(question, article) is None


@pytest.mark.parametrize(
    ("question", "in_sentence"),
    [
        ("What did inspectors discover in the piers?", "deep cracks"),
        ("Who blamed truck traffic for the damage?", "Engineers blamed"),
        ("How much will the repairs cost?", "$4.5 million"),
        ("How many residents will be evacuated?", "1,200"),
    ],
)
def test_paraphrased_answerable_question_still_gets_its_sentence(
    article: Article, question: str, in_sentence: str
) -> None:
    got = answer(question, article)
    assert got is not None
    assert in_sentence in got.sentence


def test_asked_thing_missing_from_the_sentence() -> None:
    sentence = "At least 480 migrants have died at sea, often in boats run by smugglers."
    count, date, person, *_ = _asked_missing("How many smugglers were arrested?", sentence)
    assert (count, date, person) == (1.0, 0.0, 0.0)
    assert _asked_missing("How many migrants died?", sentence)[0] == 0.0
    assert _asked_missing("When did they die?", sentence)[1] == 1.0
    assert (
        _asked_missing("Who rescued the migrants?", "At least 480 migrants died at sea.")[2] == 1.0
    )
    # The doer of a passive named by what they are answers "who": no name is missing ("boats
    # run by smugglers", "discovered by a dog walker").
    assert _asked_missing("Who ran the boats?", sentence)[2] == 0.0
    found = "The body was discovered by a dog walker near the weir at dawn."
    assert _asked_missing("Who found the body?", found)[2] == 0.0


def test_a_word_turned_into_its_opposite_by_a_prefix_is_noticed() -> None:
    sent = frozenset(terms("Stable isotope studies provide insight into rock units."))
    assert _twists(terms("What do unstable isotope studies indicate?"), sent) == 1
    assert _twists(terms("What do stable isotope studies indicate?"), sent) == 0


FERRY = """HARBOURTON (AP) -- The town's new ferry terminal opened on Monday after two years of building work, the port authority said.

The old terminal lacked a covered waiting hall, and passengers often stood in the rain for an hour. Every ferry except the night boat to Kellport now leaves from the new piers.

The terminal has three-lane ramps for cars and trucks, and about 40 staff work there. Harbour director Mina Okafor said ticket prices would stay the same this year.

Fishing boats still use the old quay at the east end of the harbour."""


@pytest.mark.parametrize(
    ("question", "in_sentence"),
    [
        # The article says "not" another way: "lacked", "except".
        ("What did the old terminal not have?", "lacked a covered waiting hall"),
        ("Which ferry does not leave from the new piers?", "except the night boat"),
        ("How many lanes do the ramps have?", "three-lane ramps"),
    ],
)
def test_a_question_the_article_answers_in_other_words_is_answered(
    question: str, in_sentence: str
) -> None:
    got = answer(question, clean_text(FERRY))
    assert got is not None
    assert in_sentence in got.sentence


def test_a_question_that_negates_what_the_article_says_is_refused() -> None:
    # The article says which boats still use the old quay, never which ones do not.
    assert answer("Which boats do not use the old quay?", clean_text(FERRY)) is None


def _words(text: str) -> set[str]:
    return {w.lower() for w in words(text)}


def test_a_sentence_that_denies_without_not_is_noticed() -> None:
    def denies(question: str, sentence: str) -> bool:
        return _denies(_words(question), _words(sentence), sentence)

    assert denies("What is learning that is not formal?", "Learning is formal or informal.")
    assert denies("Which engine has no pistons?", "A pistonless rotary engine.")
    assert denies("What did it not have?", "The hall lacked windows.")
    assert not denies("Why was the tower not built?", "It was built in 1900, including a tower.")


def test_an_opposite_counts_only_where_the_question_does_not_hold_both() -> None:
    def opposites(question: str, sentence: str) -> list[str]:
        return _opposites(_words(question), _words(sentence), sentence)

    assert opposites("Which is the most used?", "It is the least used.") == ["most"]
    assert opposites("Is the emphasis high or low?", "The emphasis is low.") == []
    assert opposites("How old was she?", "She died in the New Yorker Hotel.") == []
    assert opposites("Which is used in most books?", "At least two books use it.") == []


def test_a_count_of_the_asked_thing_after_an_adjective_or_in_a_compound_is_found() -> None:
    sentence = "The museum holds over 600,000 drawings in a three-tier store."
    assert _asked_missing("How many architectural drawings does it hold?", sentence)[0] == 0.0
    assert _asked_missing("How many tiers does the store have?", sentence)[0] == 0.0
    assert _asked_missing("How many paintings does it hold?", sentence)[0] == 1.0


ROWING = """MILLBROOK -- The town's rowing club was founded in 1921 by four teachers.

The club has won the county regatta twice, and its boathouse was rebuilt after a flood.

The winter season ran from early November until the end of February, when the river froze over.

The old boathouse had three rooms, but the new one has nine rooms and a gym.

When the river floods, the boats are moved to the school hall."""


@pytest.mark.parametrize(
    ("question", "in_sentence"),
    [
        # A span from one date to another answers when it started, though it says "end".
        ("When did the winter season start?", "from early November"),
        # "3" in the question is "three" in the article.
        ("The old boathouse had 3 rooms, but how many does the new one have?", "nine rooms"),
        ("How many times has the club won the county regatta?", "twice"),
        ("When the river floods, where are the boats moved to?", "school hall"),
    ],
)
def test_a_question_answered_in_words_other_than_its_own_is_answered(
    question: str, in_sentence: str
) -> None:
    got = answer(question, clean_text(ROWING))
    assert got is not None
    assert in_sentence in got.sentence


def test_a_count_of_times_the_article_does_not_give_is_still_refused() -> None:
    assert answer("How many times has the club lost the regatta?", clean_text(ROWING)) is None


def test_a_count_of_times_in_words_and_a_when_clause_are_understood() -> None:
    sentence = "The club has won the regatta twice since 1990."
    assert _asked_missing("How many times has the club won?", sentence)[0] == 0.0
    assert _asked_missing("How many trophies has the club won?", sentence)[0] == 1.0
    # "When" opens a clause; the question asks "where", not for a date.
    moved = "When the river floods, the boats are moved to the hall."
    assert _asked_missing("When the river floods, the boats go where?", moved)[1] == 0.0
    assert _asked_missing("When do the boats move?", "The boats are moved to the hall.")[1] == 1.0


def test_a_time_said_without_a_date_answers_when_and_a_clause_opened_by_when_asks_no_date() -> None:
    def no_time(question: str, sentence: str) -> bool:
        return _asked_missing(question, sentence)[1] == 1.0

    assert not no_time("When did the town rebuild?", "After the flood, rebuilding began at once.")
    assert not no_time("When did the lake form?", "The lake formed some 12,000 years ago.")
    assert not no_time("When was the mill shut?", "During the war the mill was shut.")
    assert not no_time("When did she sell the farm?", "Toward the end of her life she sold it.")
    # A time only mentioned in passing ("horrified when she found") is no answer to "when".
    assert no_time("When did she buy the coat?", "She was horrified when she found a tear in it.")
    # "When" opening a clause, with the question asked after it.
    melted = "All three rocks may be melted again; a new magma forms."
    assert not no_time("When the rocks are melted again what is formed?", melted)
    assert not no_time("When dating rocks, what is the date applied to?", melted)


def test_a_number_of_the_question_is_found_in_words_or_as_a_decade() -> None:
    def found(n: str, text: str) -> bool:
        return _number_in(n, text, text.lower())

    assert found("3", "It had three rooms.")
    assert found("100", "It opened a hundred years ago.")
    assert found("1970s", "It grew after 1977.")
    assert not found("1980s", "It grew after 1977.")
    assert not found("4", "It had three rooms.")
    assert not found("3", "Someone came.")
    assert found("2", "It became Phase II.")
    assert not found("2", "It became Phase III.")


def test_a_count_in_a_unit_written_short_is_found() -> None:
    sentence = "The lake lies 40 km from the coast, and the statue weighs 8 tonnes."
    assert _asked_missing("How many kilometers is the lake from the coast?", sentence)[0] == 0.0
    assert _asked_missing("How many tons does the statue weigh?", sentence)[0] == 0.0
    assert _asked_missing("How many miles is the lake from the coast?", sentence)[0] == 1.0


def test_an_opposite_is_not_a_start_asked_of_a_span_nor_another_form_of_the_word() -> None:
    def opposites(question: str, sentence: str) -> list[str]:
        return _opposites(_words(question), _words(sentence), sentence)

    assert (
        opposites("When did the dry season start?", "It ran from May until the end of June.") == []
    )
    assert opposites("When did the dry season start?", "It came to an end in June.") == ["start"]
    assert opposites("When did the work begin?", "Work began in May and will end in June.") == []


def test_a_twist_needs_a_real_prefix_and_not_a_compound_or_a_matching_not() -> None:
    def twists(question: str, sentence: str) -> int:
        return _twists(terms(question), frozenset(terms(sentence)), question, sentence)

    # A compound the sentence writes apart, or with a number.
    assert (
        twists("Who runs the northwestern line?", "The North Western line is run by Rail Co.") == 0
    )
    assert twists("Which county ports?", "The 10-county ports are busy.") == 0
    # "not justified" and "unjustified" say the same.
    assert twists("Which fee was not justified?", "The fee was unjustified.") == 0
    # Words that only end alike ("research" and "march") are no twist.
    assert twists("What did she research?", "She went on a march.") == 0
    assert twists("Which fee was justified?", "The fee was unjustified.") == 1
    assert twists("When did sales decrease?", "Sales increase in May.") == 1
    # "ex" makes an opposite only of "in".
    assert twists("What is the exchange of heat?", "The change of heat is slow.") == 0
    assert twists("Which walls are external?", "The internal walls are thin.") == 1


def test_a_term_with_an_ending_the_stemmer_left_counts_as_the_same_term() -> None:
    assert _same_root("velociraptor", "velociraptora")
    assert not _same_root("nation", "notion")
    assert not _same_root("cat", "cats")


def test_a_name_the_sentence_writes_as_its_initials_is_there() -> None:
    sentence = "Fares in the USA rose by a fifth, and the EU asked for a review."
    assert _spelt_as_acronym("Did fares rise in the United States?", sentence, frozenset()) == {
        "unit",
        "state",
    }
    assert _spelt_as_acronym("What did the European Union ask?", sentence, frozenset()) == {
        "european",
        "union",
    }
    # The window's terms count for the window ("u.s." written with its dots).
    assert _spelt_as_acronym("Who won in the United States?", "He won.", {"u.s."}) == {
        "unit",
        "state",
    }
    assert _spelt_as_acronym("What did Maria Lopez say?", sentence, frozenset()) == set()


def test_a_word_the_question_negates_but_the_sentence_affirms_is_noticed() -> None:
    # The sentence has a "not" of its own, elsewhere: the question's "not" is still unmatched.
    sentence = "The council approved the new bridge in March, although it did not publish the cost."
    assert _negated_affirmed("What did the council not approve in March?", sentence)
    # Negated in the sentence too ("did not publish", "failed to object"): no twist.
    assert not _negated_affirmed("What did the council not publish?", sentence)
    failed = "The harbour board had failed to object to the bridge by the deadline."
    assert not _negated_affirmed("What did the harbour board not object to?", failed)
    # "can't Parliament do": the capitalised word is the subject, not what is negated.
    assert not _negated_affirmed("What can't Parliament do?", "Parliament cannot initiate laws.")
    # "not formal" where the sentence says "informal".
    assert not _negated_affirmed("What learning is not formal?", "Learning is formal or informal.")
    # Nothing negated, or the negated word nowhere in the sentence.
    assert not _negated_affirmed("What did the council approve?", sentence)
    assert not _negated_affirmed("What did the council not fund?", sentence)


def test_a_question_negating_what_a_sentence_with_its_own_not_affirms_is_refused() -> None:
    story = (
        "Bridge approved\n\n"
        "The town council approved the new footbridge over the river in March, although it did "
        "not publish what the bridge would cost.\n\n"
        "Work on the footbridge will start in the summer and should take about eight months.\n\n"
        "The harbour board said the bridge would not block boats on their way to the old quay."
    )
    assert answer("What did the council not approve in March?", story) is None
    got = answer("What did the council approve in March?", story)
    assert got is not None and "footbridge" in got.sentence


def test_the_model_sees_which_function_words_a_question_holds_and_its_sentence_lacks() -> None:
    # "which" and a "not" the sentence lacks, each a word column of its own; "were" is in the
    # sentence; "female" is the one other word the sentence lacks (a noun to the tagger).
    got = _wording(
        "Which female judges were not appointed?", "The judges were appointed by the council."
    )
    on = {n for n, v in zip(NAMES[SCALED:], got, strict=True) if v}
    assert on == {"asks:which", "lacks:which", "asks:not", "lacks:not", "asks:were", "lacks_noun"}


def test_a_count_of_the_asked_thing_in_another_word_is_found() -> None:
    sentence = "The shelter's founder, Lina Oduya, and the 45 children she cares for had to leave."
    # "kids" is not "children": the count was taken for missing.
    assert _asked_missing("How many kids does Lina Oduya look after?", sentence)[0] == 0.0
    assert _asked_missing("How many dogs does Lina Oduya look after?", sentence)[0] == 1.0


def test_a_place_or_a_reason_the_sentence_does_not_give_is_noticed() -> None:
    sentence = "The pilot, Anton Veyre, said the storm had been the worst of his career."
    # "where" and "why" questions had no check of their own: only who, when and how many did.
    assert _asked_missing("Where was the plane flying to?", sentence)[3] == 1.0
    assert _asked_missing("Where was the plane flying to?", "It was bound for Lisbon.")[3] == 0.0
    assert _asked_missing("Why did the plane turn back?", sentence)[4] == 1.0
    turned = "The plane turned back because a window cracked."
    assert _asked_missing("Why did the plane turn back?", turned)[4] == 0.0


def test_a_name_written_with_another_apostrophe_or_dash_or_a_possessive_is_in_the_article() -> None:
    text = (
        "each midsummer’s eve the fishermen of penmor float lanterns. the polish–lithuanian band "
        "dziki wiatr played, and local historian marion keble spoke."
    )
    assert _absent_phrases("What do they float each Midsummer's Eve?", text) == 0
    assert _absent_phrases("Which Polish-Lithuanian band played?", text) == 0
    assert _absent_phrases("What is Marion Keble's job?", text) == 0
    # A possessive ends a name: "Marion Keble's Penmor talk" is "Marion Keble" and "Penmor".
    assert _absent_phrases("What was Marion Keble's Penmor talk about?", text) == 0
    # A name the article never writes is still missing.
    assert _absent_phrases("What did Marion Price say?", text) == 1


def test_a_country_and_the_word_for_its_people_are_the_same_name() -> None:
    # "When did Germany invade Poland?" of "the German invasion of Poland".
    assert _as_nation(terms("When did Germany invade Poland?"), set(terms("German invasion"))) == {
        "germani"
    }
    assert _as_nation(terms("Which Australian city?"), {"australia"}) == {"australian"}
    assert _as_nation(terms("Which Austrian city?"), {"australia"}) == set()


@pytest.mark.parametrize(
    ("question", "sentence_holds", "span"),
    [
        ("What did the Hebden Vale schoolchildren paint?", "painted a mural", None),
        ("How much did the Environment Agency's flood wall cost?", "It cost", "£12million"),
        (
            "How much did the council raise towards the Environment Agency's wall?",
            "£2million raised by the council",
            "£2million",
        ),
    ],
)
def test_a_word_the_article_uses_only_far_from_the_answer_does_not_make_it_refuse(
    question: str, sentence_holds: str, span: str | None
) -> None:
    # "Hebden Vale" and "the Environment Agency" are in the report's first sentence, ten
    # sentences and more from the answer. What the article lacks is judged near the best
    # sentence, as in the paragraphs the refusal model learnt from; a name anywhere counts.
    got = answer(question, clean_text(FLOOD_WALL))
    assert got is not None, question
    assert sentence_holds in got.sentence
    if span is not None:
        assert got.span == span


@pytest.mark.parametrize(
    "question",
    [
        "How many people live in Hebden Vale?",
        "How many shops closed for good?",
    ],
)
def test_a_question_the_long_report_does_not_answer_is_still_refused(question: str) -> None:
    assert answer(question, clean_text(FLOOD_WALL)) is None


# Written for these tests: two neighbouring towns, one library.
TWO_TOWNS = """Millford and Harbourton are neighbouring towns on the river Dene, and for most of the \
last century they shared a bus service, a hospital and a football rivalry.

Harbourton's first public library opened in 1887 in a former grain store on Quay Street. It still \
lends books today, although the building was extended in 1962 and again in 2004.

The library's current head, Rosa Kemp, said visitor numbers had risen by a third since the \
reading room reopened in March. "People want somewhere warm and quiet to sit," she said.

The neighbouring town's council is now asking residents whether they would use a library of \
their own. A survey will run until the end of June.

The cyclist Tom Reyes set a new course record on the Dene valley route last weekend, finishing \
the 40-mile loop in one hour and 52 minutes."""


def test_a_question_that_swaps_the_name_in_its_sentence_is_refused() -> None:
    # The article names Millford once and gives Harbourton's library, not Millford's.
    article = clean_text(TWO_TOWNS)
    assert answer("When did Millford's first public library open?", article) is None
    got = answer("When did Harbourton's first public library open?", article)
    assert got is not None and got.span == "1887"


@pytest.mark.parametrize(
    ("question", "sentence", "swapped"),
    [
        (
            "When was Berlin's first stock exchange founded?",
            "Warsaw's first stock exchange was founded in 1817.",
            [("berlin", "kind")],
        ),
        (
            "Which city was ranked the 22nd most liveable in the world?",
            "In 2012 the survey ranked the city as the 32nd most liveable in the world.",
            [("22nd", "kind")],
        ),
        (
            "Who accepted the council's argument?",
            "The court rejected the council's argument that the fee was fair.",
            [("accepted", "opposite")],
        ),
        # A word put for a word is weaker: it may be the sentence's own way of saying it.
        (
            "Where is it hard to find the remains of salmon in?",
            "It is often hard to find the remains of jellyfish in the guts of predators.",
            [("salmon", "other")],
        ),
    ],
)
def test_a_word_the_sentence_says_otherwise_in_the_same_place_is_a_swap(
    question: str, sentence: str, swapped: list[tuple[str, str]]
) -> None:
    assert _swapped(question, sentence) == swapped


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # Another spelling, an acronym spelt out, a decade with an apostrophe, a double name.
        ("What is the centre of the city?", "The center of the city is its old market."),
        ("Who leads the EU commission?", "The European Union commission is led by its president."),
        ("What did he build in the late 1950's?", "In the late 1950s he built a glider."),
        (
            "What was Maria Curie the first woman to win?",
            "Maria Sklodowska-Curie was the first woman to win a Nobel Prize.",
        ),
    ],
)
def test_the_same_word_written_another_way_is_no_swap(question: str, sentence: str) -> None:
    assert _swapped(question, sentence) == []


@pytest.mark.parametrize(
    ("question", "sentence", "missing"),
    [
        ("How old is Tom Reyes?", "The cyclist Tom Reyes set a course record of 52.4 km.", 1.0),
        ("How old is Tom Reyes?", "The cyclist Tom Reyes, 34, set a course record.", 0.0),
        ("How old is Tom Reyes?", "The 34-year-old set a course record.", 0.0),
        ("How long was the reading room closed?", "The reading room reopened in March.", 1.0),
        ("How long was the reading room closed?", "It was closed for six weeks.", 0.0),
        ("How far did he ride?", "He rode the 40-mile loop.", 0.0),
        ("How far did he ride?", "He rode the loop on Sunday.", 1.0),
    ],
)
def test_how_old_long_or_far_asked_of_a_sentence_with_no_age_duration_or_distance(
    question: str, sentence: str, missing: float
) -> None:
    assert _asked_missing(question, sentence)[0] == missing


def test_a_name_the_article_is_about_is_not_missing_from_the_window() -> None:
    # "What size are adult jellyfish?" of a long article on them, whose best sentence and its
    # neighbours say "Adults" without the name: the name is the article's subject, not a thing
    # the window should hold. A name the article gives once still counts as off the window.
    question = "What size are adult Medusae?"
    sentence = "Adults of most species reach 30 cm across."
    q_terms = terms(question)
    ev = Evidence(
        cover=0.5,
        cover_sentence=0.5,
        score=1.0,
        gap=0.2,
        span_prob=0.5,
        far_share=0.0,
        type_found=True,
        typed=True,
        bigram_share=0.0,
        window_missing_max_idf=0.0,
        sentence=sentence,
        sentence_terms=frozenset(terms(sentence)),
        window_terms=frozenset(terms(sentence)),
    )
    near = Near(set(terms(sentence)) | {"medusa"}, sentence.lower(), set())
    n = 100  # sentences in the article; an idf is log(1 + (n - d + 0.5) / (d + 0.5))

    def idf(d: int) -> float:
        return math.log(1 + (n - d + 0.5) / (d + 0.5))

    column = NAMES.index("caps_off_window")
    for in_sentences, off in ((20, 0.0), (1, 1.0)):
        table = {t: idf(1) for t in q_terms} | {"medusa": idf(in_sentences), "rare": idf(1)}
        x = features(question, q_terms, set(q_terms), ev, sentence, table, idf(0), near)
        assert x[column] == off
