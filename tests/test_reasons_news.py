"""Reasons and manner in news articles: "why ...?" returns the reason clause, "how ...?" the
means, never a bare fragment. The articles are written for these tests."""

from __future__ import annotations

from bot import answer, reasons
from bot.questions import asks_for_several

FERRY = """A ferry company cancelled all crossings to the island on Friday.

More than 300 passengers have been stranded at the port since the start of the week, mostly because of high winds and a broken loading ramp.

The company later changed its timetable, possibly to avoid paying refunds, and said the next ferry would leave on Sunday.

The captain, a 52-year-old from Leith, reached the harbour by steering around the sandbanks."""

MUSEUM = """The city museum closed its east wing last month.

The curator's costly renovation plans cost her the job in March.

A night guard, 61, died as a result of a fall on the main staircase in 2019.

Volunteers travelled to the coast in May to collect driftwood for a new exhibit."""


def test_why_prefers_because_over_a_time_since() -> None:
    got = answer("Why have so many passengers been stranded?", FERRY)
    assert got is not None
    assert got.span == "because of high winds and a broken loading ramp"


def test_why_purpose_to_verb() -> None:
    got = answer("Why did the company change its timetable?", FERRY)
    assert got is not None
    assert got.span == "to avoid paying refunds"


def test_why_purpose_after_a_place_and_date() -> None:
    got = answer("Why did the volunteers travel to the coast?", MUSEUM)
    assert got is not None
    assert got.span == "to collect driftwood for a new exhibit"


def test_why_cause_is_the_subject() -> None:
    got = answer("Why did the curator lose her job?", MUSEUM)
    assert got is not None
    assert got.span == "The curator's costly renovation plans"


def test_how_did_she_die_gives_the_cause() -> None:
    got = answer("How did the night guard die?", MUSEUM)
    assert got is not None
    assert got.span == "as a result of a fall on the main staircase in 2019"


def test_how_gives_the_means() -> None:
    got = answer("How did the captain reach the harbour?", FERRY)
    assert got is not None
    assert got.span == "by steering around the sandbanks"


def test_how_does_x_describe_gives_the_description() -> None:
    text = (
        "A dog walker found the lost hiker near the reservoir on Sunday morning. "
        "Rescuers described him as cold, hungry and very relieved to see them, "
        "and took him to hospital for checks."
    )
    got = answer("How did the rescuers describe the hiker?", text)
    assert got is not None
    assert got.span == "cold, hungry and very relieved to see them"
    long = "She described herself as: 'tall, dark hair, green eyes, loves dogs, hates rain, no smokers'."
    # Cut short at a comma, not inside an item.
    assert reasons.clause(long, "how", "How does she describe herself?") == (
        "tall, dark hair, green eyes, loves dogs, hates rain"
    )


def test_clause_skips_time_and_verb_objects() -> None:
    assert reasons.clause("He has lived there since he was a child.", "why") is None
    assert reasons.clause("The judge ordered her to pay the money back.", "why") is None
    assert (
        reasons.clause("A judge ordered her to pay the money back after his wife sued.", "why")
        == "after his wife sued"
    )
    assert reasons.clause("Rebels killed villagers by the hundreds.", "how") is None
    # "As well as the fine" is no reason, nor is the "as" after it.
    assert (
        reasons.clause("As well as the fine, the owner was ordered to pay £4,500.", "why") is None
    )
    assert (
        reasons.clause("Sales had fallen by 12% as shoppers turned to healthier snacks.", "why")
        == "as shoppers turned to healthier snacks"
    )
    question = "Why did Sterling lose the team?"
    assert reasons.clause("Sterling's angry remarks cost him the team.", "why", question) == (
        "angry remarks"
    )


BAKERY = """A bakery in the old town won the regional prize on Saturday.

The judges praised the bakery, which sells rye loaves, almond tarts and plum cake, for its prices.

The owner said he would spend the prize money on a new oven."""


def test_what_plural_returns_the_whole_list() -> None:
    got = answer("What goods does the bakery sell?", BAKERY)
    assert got is not None
    assert got.span == "rye loaves, almond tarts and plum cake"


def test_plural_questions() -> None:
    assert asks_for_several("Which networks will show it?")
    assert asks_for_several("what else did the agent lose")
    assert not asks_for_several("What does this mean?")
    assert not asks_for_several("What is his name?")


def test_long_means_clause_does_not_end_on_a_dangling_word() -> None:
    sentence = (
        "Thieves opened the van by cutting the side panel, lifting the heavy wooden crates over "
        "the rail with a long rope, and pulling them onto a small trailer behind a second stolen "
        "van to then drive them away."
    )
    assert reasons.clause(sentence, "how") == (
        "by cutting the side panel, lifting the heavy wooden crates over the rail with a long "
        "rope, and pulling them onto a small trailer behind a second stolen van"
    )


CHOIR = """A school choir toured three cities this spring.

In every concert the youngest singer stands on a box at the front while the others sway.

The conductor was praised by the local paper."""


