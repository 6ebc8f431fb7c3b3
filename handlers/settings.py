"""/start, /help and /settings (brief length, summarizer, time zone)."""

from __future__ import annotations

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot import language
from bot.brief import METHODS
from bot.errors import UsageError
from bot.i18n import N_, _, ngettext
from bot.numbers import parse_number
from handlers import format as fmt
from handlers.common import edit, friendly, service
from store import ChatSettings

# Command names stay English (Telegram's convention); their descriptions are translated and
# registered for each catalogue's language.
COMMANDS: list[tuple[str, str]] = [
    ("start", N_("what this bot does")),
    ("help", N_("how to use it")),
    ("summary", N_("the current article's brief [N sentences]")),
    ("tldr", N_("the current article in one sentence")),
    ("ask", N_("ask about the current article")),
    ("articles", N_("your recent articles")),
    ("use", N_("switch to article N")),
    ("search", N_("search your articles")),
    ("settings", N_("brief length, summarizer, time zone, language")),
    ("subscribe", N_("a daily digest [HH:MM] [time zone]")),
    ("unsubscribe", N_("stop the daily digest")),
    ("digest", N_("today's digest now")),
    ("follow", N_("add an RSS or Atom feed to the digest")),
    ("unfollow", N_("stop following feed N")),
    ("feeds", N_("the feeds you follow")),
    ("filter", N_("filter feed N: +word -word")),
    ("export", N_("your articles as a file [json|feeds]")),
    ("forget", N_("delete everything kept for this chat")),
]


def bot_commands() -> list[BotCommand]:
    """The command list in the current language."""
    return [BotCommand(name, _(description)) for name, description in COMMANDS]


START = N_(
    "<b>Hi! I brief news articles and answer questions about them.</b>\n\n"
    "Paste an article, forward a post, send a text/HTML/Markdown file, or send a link. "
    "I reply with the few sentences that carry the story, taken from the article itself.\n"
    "Then ask me: <i>Who? Where? When? How many?</i> — I answer by quoting the sentence that "
    "says so.\n\n"
    "/help lists everything I can do."
)

HELP = N_(
    "<b>Send me an article</b>: paste it (long pastes split into several messages are joined), "
    "forward a post, send a file, or a link.\n"
    "<b>Ask about it</b>: just type a question, or reply to a brief to ask about that article.\n\n"
    "/summary [N] — the current article's brief, N sentences\n"
    "/ask QUESTION — ask explicitly\n"
    "/articles — your recent articles, numbered\n"
    "/use N — make article N the current one\n"
    "/search WORDS — search all your articles\n"
    "/settings — brief length, summarizer, time zone, language\n"
    "/subscribe [HH:MM] [ZONE] — a daily digest of what you saved and your feeds' news\n"
    "/unsubscribe — stop it · /digest — today's digest now\n"
    "/follow URL — add an RSS or Atom feed · /feeds — list them · /unfollow N — drop one\n"
    "/forget — delete everything kept for this chat\n\n"
    "In groups I answer commands, mentions and replies to my messages. "
    "Your articles are visible to this chat only."
)

HELP_MORE = N_(
    "<b>More</b>: I read PDF files too, and OPML files (a feed reader's export) to follow their "
    "feeds.\n"
    "/tldr — the current article in one sentence\n"
    "/follow URL +word -word — a feed that keeps only items mentioning a +word and no -word\n"
    "/filter N +word -word — change feed N's filter (/filter N off removes it)\n"
    "/export — your articles as a Markdown file · /export json · /export feeds (OPML)\n"
    "Type @ and my name and some words in any chat to share one of your briefs there."
)

SETTINGS_USAGE = N_(
    "Usage: /settings sentences N · /settings method NAME · /settings timezone Europe/Berlin"
    " · /settings language de (or auto)"
)


def settings_text(cur: ChatSettings) -> str:
    """The chat's settings, in the current language."""
    return "\n".join(
        [
            "<b>" + _("Settings for this chat") + "</b>",
            ngettext(
                "Brief length: {n} sentence", "Brief length: {n} sentences", cur.sentences
            ).format(n=cur.sentences),
            _("Summarizer: {name}").format(name=fmt.esc(cur.method or _("default"))),
            _("Time zone: {zone}").format(zone=fmt.esc(cur.timezone)),
            _("Language of articles: {language}").format(
                language=fmt.esc(language.name(cur.language) or _("detected for each article"))
            ),
        ]
    )


@friendly
async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: what the bot does."""
    if update.effective_message:
        await update.effective_message.reply_text(_(START), parse_mode=ParseMode.HTML)


@friendly
async def help_(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: every command."""
    if update.effective_message:
        await update.effective_message.reply_text(
            f"{_(HELP)}\n\n{_(HELP_MORE)}", parse_mode=ParseMode.HTML
        )


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
            raise UsageError(_(SETTINGS_USAGE))
        key, value = args[0].lower(), args[1]
        if key in ("sentences", "length"):
            if parse_number(value) is None:
                raise UsageError("Usage: /settings sentences N (1 to 10)")
            await svc.update_settings(chat.id, sentences=parse_number(value))
        elif key in ("method", "summarizer"):
            await svc.update_settings(chat.id, method=value)
        elif key in ("timezone", "tz", "zone"):
            await svc.update_settings(chat.id, timezone=value)
        elif key in ("language", "lang"):
            await svc.update_settings(chat.id, language=value)
        else:
            raise UsageError(_(SETTINGS_USAGE))
    cur = await svc.chat_settings(chat.id)
    text = f"{settings_text(cur)}\n\n<i>{fmt.esc(_(SETTINGS_USAGE))}</i>"
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
    if len(parts) == 3 and parts[1] == "len" and (n := parse_number(parts[2])) is not None:
        cur = await svc.update_settings(chat.id, sentences=n)
    elif len(parts) == 3 and parts[1] == "m":
        cur = await svc.update_settings(chat.id, method=parts[2])
    else:
        raise UsageError("That button no longer works.")
    await query.answer(_("Saved."))
    await edit(
        query,
        settings_text(cur),
        parse_mode=ParseMode.HTML,
        reply_markup=_keyboard(cur.sentences),
    )
