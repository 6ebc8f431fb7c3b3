"""Articles for bench/scale.py: real news texts from ../shared/data, made unique, and the build.

Every base text (CNN/DailyMail articles and the pages' article texts) goes through the service's
cleaning once; article k is base k mod B with its paragraphs rotated and one SQuAD paragraph
appended, so a million articles are a million different texts with a real vocabulary.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bot.article import Article
from bot.clean import clean_text
from bot.service import content_hash
from bot.split import split_sentences
from store import Store, rows, search
from store.records import NewArticle

BIG_CHAT = 1  # the chat that is forgotten while other chats ask questions
FIRST_CHAT = 1000  # other chats are FIRST_CHAT, FIRST_CHAT + 1, ...
PER_CHAT = 1000  # articles per other chat
BATCH = 500


@dataclass(frozen=True)
class Corpus:
    bases: list[Article]
    extras: list[tuple[str, ...]]

    def article(self, k: int) -> Article:
        base = self.bases[k % len(self.bases)]
        k //= len(self.bases)
        extra = self.extras[k % len(self.extras)]
        k //= len(self.extras)
        paras = base.paragraphs
        turn = k % len(paras)
        return replace(base, paragraphs=paras[turn:] + paras[:turn] + (extra,))


def load_corpus(data: Path) -> Corpus:
    bases: list[Article] = []
    for line in (data / "summ_dev.jsonl").read_text(encoding="utf-8").splitlines():
        bases.append(clean_text(json.loads(line)["article"], source="CNN/DailyMail"))
    for page in sorted((data / "pages").iterdir()):
        expected = page / "expected.txt"
        if expected.exists() and len(expected.read_text(encoding="utf-8")) > 500:
            bases.append(clean_text(expected.read_text(encoding="utf-8")))
    contexts: dict[str, None] = {}
    for line in (data / "qa_dev.jsonl").read_text(encoding="utf-8").splitlines():
        contexts.setdefault(json.loads(line)["context"], None)
    extras = [tuple(split_sentences(c)) for c in contexts]
    return Corpus(bases=[b for b in bases if b.paragraphs], extras=[e for e in extras if e])


def layout(total: int) -> list[tuple[int, int]]:
    """(chat, how many articles) for a database of `total` articles: one big chat, then chats of
    PER_CHAT."""
    big = min(10_000, total // 2)
    chats = [(BIG_CHAT, big)]
    left, chat = total - big, FIRST_CHAT
    while left > 0:
        take = min(PER_CHAT, left)
        chats.append((chat, take))
        left -= take
        chat += 1
    return chats


def new_article(article: Article) -> NewArticle:
    return NewArticle(
        paragraphs=article.paragraphs,
        title=article.title,
        source=article.source,
        url=article.url,
        origin="paste",
        byline=article.byline,
        place=article.place,
        published=article.date,
        content_hash=content_hash(article),
    )


def build(path: Path, total: int, corpus: Corpus, *, log: bool = True) -> dict[str, float]:
    """Fill a new database with `total` articles in batches through the store's bulk path."""
    started = time.perf_counter()
    k = 0
    with Store.open(path) as store:
        for chat, count in layout(total):
            for first in range(0, count, BATCH):
                batch = [
                    new_article(corpus.article(k + i)) for i in range(min(BATCH, count - first))
                ]
                k += len(batch)
                store.add_articles(chat, batch)
                if log and k % 50_000 < BATCH:
                    rate = k / (time.perf_counter() - started)
                    print(f"  {k:,} articles, {rate:,.0f}/s", flush=True)
        store.checkpoint()
    seconds = time.perf_counter() - started
    stats = {"articles": k, "seconds": seconds, "rate": k / seconds}
    path.with_suffix(".build.json").write_text(json.dumps(stats))
    return stats


_CORPUS: list[Corpus] = []  # the forked workers' copy


def _prepare(job: tuple[int, int, int]) -> list[tuple[int, NewArticle, str, list[tuple[int, str]]]]:
    """Worker: articles k0..k1 of one chat, each with its index rows (sentence index, tokens)."""
    chat, k0, k1 = job
    corpus = _CORPUS[0]
    out = []
    for k in range(k0, k1):
        fresh = new_article(corpus.article(k))
        sentences = [s for para in fresh.paragraphs for s in para]
        body = json.dumps(fresh.paragraphs, ensure_ascii=False, separators=(",", ":"))
        out.append((chat, fresh, body, search._rows(chat, 0, sentences)))
    return out


def build_parallel(path: Path, total: int, corpus: Corpus, *, workers: int = 2) -> dict[str, float]:
    """The same rows as `build`, with the per-article CPU work (cleaned text to JSON, hash,
    index tokens) spread over worker processes and one writer inserting batches: for 1M.

    Resumes a build that was stopped: batches are written in order, one transaction each.
    """
    import multiprocessing
    from collections import deque

    started = time.perf_counter()
    Store.open(path).close()  # schema and pragmas as the bot makes them
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA journal_mode = WAL")
    already = int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    jobs, k = [], 0
    for chat, count in layout(total):
        for first in range(0, count, BATCH):
            n = min(BATCH, count - first)
            if k >= already:
                jobs.append((chat, k, k + n))
            k += n
    done = 0
    _CORPUS[:] = [corpus]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending: deque[Any] = deque()
        queue = iter(jobs)
        while True:
            # A bounded number of batches in flight, so a slow writer never piles them up.
            while len(pending) < 2 * workers and (job := next(queue, None)) is not None:
                pending.append(pool.apply_async(_prepare, (job,)))
            if not pending:
                break
            batch = pending.popleft().get()
            chat = batch[0][0]
            conn.execute("BEGIN")
            conn.execute(
                "INSERT INTO chats (id, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (chat, rows.now()),
            )
            for _, fresh, body, index_rows in batch:
                cursor = conn.execute(
                    "INSERT INTO articles (chat_id, title, source, url, origin, byline, place, "
                    "published, paragraphs_json, sentence_count, content_hash, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        chat, fresh.title, fresh.source, fresh.url, fresh.origin, fresh.byline,
                        fresh.place, fresh.published, body,
                        sum(len(p) for p in fresh.paragraphs), fresh.content_hash, rows.now(),
                    ),
                )  # fmt: skip
                base = int(cursor.lastrowid or 0) << search.SHIFT
                conn.executemany(
                    "INSERT INTO search_index (rowid, body) VALUES (?, ?)",
                    [(base + i, tokens) for i, tokens in index_rows],
                )
            conn.execute(
                "UPDATE chats SET current_article_id = ? WHERE id = ?", (cursor.lastrowid, chat)
            )
            conn.execute("COMMIT")
            done += len(batch)
            if done % 50_000 < BATCH:
                rate = done / (time.perf_counter() - started)
                print(f"  {already + done:,} articles, {rate:,.0f}/s", flush=True)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    seconds = time.perf_counter() - started
    stats = {"articles": already + done, "seconds": seconds, "rate": done / seconds}
    path.with_suffix(".build.json").write_text(json.dumps(stats))
    return stats
