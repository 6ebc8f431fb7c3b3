"""Sentence splitting keeps abbreviations, initials, decimals and quotations intact."""

from __future__ import annotations

from bot.split import MAX_WORDS, split_captions, split_sentences


def test_abbreviations_initials_decimals() -> None:
    text = (
        "U.S. Secretary Dana Holt met Maj. Gen. Igor Levin at 5 p.m. Officials said the "
        "U.N. would meet again. Prices rose 3.5 percent, said J. R. Ames of St. Clair Bank."
    )
    assert split_sentences(text) == [
        "U.S. Secretary Dana Holt met Maj. Gen. Igor Levin at 5 p.m.",
        "Officials said the U.N. would meet again.",
        "Prices rose 3.5 percent, said J. R. Ames of St. Clair Bank.",
    ]


def test_quotation_with_inner_stops_stays_whole() -> None:
    text = 'She said: "We tried. It failed." Then she left the room.'
    assert split_sentences(text) == ['She said: "We tried. It failed."', "Then she left the room."]


def test_quote_marks_spaced_both_sides_still_end_a_quotation() -> None:
    # Copied news pages space their quote marks: "cyclists, ' Hale said". The splitter read the
    # closing mark as an opening one, and the rest of the paragraph as one quotation.
    text = (
        "'The hour record is a holy grail for riders, ' Hale said. Tom Hale will attempt it in "
        "June at the Harrow velodrome. He said: ' I have not decided on a gear yet. It is an "
        "honour to try. ' Hale won two Olympic titles. 'So I have to be ready. ' Hale, 35, "
        "rides for a club in Leeds. The players' union said ' no comment ' on Monday. Riders ' "
        "bikes are checked. ' It is fair, ' Hale said."
    )
    assert split_sentences(text) == [
        "'The hour record is a holy grail for riders,' Hale said.",
        "Tom Hale will attempt it in June at the Harrow velodrome.",
        "He said: 'I have not decided on a gear yet. It is an honour to try.'",
        "Hale won two Olympic titles.",
        "'So I have to be ready.'",
        "Hale, 35, rides for a club in Leeds.",
        "The players' union said 'no comment' on Monday.",
        # A plural's possessive spaced like a quote mark opens no quotation.
        "Riders' bikes are checked.",
        "'It is fair,' Hale said.",
    ]


def test_a_spaced_quote_mark_before_the_speakers_name_closes_the_quotation() -> None:
    # The page reopened the quotation without a mark ("at it. ' I like ..."), so the mark after
    # "in an hour?" looked like an opening one; before "Hale, whose ..." it closes. Read as an
    # opening one, it turned the next quotation inside out: "It will be hard, 'he added."
    text = (
        "Hale said: ' It has been fought over for a hundred years and it is time for me to have "
        "a go at it. ' I like the idea of challenging myself - so why not see how far you can go "
        "in an hour? ' Hale, whose track record includes two Olympic titles, is expected to set "
        "a mark that will last. ' It will be hard, ' he added. The current record is 52.491km."
    )
    assert split_sentences(text)[-3:] == [
        "Hale, whose track record includes two Olympic titles, is expected to set a mark that "
        "will last.",
        "'It will be hard,' he added.",
        "The current record is 52.491km.",
    ]


def test_run_on_segments_are_cut() -> None:
    text = " ".join(f"word{i}" for i in range(50_000))
    parts = split_sentences(text)
    assert len(parts) > 100
    assert all(len(p.split()) <= MAX_WORDS + 3 for p in parts)
    assert " ".join(parts).split() == text.split()


def test_empty() -> None:
    assert split_sentences("  \n ") == []


