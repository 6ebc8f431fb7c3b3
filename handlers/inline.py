"""Inline mode: `@bot words` in any chat lists the user's own saved articles that match, and the
chosen one posts its brief (title, source link, sentences) into that chat.

Only the user's private-chat library is searched (in a private chat the chat id is the user id),
never a group's; the answer is personal and cached only briefly.
"""

from __future__ import annotations

import logging

from telegram import InlineQueryResultArticle, InputTextMessageContent, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.errors import ArticlebotError
from bot.service import Brief
from handlers import format as fmt
from handlers.common import service

log = logging.getLogger(__name__)

CACHE_SECONDS = 10  # Telegram keeps the answer this long (per user: is_personal)
MAX_RESULTS = 20
_DESCRIPTION_CHARS = 120


def result_for(b: Brief) -> InlineQueryResultArticle:
    """One saved article as an inline result: picking it posts the brief."""
    title = fmt.title_of(b.article.title)
    first = b.sentences[0] if b.sentences else ""
    description = f"{b.article.source + ' · ' if b.article.source else ''}{first}"
    if len(description) > _DESCRIPTION_CHARS:
        description = description[: _DESCRIPTION_CHARS - 1].rstrip() + "…"
    return InlineQueryResultArticle(
        id=str(b.article.id),
        title=title[:200],
        description=description,
        input_message_content=InputTextMessageContent(
            fmt.shared_brief(b),
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
    )


async def on_inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`@bot words`: the user's own matching articles (their newest when no words are given)."""
    query = update.inline_query
    if query is None:
        return
    try:
        briefs = await service(context).inline_search(
            query.from_user.id, query.query, limit=MAX_RESULTS
        )
    except ArticlebotError as exc:
        log.info("inline query from %s: %s", query.from_user.id, exc)
        briefs = []
    await query.answer(
        [result_for(b) for b in briefs],
        cache_time=CACHE_SECONDS,
        is_personal=True,
        button=None,
    )
