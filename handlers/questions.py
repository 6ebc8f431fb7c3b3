"""Questions about an article: plain questions, /ask, and replies to a brief."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import ContextTypes

from bot.errors import UsageError
from handlers import format as fmt
from handlers.common import friendly, send_html, service


async def answer_question(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    question: str,
    msg: Message,
    *,
    article_id: int | None = None,
    reply_to: int | None = None,
) -> None:
    """Answer from the article's own sentences and reply with the quote (or 'it doesn't say').

    `reply_to`: the bot's message the question replies to (a follow-up leans on that answer)."""
    pastes = context.application.bot_data["pastes"]
    await pastes.flush(chat_id)
    # Answers take milliseconds: no "typing…" round trip to Telegram before them.
    svc = service(context)
    reply = await svc.ask(chat_id, question, article_id=article_id, reply_to=reply_to, record=False)
    sent = await send_html(context, chat_id, fmt.reply_messages(reply), reply_to=msg.message_id)
    # One write for the question log and for "these messages are about that article".
    await svc.record(chat_id, question, reply, [m.message_id for m in sent])


@friendly
async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask QUESTION: answer about the current article (or the one the message replies to)."""
    msg = update.effective_message
    chat = update.effective_chat
    if msg is None or chat is None:
        return
    question = " ".join(context.args or [])
    if not question.strip():
        raise UsageError("Usage: /ask QUESTION — for example: /ask Who led the rescue?")
    article_id = None
    if msg.reply_to_message is not None:
        about = await service(context).article_for_message(chat.id, msg.reply_to_message.message_id)
        article_id = about.id if about else None
    replied = msg.reply_to_message.message_id if msg.reply_to_message else None
    await answer_question(context, chat.id, question, msg, article_id=article_id, reply_to=replied)
