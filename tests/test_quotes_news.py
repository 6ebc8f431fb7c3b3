"""Speech in news articles: "what did X say (about Y)?" returns X's words, "who said ...?" the
speaker. The articles are written for these tests."""

from __future__ import annotations

from bot import answer, quotes

HARBOUR = """Storm damage closed the northern harbour on Tuesday.

Divers checked the sea wall overnight. An inspection found no cracks in the wall, nor any sign that the storm had moved it, harbour official Lena Brandt said.

The harbour will reopen to fishing boats on Thursday, the port authority said."""


def test_reported_clause_before_a_trailing_attribution_by_title() -> None:
    got = answer("What did the harbour official say about the wall?", HARBOUR)
    assert got is not None
    assert got.span is not None
    assert got.span.startswith("An inspection found no cracks in the wall")


FESTIVAL = """The Riverside festival closed its gates on Sunday after three days of music.

Jonas Weller, the festival's director, spoke to reporters on Friday. ``We sold every ticket in two hours. Next year we will need a bigger field,'' Weller said.

Local hotels were full for the whole weekend, the tourist office said."""


def test_a_quote_the_splitter_cut_in_two_keeps_its_speaker() -> None:
    got = answer("What did Weller say about next year?", FESTIVAL)
    assert got is not None
    assert got.span is not None
    assert "we will need a bigger field" in got.span.lower()


def test_a_quote_opened_before_its_attribution_sentence_is_his() -> None:
    got = answer("What did Weller say about the tickets?", FESTIVAL)
    assert got is not None
    assert got.span is not None
    assert got.span.startswith("We sold every ticket in two hours")


RULING = """A court has ordered the Mendel company to return $1.2 million to the Ortega family.

'This ruling returns what was taken from them,' attorney Marta Quill said in a statement. 'We will fight any appeal the company brings.'

The company said it would study the ruling before deciding on an appeal."""


def test_a_role_in_the_question_finds_the_person_the_article_titles_so() -> None:
    got = answer("What did the family's lawyer say about the ruling?", RULING)
    assert got is not None
    assert got.span == "This ruling returns what was taken from them"


def test_of_several_quotes_the_one_about_what_is_asked() -> None:
    got = answer("What did Quill say about an appeal?", RULING)
    assert got is not None
    assert got.span == "We will fight any appeal the company brings."


BRIDGE = """The Kessel bridge was closed after a lorry struck one of its supports.

Engineer Tomas Ruiz inspected the bridge on Monday. He said the bridge would reopen in May.

Mayor Ana Pell told reporters the city budget would not cover the repairs."""


def test_who_said_follows_he_to_the_engineer() -> None:
    got = answer("Who said the bridge would reopen in May?", BRIDGE)
    assert got is not None
    assert got.span == "Tomas Ruiz"


def test_told_reporters_returns_what_she_told_them() -> None:
    got = answer("What did Pell tell reporters?", BRIDGE)
    assert got is not None
    assert got.span is not None
    assert got.span.startswith("the city budget would not cover the repairs")


INQUIRY = """A man has been charged after a fire at Northgate station.

Detective Inspector Dana Holt, who leads the inquiry, said:
'We want to hear from anyone who was at the station on Friday night. '
Holt said the fire had been started deliberately."""


def test_a_colon_introduction_gives_the_quote_that_follows() -> None:
    got = answer("What did the inspector say?", INQUIRY)
    assert got is not None
    assert got.span is not None
    assert got.span.startswith("We want to hear from anyone who was at the station")


def test_a_surname_speaker_is_named_in_full() -> None:
    got = answer("Who said the fire had been started deliberately?", INQUIRY)
    assert got is not None
    assert got.span == "Dana Holt"


def test_what_was_x_called_asks_a_name_not_a_quote() -> None:
    assert quotes.say_question("What was their son called?") is None
    assert quotes.say_question("What did Kerry call the Geneva talks?") == (
        "Kerry",
        "the Geneva talks",
    )


# Lower-cased like some of the news sets, with the cleaner's spaced quote marks.
CAMERA = """A cyclist has been photographed by a mapping car for the third time this year.

Marco ferri, 34, from turin, said the car passed him on his morning ride. He told the local paper: ' i was riding home when i saw the camera car coming towards me. '

The company said it would blur his face."""


def test_a_spaced_quote_after_a_colon_in_lower_cased_text() -> None:
    got = answer("What did Ferri tell the local paper?", CAMERA)
    assert got is not None
    assert got.span is not None
    assert got.span.startswith("i was riding home when i saw the camera car")


