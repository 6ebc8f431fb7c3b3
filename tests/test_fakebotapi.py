"""The fake Bot API, driven by PTB's real telegram.Bot."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputFile,
    InputTextMessageContent,
    MessageOriginChannel,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import Forbidden, InvalidToken, RetryAfter

from tests.botprocess import FAKE_TOKEN
from tests.fakebotapi import FakeBotAPI, decode_value, parse_body


@pytest.fixture
async def bot(fake_api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with Bot(
        FAKE_TOKEN, base_url=fake_api.base_url, base_file_url=fake_api.base_file_url
    ) as bot:
        yield bot


async def test_get_me(bot: Bot, fake_api: FakeBotAPI) -> None:
    me = await bot.get_me()
    assert me.id == 4242
    assert me.is_bot
    assert me.username == "articlebot_test_bot"
    assert me.first_name == "articlebot"
    assert me.can_join_groups is True
    assert me.can_read_all_group_messages is False
    assert me.supports_inline_queries is True
    assert {c.method for c in fake_api.calls()} == {"getMe"}  # initialize() calls it too


async def test_send_message_html_with_keyboard(bot: Bot, fake_api: FakeBotAPI) -> None:
    fake_api.send_text(101, "hello")  # the chat exists
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Shorter", callback_data="b:1:short")]])
    sent = await bot.send_message(
        101, "<b>Title</b> &amp; more", parse_mode=ParseMode.HTML, reply_markup=keyboard
    )
    assert sent.message_id == 2  # message ids count per chat, user messages included
    assert sent.text == "<b>Title</b> &amp; more"
    assert sent.chat.id == 101
    assert sent.from_user is not None and sent.from_user.id == 4242
    assert sent.reply_markup == keyboard
    second = await bot.send_message(101, "again")
    assert second.message_id == 3

    (call,) = fake_api.calls("sendMessage")[:1]
    assert call.params["chat_id"] == 101
    assert call.params["parse_mode"] == "HTML"
    # JSON-encoded fields are decoded
    assert call.params["reply_markup"] == {
        "inline_keyboard": [[{"text": "Shorter", "callback_data": "b:1:short"}]]
    }
    texts = [m["text"] for m in fake_api.bot_messages(101)]
    assert texts == ["<b>Title</b> &amp; more", "again"]
    assert fake_api.wait_for_messages(101, 2, timeout=1)[1]["text"] == "again"


async def test_edit_applies_to_bot_messages(bot: Bot, fake_api: FakeBotAPI) -> None:
    sent = await bot.send_message(5, "first")
    edited = await bot.edit_message_text("second", chat_id=5, message_id=sent.message_id)
    assert not isinstance(edited, bool) and edited.text == "second"
    await bot.edit_message_reply_markup(
        chat_id=5,
        message_id=sent.message_id,
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="y")]]),
    )
    (msg,) = fake_api.bot_messages(5)
    assert msg["text"] == "second"
    assert msg["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "y"
    assert await bot.delete_message(5, sent.message_id)
    assert fake_api.deleted(5) == [sent.message_id]
    assert fake_api.bot_messages(5, include_deleted=False) == []


async def test_long_poll_holds_until_an_update_arrives(bot: Bot, fake_api: FakeBotAPI) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=0.3) == ()
    assert time.monotonic() - started >= 0.25  # held open, not answered at once

    async def send_later() -> int:
        await asyncio.sleep(0.3)
        return await asyncio.to_thread(fake_api.send_text, 7, "Who won the vote?")

    task = asyncio.create_task(send_later())
    updates = await bot.get_updates(timeout=10, read_timeout=15)
    mid = await task
    assert len(updates) == 1
    update = updates[0]
    assert isinstance(update, Update)
    assert update.message is not None
    assert update.message.text == "Who won the vote?"
    assert update.message.message_id == mid
    assert update.message.chat.id == 7
    assert update.message.from_user is not None and update.message.from_user.id == 7

    # unconfirmed updates come again; offset confirms them
    again = await bot.get_updates(timeout=0)
    assert [u.update_id for u in again] == [update.update_id]
    assert await bot.get_updates(offset=update.update_id + 1, timeout=0) == ()
    assert fake_api.pending_updates == 0


async def test_forwarded_post_and_command_entities(bot: Bot, fake_api: FakeBotAPI) -> None:
    origin = {
        "type": "channel",
        "chat": {"id": -100123, "type": "channel", "title": "Harbor News"},
        "message_id": 7,
        "date": 1_700_000_000,
    }
    fake_api.send_text(8, "Ferry service resumes after storm.", forward_origin=origin)
    fake_api.send_text(-500, "/articles@articlebot_test_bot", chat_type="group")
    forwarded, command = await bot.get_updates(timeout=0)
    assert forwarded.message is not None
    fo = forwarded.message.forward_origin
    assert isinstance(fo, MessageOriginChannel)
    assert fo.chat.title == "Harbor News"
    assert fo.message_id == 7
    assert command.message is not None
    assert command.message.chat.type == "group"
    assert command.message.chat.title
    assert command.message.entities[0].type == "bot_command"
    assert command.message.entities[0].length == len("/articles@articlebot_test_bot")


async def test_reply_to_includes_the_original(bot: Bot, fake_api: FakeBotAPI) -> None:
    fake_api.send_text(9, "hi")
    sent = await bot.send_message(9, "An answer")
    fake_api.send_text(9, "And who else?", reply_to_message_id=sent.message_id)
    updates = await bot.get_updates(timeout=0)
    message = updates[-1].message
    assert message is not None and message.reply_to_message is not None
    assert message.reply_to_message.message_id == sent.message_id
    assert message.reply_to_message.from_user is not None
    assert message.reply_to_message.from_user.is_bot


async def test_callback_query(bot: Bot, fake_api: FakeBotAPI) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more:3")]])
    sent = await bot.send_message(11, "brief", reply_markup=keyboard)
    query_id = fake_api.press_button(11, sent.message_id, "more:3")
    (update,) = await bot.get_updates(timeout=0)
    query = update.callback_query
    assert query is not None
    assert query.id == query_id
    assert query.data == "more:3"
    assert query.message is not None and query.message.message_id == sent.message_id
    assert query.from_user.id == 11
    assert await bot.answer_callback_query(query.id, "ok")
    assert fake_api.calls("answerCallbackQuery")[0].params["callback_query_id"] == query_id


async def test_get_file_and_download(bot: Bot, fake_api: FakeBotAPI) -> None:
    data = "Line one.\nLíne two – ünïcode.\n".encode()
    fake_api.send_document(12, data, file_name="story.txt", mime_type="text/plain")
    (update,) = await bot.get_updates(timeout=0)
    assert update.message is not None and update.message.document is not None
    doc = update.message.document
    assert doc.file_name == "story.txt"
    assert doc.mime_type == "text/plain"
    file = await bot.get_file(doc.file_id)
    assert file.file_path
    assert bytes(await file.download_as_bytearray()) == data


async def test_commands_actions_and_multipart(bot: Bot, fake_api: FakeBotAPI) -> None:
    await bot.set_my_commands([BotCommand("start", "Begin"), BotCommand("help", "How to")])
    assert [c["command"] for c in fake_api.commands] == ["start", "help"]
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    await bot.send_chat_action(13, "typing")
    assert fake_api.chat_actions(13) == ["typing"]
    # an upload goes as multipart/form-data; unknown methods answer true
    await bot.set_chat_photo(13, InputFile(b"\x89PNG fake", filename="p.png"))
    (call,) = fake_api.calls("setChatPhoto")
    assert call.params["chat_id"] == 13
    assert await bot.close()
    assert await bot.log_out()


async def test_wrong_token_is_unauthorized(fake_api: FakeBotAPI) -> None:
    other = "654321:" + "X" * 35
    with pytest.raises(InvalidToken):
        async with Bot(other, base_url=fake_api.base_url):
            pass  # initialize() calls getMe
    wrong = Bot(other, base_url=fake_api.base_url)
    with pytest.raises(InvalidToken, match=r"Unauthorized|rejected"):
        await wrong.get_me()
    await wrong.shutdown()
    assert fake_api.calls() == []  # a wrong token's requests are not recorded


async def test_injected_429_gives_retry_after(
    bot: Bot, fake_api: FakeBotAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # opt in to timedelta (pyproject: warnings are errors)
    fake_api.fail_next("sendMessage", chat_id=21, retry_after=3)
    await bot.send_message(22, "other chat is fine")
    with pytest.raises(RetryAfter) as err:
        await bot.send_message(21, "too fast")
    assert err.value.retry_after.total_seconds() == 3
    assert (await bot.send_message(21, "later")).text == "later"  # only once


async def test_blocked_chat_is_forbidden(bot: Bot, fake_api: FakeBotAPI) -> None:
    fake_api.block_chat(31)
    with pytest.raises(Forbidden, match="blocked by the user"):
        await bot.send_message(31, "hello?")
    with pytest.raises(Forbidden):
        await bot.send_chat_action(31, "typing")
    assert (await bot.send_message(32, "fine")).chat.id == 32


async def test_message_too_long_is_refused(bot: Bot, fake_api: FakeBotAPI) -> None:
    from telegram.error import BadRequest

    with pytest.raises(BadRequest, match="too long"):
        await bot.send_message(41, "x" * 4097)
    # entities do not count
    await bot.send_message(41, "<b>" + "x" * 4096 + "</b>", parse_mode=ParseMode.HTML)


@pytest.mark.parametrize("bad", ["Smith & Sons", "a < b", "<b>open", "<p>para</p>", "&nbsp;"])
async def test_html_that_telegram_refuses(bot: Bot, fake_api: FakeBotAPI, bad: str) -> None:
    from telegram.error import BadRequest

    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(42, bad, parse_mode=ParseMode.HTML)
    assert (await bot.send_message(42, bad)).text == bad  # fine without parse mode
    ok = "<b>A &amp; B</b> <i>x &lt; y</i> <blockquote>“q”</blockquote>"
    await bot.send_message(42, ok, parse_mode=ParseMode.HTML)


def test_body_parsing() -> None:
    params, files = parse_body(
        "application/json", b'{"chat_id": 5, "reply_markup": "{\\"a\\": 1}", "text": "12"}'
    )
    assert params == {"chat_id": 5, "reply_markup": {"a": 1}, "text": "12"}
    params, _ = parse_body(
        "application/x-www-form-urlencoded",
        b"chat_id=-100&text=true&allowed_updates=%5B%22message%22%5D&timeout=10",
    )
    assert params == {
        "chat_id": -100,
        "text": "true",
        "allowed_updates": ["message"],
        "timeout": 10,
    }
    body = (
        b'--XyZ\r\nContent-Disposition: form-data; name="chat_id"\r\n\r\n7\r\n'
        b'--XyZ\r\nContent-Disposition: form-data; name="document"; filename="a.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\nhello\r\n--XyZ--\r\n"
    )
    params, files = parse_body("multipart/form-data; boundary=XyZ", body)
    assert params["chat_id"] == 7
    assert files == {"document": b"hello"}
    assert decode_value("chat_id", "@channel") == "@channel"


async def test_send_document_keeps_the_bytes_and_name(bot: Bot, fake_api: FakeBotAPI) -> None:
    fake_api.send_text(103, "hello")
    sent = await bot.send_document(
        103, b"# Saved\n", filename="articles.md", caption="<b>2</b> articles", parse_mode="HTML"
    )
    assert sent.document is not None and sent.document.file_name == "articles.md"
    assert fake_api.bot_documents(103) == [("articles.md", b"# Saved\n", "<b>2</b> articles")]


async def test_inline_query_answer_and_chosen_result(bot: Bot, fake_api: FakeBotAPI) -> None:
    query_id = fake_api.inline_query(55, "harbour")
    updates = await bot.get_updates(timeout=1)
    assert updates[-1].inline_query is not None
    assert updates[-1].inline_query.query == "harbour"
    await bot.answer_inline_query(
        query_id,
        [
            InlineQueryResultArticle(
                "a1", "Sea wall", InputTextMessageContent("<b>Sea wall</b> &amp; more", "HTML")
            )
        ],
        cache_time=30,
        is_personal=True,
    )
    answer = fake_api.inline_answers(query_id)
    assert answer is not None and answer["is_personal"] is True and answer["cache_time"] == 30
    posted = fake_api.choose_inline_result(query_id, "a1", -900, chat_type="group")
    assert posted["text"] == "Sea wall & more"
    assert posted["via_bot"]["id"] == 4242 and posted["from"]["id"] == 55
