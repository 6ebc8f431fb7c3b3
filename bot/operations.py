"""Operator commands: `articlebot maintenance` and `articlebot backup FILE`.

Both are safe while the bot runs on the same database: maintenance takes the writer only for
short steps (the bot's writes wait at most a few tens of milliseconds, within its busy timeout),
and a backup reads one consistent snapshot without blocking anyone.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bot.errors import UsageError
from bot.settings import Settings

PAUSE_SECONDS = 0.005  # between steps, so another process's writer gets its turn


def _existing(path: str) -> str:
    if (
        path != ":memory:"
        and not path.startswith("file:")
        and not Path(path).expanduser().is_file()
    ):
        raise UsageError(f"No database at {path}")
    return path


def cmd_maintenance(args: argparse.Namespace, settings: Settings) -> int:
    from store import Store

    path = _existing(args.db or settings.db_file)
    with Store.open(path) as store:
        before = store.space()
        if args.vacuum:
            # One long exclusive VACUUM: for a stopped bot, once, to switch an old file to
            # incremental vacuum (new databases start that way).
            store.vacuum()
        done: dict[str, int] = {}
        started = time.monotonic()
        while args.seconds is None or time.monotonic() - started < args.seconds:
            kind = store.maintenance_step()
            if kind is None:
                break
            done[kind] = done.get(kind, 0) + 1
            time.sleep(PAUSE_SECONDS)
        store.checkpoint()
        after = store.space()
    size = before["page_size"]
    print(
        f"{path}: {before['pages'] * size / 1e6:,.1f} MB -> {after['pages'] * size / 1e6:,.1f} MB"
    )
    steps = ", ".join(f"{n} {kind}" for kind, n in sorted(done.items())) or "nothing to do"
    print(f"  steps: {steps} ({time.monotonic() - started:.1f} s)")
    if after["auto_vacuum"] != 2 and after["free_pages"]:
        print(
            f"  {after['free_pages'] * size / 1e6:,.1f} MB free inside the file; this database "
            "predates incremental vacuum: stop the bot and run `articlebot maintenance --vacuum` once"
        )
    return 0


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    from store import Store

    path = _existing(args.db or settings.db_file)
    target = Path(args.file).expanduser()
    if target.exists():
        raise UsageError(f"{target} exists; choose a new file name (a backup never overwrites)")
    started = time.monotonic()
    with Store.open(path) as store:
        size = store.backup(target)
    print(
        f"backed up {path} to {target}: {size / 1e6:,.1f} MB in {time.monotonic() - started:.1f} s"
    )
    return 0


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "maintenance", help="finish forgets, give free space back, merge the search index"
    )
    p.add_argument("--db", default=None, help="database file (default: ARTICLEBOT_DB)")
    p.add_argument("--seconds", type=float, default=None, help="stop after this long")
    p.add_argument(
        "--vacuum", action="store_true", help="one full VACUUM first (bot stopped; old files)"
    )
    p = sub.add_parser("backup", help="a consistent copy of the (live) database in FILE")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--db", default=None, help="database file (default: ARTICLEBOT_DB)")
