"""Links: the article's text without hover cards, promos or newsletter boxes; quiet logs."""

from __future__ import annotations

import logging

import pytest

from bot.errors import NoArticleText
from bot.extract import article_from_html
from tests import pages


def test_hover_cards_promos_and_newsletter_boxes_stay_out_of_the_text() -> None:
    article = article_from_html(pages.PROMO_HTML, url="https://courier.example/library")
    text = article.text
    for piece in (
        pages.HOVER_CARD_TEXT,
        "Ann Marie Lee",
        pages.ALSO_ON_TEXT,
        pages.NEWSLETTER_TEXT,
    ):
        assert piece not in text, piece
    assert "Mayor Ann Lee said it would stay open until 9 p.m. on weekdays." in text
    assert article.title == pages.ARTICLE_TITLE
    assert article.sentences[0].startswith("The town of Millbrook opened its new public library")


def test_also_on_promo_in_plain_markup_is_not_story() -> None:
    html = pages.ARTICLE_HTML.replace("</article>", f"<p>{pages.ALSO_ON_TEXT}.</p></article>")
    assert "Ferry timetable" not in article_from_html(html).text


@pytest.mark.parametrize("html", ["<<<>>>", "<html><body></body></html>", "x" * 50])
def test_extraction_errors_are_ours_not_trafilaturas(
    html: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(NoArticleText):
        article_from_html(html)
    noisy = [r for r in caplog.records if r.name.startswith("trafilatura")]
    assert noisy == []
