"""The question answerer on a small made-up news story."""

from __future__ import annotations

import pytest

from bot import spans
from bot.article import Article
from bot.clean import clean_text
from bot.qa import Answer, Context, answer, answer_or_closest, rank, without_trailing

STORY = """LYON (AP) -- The city council of Lyon voted on Tuesday, March 3 to close the old Pont Vert bridge after inspectors found deep cracks in two of its piers.

Maj. Gen. Ana Ruiz, who leads the regional emergency service, said about 1,200 residents would be evacuated to temporary housing near Villeurbanne. "We will not take risks with people's lives," Ruiz said.

The repairs are expected to cost $4.5 million and to last until next summer. Engineers blamed decades of heavy truck traffic and river floods for the damage.

Mayor Paul Martin said the council would meet again at 5 p.m. on Friday to choose a contractor."""


@pytest.fixture(scope="module")
def article() -> Article:
    return clean_text(STORY)


@pytest.mark.parametrize(
    ("question", "in_sentence", "span"),
    [
        ("Who leads the emergency service?", "Ana Ruiz", "Maj. Gen. Ana Ruiz"),
        ("Where will the residents be evacuated to?", "Villeurbanne", "Villeurbanne"),
        ("When did the council vote to close the bridge?", "voted", "Tuesday, March 3"),
        # The unit the question already names is left out of the span.
        ("How many residents will be evacuated?", "1,200", "about 1,200"),
        ("How much will the repairs cost?", "$4.5 million", "$4.5 million"),
        ("When will the council meet again?", "5 p.m.", "5 p.m. on Friday"),
    ],
)
def test_answers_sentence_and_span(
    article: Article, question: str, in_sentence: str, span: str
) -> None:
    got = answer(question, article)
    assert got is not None
    assert in_sentence in got.sentence
    assert got.span == span
    assert article.sentences[got.index] == got.sentence


def test_answer_accepts_raw_text() -> None:
    got = answer("What did engineers blame for the damage?", STORY)
    assert got is not None
    assert "truck traffic" in got.sentence


def test_unrelated_question_is_none(article: Article) -> None:
    assert answer("What is the capital of Peru?", article) is None
    assert answer("Which football team won the championship?", article) is None


@pytest.mark.parametrize("question", ["", "   ", "?!?", "the of and", "\x00\x01"])
def test_empty_or_garbage_question_is_none(article: Article, question: str) -> None:
    assert answer(question, article) is None


def test_long_question_does_not_raise(article: Article) -> None:
    question = "Who leads the emergency service? " + "bridge cracks " * 800
    assert len(question) > 10_000
    got = rank(question, article)
    assert got and isinstance(got[0], Answer)


def test_empty_text_is_none() -> None:
    assert answer("Who leads the service?", "") is None
    assert answer("Who leads the service?", "   \n\n ") is None


def test_rank_orders_best_first(article: Article) -> None:
    ranked = rank("Who leads the emergency service?", article, limit=3)
    assert len(ranked) == 3
    assert [a.score for a in ranked] == sorted((a.score for a in ranked), reverse=True)
    assert "Ana Ruiz" in ranked[0].sentence
    assert rank("", article) == []
    assert len(rank("bridge", article, limit=10)) == len(article.sentences)


# Made-up text: a place named together with a distance from a better-known reference point.
FLOOD = """MILLBROOK (AP) -- Heavy rain pushed the Orle river over its banks on Monday.

In the hamlet of Dunmore, 12 kilometers (7 miles) east of Millbrook, the river flooded the cellars of about 40 houses. Volunteers filled sandbags at the school in Carrow, 30 miles south of Millbrook."""


def test_place_span_is_not_the_reference_point_of_a_distance() -> None:
    got = answer("Where did the river flood cellars?", FLOOD)
    assert got is not None
    assert got.span == "Dunmore"
    got = answer("Where did volunteers fill sandbags?", FLOOD)
    assert got is not None and got.span is not None
    # "Carrow" or "the school in Carrow"; never Millbrook, the distance's reference point.
    assert "Carrow" in got.span and "Millbrook" not in got.span


def test_what_span_avoids_question_words() -> None:
    got = answer("What did engineers blame for the damage?", STORY)
    assert got is not None
    assert got.span is not None
    assert "engineers" not in got.span.lower()
    assert got.span.startswith("decades")


def test_follow_up_reads_pronoun_against_previous_answer(article: Article) -> None:
    first = answer("Who leads the emergency service?", article)
    assert first is not None and first.span == "Maj. Gen. Ana Ruiz"
    ctx = Context(people=(first.span,), last_question="Who leads the emergency service?")
    got = answer("How many residents did she say would be evacuated?", article, context=ctx)
    assert got is not None
    assert "1,200" in got.sentence


def test_follow_up_with_elided_subject_asks_the_previous_question_again(article: Article) -> None:
    ctx = Context(things=("the repairs",), last_question="How much will the repairs cost?")
    got = answer("And how long will they last?", article, context=ctx)
    assert got is not None
    assert "next summer" in got.sentence


# Written for the project: speech reported across sentences, a quote with its speaker named
# only before it, a reason clause and money with its currency and scale.
TALKS = """UNITED NATIONS (AP) -- Russia's envoy rejected the Western plan for Syria on Monday.

Russian U.N. Ambassador Vitaly Churkin told the Security Council that the groups backed by the West had lost ground. "The concept of the moderate opposition has failed," he said.

U.S. Secretary of State John Kerry called the Geneva talks "the last real chance for peace" and urged both sides to attend. Kerry said the United States would send 12 diplomats.

A government spokesman, Ahmad Fares, said the talks would fail because the rebels refused to disarm. The conference will cost £330million, the organisers said."""


def test_who_said_follows_he_said_back_to_the_person_named_before() -> None:
    got = answer("Who said the concept of the moderate opposition failed?", TALKS)
    assert got is not None
    assert got.span == "Vitaly Churkin"
    assert "moderate opposition" in got.sentence
    # The quote says only "he said": it is shown with the sentence before, which names him.
    assert got.sentence.startswith("Russian U.N. Ambassador Vitaly Churkin told")


def test_what_did_x_call_returns_the_quote() -> None:
    got = answer("What did Kerry call the Geneva talks?", TALKS)
    assert got is not None
    assert got.span == "the last real chance for peace"


def test_what_did_x_say_returns_the_reported_clause() -> None:
    got = answer("What did Fares say about the talks?", TALKS)
    assert got is not None
    assert got.span is not None
    assert got.span.startswith("the talks would fail")


def test_why_returns_the_reason_clause() -> None:
    got = answer("Why will the talks fail?", TALKS)
    assert got is not None
    assert got.span == "because the rebels refused to disarm"


def test_money_keeps_its_currency_and_scale() -> None:
    got = answer("How much will the conference cost?", TALKS)
    assert got is not None
    assert got.span == "£330million"


def test_short_answer_is_never_only_question_words(article: Article) -> None:
    for question in (
        "What did the council vote to close?",
        "Which bridge did the council vote to close?",
        "What did inspectors find in the piers?",
    ):
        got = answer(question, article)
        assert got is not None
        if got.span:
            words = {w.strip(".,").lower() for w in got.span.split()}
            assert not words <= set(question.lower().rstrip("?").split())


def test_how_old_finds_the_age_given_in_the_next_sentence() -> None:
    text = (
        "Maria Lopez won the city marathon on Sunday, beating a field of four thousand runners. "
        "The 29-year-old crossed the line in two hours and nineteen minutes, a course record. "
        "Her coach, Peter Lang, said the result came after a year of hard training in the hills. "
        "Lopez will run in the national championship in June."
    )
    got = answer("How old is Maria Lopez?", text)
    assert got is not None
    assert got.span == "29"
    assert got.sentence.startswith("The 29-year-old")


def test_who_answers_with_the_full_name_the_article_gave() -> None:
    text = (
        "Detective Inspector Helen Marsh has taken charge of the search for a painting stolen "
        "from the town museum on Friday night. The small oil portrait, insured for two million "
        "pounds, was cut from its frame while an alarm was being repaired. "
        "Marsh, who leads the inquiry, said the thieves knew the building well. "
        "Museum staff will be interviewed again this week."
    )
    got = answer("Who leads the inquiry?", text)
    assert got is not None
    assert got.sentence.startswith("Marsh, who leads the inquiry")
    assert got.guess is not None and got.guess.endswith("Helen Marsh")


@pytest.mark.parametrize(
    ("question", "span"),
    [
        ("What did the inspecters find?", "deep cracks"),
        ("What did the engineres blame for the damage?", "decades of heavy truck traffic"),
    ],
)
def test_a_question_typed_with_typos_is_read_as_the_article_spells_it(
    article: Article, question: str, span: str
) -> None:
    got = answer(question, article)
    assert got is not None and got.span is not None
    assert got.span.startswith(span)


TITLED = (
    "Answering a question from veteran lawmaker Corin Albescu, Transport Minister Ilse Varga told "
    "the assembly that the tunnel would open in May. The case was handed to Harbour Police "
    "Detective Owen Mbeki, who interviewed the crew on Friday."
)


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("who is the transport minister", "Ilse Varga"),
        ("who's the detective on the case?", "Owen Mbeki"),
    ],
)
def test_who_is_the_title_answers_with_the_name_after_that_title(question: str, name: str) -> None:
    got = answer(question, clean_text(TITLED))
    assert got is not None and got.span == name


def test_where_answers_with_every_place_of_a_list() -> None:
    text = (
        "The choir toured for a month. It performed in Bergen, Utrecht and Ghent before flying home. "
        "Its founder was born in Tallinn and moved to Oslo at ten."
    )
    got = answer("Where did the choir perform?", clean_text(text))
    assert got is not None and got.span == "Bergen, Utrecht and Ghent"
    # "and" followed by a verb ends the place: not "Tallinn and moved".
    born = answer("Where was the founder born?", clean_text(text))
    assert born is not None and born.span == "Tallinn"


FINAL = (
    "Holt named for cup final\n\n"
    "Referee Dana Holt will take charge of the cup final between Corvale Rovers and Dunmere "
    "Athletic at Kingsmead Park on Saturday.\n\n"
    "Holt has sent off three players this season, two of them from Rovers.\n\n"
    "Tickets for the final sold out within an hour, the league said."
)
LANDMARK = (
    "Corvale's landmarks\n\n"
    "The Harbour Tower, a gift from the Dunmere guild, still dominates the skyline in Corvale.\n\n"
    "It was finished in 1952 and has 31 floors."
)


@pytest.mark.parametrize(
    ("text", "question", "span"),
    [
        # The two clubs had been the answer.
        (FINAL, "where will the cup final be?", "Kingsmead Park"),
        # "What building ...?" asks for a name of its kind, not where it is.
        (LANDMARK, "What building was a gift from the Dunmere guild?", "The Harbour Tower"),
    ],
)
def test_where_is_the_place_the_sentence_puts_it_at_not_the_names_beside_it(
    text: str, question: str, span: str
) -> None:
    got = answer(question, clean_text(text))
    assert got is not None and got.span == span


ROLES = (
    "The ferry service was suspended in March. A Harwick magistrate has ordered the operator to "
    "refund every season ticket. The mayor did not explain the delay, other than saying that "
    "Norwegian safety inspectors helped to review the hull."
)


@pytest.mark.parametrize(
    ("question", "who"),
    [
        ("who ordered the refunds?", "A Harwick magistrate"),
        ("who helped check the hull", "Norwegian safety inspectors"),
    ],
)
def test_who_answers_with_the_people_a_place_or_nationality_describes(
    question: str, who: str
) -> None:
    got = answer(question, clean_text(ROLES))
    assert got is not None and got.span == who


def test_who_answer_does_not_run_on_through_a_verb_to_a_role_noun() -> None:
    text = (
        "The harbour wall at Kestrel Bay will open a year late. Mayor Tereza Novakova told "
        "reporters that a dispute with the builder, Brandt Bau, had pushed the work back."
    )
    got = answer("who leads brandt bau?", clean_text(text))
    assert got is not None and got.guess is not None
    assert "told" not in got.guess and "reporters" not in got.guess


GLOSSARY = (
    "The mill was rebuilt in 1890 and its wheel turned again that spring. Its wheel drives two "
    "heavy grindstones (millstones) set one above the other inside the old stone tower. "
    "Grindstones wear down. The Harwick Milling Guild reported that 40 tonnes of flour left the "
    "mill in its best year. Farmers said that 12 tonnes of flour left the mill in a bad year."
)


def test_another_name_for_x_finds_the_sentence_that_gives_it_in_brackets() -> None:
    got = answer("What is another term for grindstones?", clean_text(GLOSSARY))
    assert got is not None and "(millstones)" in got.sentence and got.span == "millstones"


def test_an_acronym_the_article_spells_out_is_matched() -> None:
    got = answer("According to the HMG, how much flour left the mill?", clean_text(GLOSSARY))
    assert got is not None and got.sentence.startswith("The Harwick Milling Guild")
    assert got.span == "40 tonnes"


def test_two_words_typed_without_a_space_are_read_as_the_article_writes_them() -> None:
    text = (
        "The new traffic lights on Quay Road were switched on in May. Residents had asked the "
        "council for them since 2019. The council said the crossing cost 80,000 pounds."
    )
    got = answer("when were the trafficlights switched on?", clean_text(text))
    assert (
        got is not None and got.sentence.startswith("The new traffic lights") and got.span == "May"
    )


def test_who_wrote_this_is_answered_by_the_byline() -> None:
    story = (
        "The ferry returns to Inishmore in spring. Its captain, Rosa Byrne, wrote to the council "
        "asking for a new pier. The council agreed on Monday."
    )
    article = clean_text(f"Ferry to return\n\nBy Declan Moore\n\n{story}")
    assert article.byline == "Declan Moore"
    for question in ("who wrote this?", "Who's the author of the article", "who wrote it"):
        got = answer(question, article)
        assert got is not None and got.span == "Declan Moore"
    # The story's own writers are still found in the story.
    letter = answer("who wrote to the council?", article)
    assert letter is not None and letter.span == "Rosa Byrne"
    # Without a byline the article does not say who wrote it.
    assert answer("who wrote this?", clean_text(story)) is None


BRIDGE = (
    "The new 1.2-mile bridge over the Tamar opened on Friday after four years of work. "
    "Engineers said the bridge carries 40,000 cars a day. "
    "The county paid £30million towards the project, and the rest came from the government."
)


def test_a_question_for_a_sum_of_money_is_answered_by_a_sum_or_not_in_bold() -> None:
    paid = answer("how much did the county pay?", clean_text(BRIDGE))
    assert paid is not None and paid.span == "£30million"
    # The article never gives the bridge's cost: a count of cars is not shown as one.
    cost = answer("how much did the bridge cost?", clean_text(BRIDGE))
    assert cost is None or cost.span is None or "£" in cost.span


def test_an_answer_in_a_caption_run_on_quotes_its_own_piece() -> None:
    text = (
        "Cup final referee named\n\n"
        "Referee Tom Hale will take charge of the cup final between Rovers and Athletic at "
        "Harbour Park The visiting captain Joel Marsh was sent off during the midweek league "
        "game after a late challenge on the goalkeeper in front of the home fans.\n\n"
        "Hale has shown four red cards this season, more than any other referee in the league.\n\n"
        "Tickets for the final sold out within two hours of going on sale on Monday morning."
    )
    got = answer("Which captain was sent off in the league game?", text)
    assert got is not None
    assert got.sentence.startswith("The visiting captain Joel Marsh was sent off")
    assert got.span is not None and "Joel Marsh" in got.span


def test_a_short_answer_never_ends_on_a_function_word() -> None:
    assert without_trailing("2012 the") == "2012"
    assert without_trailing("Midsummer's Night for a") == "Midsummer's Night"
    assert without_trailing("San Diego International Airport the") == (
        "San Diego International Airport"
    )
    assert without_trailing("1967 made") == "1967"  # a number and the verb after it
    assert without_trailing("82 hours") == "82 hours"
    assert without_trailing("the 2019") == "2019"  # of "after the 2019 floods"
    assert without_trailing("the 1990s") == "the 1990s"
    assert without_trailing("a three-year") == "three-year"  # of "on a three-year contract"
    assert without_trailing("the bridge collapsed") == "the bridge collapsed"
    # The full stop after a name at the sentence's end, not one of the name's own.
    assert without_trailing("Hook, Hampshire.") == "Hook, Hampshire"
    assert without_trailing("the U.S.") == "the U.S."
    assert without_trailing("Acme Inc.") == "Acme Inc."
    # Inside a span, and a span of nothing else, stay as they are.
    assert without_trailing("Bank of England") == "Bank of England"
    assert without_trailing("the") == "the"


