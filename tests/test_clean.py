"""Cleaning pasted pages: the story stays, the page furniture goes, metadata is recovered."""

from __future__ import annotations

import pytest

from bot.brief import brief
from bot.clean import clean_text
from bot.errors import EmptyText
from tests import pages
from tests.builders import blog_page, pasted_page

FURNITURE = [
    "Search",
    "Submit",
    "AP Photo",
    "Latest World News",
    "Storm leaves thousands",
    "Rail strike ends",
    "contributed",
    "Copyright",
    "All Rights Reserved",
    "Privacy Policy",
    "Terms of Use",
    "Share",
    "By MARTIN",
]


def test_news_agency_page_keeps_only_the_story() -> None:
    article = clean_text(pasted_page())
    body = article.text
    for piece in FURNITURE:
        assert piece not in body, piece
    assert article.sentences[0].startswith("A temporary flood barrier held back")
    assert (
        article.sentences[-1]
        == '"We cannot count on borrowing a wall every time it rains," he said.'
    )


def test_news_agency_page_metadata() -> None:
    article = clean_text(pasted_page())
    assert article.title == "Flood barrier holds as river crests in Lyon, sparing old town"
    assert article.place == "Lyon, France"
    assert article.source == "AP"
    assert article.byline == "Martin Okafor and Lena Brandt"
    assert article.date is not None and "March 4, 2026" in article.date


def test_abbreviations_and_quotes_stay_whole() -> None:
    sentences = clean_text(pasted_page()).sentences
    assert (
        '"We were watching every centimeter," said Maj. Gen. Ana Ruiz, who commanded the 1,200 soldiers sent to the city.'
        in sentences
    )
    assert any(s.startswith("The U.N. weather agency said") for s in sentences)
    assert (
        "A U.S. study published in January found similar trends across western Europe." in sentences
    )
    assert any("6.8 meters (22 feet) shortly after 11 p.m., according to" in s for s in sentences)


def test_other_site_furniture() -> None:
    article = clean_text(blog_page())
    body = article.text
    for piece in [
        "Skip to content",
        "Read more",
        "Sign up",
        "newsletter",
        "142",
        "Tweet",
        "Most Read",
        "Related",
        "Cookie",
        "©",
        "5 min read",
        "Home /",
    ]:
        assert piece not in body, piece
    assert article.title == "Divers map a lost reef off the Azores"
    assert article.byline is not None and article.byline.startswith("Jonas Ferreira")
    assert article.date is not None and "7:42 PM" in article.date
    assert len(article.sentences) == 7


def test_hard_wrapped_lines_are_joined() -> None:
    text = (
        "This is a paragraph that an email client wrapped at about seventy\n"
        "characters, so each line stops in the middle of the sentence, as old\n"
        "clients still do to this day.\n\nA second paragraph follows it."
    )
    assert clean_text(text).sentences[0].endswith("as old clients still do to this day.")


@pytest.mark.parametrize("text", ["", "   \n\t  ", "\u200b\u200b", "Share\nPrivacy Policy\n"])
def test_nothing_usable_raises_empty_text(text: str) -> None:
    with pytest.raises(EmptyText):
        clean_text(text)


def test_control_characters_do_not_survive() -> None:
    article = clean_text("The mayor\x00 spoke\x07 on Monday about the new bridge and its cost.")
    assert article.sentences == ["The mayor spoke on Monday about the new bridge and its cost."]


# -- whole pasted pages: the story, its headline, and none of the page around it --------------


def test_pasted_page_keeps_the_story_and_only_the_story() -> None:
    article = clean_text(pages.CONSENT_PAGE)
    body = " ".join(article.sentences)
    for line in pages.PASTED_FURNITURE:
        assert line not in body, line
    assert pages.PASTED_STANDFIRST not in body  # a standfirst is the page's, not the story's
    assert article.extra.get("standfirst") == pages.PASTED_STANDFIRST
    for paragraph in pages.PASTED_STORY:
        assert paragraph.split(". ")[0] in body, paragraph
    assert article.sentences[0].startswith("Volunteers counted 4,180 grey seals")


def test_pasted_page_headline_and_byline() -> None:
    article = clean_text(pages.CONSENT_PAGE)
    assert article.title == pages.PASTED_STORY_TITLE
    assert article.byline == "Priya Natarajan"
    assert article.date is not None and "Nov 10, 2025" in article.date


