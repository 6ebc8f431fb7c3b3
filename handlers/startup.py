"""Before polling: ask Telegram who the bot is, with one-line answers for the two ways that fails.

A revoked token (401) stops the bot with one line saying what to do; an unreachable Bot API is
one line per attempt and another attempt after a growing pause, until it answers or the bot is
stopped. Neither prints a traceback, and nothing printed contains the token.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.settings import Settings, SettingsError

log = logging.getLogger(__name__)

REJECTED = "Telegram rejected the token: get a new one from @BotFather"
MAX_PAUSE = 60.0


class Stopped(Exception):
    """SIGTERM or SIGINT arrived while waiting for the Bot API."""


def describe(exc: BaseException, token: str) -> str:
    """An exception as one line, with the token taken out."""
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return " ".join(text.replace(token, "<token>").split())[:300]


async def _check(settings: Settings, token: str) -> str:
    pause = 1.0
    while True:
        bot = Bot(token, base_url=settings.base_url, base_file_url=settings.base_file_url)
        try:
            async with bot:  # initialize() calls getMe
                return str(bot.username)
        except InvalidToken:
            raise SettingsError(REJECTED) from None
        except (NetworkError, TelegramError, OSError) as exc:
            log.warning(
                "can't reach the Telegram Bot API (%s); retrying in %g s",
                describe(exc, token),
                pause,
            )
        await asyncio.sleep(pause)
        pause = min(MAX_PAUSE, pause * 2)


def check_bot_api(settings: Settings) -> str:
    """The bot's username once Telegram accepts the token; SettingsError if it rejects it,
    Stopped if a stop signal comes first."""
    token = settings.require_token()

    async def main() -> str:
        task = asyncio.create_task(_check(settings, token))
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, task.cancel)
        try:
            return await task
        except asyncio.CancelledError:
            raise Stopped() from None

    return asyncio.run(main())
