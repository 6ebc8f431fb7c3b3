"""One machine, many articles: databases of 10k, 100k and 1M articles measured through the service.

Run: python -m bench.scale --data ../shared/data --dir /tmp/scale [--sizes 10000,100000,1000000]
     [--rss-chats 10000] [--subscribers 100000]

For each size: ingest rate, file size and bytes per article, question and search latency, the
/forget of a 10,000-article chat, and other chats' question latency while a common-word search,
that forget and a maintenance run go on. Once: one scheduler tick at 100,000 subscribers, the
real bot's RSS after N chats. Databases <dir>/scale-<size>.db are reused when present (the 1M
build takes long and resumes where it stopped); the forgotten chat is put back before a rerun.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scale_corpus import (
    BIG_CHAT,
    build,
    build_parallel,
    layout,
    load_corpus,
    new_article,
)
from bot.service import Service
from bot.settings import Settings
from store import Store

QUESTIONS = [
    "Who said that?",
    "Where did it happen?",
    "When did it happen?",
    "How many people were there?",
    "What did the police say?",
]
COMMON = "the government said"  # after stop words: two of the commonest words in news
RARE = "avalanche"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")


async def timed(fn: Callable[[], Awaitable[Any]]) -> float:
    started = time.perf_counter()
    await fn()
    return time.perf_counter() - started


async def others_asking(svc: Service, chats: list[int], stop: asyncio.Event) -> list[float]:
    """Other chats ask questions, one after another with a small gap, until `stop`."""
    rng, out = random.Random(3), []
    while not stop.is_set():
        chat, question = rng.choice(chats), rng.choice(QUESTIONS)
        # As the bot does: the answer goes out, then one write records it.
        started = time.perf_counter()
        reply = await svc.ask(chat, question, record=False)
        out.append(time.perf_counter() - started)
        await svc.record(chat, question, reply)
        await asyncio.sleep(0.005)
    return out


async def during(
    svc: Service, chats: list[int], work: Callable[[], Awaitable[Any]]
) -> tuple[list[float], float]:
    """Other chats' question latencies while `work` runs; and how long the work took."""
    stop = asyncio.Event()
    askers = asyncio.create_task(others_asking(svc, chats, stop))
    await asyncio.sleep(0.3)
    took = await timed(work)
    stop.set()
    return await askers, took


async def measure(path: Path, total: int) -> dict[str, Any]:
    chats = [chat for chat, _ in layout(total) if chat != BIG_CHAT]
    rng = random.Random(1)
    svc = Service(Store.open(path), Settings(db_path=str(path)))
    try:
        out: dict[str, Any] = {}
        sample = [rng.choice(chats) for _ in range(60)]
        asks = [
            await timed(lambda c=c: svc.ask(c, rng.choice(QUESTIONS), record=False)) for c in sample
        ]
        out["question"] = asks
        for name, words in (("rare", RARE), ("common", COMMON)):
            out[f"search_{name}"] = [
                await timed(lambda c=c, w=words: svc.search(c, w)) for c in sample[:40]
            ]
        out["search_big_common"] = [
            await timed(lambda: svc.search(BIG_CHAT, COMMON)) for _ in range(10)
        ]

        async def searches() -> None:
            for _ in range(20):
                await svc.search(BIG_CHAT, COMMON)

        out["idle"], _ = await during(svc, chats, lambda: asyncio.sleep(2))
        out["during_search"], _ = await during(svc, chats, searches)
        forgotten: list[int] = []

        async def forget() -> None:
            forgotten.append(await svc.forget(BIG_CHAT))

        out["during_forget"], out["forget_seconds"] = await during(svc, chats, forget)
        out["forgot"] = forgotten[0]
        steps: list[dict[str, int]] = []

        async def maintain() -> None:
            steps.append(await svc.maintain(max_seconds=20))

        out["during_maintenance"], out["maintenance_seconds"] = await during(svc, chats, maintain)
        out["maintenance_steps"] = steps[0]
    finally:
        svc.close()
    return out


def subscribers_tick(path: Path, count: int) -> dict[str, float]:
    """One scheduler tick (the due lookup the bot runs every 30 s) with `count` subscribers."""
    from zoneinfo import ZoneInfo

    from bot import schedule

    zones = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney"]
    start = datetime(2025, 3, 29, 12, 0, tzinfo=UTC)
    for old in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        old.unlink(missing_ok=True)  # a tick marks days as done: start afresh each run
    with Store.open(path) as store:
        for i in range(count):
            at = datetime.min.replace(hour=i % 24, minute=(i * 7) % 60).time()
            zone = zones[i % len(zones)]
            skip = schedule.already_due_day(at, ZoneInfo(zone), start)
            store.subscribe(100_000 + i, at, zone, already_due_day=skip)
    svc = Service(Store.open(path), Settings(db_path=str(path)))

    async def ticks() -> tuple[list[float], list[int]]:
        times, due = [], []
        for tick in range(240):  # two hours of 30-second ticks
            now = start + timedelta(seconds=30 * tick)
            started = time.perf_counter()
            found = await svc.due_digests(now)
            times.append(time.perf_counter() - started)
            due.append(len(found))
            for chat, day in found:  # as a broadcast would: claim, so the next tick moves on
                await svc._db(svc.store.skip_day, chat, day)
        return times, due

    def old_tick() -> float:
        """The tick before next_due: every active subscription read and decided in Python."""
        started = time.perf_counter()
        for sub in svc.store.active_subscriptions():
            schedule.decide(sub.at, ZoneInfo(sub.timezone), sub.last_sent_day, start)
        return time.perf_counter() - started

    try:
        times, due = asyncio.run(ticks())
        before = min(old_tick() for _ in range(3))
    finally:
        svc.close()
    return {
        "p50": pct(times, 0.5),
        "max": max(times) * 1000,
        "due": statistics.mean(due),
        "before": before * 1000,
    }


