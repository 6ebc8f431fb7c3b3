"""Build and run the Telegram application: handlers, ordering, logging without the token, shutdown."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot import i18n
from bot.i18n import _
from bot.service import Service
from bot.settings import Settings
from handlers import articles, digests, export, feeds, inline, library, questions
from handlers import settings as settings_handlers
from handlers.articles import Pastes
from handlers.common import reader_language

log = logging.getLogger(__name__)

MAINTENANCE_EVERY = 3600.0  # seconds between maintenance runs (the first 10 minutes after start)
MAINTENANCE_SECONDS = 120.0  # a run stops after this long; the next one carries on


class RedactToken(logging.Filter):
    """Replace the bot token in every log record (httpx logs request URLs, which contain it)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if self.token:
            message = record.getMessage()
            if self.token in message:
                record.msg = message.replace(self.token, "<token>")
                record.args = None
        return True


def install_token_filter(token: str) -> None:
    """Attach the redacting filter to every handler of the root logger."""
    redact = RedactToken(token)
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=logging.INFO)
    for handler in root.handlers:
        handler.addFilter(redact)
    # httpx's per-request lines are noise at INFO, and the reason the filter exists.
    logging.getLogger("httpx").setLevel(logging.WARNING)


class LeanApplication(Application[Any, Any, Any, Any, Any, Any]):
    """PTB's Application, minus the ids it marks for a persistence this bot does not have.

    Without persistence nothing ever empties those sets: every chat and user id seen would
    stay in memory for the life of the process.
    """

    def _mark_for_persistence_update(self, *, update: object = None, job: Any = None) -> None:
        if self.persistence is not None:
            super()._mark_for_persistence_update(update=update, job=job)


