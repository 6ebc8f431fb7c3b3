"""/export: the chat's saved articles as a Markdown (or JSON) file, or its feeds as OPML."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import ContextTypes

from bot.errors import UsageError
from bot.i18n import N_, _
from handlers.common import friendly, service

USAGE = N_(
    "Usage: /export — your saved articles as a Markdown file; /export json — as JSON; "
    "/export feeds — the feeds you follow, as OPML."
)


@friendly
async def export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/export [json|feeds]: send the library (or the feeds) as files."""
    chat = update.effective_chat
    msg = update.effective_message
    if chat is None or msg is None:
        return
    args = [a.lower() for a in context.args or []]
    if args not in ([], ["json"], ["markdown"], ["md"], ["feeds"], ["opml"]):
        raise UsageError(_(USAGE))
    svc = service(context)
    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    if args in (["feeds"], ["opml"]):
        opml = await svc.export_feeds(chat.id)
        await msg.reply_document(
            opml.data, filename=opml.name, caption=_("Your feeds as OPML: feed readers import it.")
        )
        return
    files = await svc.export_library(chat.id, as_json=args == ["json"])
    total = len(files)
    for number, f in enumerate(files, start=1):
        caption = (
            _("Your saved articles")
            if total == 1
            else _("Your saved articles, {number} of {total}").format(number=number, total=total)
        )
        await msg.reply_document(f.data, filename=f.name, caption=caption)