def bot_rss(chats: int) -> float:
    """The real bot process's RSS (MB) after `chats` different chats each sent it a message."""
    import tempfile

    from bench.throughput import wait_replies
    from tests.botprocess import FAKE_TOKEN, BotProcess
    from tests.fakebotapi import FakeBotAPI

    with tempfile.TemporaryDirectory() as tmp, FakeBotAPI(FAKE_TOKEN) as fake:
        env = {"ARTICLEBOT_LOG_LEVEL": "WARNING", "ARTICLEBOT_RATE_LIMIT": "0"}
        with BotProcess(fake, Path(tmp) / "rss.db", env_extra=env) as bot:
            assert bot.proc is not None
            ids = [5_000_000 + i for i in range(chats)]
            for first in range(0, chats, 2000):
                part = ids[first : first + 2000]
                for c in part:
                    fake.send_text(c, "Who won?")
                wait_replies(fake, part, dict.fromkeys(part, 1), 900)
            for line in Path(f"/proc/{bot.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) / 1024
            bot.stop()
    return rss


def report(total: int, size: int, path: Path, built: dict[str, float], got: dict[str, Any]) -> None:
    print(f"\n== {total:,} articles ({path}) ==")
    print(f"ingest                {built['rate']:>10,.0f} articles/s ({built.get('how', '')})")
    print(f"file                  {size / 1e9:>10,.2f} GB, {size / total:,.0f} bytes/article")
    print(f"{'':22}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'max ms':>10}{'n':>7}")
    for key, label in (
        ("question", "question"),
        ("search_rare", f"search '{RARE}'"),
        ("search_common", f"search '{COMMON}'"),
        ("search_big_common", "  in the 10k chat"),
        ("idle", "others' question, idle"),
        ("during_search", "  during searches"),
        ("during_forget", "  during /forget"),
        ("during_maintenance", "  during maintenance"),
    ):
        v = got[key]
        print(
            f"{label:<22}{pct(v, 0.5):>10.1f}{pct(v, 0.95):>10.1f}{pct(v, 0.99):>10.1f}"
            f"{max(v) * 1000:>10.1f}{len(v):>7}"
        )
    print(f"/forget of {got['forgot']:,} articles: {got['forget_seconds']:.2f} s")
    print(
        f"maintenance (20 s at most): {got['maintenance_seconds']:.1f} s, {got['maintenance_steps']}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--dir", type=Path, default=Path("/tmp/scale"))
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--rss-chats", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2, help="build processes past 100k")
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    corpus = None
    for total in [int(s) for s in args.sizes.split(",") if s]:
        path = args.dir / f"scale-{total}.db"
        stats_file = path.with_suffix(".build.json")
        if not stats_file.exists():
            corpus = corpus or load_corpus(args.data)
            if total <= 100_000:
                built = build(path, total, corpus) | {"how": "Store.add_articles, 1 process"}
            else:
                built = build_parallel(path, total, corpus, workers=args.workers)
                built["how"] = f"{args.workers} worker processes + 1 writer"
        else:
            import json

            built = json.loads(stats_file.read_text())
            built.setdefault("how", "parallel build" if total > 100_000 else "Store.add_articles")
        # Measuring forgets the big chat; a later run puts it back first.
        with Store.open(path) as store:
            if store.count_articles(BIG_CHAT) == 0:
                corpus = corpus or load_corpus(args.data)
                big = layout(total)[0][1]
                for first in range(0, big, 500):
                    batch = range(first, min(big, first + 500))
                    store.add_articles(BIG_CHAT, [new_article(corpus.article(k)) for k in batch])
            store.checkpoint()
        size = path.stat().st_size
        load = Path("/proc/loadavg").read_text().split()[0]
        got = asyncio.run(measure(path, total))
        report(total, size, path, built, got)
        print(f"(load average when the measuring began: {load} on {os.cpu_count()} cores)")
    if args.subscribers:
        tick = subscribers_tick(args.dir / f"subscribers-{args.subscribers}.db", args.subscribers)
        print(
            f"\nscheduler tick, {args.subscribers:,} subscribers: p50 {tick['p50']:.1f} ms, "
            f"max {tick['max']:.1f} ms (on average {tick['due']:.0f} due per tick; every "
            f"subscription decided in Python, as before: {tick['before']:.0f} ms)"
        )
    if args.rss_chats:
        print(f"bot RSS after {args.rss_chats:,} chats: {bot_rss(args.rss_chats):.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
