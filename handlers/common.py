"""What every handler shares: the service, sending HTML replies, friendly errors, typing, groups."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, MessageEntity, Update
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot import i18n
from bot.errors import ArticlebotError, StorageError, shown
from bot.service import Service
from handlers import format as fmt

log = logging.getLogger(__name__)
Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


def service(context: ContextTypes.DEFAULT_TYPE) -> Service:
    svc: Service = context.application.bot_data["service"]
    return svc


async def send_html(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    messages: list[str],
    *,
    reply_to: int | None = None,
    keyboard: InlineKeyboardMarkup | None = None,
    about_article: int | None = None,
) -> list[Message]:
    """Send HTML messages in order (keyboard under the last); remember which article they are about."""
    sent: list[Message] = []
    messages = fmt.fit(messages)
    for i, text in enumerate(messages):
        last = i == len(messages) - 1
        msg = await context.bot.send_message(
            chat_id,
            text,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard if last else None,
            reply_to_message_id=reply_to if i == 0 else None,
            allow_sending_without_reply=True,
            disable_web_page_preview=True,
        )
        sent.append(msg)
    if about_article is not None:
        for msg in sent:
            await service(context).remember(chat_id, msg.message_id, about_article)
    return sent


async def reader_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The language to answer in: the chat's /settings language, else the user's Telegram
    language, when there is a catalogue for it; English otherwise."""
    chat, user = update.effective_chat, update.effective_user
    chosen = None
    if chat is not None:
        with contextlib.suppress(ArticlebotError):
            chosen = (await service(context).chat_settings(chat.id)).language
    return i18n.choose(chosen, user.language_code if user else None)


def friendly(handler: Handler) -> Handler:
    """Answer in the reader's language; turn errors a user can cause into a short reply (in
    that language); anything else goes to the error handler."""

    @functools.wraps(handler)
    async def wrapper(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        with i18n.speaking(await reader_language(update, context)):
            await _handle(handler, update, context)

    return wrapper


async def _handle(handler: Handler, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    try:
        await handler(update, context)
    except ArticlebotError as exc:
        chat = update.effective_chat
        if isinstance(exc, StorageError):
            log.error("storage failed for chat %s: %s", chat.id if chat else None, exc)
        if update.callback_query is not None:
            with contextlib.suppress(Exception):
                await update.callback_query.answer(shown(exc)[:190], show_alert=True)
        elif chat is not None:
            msg = update.effective_message
            await context.bot.send_message(
                chat.id,
                shown(exc)[: fmt.LIMIT],
                reply_to_message_id=msg.message_id if msg else None,
                allow_sending_without_reply=True,
            )


@contextlib.asynccontextmanager
async def typing(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" in the chat, renewed every few seconds, while slow work runs."""

    async def keep_typing() -> None:
        while True:
            with contextlib.suppress(Exception):
                await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
            await asyncio.sleep(4.5)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def edit(query: CallbackQuery, text: str, **kwargs: Any) -> None:
    """Edit the message under a pressed button; pressing the same button twice changes nothing."""
    try:
        await query.edit_message_text(text, **kwargs)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


def is_group(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


def addressed_to_bot(message: Message, username: str | None) -> bool:
    """In a group: the message mentions the bot or replies to one of its messages."""
    reply = message.reply_to_message
    if (
        reply is not None
        and reply.from_user is not None
        and reply.from_user.is_bot
        and (username is None or reply.from_user.username == username)
    ):
        return True
    if username:
        text_entities: dict[Any, str] = message.parse_entities([MessageEntity.MENTION])
        caption_entities: dict[Any, str] = message.parse_caption_entities([MessageEntity.MENTION])
        mentions = [*text_entities.values(), *caption_entities.values()]
        if any(m.lstrip("@").lower() == username.lower() for m in mentions):
            return True
    return False


def strip_mention(text: str, username: str | None) -> str:
    if not username:
        return text
    return text.replace(f"@{username}", " ").strip()