async def maintenance(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The hourly job: finish forgets, give free pages back, merge the search index."""
    service = context.application.bot_data.get("service")
    if service is not None:
        await service.maintain(max_seconds=MAINTENANCE_SECONDS)


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Many chats at once, each chat's updates in the order they arrived."""

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock = self._locks[chat.id]
        try:
            async with lock:
                await coroutine
        finally:
            if not lock.locked() and not getattr(lock, "_waiters", None):
                self._locks.pop(chat.id, None)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the traceback and tell the user something went wrong; stored data is untouched."""
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        # The user's own language only: the chat's setting is in the database, which may be
        # what just failed.
        user = update.effective_user
        try:
            with i18n.speaking(i18n.choose(None, user.language_code if user else None)):
                await context.bot.send_message(
                    update.effective_chat.id,
                    _(
                        "Sorry, something went wrong with that. Your saved articles are safe; "
                        "please try again."
                    ),
                )
        except Exception:  # the chat may be gone; nothing more to do
            log.warning("could not send the apology to chat %s", update.effective_chat.id)


def build_application(
    settings: Settings, svc: Service | None = None, *, request: BaseRequest | None = None
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The Telegram application with every handler registered (the service opens at start).

    `request` is the seam for tests: an in-process transport instead of HTTP.
    """
    token = settings.require_token()

    async def post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        if "service" not in app.bot_data:
            app.bot_data["service"] = Service.open(settings)
        # One list for everyone, then one per catalogue language (Telegram shows each user the
        # list for their app's language).
        await app.bot.set_my_commands(settings_handlers.bot_commands())
        for code in i18n.LANGUAGES:
            if code != i18n.DEFAULT:
                with i18n.speaking(code):
                    await app.bot.set_my_commands(
                        settings_handlers.bot_commands(), language_code=code
                    )
        # Digest state lives in SQLite; one repeating tick finds who is due (catch-up included).
        if app.job_queue is not None:
            # APScheduler logs every run at INFO: a line per tick would drown the log.
            logging.getLogger("apscheduler").setLevel(logging.WARNING)
            app.job_queue.run_repeating(
                digests.tick, interval=settings.digest_tick_seconds, first=1.0, name="digests"
            )
            app.job_queue.run_repeating(
                maintenance, interval=MAINTENANCE_EVERY, first=600.0, name="maintenance"
            )
        log.info("articlebot is running as @%s", app.bot.username)

    async def post_stop(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        await digests.stop_broadcasts(app)

    async def post_shutdown(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        service = app.bot_data.pop("service", None)
        if service is not None:
            service.close()
        log.info("articlebot stopped; everything acknowledged is saved")

    builder: Any = ApplicationBuilder().application_class(LeanApplication)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:
        # A modest pool: httpcore scans every pooled connection per request, and Telegram's
        # limits keep far fewer than 256 requests in flight anyway.
        builder = builder.connect_timeout(10).read_timeout(30).connection_pool_size(32)
    if settings.rate_limit:
        # Telegram's limits: ~30 messages/s overall, 20/min per group; a 429 waits retry_after.
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    app = (
        builder.token(token)
        .base_url(settings.base_url)
        .base_file_url(settings.base_file_url)
        .concurrent_updates(ChatOrderedProcessor(256))
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
        .build()
    )
    if svc is not None:
        app.bot_data["service"] = svc
    app.bot_data["pastes"] = Pastes(settings.merge_seconds)

    app.add_handler(CommandHandler("start", settings_handlers.start))
    app.add_handler(CommandHandler("help", settings_handlers.help_))
    app.add_handler(CommandHandler("settings", settings_handlers.settings))
    app.add_handler(CommandHandler("summary", library.summary))
    app.add_handler(CommandHandler("tldr", library.tldr))
    app.add_handler(CommandHandler("ask", questions.ask))
    app.add_handler(CommandHandler("articles", library.articles))
    app.add_handler(CommandHandler("use", library.use))
    app.add_handler(CommandHandler("search", library.search))
    app.add_handler(CommandHandler("forget", library.forget))
    app.add_handler(CommandHandler("subscribe", digests.subscribe))
    app.add_handler(CommandHandler("unsubscribe", digests.unsubscribe))
    app.add_handler(CommandHandler("digest", digests.digest))
    app.add_handler(CommandHandler("follow", digests.follow))
    app.add_handler(CommandHandler("unfollow", digests.unfollow))
    app.add_handler(CommandHandler("feeds", digests.feeds))
    app.add_handler(CommandHandler("filter", feeds.set_filter))
    app.add_handler(CommandHandler("export", export.export))
    app.add_handler(InlineQueryHandler(inline.on_inline_query))
    app.add_handler(CallbackQueryHandler(settings_handlers.on_settings_button, pattern=r"^set:"))
    app.add_handler(CallbackQueryHandler(digests.on_open, pattern=r"^open:"))
    app.add_handler(CallbackQueryHandler(feeds.on_opml_button, pattern=r"^opml:"))
    app.add_handler(CallbackQueryHandler(library.on_button))
    app.add_handler(MessageHandler(filters.Document.ALL, articles.on_document))
    app.add_handler(
        MessageHandler((filters.TEXT | filters.CAPTION) & ~filters.COMMAND, articles.on_text)
    )
    app.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    app.add_error_handler(on_error)
    return app


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not have."""
    msg = update.effective_message
    if (
        msg is not None
        and update.effective_chat is not None
        and update.effective_chat.type == "private"
    ):
        with i18n.speaking(await reader_language(update, context)):
            await msg.reply_text(_("I don't know that command. /help lists the ones I have."))


def run_bot(settings: Settings, *, webhook: bool = False) -> int:
    """Run until SIGINT/SIGTERM with long polling, or with PTB's webhook server."""
    install_token_filter(settings.require_token())
    app = build_application(settings)
    if webhook or settings.webhook_url:
        if not settings.webhook_url:
            from bot.settings import SettingsError

            raise SettingsError("Webhook mode needs ARTICLEBOT_WEBHOOK_URL (the public https URL).")
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path="telegram",
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
    return 0
