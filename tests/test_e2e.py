"""End to end: the real bot process (`python -m articlebot run`) against the fake Bot API.

One bot process serves the module (each test uses its own chat ids); the restart test runs its
own. Nothing here reaches the internet: links point at the loopback page server.
"""

from __future__ import annotations

import html
import importlib.resources
import itertools
import random
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import pages
from tests.botprocess import FAKE_TOKEN, BotProcess
from tests.fakebotapi import FakeBotAPI
from tests.pages import PageServer

SAMPLE_TITLE = "Flood barrier holds as river crests in Lyon, sparing old town"
FURNITURE = ("AP Photo", "Latest World News", "All Rights Reserved", "Privacy Policy")
GROUP_MENTION = "@articlebot_test_bot"
SETTLE = 1.5  # seconds to wait for replies that must NOT come (> ARTICLEBOT_MERGE_SECONDS)


# -- fixtures ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pages_server() -> Iterator[PageServer]:
    with PageServer() as server:
        yield server


_chat_ids = itertools.count(1001)


@pytest.fixture
def chat(bot: BotProcess) -> int:
    """A private chat id no other test uses (the bot is running)."""
    assert bot.running, f"bot process died; log:\n{bot.log_tail()}"
    return next(_chat_ids)


# -- helpers ----------------------------------------------------------------------------------
def sample_text() -> str:
    return importlib.resources.files("bot").joinpath("samples/pasted_page.txt").read_text("utf-8")


def visible(message: dict[str, Any]) -> str:
    """The text a user sees (HTML tags removed, entities unescaped)."""
    return html.unescape(re.sub(r"<[^>]+>", "", message.get("text", "")))


def bullets(message: dict[str, Any]) -> list[str]:
    return [ln for ln in message.get("text", "").splitlines() if ln.startswith("• ")]


def callback_data(message: dict[str, Any]) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [b["callback_data"] for row in rows for b in row if "callback_data" in b]


def article_id(brief: dict[str, Any]) -> int:
    """The article id in a brief's buttons (`who:<id>`)."""
    for data in callback_data(brief):
        if data.startswith("who:"):
            return int(data.split(":")[1])
    raise AssertionError(f"no who: button under {brief.get('text', '')[:200]!r}")


def exchange(fake: FakeBotAPI, chat_id: int, text: str, *, new: int = 1, **kw: Any) -> list[dict]:
    """Send a message, wait for `new` more bot messages in the chat, return the new ones."""
    before = len(fake.bot_messages(chat_id))
    fake.send_text(chat_id, text, **kw)
    return fake.wait_for_messages(chat_id, before + new, timeout=20)[before:]


def no_more_messages(fake: FakeBotAPI, chat_id: int, count: int) -> None:
    """After a pause, the chat still has exactly `count` bot messages."""
    time.sleep(SETTLE)
    got = fake.bot_messages(chat_id)
    assert len(got) == count, [m.get("text", "")[:120] for m in got]


def sends_to(fake: FakeBotAPI, chat_id: int) -> list[dict[str, Any]]:
    return [c.params for c in fake.calls("sendMessage") if c.params.get("chat_id") == chat_id]


def is_brief(message: dict[str, Any]) -> bool:
    return any(d.startswith("who:") for d in callback_data(message))


# Articles written for these tests (not copied news).
FERRY_ARTICLE = (
    "Ferry service to the northern islands resumed on Thursday after a storm kept boats in "
    "port for four days, the island council said. Captain Rosa Lindqvist, who has sailed the "
    "route for 22 years, took the first crossing at 7 a.m. with 140 passengers aboard. "
    "Shops on the islands had run short of fresh milk and bread by Wednesday, and a medical "
    "helicopter flew two patients to the mainland hospital. The council said it would review "
    "whether a second, larger ferry should be kept ready for the winter months."
)

TXT_ARTICLE = (
    "Orchard growers report record apple harvest\n\n"
    "Growers in the Vale of Aldermoor picked a record 58,000 tonnes of apples this autumn, the "
    "regional growers' association said on Friday. A warm spring and steady summer rain helped "
    "the trees, said association chair Helen Okoye.\n\n"
    "Prices have fallen by about a tenth as a result, and some smaller farms are turning the "
    "surplus into cider and juice. The association expects exports to Scandinavia to rise for "
    "the third year in a row."
)

