"""/start, /help and /settings (brief length, summarizer, time zone)."""

from __future__ import annotations

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot import language
from bot.brief import METHODS
from bot.errors import UsageError
from handlers import format as fmt
from handlers.common import edit, friendly, service

COMMANDS = [
    BotCommand("start", "what this bot does"),
    BotCommand("help", "how to use it"),
    BotCommand("summary", "the current article's brief [N sentences]"),
    BotCommand("ask", "ask about the current article"),
    BotCommand("articles", "your recent articles"),
    BotCommand("use", "switch to article N"),
    BotCommand("search", "search your articles"),
    BotCommand("settings", "brief length, summarizer, time zone"),
    BotCommand("subscribe", "a daily digest [HH:MM] [time zone]"),
    BotCommand("unsubscribe", "stop the daily digest"),
    BotCommand("digest", "today's digest now"),
    BotCommand("follow", "add an RSS or Atom feed to the digest"),
    BotCommand("unfollow", "stop following feed N"),
    BotCommand("feeds", "the feeds you follow"),
    BotCommand("forget", "delete everything kept for this chat"),
]

START = (
    "<b>Hi! I brief news articles and answer questions about them.</b>\n\n"
    "Paste an article, forward a post, send a text/HTML/Markdown file, or send a link. "
    "I reply with the few sentences that carry the story, taken from the article itself.\n"
    "Then ask me: <i>Who? Where? When? How many?</i> — I answer by quoting the sentence that says so.\n\n"
    "/help lists everything I can do."
)

HELP = (
    "<b>Send me an article</b>: paste it (long pastes split into several messages are joined), "
    "forward a post, send a file, or a link.\n"
    "<b>Ask about it</b>: just type a question, or reply to a brief to ask about that article.\n\n"
    "/summary [N] — the current article's brief, N sentences\n"
    "/ask QUESTION — ask explicitly\n"
    "/articles — your recent articles, numbered\n"
    "/use N — make article N the current one\n"
    "/search WORDS — search all your articles\n"
    "/settings — brief length, summarizer, time zone\n"
    "/subscribe [HH:MM] [ZONE] — a daily digest of what you saved and your feeds' news\n"
    "/unsubscribe — stop it · /digest — today's digest now\n"
    "/follow URL — add an RSS or Atom feed · /feeds — list them · /unfollow N — drop one\n"
    "/forget — delete everything kept for this chat\n\n"
    "In groups I answer commands, mentions and replies to my messages. "
    "Your articles are visible to this chat only."
)

SETTINGS_USAGE = (
    "Usage: /settings sentences N · /settings method NAME · /settings timezone Europe/Berlin"
    " · /settings language de (or auto)"
)


@friendly
async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: what the bot does."""
    if update.effective_message:
        await update.effective_message.reply_text(START, parse_mode=ParseMode.HTML)


@friendly
async def help_(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: every command."""
    if update.effective_message:
        await update.effective_message.reply_text(HELP, parse_mode=ParseMode.HTML)


def _keyboard(current_len: int) -> InlineKeyboardMarkup:
    lengths = [
        InlineKeyboardButton(f"{'✓' if n == current_len else ''}{n}", callback_data=f"set:len:{n}")
        for n in range(1, 7)
    ]
    methods = [InlineKeyboardButton(m, callback_data=f"set:m:{m}") for m in METHODS]
    return InlineKeyboardMarkup([lengths, methods[:4], methods[4:]])


@friendly
async def settings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/settings [sentences N | method NAME | timezone ZONE]: show or change the chat's settings."""
    chat = update.effective_chat
    if chat is None:
        return
    svc = service(context)
    args = context.args or []
    if args:
        if len(args) != 2:
            raise UsageError(SETTINGS_USAGE)
        key, value = args[0].lower(), args[1]
        if key in ("sentences", "length"):
            if not value.isdigit() or len(value) > 3:
                raise UsageError("Usage: /settings sentences N (1 to 10)")
            await svc.update_settings(chat.id, sentences=int(value))
        elif key in ("method", "summarizer"):
            await svc.update_settings(chat.id, method=value)
        elif key in ("timezone", "tz", "zone"):
            await svc.update_settings(chat.id, timezone=value)
        elif key in ("language", "lang"):
            await svc.update_settings(chat.id, language=value)
        else:
            raise UsageError(SETTINGS_USAGE)
    cur = await svc.chat_settings(chat.id)
    text = (
        "<b>Settings for this chat</b>\n"
        f"Brief length: {cur.sentences} sentences\n"
        f"Summarizer: {fmt.esc(cur.method or 'default')}\n"
        f"Time zone: {fmt.esc(cur.timezone)}\n"
        f"Language of articles: {fmt.esc(language.name(cur.language) or 'detected for each')}\n\n"
        f"<i>{fmt.esc(SETTINGS_USAGE)}</i>"
    )
    await context.bot.send_message(
        chat.id, text, parse_mode=ParseMode.HTML, reply_markup=_keyboard(cur.sentences)
    )


@friendly
async def on_settings_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Buttons under /settings: brief length and summarizer."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return
    parts = (query.data or "").split(":")
    svc = service(context)
    if len(parts) == 3 and parts[1] == "len" and parts[2].isdigit():
        cur = await svc.update_settings(chat.id, sentences=int(parts[2]))
    elif len(parts) == 3 and parts[1] == "m":
        cur = await svc.update_settings(chat.id, method=parts[2])
    else:
        raise UsageError("That button no longer works.")
    await query.answer("Saved.")
    await edit(
        query,
        "<b>Settings for this chat</b>\n"
        f"Brief length: {cur.sentences} sentences\n"
        f"Summarizer: {fmt.esc(cur.method or 'default')}\n"
        f"Time zone: {fmt.esc(cur.timezone)}",
        parse_mode=ParseMode.HTML,
        reply_markup=_keyboard(cur.sentences),
    )
