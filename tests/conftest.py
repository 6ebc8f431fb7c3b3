"""Shared fixtures: a fake Bot API, the bot as a subprocess on it, a loopback page server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.botprocess import FAKE_TOKEN, BotProcess
from tests.fakebotapi import FakeBotAPI
from tests.pages import PageServer


@pytest.fixture
def fake_api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI(FAKE_TOKEN) as fake:
        yield fake


@pytest.fixture
def bot_process(
    fake_api: FakeBotAPI, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BotProcess]:
    db = tmp_path_factory.mktemp("botdb") / "articlebot.db"
    proc = BotProcess(fake_api, db)
    try:
        yield proc.start()
    finally:
        proc.close()


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeBotAPI]:
    """One fake Bot API for a whole end-to-end test module."""
    with FakeBotAPI(FAKE_TOKEN) as api:
        yield api


@pytest.fixture(scope="module")
def bot(fake: FakeBotAPI, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    """The real bot process on `fake`, shared by the tests of one module (each test uses its
    own chat)."""
    proc = BotProcess(fake, tmp_path_factory.mktemp("e2e") / "articlebot.db")
    proc.start()
    try:
        yield proc
    finally:
        proc.close()


@pytest.fixture
def page_server() -> Iterator[PageServer]:
    with PageServer() as server:
        yield server