MD_ARTICLE = (
    "# Council approves cycle lanes on the harbour road\n\n"
    "The city council voted **31 to 12** on Monday to build protected cycle lanes along the "
    "harbour road, ending a debate that lasted most of the year.\n\n"
    "Councillor *Daniel Mwangi*, who proposed the plan, said the lanes would open before next "
    "summer. The work will cost 3.1 million euros and close one lane to cars for six weeks.\n\n"
    "- Shop owners asked for loading bays to be kept.\n"
    "- Residents asked for more [crossings](https://example.invalid/crossings) near schools.\n"
)

GROUP_ARTICLE = (
    "Mountain rescue team marks fifty years of service\n\n"
    "The volunteer mountain rescue team in Kellerdorf celebrated its fiftieth year on Saturday "
    "with an open day at its base, where children tried on harnesses and climbed a practice "
    "wall. Team leader Jonas Brandvold said the group had answered more than 3,000 calls since "
    "1975, most of them for walkers who had lost their way in fog. The team now has 46 "
    "members and two new vehicles paid for by local donations."
)

_NAMES = ("Elena Varga", "Samuel Oduya", "Priya Raman", "Tomasz Wolny", "Grace Achterberg")
_PLACES = ("Brennmoor", "Castelwick", "Duneholt", "Farrowgate", "Lindqvay")
_THINGS = ("the water board", "the transport authority", "the port company", "the school trust")
_VERBS = ("approved", "delayed", "questioned", "welcomed", "rejected")
_PROJECTS = ("a new pumping station", "a tram extension", "a harbour wall", "a school annex")


SPLIT_ENDING = "The last hearing will be held at the Zephyrine Hall in Quorlton next spring."


def news_text(target: int = 7000, *, seed: int = 7) -> str:
    """A generated news-like article (headline, paragraphs of plain sentences) of ~target chars.

    It ends with SPLIT_ENDING, words found nowhere else in it.
    """
    rng = random.Random(seed)
    paragraphs: list[str] = []
    n = 0
    while sum(len(p) + 2 for p in paragraphs) < target:
        sentences = []
        for _ in range(3):
            n += 1
            name, place = rng.choice(_NAMES), rng.choice(_PLACES)
            thing, verb, project = rng.choice(_THINGS), rng.choice(_VERBS), rng.choice(_PROJECTS)
            sentences.append(
                rng.choice(
                    (
                        f"In {place}, {thing} {verb} plans for {project} on day {n} of the "
                        f"hearings, according to officials.",
                        f"{name} told reporters that {rng.randint(12, 900)} residents had "
                        f"written to {thing} about {project} in {place}.",
                        f"The cost of {project} rose to {rng.randint(2, 40)}.{rng.randint(1, 9)} "
                        f"million euros, {name} said at meeting {n}.",
                        f"Members of {thing} in {place} {verb} a motion to publish the budget "
                        f"for {project}, item {n} on the agenda.",
                    )
                )
            )
        paragraphs.append(" ".join(sentences))
    paragraphs.append(SPLIT_ENDING)
    return "Regional councils argue over the cost of public works\n\n" + "\n\n".join(paragraphs)


def split_paste(text: str, first: int = 4096) -> tuple[str, str]:
    """Cut a paste the way a client does: at a space, the first part exactly `first` characters.

    To land a word end exactly on `first`, the last number before the cut gets extra digits.
    """
    cut = text.rfind(" ", 0, first + 1)
    head, tail = text[:cut], text[cut:].lstrip()
    deficit = first - len(head)
    if deficit:
        last = list(re.finditer(r"\d+", head))[-1]
        head = head[: last.end()] + "0" * deficit + head[last.end() :]
    assert len(head) == first and not head[-1].isspace()
    return head, tail


# -- tests ------------------------------------------------------------------------------------
def test_start_and_help(fake: FakeBotAPI, chat: int) -> None:
    (start,) = exchange(fake, chat, "/start")
    assert "brief news articles" in visible(start)
    (help_,) = exchange(fake, chat, "/help")
    for command in ("/summary", "/ask", "/articles", "/use", "/search", "/forget"):
        assert command in help_["text"]