def test_a_place_at_the_end_of_a_sentence_is_shown_without_the_full_stop() -> None:
    text = (
        "Patient missing\n\n"
        "A man with a history of violence has walked out of a secure hospital, police said on "
        "Tuesday.\n\n"
        "Daniel Orme, 47, has been missing since 6pm on Monday from a psychiatric unit near Hook, "
        "Hampshire.\n\n"
        "Officers said he should not be approached."
    )
    got = answer("Where did Orme go missing from?", text)
    assert got is not None and got.span == "Hook, Hampshire"


def test_who_was_first_is_the_one_the_sentence_calls_first() -> None:
    text = (
        "Channel swim\n\n"
        "Six swimmers set out from Dover on Saturday to cross the Channel in the new relay "
        "format.\n\n"
        "Club captain Ruth Okafor was the first to reach the French coast, landing near Calais "
        "after nine hours, while coach Sam Lindley was the first to give up, an hour out of "
        "Dover.\n\n"
        "The club hopes to try again in August."
    )
    got = answer("Who was the first to reach France?", text)
    assert got is not None and got.span is not None and "Ruth Okafor" in got.span
    got = answer("Who was the first to give up?", text)
    assert got is not None and got.span is not None and "Sam Lindley" in got.span


def test_a_why_answer_is_never_a_bare_name() -> None:
    text = (
        "Airport toilet\n\n"
        "Passenger Tom Reyes, 41, was standing on the rim of a toilet when it broke, leaving him "
        "with cuts to his legs.\n\n"
        "Staff found him on the floor of the washroom twenty minutes later.\n\n"
        "The airport said all its toilets would be checked over the weekend."
    )
    got = answer("Why was he standing on the toilet?", text)
    assert got is not None and "standing on the rim" in got.sentence
    assert got.span is None or "Reyes" not in got.span


DESCRIBED = (
    "Ostrava will not finish its flood barrier until 2029. Mayor Tereza Novakova told reporters "
    "that a dispute with the builder had pushed the work back. The builder's chief executive, "
    'Jonas Richter, said the firm "delivered every section on time." Petra Lindqvist of the '
    "group River Watch said the delay should be used to restore wetlands."
)


@pytest.mark.parametrize(
    ("question", "who"),
    [
        ("who is petra lindqvist?", "of the group River Watch"),
        ("who is jonas richter?", "The builder's chief executive"),
        ("who is richter", "The builder's chief executive"),
        ("Who is Tereza Novakova?", "Mayor"),
        ("who is the mayor?", "Tereza Novakova"),
    ],
)
def test_who_is_a_named_person_answers_what_the_article_says_they_are(
    question: str, who: str
) -> None:
    got = answer(question, clean_text(DESCRIBED))
    assert got is not None and got.span == who


def test_a_title_typed_short_finds_the_article_that_writes_it_out() -> None:
    got = answer("who's the ceo?", clean_text(DESCRIBED))
    assert got is not None and got.span == "Jonas Richter"


RAID = (
    "Two men were arrested after a jewellery shop in Harwick was raided on Saturday night. "
    "Watches and rings worth £85,000 were taken. The men, aged 24 and 31, were stopped in a car "
    "near Sheldon. Most of the stolen items were recovered from the boot, Detective Inspector "
    "Carla Dunne said."
)


def test_how_old_are_they_gives_every_age_of_the_list() -> None:
    got = answer("how old are the men?", clean_text(RAID))
    assert got is not None and got.span == "24 and 31"


def test_who_is_x_gives_the_whole_title_before_the_name() -> None:
    got = answer("who is carla dunne?", clean_text(RAID))
    assert got is not None and got.span == "Detective Inspector"


def test_a_yes_no_question_gets_the_sentence_without_a_bold_fragment() -> None:
    got = answer("were the stolen items recovered?", clean_text(RAID))
    assert got is not None and "recovered from the boot" in got.sentence
    assert got.span is None


LEDGE = """A hiker spent a night on a ledge above the Vessel Gorge after a rockfall cut the path behind her, rangers said on Sunday.

Marta Vinter, 41, a teacher from Brisk, was walking the upper trail alone when the slope gave way. Marta Vinter had no signal on the ledge and was too cold to sleep.

At first light she flashed her head torch at a passing freight train, whose driver radioed for help. A helicopter lifted her off the ledge shortly after nine and flew her to a clinic at Lunden Airport.

Rangers have closed the upper trail until engineers inspect the slope."""


def test_a_question_of_common_words_is_still_a_question() -> None:
    # "get" and "help" are both on the stop-word list the briefs use; the question had no words
    # left to match and got "the article doesn't say".
    got = answer("how did she get help?", clean_text(LEDGE))
    assert got is not None and "radioed for help" in got.sentence


TURTLE = """A leatherback turtle fitted with a satellite tag has crossed the Atlantic twice in one year, researchers in Cape Verde said on Monday.

The turtle, named Nila by the team, swam almost 9,000 kilometres between her nesting beach and the feeding waters off Canada. Most turtles of her kind never swim far from the coast where they hatched, the team said.

The researchers held a meeting with fishermen in Praia to ask them to report any tagged turtle caught in their nets."""


def test_a_question_asks_with_the_verb_the_article_says_in_the_past() -> None:
    # "did she swim" and "swam": the sentence that says "swim far" won, and the reader got no
    # distance.
    got = answer("how far did the turtle swim?", clean_text(TURTLE))
    assert got is not None and "swam almost 9,000 kilometres" in got.sentence
    assert got.span == "almost 9,000 kilometres"


RESCUE = """Three fishermen were rescued on Sunday after 30 hours adrift off the island of Skerra.

The men, aged 24, 37 and 61, had set out from Port Ellen on Friday evening. The oldest of the three, skipper Angus MacRae, said they had lived on biscuits and rainwater."""


def test_an_age_question_never_shows_a_count_as_the_age() -> None:
    # "The oldest of the three, skipper Angus MacRae": "three" was shown as his age.
    got = answer("how old is the skipper?", clean_text(RESCUE))
    assert got is None or got.span is None or any(c.isdigit() for c in got.span)
    men = answer("how old were the men?", clean_text(RESCUE))
    assert men is not None and men.span == "24, 37 and 61"


def test_a_who_answer_keeps_the_family_it_names() -> None:
    # "the Harwell" was the answer: the people are "the Harwell brothers".
    text = "The glassworks in Tamsford was founded in 1913 by the Harwell brothers, who had learned the trade in Bohemia."
    got = answer("who founded the glassworks?", text)
    assert got is not None and got.span is not None and got.span.endswith("Harwell brothers")


TREASURER = """A former council treasurer has been jailed for four years for stealing almost £480,000 of public money.

Graham Tulley, 58, of Mill Lane, Brennock, moved the money into his own accounts through 212 fake invoices.

His lawyer, Owen Pryce, 44, said Tulley was deeply ashamed. Judge Helen Marsh told Tulley he had betrayed the trust of the town."""


def test_he_in_the_first_question_is_the_person_the_story_is_about() -> None:
    # "How old is he?" as the first question had no one to read "he" as, and the answer was the
    # lawyer's age.
    got = answer("how old is he?", clean_text(TREASURER))
    assert got is not None and got.span == "58"


def test_a_follow_up_finds_the_sentence_that_says_she_not_the_one_that_names_her() -> None:
    article = clean_text(LEDGE)
    first = answer("who was walking the upper trail?", article)
    assert first is not None and "Marta Vinter" in first.sentence
    context = Context(people=("Marta Vinter",), last_question="who was walking the upper trail?")
    got = answer("how did she get help?", article, context=context)
    assert got is not None and "radioed for help" in got.sentence


def test_which_airport_asks_for_a_place() -> None:
    got = answer("which airport was she taken to?", clean_text(LEDGE))
    assert got is not None and got.guess == "Lunden Airport"


PHOTOS = """The photos were taken by the Japanese photographer Yûki Aoyama over two summers in Osaka.

The series shows fathers in mid-air in front of shops, temples and railway crossings. Aoyama said the fathers chose where to jump."""


def test_a_name_typed_without_its_accents_is_the_name_the_article_writes() -> None:
    article = clean_text(PHOTOS)
    got = answer("who is Yuki Aoyama?", article)
    assert got is not None and "Yûki Aoyama" in got.sentence
    said = answer("what did Yuki Aoyama say?", article)
    assert said is not None and "chose where to jump" in said.sentence


def test_a_number_typed_without_its_thousands_comma_is_the_number_the_article_writes() -> None:
    article = clean_text(
        "The county announced two grants on Monday. A grant of 8,000 euros goes to the school "
        "roof in Varn. A grant of 12,500 euros goes to the footbridge over the Lanz."
    )
    got = answer("what is the 12500 euro grant for?", article)
    assert got is not None and "footbridge" in got.sentence


def test_a_name_typed_with_a_phones_curly_apostrophe_is_the_name_the_article_writes() -> None:
    article = clean_text(
        'The court ruled for the family on Tuesday. "We will appeal this week," said Rita '
        "Vance, 44, the defendant's lawyer. Pierce O'Donnell, 58, who represented the family, "
        "called the ruling a victory. The judge, Anna Ploeg, ordered the defendant to pay the costs."
    )
    got = answer("how old is O’Donnell?", article)  # a phone's apostrophe, not the article's
    assert got is not None and got.span == "58"


def test_a_part_of_a_hyphenated_word_is_a_word_of_the_article() -> None:
    article = clean_text(
        "The Varn physics prize has gone to two people from the town. The physicist Lena "
        "Marsh-Odell won it in 2019 for her work on ice. Her colleague Tom Reyes won it in 2021."
    )
    got = answer("when did Odell win the prize?", article)
    assert got is not None and got.span == "2019"


def test_a_sum_ends_where_the_sum_ends_not_on_the_time_after_it() -> None:
    article = clean_text(
        "A Lyon-based start-up, Velora, has raised 4 million euros from investors. Its rival, the "
        "Geneva-based Kessel, raised 2 million euros last year. Both make batteries for bicycles."
    )
    got = answer("how much did Kessel raise?", article)
    assert got is not None and got.span == "2 million euros"


def test_two_words_typed_apart_are_read_as_the_one_word_the_article_writes() -> None:
    article = clean_text(
        "The video app TikTok said on Monday that it had 12 million users in the country, twice "
        "as many as two years ago. Its rival, the photo app Lumen, said it had 3 million users. "
        "Both apps face a new tax on advertising next year, which the finance ministry expects "
        "to raise 40 million euros."
    )
    got = answer("how many users does Tik Tok have?", article)
    assert got is not None and got.span == "12 million"


KESTREL = """The Kestrel protocols were designed entirely by engineers at Morrow Systems.

Kestrel is a family of radio protocols created by Morrow Systems, first released in 1994 to link farm sensors across hill country.

Morrow Systems later sold the Kestrel business to a larger firm, and the protocols are still used on about 40,000 farms."""


def test_what_is_x_gets_the_sentence_that_says_what_x_is() -> None:
    # The re-ranker undid the hand score's lift for "Kestrel is ..." and answered with the
    # shorter sentence that only names Kestrel.
    got = answer("What is Kestrel?", clean_text(KESTREL))
    assert got is not None and got.sentence.startswith("Kestrel is a family of radio protocols")


KILN = """Pottery owner fined over kiln fire

The owner of a pottery in Dunmere has been fined £12,000 after a kiln fire spread to two neighbouring homes.

Rhona Keel, 52, of Quarry Street, Dunmere, admitted breaching fire safety rules at the town's magistrates' court.

The fire started late at night, when a neighbour, Elliot Vance, saw smoke above the workshop roof and called the fire service.

"Nobody had checked the kiln's cut-out switch for years," the prosecutor, Mina Osei, told the court.

Her solicitor, Daniel Frome, said she had since replaced every kiln in the workshop.

"We are relieved that nobody was hurt," said Owen Hale, Dunmere's chief fire officer.

District Judge Alan Pike told Keel she had put her neighbours at risk."""


@pytest.mark.parametrize(
    ("question", "who"),
    [
        # A role after a connective: "when a neighbour, Elliot Vance, saw smoke".
        ("who is Elliot Vance?", "a neighbour"),
        # What she did (", told the court") is not what she is.
        ("who is Mina Osei?", "the prosecutor"),
        ("who is Daniel Frome?", "Her solicitor"),
        # A possessive role after the name.
        ("who is Owen Hale?", "Dunmere's chief fire officer"),
    ],
)
def test_who_is_x_gives_the_role_the_article_gives_x(question: str, who: str) -> None:
    got = answer(question, clean_text(KILN))
    assert got is not None and got.span == who


def test_who_is_x_by_surname_gets_the_sentence_introducing_x() -> None:
    # "District Judge Alan Pike told Keel ..." names her; "Rhona Keel, 52, of Quarry Street" introduces her.
    got = answer("who is Keel?", clean_text(KILN))
    assert got is not None and got.sentence.startswith("Rhona Keel, 52")


ROUTES = """New bus routes for Ashwell

Ashwell will get four new bus routes in the spring, the county council said on Monday.

The new routes will serve the villages of Cray and Lowther, which have no buses at present.

Fares will stay at £2 for a single journey."""


def test_how_many_is_never_answered_in_bold_by_a_word_that_is_no_count() -> None:
    # The bold answer was "Cray", a village.
    _, closest = answer_or_closest("how many buses are there in Lowther now?", ROUTES)
    assert closest is not None and "which have no buses at present" in closest.sentence
    assert closest.span is None
    counted = answer("how many new routes will there be?", clean_text(ROUTES))
    assert counted is not None and counted.span == "four"


TREASURER_THEFT = """Former club treasurer admits theft

A former treasurer of the Pelham rowing club has admitted stealing £38,000 from its accounts.

Ian Corder, 47, admitted 9 counts of theft at Norbridge Crown Court.

The theft came to light last spring when a new auditor, Jo Fenn, found payments to a firm that did not exist.

Corder will be sentenced in May."""


def test_when_is_never_answered_in_bold_by_something_that_is_no_time() -> None:
    # The bold answer was "47", his age: the article does not say when he admitted it.
    _, closest = answer_or_closest("when did he admit the theft?", TREASURER_THEFT)
    assert closest is not None and "admitted 9 counts" in closest.sentence
    assert closest.span is None
    found = answer("when was the theft discovered?", clean_text(TREASURER_THEFT))
    assert found is not None and found.span == "last spring"


def test_a_month_after_in_is_a_when_answer() -> None:
    # "May" is a stop word to the span scorer: no bold answer was shown.
    got = answer("when will he be sentenced?", clean_text(TREASURER_THEFT))
    assert got is not None and got.span == "May"


BUS_STRIKE = """Bus strike ends in Orford

A bus strike in Orford ended on Friday after drivers accepted a new pay offer.

Drivers at the Orford depot were on strike for nine days over pay and shift patterns.

The union said 240 drivers took part in the strike, which cost the operator £1.2 million.

Services will return to normal on Monday."""


def test_how_long_gets_the_sentence_with_a_duration_not_any_number() -> None:
    # "how long" took the sentence with a number ("240 drivers") and showed it in bold.
    got = answer("how long were the drivers on strike?", clean_text(BUS_STRIKE))
    assert got is not None and got.span == "nine days"


def test_how_long_is_never_answered_in_bold_by_something_that_is_no_measure() -> None:
    text = (
        "The union said 240 drivers took part in the bus strike in Orford.\n\n"
        "The operator said services would return to normal on Monday."
    )
    _, closest = answer_or_closest("how long did the drivers strike?", text)
    assert closest is not None and "240 drivers" in closest.sentence
    assert closest.span is None


def test_who_without_a_name_in_the_sentence_is_the_people_it_speaks_of() -> None:
    text = (
        "Flats evacuated after gas leak\n\n"
        "Forty residents of Carrow House were moved out on Sunday after a gas leak.\n\n"
        "No one was badly hurt, but an elderly neighbour was taken to hospital with breathing "
        "problems."
    )
    # The bold answer was "breathing problems".
    got = answer("who went to hospital?", clean_text(text))
    assert got is not None and got.span is not None and got.span.endswith("elderly neighbour")


