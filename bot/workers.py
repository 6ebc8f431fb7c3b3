"""Work whose cost depends on the input (cleaning, extraction, feed parsing, document decoding)
runs in worker processes with a hard deadline per task.

Python's `re` has no timeout and a thread cannot be stopped, but a process can: pebble's
ProcessPool kills a worker whose task outlives its deadline and starts a new one. The pool is
small (the machine has two cores) and its workers start from a forkserver that has already
imported the heavy modules, so a replacement is a cheap fork, not a fresh interpreter (and the
parent's threads are never forked).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import CancelledError
from typing import Any, TypeVar

from pebble import ProcessExpired, ProcessPool

from bot.errors import InputError
from bot.i18n import N_

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_DEADLINE = 20.0  # seconds of CPU work one article, page, file or feed may take
# Modules the forkserver imports once, so every worker (and every replacement) starts warm.
PRELOAD = ["bot.extract", "bot.clean", "bot.feeds", "bot.documents", "bot.split"]


class TooComplex(InputError):
    """The page or file took longer to read than the deadline allows."""


class WorkerCrashed(InputError):
    """The worker died reading the input (out of memory, a crash in a parser)."""


TOO_COMPLEX = (
    "That {what} is too complex for me to read in time (I stop after {seconds:g} seconds). "
    "Try sending just the article's text."
)
CRASHED = (
    "That {what} made my reader crash, so I couldn't read it. Try sending just the article's text."
)
# The same messages whole for each thing the workers read, so each language can word them
# (TOO_COMPLEX and CRASHED, with the English word, are for anything else).
TOO_COMPLEX_FOR = {
    "article": N_(
        "That article is too complex for me to read in time (I stop after {seconds:g} "
        "seconds). Try sending just the article's text."
    ),
    "feed": N_(
        "That feed is too complex for me to read in time (I stop after {seconds:g} seconds). "
        "Try sending just the article's text."
    ),
    "feed item": N_(
        "That feed item is too complex for me to read in time (I stop after {seconds:g} "
        "seconds). Try sending just the article's text."
    ),
    "file": N_(
        "That file is too complex for me to read in time (I stop after {seconds:g} seconds). "
        "Try sending just the article's text."
    ),
    "page": N_(
        "That page is too complex for me to read in time (I stop after {seconds:g} seconds). "
        "Try sending just the article's text."
    ),
}
CRASHED_FOR = {
    "article": N_(
        "That article made my reader crash, so I couldn't read it. "
        "Try sending just the article's text."
    ),
    "feed": N_(
        "That feed made my reader crash, so I couldn't read it. "
        "Try sending just the article's text."
    ),
    "feed item": N_(
        "That feed item made my reader crash, so I couldn't read it. "
        "Try sending just the article's text."
    ),
    "file": N_(
        "That file made my reader crash, so I couldn't read it. "
        "Try sending just the article's text."
    ),
    "page": N_(
        "That page made my reader crash, so I couldn't read it. "
        "Try sending just the article's text."
    ),
}


def too_complex(what: str, seconds: float) -> TooComplex:
    """TooComplex for a `what` ("page", "file", ...) that took more than `seconds`."""
    if what in TOO_COMPLEX_FOR:
        return TooComplex(TOO_COMPLEX_FOR[what], seconds=seconds)
    return TooComplex(TOO_COMPLEX, what=what, seconds=seconds)


def crashed(what: str) -> WorkerCrashed:
    """WorkerCrashed for a `what` whose reading killed the worker."""
    if what in CRASHED_FOR:
        return WorkerCrashed(CRASHED_FOR[what])
    return WorkerCrashed(CRASHED, what=what)


WORKER_NICENESS = 5


def _warm() -> int:
    return os.getpid()


def _lower_priority() -> None:
    """Workers yield the CPU to the bot's own process: on a two-core machine with both workers
    busy, answers and sends still get a core when they need one."""
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)


class WorkPool:
    """A few worker processes; `await pool.run(fn, *args, what="page")` runs fn in one of them.

    fn and its arguments must be picklable (module-level functions, plain data). Errors fn
    raises come back as they are; a task past its deadline raises TooComplex and its worker is
    killed and replaced.
    """

    def __init__(self, workers: int = 2, *, deadline: float = DEFAULT_DEADLINE) -> None:
        self.deadline = deadline
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        self._pool = ProcessPool(max_workers=workers, context=context, initializer=_lower_priority)
        self._workers = workers
        self._start_lock = threading.Lock()
        self._started = False
        self.timeouts = 0  # tasks stopped at their deadline (for logs and benchmarks)

    def start(self) -> None:
        """Start the forkserver and the workers (blocking: seconds on a busy machine). Safe to
        call from any thread, any number of times."""
        with self._start_lock:
            if not self._started:
                # pebble starts its workers inside the first schedule(), on the caller's thread.
                for _ in range(self._workers):
                    self._pool.schedule(_warm)
                self._started = True

    def warm_up(self) -> None:
        """Start the workers in the background, so the first article does not wait for them
        and nothing waits for the first article."""
        threading.Thread(target=self.start, name="articlebot-workers-start", daemon=True).start()

    async def run(
        self,
        fn: Callable[..., T],
        *args: Any,
        what: str = "page",
        deadline: float | None = None,
        **kwargs: Any,
    ) -> T:
        seconds = self.deadline if deadline is None else deadline
        if not self._started:
            await asyncio.to_thread(self.start)  # never on the event loop
        future = self._pool.schedule(fn, args=args, kwargs=kwargs, timeout=seconds)
        try:
            return await asyncio.wrap_future(future)
        except TimeoutError:
            self.timeouts += 1
            log.info("%s took more than %g s: worker stopped and replaced", what, seconds)
            raise too_complex(what, seconds) from None
        except ProcessExpired as exc:
            log.warning("a worker died reading a %s (exit code %s)", what, exc.exitcode)
            raise crashed(what) from None
        except asyncio.CancelledError:
            future.cancel()  # a queued task is dropped; a running one's worker is stopped
            raise
        except CancelledError:
            raise too_complex(what, seconds) from None

    def close(self) -> None:
        """Stop the workers (tasks still running are abandoned)."""
        self._pool.stop()
        self._pool.join(timeout=5)