def test_commands_published_at_start(fake: FakeBotAPI, bot: BotProcess) -> None:
    assert fake.calls("setMyCommands")
    names = [c["command"] for c in fake.commands]
    for name in ("start", "help", "summary", "ask", "articles", "use", "search", "forget"):
        assert name in names
    assert all(c["description"] for c in fake.commands)


def test_sample_paste_gives_one_clean_brief(fake: FakeBotAPI, chat: int) -> None:
    (brief,) = exchange(fake, chat, sample_text())
    no_more_messages(fake, chat, 1)
    (sent,) = sends_to(fake, chat)
    assert sent["parse_mode"] == "HTML"
    assert brief["text"].startswith(f"<b>{html.escape(SAMPLE_TITLE, quote=False)}</b>")
    for furniture in FURNITURE:
        assert furniture not in visible(brief)
    assert bullets(brief)
    assert is_brief(brief)


def test_questions_about_the_sample(fake: FakeBotAPI, chat: int) -> None:
    exchange(fake, chat, sample_text())
    (answer,) = exchange(fake, chat, "Who commanded the soldiers?")
    assert re.search(r"<b>[^<]*Ana Ruiz[^<]*</b>", answer["text"]), answer["text"]
    (unrelated,) = exchange(fake, chat, "What is the population of Tokyo?")
    assert "doesn't say" in visible(unrelated)
    assert "Ana Ruiz" not in re.findall(r"<b>([^<]*)</b>", unrelated["text"])


def test_question_before_any_article(fake: FakeBotAPI, chat: int) -> None:
    (reply,) = exchange(fake, chat, "Who won the election?")
    assert "no article here yet" in visible(reply).lower()
    assert "Sorry, something went wrong" not in visible(reply)


def test_forwarded_post_shows_its_source(fake: FakeBotAPI, chat: int) -> None:
    origin = {
        "type": "channel",
        "chat": {"id": -100123, "type": "channel", "title": "Harbor News"},
        "message_id": 7,
        "date": int(time.time()) - 60,
    }
    (brief,) = exchange(fake, chat, FERRY_ARTICLE, forward_origin=origin)
    assert is_brief(brief)
    assert "Harbor News" in visible(brief)


@pytest.mark.parametrize(
    ("file_name", "mime", "text", "title"),
    [
        ("orchards.txt", "text/plain", TXT_ARTICLE, "Orchard growers report record apple harvest"),
        (
            "cycle-lanes.md",
            "text/markdown",
            MD_ARTICLE,
            "Council approves cycle lanes on the harbour road",
        ),
    ],
)
def test_text_documents_are_briefed(
    fake: FakeBotAPI, chat: int, file_name: str, mime: str, text: str, title: str
) -> None:
    fake.send_document(chat, text.encode(), file_name=file_name, mime_type=mime)
    (brief,) = fake.wait_for_messages(chat, 1, timeout=20)
    assert is_brief(brief), brief["text"]
    assert visible(brief).splitlines()[0] == title
    assert "**" not in brief["text"] and "# " not in brief["text"]
    assert fake.calls("getFile")


@pytest.mark.parametrize("mime", ["application/pdf", "text/plain"])
def test_broken_pdf_document_is_explained(fake: FakeBotAPI, chat: int, mime: str) -> None:
    data = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" + b"0" * 500
    fake.send_document(chat, data, file_name="report.pdf", mime_type=mime)
    (reply,) = fake.wait_for_messages(chat, 1, timeout=20)
    text = visible(reply)
    assert not is_brief(reply)
    assert "PDF" in text and "damaged" in text, text
    assert "Sorry, something went wrong" not in text


def test_link_is_fetched_and_briefed(fake: FakeBotAPI, chat: int, pages_server: PageServer) -> None:
    url = pages_server.add_html("/news/library-opens", pages.ARTICLE_HTML)
    (brief,) = exchange(fake, chat, f"Have a look: {url}")
    assert is_brief(brief), brief["text"]
    assert pages.ARTICLE_TITLE in visible(brief)
    assert "Subscribe now" not in visible(brief)
    assert "/news/library-opens" in pages_server.paths
    assert "typing" in fake.chat_actions(chat)
    (answer,) = exchange(fake, chat, "Who is the mayor?")
    assert "Ann Lee" in visible(answer)


