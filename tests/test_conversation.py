"""Follow-up questions read against what the conversation remembers (bot.conversation)."""

from __future__ import annotations

import pytest

from bot import conversation
from bot.article import Article
from bot.clean import clean_text
from bot.followup import Context
from bot.qa import Answer, answer
from tests.builders import inquiry_story
from tests.test_qa import AIRPORT_STRIKE


@pytest.fixture(scope="module")
def article() -> Article:
    return clean_text(inquiry_story())


def ask(question: str, article: Article, state: Context | None) -> tuple[Answer | None, Context]:
    """What the service does with one question: lean on the state if needed, then remember."""
    context = conversation.context_for(question, state)
    got = answer(question, article, context=context)
    return got, conversation.after(question, got, context or state)


def test_she_and_he_are_the_people_of_the_previous_answers(article: Article) -> None:
    first, state = ask("Who led the inquiry?", article, None)
    assert first is not None and "Miriam Okafor" in first.sentence
    she, state = ask("What did she find?", article, state)
    assert she is not None and "two storm warnings" in she.sentence

    lind, state = ask("who runs the rival ferry line?", article, state)
    assert lind is not None and "Tomas Lind" in lind.sentence
    he, state = ask("and what did he find?", article, state)
    assert he is not None and "lifeboat cranes" in he.sentence


def test_an_elided_question_repeats_the_previous_one(article: Article) -> None:
    assert answer("And when?", article) is None  # alone it asks nothing
    where, state = ask("Where did the ferry run aground?", article, None)
    assert where is not None and "lighthouse" in where.sentence
    when, _ = ask("And when?", article, state)
    assert when is not None and "June" in when.sentence


def test_a_refusal_keeps_the_person_being_talked_about(article: Article) -> None:
    _, state = ask("Who led the inquiry?", article, None)
    refused, state = ask("How many goals did the football club score on Saturday?", article, state)
    assert refused is None
    got, _ = ask("What did she find?", article, state)
    assert got is not None and "two storm warnings" in got.sentence


def test_a_question_that_names_its_own_subject_stands_alone() -> None:
    state = Context(people=("Tomas Lind",), last_question="Who runs the rival ferry line?")
    assert conversation.context_for("What did the judge recommend in her report?", state) is None
    assert conversation.context_for("What did she recommend?", state) is state
    assert conversation.context_for("And when?", state) is state
    assert conversation.context_for("What did she find?", None) is None


def test_a_speaker_named_by_surname_alone_is_a_person_not_it() -> None:
    text = (
        "Tidewater remake\n\n"
        "Harbour Films is remaking the old fishing drama Tidewater as a television series.\n\n"
        "The new series will air next spring on two networks, the studio said on Thursday.\n\n"
        "Producers will consult historians of the fishing towns for added authenticity.\n\n"
        '"I grew up on that coast and I am proud to be part of this new version," said Okoro.\n\n'
        "Dana Okoro, who starred in the original, will co-produce the new series."
    )
    story = clean_text(text)
    quote, state = ask("what did okoro say about the new version", story, None)
    assert quote is not None and quote.span is not None and "proud" in quote.span
    assert "Okoro" not in state.things
    how, _ = ask("how are the producers making it more authentic", story, state)
    assert how is not None and "historians" in how.sentence


def test_a_pronoun_after_a_verb_of_saying_is_the_questions_own_subject() -> None:
    state = Context(things=("Negur",), last_question="where did the fighting happen?")
    assert conversation.context_for("which group said it was behind the attack", state) is None
    assert conversation.context_for("who claimed he had seen the boat?", state) is None
    assert conversation.context_for("why was it attacked?", state) is state
    assert conversation.context_for("who denied it?", state) is state  # it = the story's claim


def test_a_place_answer_is_no_one_and_an_age_question_is_about_a_person() -> None:
    where = Answer(
        sentence="The farmer, who lives in Humpty Doo, Northern Territory, posted the advert.",
        span="Humpty Doo, Northern Territory",
        score=1.0,
        index=0,
    )
    state = conversation.after("where does the farmer live?", where)
    assert state.people == ()
    assert "he" in conversation.resolved("where did he post the advert?", state)

    aged = Answer(
        sentence="The 31-year-old, who gave his name only as Rich, wants a partner.",
        span="31",
        score=1.0,
        index=0,
    )
    state = conversation.after("how old is rich?", aged, state)
    assert state.people[:1] == ("Rich",)
    assert conversation.resolved("how tall is he", state) == "how tall is Rich"


def test_it_is_not_the_place_the_question_asks_for() -> None:
    state = Context(things=("Hefei Xinqiao International Airport",), last_question="who broke it?")
    assert conversation.resolved("which airport was it in?", state) == "which airport was it in?"
    assert "Xinqiao" in conversation.resolved("when did it open?", state)


def test_a_reason_or_manner_answer_is_not_the_it_of_the_next_question() -> None:
    how = Answer(
        sentence="Most of the notes had already been picked up by the time police arrived.",
        span="already been picked up",
        score=1.0,
        index=0,
    )
    state = conversation.after("how did the cash end up on the road?", how)
    # "when did it happen?" was read as "when did already been picked up happen?".
    assert conversation.resolved("when did it happen?", state) == "when did it happen?"