def test_caption_run_into_the_next_sentence_is_cut_there() -> None:
    text = (
        "The fire crews worked through the night to keep the flames away from the old mill "
        "and the houses along the river bank at the edge of the village of Lower Brampton "
        "on Tuesday Some of the families had already left their homes by then, taking only "
        "what they could carry in the cars and on the backs of the tractors. "
        "The report appeared in The Times the next morning and was read aloud at the meeting."
    )
    got = split_sentences(text)
    assert got[0].endswith("on Tuesday")
    assert got[1].startswith("Some of the families")
    # "in The Times" names a newspaper: no cut there.
    assert any("in The Times the next morning" in s for s in got)


def test_a_caption_ending_in_a_name_is_cut_for_answers_not_for_briefs() -> None:
    # "... at Harbour Park The visiting captain ...": a caption ending in a name, run into the
    # next sentence. Briefs keep the sentence whole; answers read the two pieces apart.
    first = (
        "Referee Tom Hale will take charge of the cup final between Rovers and Athletic at "
        "Harbour Park"
    )
    second = (
        "The visiting captain Joel Marsh was sent off during the midweek league game after a "
        "late challenge on the goalkeeper in front of the home fans"
    )
    assert split_sentences(f"{first} {second}.") == [f"{first} {second}."]
    assert split_captions(f"{first} {second}.") == [first, f"{second}."]
    # A name followed by a word that goes on naming it is no boundary.
    police = (
        "Officers from Greater Manchester Police said the van had been stolen from a yard in "
        "the town centre on Friday night and was found burnt out on a farm track the next day "
        "by a dog walker"
    )
    assert split_captions(police) == [police]


def test_short_sentences_keep_a_capitalised_word_inside() -> None:
    text = "Her favourite film is Gone With The Wind and she has seen it twice."
    assert split_sentences(text) == [text]


# A Thai news paragraph written for the project: four sentences, no sentence punctuation, a space
# between clauses and between sentences alike.
THAI_SENTENCES = [
    "กรุงเทพมหานครเปิดสวนสาธารณะแห่งใหม่ริมแม่น้ำเจ้าพระยาเมื่อวันเสาร์ที่ผ่านมา โดยมีประชาชนเข้าร่วมงานกว่าสามพันคน",
    "สวนแห่งนี้มีพื้นที่ทั้งหมดห้าสิบไร่ ซึ่งเคยเป็นโกดังเก่าของการท่าเรือ และใช้เวลาก่อสร้างนานเกือบสามปี",
    "ผู้ว่าราชการกรุงเทพมหานครกล่าวว่า เมืองจะสร้างสวนลักษณะเดียวกันอีกสองแห่งภายในปีหน้า",
    "นอกจากนี้ ผู้เข้าชมสามารถเช่าจักรยานได้ที่ประตูทางเข้าด้านทิศเหนือ ตั้งแต่เวลาหกโมงเช้าถึงสองทุ่ม",
]


def _ends(pieces: list[str]) -> set[int]:
    out, pos = set(), 0
    for p in pieces[:-1]:
        pos += len(p) + 1
        out.add(pos)
    return out


def test_thai_sentences_end_where_the_paragraphs_sentences_end() -> None:
    text = " ".join(THAI_SENTENCES)
    got = split_sentences(text, "th")
    assert " ".join(got) == text
    assert len(got) >= 3
    # Every cut is at the end of one of the paragraph's sentences, never inside one; the one
    # that starts with "นอกจากนี้" (moreover) starts a sentence of its own.
    assert _ends(got) <= _ends(THAI_SENTENCES)
    assert got[-1] == THAI_SENTENCES[-1]


def test_thai_is_not_cut_after_a_preposition_nor_before_which() -> None:
    # One sentence whose spaces follow "ใน" (in) or come before "ซึ่ง" (which): it stays whole.
    text = (
        "งานเทศกาลดนตรีประจำปีครั้งที่สิบจัดขึ้นใน สวนกลางเมืองเชียงใหม่"
        " ซึ่งมีผู้ชมจากทั่วประเทศมาร่วมงานมากกว่าห้าหมื่นคนตลอดสามวัน"
    )
    assert split_sentences(text, "th") == [text]


