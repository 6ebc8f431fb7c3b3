"""Do hard inputs stall other chats? The real bot process on a fake Bot API on loopback.

Run: python -m bench.stall [--readers 20] [--heavy 10] [--heavy-chats 10] [--work-seconds 20]

One chat sends the inputs that once froze or stalled the bot (forty empty HTML comments, a
Markdown file of '#', a page of 17,000 unterminated `<a ` tags to /follow, a hard-wrapped file
with no full stops, a page with a 10,800-character title) and heavy HTML documents (big tables,
thousands of paragraphs, deep nesting) are sent at once (spread over --heavy-chats chats, since
one chat's updates are handled in order). Meanwhile --readers other chats each ask questions
about their own article, one after another, until every hard input has had its reply. It prints
the readers' answer latency (from the question reaching the Bot API to the answer arriving):
median, p99, max. The rate limiter is off (ARTICLEBOT_RATE_LIMIT=0): this measures the bot.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.throughput import QUESTIONS, article, peak_rss_mb
from tests.botprocess import FAKE_TOKEN, BotProcess
from tests.fakebotapi import FakeBotAPI
from tests.pages import PageServer

TITLE = "Council votes to reopen the library " * 300


def heavy_documents(n: int) -> list[tuple[str, bytes]]:
    """n heavy HTML files, each several seconds of extraction (or more) on one core."""
    kinds = [
        "<table>" + "<tr><td>cell text here</td></tr>" * 40_000 + "</table>",
        "".join(f"<p>Short words here and there, item {i}.</p>" for i in range(12_000)),
        "<div>" * 20_000 + "<p>Deep inside there is one line of text.</p>" + "</div>" * 20_000,
    ]
    return [
        (f"heavy-{i}.html", f"<html><body>{kinds[i % len(kinds)]}</body></html>".encode())
        for i in range(n)
    ]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def child_rss_mb(pid: int) -> float:
    """Resident memory of the bot's child processes (forkserver and its workers), summed."""
    parents = {str(pid)}
    total = 0.0
    for _ in range(3):  # children, grandchildren (workers fork from the forkserver)
        found = set()
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(
                    line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
                )
            except OSError:
                continue
            if fields.get("PPid", "").strip() in parents and status.parent.name not in parents:
                found.add(status.parent.name)
                total += int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
        parents |= found
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--heavy", type=int, default=10, help="heavy documents sent at once")
    parser.add_argument("--heavy-chats", type=int, default=10, help="chats they come from")
    parser.add_argument("--work-seconds", type=float, default=20.0)
    parser.add_argument("--calm-seconds", type=float, default=10.0, help="baseline phase")
    args = parser.parse_args(argv)
    rng = random.Random(11)
    readers = [20_000 + i for i in range(args.readers)]
    attacker = 30_000
    heavy_chats = [attacker + i for i in range(max(1, args.heavy_chats))]
    env = {
        "ARTICLEBOT_LOG_LEVEL": "WARNING",
        "ARTICLEBOT_MERGE_SECONDS": "0",
        "ARTICLEBOT_RATE_LIMIT": "0",
        "ARTICLEBOT_WORK_SECONDS": str(args.work_seconds),
    }
    latencies: list[float] = []
    hard_replies: list[str] = []
    with (
        tempfile.TemporaryDirectory() as tmp,
        FakeBotAPI(FAKE_TOKEN) as fake,
        PageServer() as pages,
        BotProcess(fake, Path(tmp) / "bench.db", env_extra=env) as bot,
    ):
        assert bot.proc is not None
        for c in readers:  # each reader has its article (not timed)
            fake.send_text(c, article(rng, c))
        fake.wait_for(lambda: all(fake.bot_messages(c) for c in readers), 300)

        tags = pages.add_html("/tags.html", "<html><body>" + "<a " * 17_000 + "</body></html>")
        titled = pages.add_html(
            "/title.html",
            f"<html><head><title>{TITLE}</title></head><body><article>"
            + "".join(f"<p>{p}</p>" for p in article(rng, 1).split("\n\n"))
            + "</article></body></html>",
        )
        stop = threading.Event()

        def ask(chat: int) -> None:
            while not stop.is_set():
                before = len(fake.bot_messages(chat))
                fake.send_text(chat, rng.choice(QUESTIONS))
                sent = time.perf_counter()
                try:
                    fake.wait_for(lambda b=before: len(fake.bot_messages(chat)) > b, 60)
                except TimeoutError:
                    latencies.append(60.0)
                    continue
                latencies.append(time.perf_counter() - sent)
                time.sleep(rng.uniform(0.1, 0.4))

        askers = [threading.Thread(target=ask, args=(c,), daemon=True) for c in readers]
        for t in askers:
            t.start()
        time.sleep(args.calm_seconds)  # the same questions with nothing heavy going on
        calm = len(latencies)
        started = time.perf_counter()
        want: dict[int, int] = {c: 0 for c in heavy_chats}
        hard = [
            ("text", "<!----> " * 40 + "x"),
            ("doc", ("notes.md", ("# " + "#" * 75_000 + "x\n").encode())),
            ("text", f"/follow {tags}"),
            (
                "doc",
                ("wrapped.txt", ("a line of words that never quite stops\n" * 20_000).encode()),
            ),
            ("text", titled),
        ]
        for kind, payload in hard:
            if kind == "text":
                fake.send_text(attacker, str(payload))
            else:
                name, data = payload  # type: ignore[misc]
                fake.send_document(attacker, data, file_name=name, mime_type="text/plain")
            want[attacker] += 1
        for i, (name, data) in enumerate(heavy_documents(args.heavy)):
            chat = heavy_chats[i % len(heavy_chats)]
            fake.send_document(chat, data, file_name=name, mime_type="text/html")
            want[chat] += 1
        fake.wait_for(lambda: all(len(fake.bot_messages(c)) >= want[c] for c in want), 900)
        hard_seconds = time.perf_counter() - started
        stop.set()
        for t in askers:
            t.join(timeout=70)
        for c in want:
            hard_replies += [m["text"] for m in fake.bot_messages(c)]
        peak = peak_rss_mb(bot.proc.pid)
        workers = child_rss_mb(bot.proc.pid)
    before, during = latencies[:calm], latencies[calm:]
    too_complex = sum("too complex" in t for t in hard_replies)
    apologies = sum("something went wrong" in t.lower() for t in hard_replies)
    print(
        f"Other chats' answers while one chat sends the hard inputs and {args.heavy} heavy "
        f"documents arrive at once ({args.readers} readers, work deadline {args.work_seconds:g} s)"
    )
    print(f"{'answers':<30}{'calm (baseline)':>18}{'during the hard work':>22}")
    print(f"{'count':<30}{len(before):>18}{len(during):>22}")
    for name, q in (("median", 0.5), ("p99", 0.99), ("max", 1.0)):
        print(
            f"{'latency ' + name:<30}{percentile(before, q) * 1000:>15.0f} ms"
            f"{percentile(during, q) * 1000:>19.0f} ms"
        )
    print(f"{'hard inputs + heavy documents answered in':<44}{hard_seconds:>10.1f} s")
    print(
        f"{'replies: too complex / apologies / total':<44}{too_complex:>4} /{apologies:>3} /{len(hard_replies):>3}"
    )
    print(f"{'bot peak memory (main process, VmHWM)':<44}{peak:>9.0f} MB")
    print(f"{'its child processes at the end (RSS)':<44}{workers:>9.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