def test_split_paste_gives_one_brief(fake: FakeBotAPI, chat: int) -> None:
    text = news_text(7000)
    first, second = split_paste(text)
    assert len(first) == 4096 and 6500 <= len(first) + len(second) <= 7600
    fake.send_text(chat, first)
    fake.send_text(chat, second)
    (brief,) = fake.wait_for_messages(chat, 1, timeout=20)
    no_more_messages(fake, chat, 1)
    assert is_brief(brief)
    assert "Regional councils argue over the cost of public works" in visible(brief)
    (listing,) = exchange(fake, chat, "/articles")
    assert re.findall(r"^\d+\. ", visible(listing), re.M) == ["1. "], listing["text"]
    # the second part is part of the same article
    assert SPLIT_ENDING in second
    (found,) = exchange(fake, chat, "/search Zephyrine Hall Quorlton")
    assert any("Zephyrine Hall" in b for b in bullets(found)), found["text"]


def test_same_article_twice_is_recognised(fake: FakeBotAPI, chat: int) -> None:
    (first,) = exchange(fake, chat, FERRY_ARTICLE)
    (second,) = exchange(fake, chat, FERRY_ARTICLE)
    assert is_brief(second)
    assert article_id(first) == article_id(second)
    assert "sent this article before" in visible(second)
    (listing,) = exchange(fake, chat, "/articles")
    assert len(re.findall(r"^\d+\. ", visible(listing), re.M)) == 1, listing["text"]


def test_library_commands(fake: FakeBotAPI, chat: int) -> None:
    exchange(fake, chat, sample_text())
    exchange(fake, chat, FERRY_ARTICLE)
    (listing,) = exchange(fake, chat, "/articles")
    lines = re.findall(r"^\d+\. .*$", visible(listing), re.M)
    assert len(lines) == 2, listing["text"]
    # Newest first, each numbered for good in the order saved: the sample (sent first) is 1.
    assert lines[0].startswith("2. ") and "current" in lines[0]
    assert lines[1].startswith("1. ") and SAMPLE_TITLE in lines[1]

    (used,) = exchange(fake, chat, "/use 1")
    assert SAMPLE_TITLE in visible(used)
    (answer,) = exchange(fake, chat, "Who commanded the soldiers?")
    assert "Ana Ruiz" in visible(answer)
    (used,) = exchange(fake, chat, "/use 2")
    assert "Now answering about" in visible(used) and SAMPLE_TITLE not in visible(used)
    (missing,) = exchange(fake, chat, "/use 9")
    assert "no article 9" in visible(missing).lower()

    (found,) = exchange(fake, chat, "/search flood barrier")
    assert "Found in your articles" in visible(found)
    assert "barrier" in visible(found).lower()
    (nothing,) = exchange(fake, chat, "/search zeppelin")
    assert "Nothing in your articles matches" in visible(nothing)

    (summary,) = exchange(fake, chat, "/summary 2")
    assert is_brief(summary) and len(bullets(summary)) == 2
    (bad,) = exchange(fake, chat, "/summary many")
    assert visible(bad).startswith("Usage: /summary")


def test_ask_without_question_gets_usage(fake: FakeBotAPI, chat: int) -> None:
    (reply,) = exchange(fake, chat, "/ask")
    assert visible(reply).startswith("Usage: /ask")


def test_ask_command_and_reply_to_a_brief(fake: FakeBotAPI, chat: int) -> None:
    (sample_brief,) = exchange(fake, chat, sample_text())
    exchange(fake, chat, FERRY_ARTICLE)  # now the current article
    (answer,) = exchange(fake, chat, "/ask Who took the first crossing?")
    assert "Rosa Lindqvist" in visible(answer)
    # a reply to the older brief asks about that article
    (answer,) = exchange(
        fake,
        chat,
        "Who commanded the soldiers?",
        reply_to_message_id=sample_brief["message_id"],
    )
    assert "Ana Ruiz" in visible(answer)


