"""Articles arriving: pasted text (merged when split into several messages), forwards, documents, links."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from telegram import Message, MessageOrigin, Update
from telegram.ext import ContextTypes

from bot.documents import MAX_DOCUMENT_BYTES
from bot.errors import ArticlebotError, TooLarge, shown
from bot.i18n import _
from bot.intent import Intent, classify, find_url
from bot.opml import looks_like_opml
from bot.pdf import MAX_PDF_BYTES
from bot.service import Brief
from handlers import format as fmt
from handlers.common import (
    addressed_to_bot,
    friendly,
    is_group,
    send_html,
    service,
    strip_mention,
    typing,
)
from handlers.feeds import offer_opml
from handlers.questions import answer_question

log = logging.getLogger(__name__)
# Clients split a long paste into messages of up to 4096 characters; a message this long may be
# the first part of one, so the bot waits a moment for the rest before briefing.
PART_MIN_CHARS = 3500
_TERMINAL = re.compile(r"[.!?…][\"'”’)]*\s*$")


@dataclass
class _Pending:
    parts: list[str]
    first: Message
    deadline: float
    user_id: int | None = None
    updates: list[int] = field(default_factory=list)  # the parts' updates, held in the journal
    flushed: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task[None] | None = None


class Pastes:
    """Per-chat buffers that join the parts of a split paste into one article.

    A part's update is held unfinished in the update journal (`hold`) until the joined paste is
    stored or dropped (`release`): a crash while a paste waits or is briefed replays its parts.
    """

    def __init__(
        self,
        delay: float,
        *,
        hold: Callable[[int], None] | None = None,
        release: Callable[[list[int]], Awaitable[None]] | None = None,
    ) -> None:
        self.delay = delay
        self._hold = hold
        self._release = release
        self._pending: dict[int, _Pending] = {}
        self._briefing: dict[int, asyncio.Task[None]] = {}  # joined pastes being briefed

    def pending(self, chat_id: int) -> bool:
        return chat_id in self._pending

    def continues(self, chat_id: int, user_id: int | None) -> bool:
        """Is the next message from this user the rest of a split paste?

        Only while the latest part was long enough to have been cut by the client: the part
        after a short one is a new message (a question, say), not more of the article.
        """
        p = self._pending.get(chat_id)
        return p is not None and p.user_id == user_id and len(p.parts[-1]) >= PART_MIN_CHARS

    def _keep(self, p: _Pending, update_id: int | None) -> None:
        if update_id is not None and self._hold is not None:
            self._hold(update_id)
            p.updates.append(update_id)

    def add(self, chat_id: int, text: str, update_id: int | None = None) -> None:
        p = self._pending[chat_id]
        p.parts.append(text)
        p.deadline = time.monotonic() + self.delay
        self._keep(p, update_id)

    def start(
        self,
        chat_id: int,
        text: str,
        first: Message,
        process: Callable[[str, Message], Awaitable[None]],
        spawn: Callable[[Coroutine[Any, Any, None]], asyncio.Task[None]],
        update_id: int | None = None,
    ) -> None:
        user = first.from_user.id if first.from_user else None
        p = _Pending(
            parts=[text], first=first, deadline=time.monotonic() + self.delay, user_id=user
        )
        self._pending[chat_id] = p
        self._keep(p, update_id)
        p.task = spawn(self._run(chat_id, p, process))

    async def _run(
        self, chat_id: int, p: _Pending, process: Callable[[str, Message], Awaitable[None]]
    ) -> None:
        try:
            while (remaining := p.deadline - time.monotonic()) > 0 and not p.flushed.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(p.flushed.wait(), remaining)
            self._pending.pop(chat_id, None)
            if p.task is not None:
                self._briefing[chat_id] = p.task
            try:
                await process(join_parts(p.parts), p.first)
            finally:
                if self._briefing.get(chat_id) is p.task:
                    self._briefing.pop(chat_id, None)
        finally:
            if p.updates and self._release is not None:
                await self._release(p.updates)

    async def flush(self, chat_id: int) -> None:
        """Brief a pending paste now (before handling the chat's next command or question)."""
        p = self._pending.get(chat_id)
        if p is not None and p.task is not None:
            p.flushed.set()
            with contextlib.suppress(Exception):
                await p.task
        elif (running := self._briefing.get(chat_id)) is not None:
            with contextlib.suppress(Exception):
                await running

    async def flush_all(self) -> None:
        """Brief every pending paste now and wait for those being briefed (the bot is stopping:
        a paste held for its next part must not be lost with the process)."""
        for chat_id in list(self._pending) + list(self._briefing):
            await self.flush(chat_id)

    async def discard(self, chat_id: int) -> bool:
        """Drop the chat's pending paste unread (returns True); a paste already being briefed
        is waited for instead, so whatever it stores is there to be deleted."""
        p = self._pending.pop(chat_id, None)
        if p is not None and p.task is not None:
            p.task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await p.task
            return True
        await self.flush(chat_id)
        return False


def join_parts(parts: list[str]) -> str:
    """Join the parts of a split paste: mid-sentence cuts get a space, others a paragraph break."""
    text = parts[0]
    for part in parts[1:]:
        sep = "\n\n" if _TERMINAL.search(text) else " "
        text = f"{text.rstrip()}{sep}{part.lstrip()}"
    return text


def origin_name(origin: MessageOrigin) -> str | None:
    """The channel, chat or person a forwarded message came from."""
    chat = getattr(origin, "chat", None) or getattr(origin, "sender_chat", None)
    if chat is not None:
        return chat.title or (f"@{chat.username}" if chat.username else None)
    user = getattr(origin, "sender_user", None)
    if user is not None:
        return str(user.full_name)
    name = getattr(origin, "sender_user_name", None)
    return str(name) if name else None


def pastes(context: ContextTypes.DEFAULT_TYPE) -> Pastes:
    p: Pastes = context.application.bot_data["pastes"]
    return p


async def show_brief(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, b: Brief, *, reply_to: int | None
) -> None:
    await send_html(
        context,
        chat_id,
        fmt.brief_messages(b),
        reply_to=reply_to,
        keyboard=fmt.brief_keyboard(b),
        about_article=b.article.id,
    )


async def ingest_text(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    text: str,
    message: Message,
    *,
    origin: str = "paste",
    source: str | None = None,
) -> None:
    async with typing(context, chat_id):
        b = await service(context).add_text(chat_id, text, origin=origin, source=source)
    await show_brief(context, chat_id, b, reply_to=message.message_id)


@friendly
async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text or captioned message: a new article, a link, or a question about the current one."""
    msg = update.effective_message
    chat = update.effective_chat
    if msg is None or chat is None:
        return
    text = msg.text or msg.caption or ""
    username = context.bot.username if context.bot else None
    buffers = pastes(context)
    user_id = msg.from_user.id if msg.from_user else None
    if buffers.continues(chat.id, user_id) and not msg.forward_origin:
        # The rest of a split paste: in a group it does not mention the bot again.
        buffers.add(chat.id, text, update.update_id)
        return
    if is_group(update):
        if not addressed_to_bot(msg, username):
            return
        text = strip_mention(text, username)
    await buffers.flush(chat.id)
    if msg.forward_origin is not None:
        source = origin_name(msg.forward_origin)
        url = find_url(text)
        if url and classify(text) is Intent.LINK:
            await ingest_link(context, chat.id, url, msg)
        else:
            await ingest_text(context, chat.id, text, msg, origin="forward", source=source)
        return
    intent = classify(text)
    reply = msg.reply_to_message
    if reply is not None and intent not in (Intent.ARTICLE, Intent.LINK):
        about = await service(context).article_for_message(chat.id, reply.message_id)
        if about is not None:
            await answer_question(
                context, chat.id, text, msg, article_id=about.id, reply_to=reply.message_id
            )
            return
    if intent is Intent.LINK:
        await ingest_link(context, chat.id, find_url(text) or text, msg)
    elif intent is Intent.ARTICLE:
        if len(text) >= PART_MIN_CHARS and buffers.delay > 0:

            async def process(joined: str, first: Message) -> None:
                try:
                    await ingest_text(context, chat.id, joined, first)
                except ArticlebotError as exc:
                    await context.bot.send_message(chat.id, shown(exc))
                except Exception:
                    log.exception("error while briefing a merged paste in chat %s", chat.id)
                    await context.bot.send_message(
                        chat.id,
                        _("Sorry, something went wrong with that article. Please try again."),
                    )

            app = context.application
            # While stopping, Application.create_task would warn that it will not wait for the
            # task: post_stop does (Pastes.flush_all).
            buffers.start(
                chat.id,
                text,
                msg,
                process,
                app.create_task if app.running else asyncio.create_task,
                update.update_id,
            )
        else:
            await ingest_text(context, chat.id, text, msg)
    elif intent is Intent.GREETING:
        await msg.reply_text(
            _(
                "Hello! Paste an article, forward one, or send a link, and I'll brief it. "
                "Then ask me about it. /help lists what I can do."
            )
        )
    else:
        await answer_question(context, chat.id, text, msg)


async def ingest_link(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, url: str, msg: Message
) -> None:
    async with typing(context, chat_id):
        b = await service(context).add_url(chat_id, url)
    await show_brief(context, chat_id, b, reply_to=msg.message_id)


@friendly
async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text, HTML, Markdown or PDF file sent as a document (an OPML file offers its feeds)."""
    msg = update.effective_message
    chat = update.effective_chat
    if msg is None or chat is None or msg.document is None:
        return
    if is_group(update) and not addressed_to_bot(msg, context.bot.username):
        return
    doc = msg.document
    is_pdf_file = doc.mime_type == "application/pdf" or (doc.file_name or "").lower().endswith(
        ".pdf"
    )
    limit = MAX_PDF_BYTES if is_pdf_file else MAX_DOCUMENT_BYTES
    if doc.file_size and doc.file_size > limit:
        raise TooLarge(
            "That file is {size:.1f} MB; I read files up to {limit} MB.",
            size=doc.file_size / 1e6,
            limit=limit // 1_000_000,
        )
    await pastes(context).flush(chat.id)
    async with typing(context, chat.id):
        file = await doc.get_file()
        data = bytes(await file.download_as_bytearray())
        if looks_like_opml(data, doc.file_name):
            await offer_opml(context, chat.id, data, msg.message_id)
            return
        source = origin_name(msg.forward_origin) if msg.forward_origin else None
        b = await service(context).add_document(
            chat.id, data, filename=doc.file_name, mime=doc.mime_type, source=source
        )
    await show_brief(context, chat.id, b, reply_to=msg.message_id)
