"""The service's ways in and out: short texts, /tldr, inline search, export, PDFs, feed filters
and OPML — on a real SQLite file and a real HTTP server on loopback."""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.errors import BlockedAddress, NoArticle, NotFound, UsageError
from bot.intent import Intent, classify
from bot.opml import OpmlFeed, parse_opml
from bot.service import MAX_FEEDS, Service
from bot.settings import Settings
from tests.pages import PageServer
from tests.pdfmaker import make_pdf, text_pages, wrap

# Written for these tests.
HARBOUR = (
    "Harbour wall to be rebuilt after winter storms\n\n"
    "The harbour council voted on Tuesday to rebuild the old sea wall after two storms broke "
    "through it in one winter. Engineers say the new wall will stand two metres higher than the "
    "old one. Work will start in September and take three years. The council will pay for it "
    "with a loan of eleven million pounds. Fishermen asked for the works to stop during the "
    "summer season. The mayor, Ruth Ellison, said the council would meet them next month."
)
ORCHARD = (
    "Village orchard saved by volunteers\n\n"
    "Volunteers in Ashby planted forty young apple trees on Sunday to replace those lost to "
    "disease. The orchard is more than a century old and belongs to the parish. A local "
    "nursery gave the trees for free. Children from the village school will help pick the "
    "first apples in three years. The parish says the orchard will stay open to walkers."
)
SHORT = "The bridge on Mill Lane will close for repairs from Monday. Buses will use Station Road."


@pytest.fixture
def svc(tmp_path: Path) -> Iterator[Service]:
    service = Service.open(Settings(db_path=str(tmp_path / "ways.db"), allow_private_urls=True))
    yield service
    service.close()


# ---- short texts and the one-line TL;DR -----------------------------------------------------


async def test_a_text_as_short_as_its_brief_is_kept_whole_and_still_answers(svc: Service) -> None:
    b = await svc.add_text(5, SHORT + " Drivers are asked to use the ring road instead.")
    assert b.already_short
    assert b.sentences == b.article.sentences  # shown as it is, all of it, in order
    reply = await svc.ask(5, "Which road will buses use?")
    assert reply.answer is not None and "Station Road" in reply.answer.sentence
    long = await svc.add_text(5, HARBOUR)
    assert not long.already_short and len(long.sentences) == 3


async def test_short_means_no_longer_than_the_chats_brief_length(svc: Service) -> None:
    await svc.update_settings(6, sentences=6)
    b = await svc.add_text(6, ORCHARD)  # five sentences: shorter than a six-sentence brief
    assert b.already_short and len(b.sentences) == 5
    one = await svc.brief(6, sentences=1)  # asked for explicitly: obeyed
    assert not one.already_short and len(one.sentences) == 1


async def test_tldr_is_one_sentence_of_the_article(svc: Service) -> None:
    await svc.add_text(7, HARBOUR)
    t = await svc.tldr(7)
    assert t.sentence in t.article.sentences
    assert "rebuild the old sea wall" in t.sentence
    with pytest.raises(NoArticle):
        await svc.tldr(8)
    with pytest.raises(NotFound):
        await svc.tldr(8, article_id=t.article.id)  # another chat's article


# ---- inline search: the user's own private library only -------------------------------------


async def test_inline_search_finds_only_the_users_own_private_chat_articles(svc: Service) -> None:
    mine = await svc.add_text(41, HARBOUR)
    await svc.add_text(41, ORCHARD)
    await svc.add_text(-100, HARBOUR.replace("Tuesday", "Wednesday"))  # a group's copy
    await svc.add_text(42, HARBOUR.replace("Tuesday", "Thursday"))  # another user's
    found = await svc.inline_search(41, "sea wall storms")
    assert [b.article.id for b in found] == [mine.article.id]
    assert found[0].sentences == mine.sentences
    newest = await svc.inline_search(41, "")
    assert [b.article.title for b in newest] == [
        "Village orchard saved by volunteers",
        "Harbour wall to be rebuilt after winter storms",
    ]
    assert await svc.inline_search(43, "sea wall") == []


# ---- export -------------------------------------------------------------------------------


async def test_export_has_every_article_with_its_brief_and_questions(svc: Service) -> None:
    await svc.add_text(9, HARBOUR)
    await svc.ask(9, "Who is the mayor?")
    await svc.ask(9, "What colour is the wall?")
    await svc.add_text(9, ORCHARD)
    (md,) = await svc.export_library(9)
    assert md.name.endswith(".md")
    text = md.data.decode()
    assert text.index("## Village orchard") < text.index("## Harbour wall")  # newest first
    assert "**Q:** Who is the mayor?" in text and "Ruth Ellison" in text
    (js,) = await svc.export_library(9, as_json=True)
    data = json.loads(js.data)
    harbour = data["articles"][1]
    assert [q["question"] for q in harbour["questions"]] == [
        "Who is the mayor?",
        "What colour is the wall?",
    ]
    assert harbour["brief"] and all(s in harbour["text"] for s in harbour["brief"])
    with pytest.raises(NoArticle):
        await svc.export_library(10)


async def test_a_large_export_is_zipped_or_split_under_the_limit(svc: Service) -> None:
    rng = random.Random(3)
    words = HARBOUR.split()
    for _ in range(30):
        rng.shuffle(words)
        await svc.add_text(11, "Harbour notes\n\n" + " ".join(words) + ".")
    files = await svc.export_library(11, as_json=True, limit=2_000)
    assert len(files) > 1 and all(len(f.data) <= 2_000 for f in files)
    count = 0
    for f in files:
        with zipfile.ZipFile(io.BytesIO(f.data)) as archive:
            count += len(json.loads(archive.read(archive.namelist()[0]))["articles"])
    assert count == 30


# ---- PDFs ---------------------------------------------------------------------------------


