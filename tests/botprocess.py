"""Run the real bot (`python -m articlebot run`) as a subprocess against a FakeBotAPI."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import IO

from tests.fakebotapi import FakeBotAPI

# A well-formed token (digits, colon, 35 characters of [A-Za-z0-9_-]); fake, never real.
FAKE_TOKEN = "123456:" + "AAFakeTokenForTests_0123456789-abcd"[:35]
REPO_ROOT = Path(__file__).resolve().parent.parent


class BotProcess:
    """The bot as a child process: polling the fake API, writing its log to a file."""

    def __init__(
        self,
        fake: FakeBotAPI,
        db_path: str | os.PathLike[str],
        *,
        env_extra: dict[str, str] | None = None,
    ) -> None:
        self.fake = fake
        self.db_path = str(db_path)
        self.env_extra = dict(env_extra or {})
        self._workdir = tempfile.TemporaryDirectory(prefix="articlebot-run-")
        self.log_path = Path(self._workdir.name) / "bot.log"
        self._log: IO[bytes] | None = None
        self.proc: subprocess.Popen[bytes] | None = None

    # -- lifecycle ---------------------------------------------------------------------------
    def env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("TELEGRAM_", "ARTICLEBOT_")) and k != "PYTHONPATH"
        }
        env.update(
            TELEGRAM_BOT_TOKEN=self.fake.token,
            TELEGRAM_BASE_URL=self.fake.base_url,
            TELEGRAM_BASE_FILE_URL=self.fake.base_file_url,
            ARTICLEBOT_DB=self.db_path,
            ARTICLEBOT_ALLOW_PRIVATE_URLS="1",
            ARTICLEBOT_LOG_LEVEL="INFO",
            ARTICLEBOT_MERGE_SECONDS="0.8",
            PYTHONUNBUFFERED="1",
            # cwd is a temporary directory (no .env read from the repo); import from the repo.
            PYTHONPATH=str(REPO_ROOT),
            # no proxy may divert loopback requests
            NO_PROXY="127.0.0.1,localhost",
            no_proxy="127.0.0.1,localhost",
        )
        for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
            env.pop(name, None)
        env.update(self.env_extra)
        return env

    def start(self, wait_ready: bool = True, timeout: float = 30.0) -> BotProcess:
        """Start the process; with wait_ready, return once it polls getUpdates."""
        assert self.proc is None, "already started"
        polls_before = len(self.fake.calls("getUpdates"))
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in _cleanup
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "articlebot", "run"],
            cwd=self._workdir.name,
            env=self.env(),
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        if wait_ready:
            try:
                self.fake.wait_for(
                    lambda: (
                        len(self.fake.calls("getUpdates")) > polls_before
                        or self.proc is None
                        or self.proc.poll() is not None
                    ),
                    timeout=timeout,
                )
            except TimeoutError:
                self.kill()
                raise RuntimeError(
                    f"bot did not start polling within {timeout} s; log:\n{self.log_tail()}"
                ) from None
            if self.proc.poll() is not None:
                code = self.proc.returncode
                self._cleanup()
                raise RuntimeError(
                    f"bot exited with {code} before polling; log:\n{self.log_tail()}"
                )
        return self

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    @property
    def returncode(self) -> int | None:
        return None if self.proc is None else self.proc.poll()

    def stop(self, timeout: float = 20.0) -> int | None:
        """SIGTERM and wait (then SIGKILL after `timeout`); returns the exit code."""
        if self.proc is None:
            return None
        proc = self.proc
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        self._cleanup()
        return proc.returncode

    def kill(self) -> int | None:
        """SIGKILL: no shutdown at all."""
        if self.proc is None:
            return None
        proc = self.proc
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        self._cleanup()
        return proc.returncode

    def _cleanup(self) -> None:
        self.proc = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def close(self) -> None:
        """Stop if running and remove the working directory (and the log with it)."""
        self.stop()
        self._workdir.cleanup()

    def __enter__(self) -> BotProcess:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- log ---------------------------------------------------------------------------------
    def log_text(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def wait_for_log(self, text: str, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.log_text():
                return True
            time.sleep(0.05)
        return text in self.log_text()
