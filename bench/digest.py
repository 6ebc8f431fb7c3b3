"""Daily digests for many subscribers: build, then send through a fake Bot API on loopback with
PTB's AIORateLimiter on (about 30 messages a second, as Telegram allows).

Run: python -m bench.digest --subscribers 2000      (10,000, the default, takes ~6 minutes)

Every subscriber has one saved article and is due now. Build = claim (mark the day) and brief
each digest through the service's executors; send = the broadcaster's delivery, 32 chats at a
time. Injected faults: some 429s (flood control, retry_after 1 s) and some blocked chats (403).
While both phases run, a probe asks the service a question for another chat every 0.2 s: its
latency shows whether digests stall the bot's answers.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

from bot.digest import Digest
from bot.service import Service
from bot.settings import Settings
from handlers.app import build_application
from handlers.digests import Broadcaster
from store import Store
from tests.botprocess import FAKE_TOKEN
from tests.fakebotapi import FakeBotAPI

PROBE_CHAT = 1
FIRST_CHAT = 100_000
PROBE_TEXT = (
    "Harbour board approves new breakwater\n\n"
    "The harbour board voted on Monday to build a new breakwater at the north entrance. Work is "
    "expected to start in the spring. Fishermen have asked for the change for a decade, saying "
    "storms close the harbour several times each winter."
)


def seed(db: Path, count: int, due: datetime) -> list[int]:
    chats = list(range(FIRST_CHAT, FIRST_CHAT + count))
    with Store.open(db) as store:
        for chat in chats:
            store.add_article(
                chat,
                paragraphs=[
                    [
                        f"The ferry on line {chat} will add an evening crossing from June.",
                        "Islanders had asked for a later boat for years.",
                        "The regional council will pay for the extra trip.",
                    ]
                ],
                title=f"Line {chat} adds an evening ferry",
                source="Harbour Weekly",
                url=f"https://harbour.example/{chat}",
                origin="paste",
                byline=None,
                place=None,
                published=None,
                content_hash=f"bench-{chat}",
            )
            store.subscribe(
                chat,
                clock_time(due.hour, due.minute),
                "UTC",
                already_due_day=due.date() - timedelta(days=1),
            )
    return chats


async def probe(svc: Service, stop: asyncio.Event, samples: list[float]) -> None:
    """Ask a question for another chat every 0.2 s; record how long each answer took."""
    while not stop.is_set():
        started = time.perf_counter()
        await svc.ask(PROBE_CHAT, "Where will the breakwater be built?")
        samples.append(time.perf_counter() - started)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.2)


async def bounded(items: list[Any], work: Callable[[Any], Awaitable[Any]], limit: int) -> list[Any]:
    gate = asyncio.Semaphore(limit)

    async def one(item: Any) -> Any:
        async with gate:
            return await work(item)

    return await asyncio.gather(*(one(i) for i in items))


async def run(count: int, inject_429: int, blocked_every: int, concurrency: int) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="articlebot-bench-"))
    db = workdir / "bench.db"
    due = datetime.now(UTC) - timedelta(minutes=1)
    seeded = time.perf_counter()
    chats = seed(db, count, due)
    seed_seconds = time.perf_counter() - seeded
    with FakeBotAPI(FAKE_TOKEN) as fake:
        blocked = set(chats[::blocked_every]) if blocked_every else set()
        for chat in blocked:
            fake.block_chat(chat)
        fake.fail_next("sendMessage", status=429, retry_after=1, times=inject_429)
        settings = Settings(
            token=FAKE_TOKEN,
            base_url=fake.base_url,
            base_file_url=fake.base_file_url,
            db_path=str(db),
            rate_limit=True,
        )
        svc = Service.open(settings)
        await svc.add_text(PROBE_CHAT, PROBE_TEXT)
        app = build_application(settings, svc)
        async with app:
            caster = Broadcaster(svc, app.bot, concurrency=concurrency)
            stop = asyncio.Event()
            samples: list[float] = []
            prober = asyncio.create_task(probe(svc, stop, samples))
            now = datetime.now(UTC)

            started = time.perf_counter()
            due_now = await svc.due_digests(now)
            built: list[Digest | None] = await bounded(
                due_now, lambda cd: svc.prepare_digest(cd[0], cd[1], now=now), concurrency
            )
            build_seconds = time.perf_counter() - started
            build_probe = list(samples)

            started = time.perf_counter()
            ready = [d for d in built if d is not None]
            await bounded(ready, caster.deliver, concurrency)
            send_seconds = time.perf_counter() - started
            stop.set()
            await prober
        svc.close()
        calls = fake.calls("sendMessage")
        delivered = sum(len(fake.bot_messages(c)) for c in chats)
        refused = sum(1 for c in calls if int(c.params["chat_id"]) in blocked)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "subscribers": count,
        "seed_s": seed_seconds,
        "build_s": build_seconds,
        "send_s": send_seconds,
        "delivered": delivered,
        "rate": delivered / send_seconds if send_seconds else 0.0,
        "429s": len(calls) - delivered - refused,
        "403s": refused,
        "unsubscribed": caster.blocked,
        "failed": caster.failed,
        "probe_build": build_probe,
        "probe_send": samples[len(build_probe) :],
        "rss_mb": rss_mb,
    }


def _ms(samples: list[float]) -> str:
    if not samples:
        return "–"
    return f"{statistics.median(samples) * 1000:.1f} / {max(samples) * 1000:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--inject-429", type=int, default=5, help="sendMessage calls that get 429")
    parser.add_argument(
        "--blocked-every", type=int, default=100, help="every Nth chat blocked the bot (0: none)"
    )
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args(argv)
    r = asyncio.run(run(args.subscribers, args.inject_429, args.blocked_every, args.concurrency))
    rows = [
        ("subscribers", f"{r['subscribers']:,}"),
        ("seed the database (Store API)", f"{r['seed_s']:.1f} s"),
        ("build: claim + brief every digest", f"{r['build_s']:.1f} s"),
        ("send: deliver through the rate limiter", f"{r['send_s']:.1f} s"),
        ("messages delivered", f"{r['delivered']:,}"),
        ("messages/s while sending", f"{r['rate']:.1f}"),
        ("429s seen (injected, retried)", str(r["429s"])),
        ("403s seen → unsubscribed", f"{r['403s']} → {r['unsubscribed']}"),
        ("digests failed otherwise", str(r["failed"])),
        ("probe answer ms, median / max, during build", _ms(r["probe_build"])),
        ("probe answer ms, median / max, during send", _ms(r["probe_send"])),
        ("peak RSS (bench + fake API in one process)", f"{r['rss_mb']:.0f} MB"),
    ]
    width = max(len(k) for k, _ in rows)
    print(f"| {'measure'.ljust(width)} | value |")
    print(f"|{'-' * (width + 2)}|-------|")
    for key, value in rows:
        print(f"| {key.ljust(width)} | {value} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