def test_brief_buttons(fake: FakeBotAPI, chat: int) -> None:
    (brief,) = exchange(fake, chat, sample_text())
    aid = article_id(brief)
    n = len(bullets(brief))
    assert n >= 2
    data = callback_data(brief)
    assert f"len:{aid}:{n - 1}" in data and f"len:{aid}:{n + 1}" in data

    fake.press_button(chat, brief["message_id"], f"len:{aid}:{n - 1}")
    fake.wait_for(lambda: len(bullets(fake.message(chat, brief["message_id"]) or {})) == n - 1)
    fake.press_button(chat, brief["message_id"], f"len:{aid}:{n + 1}")
    fake.wait_for(lambda: len(bullets(fake.message(chat, brief["message_id"]) or {})) == n + 1)

    before = len(fake.bot_messages(chat))
    fake.press_button(chat, brief["message_id"], f"who:{aid}")
    people = fake.wait_for_messages(chat, before + 1, timeout=20)[-1]
    assert "People:" in visible(people)
    assert "Ana Ruiz" in visible(people)
    assert len(fake.calls("answerCallbackQuery")) >= 3


def test_tampered_callback_data_is_refused(fake: FakeBotAPI, chat: int) -> None:
    other = next(_chat_ids)
    (theirs,) = exchange(fake, other, FERRY_ARTICLE)
    (mine,) = exchange(fake, chat, sample_text())
    their_id = article_id(theirs)
    assert their_id != article_id(mine)
    before_calls = len(fake.calls())
    for data in (f"len:{their_id}:2", f"who:{their_id}", "len:abc:2", "who:99999999"):
        query_id = fake.press_button(chat, mine["message_id"], data)
        answered = fake.wait_for(
            lambda q=query_id: [
                c
                for c in fake.calls("answerCallbackQuery")
                if c.params.get("callback_query_id") == q
            ],
            timeout=20,
        )
        assert answered[0].params.get("show_alert") is True
        assert answered[0].params.get("text"), data
        assert "Rosa" not in answered[0].params["text"]
    # nothing about the other chat's article was shown here, and the brief is unchanged
    time.sleep(0.5)
    assert len(fake.bot_messages(chat)) == 1
    assert fake.message(chat, mine["message_id"])["text"] == mine["text"]
    assert not [
        c
        for c in fake.calls()[before_calls:]
        if c.method in ("sendMessage", "editMessageText") and "Rosa" in str(c.params)
    ]


def test_forget_asks_then_deletes(fake: FakeBotAPI, chat: int) -> None:
    exchange(fake, chat, FERRY_ARTICLE)
    (confirm,) = exchange(fake, chat, "/forget")
    assert "Are you sure" in visible(confirm)
    # The confirmation names who asked (in a group only they, or an admin, may confirm).
    assert any(data.startswith("forget:yes:") for data in callback_data(confirm))
    (listing,) = exchange(fake, chat, "/articles")
    assert "1. " in visible(listing)  # nothing deleted before confirming
    fake.press_button(chat, confirm["message_id"], "forget:yes")
    fake.wait_for(
        lambda: "deleted" in visible(fake.message(chat, confirm["message_id"]) or {}), timeout=20
    )
    (listing,) = exchange(fake, chat, "/articles")
    assert "No articles here yet" in visible(listing)
    (reply,) = exchange(fake, chat, "Who took the first crossing?")
    assert "no article here yet" in visible(reply).lower()


def test_forget_cancel_keeps_everything(fake: FakeBotAPI, chat: int) -> None:
    exchange(fake, chat, FERRY_ARTICLE)
    (confirm,) = exchange(fake, chat, "/forget")
    fake.press_button(chat, confirm["message_id"], "forget:no")
    fake.wait_for(
        lambda: "Cancelled" in visible(fake.message(chat, confirm["message_id"]) or {}),
        timeout=20,
    )
    (listing,) = exchange(fake, chat, "/articles")
    assert "1. " in visible(listing)


