"""Vietnamese answers: words of two or more syllables, "X là gì?" and refusals."""

from __future__ import annotations

import bot
from bot.clean import clean_text
from bot.language.text import profile

MARKET = (
    "Những khu chợ cũ thu về hai triệu đô cho thị xã nhờ bán vé.\n\n"
    "Ở đô thị mới, các sạp hàng bán hoa lan và cà phê.\n\n"
    "Hội đồng thành phố sẽ họp lại vào tháng sau để bàn về bãi đỗ xe."
)

SOFTWARE = (
    "Công ty Lửa Việt vừa ra mắt phần mềm Sông Hương cho các trường học ở miền Trung.\n\n"
    "Sông Hương là một ứng dụng quản lý điểm số do nhóm kỹ sư ở Huế viết.\n\n"
    "Bản Sông Hương mới có thêm phần nhắn tin, và giáo viên nói Sông Hương dễ dùng.\n\n"
    "Mỗi tối, phố cổ treo hàng nghìn chiếc đèn lồng (lồng đèn) dọc bờ sông.\n\n"
    "Đèn lồng ở phố cổ có nhiều màu, và mỗi chiếc đèn lồng có một tên riêng."
)


def test_adjacent_syllables_make_a_word_but_not_across_stop_words_or_commas() -> None:
    p = profile("vi")
    assert "đô thị" in p.terms("Ở khu đô thị mới")
    assert {"đô", "thị"} <= set(p.terms("hai triệu đô cho thị xã"))
    assert "đô thị" not in p.terms("hai triệu đô cho thị xã")
    assert "đô thị" not in p.terms("đô, thị")


def test_a_two_syllable_word_finds_the_sentence_that_has_it_whole() -> None:
    # The first sentence has "đô" (dollars) and "thị" (town) apart, and "bán" too; the word
    # asked about, "đô thị" (city), is only in the second.
    article = clean_text(MARKET)
    assert article.language == "vi"
    got = bot.answer("Đô thị bán những gì?", article)
    assert got is not None
    assert got.sentence.startswith("Ở đô thị mới")


def test_what_is_x_gets_the_sentence_saying_x_is() -> None:
    # The third sentence names Sông Hương twice; the second says what it is.
    article = clean_text(SOFTWARE)
    got = bot.answer("Sông Hương là gì?", article)
    assert got is not None
    assert got.sentence.startswith("Sông Hương là một ứng dụng")


def test_another_name_for_x_gets_the_sentence_naming_it_in_brackets() -> None:
    # The last sentence has "đèn lồng" twice and "tên" (name); the other name is in brackets.
    article = clean_text(SOFTWARE)
    for question in ("Tên khác của đèn lồng là gì?", "Cách gọi khác của đèn lồng là gì?"):
        got = bot.answer(question, article)
        assert got is not None, question
        assert "(lồng đèn)" in got.sentence, question


def test_a_question_the_vietnamese_article_does_not_answer_is_refused() -> None:
    article = clean_text(SOFTWARE)
    assert bot.answer("Đội bóng nào vô địch giải ngoại hạng Anh năm ngoái?", article) is None
    assert bot.answer("Ai là tổng thống đầu tiên của Brazil?", article) is None
