"""Soak: the real bot process against a fake Bot API on loopback, 200 chats acting at random.

Run: python -m bench.soak [--minutes 2] [--chats 200] [--rate 25]

Chats paste articles, send links (served on loopback), ask questions, use commands and press
buttons, and some send hostile input. Afterwards: errors in the bot's log beyond the expected
ones, memory growth between the first and last quarter of the run, and whether every article the
bot acknowledged is still in the database. Exits non-zero if a check fails.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.throughput import article  # a news-like article generator
from store import Store
from tests.botprocess import FAKE_TOKEN, BotProcess
from tests.fakebotapi import FakeBotAPI
from tests.pages import ARTICLE_HTML, PageServer

MEMORY_GROWTH_BOUND_MB = 60.0
HOSTILE = [
    "",  # an empty caption-less message is not possible; stands for whitespace below
    "   ",
    "😀🎉🔥" * 30,
    "word " * 10_000,  # one 50,000-character sentence with no punctuation
    "<b>bold</b> & <i>x</i> <script>alert(1)</script> **md** " * 40,
    "Who? " + "why " * 2_000,  # a 10,000-character question
    "\u202e\u200f مرحبا بالعالم 你好世界 " * 50,
    "/use abc",
    "/use 999999",
    "/summary -3",
    "/settings timezone Mars/Olympus",
    "/ask",
    "/search",
]
QUESTIONS = ["Who announced the plan?", "How much will it cost?", "When will it open?"]
COMMANDS = ["/articles", "/summary 2", "/search cracks", "/use 1", "/settings", "/help"]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=2.0)
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--rate", type=float, default=25.0, help="user messages per second")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--log", default="soak-bot.log", help="where to keep the bot's log")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    chats = [50_000 + i for i in range(args.chats)]
    sent: Counter[str] = Counter()
    codes_sent: dict[int, int] = {}  # user message id -> article number
    memory: list[tuple[float, float]] = []
    with (
        tempfile.TemporaryDirectory() as tmp,
        FakeBotAPI(FAKE_TOKEN) as fake,
        PageServer() as pages,
    ):
        for i in range(20):
            pages.add_html(f"/story/{i}", ARTICLE_HTML)
        db = Path(tmp) / "soak.db"
        bot = BotProcess(fake, db, env_extra={"ARTICLEBOT_LOG_LEVEL": "WARNING"})
        bot.start()
        assert bot.proc is not None
        pid = bot.proc.pid
        start = time.monotonic()
        end = start + args.minutes * 60
        next_sample = start
        n = 0
        while (now := time.monotonic()) < end:
            if now >= next_sample:
                memory.append((now - start, rss_mb(pid)))
                next_sample += 5
            chat = rng.choice(chats)
            roll = rng.random()
            if roll < 0.35:
                n += 1
                mid = fake.send_text(chat, article(rng, n) + f" Reference code SK{n:06d}.")
                codes_sent[mid] = n
                sent["article"] += 1
            elif roll < 0.65:
                fake.send_text(chat, rng.choice(QUESTIONS))
                sent["question"] += 1
            elif roll < 0.77:
                fake.send_text(chat, rng.choice(COMMANDS))
                sent["command"] += 1
            elif roll < 0.82:
                fake.send_text(chat, pages.url(f"/story/{rng.randrange(20)}"))
                sent["link"] += 1
            elif roll < 0.86 and (mine := fake.bot_messages(chat)):
                # a real button's data, or a tampered one naming another chat's article
                message = rng.choice(mine)
                data = rng.choice(["len:1:2", "who:99", "x", "forget:no", "len:abc"])
                fake.press_button(chat, message["message_id"], data)
                sent["button"] += 1
            else:
                text = rng.choice(HOSTILE) or " "
                fake.send_text(chat, text)
                sent["hostile"] += 1
            time.sleep(max(0.0, 1 / args.rate - (time.monotonic() - now)))
        # let the bot drain what is queued, then stop it cleanly
        fake.wait_for(lambda: fake.pending_updates == 0, 120)
        time.sleep(3)
        memory.append((time.monotonic() - start, rss_mb(pid)))
        replies = sum(len(fake.bot_messages(c)) for c in chats)
        bot.stop()
        log = bot.log_text()
        Path(args.log).write_text(log, encoding="utf-8")
        errors = [ln for ln in log.splitlines() if " ERROR " in ln]
        # every acknowledged article (a brief replying to it) must be in the database
        acked: dict[int, set[str]] = {}
        for chat in chats:
            for m in fake.bot_messages(chat):
                original = m.get("reply_to_message") or {}
                found = re.search(r"SK\d{6}", original.get("text", ""))
                if found and "min read" in m.get("text", ""):
                    acked.setdefault(chat, set()).add(found.group(0))
        missing = 0
        with Store.open(db) as store:
            integrity = store.integrity_check()
            for chat, codes in acked.items():
                text = " ".join(
                    " ".join(a.sentences)
                    for s in store.list_articles(chat, limit=10_000)
                    if (a := store.get_article(chat, s.id)) is not None
                )
                missing += sum(1 for c in codes if c not in text)
        bot.close()
    quarter = max(1, len(memory) // 4)
    early = statistics.median(m for _, m in memory[:quarter])
    late = statistics.median(m for _, m in memory[-quarter:])
    growth = late - early
    elapsed = args.minutes * 60
    print(f"Soak: {args.chats} chats, {elapsed / 60:.1f} minutes, {sum(sent.values())} messages")
    print(f"{'what':<34}{'value':>12}")
    for kind, count in sorted(sent.items()):
        print(f"{'sent: ' + kind:<34}{count:>12}")
    print(f"{'bot replies':<34}{replies:>12}")
    print(f"{'articles acknowledged':<34}{sum(len(v) for v in acked.values()):>12}")
    print(f"{'acknowledged but missing':<34}{missing:>12}")
    print(f"{'database integrity':<34}{integrity:>12}")
    print(f"{'errors in the log':<34}{len(errors):>12}")
    print(f"{'memory, first quarter (MB)':<34}{early:>12.0f}")
    print(f"{'memory, last quarter (MB)':<34}{late:>12.0f}")
    print(f"{'memory growth (MB, bound)':<34}{growth:>8.0f} ({MEMORY_GROWTH_BOUND_MB:.0f})")
    for line in errors[:10]:
        print("  ", line[:200])
    if errors:
        print(f"   (the bot's log, with tracebacks, is in {args.log})")
    ok = not missing and integrity == "ok" and not errors and growth <= MEMORY_GROWTH_BOUND_MB
    print("RESULT:", "ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
