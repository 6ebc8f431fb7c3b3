"""The `articlebot` command: the core's commands, plus the two front ends it starts.

This is the one module that knows both the core (bot/) and the Telegram adapters (handlers/),
so the core never reaches up into a front end. Each front end is imported only when it starts.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Sequence

from bot import cli
from bot.settings import Settings


def start_console(args: argparse.Namespace, settings: Settings) -> int:
    """`articlebot chat`: the console conversation, over the same service and database."""
    from bot.console import run_chat

    if args.db:
        settings = dataclasses.replace(settings, db_path=args.db)
    return run_chat(settings)


def start_telegram(args: argparse.Namespace, settings: Settings) -> int:
    """`articlebot run`: the Telegram bot, polling (or a webhook)."""
    settings.require_token()
    from handlers.app import run_bot

    return run_bot(settings, webhook=args.webhook)


FRONT_ENDS: dict[str, cli.FrontEnd] = {"chat": start_console, "run": start_telegram}


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, front_ends=FRONT_ENDS)