def test_how_without_a_means_gives_what_the_subject_does() -> None:
    got = answer("How does the youngest singer perform?", CHOIR)
    assert got is not None
    assert got.span == "stands on a box at the front"


def test_predicate_needs_an_active_question() -> None:
    sentence = "In every concert the youngest singer stands on a box at the front."
    assert reasons.predicate(sentence, "How is the youngest singer chosen?") is None


GARDEN = """Residents planted a community garden beside the station last year.

People say the garden plots are bigger than the old allotments.

According to the council, the garden lets people who usually commute all day to meet their neighbours by sharing tools and seeds.

The station car park lost ten spaces to the garden."""


def test_why_prefers_the_sentence_with_a_reason_and_stops_before_the_means() -> None:
    got = answer("Why do people plant in the garden?", GARDEN)
    assert got is not None
    assert got.span == "to meet their neighbours"


MATCH = """The home side won the cup final 2-1 on Sunday.

Their goalkeeper was sent off for two handballs during the first half, and a defender took his place.

The striker had been too nervous to take the penalty, his coach said afterwards."""


def test_why_sent_off_gives_the_deed() -> None:
    got = answer("Why was the goalkeeper sent off?", MATCH)
    assert got is not None
    assert got.span == "for two handballs"


def test_why_not_gives_the_too_clause() -> None:
    got = answer("Why didn't the striker take the penalty?", MATCH)
    assert got is not None
    assert got.span == "too nervous"


FERRY_ROUTE = """A new ferry route opened on Monday between the two islands.

The crossing takes about three and a half hours in calm weather.

The southern island lies 40 miles off the coast, and its harbour master, 58, has run the port for 12 years."""


def test_how_long_gives_a_duration_with_its_unit() -> None:
    got = answer("How long does the crossing take?", FERRY_ROUTE)
    assert got is not None
    assert got.span == "three and a half hours"


def test_how_long_is_never_a_bare_number() -> None:
    got = answer("How long has the harbour master run the port?", FERRY_ROUTE)
    assert got is not None
    assert got.span == "12 years"


def test_how_far_gives_a_distance() -> None:
    got = answer("How far is the southern island from the coast?", FERRY_ROUTE)
    assert got is not None
    assert got.span == "40 miles"


def test_a_time_after_is_not_a_reason_connective_for_ranking() -> None:
    assert not reasons.gives_reason("He was arrested after the attack on the depot.")
    assert not reasons.gives_reason("A judge ordered her to pay the money back.")
    assert reasons.gives_reason("The depot closed because of the attack.")
    assert reasons.gives_reason("He left after the row to protect his family.")


def test_an_unknown_cause_is_not_given_as_the_reason() -> None:
    # "nobody said what led to it" tells that the reason is unknown: it is not a reason clause.
    s = "The mayor did not say what led to the closure, other than that the council voted on it."
    assert reasons.clause(s, "why", "why was the pool closed?") is None
    got = answer("why was the pool closed?", s)
    assert got is None or got.span != "The mayor did not say what"
    assert reasons.clause("A burst pipe led to the closure of the pool.", "why") == "A burst pipe"


SCHEME = """The city's bike-share scheme was launched in 2019 with 400 bikes.

It was suspended for three months in 2021 after a software fault left hundreds of riders unable to return their bikes.

A courier was banned from the scheme for a year for riding a bike on the canal towpath."""


def test_why_is_the_cause_not_how_long() -> None:
    # "suspended for three months": how long, not what for. The answer was "for three months".
    got = answer("why was the scheme suspended?", SCHEME)
    assert got is not None
    assert got.span == "after a software fault left hundreds of riders unable to return their bikes"
    banned = answer("why was the courier banned?", SCHEME)
    assert banned is not None
    assert banned.span == "for riding a bike on the canal towpath"
    assert reasons.clause("He was jailed for life for the murder.", "why") == "for the murder"
    assert reasons.clause("He was banned for a year.", "why") is None


FARES = """Bus fares in Tamsford will rise next month for the first time since 2019, the council said.

A single journey in the town centre will cost 90p, up from 75p. The council spent £2.4 million on new buses last year."""


def test_a_price_in_pence_is_a_sum_of_money() -> None:
    # "90p" was read as the bare number 90, not a sum: no short answer was shown.
    got = answer("how much will a single journey cost?", FARES)
    assert got is not None
    assert got.span == "90p"


CLOSURE = """The Harwell glassworks in Tamsford will close in June after 112 years, its owner said on Thursday, blaming soaring energy bills and falling demand for bottles.

About 340 people work at the site."""


def test_a_closure_blaming_its_costs_gives_them_as_the_reason() -> None:
    # The reason was "The Harwell glassworks in Tamsford" (the sentence's subject), and the date
    # "June after 112 years".
    why = answer("why is the glassworks closing?", CLOSURE)
    assert why is not None
    assert why.span == "blaming soaring energy bills and falling demand for bottles"
    when = answer("when will the glassworks close?", CLOSURE)
    assert when is not None
    assert when.span == "June"


