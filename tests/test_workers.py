"""The worker pool: a task past its deadline is stopped with TooComplex and its worker replaced;
errors a task raises come back as they are."""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from bot.errors import NoArticleText
from bot.reading import read_page
from bot.workers import TooComplex, WorkPool


@pytest.fixture(scope="module")
def pool() -> WorkPool:
    p = WorkPool(1, deadline=1.0)
    yield p  # type: ignore[misc]
    p.close()


def test_a_task_past_its_deadline_is_stopped_and_the_worker_replaced(pool: WorkPool) -> None:
    async def scenario() -> tuple[float, int, int]:
        first = await pool.run(os.getpid)
        started = time.monotonic()
        with pytest.raises(TooComplex, match="too complex"):
            await pool.run(time.sleep, 30, what="page")
        took = time.monotonic() - started
        return took, first, await pool.run(os.getpid)

    took, before, after = asyncio.run(scenario())
    assert took < 10  # the deadline is 1 s; a busy machine may notice it late, never 30 s
    assert before != after  # the stopped worker is gone; a new one took its place
    assert pool.timeouts >= 1


def test_errors_come_back_as_raised(pool: WorkPool) -> None:
    with pytest.raises(NoArticleText):
        asyncio.run(
            pool.run(
                read_page,
                "<html><body><nav>Home</nav></body></html>",
                html=True,
                url="https://x.example/",
                deadline=60,
            )
        )