def test_where_someone_lives_is_the_place_without_who_they_live_with() -> None:
    text = (
        "Street flooded in Wexham\n\n"
        '"We just grabbed the kids and got out," said Nadia Okafor, 34, who lives on Mill Row '
        "with her two children."
    )
    got = answer("where does nadia okafor live?", clean_text(text))
    assert got is not None and got.span == "Mill Row"


CUP_FINAL = """Harlow Town reach cup final

Harlow Town will play in the county cup final for the first time in 38 years after beating Stanford Rovers on penalties on Saturday.

The semi-final ended 2-2 after extra time.

The final will be played at Colchester on 12 May against Brampton United."""


def test_a_day_and_month_stay_whole_when_the_month_is_may() -> None:
    # "12 May" was cut to "12": "May" read as the verb after a number ("1967 made").
    got = answer("when is the final?", clean_text(CUP_FINAL))
    assert got is not None and got.span == "12 May"


def test_how_much_are_tickets_asks_for_a_sum_of_money() -> None:
    # "2" of "2-2" was shown as the price of a ticket.
    _, closest = answer_or_closest("how much are tickets for the final?", CUP_FINAL)
    assert closest is None or closest.span is None


def test_what_was_the_score_is_answered_with_the_whole_score() -> None:
    # The article never says "score": the question was refused as one it does not answer, and
    # the bold answer was the "2" of "2-2".
    got = answer("What was the score?", clean_text(CUP_FINAL))
    assert got is not None and got.span == "2-2"
    assert "ended 2-2" in got.sentence


def test_how_long_did_it_last_is_answered_by_the_sentence_giving_the_duration() -> None:
    # "long" and "last" are not in the article: the question was refused, though the strike's
    # nine days are there.
    got = answer("How long did the strike last?", clean_text(BUS_STRIKE))
    assert got is not None and got.span == "nine days"


def test_how_old_is_still_refused_when_the_article_gives_no_age() -> None:
    assert answer("How old is the club?", clean_text(CUP_FINAL)) is None


@pytest.mark.parametrize(
    ("question", "span"),
    [
        ("where did this happen?", "Millbrook"),  # the dateline
        ("When did it happen?", "Monday"),
        ("so when was that", "Monday"),
        ("what happened?", None),
        ("What's this about?", None),
    ],
)
def test_a_question_about_the_story_itself_is_answered_by_its_lead(
    question: str, span: str | None
) -> None:
    # These name nothing of the story, and were refused as questions the article does not answer.
    got = answer(question, clean_text(FLOOD))
    assert got is not None and got.span == span
    assert got.sentence.startswith("Heavy rain pushed the Orle river over its banks")


def test_where_did_this_happen_takes_the_first_place_the_lead_names() -> None:
    got = answer("where did this happen?", clean_text(RESCUE))
    assert got is not None and got.span == "Skerra"


def test_when_did_it_happen_is_refused_when_the_lead_gives_no_time() -> None:
    text = (
        "A pottery owner has been fined after a kiln fire spread to two houses in Dunmere.\n\n"
        "Nobody was hurt, but both families had to move out for a month."
    )
    assert answer("when did it happen?", clean_text(text)) is None


def test_chat_words_are_read_as_the_article_writes_them() -> None:
    text = (
        "Study links screen time to poor sleep\n\n"
        "Researchers at Tarrow University followed more than 3,000 children for five years.\n\n"
        "Children who used phones after 9pm slept 40 minutes less on average, the team said.\n\n"
        "The lead researcher, Dr Ines Varga, said parents should keep phones out of bedrooms."
    )
    # "kids" is not in the article: the question was refused.
    got = answer("how many kids did they follow?", clean_text(text))
    assert got is not None and got.span == "more than 3,000"
    got = answer("which uni did the study?", clean_text(text))
    assert got is not None and "Tarrow University" in got.sentence


def test_a_phrasal_verb_is_read_as_the_single_verb_the_article_uses() -> None:
    text = (
        "Corvale council shuts its last library\n\n"
        "Mayor Ilse Doran put the statement about the closure to Monday's meeting.\n\n"
        "The statement was then published by the Corvale Gazette on its website.\n\n"
        "Residents said the statement left many questions about the building unanswered.\n\n"
        "The council will sell the building next spring."
    )
    # "put out" is "published" here: the mayor, who "put" it to the meeting, was the answer.
    got = answer("who put out the statement?", clean_text(text))
    assert got is not None and "Corvale Gazette" in (got.span or "")
    # Where the article says "put" itself, the question is read as asked.
    got = answer("who put the statement to the meeting?", clean_text(text))
    assert got is not None and got.span == "Mayor Ilse Doran"
    # Of the article's verbs for it, the one said of what the question asks about.
    text = (
        "Barn fire near Dunmere\n\n"
        "A barn fire near Dunmere was extinguished by volunteer firefighters from Corvale early "
        "on Sunday.\n\n"
        "Photos of the blaze were posted online by a neighbour, Ruth Okafor, within minutes.\n\n"
        "No animals were hurt, the fire service said."
    )
    got = answer("who put out the fire?", clean_text(text))
    assert got is not None and "extinguished" in got.sentence


def test_a_short_answer_does_not_end_on_a_preposition_after_the_date() -> None:
    text = (
        "Harbour board chairman quits after leaked call\n\n"
        "The chairman of the Corvale harbour board, Tomas Brennick, resigned on Tuesday after a "
        "recording of a phone call was leaked.\n\n"
        "Brennick said the recording had been cut to make him look worse than he was.\n\n"
        "The board will choose a new chairman next month, its secretary Alma Ruiz said."
    )
    # The scorer's "Tuesday after a" was shown as "Tuesday after".
    got = answer("when did brennick resign?", clean_text(text))
    assert got is not None and got.span == "Tuesday"
    assert without_trailing("1944 during the") == "1944"


def test_a_word_the_article_says_otherwise_is_read_as_the_article_says_it() -> None:
    text = (
        "Marek Halloran, the shipping magnate, opened a harbour museum in Corvale on Saturday. "
        "Halloran, who owns a $300 million stake in a ferry line, paid for the building himself. "
        "He has an estimated fortune of $4 billion, most of it made in container ports. "
        "The photos on the walls were taken by Ines Varga, who spent a year on the docks. "
        "The mayor took the first tour of the museum with Halloran and the harbour staff."
    )
    # The article never says "worth" nor "pictures": the stake and the mayor were the answers.
    got = answer("how much is halloran worth?", text)
    assert got is not None and got.span == "$4 billion" and "fortune" in got.sentence
    got = answer("who took the pictures?", text)
    assert got is not None and got.span == "Ines Varga"
    # An article that uses the reader's word is matched on it, not on another of its group.
    got = answer("who took the photos?", text.replace("photos", "pictures"))
    assert got is not None and got.span == "Ines Varga"


def test_a_sentence_saying_the_readers_word_another_way_holds_it_in_part() -> None:
    text = (
        "A fisherman found a leather wallet on the riverbank on Monday, police said. "
        "The body was discovered by a dog walker near the weir at dawn on Tuesday. "
        "Officers said the body had been in the water for several days. "
        "The wallet was handed in at the police station in Marlow."
    )
    # The article says "found" of the wallet, so "found" was matched there alone: the answer to
    # "who found the body?" was the fisherman's wallet.
    got = answer("Who found the body?", text)
    assert got is not None and "discovered by a dog walker" in got.sentence
    got = answer("Where did the fisherman find the wallet?", text)
    assert got is not None and got.sentence.startswith("A fisherman found a leather wallet")


def test_more_of_the_readers_words_are_read_as_the_article_says_them() -> None:
    text = (
        "A new stage version of the novel Harbour Lights opens at the Corvale Playhouse in May. "
        "The 1979 television series, which drew an audience of 18 million viewers, made the "
        "story famous. "
        "Ines Varga, who portrayed the lighthouse keeper in the series, will direct the new "
        "production. "
        "Tickets for the opening night will go on sale on Friday."
    )
    # The article never says "watched" nor "played": both questions were refused.
    got = answer("how many people watched the series?", text)
    assert got is not None and got.span is not None and "18 million" in got.span
    got = answer("who played the lighthouse keeper?", text)
    assert got is not None and got.span == "Ines Varga"


def test_how_far_someone_fell_is_the_distance_they_fell() -> None:
    text = (
        "A hill walker fell down a 40ft gully on Scarrow Pike on Sunday and was rescued by a "
        "helicopter crew. "
        "Tomas Reid, 52, had climbed the pike with two friends from Kendal and lost his footing "
        "in fog near the summit. "
        "Reid broke his leg and was taken to hospital in Carlisle, where he is recovering."
    )
    # "fell" was not read as "fall", and "40ft" was no distance: the answer was Reid's climb.
    got = answer("how far did reid fall?", text)
    assert got is not None and got.span == "40ft" and got.sentence.startswith("A hill walker")


def test_who_is_named_in_the_sentence_after_a_lead_that_only_describes_them() -> None:
    text = clean_text(
        "A retired postman has walked the length of the Corvale coast path to raise money for "
        "the lifeboat station.\n\n"
        "Owen Pryce, 71, set off from Marlow harbour in April and finished at Dunmere pier on "
        "Saturday.\n\n"
        "He raised more than £12,000, and the crew met him at the pier with a brass band."
    )
    # The lead says who without a name: "who walked the coast path?" was answered with it alone,
    # and no name in bold.
    got = answer("who walked the coast path?", text)
    assert got is not None and got.span == "Owen Pryce"
    assert got.sentence.startswith("A retired postman") and "Owen Pryce, 71," in got.sentence


def test_a_speaker_after_a_lead_is_not_who_the_lead_tells_of() -> None:
    text = clean_text(
        "A man has been arrested after a woman was stabbed outside a nightclub in Marlow.\n\n"
        "Detective Inspector Jane Cole said officers were called to the High Street at 2am.\n\n"
        "The woman, 24, was taken to hospital with injuries that are not life-threatening."
    )
    # The officer who opened the next sentence was given as the man arrested.
    got = answer("who was arrested?", text)
    assert got is not None and got.span != "Detective Inspector Jane Cole"
    assert "Jane Cole" not in got.sentence


def test_who_did_it_is_the_doer_a_passive_names_by_what_they_are() -> None:
    text = (
        "Police in Marlow have named a missing canoeist as Owen Pryce, 44. "
        "Pryce's wallet was found on the towpath on Sunday morning by a dog walker. "
        "His canoe was recovered from the weir later that day by the river rescue team."
    )
    # The name beside the passive was the answer: "Owen Pryce" found his own wallet.
    got = answer("who found the wallet?", text)
    assert got is not None and got.span == "a dog walker"
    got = answer("who recovered the canoe?", text)
    assert got is not None and got.span == "the river rescue team"


def test_the_short_answer_sits_beside_the_articles_word_for_the_readers() -> None:
    text = (
        "Rovers' 3-1 loss to Castle Vale on Saturday saw Athletic move two points clear at the "
        "top of the table."
    )
    # The scorer looked for the answer beside "Saturday" alone ("Athletic"), and the span kept
    # the date the reader gave ("Castle Vale on Saturday").
    got = answer("who did rovers lose to on saturday?", text)
    assert got is not None and got.span == "Castle Vale"


def test_a_follow_up_in_the_readers_own_words_weighs_them_fully() -> None:
    text = clean_text(
        "Ines Varga spent a year on the docks of Corvale before the harbour museum opened.\n\n"
        "Varga said the cranes had always fascinated her, and she visited them every week.\n\n"
        "The photos on the museum's walls show the docks at dawn, when they were empty.\n\n"
        "Varga now teaches at the art school in Corvale."
    )
    context = Context(people=("Ines Varga",), last_question="who is ines varga?")
    # "pictures", read as the article's "photos", weighed as little as the filled-in "Ines
    # Varga", and the first sentence, which names her in full, was the answer.
    got = answer("what is in her pictures?", text, context=context)
    assert got is not None and got.sentence.startswith("The photos on the museum's walls")


DERBY = (
    "Referee Paul Ashby has been named to take charge of the Harbour derby on Sunday, despite "
    "having sent off four players from Rovers and Athletic this season. "
    "The champions' shock 3-1 loss to Castle Vale on Monday saw Athletic move a point above their "
    "local rivals to add extra incentive for both sides ahead of the derby at Quay Park. "
    "Ashby, 41, has refereed in the league for nine years and took charge of the cup final in 2019. "
    "Ashby will be joined by assistants Lee Dunn and Mark Tolley, while Sam Pryor will serve as the "
    "fourth official. "
    "Tickets for the derby sold out within an hour of going on sale."
)


def test_when_is_answered_by_the_date_beside_the_thing_asked_about() -> None:
    # Both sentences name the derby and a day; "Monday" is the loss's, far from "the derby".
    got = answer("when is the derby?", DERBY)
    assert got is not None and got.span == "Sunday"


def test_a_date_answer_is_the_date_not_the_clause_after_it() -> None:
    text = (
        "Rovers' shock 3-1 loss to Castle Vale on Monday left them a point behind their "
        "neighbours, adding an edge for both sides ahead of the derby at Quay Park. "
        "Tickets for the derby sold out within an hour of going on sale."
    )
    got = answer("when did rovers lose to castle vale?", text)
    # It was "Monday left them a point behind their neighbours".
    assert got is not None and got.span == "Monday"


def test_an_age_said_as_who_is_35_answers_how_old() -> None:
    text = (
        "Rider to attempt hour record\n\n"
        "Tom Hale will attempt the hour record at the Harrow velodrome on June 7.\n\n"
        "Hale, who is 35 on April 28, won two Olympic titles on the track."
    )
    # "who is 35" was no age: the question was refused.
    got = answer("how old is tom hale?", clean_text(text))
    assert got is not None and got.span == "35"


def test_how_old_is_never_answered_in_bold_by_the_day_of_a_date() -> None:
    text = (
        "Rider to attempt hour record\n\n"
        "Tom Hale will attempt the hour record at the Harrow velodrome on June 7.\n\n"
        "Hale was born in Leeds and rides for the Calder club."
    )
    _, closest = answer_or_closest("how old is tom hale?", text)
    assert closest is None or closest.span != "7"


def test_how_much_gets_every_price_the_sentence_lists() -> None:
    text = (
        "Tickets on sale for velodrome record bid\n\n"
        "Tickets for the record attempt on June 7 cost £49, £39 and £29, the organisers said.\n\n"
        "The event will be shown live on television."
    )
    # The bold answer was "£49", the first of the three.
    got = answer("how much do tickets cost?", clean_text(text))
    assert got is not None and got.span == "£49, £39 and £29"


HOUR_RECORD = """Rider to attempt hour record

Tom Hale will try to break the hour record at the Harrow velodrome on June 7.

About one in five riders who try fails to finish the hour.

His coach said he had trained for six months with the kids from his old club."""


def test_how_many_gets_a_whole_rate() -> None:
    # "five" of "About one in five riders" was the bold answer.
    got = answer("how many riders fail?", clean_text(HOUR_RECORD))
    assert got is not None and got.span is not None and "one in five" in got.span


def test_how_many_is_never_answered_in_bold_by_a_count_of_months() -> None:
    # "six months" was the bold answer to how many kids.
    _, closest = answer_or_closest("how many kids did he train with?", HOUR_RECORD)
    assert closest is None or closest.span is None
    got = answer("how many months did he train for?", clean_text(HOUR_RECORD))
    assert got is not None and got.span is not None and "six" in got.span


CHAPEL = """A new wedding chapel opens in the city this spring.

The first couple will marry at the Riverside Wedding Chapel inside the Harbour View Hotel on Saturday, May 9.

Tickets for the opening party are free."""


def test_where_is_not_answered_by_a_date_nor_by_the_place_asked_about() -> None:
    got = answer("where is the new chapel?", CHAPEL)
    assert got is not None
    assert got.span == "Harbour View Hotel"


def test_where_did_she_study_keeps_the_whole_name_of_the_university() -> None:
    text = (
        "Young engineer wins prize\n\n"
        "Asha Menon grew up in Hull, East Yorkshire, before studying physics at the University "
        "of Leeds. She now designs bridges."
    )
    got = answer("where did she go to uni?", text)
    assert got is not None
    assert got.span == "University of Leeds"


def test_a_height_keeps_its_metres() -> None:
    text = (
        "Hill walkers return\n\n"
        "The summit of Carn Dubh, at 1,214 m, is the highest point of the range. Walkers reach it "
        "in about five hours from the village."
    )
    got = answer("How high is Carn Dubh?", text)
    assert got is not None
    assert got.span == "1,214 m"