def test_group_chat_is_separate(fake: FakeBotAPI, chat: int) -> None:
    group = -next(_chat_ids)
    (empty,) = exchange(fake, group, "/articles", chat_type="group")
    assert "No articles here yet" in visible(empty)
    (empty,) = exchange(fake, group, "/articles@articlebot_test_bot", chat_type="group")
    assert "No articles here yet" in visible(empty)

    # group chatter not addressed to the bot is ignored
    fake.send_text(group, GROUP_ARTICLE, chat_type="group")
    fake.send_text(group, "Who leads the team?", chat_type="group")
    no_more_messages(fake, group, 2)

    (brief,) = exchange(fake, group, f"{GROUP_MENTION} {GROUP_ARTICLE}", chat_type="group")
    assert is_brief(brief)
    assert "Mountain rescue team" in visible(brief)
    (answer,) = exchange(
        fake,
        group,
        "Who leads the team?",
        chat_type="group",
        reply_to_message_id=brief["message_id"],
    )
    assert "Jonas Brandvold" in visible(answer)

    exchange(fake, chat, FERRY_ARTICLE)
    (group_list,) = exchange(fake, group, "/articles", chat_type="group")
    (private_list,) = exchange(fake, chat, "/articles")
    group_lines = re.findall(r"^\d+\. .*$", visible(group_list), re.M)
    assert len(group_lines) == 1 and "Mountain rescue" in group_lines[0]
    private_lines = re.findall(r"^\d+\. .*$", visible(private_list), re.M)
    assert len(private_lines) == 1 and "Mountain rescue" not in private_lines[0]
    # the group's article id is not usable from the private chat
    (private_brief,) = [m for m in fake.bot_messages(chat) if is_brief(m)]
    query_id = fake.press_button(chat, private_brief["message_id"], f"who:{article_id(brief)}")
    (answered,) = fake.wait_for(
        lambda: [
            c
            for c in fake.calls("answerCallbackQuery")
            if c.params.get("callback_query_id") == query_id
        ],
        timeout=20,
    )
    assert answered.params.get("show_alert") is True


def test_markup_characters_are_escaped(fake: FakeBotAPI, chat: int) -> None:
    text = (
        "Smith & Sons <Ltd> doubles R&D budget as profits rise\n\n"
        "Smith & Sons <Ltd>, the toolmaker based in Harwell, said on Monday that it would double "
        "its R&D budget to 8 million pounds after profits rose 12% in a year when sales of its "
        "<Pro> range of drills beat forecasts. Chief executive Maria Delgado said the money "
        "would pay for 40 new engineers & a test workshop. Shares rose 3% on the news, and "
        "analysts said the firm had a <strong> order book for next year.\n"
    )
    (brief,) = exchange(fake, chat, text)
    assert is_brief(brief), brief["text"]
    assert "Smith & Sons <Ltd>" in visible(brief)
    (answer,) = exchange(fake, chat, "Who is the chief executive?")
    assert "Maria Delgado" in visible(answer)
    assert not any("Sorry" in visible(m) for m in fake.bot_messages(chat))


def test_long_brief_is_split_into_messages(fake: FakeBotAPI, chat: int) -> None:
    rng = random.Random(3)
    sentences = []  # long (~700 characters) but under the splitter's 80-word cap
    for n in range(14):
        clauses = ", and ".join(
            f"representatives of the {rng.choice(_PLACES)} transportation administration "
            f"presented environmental recommendations concerning {rng.randint(2, 90)} "
            f"neighbourhoods"
            for _ in range(5)
        )
        sentences.append(f"On day {n + 1} of the inquiry, {clauses}.")
    text = "Inquiry hears weeks of evidence on regional building plans\n\n" + "\n\n".join(
        " ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)
    )
    (brief,) = exchange(fake, chat, text)
    assert is_brief(brief)
    before = len(fake.bot_messages(chat))
    fake.send_text(chat, "/summary 10")
    time.sleep(SETTLE)
    fake.wait_for(lambda: any(is_brief(m) for m in fake.bot_messages(chat)[before:]), timeout=20)
    new = fake.bot_messages(chat)[before:]
    assert len(new) >= 2, [len(m["text"]) for m in new]
    assert sum(len(bullets(m)) for m in new) == 10
    assert all(len(visible(m)) <= 4096 for m in new)
    assert is_brief(new[-1])  # the buttons sit under the last part


