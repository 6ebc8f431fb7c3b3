"""Daily digests: /subscribe, /unsubscribe, /digest, /follow, /unfollow, /feeds, the open
buttons, and the broadcast the scheduler's tick starts.

The logic (who is due, what goes in) is in bot/schedule.py, bot/digest.py and the service; this
module formats and sends.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, ContextTypes

from bot import i18n, schedule
from bot.digest import Digest, DigestItem
from bot.display import SOURCE_CHARS, shorten, shorten_url
from bot.errors import UsageError
from bot.filters import split_filter_args
from bot.i18n import N_, _, ngettext
from bot.numbers import parse_number
from bot.service import Service
from handlers import format as fmt
from handlers.articles import show_brief
from handlers.common import friendly, service, typing

log = logging.getLogger(__name__)

SUBSCRIBE_USAGE = N_(
    "Usage: /subscribe [HH:MM] [time zone] [note] — for example /subscribe 07:30 Europe/Berlin. "
    "Defaults: 08:00 and your /settings time zone. Add 'note' to get a one-line note on days "
    "with nothing new ('quiet' turns it off)."
)
NOTHING_NEW = N_("Nothing new since your last digest: no saved articles and no new feed items.")
BUTTONS_PER_ROW = 8
SUMMARY_CHARS = 700  # an item's line or two of brief; a digest item always fits a message
MAX_SEND_RETRIES = 3  # after the rate limiter's own retries, for 429s only (never delivered)
GONE = ("chat not found", "bot was kicked", "user is deactivated", "have no rights to send")


# ---- formatting -----------------------------------------------------------------------------


def local_date(day: date) -> str:
    """A day written the way the reader's language writes it ("Monday, 3 March 2026")."""
    from babel.dates import format_date

    return str(format_date(day, format="full", locale=i18n.current()))


def _item_html(item: DigestItem) -> str:
    title = fmt.esc(fmt.title_of(item.title))
    if item.url and len(item.url) <= 2000:
        title = f'<a href="{html.escape(item.url, quote=True)}">{title}</a>'
    return f"<b>{item.number}.</b> {title}\n{fmt.esc(shorten(item.summary, SUMMARY_CHARS))}"


def digest_messages(d: Digest) -> list[tuple[str, list[DigestItem]]]:
    """The digest as HTML messages within Telegram's limit, each with the items it shows.

    Never splits an item, and never leaves a source's heading at the end of a message.
    """
    heading = _("Your digest for {day}").format(day=local_date(d.day))
    units: list[tuple[str, list[DigestItem]]] = [(f"<b>{heading}</b>", [])]
    for group in d.groups:
        heading = f"\n<b>{fmt.esc(shorten(group.source, SOURCE_CHARS))}</b>"
        for i, item in enumerate(group.items):
            text = _item_html(item)
            units.append((f"{heading}\n{text}" if i == 0 else text, [item]))
    tail = []
    if d.more:
        more = ngettext(
            "…and {n} more new article: /articles lists them.",
            "…and {n} more new articles: /articles lists them.",
            d.more,
        ).format(n=d.more)
        tail.append(f"<i>{more}</i>")
    tail.append("<i>" + _("Tap a number for the full brief; then ask about it.") + "</i>")
    units.append(("\n" + "\n".join(tail), []))
    messages: list[tuple[str, list[DigestItem]]] = []
    text, items = "", list[DigestItem]()
    for unit_text, unit_items in units:
        candidate = f"{text}\n{unit_text}" if text else unit_text
        if len(candidate) > fmt.LIMIT and text:
            messages.append((text, items))
            text, items = unit_text.lstrip("\n"), list(unit_items)
        else:
            text, items = candidate, items + unit_items
    if text:
        messages.append((text, items))
    return messages