# A long report: its town, river and agency are named at the top, and the facts asked about come
# much later, in sentences that say "the wall" or "it".
FLOOD_WALL = """Hebden Vale's new flood wall was opened on Saturday by the Environment Agency, four years after the River Calder burst its banks and flooded more than 300 homes in the town.

The Calder rose by nearly two metres in a single night in February 2022. Shops on Market Street were under water for a week, and the town's only secondary school closed for a month.

Residents formed the Hebden Vale Flood Group soon afterwards. Its chair, Moira Latham, said the town had waited too long for protection.

"We have lived with sandbags by the door for four winters," she said. "Tonight people will sleep."

The agency's area manager, Tom Birtwistle, said the work had been harder than planned. Old mill foundations were found under the riverbank, and the route had to be redrawn twice.

Engineers also had to keep the towpath open for walkers and cyclists throughout the work.

A fish pass was built beside the weir so that salmon and trout can still swim upstream.

Local businesses said trade had suffered during the building work, when Market Street was closed to traffic for six months.

The town council has asked for a second scheme to protect the villages further up the valley.

Birtwistle said the agency would study that request next year.

Schoolchildren painted a mural on the landward side of the wall, showing the river's wildlife.

The wall is 1.4 kilometres long and rises to three metres in the town centre.

It cost £12million, most of it paid by the government, with £2million raised by the council.

Flood gates at the two bridges can be closed within an hour when a warning is issued."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        ("What was built beside the weir?", "A fish pass"),
        ("What was found under the riverbank?", "Old mill foundations"),
    ],
)
def test_what_was_done_is_the_subject_of_the_sentences_passive(question: str, span: str) -> None:
    # "A fish pass was built beside the weir so that salmon and trout can still swim upstream":
    # what was built, not what swims; and shown in bold, not left as a bare sentence.
    got = answer(question, clean_text(FLOOD_WALL))
    assert got is not None
    assert got.span == span


def test_a_question_for_a_sum_that_names_someone_with_a_possessive_gets_the_sum() -> None:
    # "Corrigan's" and "O'Dowd" are words of the question like any other: it still asks what the
    # gown cost, not how many made it, nor the year of the film.
    text = (
        "Film gown sold\n\n"
        "A gown worn by Mae Corrigan when she played Rose O'Dowd in the 1952 film Harbour Lights, "
        "made by 14 seamstresses over 300 hours, has fetched $48,000 at an auction in Leeds."
    )
    for question in (
        "How much did Mae Corrigan's gown sell for?",
        "how much did the rose o'dowd gown sell for",
    ):
        got = answer(question, text)
        assert got is not None
        assert got.span == "$48,000", question


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # "Is the wall" asks its length; the lead's "four years" is a time.
        ("How long is the Environment Agency's new flood wall?", "1.4 kilometres"),
        ("How long is the new River Calder flood wall?", "1.4 kilometres"),
        # "1.4 kilometres long" is the wall's length, not its height.
        ("How high is the flood wall in the town centre?", "three metres"),
        ("How tall is the wall?", "three metres"),
        # How quickly: a time.
        ("How quickly can the flood gates be closed?", "an hour"),
        # A street closed, a school closed: times still.
        ("How long was Market Street closed to traffic?", "six months"),
        ("How long did the school close for?", "a month"),
    ],
)
def test_how_long_high_or_quickly_gets_the_measure_of_that_size(question: str, span: str) -> None:
    got = answer(question, clean_text(FLOOD_WALL))
    assert got is not None
    assert got.span == span


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # How often: "twice", not "under the riverbank".
        ("How many times was the route redrawn?", "twice"),
        ("how many times did they redraw the route?", "twice"),
        # A list of single words is answered whole: "salmon and trout", not "trout".
        ("What swims upstream through the fish pass?", "salmon and trout"),
    ],
)
def test_how_often_and_a_list_of_words_are_answered_whole(question: str, span: str) -> None:
    got = answer(question, clean_text(FLOOD_WALL))
    assert got is not None
    assert got.span == span


# A court report written for the project: a name with an age and a home, a judge, a loss.
COURT = """A former bank manager who stole £186,000 from elderly customers over six years has been jailed for four years.

Graham Pettifer, 52, of Ashby Road, Loughborough, admitted 14 counts of fraud at Leicester Crown Court on Tuesday.

The court heard that Pettifer, who worked at the Loughborough branch of Eastgate Bank, moved money from the accounts of nine customers into his own savings.

The oldest of his victims was a 91-year-old widow who lost more than £40,000.

Prosecutor Helen Marsh said Pettifer had chosen customers who rarely checked their statements.

"He betrayed people who trusted him with everything they had," she said.

The fraud came to light in March last year, when the daughter of one customer noticed missing payments and called the bank.

Eastgate Bank said it had repaid every customer in full and had changed its checks on staff.

Pettifer's barrister, Owen Castle, said his client had built up gambling debts after his marriage broke down.

He said Pettifer was "deeply ashamed" and had sold his house to repay part of the money.

Judge Sarah Whitlock told Pettifer he had caused "real fear and distress" to people in the last years of their lives.

She said he would serve half of his sentence in prison before being released on licence."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # "Lose", "steal", "win" ... ask for a sum: not the "91-year-old widow" who lost it.
        ("How much did the oldest victim lose?", "more than £40,000"),
        # The person's role asked by its name: "who is the judge?".
        ("What is the judge's name?", "Sarah Whitlock"),
        ("what is the name of the prosecutor?", "Helen Marsh"),
        # A home, as a report gives it after the name and age: not "the last years of their
        # lives".
        ("Where does Pettifer live?", "Ashby Road, Loughborough"),
        ("where is graham pettifer from?", "Ashby Road, Loughborough"),
    ],
)
def test_a_court_report_read_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(COURT))
    assert got is not None
    assert got.span == span


def test_a_thing_asked_by_its_name_is_not_read_as_a_person() -> None:
    # "The name of the border" is no person to look for ("border" ends like "manager").
    got = answer("What is the name of the bank?", clean_text(COURT))
    assert got is not None
    assert got.span == "Eastgate Bank"


# A strike story written for the project: a walk-out to come, an earlier one, a council's plans.
STRIKE = """Bus drivers in Northfield will strike for five days from Monday after rejecting a pay offer of 4.5%, their union said on Thursday.

About 420 drivers at the Redgate and Castle Lane depots voted to walk out, with 87% of those who took part backing the action. Unite said the turnout was 71%.

The strike will halt most of the 38 routes run by Northfield Buses, which carries around 60,000 passengers a day.

Drivers are asking for a rise of 9%, which the union says would bring them in line with drivers at neighbouring companies. They also want paid breaks restored on longer routes.

Karen Ashworth, Unite's regional officer, said drivers had been left with no choice. "Our members keep this city moving, and they have watched their wages fall behind for three years," she said.

The company's managing director, Paul Denholm, said the offer was the best it could afford because fuel and insurance costs had risen sharply. He urged the union to return to talks.

"A strike helps nobody, least of all the nurses, pupils and shift workers who rely on our buses," he said.

School transport will not be affected, because those services are run under a separate contract by Dales Travel.

The city council said it would open extra park-and-ride spaces at the football ground and asked employers to let staff work from home where possible.

Talks between the two sides broke down last Friday after eleven hours at the offices of the conciliation service Acas.

It would be the first strike at the company since 2009, when drivers walked out for two days over changes to their pensions.

Northfield Buses was bought by the transport group Harbour Line in 2019 for £31million."""


@pytest.mark.parametrize(
    ("question", "in_sentence", "span"),
    [
        # What will happen is told in the future ("will strike for five days from Monday"), not
        # by the story of the 2009 walk-out.
        ("When will the drivers strike?", "from Monday", "Monday"),
        ("How long will the strike last?", "from Monday", "five days"),
        ("How many days will they strike for?", "from Monday", None),
        # ... unless that sentence lacks what is asked: the depots.
        ("Which depots will strike?", "depots", "Redgate and Castle Lane"),
    ],
)
def test_a_question_about_what_will_happen_is_answered_by_the_future(
    question: str, in_sentence: str, span: str | None
) -> None:
    got = answer(question, clean_text(STRIKE))
    assert got is not None
    assert in_sentence in got.sentence
    if span is not None:
        assert got.span == span


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # What a walk-out was over is why it happened: not "two days over ...".
        ("Why did drivers strike in 2009?", "over changes to their pensions"),
        # What the council will do: the deed after "said it would", not "city".
        ("What will the council do?", "open extra park-and-ride spaces at the football ground"),
        ("What is the city council going to do?", "open extra park-and-ride spaces"),
        # Both names of a list before its noun: "the Redgate and Castle Lane depots".
        ("Which depots are involved?", "Redgate and Castle Lane"),
    ],
)
def test_a_strike_story_read_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(STRIKE))
    assert got is not None
    assert got.span is not None
    assert got.span.startswith(span)


def test_a_rate_is_not_how_long_something_lasts() -> None:
    # "12 times a day", "1,500 passengers a day" say how often and how many, not how long.
    text = (
        "Ferry service ends\n\n"
        "The Isle of Tarn ferry made its last crossing on Sunday. At its busiest the ferry made "
        "the crossing 12 times a day, with 1,500 passengers a day.\n\n"
        "Each trip across the sound took 25 minutes."
    )
    got = answer("How long was the crossing?", text)
    assert got is not None
    assert got.span == "25 minutes"


# A mountain rescue written for the project: doers named by what they are, not by name.
CLIMBER_RESCUE = """A climber who spent two nights on a ledge in the Cairngorms was rescued on Tuesday morning after a search involving more than 40 volunteers.

Fiona McRae, 34, from Aviemore, set out alone on Saturday to climb Coire an t-Sneachda but did not return. Her partner raised the alarm on Sunday evening when she missed a family meal.

Cairngorm Mountain Rescue Team said she had slipped on ice and fallen about 15 metres, breaking her ankle. She crawled onto a ledge and sheltered in an emergency bivvy bag.

A coastguard helicopter from Inverness spotted her torch at about 6am, after low cloud had grounded it for most of Monday.

The team's leader, Hamish Grant, said her decision to carry a bivvy bag and spare food had saved her life. "She did everything right once things went wrong," he said.

Ms McRae was flown to Raigmore Hospital in Inverness, where she was said to be in a stable condition.

Grant urged walkers to leave a route plan with someone and to check the forecast, because conditions on the plateau can change within minutes.

It was the team's 19th call-out this year, compared with 11 in the whole of last year."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # The one the sentence says did it, not the date beside it ("Sunday evening").
        ("Who raised the alarm?", "Her partner"),
        # A helicopter from a town: the helicopter, not the town.
        ("Who spotted her?", "A coastguard helicopter from Inverness"),
        # "Found" of an article that says "spotted".
        ("Who found her?", "A coastguard helicopter from Inverness"),
    ],
)
def test_who_did_it_is_the_subject_that_did_it(question: str, span: str) -> None:
    got = answer(question, clean_text(CLIMBER_RESCUE))
    assert got is not None
    assert got.span == span


# A village bakery's closure written for the project: what will happen, a bill that rose, a
# name given beside the thing it names.
BAKERY = """A family bakery that has served the village of Ellerby for 112 years will close next month because its owners can no longer afford the rising cost of energy.

Martin and Susan Thwaite took over Thwaite's Bakery from Martin's father in 1994. Their ovens run from 4am, and their electricity bill has risen from £900 a month to £3,200 since last spring.

"We have tried everything, from shorter hours to cheaper flour, but the numbers no longer add up," Mrs Thwaite said.

The bakery employs six people, including two apprentices, who will be paid until the end of March.

Regular customers have started a petition asking the energy supplier to offer a lower tariff. By Friday it had more than 2,000 signatures.

The supplier, Northgate Energy, said it could not comment on individual accounts but that it offered payment plans to small businesses in difficulty.

The Thwaites plan to sell the building, a former chapel on Church Lane, and retire to the coast.

Ellerby's only other shop, a post office, closed in 2018."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # "Will close next month", not the post office that "closed in 2018".
        ("When will it close?", "next month"),
        # How early: a time of day.
        ("How early do the ovens start?", "4am"),
        # "Has risen from £900 a month to £3,200": now, and before.
        ("How much is their electricity bill now?", "£3,200"),
        ("How much was the electricity bill before?", "£900"),
        # What they have done, and what they will do ("plan to sell", not "took over in 1994").
        ("What have customers done?", "started a petition"),
        ("What will the Thwaites do?", "sell the building"),
        # A question that ends on "from": what follows "from" after its verb.
        ("Who did they take it over from?", "Martin's father"),
        # The name beside the thing: "The supplier, Northgate Energy, said".
        ("What is the supplier called?", "Northgate Energy"),
        ("What is the name of the energy supplier?", "Northgate Energy"),
    ],
)
def test_a_bakery_closure_read_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(BAKERY))
    assert got is not None
    assert got.span is not None
    assert got.span.startswith(span)


# A factory closure written for the project: what people said they would do, a reason after
# "as", a sum the article never gives.
FACTORY = """Carden Foods is to close its biscuit factory in Westbury next year with the loss of 310 jobs, the company announced on Wednesday.

Production will move to the firm's larger site in Nottingham, which it says has more modern equipment and lower running costs.

The Westbury factory opened in 1962 and once employed more than 1,000 people. It makes about 40 million packets of biscuits a year, including the company's best-known brand, Crumbly Creams.

Carden's chief executive, Laura Prentice, said the decision had been "extremely difficult". She said demand for biscuits had fallen by 12% over five years as shoppers turned to healthier snacks.

Workers were told the news at a meeting on Wednesday morning. Many left the site in tears, according to the GMB union.

The union's organiser, Dave Kerrigan, called the closure "a hammer blow for Westbury" and said it would fight to keep the factory open.

Staff will be offered jobs in Nottingham, 90 miles away, or redundancy payments. The company said it expected fewer than 50 people to move.

Westbury's MP, Claire Oduya, said she would meet the company's managers next week to ask them to reconsider.

The factory is the town's second-largest employer after the hospital."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # What X said it would do, X named before: "Dave Kerrigan, ... said it would fight".
        ("What will the union do?", "fight to keep the factory open"),
        ("What will Claire Oduya do?", "meet the company's managers next week"),
        # "as" and a clause of its own: the reason, not "healthier snacks".
        ("Why has demand fallen?", "as shoppers turned to healthier snacks"),
    ],
)
def test_a_factory_closure_read_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(FACTORY))
    assert got is not None
    assert got.span is not None
    assert got.span.startswith(span)


def test_a_sum_the_article_never_gives_is_not_a_distance() -> None:
    # "How much will the payments be?" asks a sum: "90 miles" is none, so nothing is in bold.
    got = answer("How much will the redundancy payments be?", clean_text(FACTORY))
    assert got is None or got.span is None


def test_how_much_is_the_bill_is_what_it_is_now() -> None:
    # "Has risen from £900 a month to £3,200": it is £3,200.
    got = answer("How much is the electricity bill?", clean_text(BAKERY))
    assert got is not None
    assert got.span == "£3,200"


# A match report written for the project: a score, a winner, an ordinal that counts.
MATCH = """Ashford Rovers came from two goals down to beat Kelsey Town 3-2 on Saturday and move top of the Southern League for the first time in 14 years.

Kelsey led 2-0 at half-time through a penalty from Jamie Orr and a header by captain Luke Barraclough.

Rovers' manager, Sandra Pike, made two changes at the break, bringing on the teenage winger Kofi Mensah and the veteran striker Dean Hollis.

Mensah, 18, set up Hollis for the first goal in the 58th minute and scored the equaliser himself eight minutes later with a shot from 25 yards.

Hollis headed the winner in stoppage time, his 21st goal of the season.

"I told them at half-time that we had nothing to lose," Pike said. "The young lad changed the game."

A crowd of 3,412, the biggest at the Mill Field this season, saw the match.

Kelsey's manager, Gary Whitlock, said his side had "switched off" after the first goal and complained that the winner should have been ruled out for a foul on his goalkeeper.

