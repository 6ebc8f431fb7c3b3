"""Feed filters (/filter N +word -word) and OPML files: a sent OPML file offers to follow its feeds."""

from __future__ import annotations

from collections import OrderedDict

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.errors import UsageError
from bot.i18n import N_, _
from bot.opml import OpmlFeed
from handlers import format as fmt
from handlers.common import edit, friendly, service, typing

FILTER_USAGE = N_(
    "Usage: /filter N +word -word — feed N (from /feeds) keeps only items that mention a +word "
    "and none of the -words; /filter N off removes its filter."
)
MAX_OFFERS = 1000  # chats with an OPML offer waiting for its button
_SHOWN = 15


def _offers(context: ContextTypes.DEFAULT_TYPE) -> OrderedDict[int, list[OpmlFeed]]:
    offers: OrderedDict[int, list[OpmlFeed]] = context.application.bot_data.setdefault(
        "opml_offers", OrderedDict()
    )
    return offers


@friendly
async def set_filter(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/filter N +word -word: change (or with 'off', remove) a followed feed's filter."""
    chat = update.effective_chat
    msg = update.effective_message
    args = context.args or []
    if chat is None or msg is None:
        return
    if len(args) < 2:
        raise UsageError(_(FILTER_USAGE))
    words = "" if [a.lower() for a in args[1:]] == ["off"] else " ".join(args[1:])
    feed = await service(context).set_filter(chat.id, args[0], words)
    name = fmt.esc(fmt.feed_name(feed.title, feed.url))
    if feed.filters:
        text = _("<b>{name}</b> now keeps only items that pass <i>{words}</i>.").format(
            name=name, words=fmt.esc(feed.filters)
        )
    else:
        text = _("<b>{name}</b> has no filter now: every new item is kept.").format(name=name)
    await msg.reply_text(text, parse_mode=ParseMode.HTML, disable_web_page_preview=True)


async def offer_opml(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, data: bytes, reply_to: int
) -> None:
    """An OPML file arrived: say what it lists and offer to follow the feeds not yet followed."""
    offer = await service(context).read_opml(chat_id, data)
    lines = ["<b>" + _("This OPML file lists {n} feed(s).").format(n=offer.listed) + "</b>"]
    if offer.known:
        lines.append(_("You already follow {n} of them.").format(n=offer.known))
    if not offer.new:
        lines.append(_("There is nothing new to follow."))
        await _send(context, chat_id, lines, reply_to)
        return
    for feed in offer.new[:_SHOWN]:
        lines += fmt.block(fmt.feed_name(feed.title, feed.url), "• {}")
    if len(offer.new) > _SHOWN:
        lines.append(_("…and {n} more.").format(n=len(offer.new) - _SHOWN))
    take = min(len(offer.new), offer.room)
    if take == 0:
        lines.append(
            _("You follow {n} feeds, the most I keep; /unfollow some first.").format(
                n=offer.following
            )
        )
        await _send(context, chat_id, lines, reply_to)
        return
    if take < len(offer.new):
        lines.append(
            _("You have room for {n} more feed(s): I would follow the first {n}.").format(n=take)
        )
    offers = _offers(context)
    offers[chat_id] = offer.new[:take]
    offers.move_to_end(chat_id)
    while len(offers) > MAX_OFFERS:
        offers.popitem(last=False)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(_("Follow {n}").format(n=take), callback_data="opml:yes"),
                InlineKeyboardButton(_("No, thanks"), callback_data="opml:no"),
            ]
        ]
    )
    await _send(context, chat_id, lines, reply_to, keyboard)


async def _send(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    lines: list[str],
    reply_to: int | None,
    keyboard: InlineKeyboardMarkup | None = None,
) -> None:
    messages = fmt.pack(lines)
    for i, text in enumerate(messages):
        await context.bot.send_message(
            chat_id,
            text,
            parse_mode=ParseMode.HTML,
            reply_to_message_id=reply_to if i == 0 else None,
            allow_sending_without_reply=True,
            disable_web_page_preview=True,
            reply_markup=keyboard if i == len(messages) - 1 else None,
        )


@friendly
async def on_opml_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The answer to an OPML offer: follow the feeds (with the address rules and the limit)."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return
    pending = _offers(context).pop(chat.id, None)
    await query.answer()
    if query.data != "opml:yes":
        await edit(query, _("OK, I followed none of them."))
        return
    if pending is None:
        await edit(query, _("That offer has expired; send the OPML file again."))
        return
    await edit(query, _("Following {n} feed(s)… this can take a moment.").format(n=len(pending)))
    async with typing(context, chat.id):
        report = await service(context).follow_many(chat.id, pending)
    lines = ["<b>" + _("Now following {n} feed(s).").format(n=len(report.followed)) + "</b>"]
    for feed in report.followed[:_SHOWN]:
        lines += fmt.block(fmt.feed_name(feed.title, feed.url), "• {}")
    if report.failed:
        lines.append("<b>" + _("{n} could not be followed:").format(n=len(report.failed)) + "</b>")
        for url, why in report.failed[:_SHOWN]:
            lines += fmt.block(f"{url} — {why}", "• {}")
    if report.over_limit:
        lines.append(
            _("{n} left out: the per-chat feed limit was reached.").format(n=len(report.over_limit))
        )
    lines.append("<i>" + _("/feeds lists them; their new items go into your digest.") + "</i>")
    await _send(context, chat.id, lines, None)
