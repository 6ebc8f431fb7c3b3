"""Bounded work, as a property: for any text or document up to 1 MB, reading it (cleaning,
extraction, Markdown, decoding) finishes or is stopped at its deadline, while another chat's
question is answered quickly. The work runs in the service's worker processes."""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import time
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import reading
from bot.errors import ArticlebotError
from bot.service import Service
from bot.settings import Settings
from tests.builders import pasted_page

DEADLINE = 2.0
# Stopping a worker and noticing it takes a moment past the deadline; a loaded machine more.
SLACK = 3.0
READER, WRITER = 21, 22
MAX_BYTES = 1_000_000

# Pieces that were slow somewhere once (or are heavy for an HTML extractor), repeated.
FRAGMENTS = [
    "<!---->",
    "<!-- ",
    "#",
    "# ",
    "<a ",
    "<link ",
    "![",
    "[a](",
    " _a",
    "**a",
    "\n",
    " \n",
    "```\n",
    "<div>",
    "<p>Short words here and there.</p>",
    "<tr><td>cell text here</td></tr>",
    "a line of words that goes on and on and never quite stops here\n",
    "updated ",
    "who is ",
    "The council met on Monday. ",
    "\u202e",
    "x",
]

pieces = st.lists(
    st.tuples(st.sampled_from(FRAGMENTS), st.integers(min_value=1, max_value=60_000)),
    min_size=1,
    max_size=4,
)


def build(parts: list[tuple[str, int]], prefix: str) -> str:
    return (prefix + "".join(fragment * count for fragment, count in parts))[:MAX_BYTES]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    db = tmp_path_factory.mktemp("deadlines") / "d.db"
    svc = Service.open(Settings(db_path=str(db), work_seconds=DEADLINE, workers=2))

    async def warm() -> None:
        # Both workers read once with a generous deadline (the first read in a fresh worker
        # is slow on a busy machine), then the reader's article goes in as usual.
        page = pasted_page()
        await asyncio.gather(
            *(svc.workers.run(reading.read_text, page, deadline=120) for _ in range(2))
        )
        await svc.add_text(READER, page)

    asyncio.run(warm())
    yield svc
    svc.close()


async def _read_while_asking(svc: Service, work: object) -> tuple[float, list[float]]:
    """Run the reading task; meanwhile another chat asks five questions. (work s, ask times)"""
    assert asyncio.iscoroutine(work)
    started = time.monotonic()
    task = asyncio.ensure_future(work)
    asks: list[float] = []
    for _ in range(5):
        t = time.monotonic()
        reply = await svc.ask(READER, "Who commanded the soldiers?", record=False)
        asks.append(time.monotonic() - t)
        assert reply.answer is not None and "Ruiz" in reply.answer.sentence
        await asyncio.sleep(0.05)
    with contextlib.suppress(ArticlebotError):  # refused, or stopped at the deadline: both fine
        await task
    return time.monotonic() - started, asks


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(parts=pieces, html=st.booleans())
def test_any_text_is_read_or_stopped_in_time(
    service: Service, parts: list[tuple[str, int]], html: bool
) -> None:
    text = build(parts, "<html><body>" if html else "")
    took, asks = asyncio.run(
        _read_while_asking(service, service._work(reading.read_text, text, what="text"))
    )
    assert took <= DEADLINE + SLACK
    assert statistics.median(asks) < 1.0, asks


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(parts=pieces, name=st.sampled_from(["notes.md", "page.html", "story.txt"]))
def test_any_document_is_read_or_stopped_in_time(
    service: Service, parts: list[tuple[str, int]], name: str
) -> None:
    data = build(parts, "").encode("utf-8")[:MAX_BYTES]
    work = service._work(reading.read_document, data, filename=name, mime="text/plain", what="file")
    took, asks = asyncio.run(_read_while_asking(service, work))
    assert took <= DEADLINE + SLACK
    assert statistics.median(asks) < 1.0, asks
