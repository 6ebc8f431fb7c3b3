"""Throughput of the real bot process through a fake Bot API on loopback: 50 chats at once.

Run: python -m bench.throughput [--chats 50] [--articles 4] [--questions 20] [--rate-limit]

Each chat pastes articles and asks questions; the clock runs from the first update queued to the
last reply received. The bot's peak memory is its VmHWM. Without --rate-limit the bot's
AIORateLimiter is off, so this measures the bot's own capacity; with it, sends are held to
Telegram's limits (about 30 messages a second overall, 1 a second per chat) by design.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.botprocess import FAKE_TOKEN, BotProcess
from tests.fakebotapi import FakeBotAPI

PLACES = ["Brenmouth", "Harlow", "Ostrava", "Lindale", "Corvo", "Tamsin", "Elmira", "Kestrel Bay"]
PEOPLE = ["Mara Voss", "Jonas Ferreira", "Ana Ruiz", "Paul Girard", "Lena Brandt", "Igor Levin"]
THINGS = ["bridge", "library", "ferry line", "water plant", "stadium", "tram depot", "market hall"]
QUESTIONS = [
    "Who announced the plan?",
    "Where will the work take place?",
    "When will it open?",
    "How much will it cost?",
    "How many people signed the petition?",
]


def article(rng: random.Random, n: int) -> str:
    """A news-like article of about 2,500 characters, different every time."""
    place, person, thing = rng.choice(PLACES), rng.choice(PEOPLE), rng.choice(THINGS)
    paras = [
        f"{place.upper()} (AP) -- The council of {place} approved a plan on Tuesday to rebuild "
        f"the town's {thing}, mayor {person} announced, after a vote of {rng.randint(5, 12)} "
        f"to {rng.randint(0, 4)} (story {n}).",
        f"The work will cost about {rng.randint(2, 90)} million euros and take "
        f"{rng.randint(2, 5)} years, according to the council's report.",
        f"{person} said the {thing} would open again in {rng.choice(['May', 'June', 'March'])} "
        f'{rng.randint(2027, 2030)}. "We have waited long enough," {person} said.',
        f"More than {rng.randint(1, 9)},{rng.randint(100, 999)} residents signed a petition "
        f"asking for the {thing} to be saved, organisers said.",
    ]
    for i in range(8):
        paras.append(
            f"Engineers from {rng.choice(PLACES)} inspected section {i + 1} of the {thing} on "
            f"{rng.choice(['Monday', 'Wednesday', 'Friday'])} and found {rng.randint(2, 40)} "
            f"cracks that must be repaired before the winter, the report said."
        )
    return "\n\n".join(paras)


def wait_replies(fake: FakeBotAPI, chats: list[int], want: dict[int, int], timeout: float) -> float:
    start = time.perf_counter()
    deadline = start + timeout
    while time.perf_counter() < deadline:
        if all(len(fake.bot_messages(c)) >= want[c] for c in chats):
            return time.perf_counter()
        time.sleep(0.02)
    got = sum(len(fake.bot_messages(c)) for c in chats)
    raise SystemExit(f"timed out: {got} of {sum(want.values())} replies arrived")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--articles", type=int, default=4, help="articles per chat")
    parser.add_argument("--questions", type=int, default=20, help="questions per chat")
    parser.add_argument("--rate-limit", action="store_true", help="keep the AIORateLimiter on")
    args = parser.parse_args(argv)
    rng = random.Random(7)
    chats = [10_000 + i for i in range(args.chats)]
    with tempfile.TemporaryDirectory() as tmp, FakeBotAPI(FAKE_TOKEN) as fake:
        env = {"ARTICLEBOT_LOG_LEVEL": "WARNING", "ARTICLEBOT_MERGE_SECONDS": "0"}
        if not args.rate_limit:
            env["ARTICLEBOT_RATE_LIMIT"] = "0"
        with BotProcess(fake, Path(tmp) / "bench.db", env_extra=env) as bot:
            assert bot.proc is not None
            want = {c: 0 for c in chats}
            # warm-up: one article per chat is not timed
            for c in chats:
                fake.send_text(c, article(rng, -c))
                want[c] += 1
            wait_replies(fake, chats, want, 300)

            texts = [(c, article(rng, i * 1000 + c)) for i in range(args.articles) for c in chats]
            start = time.perf_counter()
            for c, text in texts:
                fake.send_text(c, text)
                want[c] += 1
            end = wait_replies(fake, chats, want, 600)
            articles_s = len(texts) / (end - start)

            asks = [(c, rng.choice(QUESTIONS)) for _ in range(args.questions) for c in chats]
            start = time.perf_counter()
            for c, q in asks:
                fake.send_text(c, q)
                want[c] += 1
            end = wait_replies(fake, chats, want, 600)
            questions_s = len(asks) / (end - start)
            peak = peak_rss_mb(bot.proc.pid)
            bot.stop()
    limiter = "on" if args.rate_limit else "off"
    print(f"Throughput through the real stack: {args.chats} chats at once, rate limiter {limiter}")
    print(f"{'what':<22}{'count':>8}{'per second':>14}")
    print(f"{'articles briefed':<22}{len(texts):>8}{articles_s:>14.1f}")
    print(f"{'questions answered':<22}{len(asks):>8}{questions_s:>14.1f}")
    print(f"{'bot peak memory':<22}{'':>8}{peak:>11.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