def test_thai_is_not_cut_after_together_with_nor_before_this() -> None:
    from bot import thai_split

    assert not thai_split.may_end("เป็นที่ตั้งของเขตเมืองที่ใหญ่ที่สุดในรัฐ พร้อมด้วย", "พื้นที่กว้างใหญ่")
    assert not thai_split.may_end("ที่เกิดขึ้นอีกครั้ง", "นี้")
    assert not thai_split.may_end("เริ่มต้นด้วยกฎบังคับใช้ร่วมกัน", "ตามด้วยข้อบังคับ")
    assert thai_split.may_end("เริ่มต้นด้วยกฎบังคับใช้ร่วมกัน", "ข้อบังคับ")


def test_thai_is_not_cut_inside_brackets_or_quotation_marks() -> None:
    from bot import thai_split

    text = "ก่อน (ภายใน สองวง) หลัง “พูด ว่า” จบ (ไม่ปิด"
    held = thai_split.enclosed(text)
    assert [held[p] for p in thai_split.spaces(text)] == [
        False,
        True,
        False,
        False,
        True,
        False,
        False,
    ]
    # Long enough to be cut anywhere else, the sentences keep the quotation whole.
    quoted = "“" + " ".join(["ราคาน้ำมันจะขึ้นอย่างแน่นอนในปีหน้าตามที่รัฐมนตรีกล่าวไว้"] * 4) + "”"
    sentences = split_sentences(" ".join([THAI_SENTENCES[0], quoted, THAI_SENTENCES[1]]), "th")
    assert any(quoted in s for s in sentences)


def test_a_long_thai_text_is_cut_into_sentence_sized_pieces() -> None:
    clauses = ["งานเทศกาลดนตรีประจำปีจัดขึ้นใน", "สวนกลางเมือง ซึ่งมีผู้ชมจำนวนมากมาร่วมงาน"] * 6
    text = " ".join(clauses)
    got = split_sentences(text, "th")
    assert " ".join(got) == text
    assert len(got) > 1
    assert all(60 <= len(s) <= 300 for s in got)


def test_a_run_without_spaces_is_cut_into_pieces_and_nothing_is_lost() -> None:
    run = "<!---->" * 30_000
    pieces = split_sentences(run)
    assert len(pieces) > 1
    assert "".join(p.replace(" ", "") for p in pieces) == run


def test_a_long_list_is_cut_after_a_comma_never_inside_a_name() -> None:
    alumni = [
        "Marta Okonkwo, who founded the river trust",
        "the poet Lionel Abara, twice shortlisted for the national prize",
        "Judge Petra Vindeln, the first woman to lead the appeals bench",
        "the engineer Tomas Erkki Halvorsen, who designed the harbour bridge",
        "Dr. Ines Marlowe Quist, known for her work on river sediment and flood maps",
        "the broadcaster Helga Sunniva Brandt, who presented the morning farm report for years",
        "the surgeon Akira Benedikt Sorensen, who led the first hand transplant in the region",
        "and the composer Yusuf Adebayo Lindqvist, whose opera opened the new hall",
    ]
    text = "Notable graduates of the college include " + ", ".join(alumni) + "."
    parts = split_sentences(text)
    assert len(parts) >= 2
    assert all(len(p.split()) <= MAX_WORDS for p in parts)
    assert " ".join(parts).split() == text.split()
    # Every cut falls after a comma: no name is torn across two sentences.
    assert all(p.endswith((",", ".")) for p in parts)
    for name in ("Tomas Erkki Halvorsen", "Ines Marlowe Quist", "Yusuf Adebayo Lindqvist"):
        assert any(name in p for p in parts)


def test_a_sentence_ending_in_the_month_may_is_split_there() -> None:
    text = "The ferry returns in May. Tickets go on sale on 2 May. The modal may. Stays."
    assert split_sentences(text) == [
        "The ferry returns in May.",
        "Tickets go on sale on 2 May.",
        "The modal may. Stays.",
    ]
