"""The chat's library: /summary, /tldr, /articles, /use, /search, /forget, and the brief's buttons."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus, ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.errors import NoArticle, NotFound, UsageError
from bot.i18n import N_, _, ngettext
from bot.numbers import parse_number
from handlers import format as fmt
from handlers.articles import pastes, show_brief
from handlers.common import edit, friendly, is_group, send_html, service


def _one_int_arg(
    context: ContextTypes.DEFAULT_TYPE, usage: str, *, optional: bool = False
) -> int | None:
    args = context.args or []
    if not args and optional:
        return None
    number = parse_number(args[0]) if len(args) == 1 else None
    if number is None:
        raise UsageError(usage)
    return number


@friendly
async def summary(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/summary [N]: the current article's brief again, N sentences long."""
    chat = update.effective_chat
    msg = update.effective_message
    if chat is None or msg is None:
        return
    n = _one_int_arg(context, N_("Usage: /summary [N] — for example /summary 5"), optional=True)
    await pastes(context).flush(chat.id)
    b = await service(context).brief(chat.id, sentences=n)
    await show_brief(context, chat.id, b, reply_to=msg.message_id)


@friendly
async def tldr(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/tldr: the one sentence that best stands for the current (or the replied brief's) article."""
    chat = update.effective_chat
    msg = update.effective_message
    if chat is None or msg is None:
        return
    if context.args:
        raise UsageError("Usage: /tldr (no arguments; reply to a brief for that article)")
    await pastes(context).flush(chat.id)
    svc = service(context)
    about = None
    if msg.reply_to_message is not None:
        about = await svc.article_for_message(chat.id, msg.reply_to_message.message_id)
    t = await svc.tldr(chat.id, article_id=about.id if about else None)
    await send_html(
        context, chat.id, [fmt.tldr_message(t)], reply_to=msg.message_id, about_article=t.article.id
    )


@friendly
async def articles(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/articles: the chat's recent articles, numbered for /use."""
    chat = update.effective_chat
    if chat is None:
        return
    if context.args:
        raise UsageError("Usage: /articles (no arguments)")
    svc = service(context)
    await pastes(context).flush(chat.id)
    items = await svc.articles(chat.id)
    try:
        current: int | None = (await svc.current(chat.id)).id
    except NoArticle:
        current = None
    numbers = await svc.article_numbers(chat.id, [a.id for a in items])
    await send_html(context, chat.id, fmt.articles_messages(items, current, numbers))


@friendly
async def use(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/use N: make article N (from /articles) the one questions are about."""
    chat = update.effective_chat
    if chat is None:
        return
    n = _one_int_arg(context, N_("Usage: /use N — N is a number from /articles"))
    assert n is not None
    if n < 1:
        raise UsageError("Usage: /use N — N is a number from /articles")
    chosen = await service(context).use(chat.id, n)
    await send_html(
        context,
        chat.id,
        fmt.now_answering(chosen.title),
        about_article=chosen.id,
    )


@friendly
async def search(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/search WORDS: find sentences across the chat's articles."""
    chat = update.effective_chat
    if chat is None:
        return
    words = " ".join(context.args or [])
    if not words.strip():
        raise UsageError("Usage: /search WORDS — for example /search flood barrier")
    hits = await service(context).search(chat.id, words)
    numbers = await service(context).article_numbers(chat.id, [h.article_id for h in hits])
    await send_html(context, chat.id, fmt.search_messages(words, hits, numbers))


@friendly
async def forget(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/forget: delete all of this chat's data, after a confirmation button."""
    chat = update.effective_chat
    if chat is None:
        return
    asker = update.effective_user.id if update.effective_user else 0
    keyboard = InlineKeyboardMarkup(
        [
            [
                # The button names who asked: in a group only they (or an admin) may confirm.
                InlineKeyboardButton(
                    _("Yes, delete everything"), callback_data=f"forget:yes:{asker}"
                ),
                InlineKeyboardButton(_("Cancel"), callback_data=f"forget:no:{asker}"),
            ]
        ]
    )
    await context.bot.send_message(
        chat.id,
        _("This deletes every article, question and setting kept for this chat. Are you sure?"),
        reply_markup=keyboard,
    )


def _parse(data: str) -> tuple[str, list[int]]:
    kind, _, rest = data.partition(":")
    nums = []
    for part in rest.split(":") if rest else []:
        number = parse_number(part)
        if number is None:
            raise ValueError(data)
        nums.append(number)
    return kind, nums


FORGET_WHO = N_("Only the member who asked for /forget, or a group admin, can answer this.")


async def _may_answer_forget(
    update: Update, context: ContextTypes.DEFAULT_TYPE, asker: int
) -> bool:
    """In a private chat, anyone there; in a group, the member who asked or an admin."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return False
    if not is_group(update) or (asker and user.id == asker):
        return True
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


async def _confirm_forget(update: Update, context: ContextTypes.DEFAULT_TYPE, data: str) -> None:
    """The /forget buttons: a paste still arriving is dropped first, then everything goes."""
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None and chat is not None
    parts = data.split(":")
    answer = parts[1] if len(parts) > 1 else ""
    asker = parse_number(parts[2], id_=True) if len(parts) > 2 else 0
    if answer not in ("yes", "no") or asker is None:
        raise NotFound("That button no longer works.")
    if not await _may_answer_forget(update, context, asker):
        await query.answer(_(FORGET_WHO), show_alert=True)
        return
    if answer == "yes":
        dropped = await pastes(context).discard(chat.id)
        n = await service(context).forget(chat.id)
        text = ngettext(
            "Done: I deleted everything kept for this chat ({n} article).",
            "Done: I deleted everything kept for this chat ({n} articles).",
            n,
        ).format(n=n)
        if dropped:
            text += " " + _("The article you were still sending was dropped unread.")
    else:
        text = _("Cancelled; nothing was deleted.")
    await query.answer()
    await edit(query, text)


@friendly
async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The buttons under briefs and the /forget confirmation."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return
    data = query.data or ""
    svc = service(context)
    if data.startswith("forget:"):
        await _confirm_forget(update, context, data)
        return
    try:
        kind, nums = _parse(data)
    except ValueError:
        raise NotFound("That button no longer works.") from None
    if kind == "len" and len(nums) == 2:
        b = await svc.brief(chat.id, article_id=nums[0], sentences=nums[1])
        await query.answer()
        messages = fmt.brief_messages(b)
        if len(messages) == 1:
            try:
                await query.edit_message_text(
                    messages[0],
                    parse_mode=ParseMode.HTML,
                    reply_markup=fmt.brief_keyboard(b),
                    disable_web_page_preview=True,
                )
                return
            except BadRequest:
                pass  # message too old or unchanged: send a new one instead
        await show_brief(context, chat.id, b, reply_to=None)
    elif kind == "tldr" and len(nums) == 1:
        t = await svc.tldr(chat.id, article_id=nums[0])
        await query.answer()
        await send_html(context, chat.id, [fmt.tldr_message(t)], about_article=nums[0])
    elif kind == "who" and len(nums) == 1:
        m = await svc.mentions(chat.id, article_id=nums[0])
        await query.answer()
        await send_html(context, chat.id, fmt.mentions_messages(m), about_article=nums[0])
    else:
        raise NotFound("That button no longer works.")