async def test_a_pdf_document_is_briefed_and_answered(svc: Service) -> None:
    lines = wrap(HARBOUR, 70)
    pdf = make_pdf(text_pages(lines, per_page=5, head="THE COAST GAZETTE"))
    b = await svc.add_document(12, pdf, filename="harbour.pdf", mime="application/pdf")
    assert b.article.title == "Harbour wall to be rebuilt after winter storms"
    assert not any("GAZETTE" in s for s in b.article.sentences)
    reply = await svc.ask(12, "How much is the loan?")
    assert reply.answer is not None and "eleven million pounds" in reply.answer.sentence


# ---- feed filters and OPML ----------------------------------------------------------------


def feed_xml(items: list[tuple[str, str]], title: str = "Coast News") -> str:
    """An RSS feed of (title, body) items with whole articles in them."""
    entries = "".join(
        f"<item><title>{t}</title><link>https://coast.example/{i}</link><guid>c{i}</guid>"
        f"<description><![CDATA[<p>{body}</p>]]></description></item>"
        for i, (t, body) in enumerate(items)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>'
        f"{title}</title><link>https://coast.example/</link>{entries}</channel></rss>"
    )


ITEMS = [
    ("Sea wall vote delayed", HARBOUR.split("\n\n")[1]),
    ("Orchard planting day", ORCHARD.split("\n\n")[1]),
    (
        "Cup final in the rain",
        "The football club lost the cup final in heavy rain on Saturday. The harbour team "
        "scored late but it was not enough. Fans walked home along the sea wall after the match. "
        "The club thanked the volunteers who kept the pitch open all season long.",
    ),
]


@pytest.fixture
def server() -> Iterator[PageServer]:
    with PageServer() as s:
        yield s


async def test_a_filtered_feed_keeps_only_matching_items(server: PageServer, svc: Service) -> None:
    url = server.add("/coast.xml", feed_xml(ITEMS), content_type="application/rss+xml")
    feed, created, added = await svc.follow(13, url, filters="+wall -football")
    assert created and feed.filters == "+wall -football" and added == 1
    assert [a.title for a in await svc.articles(13)] == ["Sea wall vote delayed"]
    changed = await svc.set_filter(13, "1", "+orchard*")
    assert changed.filters == "+orchard*"
    assert (await svc.feeds(13))[0].filters == "+orchard*"
    with pytest.raises(UsageError):
        await svc.set_filter(13, "1", "orchard")
    with pytest.raises(NotFound):
        await svc.set_filter(13, "2", "+x")


async def test_opml_round_trip_with_filters_and_the_feed_limit(
    server: PageServer, svc: Service, tmp_path: Path
) -> None:
    first = server.add("/a.xml", feed_xml(ITEMS[:1], "Coast A"), content_type="application/rss+xml")
    second = server.add(
        "/b.xml", feed_xml(ITEMS[1:], "Coast B"), content_type="application/rss+xml"
    )
    await svc.follow(14, first, filters="+wall")
    await svc.follow(14, second)
    exported = await svc.export_feeds(14)
    assert parse_opml(exported.data) == [
        OpmlFeed(first, "Coast A", "+wall"),
        OpmlFeed(second, "Coast B", ""),
    ]
    offer = await svc.read_opml(15, exported.data)
    assert offer.listed == 2 and len(offer.new) == 2 and offer.room == MAX_FEEDS
    report = await svc.follow_many(15, offer.new)
    assert [f.filters for f in report.followed] == ["+wall", ""]
    again = await svc.read_opml(15, exported.data)
    assert again.known == 2 and again.new == []

    strict = Service.open(Settings(db_path=str(tmp_path / "strict.db")))
    try:
        report = await strict.follow_many(16, offer.new)  # loopback: refused by the address rules
        assert report.followed == [] and len(report.failed) == 2
        assert "private" in report.failed[0][1] or "address" in report.failed[0][1]
    finally:
        strict.close()
    with pytest.raises(BlockedAddress):
        await strict_follow(tmp_path, first)


async def strict_follow(tmp_path: Path, url: str) -> None:
    strict = Service.open(Settings(db_path=str(tmp_path / "strict2.db")))
    try:
        await strict.follow(17, url)
    finally:
        strict.close()


async def test_following_from_opml_stops_at_the_per_chat_limit(
    server: PageServer, svc: Service
) -> None:
    urls = [
        server.add(
            f"/f{i}.xml", feed_xml(ITEMS[:1], f"Feed {i}"), content_type="application/rss+xml"
        )
        for i in range(MAX_FEEDS + 2)
    ]
    report = await svc.follow_many(18, [OpmlFeed(u) for u in urls])
    assert len(report.followed) == MAX_FEEDS and len(report.over_limit) == 2
    offer = await svc.read_opml(
        18,
        b"<opml><body>"
        + b"".join(b'<outline xmlUrl="%s"/>' % u.encode() for u in urls)
        + b"</body></opml>",
    )
    assert offer.room == 0 and len(offer.new) == 2


# ---- what a short message is ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        (SHORT + " Drivers should use the ring road.", Intent.ARTICLE),
        ("The bridge closes on Monday. Buses use Station Road.", Intent.SHORT),  # too few words
        (
            "Thanks, that was useful. I will read the rest of the story later on tonight at home.",
            Intent.SHORT,
        ),
        (
            "The mayor said what exactly? The council met on Tuesday to talk about the sea wall.",
            Intent.SHORT,  # asks something: answered about the current article
        ),
        (
            "Tell me more about the loan the council took out for the new wall. Who pays it back.",
            Intent.QUESTION,
        ),
    ],
)
def test_a_short_news_item_is_an_article_but_chat_is_not(text: str, intent: Intent) -> None:
    assert classify(text) is intent