def open_keyboard(items: list[DigestItem]) -> InlineKeyboardMarkup | None:
    if not items:
        return None
    buttons = [
        InlineKeyboardButton(str(item.number), callback_data=f"open:{item.article_id}")
        for item in items
    ]
    rows = [buttons[i : i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]
    return InlineKeyboardMarkup(rows)


# ---- sending --------------------------------------------------------------------------------


def never_sent(exc: NetworkError) -> bool:
    """A network error that happened before the request reached the Bot API server."""
    text = str(exc)
    return text.startswith(("httpx.ConnectError", "httpx.ConnectTimeout", "Pool timeout"))


async def send_digest(bot: Bot, d: Digest, *, manual: bool = False) -> int:
    """Send the digest's messages in order; returns how many were sent.

    An empty digest sends nothing, or a one-line note when the chat asked for it (or for /digest).
    A 429 that outlasts the rate limiter's retries is waited out here (a 429 was never
    delivered); other errors propagate to the caller.
    """
    parts: list[tuple[str, list[DigestItem]]] = [(_(NOTHING_NEW), [])]
    if not d.empty:
        parts = digest_messages(d)
    elif not (manual or d.empty_note):
        return 0
    for text, items in parts:
        for attempt in range(MAX_SEND_RETRIES + 1):
            try:
                await bot.send_message(
                    d.chat_id,
                    text,
                    parse_mode=ParseMode.HTML,
                    reply_markup=open_keyboard(items),
                    disable_web_page_preview=True,
                )
                break
            except RetryAfter as exc:
                if attempt == MAX_SEND_RETRIES:
                    raise
                delay = exc.retry_after
                seconds = delay if isinstance(delay, int | float) else delay.total_seconds()
                await asyncio.sleep(float(seconds) + 0.1)
            except NetworkError as exc:
                # Only failures before the request left (no connection, no free connection)
                # are retried; a read error may follow a delivered message: at most once.
                if attempt == MAX_SEND_RETRIES or not never_sent(exc):
                    raise
                await asyncio.sleep(0.5 * (attempt + 1))
    return len(parts)


class Broadcaster:
    """Sends due digests with bounded concurrency; one chat's failure never stops another's.

    Each chat's digest is claimed (its day marked as sent) just before its messages go out, so
    a restart mid-broadcast never repeats one: delivery is at most once per day.
    """

    def __init__(
        self, svc: Service, bot: Bot, *, concurrency: int = 32, send_concurrency: int = 6
    ) -> None:
        self.svc = svc
        self.bot = bot
        self._gate = asyncio.Semaphore(concurrency)
        # Few requests in flight at once: the rate limiter paces them to ~30/s anyway, and a
        # burst of new connections is what networks (and small servers) drop.
        self._send_gate = asyncio.Semaphore(send_concurrency)
        self._in_flight: set[int] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._stopping = False
        self.sent = 0
        self.blocked = 0
        self.failed = 0

    @property
    def busy(self) -> int:
        return len(self._in_flight)

    async def tick(self, now: datetime) -> int:
        """Start a digest for every chat due at `now` (not already on its way); returns how many."""
        if self._stopping:
            return 0
        due = await self.svc.due_digests(now)
        started = 0
        for chat_id, day in due:
            if chat_id in self._in_flight:
                continue
            self._in_flight.add(chat_id)
            task = asyncio.create_task(self._one(chat_id, day, now))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            started += 1
        if started:
            log.info("digests: %d due, %d on their way", started, len(self._in_flight))
        return started

    async def _one(self, chat_id: int, day: date, now: datetime) -> None:
        try:
            async with self._gate:
                if self._stopping:
                    return  # not claimed: it goes out after the restart (catch-up)
                await self.svc.refresh_feeds(chat_id)  # the slow part, before any claim
                async with self._send_gate:
                    # Claimed only once a send slot is free, so a crash can cost at most the
                    # few digests in flight, never a whole batch waiting for its turn.
                    if self._stopping:
                        return
                    digest = await self.svc.prepare_digest(chat_id, day, now=now, refresh=False)
                    if digest is None:
                        return
                    await self._deliver(digest)
        except Exception:
            self.failed += 1
            log.exception("digest for chat %s failed", chat_id)
        finally:
            self._in_flight.discard(chat_id)

    async def deliver(self, digest: Digest) -> None:
        """Send one claimed digest; a blocked or vanished chat loses its subscription."""
        async with self._send_gate:
            await self._deliver(digest)

    async def _deliver(self, digest: Digest) -> None:
        # No user is talking here: a scheduled digest speaks the chat's /settings language.
        chosen = None
        with contextlib.suppress(Exception):
            chosen = (await self.svc.chat_settings(digest.chat_id)).language
        try:
            with i18n.speaking(i18n.choose(chosen, None)):
                self.sent += await send_digest(self.bot, digest)
        except Forbidden as exc:
            self.blocked += 1
            await self.svc.unsubscribe(digest.chat_id, reason="blocked")
            log.info("chat %s blocked the bot (%s): digest turned off", digest.chat_id, exc)
        except BadRequest as exc:
            if any(marker in str(exc).lower() for marker in GONE):
                self.blocked += 1
                await self.svc.unsubscribe(digest.chat_id, reason="chat gone")
                log.info("chat %s is gone (%s): digest turned off", digest.chat_id, exc)
            else:
                self.failed += 1
                log.warning("digest for chat %s refused: %s", digest.chat_id, exc)
        except TelegramError as exc:
            self.failed += 1
            log.warning("digest for chat %s not delivered: %s", digest.chat_id, exc)

    async def wait(self) -> None:
        """Until every digest started so far is done (tests and the benchmark use it)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def stop(self, grace: float = 15.0) -> None:
        """Stop starting digests; let those already claimed finish sending (up to `grace`)."""
        self._stopping = True
        if self._tasks:
            _done, pending = await asyncio.wait(list(self._tasks), timeout=grace)
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.gather(*pending, return_exceptions=True)


def broadcaster(app: Application[Any, Any, Any, Any, Any, Any]) -> Broadcaster:
    found = app.bot_data.get("broadcaster")
    if found is None:
        found = app.bot_data["broadcaster"] = Broadcaster(app.bot_data["service"], app.bot)
    assert isinstance(found, Broadcaster)
    return found


async def tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The scheduler's job: every few seconds, start the digests that are due."""
    await broadcaster(context.application).tick(datetime.now(UTC))


# ---- commands -------------------------------------------------------------------------------


def _parse_subscribe(args: list[str]) -> tuple[str | None, str | None, bool | None]:
    at: str | None = None
    zone: str | None = None
    note: bool | None = None
    for arg in args:
        word = arg.strip()
        if word.lower() in ("note", "quiet"):
            if note is not None:
                raise UsageError(SUBSCRIBE_USAGE)
            note = word.lower() == "note"
        elif schedule.looks_like_time(word):
            if at is not None:
                raise UsageError(SUBSCRIBE_USAGE)
            at = word
        elif zone is None:
            zone = word
        else:
            raise UsageError(SUBSCRIBE_USAGE)
    return at, zone, note


async def _reply(update: Update, text: str) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text(
            text, parse_mode=ParseMode.HTML, disable_web_page_preview=True
        )


@friendly
async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/subscribe [HH:MM] [ZONE] [note|quiet]: a daily digest at that local time."""
    chat = update.effective_chat
    if chat is None:
        return
    at, zone, note = _parse_subscribe(context.args or [])
    now = datetime.now(UTC)
    sub = await service(context).subscribe(chat.id, at=at, timezone=zone, empty_note=note, now=now)
    upcoming = schedule.next_due(sub.at, ZoneInfo(sub.timezone), now)
    local = upcoming.astimezone(ZoneInfo(sub.timezone))
    empty = _("a one-line note") if sub.empty_note else _("nothing")
    await _reply(
        update,
        _(
            "Subscribed: your digest comes every day at {time} ({zone}), the next on {day}.\n"
            "It lists the articles you saved since the last one and new items from the feeds "
            "you /follow. On a day with nothing new you get {empty}."
        ).format(
            time=f"<b>{sub.at:%H:%M}</b>",
            zone=fmt.esc(sub.timezone),
            day=local_date(local.date()),
            empty=empty,
        )
        + "\n<i>"
        + _("/digest sends it now; /unsubscribe stops it.")
        + "</i>",
    )


@friendly
async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unsubscribe: no more daily digests."""
    chat = update.effective_chat
    if chat is None:
        return
    was_on = await service(context).unsubscribe(chat.id)
    await _reply(
        update,
        _("Done: no more daily digests. /subscribe starts them again.")
        if was_on
        else _("You have no daily digest. /subscribe starts one."),
    )


@friendly
async def digest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/digest: today's digest now (it counts as today's: the scheduled one will not repeat it)."""
    chat = update.effective_chat
    if chat is None:
        return
    svc = service(context)
    async with typing(context, chat.id):
        d = await svc.prepare_digest(chat.id, now=datetime.now(UTC), scheduled=False)
    assert d is not None
    await send_digest(context.bot, d, manual=True)


@friendly
async def follow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/follow URL: add an RSS or Atom feed (or the feed a site's page links) to the digest."""
    chat = update.effective_chat
    args = context.args or []
    if chat is None:
        return
    where, words = split_filter_args(args)
    if len(where) != 1:
        raise UsageError(
            "Usage: /follow URL [+word -word] — an RSS or Atom feed, or a site that links one; "
            "+word keeps only items that mention it, -word drops items that do"
        )
    async with typing(context, chat.id):
        feed, created, added = await service(context).follow(chat.id, where[0], filters=words)
    name = fmt.esc(fmt.title_of(feed.title, "") or shorten_url(feed.url))
    if not created:
        await _reply(update, _("You already follow {name}.").format(name=f"<b>{name}</b>"))
        return
    text = (
        _("Following {name}").format(name=f"<b>{name}</b>")
        + f"\n{fmt.esc(shorten_url(feed.url))}\n"
        + ngettext(
            "{n} recent item is waiting for your next digest; new ones will follow.",
            "{n} recent items are waiting for your next digest; new ones will follow.",
            added,
        ).format(n=added)
    )
    if feed.filters:
        text += "\n" + _("Only items that pass {filter} are kept.").format(
            filter=f"<i>{fmt.esc(feed.filters)}</i>"
        )
    sub = await service(context).subscription(chat.id)
    if sub is None or not sub.active:
        text += "\n<i>" + _("/subscribe for a daily digest, or /digest for one now.") + "</i>"
    await _reply(update, text)


