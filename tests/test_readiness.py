"""A long-running front end gets ready to answer at start, so its first reader waits for no model."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

from bot import pos, qa, refusal, sentence_model, span_model, synonyms
from bot.service import Service
from bot.settings import Settings

LOADERS: list[Callable[..., object]] = [
    span_model.weights,
    sentence_model.model,
    refusal.model,
    pos.lexicon,
    synonyms._table,
]


def _unload() -> None:
    for load in LOADERS:
        load.cache_clear()  # type: ignore[attr-defined]


def _loaded() -> list[bool]:
    return [load.cache_info().currsize == 1 for load in LOADERS]  # type: ignore[attr-defined]


def test_warm_up_loads_every_model_an_answer_reads() -> None:
    _unload()
    assert not any(_loaded())
    qa.warm_up()
    assert all(_loaded())


def test_a_started_service_gets_ready_to_answer_before_any_question(tmp_path: Path) -> None:
    _unload()
    svc = Service.open(Settings(db_path=str(tmp_path / "r.db")))
    try:
        assert svc.ready is None
        svc.warm_up()
        assert svc.ready is not None
        svc.ready.result(timeout=120)
        assert all(_loaded())
        # What it loaded is kept out of the garbage collector's full passes.
        assert gc.get_freeze_count() > 0
    finally:
        svc.close()