def test_brief_of_a_pasted_page_opens_with_the_story() -> None:
    chosen = brief(clean_text(pages.CONSENT_PAGE), sentences=3)
    assert chosen[0].startswith("Volunteers counted 4,180 grey seals")
    story = " ".join(pages.PASTED_STORY)
    assert all(sentence in story for sentence in chosen), chosen


def test_search_box_label_is_never_the_title() -> None:
    article = clean_text(pages.AGENCY_PAGE)
    assert article.title == pages.AGENCY_TITLE
    assert article.place == "Bergen, Norway" and article.source == "AP"
    assert article.byline == "Oda Nilsen"
    assert article.sentences[0].startswith("Workers and owners of the Lunde paper mill")
    assert "Search" not in article.text


def test_text_without_a_headline_is_titled_by_its_first_sentence() -> None:
    article = clean_text(pages.NO_HEADLINE_TEXT)
    assert article.title == "The village hall in Ostby will stay open through the winter after…"
    short = clean_text("Harbour board approves new breakwater at the north entrance today.")
    assert short.title == "Harbour board approves new breakwater at the north entrance today"


@pytest.mark.parametrize(
    "line",
    [
        "Our website uses cookies to improve its performance and enhance your user experience.",
        "I agree to the processing of my personal data for the purpose of creating an account.",
        "Your privacy is important to us.",
        "Quotes delayed at least 15 minutes.",
        "All market data delayed 20 minutes.",
        "Something went wrong with the connection!",
        "This site is supported by its audience.",
        "Sign up for our newsletter to get the latest stories first.",
        "Jonas Weber is a senior correspondent for the Courier.",
    ],
)
def test_notices_inside_a_story_are_dropped(line: str) -> None:
    paragraphs = list(pages.PASTED_STORY)
    paragraphs.insert(2, line)
    article = clean_text("\n\n".join(paragraphs))
    assert line not in article.text
    assert len(article.sentences) >= 8


def test_a_caption_above_its_credit_is_not_story() -> None:
    caption = "The old ferry leaves the harbor for the last time on a grey morning."
    text = "\n".join(
        [pages.PASTED_STORY[0], caption, "Anna Holm/The Harbor Daily", *pages.PASTED_STORY[1:]]
    )
    article = clean_text(text)
    assert caption not in article.text
    assert article.sentences[-1].endswith("to shed their fur.")


def test_a_sentence_printed_twice_is_a_caption_or_teaser_not_story() -> None:
    teaser = "Seals are back on the banks, and the fishermen are not happy about it."
    text = "\n\n".join([teaser, *pages.PASTED_STORY, teaser])
    assert teaser not in clean_text(text).text


def test_blog_meta_line_under_the_headline_is_not_story() -> None:
    text = "\n".join(
        [
            "Blog - Latest News",
            "[Seal survey] More photos from our volunteers!",
            "November 12, 2025/0 Comments/in Coast News /by webeditor",
            *pages.PASTED_STORY,
        ]
    )
    article = clean_text(text)
    assert article.title == "[Seal survey] More photos from our volunteers!"
    assert article.sentences[0].startswith("Volunteers counted 4,180 grey seals")
    assert "Comments" not in article.text


def test_paragraph_ending_in_a_spaced_closing_quote_is_kept_with_the_rest() -> None:
    text = (
        "The club confirmed the new fixture list on Monday after weeks of talks with the league.\n\n"
        "Ray Dunne warned the schedule was full. ' Nobody can play four finals in a month. '\n\n"
        "The players will return to training on Thursday, the club said in a statement.\n\n"
        "Tickets for the first match go on sale next week."
    )
    sentences = clean_text(text).sentences
    assert any("Nobody can play four finals" in s for s in sentences)
    assert sentences[-1] == "Tickets for the first match go on sale next week."


def test_a_paragraph_about_a_video_app_is_story_not_a_caption() -> None:
    # "The video ..." opened a caption rule: the paragraph that carries the story was dropped.
    article = clean_text(
        "Regulators in Varn opened an inquiry into two social apps on Tuesday.\n\n"
        "The video app Flicker said on Monday that it had 12 million users in the country, "
        "twice as many as two years ago.\n\n"
        "The photo shows the app's office in Varn.\n\n"
        "The inquiry is expected to take a year, the regulator said."
    )
    text = " ".join(article.sentences)
    assert "12 million users" in text
    assert "The photo shows" not in text
