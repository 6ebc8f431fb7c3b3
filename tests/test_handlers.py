"""Handler tests: real Update objects through the real Application, over an offline bot."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.service import Service
from bot.settings import Settings
from handlers import format as fmt
from handlers.app import RedactToken, build_application
from tests.builders import pasted_page, plain_article
from tests.offline import (
    TOKEN,
    OfflineRequest,
    as_update,
    callback_update,
    message_update,
)

ME, OTHER, GROUP = 501, 502, -9001


class Harness:
    def __init__(self, app: Any, request: OfflineRequest, service: Service) -> None:
        self.app = app
        self.request = request
        self.service = service

    async def send(self, data: dict[str, Any]) -> None:
        await self.app.process_update(as_update(data, self.app.bot))

    async def text(self, chat_id: int, text: str, **kw: Any) -> None:
        await self.send(message_update(chat_id, text, **kw))

    def texts(self, chat_id: int) -> list[str]:
        return self.request.texts(chat_id)

    def last(self, chat_id: int) -> dict[str, Any]:
        return self.request.messages(chat_id)[-1]

    def alerts(self) -> list[str]:
        return [str(p.get("text", "")) for m, p in self.request.sent if m == "answerCallbackQuery"]


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Harness]:
    settings = Settings(token=TOKEN, db_path=str(tmp_path / "bot.db"), merge_seconds=0.3)
    service = Service.open(settings)
    request = OfflineRequest()
    app = build_application(settings, service, request=request)
    async with app:
        await app.start()
        yield Harness(app, request, service)
        await app.stop()
    service.close()


async def test_pasted_page_gets_one_clean_brief_with_buttons(bot: Harness) -> None:
    await bot.text(ME, pasted_page())
    [brief] = bot.request.messages(ME)
    assert brief["parse_mode"] == "HTML"
    text = brief["text"]
    assert "<b>Flood barrier holds as river crests in Lyon, sparing old town</b>" in text
    assert "AP" in text and "min read" in text
    for furniture in ("AP Photo", "Latest World News", "All Rights Reserved", "Privacy Policy"):
        assert furniture not in text
    buttons = [b["callback_data"] for row in brief["reply_markup"]["inline_keyboard"] for b in row]
    assert any(b.startswith("len:") for b in buttons)
    assert any(b.startswith("who:") for b in buttons)


async def test_question_gets_bold_short_answer_and_quote(bot: Harness) -> None:
    await bot.text(ME, pasted_page())
    await bot.text(ME, "Who commanded the soldiers?")
    answer = bot.last(ME)["text"]
    assert "<b>Maj. Gen. Ana Ruiz</b>" in answer
    assert "<blockquote>" in answer and "1,200 soldiers" in answer


async def test_unrelated_question_is_not_guessed(bot: Harness) -> None:
    await bot.text(ME, pasted_page())
    await bot.text(ME, "What is the capital of Peru?")
    reply = fmt.plain(bot.last(ME)["text"])
    assert reply.startswith("The article doesn't say.")


async def test_question_before_any_article(bot: Harness) -> None:
    await bot.text(ME, "Who won?")
    assert "no article here yet" in bot.texts(ME)[-1]


async def test_forwarded_post_keeps_its_source(bot: Harness) -> None:
    origin = {
        "type": "channel",
        "date": 1,
        "chat": {"id": -1001, "type": "channel", "title": "Harbor News"},
        "message_id": 7,
    }
    await bot.text(ME, plain_article(), forward_origin=origin)
    assert "Forwarded from Harbor News" in bot.texts(ME)[-1]


async def test_split_paste_becomes_one_article(bot: Harness) -> None:
    sentences = [
        f"Report {i}: the harbor authority of Brenmouth said on Friday that crane {i} "
        f"moved {100 + i} containers during the night shift."
        for i in range(80)
    ]
    text = " ".join(sentences)
    first, second = text[:4096], text[4096:]
    await bot.text(ME, first)
    await bot.text(ME, second)
    # The merged paste is read in a worker process: wait for its brief (a few seconds at most).
    for _ in range(200):
        await asyncio.sleep(0.05)
        if any("min read" in t for t in bot.texts(ME)):
            break
    await asyncio.sleep(0.3)  # time for a second brief, were the parts briefed apart
    briefs = [t for t in bot.texts(ME) if "min read" in t]
    assert len(briefs) == 1
    [listed] = await bot.service.articles(ME)
    assert listed.number_of_sentences == 80


async def test_same_article_twice_is_recognised(bot: Harness) -> None:
    await bot.text(ME, plain_article())
    await bot.text(ME, plain_article())
    assert "You sent this article before" in bot.texts(ME)[-1]
    assert len(await bot.service.articles(ME)) == 1


async def test_reply_to_a_brief_asks_about_that_article(bot: Harness) -> None:
    await bot.text(ME, pasted_page())
    brief = bot.last(ME)
    await bot.text(ME, plain_article())  # now the current article is another one
    replied = {
        "message_id": 1000,  # the offline bot numbers its messages from 1000: the brief
        "date": 1,
        "chat": {"id": ME, "type": "private"},
        "from": {"id": 4242, "is_bot": True, "first_name": "articlebot"},
        "text": brief["text"],
    }
    await bot.text(ME, "How many residents were evacuated?", reply_to=replied)
    assert "3,400" in bot.last(ME)["text"]


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("/ask", "Usage: /ask"),
        ("/use", "Usage: /use N"),
        ("/use two", "Usage: /use N"),
        ("/use 1 2", "Usage: /use N"),
        ("/summary abc", "Usage: /summary"),
        ("/search", "Usage: /search"),
        ("/settings sentences many", "Usage: /settings sentences"),
        ("/settings colour blue", "Usage: /settings"),
        ("/settings timezone Mars/Base", "time zone"),
        ("/settings method magic", "Unknown summarizer"),
    ],
)
async def test_wrong_arguments_get_a_usage_line(bot: Harness, command: str, usage: str) -> None:
    await bot.text(ME, plain_article())
    await bot.text(ME, command)
    assert usage in bot.texts(ME)[-1]


async def test_library_commands(bot: Harness) -> None:
    await bot.text(ME, pasted_page())
    await bot.text(ME, plain_article())
    await bot.text(ME, "/articles")
    listing = fmt.plain(bot.texts(ME)[-1])
    # A paste without a headline is titled by its first sentence, never "Untitled".
    # Newest first, each with its number for good: the first article saved is 1.
    assert "2. The town council of Merriton voted" in listing and "1. Flood barrier" in listing
    assert listing.index("2. The town") < listing.index("1. Flood")
    assert "Untitled" not in listing
    await bot.text(ME, "/use 1")
    assert "Flood barrier" in bot.texts(ME)[-1]
    await bot.text(ME, "How many residents were evacuated?")
    assert "3,400" in bot.texts(ME)[-1]
    await bot.text(ME, "/search helicopter")
    assert "helicopter" in bot.texts(ME)[-1]
    await bot.text(ME, "/summary 1")
    assert bot.texts(ME)[-1].count("• ") == 1


async def test_buttons_change_length_and_list_mentions(bot: Harness) -> None:
    await bot.text(ME, pasted_page())
    article = (await bot.service.articles(ME))[0]
    await bot.send(callback_update(ME, 1000, f"len:{article.id}:5"))
    edits = [p for m, p in bot.request.sent if m == "editMessageText"]
    assert edits and edits[-1]["text"].count("• ") == 5
    await bot.send(callback_update(ME, 1000, f"who:{article.id}"))
    assert "Ana Ruiz" in bot.texts(ME)[-1]


async def test_tampered_and_foreign_buttons_are_refused(bot: Harness) -> None:
    await bot.text(OTHER, plain_article())
    theirs = (await bot.service.articles(OTHER))[0]
    await bot.text(ME, pasted_page())
    for data in (f"len:{theirs.id}:2", f"who:{theirs.id}", "len:abc", "zzz", "len:1:2:3:4"):
        await bot.send(callback_update(ME, 1000, data))
    assert len(bot.alerts()) == 5
    assert all(("can't find" in a or "no longer works" in a) for a in bot.alerts())
    assert "Merriton" not in " ".join(bot.texts(ME))


async def test_forget_needs_confirmation(bot: Harness) -> None:
    await bot.text(ME, plain_article())
    await bot.text(OTHER, plain_article())
    await bot.text(ME, "/forget")
    assert "Are you sure" in bot.texts(ME)[-1]
    assert len(await bot.service.articles(ME)) == 1
    await bot.send(callback_update(ME, 1000, "forget:yes"))
    assert await bot.service.articles(ME) == []
    assert len(await bot.service.articles(OTHER)) == 1


async def test_group_ignores_chatter_but_answers_mentions(bot: Harness) -> None:
    await bot.text(GROUP, plain_article(), chat_type="group")
    assert bot.texts(GROUP) == []
    mention = "@articlebot_test_bot "
    text = mention + plain_article()
    entities = [{"type": "mention", "offset": 0, "length": len(mention) - 1}]
    await bot.send(message_update(GROUP, text, chat_type="group", entities=entities))
    assert "min read" in bot.texts(GROUP)[-1]
    assert len(await bot.service.articles(GROUP)) == 1
    assert await bot.service.articles(ME) == []


async def test_text_document_is_briefed_and_a_broken_pdf_explained(bot: Harness) -> None:
    bot.request.files["doc1"] = plain_article().encode()
    doc = {
        "file_id": "doc1",
        "file_unique_id": "u1",
        "file_name": "story.txt",
        "mime_type": "text/plain",
        "file_size": 900,
    }
    await bot.send(message_update(ME, None, document=doc))
    assert "min read" in bot.texts(ME)[-1]
    bot.request.files["doc2"] = b"%PDF-1.7 binary"
    pdf = {
        "file_id": "doc2",
        "file_unique_id": "u2",
        "file_name": "x.pdf",
        "mime_type": "application/pdf",
        "file_size": 20,
    }
    await bot.send(message_update(ME, None, document=pdf))
    assert "seems to be damaged" in bot.texts(ME)[-1]
    assert len(await bot.service.articles(ME)) == 1


async def test_markup_in_articles_is_escaped(bot: Harness) -> None:
    text = (
        "The <b>council</b> of Merriton & Ashby met on Monday to discuss the <script>bridge</script> "
        "plan, which will cost 2 million dollars and take three years to finish, officials said. "
        "Residents asked whether 1 < 2 and 3 > 2 in the budget tables. " * 3
    )
    await bot.text(ME, text)
    brief = bot.texts(ME)[-1]
    assert "&lt;b&gt;council&lt;/b&gt;" in brief and "&amp; Ashby" in brief
    assert "<script>" not in brief


async def test_unexpected_error_apologises_and_keeps_articles(bot: Harness) -> None:
    await bot.text(ME, plain_article())

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disk on fire")

    bot.service.ask = broken  # type: ignore[method-assign]
    await bot.text(ME, "Who proposed the plan?")
    assert "something went wrong" in bot.texts(ME)[-1]
    assert len(await bot.service.articles(ME)) == 1


def test_token_is_redacted_from_log_records() -> None:
    record = logging.LogRecord(
        "httpx", logging.INFO, __file__, 1, "POST %s", (f"https://x/bot{TOKEN}/getMe",), None
    )
    RedactToken(TOKEN).filter(record)
    assert TOKEN not in record.getMessage()


def test_long_replies_are_split_under_the_limit() -> None:
    blocks = fmt.block("word " * 5000, "• {}") + fmt.block("<&>" * 2000)
    messages = fmt.pack(blocks)
    assert len(messages) > 1
    assert all(len(m) <= fmt.LIMIT for m in messages)
    assert "&lt;&amp;&gt;" in "".join(messages)


async def test_a_question_right_after_a_split_paste_is_not_swallowed(bot: Harness) -> None:
    sentences = [
        f"Crane {i} at the Brenmouth harbor moved {100 + i} containers during the night shift, "
        f"the harbor authority said on Friday in its report number {i}."
        for i in range(45)
    ]
    text = " ".join(sentences)
    assert 4096 + 1000 < len(text) < 4096 + 3000  # the second part is the short last one
    await bot.text(ME, text[:4096])
    await bot.text(ME, text[4096:])
    await bot.text(ME, "How many containers did crane 44 move?")  # within the merge window
    texts = bot.texts(ME)
    assert sum("min read" in t for t in texts) == 1
    assert "144" in texts[-1] and "<blockquote>" in texts[-1]
    [listed] = await bot.service.articles(ME)
    assert listed.number_of_sentences == 45


async def test_pressing_the_same_button_twice_is_harmless(bot: Harness) -> None:
    await bot.text(ME, "/forget")
    await bot.send(callback_update(ME, 1000, "forget:no"))
    await bot.send(callback_update(ME, 1000, "forget:no"))
    await bot.text(ME, "/settings")
    await bot.send(callback_update(ME, 1001, "set:len:4"))
    await bot.send(callback_update(ME, 1001, "set:len:4"))
    assert not any("something went wrong" in t for t in bot.texts(ME))


async def test_many_chats_leave_no_ids_behind_in_memory(bot: Harness) -> None:
    # Without persistence PTB would keep every chat and user id it saw, for ever.
    for chat in range(7000, 7300):
        await bot.text(chat, "Who won?")
    assert "no article here yet" in bot.texts(7299)[-1]
    assert len(bot.app._chat_ids_to_be_updated_in_persistence) == 0
    assert len(bot.app._user_ids_to_be_updated_in_persistence) == 0
    assert len(bot.app.chat_data) == 0 and len(bot.app.user_data) == 0


async def test_stopping_briefs_a_paste_still_waiting_for_its_next_part(tmp_path: Path) -> None:
    """SIGTERM while a long paste waits for a second part: the paste is briefed, not lost."""
    settings = Settings(token=TOKEN, db_path=str(tmp_path / "bot.db"), merge_seconds=60)
    service = Service.open(settings)
    request = OfflineRequest()
    app = build_application(settings, service, request=request)
    sentences = [
        f"Report {i}: the harbor authority of Brenmouth said on Friday that crane {i} "
        f"moved {100 + i} containers during the night shift."
        for i in range(40)
    ]
    async with app:
        await app.start()
        # Application.stop waits only for the tasks that existed when it began; the update it
        # was still handling starts the paste's merge after that.
        await app.stop()
        await Harness(app, request, service).text(ME, " ".join(sentences)[:4096])
        assert not any("min read" in t for t in request.texts(ME))  # held for its next part
        assert app.post_stop is not None
        await app.post_stop(app)  # what run_polling calls after stop
    briefs = [t for t in request.texts(ME) if "min read" in t]
    assert len(briefs) == 1
    assert len(await service.articles(ME)) == 1
    service.close()