Rovers play away at Denton on Tuesday."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # "Won" of a report that says "beat".
        ("Who won?", "Ashford Rovers"),
        # The sentence that gives a score ("3-2"), not the one that says "scored".
        ("What was the score?", "3-2"),
        ("What was the score at half-time?", "2-0"),
        # Who they play, not when: "Denton", not "Denton on Tuesday".
        ("Who do Rovers play next?", "Denton"),
    ],
)
def test_a_match_report_read_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(MATCH))
    assert got is not None
    assert got.span == span


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # "The team's 19th call-out this year": 19 of them this year; last year's are 11.
        ("How many call-outs has the team had this year?", "19"),
        ("How many call-outs were there last year?", "11"),
    ],
)
def test_an_ordinal_counts_what_is_asked_in_its_year(question: str, span: str) -> None:
    got = answer(question, clean_text(CLIMBER_RESCUE))
    assert got is not None
    assert got.span == span


# A study's report written for the project: what it found, ages as a range, a school year.
STUDY = """Children who walk or cycle to school sleep better than those who are driven, according to a study by researchers at the University of Dunmore.

The team followed 2,300 pupils aged nine to 12 at 40 schools across the north of England for a full school year.

Pupils who made the whole journey on foot or by bike fell asleep 14 minutes faster on average and woke less often during the night.

The effect was strongest in winter, when children who walked got most of their daylight on the way to school.

Dr Nadia Osei, who led the study, said morning light helped set the body clock. "Twenty minutes outside before lessons seems to matter more than an hour of sport in the afternoon," she said.

The researchers measured sleep with wrist monitors that the children wore every night for a week each term.

About a third of the pupils lived too far away to walk, and the study compared them with classmates who lived close by but were still driven.

The findings were published on Monday in the journal Child Health Today.

Campaign group Safe Routes said councils should build more crossings and cycle lanes near schools so that more parents felt able to let their children walk."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # What the study found: the claim before "according to a study", not where "the
        # findings were published".
        ("What did the study find?", "Children who walk or cycle to school sleep better"),
        ("What did the researchers find?", "Children who walk or cycle to school sleep better"),
        # Ages as a range, in words and digits.
        ("How old were the children?", "nine to 12"),
        # Too far to walk is why they could not.
        ("Why couldn't some pupils walk?", "too far away"),
    ],
)
def test_a_study_read_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(STUDY))
    assert got is not None
    assert got.span is not None
    assert got.span.startswith(span)


def test_a_report_that_found_something_is_asked_what_it_found() -> None:
    text = (
        "Roads report\n\n"
        "The council published its roads report on Friday. The report, written by engineers "
        "from Halden University, found that 40% of the town's roads were in poor condition. "
        "Repairs will begin in May."
    )
    got = answer("What did the report find?", text)
    assert got is not None
    assert got.span == "40% of the town's roads were in poor condition"


def test_a_school_year_is_how_long_it_lasted() -> None:
    # "for a full school year" is a time, as "for a week" is.
    got = answer("How long did the team follow the pupils for?", clean_text(STUDY))
    assert got is not None
    assert got.span == "a full school year"


# A storm report written for the project: a wind speed, a death, a storm's name.
STORM = """Storm Idris brought winds of up to 92mph to the west coast on Thursday night, leaving 48,000 homes without power and closing the Severn and Tamar bridges.

A man in his 60s died when a tree fell on his car near Launceston, Devon and Cornwall Police said. His family has been told.

The Met Office had issued an amber warning for wind on Wednesday, saying gusts could damage buildings and bring down power lines.

Engineers from Western Power worked through the night and had reconnected all but 6,000 homes by Friday afternoon. The company said the remaining customers should have power back by Saturday.

More than 200 flights were cancelled at Bristol and Cardiff airports, and rail services between Exeter and Penzance were suspended after debris blocked the line at Dawlish.

The storm is the ninth to be named this season, the most since naming began in 2015.

Forecasters expect calmer weather from Sunday, although heavy rain could cause flooding in parts of Wales."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # How strong a wind is: its speed.
        ("How strong were the winds?", "up to 92mph"),
        # Who died: the man, not the clause of how.
        ("Who died?", "A man in his 60s"),
        # A place, not a list that runs into "Devon and Cornwall Police said".
        ("Where did the man die?", "Launceston"),
        ("Where did it happen?", "Launceston"),
        # "All but 6,000 homes" were reconnected: 6,000 were still without power.
        ("How many homes were still without power on Friday?", "6,000"),
        # The storm's own name.
        ("What is the storm called?", "Storm Idris"),
    ],
)
def test_a_storm_report_read_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(STORM))
    assert got is not None
    assert got.span == span


# A mayoral election written for the project: a winner named before her description, the
# loser after, a turnout up from the last time, a promise.
ELECTION = """Rosa Delgado has been elected mayor of Port Halden, becoming the first woman to hold the post in the town's 200-year history.

Delgado, a former headteacher standing for the Harbour Alliance, won 11,284 votes, ahead of the sitting mayor, Victor Crane, on 9,902. Turnout was 38%, up from 31% at the last election.

She promised to reopen the town's swimming pool within two years and to freeze parking charges in the town centre.

Crane, who had been mayor since 2014, congratulated her but said the pool plan would cost far more than she had admitted. "I wish her well, but the sums don't add up," he said.

Delgado will be sworn in at the town hall on Monday. Her first council meeting is on May 14.

The Harbour Alliance was formed three years ago by residents opposed to plans for a container terminal at the old docks."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # The one named before the verb ("Delgado, a former headteacher ..., won"), by her
        # full name, not the one after it ("ahead of ... Victor Crane").
        ("Who won the election?", "Rosa Delgado"),
        # How long he had been mayor: "since 2014", when no time is given.
        ("How long had Crane been mayor?", "since 2014"),
        # "38%, up from 31% at the last election".
        ("What was the turnout at the last election?", "31%"),
        # A doer with no article: "formed three years ago by residents opposed to ...".
        ("Who formed the Harbour Alliance?", "residents"),
        # What she promised: what follows "promised".
        (
            "What did Delgado promise?",
            "to reopen the town's swimming pool within two years and to freeze parking charges",
        ),
    ],
)
def test_an_election_read_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(ELECTION))
    assert got is not None
    assert got.span is not None
    assert got.span.startswith(span)


def test_the_one_named_with_an_age_before_the_verb_did_it() -> None:
    got = answer("Who set up the first goal?", clean_text(MATCH))
    assert got is not None
    assert got.span == "Kofi Mensah"


@pytest.mark.parametrize(
    ("question", "text", "span"),
    [
        ("What did Delgado do before?", ELECTION, "a former headteacher"),
        ("What was Delgado's job before?", ELECTION, "a former headteacher"),
        (
            "What did Hart do before?",
            "Council news\n\nJo Hart, a former police officer, was elected on Friday.",
            "a former police officer",
        ),
    ],
)
def test_what_someone_did_before_is_their_former_job(question: str, text: str, span: str) -> None:
    got = answer(question, clean_text(text))
    assert got is not None
    assert got.span == span


# A cash machine theft written for the project: an arrest, its reason, an appeal, an ordinal.
THEFT = """Thieves used a stolen tractor to rip a cash machine from the wall of a village shop in Brackley early on Sunday, police said.

The gang drove the tractor through the shop's front window at about 3.40am, loaded the machine onto a flatbed lorry and escaped towards the M40.

The cash machine held about £28,000, according to Northamptonshire Police. The tractor had been taken from a farm two miles away an hour earlier.

Neighbours were woken by the noise. Ian Marsh, who lives opposite the shop, said he saw three men in dark clothing. "It was over in less than five minutes," he said.

The lorry was found burnt out near Bicester later that morning. The cash machine has not been recovered.

Detective Sergeant Paula Hines said the raid had caused damage estimated at £60,000 and appealed for anyone with dashcam footage to come forward.

Two men, aged 29 and 34, were arrested in Banbury on Monday on suspicion of burglary and have been released on bail.

It is the fourth cash machine theft in the county since January."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # Who was arrested: the men, not their ages between commas.
        ("Who was arrested?", "Two men"),
        # Why: "on suspicion of burglary", ending before "and have been released on bail".
        ("Why were they arrested?", "on suspicion of burglary"),
        # What she asked for: what follows "appealed for".
        ("What did Paula Hines ask for?", "anyone with dashcam footage to come forward"),
        # "The fourth cash machine theft in the county since January".
        ("How many cash machine thefts have there been in the county?", "fourth"),
        # No word but common ones: what they are is what is asked about.
        ("How old are they?", "29 and 34"),
    ],
)
def test_a_theft_read_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(THEFT))
    assert got is not None
    assert got.span == span


def test_how_long_something_took_is_never_a_distance() -> None:
    # "How long did the raid take?" - not "two miles" (how far away the tractor was taken from).
    got = answer("How long did the raid take?", clean_text(THEFT))
    assert got is not None
    assert got.span != "two miles"


# A company's news written for the project: what it makes, told in a clause about it.
STARTUP = """Lumen Grid, a Leeds company that makes batteries for storing solar power at home, has raised £14 million from investors to build a factory in Wakefield.

The company was founded in 2019 by two former university researchers, Priya Nair and Tom Okoro, who met while studying chemistry at Sheffield.

Its batteries use sodium instead of lithium, which Nair says makes them cheaper and less likely to catch fire. Each unit can store enough electricity to run an average home for a day.

The Wakefield factory is due to open in late 2027 and will employ 180 people. The company currently has 45 staff.

The funding round was led by the Northern Energy Fund, with the government-backed British Business Bank also taking part.

"Sodium is everywhere, so we are not dependent on a handful of mines overseas," Okoro said. He said the firm hoped to sell 20,000 units a year by 2030.

Lumen Grid's batteries cost £3,500 each, about a third less than comparable lithium systems."""


def test_what_a_company_makes_is_what_follows_makes() -> None:
    # "Lumen Grid, a Leeds company that makes batteries ...": what it makes, not what it is.
    got = answer("What does Lumen Grid make?", clean_text(STARTUP))
    assert got is not None
    assert got.span == "batteries for storing solar power at home"


DERAILMENT = """Freight train derails near Ashcombe

Twelve wagons of a freight train came off the tracks near Ashcombe on Tuesday night, closing the main line between Ferrybridge and Holt for at least three days.

No one was hurt. The train, which was carrying gravel from a quarry in the Welland hills, was travelling at about 40mph when it derailed shortly after 11pm, Network Rail said.

The driver, a 52-year-old man from Holt, was checked by paramedics at the scene and released.

Investigators from the Rail Accident Investigation Branch arrived on Wednesday morning. They said a broken rail was the most likely cause, but that it was too early to be sure.

"The track will have to be rebuilt over a length of about 300 metres," said Karen Oduya, Network Rail's route director. "We are working day and night, and we expect to reopen the line on Saturday."

Passengers face delays of up to two hours while buses replace trains between Ferrybridge and Holt.

About 30 passenger services a day use the line, which carried 4.2 million journeys last year.

The last derailment on the route was in 2017, when a maintenance vehicle left the rails at Holt station.

Residents of Mill Lane, which runs beside the line, said they heard a loud bang followed by a long scraping noise. "It sounded like thunder that would not stop," said Dev Anand, 67, who has lived on the lane for 30 years."""

COUNCIL_TAX = """Council tax to rise by 4.99% in Redmoor

Households in Redmoor will pay 4.99% more council tax from April after councillors approved the budget on Thursday night.

The rise, the highest allowed without a local referendum, will add £92 a year to the bill of a typical Band D home, taking it to £1,936.

The council said it had no choice because the cost of caring for elderly and disabled adults had grown by £11 million in two years.

Councillor Priya Shah, the cabinet member for finance, said the council had already cut £24 million from its spending since 2020. "Nobody wants to put up bills at a time like this," she said. "But the alternative was closing libraries and children's centres, and we were not prepared to do that."

The budget was passed by 34 votes to 21 after a debate lasting nearly four hours.

Opposition leader Tom Breck said the council had wasted money on consultants and a new headquarters. His group's amendment, which would have limited the rise to 2.99%, was defeated.

The council will also charge £45 a year for collecting garden waste, up from £38.

About 1,200 households on low incomes will get help with their bills through a £500,000 hardship fund."""


@pytest.mark.parametrize(
    ("question", "story", "span"),
    [
        # A share answers how much a tax goes up; a sum alone answers what it costs.
        ("How much will council tax go up?", COUNCIL_TAX, "4.99%"),
        # A debate lasts: a time, not a length.
        ("How long was the debate?", COUNCIL_TAX, "nearly four hours"),
        # "How big is the fund?" asks a sum of money, not the households it helps.
        ("How big is the hardship fund?", COUNCIL_TAX, "£500,000"),
        # The cause a sentence names, not the sentence that tells the derailment.
        ("What caused the derailment?", DERAILMENT, "a broken rail"),
        # The count, not "About 30 passenger" cut before the counted word.
        ("How many services use the line?", DERAILMENT, "About 30"),
        # An apposition that opens on a company's name: "Network Rail's route director".
        ("Who is Karen Oduya?", DERAILMENT, "Network Rail's route director"),
        # "They said ..." after a sentence about investigators: the investigators said it.
        (
            "Who said a broken rail was the most likely cause?",
            DERAILMENT,
            "Investigators from the Rail Accident Investigation Branch",
        ),
    ],
)
def test_a_derailment_and_a_tax_rise_read_as_a_reader_asks(
    question: str, story: str, span: str
) -> None:
    got = answer(question, clean_text(story))
    assert got is not None
    assert got.span == span


MOOR_FIRE = """Hundreds evacuated as moorland fire spreads

About 600 people were moved from their homes on Saturday as a moorland fire spread towards the village of Calder Edge, fanned by strong easterly winds.

The fire started on Friday afternoon on Hallow Moor and had burned across about eight square kilometres by Saturday evening, West Pennine Fire and Rescue Service said.

More than 70 firefighters and two helicopters were tackling the blaze. Farmers used tractors to cut firebreaks through the heather.

Station manager Lewis Carr said crews had stopped the flames about 400 metres from the nearest houses. "We have made good progress overnight, but the wind is the thing we cannot control," he said. "If it turns, we could lose that ground in an hour."

Residents were taken to a rest centre at Calder Edge Academy, where volunteers from the Red Cross handed out food and blankets.

Police said they were treating the fire as deliberate after witnesses reported seeing two teenagers near the spot where it began. A 16-year-old boy has been arrested on suspicion of arson and released on bail.

It is the third large fire on the moor since 2018, when a blaze burned for three weeks and destroyed nesting sites for curlews and golden plovers.

Walkers have been asked to stay away from the moor until at least Wednesday."""

FOSSIL = """Schoolgirl finds fossil of giant sea reptile

A 12-year-old girl has found the fossilised jaw of a sea reptile that lived about 185 million years ago, on a beach near Whitby.

Maya Kowalski spotted the bone sticking out of a rock while walking with her father on the shore at Saltwick Bay in February.

Experts from the Yorkshire Museum identified it as part of an ichthyosaur, a dolphin-like predator that could grow to more than 10 metres long.

The jaw is 1.2 metres long and still holds 46 teeth. Dr Helen Marsh, the museum's curator of natural science, said it was one of the most complete ichthyosaur jaws found in Britain in 20 years.

"Maya did exactly the right thing," Dr Marsh said. "She photographed it, noted where it was, and called us instead of trying to dig it out herself."

It took a team of four volunteers two days to free the rock from the cliff base using hammers and chisels, working between tides.

The fossil will go on display at the museum in York from June. Maya, who wants to be a palaeontologist, has been invited to help clean the teeth.

The stretch of coast between Whitby and Robin Hood's Bay is one of the richest fossil sites in Europe, but collectors are asked not to hammer the cliffs, which are unstable."""


@pytest.mark.parametrize(
    ("question", "story", "span"),
    [
        # The time right after the asked verb, not the one of the clause joined on after it
        # ("started on Friday afternoon ... and had burned ... by Saturday evening").
        ("When did the fire start?", MOOR_FIRE, "Friday afternoon"),
        # "How close?" asks a distance.
        ("How close did the fire get to houses?", MOOR_FIRE, "about 400 metres"),
        # "until at least Wednesday": "at least Wednesday", not "least Wednesday".
        ("When can walkers go back?", MOOR_FIRE, "at least Wednesday"),
        # What he was arrested for, not what was done to him next ("and released on bail").
        ("What was he arrested for?", MOOR_FIRE, "suspicion of arson"),
        # A thing's age, not the age of the girl who found it.
        ("How old is the fossil?", FOSSIL, "about 185 million years"),
        ("How old is she?", FOSSIL, "12"),
    ],
)
def test_a_moor_fire_and_a_fossil_read_as_a_reader_asks(
    question: str, story: str, span: str
) -> None:
    got = answer(question, clean_text(story))
    assert got is not None
    assert got.span == span