SEARCH = (
    "Rescue crews searched the sea north of the island for a third day on Tuesday. A spokesman "
    "with Save the Children told reporters the group fears 40 fishermen could be missing. A "
    "search that included boats and planes found no survivors and no wreckage, Coast Guard "
    "official Marco Bellini said. The fishing boat left port on Friday night."
)


def test_his_name_after_what_an_official_said_is_the_official_who_said_it() -> None:
    article = clean_text(SEARCH)
    got, state = ask("who says 40 fishermen could be missing?", article, None)
    assert got is not None and got.span == "Save the Children"
    assert state.people[0] == "Save the Children"  # a body's name is kept whole: no "Children"
    got, state = ask("what did the coast guard official say about the search?", article, state)
    assert got is not None and "found no survivors" in (got.span or "")
    assert state.people[0] == "Bellini"  # the official the sentence names, not the "Guard"
    got, state = ask("what's his name", article, state)
    assert got is not None and got.span == "Marco Bellini"


BARRIER = (
    "Ostrava will not finish its flood barrier until 2029, the city said on Tuesday. Mayor Tereza "
    "Novakova told reporters that a dispute with the builder had pushed the work back. The "
    "builder's chief executive, Jonas Richter, said the firm had \"delivered every section on "
    'time that it was allowed to build." Petra Lindqvist of River Watch said the delay should be '
    "used to restore wetlands upstream."
)


def test_and_the_mayor_asks_the_previous_question_about_the_mayor() -> None:
    article = clean_text(BARRIER)
    first, state = ask("what did richter say?", article, None)
    assert first is not None and first.span is not None and "delivered every section" in first.span
    mayor, state = ask("and the mayor?", article, state)
    assert mayor is not None and mayor.span is not None
    assert "dispute with the builder" in mayor.span
    lindqvist, _ = ask("what about Petra Lindqvist?", article, state)
    assert lindqvist is not None and "restore wetlands" in (lindqvist.span or "")
    # Something other than a person is not put in the speaker's place.
    assert conversation.resolved("and the cost?", state) != "what did the cost say?"


def test_after_who_is_x_she_is_x_not_what_x_is() -> None:
    article = clean_text(
        "River bursts its banks in Wexham\n\n"
        "More than 300 people were moved from their homes overnight.\n\n"
        '"The water came up so fast we didn\'t have time to move the car," said Nadia Okafor, '
        "34, who lives on Mill Row with her two children."
    )
    first = answer("who is Nadia Okafor?", article)
    assert first is not None and first.span is not None and "Mill Row" in first.span
    context = conversation.after("who is Nadia Okafor?", first)
    # "she" was the description ("who lives on Mill Row ..."), and the answer her own name.
    assert context.people[0] == "Okafor"
    got = answer("where does she live?", article, context=context)
    assert got is not None and got.span == "Mill Row"


SURVEY = (
    "Dental survey of five-year-olds\n\n"
    "A survey of 9,000 children found that one in four boys and one in six girls had a filling "
    "by the age of five. Dentists in York saw 310 children. Dentists in Leeds saw 540 children."
)


def test_and_the_girls_asks_the_previous_question_about_the_word_named_beside_it() -> None:
    article = clean_text(SURVEY)
    boys, state = ask("how many boys had a filling?", article, None)
    assert boys is not None and boys.span == "one in four"
    girls, state = ask("and the girls?", article, state)
    assert girls is not None and girls.span == "one in six"
    york, state = ask("how many children did dentists in York see?", article, state)
    assert york is not None and york.span == "310"
    leeds, _ = ask("and in Leeds?", article, state)
    assert leeds is not None and leeds.span == "540"


PLAY_ROOM = """Nurse raises £48,000 for a children's ward

Priya Anand, 34, ran 12 marathons in 12 days to raise money for the ward where she works.

The hospital trust said the money would pay for a new roof for the play room. A spokesman, Callum Reid, said work on the play room would start in September."""


def test_who_said_so_is_the_speaker_of_the_answer_just_given() -> None:
    art = clean_text(PLAY_ROOM)
    when, state = ask("when will work on the play room start?", art, None)
    assert when is not None and when.span == "September"
    who, state = ask("who said so?", art, state)
    assert who is not None and who.span == "Callum Reid"


def test_when_after_how_many_of_them_is_not_asked_of_them() -> None:
    # "When?" after "How many of them?" is not "When of Walsh?" (which bolded "Ms Walsh" as a
    # time): the count's "of them" is left out of the question asked again.
    story = clean_text(AIRPORT_STRIKE)
    _, state = ask("Who is striking?", story, None)
    _, state = ask("How many of them?", story, state)
    context = conversation.context_for("When?", state)
    assert " of " not in conversation.resolved("When?", context)
    when, _ = ask("When?", story, state)
    assert when is None or when.span is None or not when.span.startswith("Ms")