SERIES = """A network will remake the drama ``Harbour Lights'' next year.

``We want a new audience to meet these characters,'' said Ines Moro, the network's head of drama.

Producer Karl Brandt, son of the original's creator Otto Brandt, added, ``My father wrote this story for the town where he grew up.''

The remade ``Harbour Lights'' will be filmed in the same town."""


def test_a_name_in_an_apposition_is_not_the_speaker() -> None:
    got = answer("Who said his father wrote the story for the town?", SERIES)
    assert got is not None
    assert got.span == "Karl Brandt"


def test_a_quoted_title_is_not_speech() -> None:
    said = quotes.speeches(
        [
            "``We want a new audience,'' said Ines Moro.",
            "The remade ``Harbour Lights'' will be filmed in the same town.",
        ]
    )
    assert said[0] is not None and said[0].speaker == "Ines Moro"
    assert said[1] is None


COURT = """A judge ordered the gallery to return the painting to the Varga family on Monday.

Anna Varga was delighted with the ruling, her lawyer told reporters.

``This painting has come home,'' attorney Felix Ortmann said in a statement."""


def test_her_lawyer_is_the_attorney_the_article_names() -> None:
    got = answer("Who said Anna Varga was delighted with the ruling?", COURT)
    assert got is not None
    assert got.span == "Felix Ortmann"


MATCH = """The team lost the final on Sunday after a long season.

The players were tired after the third set. ' We have to work harder, ' team captain Mary Jo Fenn said. ' We came close today and need to keep going. '

The coach, Ray Dunne, had warned that the schedule was too full. He later said: 'Nobody can play four finals in a month.'

The next match is in May."""


def test_a_spaced_quote_that_runs_on_after_its_attribution_is_hers() -> None:
    got = answer("What did the captain say about coming close?", MATCH)
    assert got is not None
    assert got.span == "We came close today and need to keep going."


def test_he_later_said_is_the_coach() -> None:
    got = answer("What did Dunne say about the finals?", MATCH)
    assert got is not None
    assert got.span == "Nobody can play four finals in a month."
    said = quotes.speeches(["Coach Ray Dunne arrived.", "He later said: ' Nobody can play. '"])
    assert said[1] is not None and said[1].speaker == "Ray Dunne"


FLOOD = """Heavy rain flooded the valley road on Monday.

Most of the stranded drivers were tourists, according to rescue leader Pia Lund.

One resident posted online: 'The road floods every spring and nobody fixes the drains.'"""


def test_according_to_gives_the_clause_before_it() -> None:
    got = answer("What did Lund say about the stranded drivers?", FLOOD)
    assert got is not None
    assert got.span == "Most of the stranded drivers were tourists"


def test_a_quote_is_the_answer_even_when_its_speaker_is_unnamed() -> None:
    got = answer("What did residents say about the road?", FLOOD)
    assert got is not None
    assert got.span == "The road floods every spring and nobody fixes the drains."


def test_a_speaker_with_an_adverb_before_the_verb_and_one_called_by_a_description() -> None:
    sentences = [
        "Priya Nair runs the only ferry to the island.",
        "Nair also said the timetable would change in June.",
        "The veteran skipper later stated that winter crossings would stop.",
    ]
    said = quotes.speeches(sentences)
    assert said[1] is not None and said[1].speaker == "Priya Nair"
    assert said[2] is not None and said[2].speaker == "Priya Nair"
    assert said[2].words == "winter crossings would stop"


TRIAL = """A former council treasurer has been jailed for four years for stealing almost £480,000, Castleford Crown Court heard.

He spent much of it on a holiday home in Portugal and a classic car, the prosecutor, Aisha Raman, told the court.

The theft came to light in March last year when a new clerk noticed that a contractor did not exist."""


def test_a_role_before_the_speakers_name_is_not_part_of_what_was_said() -> None:
    # ", the prosecutor, Aisha Raman, told the court": the answer ended in ", the prosecutor".
    got = answer("what did the prosecutor say?", TRIAL)
    assert got is not None
    assert got.span == "He spent much of it on a holiday home in Portugal and a classic car"


def test_a_which_question_is_answered_by_the_name_of_its_kind() -> None:
    # "Which court was it?" answered with the prosecutor's name, from "told the court".
    got = answer("which court was it?", TRIAL)
    assert got is not None and got.span == "Castleford Crown Court"


def test_a_date_answer_does_not_end_on_the_clause_after_it() -> None:
    # "March last year when": the "when" opens the next clause.
    got = answer("when did the theft come to light?", TRIAL)
    assert got is not None and got.span == "March last year"


CLOSING = """The Harwell glassworks will close in June, its owner Verlund Group said on Thursday.

"This is the hardest decision we have had to make," said Lena Brandt, Verlund's chief executive.

Tamsford's MP, Carol Pryce, said she had written to the business secretary."""


