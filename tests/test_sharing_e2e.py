"""Ways in and out, end to end: the real bot process against the fake Bot API on loopback.

A PDF document briefed and answered, a short text left as it is, /tldr, /export files opened and
checked, an inline query and the chosen result, a filtered feed in a digest, an OPML round trip.
"""

from __future__ import annotations

import html
import io
import itertools
import json
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest

from tests import pages
from tests.botprocess import BotProcess
from tests.fakebotapi import FakeBotAPI
from tests.pages import PageServer
from tests.pdfmaker import make_pdf, text_pages, wrap
from tests.test_sharing import HARBOUR, ITEMS, ORCHARD, SHORT, feed_xml


@pytest.fixture(scope="module")
def server() -> Iterator[PageServer]:
    with PageServer() as s:
        yield s


_chat_ids = itertools.count(5001)


@pytest.fixture
def chat(bot: BotProcess) -> int:
    assert bot.running, f"bot process died; log:\n{bot.log_tail()}"
    return next(_chat_ids)


def visible(message: dict[str, Any]) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", message.get("text", "")))


def buttons(message: dict[str, Any]) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [b["callback_data"] for row in rows for b in row if "callback_data" in b]


def say(fake: FakeBotAPI, chat: int, text: str, *, new: int = 1) -> list[dict[str, Any]]:
    before = len(fake.bot_messages(chat))
    fake.send_text(chat, text)
    return fake.wait_for_messages(chat, before + new, timeout=30)[before:]


def press(fake: FakeBotAPI, chat: int, message: dict[str, Any], data: str) -> list[dict]:
    before = len(fake.bot_messages(chat))
    fake.press_button(chat, message["message_id"], data)
    return fake.wait_for_messages(chat, before + 1, timeout=30)[before:]


def documents(fake: FakeBotAPI, chat: int, count: int) -> list[tuple[str, bytes, str | None]]:
    return fake.wait_for(
        lambda: len(fake.bot_documents(chat)) >= count and fake.bot_documents(chat), 30
    )


def test_commands_are_published(fake: FakeBotAPI, bot: BotProcess) -> None:
    fake.wait_for(lambda: fake.commands, 20)
    names = {c["command"] for c in fake.commands}
    assert {"tldr", "export", "filter", "follow", "feeds"} <= names


def test_a_pdf_document_is_briefed_and_answered(fake: FakeBotAPI, chat: int) -> None:
    pdf = make_pdf(text_pages(wrap(HARBOUR, 70), per_page=5, head="THE COAST GAZETTE"))
    fake.send_document(chat, pdf, file_name="harbour.pdf", mime_type="application/pdf")
    (brief,) = fake.wait_for_messages(chat, 1, timeout=30)
    text = visible(brief)
    assert text.startswith("Harbour wall to be rebuilt after winter storms"), text
    assert "GAZETTE" not in text and "• " in text
    (answer,) = say(fake, chat, "How much is the loan?")
    assert "eleven million pounds" in visible(answer)


def test_a_scanned_pdf_gets_a_clear_message(fake: FakeBotAPI, chat: int) -> None:
    from tests.pdfmaker import Page

    fake.send_document(
        chat, make_pdf([Page(image_only=True)]), file_name="scan.pdf", mime_type="application/pdf"
    )
    (reply,) = fake.wait_for_messages(chat, 1, timeout=30)
    assert "scanned" in visible(reply) and "something went wrong" not in visible(reply)


def test_a_short_text_is_shown_as_it_is_and_answered(fake: FakeBotAPI, chat: int) -> None:
    text = SHORT + " Drivers should use the ring road."
    (reply,) = say(fake, chat, text)
    shown = visible(reply)
    assert "already short" in shown
    assert text in " ".join(shown.split())
    assert not any(b.startswith("len:") for b in buttons(reply))  # nothing to shorten
    (answer,) = say(fake, chat, "Which road will buses use?")
    assert "Station Road" in visible(answer)


def test_tldr_command_and_button_give_one_sentence(fake: FakeBotAPI, chat: int) -> None:
    (brief,) = say(fake, chat, HARBOUR)
    tldr_button = next(b for b in buttons(brief) if b.startswith("tldr:"))
    (pressed,) = press(fake, chat, brief, tldr_button)
    (command,) = say(fake, chat, "/tldr")
    for message in (pressed, command):
        lines = visible(message).splitlines()
        assert lines[0].startswith("TL;DR")
        assert lines[1] in HARBOUR and lines[1].count(". ") == 0  # one whole sentence
    assert visible(pressed) == visible(command)