def test_a_reason_ends_where_a_participle_adds_what_came_after() -> None:
    text = (
        "Shelter children sleep outdoors\n\n"
        "All of the shelter's children have been sleeping in tents because of the aftershocks, "
        "followed by a second earthquake on Tuesday. The staff take turns to keep watch."
    )
    got = answer("why are the children sleeping outside?", text)
    assert got is not None
    assert got.span == "because of the aftershocks"


def test_what_did_she_order_gets_every_thing_of_the_list() -> None:
    text = (
        "Candidate stops for lunch\n\n"
        "At a roadside diner she ordered a bean stew with rice, a green salad and a pot of tea. "
        "Staff said she left a large tip."
    )
    got = answer("what did she order?", text)
    assert got is not None
    assert got.span == "a bean stew with rice, a green salad and a pot of tea"
    assert asks_for_several("what did she order?")
    assert not asks_for_several("what is the capital?")


def test_what_is_it_called_gets_the_whole_title() -> None:
    text = (
        "Photographer's new book\n\n"
        "Her photographs of grandparents on holiday are collected in a book called Sun and Salt "
        "of the North Coast. It goes on sale in June."
    )
    got = answer("what's the book called?", text)
    assert got is not None
    assert got.span == "Sun and Salt of the North Coast"


def test_why_as_a_sign_of_and_for_a_deed() -> None:
    text = (
        "Lottery winner waits\n\n"
        "She kept the winning ticket in a drawer until the new year as a quiet sign of a fresh "
        "start. Last spring her brother was fined by the council for parking his van on the "
        "village green and refused to pay."
    )
    got = answer("why did she wait until the new year?", text)
    assert got is not None
    assert got.span == "as a quiet sign of a fresh start"
    assert (
        reasons.clause(
            "The mayor threatened to sue the paper for misquoting him and demanded an apology.",
            "why",
        )
        == "for misquoting him"
    )


def test_how_did_she_end_up_there_after_a_deed() -> None:
    text = (
        "Pensioner's new home\n\n"
        "Ms Avery lost her flat in the floods and moved to a cottage by the sea after winning a "
        "year of free rent in a church raffle. She says she will never leave."
    )
    got = answer("how did ms avery end up in the cottage?", text)
    assert got is not None
    assert got.span == "after winning a year of free rent in a church raffle"
    rescue = (
        "Climber rescued\n\n"
        "The injured climber was found on a ledge after he had called his brother for help. "
        "He is recovering in hospital."
    )
    got = answer("how did the climber get help?", rescue)
    assert got is not None
    assert got.span == "after he had called his brother for help"


def test_a_reason_put_first_ends_at_its_comma() -> None:
    text = (
        "Jellyfish fossils are rare\n\n"
        "Because of their soft, watery bodies, jellyfish are seldom kept as fossils, and most "
        "finds come from fine mud. Scientists still look for them."
    )
    got = answer("Why are jellyfish fossils rare?", text)
    assert got is not None
    assert got.span == "Because of their soft, watery bodies"


BUS = """A bus company has been fined £250,000 after one of its double-deckers ran backwards down a steep hill in Marlow Vale when its brakes failed.

Northline Buses admitted breaching safety rules at Redbridge Crown Court on Thursday. Nobody was hurt, but the court heard that 31 passengers were on board."""


def test_after_one_of_them_is_a_reason_not_a_time() -> None:
    # "after one year" is a time; "after one of its double-deckers ran backwards" is what happened.
    got = answer("Why was the company fined?", BUS)
    assert got is not None and got.span is not None
    assert got.span.startswith("after one of its double-deckers ran backwards")


def test_how_fast_is_answered_by_a_speed_or_not_in_bold() -> None:
    # The article gives no speed: the closest sentence may be shown, never "£250,000" in bold.
    got = answer("How fast was the bus going?", BUS)
    assert got is None or got.span is None
    faster = BUS.replace("ran backwards", "ran backwards at 30mph")
    sped = answer("How fast was the bus going?", faster)
    assert sped is not None and sped.span == "30mph"


SCHOOL = """A village primary school that was due to close in July will stay open after parents raised £90,000 in six weeks, the county council said on Wednesday.

Hollins Green Primary, which has 46 pupils, was put on a closure list in March because the council said it could no longer afford to repair its heating and roof."""


def test_due_to_close_is_a_date_set_not_a_reason() -> None:
    # "due to close in July" says when, not why: it is never shown as the reason.
    got = answer("Why is the school staying open?", SCHOOL)
    assert got is not None and got.span is not None
    assert not got.span.startswith("due to close")
    assert got.span.startswith("after parents raised £90,000")


def test_a_sum_of_money_is_no_age() -> None:
    got = answer("How old is the school?", SCHOOL)
    assert got is None or got.span is None