def test_split_paste_in_a_group(fake: FakeBotAPI) -> None:
    """In a group the first part mentions the bot; the rest of the paste must still be joined."""
    group = -next(_chat_ids)
    text = news_text(7000, seed=11)
    first, second = split_paste(f"{GROUP_MENTION} {text}")
    fake.send_text(group, first, chat_type="group")
    fake.send_text(group, second, chat_type="group")
    (brief,) = fake.wait_for_messages(group, 1, timeout=20)
    no_more_messages(fake, group, 1)
    assert is_brief(brief)
    assert SPLIT_ENDING in second
    (found,) = exchange(fake, group, "/search Zephyrine Hall Quorlton", chat_type="group")
    assert any("Zephyrine Hall" in b for b in bullets(found)), found["text"]


def test_restart_keeps_the_current_article(tmp_path: Path) -> None:
    db = tmp_path / "restart.db"
    chat_id = 5150
    with FakeBotAPI(FAKE_TOKEN) as api:
        first = BotProcess(api, db)
        first.start()
        try:
            exchange(api, chat_id, sample_text())
            (answer,) = exchange(api, chat_id, "When did the river crest?")
            assert "11 p.m." in visible(answer)
        finally:
            code = first.stop()
        assert code == 0, first.log_tail()
        assert "articlebot stopped" in first.log_text()
        count = len(api.bot_messages(chat_id))

        second = BotProcess(api, db)
        second.start()
        try:
            (answer,) = exchange(api, chat_id, "Who commanded the soldiers?")
            assert "Ana Ruiz" in visible(answer)
            no_more_messages(api, chat_id, count + 1)  # nothing answered twice after restart
        finally:
            second.stop()
        for proc in (first, second):
            assert FAKE_TOKEN not in proc.log_text()
            assert FAKE_TOKEN.split(":", 1)[1] not in proc.log_text()
            proc.close()


def test_sigterm_while_a_paste_is_merging(tmp_path: Path) -> None:
    """A long paste still waiting for its second part when SIGTERM comes is not lost."""
    db = tmp_path / "merge.db"
    chat_id = 6160
    first, _ = split_paste(news_text(7000, seed=5))
    with FakeBotAPI(FAKE_TOKEN) as api:
        proc = BotProcess(api, db)
        proc.start()
        try:
            api.send_text(chat_id, first)
            api.wait_for(lambda: api.pending_updates == 0, timeout=20)  # the bot has it
        finally:
            code = proc.stop()
        assert code == 0, proc.log_tail()
        briefed_before_exit = any(is_brief(m) for m in api.bot_messages(chat_id))
        proc2 = BotProcess(api, db)
        proc2.start()
        try:
            (listing,) = exchange(api, chat_id, "/articles")
        finally:
            proc2.stop()
            proc.close()
            proc2.close()
        assert briefed_before_exit or "1. " in visible(listing), f"paste lost: {visible(listing)!r}"
        assert "1. " in visible(listing), visible(listing)


def test_flood_control_is_retried(fake: FakeBotAPI, chat: int) -> None:
    fake.fail_next("sendMessage", chat_id=chat, status=429, retry_after=1)
    (start,) = exchange(fake, chat, "/start")
    assert "brief news articles" in visible(start)
    assert len(sends_to(fake, chat)) == 2  # refused once, then sent after retry_after


def test_blocked_user_does_not_stop_the_bot(fake: FakeBotAPI, bot: BotProcess, chat: int) -> None:
    fake.block_chat(chat)
    fake.send_text(chat, "/start")
    fake.wait_for(lambda: sends_to(fake, chat), timeout=20)
    time.sleep(0.5)
    other = next(_chat_ids)
    (start,) = exchange(fake, other, "/start")
    assert "brief news articles" in visible(start)
    assert fake.bot_messages(chat) == []
    assert bot.running


def test_token_never_logged(fake: FakeBotAPI, bot: BotProcess, chat: int) -> None:
    exchange(fake, chat, "/start")
    log = bot.log_text()
    assert "articlebot is running" in log
    # an error in a handler: logged with its traceback, and the user gets an apology
    fake.fail_next("sendMessage", chat_id=chat, status=400, description="Bad Request: test")
    fake.send_text(chat, "/help")
    (apology,) = fake.wait_for_messages(chat, 2, timeout=20)[1:]
    assert "Sorry, something went wrong" in visible(apology)
    assert bot.wait_for_log("error while handling an update")
    log = bot.log_text()
    assert FAKE_TOKEN not in log
    assert FAKE_TOKEN.split(":", 1)[1] not in log
    assert bot.running