def test_export_sends_markdown_and_json_files(fake: FakeBotAPI, chat: int) -> None:
    say(fake, chat, "/export")  # nothing saved yet: a message, not an empty file
    assert "nothing to export" in visible(fake.bot_messages(chat)[-1])
    say(fake, chat, HARBOUR)
    say(fake, chat, "Who is the mayor?")
    say(fake, chat, ORCHARD)
    fake.send_text(chat, "/export")
    ((name, data, caption),) = documents(fake, chat, 1)
    assert name.endswith(".md") and caption == "Your saved articles"
    text = data.decode("utf-8")
    assert text.index("## Village orchard saved by volunteers") < text.index("## Harbour wall")
    assert "**Q:** Who is the mayor?" in text and "Ruth Ellison" in text
    fake.send_text(chat, "/export json")
    name, data, _ = documents(fake, chat, 2)[1]
    assert name.endswith(".json")
    exported = json.loads(data)
    assert [a["title"] for a in exported["articles"]] == [
        "Village orchard saved by volunteers",
        "Harbour wall to be rebuilt after winter storms",
    ]
    assert exported["articles"][1]["questions"][0]["question"] == "Who is the mayor?"
    (usage,) = say(fake, chat, "/export everything")
    assert "Usage: /export" in visible(usage)


def test_inline_query_lists_own_articles_and_posts_the_brief(
    fake: FakeBotAPI, chat: int, server: PageServer
) -> None:
    url = server.add_html(f"/news/library-{chat}", pages.ARTICLE_HTML)
    say(fake, chat, url)  # the user's private chat: chat id == user id
    say(fake, chat, HARBOUR)
    query = fake.inline_query(chat, "library building")
    answer = fake.wait_for(lambda: fake.inline_answers(query), 30)
    assert answer["is_personal"] is True and 0 < answer["cache_time"] <= 60
    titles = [r["title"] for r in answer["results"]]
    assert titles == [pages.ARTICLE_TITLE]
    posted = fake.choose_inline_result(query, answer["results"][0]["id"], -7001, chat_type="group")
    assert posted["text"].startswith(pages.ARTICLE_TITLE)
    assert f'href="{url}"' in posted["html"]
    assert posted["text"].count("• ") >= 2
    # Someone else typing the same words sees none of this user's articles.
    other = fake.inline_query(chat + 100_000, "library building")
    assert fake.wait_for(lambda: fake.inline_answers(other), 30)["results"] == []


def test_a_filtered_feed_brings_only_matching_items_into_the_digest(
    fake: FakeBotAPI, chat: int, server: PageServer
) -> None:
    url = server.add(f"/coast-{chat}.xml", feed_xml(ITEMS), content_type="application/rss+xml")
    (followed,) = say(fake, chat, f"/follow {url} +wall -football")
    assert "+wall -football" in visible(followed)
    (listed,) = say(fake, chat, "/feeds")
    assert "filter: +wall -football" in visible(listed)
    (digest,) = say(fake, chat, "/digest")
    text = visible(digest)
    assert "Sea wall vote delayed" in text
    assert "Cup final" not in text and "Orchard planting" not in text
    (changed,) = say(fake, chat, "/filter 1 off")
    assert "no filter" in visible(changed)


def test_opml_round_trip_between_two_chats(fake: FakeBotAPI, chat: int, server: PageServer) -> None:
    first = server.add(
        f"/a-{chat}.xml", feed_xml(ITEMS[:1], "Coast A"), content_type="application/rss+xml"
    )
    second = server.add(
        f"/b-{chat}.xml", feed_xml(ITEMS[1:], "Coast B"), content_type="application/rss+xml"
    )
    say(fake, chat, f"/follow {first} +wall")
    say(fake, chat, f"/follow {second}")
    fake.send_text(chat, "/export feeds")
    ((name, opml, _),) = documents(fake, chat, 1)
    assert name.endswith(".opml") and first.encode() in opml and b'articlebotFilter="+wall"' in opml

    other = chat + 1
    fake.send_document(other, opml, file_name=name, mime_type="text/x-opml")
    (offer,) = fake.wait_for_messages(other, 1, timeout=30)
    assert "lists 2 feed(s)" in visible(offer) and "Coast A" in visible(offer)
    assert buttons(offer) == ["opml:yes", "opml:no"]
    fake.press_button(other, offer["message_id"], "opml:yes")
    report = fake.wait_for(
        lambda: next(
            (m for m in fake.bot_messages(other) if "Now following" in m.get("text", "")), None
        ),
        30,
    )
    assert "Now following 2 feed(s)" in visible(report)
    (listed,) = say(fake, other, "/feeds")
    assert "Coast A" in visible(listed) and "Coast B" in visible(listed)
    assert "filter: +wall" in visible(listed)
    # The same file again: nothing new to follow.
    fake.send_document(other, opml, file_name=name, mime_type="text/x-opml")
    again = fake.wait_for(
        lambda: next(
            (m for m in fake.bot_messages(other) if "nothing new" in m.get("text", "")), None
        ),
        30,
    )
    assert "You already follow 2" in visible(again)


def test_a_large_markdown_export_would_be_zipped(tmp_path: Any) -> None:
    """The packaging the bot uses, at Telegram's real limit, on a library just over it."""
    from bot.export import MAX_FILE_BYTES, package

    big = b"x" * (MAX_FILE_BYTES + 10)
    files = package(lambda _entries: big, [], stem="articles", ext="md")
    assert [f.name for f in files] == ["articles.zip"] and len(files[0].data) < MAX_FILE_BYTES
    with zipfile.ZipFile(io.BytesIO(files[0].data)) as archive:
        assert archive.read("articles.md") == big
