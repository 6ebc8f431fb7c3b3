"""What every feature of the service shares: the store, the settings and the executors.

Blocking work never runs on the event loop. SQLite writes go through one writer thread (every
write, in order), reads through a few reader threads (WAL readers: they never wait for a write).
Reading input whose cost depends on what was sent (cleaning, extraction, documents, feeds) runs
in worker processes with a deadline (bot/workers.py). Answers have their own threads, so they
never wait behind that work; briefs and digests use a small CPU thread pool.
"""

from __future__ import annotations

import asyncio
import gc
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

from bot import qa, reading
from bot.article import Article
from bot.feeds import ParsedFeed
from bot.language.detect import detect
from bot.settings import Settings
from bot.workers import WorkPool
from store import READERS, Store, StoredArticle, only_reads

T = TypeVar("T")
ARTICLE_CACHE_SIZE = 512


_ready = threading.Lock()
_frozen = False


def ready_to_answer() -> None:
    """Make a long-running process ready to answer: load what answers read, then freeze the heap
    as it stands (the modules, models and tables it keeps for good), so the garbage collector's
    full passes no longer walk it: one took most of 0.1 s in the middle of an answer. The heap
    is frozen once per process."""
    global _frozen
    with _ready:
        qa.warm_up()
        if not _frozen:
            gc.collect()
            gc.freeze()
            _frozen = True


class ServiceBase:
    """The store and executors the feature parts work over; one instance per process."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self._db_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="articlebot-db")
        self._read_pool = ThreadPoolExecutor(
            max_workers=READERS, thread_name_prefix="articlebot-read"
        )
        self._cpu_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="articlebot-cpu")
        self._answer_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="articlebot-qa")
        self._articles: OrderedDict[int, Article] = OrderedDict()
        self._workers: WorkPool | None = None
        self.ready: Future[None] | None = None  # ready_to_answer, once warm_up has started it

    @property
    def workers(self) -> WorkPool:
        """The worker processes, started at first use (or by warm_up)."""
        if self._workers is None:
            self._workers = WorkPool(self.settings.workers, deadline=self.settings.work_seconds)
        return self._workers

    def warm_up(self) -> None:
        """Start the worker processes now, so the first article does not wait for them, and
        make this process ready to answer (on an answer thread: the first question waits for it
        only if it comes first)."""
        self.workers.warm_up()
        self.ready = self._answer_pool.submit(ready_to_answer)

    def close(self) -> None:
        """Finish queued database work, then close the database."""
        if self._workers is not None:
            self._workers.close()
        self._answer_pool.shutdown(wait=False, cancel_futures=True)
        self._cpu_pool.shutdown(wait=False, cancel_futures=True)
        self._read_pool.shutdown(wait=True)
        self._db_pool.shutdown(wait=True)
        self.store.close()

    async def _db(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a store method: a read on a reader thread, a write on the writer thread."""
        loop = asyncio.get_running_loop()
        pool = self._read_pool if only_reads(fn) else self._db_pool
        return await loop.run_in_executor(pool, partial(fn, *args, **kwargs))

    async def _cpu(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._cpu_pool, partial(fn, *args, **kwargs))

    async def _answer(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._answer_pool, partial(fn, *args, **kwargs))

    async def _work(self, fn: Callable[..., T], *args: Any, what: str = "page", **kwargs: Any) -> T:
        """Run fn in a worker process, stopped (TooComplex) at the deadline."""
        return await self.workers.run(fn, *args, what=what, **kwargs)

    async def read_page(self, text: str, is_html: bool, url: str) -> Article:
        """A downloaded page as an article (fetch_article's reader)."""
        return await self._work(reading.read_page, text, html=is_html, url=url, what="page")

    async def links(self, page: str, base_url: str) -> list[str]:
        """The feeds a page links (fetch_feed's reader)."""
        return await self._work(reading.find_feed_links, page, base_url=base_url, what="page")

    async def feed(self, data: bytes, url: str) -> ParsedFeed:
        """A feed's bytes parsed (fetch_feed's reader)."""
        return await self._work(reading.read_feed, data, url=url, what="feed")

    def _article(self, stored: StoredArticle) -> Article:
        """The core's view of a stored article, kept in a small cache so answer indexes are reused."""
        art = self._articles.get(stored.id)
        if art is None:
            art = Article(
                paragraphs=stored.paragraphs,
                title=stored.title,
                byline=stored.byline,
                place=stored.place,
                date=stored.published,
                source=stored.source,
                url=stored.url,
                # Articles stored before languages were recorded are detected when read.
                language=stored.language or detect(stored.text),
            )
            self._articles[stored.id] = art
            if len(self._articles) > ARTICLE_CACHE_SIZE:
                self._articles.popitem(last=False)
        else:
            self._articles.move_to_end(stored.id)
        return art
