"""Links: the article's text without hover cards, promos or newsletter boxes; quiet logs; pastes
with markup in them are text."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.documents import looks_like_html
from bot.errors import NoArticleText
from bot.extract import article_from_html
from bot.service import Service
from bot.settings import Settings
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


def test_a_paste_with_a_code_sample_is_text_not_html() -> None:
    assert not looks_like_html(pages.BLOG_WITH_CODE)
    assert looks_like_html(pages.CODE_SAMPLE)  # the markup alone is still markup
    assert looks_like_html(pages.ARTICLE_HTML.split("<body>", 1)[1])  # a fragment of a page


async def test_a_blog_post_with_markup_in_it_is_briefed(tmp_path: Path) -> None:
    service = Service.open(Settings(db_path=str(tmp_path / "a.db")))
    try:
        got = await service.add_text(1, pages.BLOG_WITH_CODE)
    finally:
        service.close()
    assert got.sentences[0].startswith("Volunteers counted 4,180 grey seals")
    assert all("<" not in s for s in got.sentences)