@friendly
async def unfollow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unfollow N|URL: stop following a feed."""
    chat = update.effective_chat
    args = context.args or []
    if chat is None:
        return
    if len(args) != 1:
        raise UsageError("Usage: /unfollow N or /unfollow URL — N is a number from /feeds")
    feed = await service(context).unfollow(chat.id, args[0])
    await _reply(
        update,
        _("Stopped following {name}.").format(
            name=f"<b>{fmt.esc(fmt.title_of(feed.title, '') or shorten_url(feed.url))}</b>"
        ),
    )


@friendly
async def feeds(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/feeds: the feeds this chat follows, numbered for /unfollow."""
    chat = update.effective_chat
    if chat is None:
        return
    items = await service(context).feeds(chat.id)
    if not items:
        await _reply(update, _("You follow no feeds. /follow URL adds an RSS or Atom feed."))
        return
    lines = ["<b>" + _("Feeds in your digest") + "</b>"]
    for i, f in enumerate(items, 1):
        lines += fmt.block(
            f"{i}. {fmt.title_of(f.title, _('Untitled feed'))} — {shorten_url(f.url)}"
        )
        if f.filters:
            lines += fmt.block(_("filter: {filter}").format(filter=f.filters), "    <i>{}</i>")
    hint = _(
        "/unfollow N stops one; /filter N +word -word filters it (/filter N off: no filter); "
        "/export feeds gives an OPML file."
    )
    lines.append(f"<i>{hint}</i>")
    for text in fmt.pack(lines):
        await context.bot.send_message(
            chat.id, text, parse_mode=ParseMode.HTML, disable_web_page_preview=True
        )


@friendly
async def on_open(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A digest's number button: the item's full brief (only for this chat's own articles)."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return
    raw = (query.data or "").partition(":")[2]
    article_id = parse_number(raw)
    if article_id is None:
        raise UsageError("That button no longer works.")
    b = await service(context).open_item(chat.id, article_id)
    await query.answer()
    await show_brief(context, chat.id, b, reply_to=None)


async def stop_broadcasts(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """At shutdown: finish digests already claimed; the rest go out after the restart."""
    found = app.bot_data.get("broadcaster")
    if isinstance(found, Broadcaster):
        with contextlib.suppress(Exception):
            await found.stop()