RESULTS = """Harbour Foods profits fall as costs bite

Harbour Foods, the frozen fish and seafood group based in Grimsby, has reported a 28% fall in annual profits after the price of cod and haddock rose sharply.

Pre-tax profit for the year to March was £18.4 million, down from £25.6 million a year earlier. Sales rose 6% to £412 million, helped by strong demand for its ready meals.

Chief executive Sarah Okafor blamed quota cuts in the North Sea, which had pushed up the price the company pays for fish by almost a third. "We chose not to pass all of that on to shoppers," she said. "It has cost us this year, but it has kept our customers."

The company employs 2,100 people at three sites in Grimsby, Hull and Peterhead. It said there were no plans to cut jobs.

Shares in Harbour Foods fell 9% to 214p in morning trading on Tuesday.

Analysts at Brennan Shaw said the results were worse than expected. "The question is whether the fish price has peaked," said Tom Lister, the firm's food analyst.

The company will pay a final dividend of 4.2p a share, unchanged from last year. It expects profits to recover next year as new contracts with two supermarkets begin in the autumn."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # "£18.4 million, down from £25.6 million a year earlier": this year's, not the fall.
        ("What were profits this year?", "£18.4 million"),
        # "Sales rose 6% to £412 million": what sales came to, and by how much they rose.
        ("How much were sales?", "£412 million"),
        ("How much did sales rise?", "6%"),
        # A reason told with "as" and a subject of five words and its verb.
        (
            "Why does it expect profits to recover?",
            "as new contracts with two supermarkets begin in the autumn",
        ),
    ],
)
def test_a_company_s_results_read_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(RESULTS))
    assert got is not None
    assert got.span == span


HOSPICE_FRAUD = """Charity treasurer jailed for hospice theft

A former charity treasurer who stole more than £160,000 from a children's hospice to pay for holidays and a sports car has been jailed for four years.

Graham Whitlock, 58, of Elm Close, Tadworth, admitted fraud by abuse of position at Guildford Crown Court in October and was sentenced on Thursday.

The court heard that Whitlock moved money from the Little Acorns Hospice's accounts into his own over a period of six years, hiding the transfers as payments to a catering firm that did not exist.

The theft came to light in March last year when a new finance manager, Priya Anand, noticed that the catering firm had no address and no phone number.

Prosecutor Daniel Reyes told the court that Whitlock had spent the money on cruises, a Porsche and his daughter's wedding.

"He was trusted completely by the people he worked alongside, and he betrayed that trust for his own comfort," Mr Reyes said.

Defending, Susan Kerr said her client had been struggling with gambling debts and was deeply ashamed.

Judge Martin Hale said the hospice had been forced to cut two nursing posts while the money was missing.

"Every pound you took was given by people who wanted to help dying children," he told Whitlock.

The hospice's chief executive, Fiona Grant, said the charity had since changed the way payments were approved, so that no single person could move money.

She said: "We are grateful to our supporters, who stood by us when we needed them most."

A hearing to recover the money under the Proceeds of Crime Act will be held in February."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # The one a stranded "from" asks for, not the person the lead goes on to name.
        ("Who did the treasurer steal from?", "a children's hospice"),
        # The noun the question names, with the word before it ("a sports" is no answer).
        ("What car did he buy?", "a sports car"),
        # What the charity changed, not the name of the one who said so.
        ("What has the hospice changed?", "the way payments were approved"),
    ],
)
def test_a_charity_fraud_read_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(HOSPICE_FRAUD))
    assert got is not None
    assert got.span == span


def test_what_happens_next_is_what_the_report_says_is_to_come() -> None:
    got = answer("What happens next?", clean_text(HOSPICE_FRAUD))
    assert got is not None
    assert got.sentence.startswith("A hearing to recover the money")


CUP_TIE = """Harlow reach fourth round for first time

Harlow Town reached the fourth round of the FA Trophy for the first time in their history after beating Dartford 3-1 in front of a record crowd of 2,814 at the Harlow Arena on Saturday.

Striker Josh Mensah scored twice in the second half after Dartford had taken an early lead through a header from captain Ryan Cole.

Mensah, who joined Harlow from Bishop's Stortford in the summer, equalised in the 52nd minute with a low shot from the edge of the area and put his side ahead with a penalty 14 minutes later.

Substitute Kieran Walsh made sure of the win in stoppage time, running clear of a tired defence to score his first goal for the club.

Dartford finished the match with ten men after defender Luke Barnes was sent off for a second booking in the 70th minute.

Harlow manager Dean Foster said he was proud of how his players had responded to going behind.

"At half-time I told them to keep the ball and be patient, and they did exactly that," he said.

"The crowd was unbelievable. I've been at this club for eleven years and I've never heard noise like it."

Dartford boss Steve Ingram said the sending-off had changed the game, but admitted his side had been second best after the break.

The draw for the fourth round will take place on Monday, and the winners will receive £9,000 in prize money.

Harlow, who play in the Isthmian League Premier Division, are eleventh in the table, three places below Dartford."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # The lead's winner, not the substitute who "made sure of the win".
        ("Who won?", "Harlow Town"),
        # A match's clock is a time.
        ("When did Mensah equalise?", "the 52nd minute"),
        # "sent off for a second booking": the deed, not the clause that tells the sending-off.
        ("Why was Barnes sent off?", "for a second booking"),
        # "scored twice" counts his goals.
        ("How many goals did Mensah score?", "twice"),
        # The role written before the name.
        ("Who is Steve Ingram?", "Dartford boss"),
        # What was done to him, said right after his name.
        ("What happened to Barnes?", "sent off for a second booking in the 70th minute"),
        # A quote paragraph with no attribution runs on from the manager's quote before it: it
        # is not the next sentence's Ingram speaking, nor a sentence the article does not say.
        ("Who said the crowd was unbelievable?", "Dean Foster"),
        ("How long has Foster been at the club?", "eleven years"),
    ],
)
def test_a_cup_tie_read_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(CUP_TIE))
    assert got is not None
    assert got.span == span


SLEEP_STUDY = """Phones in bed cost teenagers an hour of sleep

Teenagers who use their phones in bed sleep almost an hour less on school nights than those who leave them in another room, according to a study by researchers at the University of Leeds.

The team followed 1,240 pupils aged 13 to 16 at twelve secondary schools in Yorkshire for a full school year, asking them to wear wristbands that recorded when they fell asleep and woke up.

Pupils who kept a phone within reach slept for an average of seven hours and five minutes a night, compared with seven hours and 58 minutes for those whose phones were kept out of the bedroom.

The gap was largest among 15-year-olds, and girls were more affected than boys.

Lead author Dr Hannah Cole said the findings should worry parents.

"Most teenagers need between eight and ten hours of sleep, and many in our study were getting far less," she said.

She said the blue light from screens was only part of the problem, because messages arriving late at night kept pupils awake even when they were not looking at their phones.

The researchers found that pupils who slept less also scored lower in maths tests taken at the end of the year, though they said they could not prove that lack of sleep was the cause.

The study, which was paid for by the Economic and Social Research Council, is published today in the journal Sleep Health.

Dr Cole recommended that families agree a time, such as 9pm, after which phones are left to charge downstairs.

A spokesperson for the Department for Education said schools already had guidance on mobile phones and that it would consider the findings."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # A range of ages, and of hours, whole.
        ("How old were the pupils?", "13 to 16"),
        ("How much sleep do teenagers need?", "between eight and ten hours"),
        # A time in two units.
        ("How long did pupils with phones sleep?", "seven hours and five minutes"),
        # A count with a describing word between it and what it counts.
        ("How many schools were involved?", "twelve"),
        # Those the sentence says were more affected, not those they are compared with.
        ("Who was most affected?", "girls"),
        # What she recommended, whole: "such as 9pm" and "after which ..." do not end it.
        (
            "What does she recommend?",
            "families agree a time, such as 9pm, after which phones are left to charge downstairs",
        ),
    ],
)
def test_a_sleep_study_read_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(SLEEP_STUDY))
    assert got is not None
    assert got.span == span


def test_what_happened_to_them_is_not_answered_by_a_noun() -> None:
    # "the hospice had been forced to cut two nursing posts": the sentence says, "posts" does
    # not.
    got = answer("What happened to the nurses?", clean_text(HOSPICE_FRAUD))
    assert got is not None
    assert "nursing posts" in got.sentence
    assert got.span is None


NORTH_STORM = """Storm Imogen cuts power to 40,000 homes

More than 40,000 homes were left without power and dozens of flights were cancelled as Storm Imogen brought winds of up to 85mph to the north-east of Scotland on Tuesday.

The Met Office issued an amber warning for wind covering Aberdeen, Moray and the Highlands from 6am until midnight, and said gusts could reach 95mph on exposed coasts.

Scottish and Southern Electricity Networks said engineers had restored supplies to about 28,000 customers by the evening, but some people in remote areas might not be reconnected until Thursday.

Aberdeen Airport cancelled 36 flights, most of them to London and Amsterdam, and the Northlink ferry to Shetland was held in port.

A lorry driver was taken to hospital with minor injuries after his vehicle was blown over on the A90 near Stonehaven. The road was closed in both directions for five hours.

Police Scotland urged people not to travel unless it was essential.

Schools in Moray were closed for the day, affecting around 14,000 pupils.

Forecasters said the wind would ease overnight, but heavy rain is expected on Wednesday, with a yellow warning for flooding in place across the north of the country.

It is the ninth named storm of the season, and the second to hit Scotland this month."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # The phrase that says which warning, not who issued it.
        ("What warning was issued?", "an amber warning"),
        # What was done to the ferry, said after a place that goes with its name.
        ("What happened to the ferry?", "held in port"),
        # The one the sentence opens on, not the road where it happened.
        ("Who was hurt?", "A lorry driver"),
        # "urged people not to travel": what police said, and who said it (a force, not a
        # person called Scotland).
        ("What did police say?", "not to travel unless it was essential"),
        ("Who urged people not to travel?", "Police Scotland"),
        # The date, not the place before it ("the second to hit Scotland this month").
        ("When did the storm hit?", "this month"),
    ],
)
def test_a_storm_read_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(NORTH_STORM))
    assert got is not None
    assert got.span == span


def test_why_is_not_answered_by_what_the_question_is_about() -> None:
    # "Schools in Moray were closed for the day": the article gives no reason.
    got = answer("Why were schools closed?", clean_text(NORTH_STORM))
    assert got is None or got.span is None


BREWERY_SALE = """Keswick brewery sold after 140 years

The family-owned Hartley's Brewery in Keswick has been bought by the drinks group Northgate Beverages for £38 million, ending 140 years of independence.

Northgate, which already owns five breweries in England and Wales, said it would keep the Hartley's name and its 86 staff, and had no plans to move production away from the Lake District.

Chairman Robert Hartley, the great-great-grandson of the founder, said the family had agreed to sell because none of the next generation wanted to run the business.

"It was the hardest decision we have ever made, but we are leaving the brewery in good hands," he said.

The brewery makes about 9 million pints a year and supplies more than 300 pubs across Cumbria and Lancashire. Its best-known beer, Fellwalker bitter, won a gold medal at the Great British Beer Festival in 2019.

Northgate's chief executive, Amanda Price, said Hartley's would become the group's flagship brand in the north of England.

Some drinkers were less happy. Local campaigner Tom Birkett, of the Campaign for Real Ale, said he feared the recipes would be changed to cut costs.

The deal is expected to be completed by the end of March, subject to approval by the Competition and Markets Authority."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # "Northgate's chief executive, Amanda Price, said Hartley's would ...": she is who
        # spoke; what she said follows "said".
        (
            "What did Amanda Price say?",
            "Hartley's would become the group's flagship brand in the north of England",
        ),
        # "bought ... for £38 million": what they paid.
        ("How much did they pay?", "£38 million"),
    ],
)
def test_a_brewery_sale_read_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(BREWERY_SALE))
    assert got is not None
    assert got.span == span


def test_a_sum_asked_of_a_story_that_gives_only_pints_is_refused() -> None:
    # "How much profit ...?" asks for money; "about 9 million pints" is not.
    assert answer("How much profit does the brewery make?", clean_text(BREWERY_SALE)) is None


def test_what_someone_noticed_is_the_clause_after_noticed_that() -> None:
    got = answer("What did the finance manager notice?", clean_text(HOSPICE_FRAUD))
    assert got is not None
    assert got.span == "the catering firm had no address and no phone number"


HOUSING_VOTE = """450 homes approved for Wetherby fields

Plans for 450 new homes on farmland at the edge of Wetherby have been approved by Leeds City Council despite more than 1,200 objections from residents.

Councillors on the plans panel voted by six to three in favour of the scheme on Wednesday evening after a three-hour meeting.

The developer, Pennine Homes, says 35% of the houses will be affordable, and it will pay £2.4 million towards a new primary school and improvements to the A661 junction.

Residents' group Save Wetherby Fields had argued that the town's roads, doctors' surgeries and schools could not cope with hundreds more families.

Its chairwoman, Janet Oldroyd, 67, said the group was considering a legal challenge. "We are not against housing, but this is the wrong place," she said. "The traffic at school time is already dangerous."

Councillor Mark Dobson, who chairs the panel, said the city needed 3,500 new homes a year and that the site had been set aside for housing since 2019.

Building work is expected to start next spring and to take about six years.

The local MP, Alec Shelbrooke, said he was disappointed by the decision."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # "said he was disappointed ...": what he said, not the words before "said".
        ("What did the MP say?", "he was disappointed by the decision"),
        # A vote is two counts.
        ("What was the vote?", "six to three"),
        # The name beside the role, not the role.
        ("Who is building the homes?", "Pennine Homes"),
    ],
)
def test_a_housing_vote_read_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(HOUSING_VOTE))
    assert got is not None
    assert got.span == span


def test_a_count_is_not_answered_by_a_sum() -> None:
    # "35% of the houses will be affordable, and it will pay £2.4 million": no bold sum.
    got = answer("How many will be affordable?", clean_text(HOUSING_VOTE))
    assert got is not None
    assert "affordable" in got.sentence
    assert got.span != "£2.4 million"


BEN_NEVIS_RESCUE = """Walkers found safe after night lost on Ben Nevis

Two walkers who spent a night lost on Ben Nevis in freezing fog were found safe on Sunday morning by a mountain rescue team.

The men, aged 24 and 27 and both from Glasgow, had set off from the visitor centre in Glen Nevis at about 11am on Saturday but lost the path in poor visibility as they came down from the summit.

One of them called 999 at 6.40pm, and Lochaber Mountain Rescue Team sent 18 volunteers up the mountain.

Searchers used the location of the phone call to narrow the area, but thick fog and temperatures of minus six meant the search had to be paused at about 2am.

A coastguard helicopter from Inverness joined the search at first light, and the pair were spotted at 8.15am sheltering behind a boulder about 300 metres from the path.

Team leader John Stevenson said the men had done the right thing by staying where they were once they realised they were lost.

"They were cold and very tired, but they had warm clothing and a survival bag, and that probably saved them," he said.

Both men were checked by paramedics at the scene and did not need to go to hospital.

The team has been called out 97 times so far this year, its busiest year on record."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # The passive's doer, named by what it is.
        ("Who found them?", "a mountain rescue team"),
        # The people the lead opens on, not the mountain ("Ben Nevis" after "on" is a place).
        ("Who was rescued?", "Two walkers"),
        # What "meant" the search had to be paused.
        ("Why was the search paused?", "thick fog and temperatures of minus six"),
        # "stopped" for "paused".
        ("What time was the search stopped?", "2am"),
    ],
)
def test_a_mountain_rescue_read_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(BEN_NEVIS_RESCUE))
    assert got is not None
    assert got.span == span


def test_when_is_not_answered_by_a_count_of_times() -> None:
    # "called out 97 times so far this year" is no answer to when they called for help.
    got = answer("When did they call for help?", clean_text(BEN_NEVIS_RESCUE))
    assert got is None or got.span != "97 times so far"


COLD_SNAP = """Walkers warned after a cold snap on the fells

Mountain rescue teams have warned walkers to take care after a cold snap brought snow to the Lake District fells.

Temperatures on the summit of Helvellyn fell to minus 12C overnight on Tuesday, the coldest night of the winter so far."""