def test_the_boss_is_the_chief_executive() -> None:
    # "What did the boss say?" got "the article doesn't say".
    got = answer("what did the boss say?", CLOSING)
    assert got is not None
    assert got.span == "This is the hardest decision we have had to make"


# Texts as the news datasets give them: lower-cased, quote marks and apostrophes spaced out.
CLIFF = """A driver chased a passenger who ran from his taxi without paying, an inquest heard.

Cabbie Tom Harker told the inquest: ‘ I stopped because I couldn ’ t see the path in the dark. I had no idea the cliff was so close. ’

The coroner recorded a verdict of accidental death."""


def test_a_spaced_apostrophe_does_not_end_the_quote() -> None:
    got = answer("What did the cab driver tell the inquest?", CLIFF)
    assert got is not None
    assert got.span is not None
    assert got.span.startswith("I stopped because I couldn ’ t see the path in the dark")


SHELTER = """the shelter in the hills has taken in 40 children since the flood.

`` the youngest ones are the most at risk, because nobody is watching over them, `` mendes said.

the shelter is short of blankets and clean water."""


def test_lower_cased_text_closing_with_the_opening_mark() -> None:
    got = answer("what did mendes say about the children?", SHELTER)
    assert got is not None
    assert (
        got.span == "the youngest ones are the most at risk, because nobody is watching over them"
    )


ROADSIDE = """Bags of coins spilled across the road when the van's door flew open.

' Everyone was grabbing handfuls, ' he added. ' Nora vance, who stopped her car, told reporters: ' we only wanted to help pick it up. ' I will give back what I found, ' vance said.

Police asked people to hand in the coins."""


def test_a_mark_after_a_colon_opens_the_quote_after_a_stray_one() -> None:
    got = answer("what did nora vance say", ROADSIDE)
    assert got is not None
    assert got.span == "we only wanted to help pick it up."


def test_the_mark_that_closes_a_quote_also_opens_the_next() -> None:
    sentences = [
        "' Nora vance, who stopped her car, told reporters: ' we only wanted to help.",
        "' I will give back what I found, ' vance said.",
    ]
    said = quotes.speeches(sentences)
    assert said[0] is not None and said[0].words == "we only wanted to help."
    assert said[1] is not None and said[1].words == "I will give back what I found"


HEARING = """A man was sentenced on Friday for stealing from a charity shop.

During the hearing Paul Ferris, prosecuting, told the court that the defendant had taken money from the till on three occasions. Mr Ferris added: 'He showed no regard for the volunteers who run the shop.'

Anna Price, defending, said: 'He is deeply sorry for what he did to the volunteers.'

The shop reopened the next day."""


def test_prosecuting_after_a_name_makes_him_the_prosecutor() -> None:
    got = answer("What did the prosecutor say about the volunteers?", HEARING)
    assert got is not None
    assert got.span == "He showed no regard for the volunteers who run the shop."
    got = answer("What did the defence say about the volunteers?", HEARING)
    assert got is not None
    assert got.span == "He is deeply sorry for what he did to the volunteers."


MARATHONS = """A nurse from Carrowby has raised more than £48,000 for the children's ward where she works by running 12 marathons in 12 days.

Priya Anand, 34, began the challenge on 2 May in Edinburgh and finished on Saturday outside St Brenna's Hospital, where she has worked for nine years.

She said she decided to run after the ward's play room was closed because it needed a new roof. "The children deserve somewhere bright to go when they are stuck in bed for weeks," she said.

Her husband, Daniel, followed her in a camper van and cooked her pasta every night. He said the hardest day was the ninth, when she ran through heavy rain near Penrith."""


def test_she_is_the_woman_named_before_not_the_hospital_after_her() -> None:
    # "St Brenna's Hospital" is a place, not a person that "she" could mean.
    got = answer("What did Priya Anand say?", MARATHONS)
    assert got is not None and got.span is not None
    assert got.span.startswith("The children deserve somewhere bright to go")


def test_he_is_the_husband_named_by_his_relation_not_the_woman_before() -> None:
    # "Her husband, Daniel," names a man: "He said" is Daniel, though Priya Anand spoke last.
    said = answer("What did Daniel say?", MARATHONS)
    assert said is not None and said.span is not None
    assert said.span.startswith("the hardest day was the ninth")
    by_relation = answer("What did her husband say?", MARATHONS)
    assert by_relation is not None and by_relation.span == said.span
    who = answer("Who said the hardest day was the ninth?", MARATHONS)
    assert who is not None and who.span == "Daniel"
