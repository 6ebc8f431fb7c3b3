"""Build and run the Telegram application: handlers, ordering, logging without the token, shutdown."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from telegram import Bot, Update
from telegram.error import Forbidden, InvalidToken, NetworkError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationHandlerStop,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot import i18n
from bot.i18n import N_, _
from bot.service import Service
from bot.settings import HEARTBEAT_SECONDS, Settings, SettingsError
from handlers import articles, digests, export, feeds, inline, library, questions
from handlers import settings as settings_handlers
from handlers.articles import Pastes
from handlers.botclient import TOPIC, ArticleBot, ArticleBotBuilder, topic_of
from handlers.common import reader_language
from handlers.startup import REJECTED, Stopped, check_bot_api, describe
from store.updates import MAX_ATTEMPTS, UpdateJournal

log = logging.getLogger(__name__)
STARTED_KEPT = 10_000  # update ids remembered against a replayed update's second delivery
T = TypeVar("T")

MAINTENANCE_EVERY = 3600.0  # seconds between maintenance runs (the first 10 minutes after start)
MAINTENANCE_SECONDS = 120.0  # a run stops after this long; the next one carries on


class RedactToken(logging.Filter):
    """Replace the bot token in every log record, tracebacks included (httpx logs request URLs,
    and PTB's errors quote the token)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token
        self._formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.token:
            return True
        message = record.getMessage()
        if self.token in message:
            record.msg = message.replace(self.token, "<token>")
            record.args = None
        if record.exc_info and not record.exc_text:
            # The formatter uses exc_text when it is set: format the traceback here, redacted.
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text and self.token in record.exc_text:
            record.exc_text = record.exc_text.replace(self.token, "<token>")
        if record.stack_info and self.token in record.stack_info:
            record.stack_info = record.stack_info.replace(self.token, "<token>")
        return True


def install_token_filter(token: str) -> None:
    """Attach the redacting filter to every handler of the root logger, and send uncaught
    exceptions (in any thread) through the log, so their tracebacks are redacted too."""
    redact = RedactToken(token)
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=logging.INFO)
    for handler in root.handlers:
        handler.addFilter(redact)
    # httpx's per-request lines are noise at INFO, and the reason the filter exists.
    logging.getLogger("httpx").setLevel(logging.WARNING)

    def excepthook(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
        log.critical("uncaught error", exc_info=(kind, exc, tb))

    def thread_excepthook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            log.error(
                "uncaught error in a thread",
                exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
            )

    sys.excepthook = excepthook
    threading.excepthook = thread_excepthook


SKIPPED = N_(
    "I couldn't handle that message: trying it stopped or crashed me twice, so I skipped it. "
    "Your saved articles are safe."
)
STOPPED = N_(
    "That took too long, so I stopped working on it. Your saved articles are safe; "
    "try sending just the article's text."
)


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
    """Many chats at once, each chat's updates in the order they arrived.

    Each update is handled within a deadline, in its forum topic (handlers/botclient.py), and
    noted in the update journal first: one that was started twice without finishing (it took
    the process down, or was stopped at its deadline) is skipped when it comes again.
    """

    def __init__(
        self,
        max_concurrent_updates: int = 256,
        *,
        journal: UpdateJournal | None = None,
        deadline: float = 180.0,
    ) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
        self.journal = journal
        self.deadline = deadline
        self.bot: Bot | None = None  # set once the application is built
        self._journal_thread = ThreadPoolExecutor(1, thread_name_prefix="articlebot-journal")
        # Updates this process has started: a replayed one that Telegram sends again too (the
        # crash came before its batch was confirmed) is handled once.
        self._started: OrderedDict[int, None] = OrderedDict()
        # Updates whose handler returned with work still pending (a paste waiting for its next
        # part): finished in the journal by `release`, not when the handler returns.
        self._held: set[int] = set()

    async def received(self, updates: list[tuple[int, str]]) -> None:
        """A fetched batch, journaled (on the journal's thread) before the updater asks for the
        next one, which confirms it to Telegram. A journal that cannot be written costs the
        replay, not the updates."""
        if self.journal is None or not updates:
            return
        try:
            await self._note(self.journal.receive, updates)
        except Exception as exc:
            log.warning("could not journal %d received update(s): %s", len(updates), exc)

    def hold(self, update_id: int) -> None:
        """Keep `update_id` unfinished after its handler returns, until `release`."""
        self._held.add(update_id)

    async def release(self, update_ids: list[int]) -> None:
        """The held updates' work is done (stored, answered or dropped): finish them."""
        for update_id in update_ids:
            self._held.discard(update_id)
            if self.journal is not None:
                await self._note(self.journal.finish, update_id)

    async def _note(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._journal_thread, fn, *args)

    async def _tell(self, chat_id: int, text: str, language: str) -> None:
        """Send `text` (a message of the catalogue) in `language`."""
        if self.bot is not None:
            try:
                with i18n.speaking(language):
                    text = _(text)
                await self.bot.send_message(chat_id, text)
            except Exception as exc:  # blocked, gone: the log line is enough
                log.info("could not tell chat %s: %s", chat_id, exc)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        TOPIC.set(topic_of(update))  # this task's copy of the context only
        chat = update.effective_chat if isinstance(update, Update) else None
        update_id = update.update_id if isinstance(update, Update) else None
        # The user's Telegram language: the chat's /settings would need the database, which may
        # be what is stuck.
        user = update.effective_user if isinstance(update, Update) else None
        language = i18n.choose(None, user.language_code if user else None)
        if update_id is not None:
            if update_id in self._started:
                log.info("update %s came again after it was replayed: handled once", update_id)
                if asyncio.iscoroutine(coroutine):
                    coroutine.close()
                return
            self._started[update_id] = None
            if len(self._started) > STARTED_KEPT:
                self._started.popitem(last=False)
        if self.journal is not None and update_id is not None:
            journal = self.journal

            def begin() -> int:
                # Serialised on the journal's thread, not the event loop.
                payload = update.to_json() if isinstance(update, Update) else None
                return journal.begin(update_id, chat.id if chat else None, payload)

            attempts = await self._note(begin)
            if attempts > MAX_ATTEMPTS:
                await self._note(self.journal.skip, update_id)
                log.warning(
                    "update %s (chat %s) was stopped or crashed the bot %d times: skipped",
                    update_id,
                    chat.id if chat else None,
                    attempts - 1,
                )
                if asyncio.iscoroutine(coroutine):
                    coroutine.close()
                if chat is not None:
                    await self._tell(chat.id, SKIPPED, language)
                return
        if chat is None:
            await self._handle(update_id, None, coroutine, language)
            return
        lock = self._locks[chat.id]
        try:
            async with lock:
                await self._handle(update_id, chat.id, coroutine, language)
        finally:
            if not lock.locked() and not getattr(lock, "_waiters", None):
                self._locks.pop(chat.id, None)

    async def _handle(
        self,
        update_id: int | None,
        chat_id: int | None,
        coroutine: Awaitable[Any],
        language: str = i18n.DEFAULT,
    ) -> None:
        try:
            async with asyncio.timeout(self.deadline):
                await coroutine
        except TimeoutError:
            log.warning(
                "update %s (chat %s) took more than %g s: stopped",
                update_id,
                chat_id,
                self.deadline,
            )
            if self.journal is not None and update_id is not None:
                await self._note(self.journal.fail, update_id, "deadline")
            if chat_id is not None:
                await self._tell(chat_id, STOPPED, language)
            return
        if self.journal is not None and update_id is not None and update_id not in self._held:
            await self._note(self.journal.finish, update_id)

    async def replay(self, app: Application[Any, Any, Any, Any, Any, Any]) -> int:
        """Queue the updates the last run started and never finished (it was killed or crashed):
        Telegram will not send them again. Returns how many."""
        if self.journal is None:
            return 0
        count = 0
        for update_id, payload in await self._note(self.journal.unfinished):
            try:
                update = Update.de_json(json.loads(payload), app.bot)
            except Exception:  # a payload this version cannot read: the attempt stays counted
                log.warning("update %s from the last run could not be read again", update_id)
                continue
            if update is not None:
                await app.update_queue.put(update)
                count += 1
        if count:
            log.info("replaying %d update(s) the last run did not finish", count)
        return count

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        self._journal_thread.shutdown(wait=True)
        if self.journal is not None:
            self.journal.close()


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the traceback and tell the user something went wrong; stored data is untouched.

    A chat that blocked the bot (403) is one INFO line: nothing can be sent there anyway.
    """
    if isinstance(context.error, Forbidden):
        chat = update.effective_chat if isinstance(update, Update) else None
        log.info(
            "chat %s blocked the bot or removed it (%s): reply not sent",
            chat.id if chat else None,
            context.error,
        )
        return
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


async def ignore_channel_posts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Channel posts go no further unless ARTICLEBOT_CHANNELS=1."""
    if update.channel_post is not None or update.edited_channel_post is not None:
        raise ApplicationHandlerStop


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
        app.bot_data["service"].warm_up()
        # Before polling starts: what the last run had started comes before anything new.
        await processor.replay(app)
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
            if settings.heartbeat_file:
                app.job_queue.run_repeating(
                    heartbeat, interval=HEARTBEAT_SECONDS, first=0.0, name="heartbeat"
                )
        log.info("articlebot is running as @%s", app.bot.username)

    async def post_stop(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        # A paste waiting for its next part was started by a handler that has returned (its
        # update is finished in the journal), and Application.stop only waits for the tasks
        # that existed when it began: brief it now, while the service is still open.
        await app.bot_data["pastes"].flush_all()
        await digests.stop_broadcasts(app)

    async def post_shutdown(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        service = app.bot_data.pop("service", None)
        if service is not None:
            service.close()
        log.info("articlebot stopped; everything acknowledged is saved")

    processor = ChatOrderedProcessor(
        256, journal=UpdateJournal.beside(settings.db_file), deadline=settings.update_seconds
    )
    builder: Any = ArticleBotBuilder().application_class(LeanApplication)
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
        .concurrent_updates(processor)
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
        .build()
    )
    processor.bot = app.bot
    if isinstance(app.bot, ArticleBot):
        app.bot.on_received(processor.received)
    if svc is not None:
        app.bot_data["service"] = svc
    app.bot_data["pastes"] = Pastes(
        settings.merge_seconds, hold=processor.hold, release=processor.release
    )
    app.bot_data["settings"] = settings

    if not settings.channels:
        app.add_handler(TypeHandler(Update, ignore_channel_posts), group=-1)
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


async def heartbeat(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Touch the heartbeat file: `articlebot health` reads its age (the event loop is alive)."""
    path = context.application.bot_data["settings"].heartbeat_file
    await asyncio.to_thread(Path(path).touch)


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
    """Run until SIGINT/SIGTERM with long polling, or with PTB's webhook server.

    Telegram is asked who the bot is first (handlers/startup.py): a rejected token or an
    unreachable API is one line, never a traceback with the token in it.
    """
    token = settings.require_token()
    install_token_filter(token)
    try:
        check_bot_api(settings)
    except Stopped:
        log.info("stopped before the Bot API answered")
        return 0
    app = build_application(settings)
    try:
        if webhook or settings.webhook_url:
            if not settings.webhook_url:
                raise SettingsError(
                    "Webhook mode needs ARTICLEBOT_WEBHOOK_URL (the public https URL)."
                )
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
    except InvalidToken:
        raise SettingsError(REJECTED) from None
    except NetworkError as exc:
        # Lost between the check and the start: one line; a supervisor restarts the bot.
        raise SettingsError(
            f"lost the Telegram Bot API while starting ({describe(exc, token)}); start again"
        ) from None
    return 0