def test_how_cold_is_a_temperature() -> None:
    got = answer("How cold did it get on the summit?", clean_text(COLD_SNAP))
    assert got is not None
    assert got.span == "minus 12C"


DATA_BREACH = """Hackers stole customer details from Fenwick Energy

The personal details of about 240,000 customers of Fenwick Energy were stolen in a cyber attack, the company has admitted.

Names, home addresses, email addresses and the last four digits of bank card numbers were taken, but full card details and passwords were not, Fenwick said on Tuesday.

The breach was discovered on 14 March when an engineer noticed unusual traffic leaving one of the company's servers in Reading. It is thought the attackers had been inside the system for almost three weeks.

Chief executive Helen Marsh apologised to customers. "We are deeply sorry. We have closed the weakness the attackers used and we are contacting every customer affected," she said.

The firm has told the Information Commissioner's Office, which can fine companies up to 4% of their annual turnover for failing to protect data.

Customers are being urged to watch out for fake emails and phone calls from people pretending to be from Fenwick. The company is offering a year of free credit monitoring to everyone affected.

Security expert Dr Ravi Chandra, of the University of Surrey, said stolen details were often sold on and used in scams months later. "The danger is not over when the hole is fixed," he said.

Fenwick Energy supplies gas and electricity to 1.1 million homes across the south of England."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # The thing the passive says was stolen, without the "of" phrases that say whose (the
        # comma inside "240,000" started a clause: "000 customers of Fenwick Energy").
        ("What was stolen?", "The personal details"),
        # Found "when an engineer noticed ...": the one whose noticing found it (was "March").
        ("Who discovered the breach?", "an engineer"),
        ("Who found out?", "an engineer"),
        # The one who noticed, not "Reading" of "servers in Reading".
        ("Who noticed?", "an engineer"),
    ],
)
def test_a_data_breach_read_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(DATA_BREACH))
    assert got is not None
    assert got.span == span


AUTHOR_OBITUARY = """Dorothy Whitlam, children's author, dies aged 91

Dorothy Whitlam, the children's author best known for the Puddle Lane books, has died at her home in Ludlow. She was 91.

Her publisher, Marlow Books, said she died peacefully on Sunday after a short illness, with her family beside her.

Whitlam wrote more than 60 books over five decades. The first Puddle Lane story, about a family of otters who run a ferry on a canal, appeared in 1968 and the series went on to sell over 12 million copies in 30 languages.

Born in Wolverhampton in 1935, she trained as a primary school teacher and began writing stories for her pupils when she could not find books that made them laugh.

Her editor for 35 years, Gareth Lowe, said she had "a perfect ear for what a six-year-old finds funny". "She never talked down to children, and they loved her for it," he said.

In 2004 she was awarded an OBE for services to literature. She also gave much of her income to reading charities and helped found the Ludlow Children's Book Festival in 1992.

She is survived by her two sons, Peter and Alan, and five grandchildren. Her husband, the painter John Whitlam, died in 2011.

A funeral will be held at St Laurence's Church in Ludlow next month."""

CYCLIST_CRASH = """Driver jailed for crash that killed cyclist

A van driver who was looking at his phone when he hit and killed a cyclist has been jailed for six years.

Darren Pike, 34, of Mansfield, admitted causing death by dangerous driving at Nottingham Crown Court on Friday.

The court heard Pike was scrolling through a video app when his van drifted across the A60 near Ravenshead in May last year and struck Anna Kowal, 28, from behind. She died at the scene.

Prosecutor Sian Edwards said phone records showed Pike had used the app for 11 minutes of his 15-minute journey. "He chose to watch videos rather than the road," she told the court.

Defending him, barrister Michael Grant said Pike was "devastated" and had not driven since the crash.

Judge Caroline Ashby told Pike that Ms Kowal, a nurse at Queen's Medical Centre, had been "doing nothing wrong". She also banned him from driving for eight years after his release.

In a statement read outside court, Ms Kowal's parents said their daughter had cycled to work every day for five years. "No sentence will bring Anna back, but we hope it makes people put their phones away," they said."""


@pytest.mark.parametrize(
    ("story", "question", "not_bold"),
    [
        # The painter her husband was, and the year he died, are no place she died in.
        (AUTHOR_OBITUARY, "Where did she die?", {"John Whitlam", "2011"}),
        # "Pike" is the driver ("Darren Pike, 34,"), not where the crash was.
        (CYCLIST_CRASH, "Where did the crash happen?", {"Pike"}),
    ],
)
def test_where_is_not_answered_by_a_person_or_a_year(
    story: str, question: str, not_bold: set[str]
) -> None:
    got = answer(question, clean_text(story))
    assert got is None or got.span not in not_bold


MILL_PAINTING = """Old mill painting sold

A painting of the old mill at Ashby by a local artist has been sold at auction.

He learned that the painting was about to be thrown away in 1998 and negotiated a deal to buy it for £20.

It was sold on Friday for £40,000."""


@pytest.mark.parametrize("question", ["Who bought the painting?", "Who sold it?"])
def test_who_is_not_answered_by_a_sum_or_a_day(question: str) -> None:
    # The sentences name no one who bought or sold it: "£20" and "Friday" are nobody.
    got = answer(question, clean_text(MILL_PAINTING))
    assert got is None or got.span is None


RED_PANDA = """Escaped red panda found in garden after three days

A red panda that escaped from Hazelbrook Zoo has been found safe in a garden two miles away.

Keepers said Mei, a two-year-old female, slipped out of her enclosure on Saturday morning after a storm brought down a tree branch across the fence.

She was spotted on Tuesday by Linda Cole, 72, who saw what she thought was "a very large ginger cat" sitting on her shed roof in the village of Orton.

"I made a cup of tea and looked again, and realised cats don't have stripy tails," Mrs Cole said. She called the zoo, and keepers arrived within 20 minutes.

Head keeper Sam Otieno said Mei was tempted down with grapes, her favourite food, and was back in her enclosure by lunchtime. A vet found she had lost a little weight but was otherwise healthy.

The zoo said it had cut back trees near all its enclosures and would check fences every morning.

Red pandas are native to the forests of the Himalayas and are listed as endangered, with fewer than 10,000 thought to remain in the wild."""


@pytest.mark.parametrize(
    ("story", "question", "span"),
    [
        # An obituary's "She was 91." after the lead.
        (AUTHOR_OBITUARY, "How old was she?", "91"),
        # "Mei, a two-year-old female": the age written in words.
        (RED_PANDA, "How old is Mei?", "two"),
    ],
)
def test_ages_as_obituaries_and_zoos_write_them(story: str, question: str, span: str) -> None:
    got = answer(question, clean_text(story))
    assert got is not None
    assert got.span == span


@pytest.mark.parametrize(
    ("story", "question", "not_bold"),
    [
        # A prison term is no age.
        (CYCLIST_CRASH, "How old was the cyclist?", "six years"),
        # How many red pandas are left is no age of one.
        (RED_PANDA, "How old is the panda?", "fewer than 10,000"),
    ],
)
def test_an_age_is_not_a_prison_term_or_a_count(story: str, question: str, not_bold: str) -> None:
    got = answer(question, clean_text(story))
    assert got is None or got.span != not_bold


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # The one the relative clause is about ("A red panda that escaped from Hazelbrook
        # Zoo"), not the place after the verb.
        ("What escaped?", "A red panda"),
        # "tempted down with grapes, her favourite food,": what the words are set beside.
        ("What is her favourite food?", "grapes"),
        ("What is Mei's favourite food?", "grapes"),
        # The place right after the asked verb, not the zoo she escaped from before it.
        ("Where was she found?", "in a garden two miles away"),
        # The lead says she "has been found safe" but not by whom; the sentence that does
        # ("spotted on Tuesday by Linda Cole") answers.
        ("Who found her?", "Linda Cole"),
    ],
)
def test_a_zoo_escape_read_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(RED_PANDA))
    assert got is not None
    assert got.span == span


@pytest.mark.parametrize(
    ("story", "question", "sentence_has", "span"),
    [
        # "most famous" of "best known for".
        (AUTHOR_OBITUARY, "What was she most famous for?", "best known", "the Puddle Lane books"),
        # "plead" of "admitted": the sentence answers it, no word of it does.
        (CYCLIST_CRASH, "Did he plead guilty?", "admitted causing death", None),
        # "his lawyer" is "barrister Michael Grant": what he said, not "Defending".
        (
            CYCLIST_CRASH,
            "What did his lawyer say?",
            "barrister Michael Grant",
            'Pike was "devastated" and had not driven since the crash',
        ),
    ],
)
def test_a_reader_s_word_for_the_article_s_word(
    story: str, question: str, sentence_has: str, span: str | None
) -> None:
    got = answer(question, clean_text(story))
    assert got is not None
    assert sentence_has in got.sentence
    assert got.span == span


def test_a_named_thing_is_shown_without_the_day_after_it() -> None:
    # "at Nottingham Crown Court on Friday": the court, not its day.
    got = answer("Which court was it?", clean_text(CYCLIST_CRASH))
    assert got is not None
    assert got.span == "Nottingham Crown Court"


@pytest.mark.parametrize(
    "question", ["What is Puddle Lane about?", "What are the Puddle Lane books about?"]
)
def test_what_a_book_is_about(question: str) -> None:
    # "The first Puddle Lane story, about a family of otters ...": what it is about, from the
    # sentence that says it (the lead names the books too, but not what they are about).
    got = answer(question, clean_text(AUTHOR_OBITUARY))
    assert got is not None
    assert got.span == "a family of otters who run a ferry on a canal"


def test_who_did_he_kill_is_the_one_killed() -> None:
    # The lead's "killed a cyclist": whom the verb was done to, not the driver the next sentence
    # names ("Darren Pike").
    got = answer("Who did he kill?", clean_text(CYCLIST_CRASH))
    assert got is not None
    assert got.span == "a cyclist"


BATTERY_MAKER = """Battery maker expands

Lumen Grid, a small company, makes batteries for storing solar power in Wakefield and Leeds.

It employs 40 people."""


def test_what_a_company_makes_ends_before_where_it_makes_it() -> None:
    got = answer("What does Lumen Grid make?", clean_text(BATTERY_MAKER))
    assert got is not None
    assert got.span == "batteries for storing solar power"


def test_the_one_named_before_his_town_is_who_admitted() -> None:
    # "Darren Pike, 34, of Mansfield, admitted ...": Pike, not Mansfield.
    got = answer("Who admitted causing death by dangerous driving?", clean_text(CYCLIST_CRASH))
    assert got is not None
    assert got.span == "Darren Pike"


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # "she died peacefully on Sunday", not "Her husband, the painter John Whitlam, died in
        # 2011": "she" is Dorothy Whitlam, not any Whitlam.
        ("When did she die?", "Sunday"),
        ("Where did she die?", "Ludlow"),
    ],
)
def test_she_is_the_obituary_s_subject_not_her_husband(question: str, span: str) -> None:
    got = answer(question, clean_text(AUTHOR_OBITUARY))
    assert got is not None
    assert "John Whitlam" not in got.sentence
    assert got.span == span


HOSPITAL_WAITS = """Hospital waiting list falls for first time in five years

The number of patients waiting for planned operations at Northgate Hospitals NHS Trust has fallen for the first time in five years.

Figures published on Thursday show 38,200 people were on the trust's waiting list at the end of September, down from 41,500 in March.

The trust said the fall was mainly due to a new surgical centre at Kirkby General Hospital, which opened in April and carries out about 120 hip, knee and cataract operations a week.

Patients are now waiting an average of 14 weeks for treatment, compared with 19 weeks a year ago.

Chief executive Dr Samuel Adeyemi said staff had worked "incredibly hard" to bring waits down. "There is still a long way to go, and too many people are waiting in pain," he said.

The trust has also hired 45 extra theatre staff and opened operating theatres on Saturdays.

However, waits for routine appointments with a specialist have risen, and the trust's A&E department missed its four-hour target for 29% of patients in September.

Healthwatch Northgate, which represents patients, welcomed the figures but said some people were still waiting more than a year for spinal surgery."""

SCHOOL_TURNAROUND = """Primary school rated outstanding after turnaround

A primary school in Barnsley that was rated inadequate four years ago has been judged outstanding by Ofsted.

Inspectors who visited Hoyland Common Primary in October praised its "exceptional" teaching of reading and the behaviour of its 410 pupils.

The school was placed in special measures in 2021 after inspectors found that more than half of its pupils were leaving without the reading skills they needed.

Headteacher Priya Nair, who joined in 2022, said the turnaround was the work of the whole staff. "We went back to basics. Every child reads to an adult every day, and we never let a child fall behind," she said.

Last year 87% of its 11-year-olds reached the expected standard in reading, writing and maths, compared with 61% nationally.

The report said pupils were "polite, curious and proud of their school". It said the only area to improve was attendance, which was slightly below the national average.

Parent Gemma Hollis, whose two sons attend the school, said the change had been "like night and day".

Barnsley Council said it would ask Mrs Nair to share the school's methods with other heads in the town."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # "about 120 hip, knee and cataract operations": "hip" is the first of the words that
        # describe the operations, not the unit of the count.
        ("How many operations does the centre do?", "about 120"),
        # "on Thursday show 38,200 people": the day, not the verb and the count after it.
        ("When were the figures published?", "Thursday"),
    ],
)
def test_a_hospital_report_read_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(HOSPITAL_WAITS))
    assert got is not None
    assert got.span == span


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # The school's own figure, not the national one it is "compared with" ...
        ("What percentage reached the expected standard?", "87%"),
        # ... unless the question asks for that one.
        ("What percentage of pupils reached the standard nationally?", "61%"),
    ],
)
def test_a_figure_is_not_the_one_it_is_compared_with(question: str, span: str) -> None:
    got = answer(question, clean_text(SCHOOL_TURNAROUND))
    assert got is not None
    assert got.span == span


def test_he_as_a_first_question_is_a_person_not_a_body() -> None:
    # "Northgate" is named most (the trust, Healthwatch Northgate), but no one is called that:
    # "he" is the chief executive the article shows is a person.
    got = answer("What did he say?", clean_text(HOSPITAL_WAITS))
    assert got is not None
    assert "Dr Samuel Adeyemi" in got.sentence


def test_what_was_praised_goes_on_past_a_word_in_quotes() -> None:
    # 'praised its "exceptional" teaching ...': the quoted word is part of what was praised.
    got = answer("What did inspectors praise?", clean_text(SCHOOL_TURNAROUND))
    assert got is not None
    assert got.span is not None
    assert got.span.startswith('its "exceptional" teaching of reading')


BRIDGE_CLOSURE = """Tolworth bridge to close for eight months

The Tolworth Road bridge over the River Hogsmill will close to all traffic for eight months from 6 January so that it can be rebuilt, Surrey County Council has announced.

Engineers found last year that steel beams under the 1930s bridge had rusted so badly that lorries over 7.5 tonnes had to be banned from it.

The £6.3 million project will replace the whole deck and widen the pavements. A temporary footbridge will let people on foot and on bikes keep crossing.

Drivers will be sent on a diversion of about three miles through Long Ditton, which residents there fear will bring queues to their narrow streets.

Councillor Maria Pettit, who is responsible for highways, said the work could not wait. "If we do nothing, we would have to shut the bridge for good within two years," she said.

About 14,000 vehicles cross the bridge every day. Bus route 71 will be split in two, with passengers changing buses at the footbridge.

Local shopkeeper Dev Sharma said he was worried trade would fall while the road was closed. The council said it would put up signs to tell drivers that shops were still open."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # How long it will be closed is a time, not the diversion's "about three miles".
        ("How long will it close for?", "eight months"),
        ("How long will the bridge be closed?", "eight months"),
        # How long a road is, is a distance.
        ("How long is the diversion?", "about three miles"),
    ],
)
def test_how_long_something_is_done_is_a_time(question: str, span: str) -> None:
    got = answer(question, clean_text(BRIDGE_CLOSURE))
    assert got is not None
    assert got.span == span


def test_what_will_close_is_the_subject_without_where_it_is() -> None:
    # "The Tolworth Road bridge over the River Hogsmill will close ...": the bridge, not the
    # river it crosses.
    got = answer("What will close?", clean_text(BRIDGE_CLOSURE))
    assert got is not None
    assert got.span == "The Tolworth Road bridge"


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        # Two people speak as often: "she" is the councillor the article follows with "she
        # said", "he" the shopkeeper it follows with "he was worried".
        ("What did she say?", "Maria Pettit"),
        ("What did he say?", "Dev Sharma"),
    ],
)
def test_she_and_he_as_first_questions_are_told_apart(question: str, speaker: str) -> None:
    got = answer(question, clean_text(BRIDGE_CLOSURE))
    assert got is not None
    assert speaker in got.sentence


MILL_FIRE = """Fire at Halton paper mill forces 300 workers out

Around 300 workers were evacuated from the Brennan paper mill in Halton on Tuesday morning after a fire broke out in a storage warehouse, Lancashire Fire and Rescue Service said.

Crews were called to the site on Mill Lane at 6.40am and found the warehouse, which holds bales of recycled cardboard, well alight. At its height, 12 fire engines and about 70 firefighters tackled the blaze, which sent a column of black smoke over the town.

Nobody was hurt. Station manager Paul Hendry said the fire had probably started in a forklift truck that was being charged overnight, but that an investigation would take several weeks.

"The staff did exactly what they had practised and were out within eight minutes," he said. "Without that, we could be talking about a very different morning."

Residents in nearby streets were told to keep their windows and doors shut until the smoke cleared. Halton Primary School stayed closed for the day as a precaution.

The mill, which makes packaging for supermarkets, has been in the Brennan family since 1921 and is one of the largest employers in the district. Its managing director, Claire Brennan, 47, said production would be moved to the company's second site in Preston while the damage was assessed.

"Our first thought is for our people, and every one of them is safe," she said. "We will pay everyone in full while the mill is closed."

Mayor Anna Berg, 52, who visited the site in the afternoon, praised the firefighters and said the council would help any family whose home had been affected by the smoke.

The warehouse roof collapsed shortly before noon. Firefighters expected to stay at the scene until Thursday to damp down hotspots, and Mill Lane will remain closed to traffic until then.

The Environment Agency said it was monitoring the River Lune, which runs beside the mill, after water used to fight the fire flowed into a drain."""


def test_what_a_speaker_said_starts_after_said_when_no_that_opens_it() -> None:
    # "said the fire had probably started in a forklift truck that was being charged ...": the
    # clause after "said", not what follows the truck's "that".
    got = answer("What did the station manager say?", clean_text(MILL_FIRE))
    assert got is not None
    assert got.span is not None
    assert got.span.startswith("the fire had probably started in a forklift truck")


@pytest.mark.parametrize(
    "question",
    ["How much damage was done?", "How many managers were there?"],
)
def test_a_persons_age_answers_no_other_how_much(question: str) -> None:
    # "Its managing director, Claire Brennan, 47, said ...": 47 is her age, no amount.
    got = answer(question, clean_text(MILL_FIRE))
    assert got is None or got.span != "47"


def test_how_old_still_finds_the_age_after_a_name() -> None:
    got = answer("How old is Claire Brennan?", clean_text(MILL_FIRE))
    assert got is not None
    assert got.span == "47"


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # "were out within eight minutes": the measure, not the words of the clause before it.
        ("How quickly did staff get out?", "within eight minutes"),
        # No duration, but until when: "to stay at the scene until Thursday".
        ("How long will firefighters stay?", "until Thursday"),
    ],
)
def test_how_quickly_and_how_long_are_a_measure_or_an_end(question: str, span: str) -> None:
    got = answer(question, clean_text(MILL_FIRE))
    assert got is not None
    assert got.span == span


def test_a_precaution_is_the_reason_given() -> None:
    # "Halton Primary School stayed closed for the day as a precaution."
    got = answer("Why was the school closed?", clean_text(MILL_FIRE))
    assert got is not None
    assert got.span == "as a precaution"


COUNCIL_BUDGET = """Council tax in Ashworth to rise by 4.99% as libraries face cuts

Households in Ashworth will pay 4.99% more in council tax from April after councillors approved the borough's budget on Wednesday night by 31 votes to 22.

The rise adds £96 a year to the bill for a typical Band D home, taking it to £2,020. Ashworth Borough Council said it needed to close a gap of £14.5 million, mostly because the cost of care for older people and children had grown far faster than its income.

Council leader Sandra Okoye said no one on the council had wanted to raise bills. "We have protected the services that keep the most vulnerable people safe, and that meant hard choices everywhere else," she said.

Three of the borough's nine libraries, in Kirkby Green, Dunmore and Castle Street, will close in September unless volunteers agree to run them. Opening hours at the others will be cut from 50 to 40 hours a week.

Opposition leader Tom Haskins, whose Liberal Democrat group voted against the budget, called the library closures "a false economy" and said the council should have sold its unused office block on Market Street instead.

The council will also raise parking charges in its town-centre car parks by 20p an hour, which it expects to bring in £800,000 a year. Bin collections will stay weekly.

Around 140 jobs will go over the next two years, most of them through early retirement and by not filling vacancies, according to the budget papers. Unison, the union that represents most council staff, said it would ballot its members on strike action if anyone was forced out.

Residents had been asked for their views in a survey last autumn, which drew 6,300 replies. Most said they would accept a higher bill to keep social care and bin collections as they are."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # "approved the borough's budget ... by 31 votes to 22": one side of the tally.
        ("How many councillors voted for it?", "31"),
        ("How many voted against?", "22"),
        # "The rise adds £96 a year ..., taking it to £2,020": the rise, not the total.
        ("How much more will a Band D home pay?", "£96"),
        ("How much will a Band D home pay?", "£2,020"),
        # "... by 20p an hour, which it expects to bring in £800,000 a year".
        ("How much money will parking bring in?", "£800,000"),
        # "will close in September unless volunteers agree to run them": the date, not the
        # condition after it.
        ("When will the libraries close?", "September"),
        # "Opposition leader Tom Haskins, whose ... group voted against": what he is.
        ("Who is Tom Haskins?", "Opposition leader"),
    ],
)
def test_a_budget_story_answers_the_part_asked(question: str, span: str) -> None:
    got = answer(question, clean_text(COUNCIL_BUDGET))
    assert got is not None
    assert got.span == span


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # Whose leader is asked: Unison's words, not Opposition leader Tom Haskins's.
        ("What did Unison's leader say?", "ballot its members"),
        ("What did the council's leader say?", "no one on the council had wanted"),
        # "Tom Haskins, whose Liberal Democrat group voted against ..., called the closures":
        # he speaks, not the group named in the clause about him.
        ("What did Tom Haskins say?", "a false economy"),
    ],
)
def test_whose_leader_is_asked_picks_the_speaker(question: str, said: str) -> None:
    got = answer(question, clean_text(COUNCIL_BUDGET))
    assert got is not None
    assert got.span is not None and said in got.span


def test_who_says_a_thing_happened_is_not_who_did_it() -> None:
    # "Station manager Paul Hendry said the fire had probably started in a forklift truck": the
    # sentence is shown, but no one is named as the one who started it.
    got = answer("Who started the fire?", clean_text(MILL_FIRE))
    assert got is not None
    assert "forklift truck" in got.sentence
    assert got.span is None
    said = answer("Who said the fire started in a forklift truck?", clean_text(MILL_FIRE))
    assert said is not None and said.span == "Paul Hendry"


def test_who_called_it_so_is_the_speaker_not_a_name_in_a_clause_about_them() -> None:
    got = answer("Who called the library closures a false economy?", clean_text(COUNCIL_BUDGET))
    assert got is not None
    assert got.span == "Tom Haskins"


AIRPORT_STRIKE = """Security staff at Eastport Airport to strike over pay

Security staff at Eastport Airport will walk out for four days at the start of the summer holidays in a dispute over pay, the Unite union has announced.

About 450 workers, who screen passengers and bags, will strike from 24 July to 27 July. The union warned that the action would cause "severe delays and disruption" on some of the busiest days of the year.

Unite said its members had been offered a pay rise of 4%, which it called a real-terms cut when prices were still rising quickly. In a ballot, 91% of those who voted backed strike action, on a turnout of 76%.

"Our members keep passengers safe, and they are being asked to do it for less every year," said Unite regional officer Gemma Walsh. "The airport can afford a fair offer. Its profits last year were £38 million."

An airport spokesman said the offer was "fair and generous" and that contingency plans were being drawn up to keep flights running. He urged passengers to arrive at least three hours before their flight and to check with their airline before travelling.

Eastport handled 9.2 million passengers last year, about a third of them in July and August. Travel firm Sunway, which flies from the airport to 40 destinations, said it was not yet changing any flights.

Talks between the two sides are due to resume at the conciliation service Acas next Tuesday. Ms Walsh said the strike could still be called off if the airport came back with a better offer."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # "will walk out ... in a dispute over pay": the reason, though no "because".
        ("Why are security staff striking?", "in a dispute over pay"),
        # "offered a pay rise of 4%": a share, when the sentence gives no sum.
        ("How much is the pay offer?", "4%"),
        # "91% of those who voted backed strike action, on a turnout of 76%": the share that
        # did the asked verb; the turnout is the other.
        ("What percentage backed the strike?", "91%"),
        ("What was the turnout?", "76%"),
        # "said Unite regional officer Gemma Walsh": the role whole.
        ("Who is Gemma Walsh?", "Unite regional officer"),
        # "due to resume at the conciliation service Acas next Tuesday": the place, not when.
        ("Where will the talks take place?", "the conciliation service Acas"),
        # "About 450 workers, who screen passengers and bags, will strike from 24 July to 27
        # July": who will do it, before the clause about them; not a piece of the dates.
        ("Who will strike?", "About 450 workers"),
        ("Who is going to strike?", "About 450 workers"),
    ],
)
def test_a_strike_story_answers_the_part_asked(question: str, span: str) -> None:
    got = answer(question, clean_text(AIRPORT_STRIKE))
    assert got is not None
    assert got.span == span


def test_the_publisher_who_said_she_died_is_not_who_died() -> None:
    # "Her publisher, Marlow Books, said she died peacefully on Sunday": the question's verb is
    # only in what the publisher said (the question ends with its mark: "died?").
    got = answer("Who died?", clean_text(AUTHOR_OBITUARY))
    assert got is not None
    assert got.span != "Marlow Books"


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # "rated inadequate four years ago has been judged outstanding by Ofsted": the rating it
        # has now, not who gave it; the old one when the question asks about then.
        ("What rating did the school get?", "outstanding"),
        ("How was the school rated?", "outstanding"),
        ("How was the school rated four years ago?", "inadequate"),
    ],
)
def test_a_rating_asked_is_the_rating_given(question: str, span: str) -> None:
    got = answer(question, clean_text(SCHOOL_TURNAROUND))
    assert got is not None
    assert got.span == span


WALK_TO_SCHOOL = """Children who walk to school sleep better, study finds

Primary school children who walk or cycle to school fall asleep faster and sleep for longer than those who are driven, according to a study by researchers at the University of Northfield.

Children who walked or cycled at least three days a week slept on average 24 minutes longer on school nights, and took about 10 minutes less to fall asleep. The effect was strongest in the winter months, when the children spent less time outdoors after school.

Dr Hannah Price, who led the research, said the findings were striking because the journeys were short, most of them under a mile. "It isn't the distance that matters so much as the daylight and the routine," she said."""


def test_a_number_is_not_opened_by_average() -> None:
    got = answer("How much longer did walkers sleep?", clean_text(WALK_TO_SCHOOL))
    assert got is not None
    assert got.span == "24 minutes"


def test_after_school_is_a_time_not_a_reason() -> None:
    # "when the children spent less time outdoors after school": no "after" reason in bold.
    got = answer("Why was the effect strongest in winter?", clean_text(WALK_TO_SCHOOL))
    assert got is None or got.span != "after school"


def test_words_of_someone_the_article_never_quotes_are_not_theirs() -> None:
    # No headteacher speaks: Dr Price's words are at most the closest, never theirs in bold.
    got, closest = answer_or_closest("What did the headteachers say?", clean_text(WALK_TO_SCHOOL))
    assert got is None or got.span is None
    assert closest is not None


# Written for these tests: a ferry company stops its winter sailings to an island.
FERRY_CUTS = """Ferry operator scraps winter sailings to Inchmore

Islanders on Inchmore will lose their only winter ferry link after operator Westline Ferries said \
it would stop sailing to the island between November and March.

The company said the route had lost £1.2 million over the past three winters and that its two \
older vessels, the Corran and the Skye Rose, needed repairs costing a further £800,000.

About 340 people live on Inchmore year round. Many rely on the ferry to reach the hospital and \
secondary school in Oban, a 50-minute crossing away.

Community council chairwoman Helen Ross, 58, said the decision was "a disaster for a fragile \
community". "Without the boat in winter, older people will simply have to leave," she said.

Westline's managing director, Craig Munro, said the company had asked the Scottish Government for \
a subsidy of £400,000 a year but had been turned down. "We cannot keep running a service that \
loses money every week," he said.

The last winter sailing is due to leave Inchmore on 31 October. Summer sailings will resume in \
April."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # "Community council chairwoman Helen Ross": the role whole, its nouns too ("council").
        ("Who is Helen Ross?", "Community council chairwoman"),
        ("Who is Craig Munro?", "Westline's managing director"),
        ("How old is Helen Ross?", "58"),
        ("How much subsidy did the company ask for?", "£400,000"),
        ("When will the last sailing leave?", "31 October"),
    ],
)
def test_a_ferry_story_answers_as_a_reader_asks(question: str, span: str) -> None:
    got = answer(question, clean_text(FERRY_CUTS))
    assert got is not None and got.span == span


# Written for these tests: a landlord fined, the prosecutor's and the defence's words.
LANDLORD_FINED = """Landlord fined £18,000 over unsafe flats

A landlord who rented out flats with broken fire alarms and no safe exit has been fined £18,000 \
by magistrates in Redcastle.

Martin Greaves, 61, of Hill Road, admitted six breaches of housing safety rules at two buildings \
on Station Street, where 14 tenants lived, including three young children.

Prosecuting for the council, Sarah Okafor said Greaves had "put profit before the lives of his \
tenants". She told the court he had ignored four letters asking him to carry out repairs.

Greaves's solicitor, Daniel Pryce, said his client had been unwell and had left the buildings to \
a letting agent, who had since gone out of business. "He accepts that he let his tenants down," \
Mr Pryce said.

As well as the fine, Greaves was ordered to pay £4,500 in costs."""


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # "Sarah Okafor said Greaves had ...": she said it; Greaves is whom it is about.
        ("Who said Greaves put profit before the lives of his tenants?", "Sarah Okafor"),
        # "Greaves's solicitor, Daniel Pryce, said ...": his words, found by the role the article
        # puts before his name, not the prosecutor's words about Greaves.
        (
            "What did Greaves's solicitor say?",
            "his client had been unwell and had left the buildings to a letting agent, who had "
            "since gone out of business",
        ),
        ("How much must he pay in costs?", "£4,500"),
    ],
)
def test_a_court_story_gives_each_speaker_their_own_words(question: str, span: str) -> None:
    got = answer(question, clean_text(LANDLORD_FINED))
    assert got is not None and got.span == span


# Written for these tests: a rare beetle found in a cemetery.
CEMETERY_BEETLE = """Rare beetle found in city cemetery

A beetle not seen in Britain for more than 60 years has been found living in a cemetery in the \
middle of Norbury, ecologists said on Wednesday.

The violet click beetle, which lives only in the rotting hearts of very old trees, was spotted by \
volunteer Amrit Gill during a survey of the cemetery's ancient beech trees in June.

Dr Owen Hart, who leads the trust's insect team, said the cemetery's trees were probably more \
than 300 years old and had never been cut back.

The council, which owns the cemetery, had planned to fell six of the trees this winter because of \
safety concerns. It has now paused the work while it seeks advice."""


def test_felled_is_read_as_fell() -> None:
    # "How many trees will be felled?" meets "planned to fell six of the trees" (it was refused:
    # the best sentence had been Dr Hart's, about the trees' age).
    got = answer("How many trees will be felled?", clean_text(CEMETERY_BEETLE))
    assert got is not None and got.span == "six"


def test_a_place_is_no_answer_to_who() -> None:
    # "found living in a cemetery in the middle of Norbury": Norbury is where, not who; no
    # place is shown in bold as the one who found it.
    got = answer("Who found the beetle?", clean_text(CEMETERY_BEETLE))
    assert got is None or got.span not in ("Norbury", "Britain")
    sentence = "It was found in a cemetery in the middle of Norbury on Wednesday."
    assert [n.kind for n in spans.names(sentence) if n.text == "Norbury"] == ["place"]
