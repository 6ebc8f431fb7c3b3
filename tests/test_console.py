"""`articlebot chat` in a real pseudo-terminal: pastes, editing keys, Ctrl-C and Ctrl-D."""

from __future__ import annotations

import codecs
import fcntl
import os
import pty
import select
import signal
import sqlite3
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.builders import pasted_page, plain_article
from tests.pages import PageServer

REPO_ROOT = Path(__file__).resolve().parent.parent
BRACKET_START, BRACKET_END = b"\x1b[200~", b"\x1b[201~"
CTRL_C, CTRL_D = b"\x03", b"\x04"


def _take_terminal() -> None:
    """In the child: make the pty its controlling terminal, so Ctrl-C there is a SIGINT, and
    take SIGINT's default as a shell gives it (a test run in the background ignores it)."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Terminal:
    """`python -m articlebot chat` on the slave side of a pty; we type on the master side."""

    def __init__(self, tmp: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.db = tmp / "console.db"
        master, slave = pty.openpty()
        full_env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("ARTICLEBOT_")},
            "ARTICLEBOT_DB": str(self.db),
            "PYTHONPATH": str(REPO_ROOT),
            "PYTHONUTF8": "1",
            "TERM": "xterm",
            "INPUTRC": "/dev/null",
            **(env or {}),
        }
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "articlebot", "chat", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=tmp,
            env=full_env,
            start_new_session=True,
            preexec_fn=_take_terminal,
        )
        os.close(slave)
        self.fd = master
        self.seen = ""
        self._decode = codecs.getincrementaldecoder("utf-8")("replace")  # chunks split characters

    def read_until(self, text: str, timeout: float = 60) -> str:
        """Everything printed up to and including `text` (which must appear within `timeout`)."""
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{text!r} never appeared; the screen so far:\n{self.seen}")
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.5))
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:  # the process ended and closed the terminal
                    chunk = b""
                if not chunk and self.proc.poll() is not None:
                    raise AssertionError(f"chat ended before {text!r}:\n{self.seen}")
                self.seen += self._decode.decode(chunk).replace("\r\n", "\n")
        head, _, _ = self.seen.partition(text)
        self.seen = self.seen[len(head) + len(text) :]
        return head + text

    def type(self, data: bytes) -> None:
        os.write(self.fd, data)

    def line(self, text: str) -> None:
        self.type(text.encode() + b"\r")

    def prompt(self) -> None:
        self.read_until("› ")

    def wait_exit(self, timeout: float = 10) -> int:
        return self.proc.wait(timeout=timeout)

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        os.close(self.fd)

    def rows(self, sql: str) -> list[tuple[object, ...]]:
        with sqlite3.connect(self.db) as conn:
            return conn.execute(sql).fetchall()


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Terminal]:
    t = Terminal(tmp_path)
    try:
        t.prompt()
        yield t
    finally:
        t.close()


def as_typed(text: str) -> bytes:
    """Text as a terminal sends it when pasted without bracketed paste: lines end in CR."""
    return text.replace("\r\n", "\n").replace("\n", "\r").encode()


def test_a_bracketed_paste_without_final_newline_is_one_article(term: Terminal) -> None:
    term.type(BRACKET_START + as_typed(pasted_page().rstrip("\n")) + BRACKET_END)
    term.type(b"\r")
    brief = term.read_until("Ask me about it")
    assert "Flood barrier holds as river crests in Lyon" in brief
    term.prompt()
    term.line("Who commanded the soldiers?")
    assert "Maj. Gen. Ana Ruiz" in term.read_until("›")
    assert term.rows("select count(*) from articles") == [(1,)]


def test_a_plain_paste_is_one_article_and_its_unfinished_last_line_waits_for_enter(
    term: Terminal,
) -> None:
    text = plain_article()
    body, _, last = text.rpartition("\n\n")
    assert "final budget" in last  # only the last paragraph says when the budget comes
    term.type(as_typed(body + "\n\n" + last))  # no newline at the end, as browsers copy
    time.sleep(1.0)
    assert "Ask me about it" not in term.seen  # nothing is sent before Enter
    term.type(b"\r")
    assert "Merriton" in term.read_until("Ask me about it")
    term.prompt()
    term.line("When will the council publish the final budget?")
    assert "spring" in term.read_until("›")
    assert term.rows("select count(*) from articles") == [(1,)]
    assert term.rows("select count(*) from questions") == [(1,)]


def test_paste_mode_takes_typed_lines_until_end(term: Terminal) -> None:
    term.line("/paste")
    term.read_until("/end.")
    for paragraph in plain_article("museum").split("\n\n"):
        term.line(paragraph)
        time.sleep(0.2)  # typed, not pasted: each line on its own
    term.line("/end")
    assert "museum" in term.read_until("Ask me about it")
    assert term.rows("select count(*) from articles") == [(1,)]


def test_ctrl_d_in_paste_mode_takes_what_was_typed(term: Terminal) -> None:
    # Ctrl-D instead of /end: the lines typed are the article, not thrown away.
    term.line("/paste")
    term.read_until("/end.")
    for paragraph in plain_article("museum").split("\n\n"):
        term.line(paragraph)
        time.sleep(0.2)
    term.type(CTRL_D)
    assert "museum" in term.read_until("Ask me about it")
    assert term.rows("select count(*) from articles") == [(1,)]


def test_switching_articles_by_number(term: Terminal) -> None:
    for topic in ("library", "museum"):
        term.type(BRACKET_START + as_typed(plain_article(topic)) + BRACKET_END + b"\r")
        assert f"article #{1 if topic == 'library' else 2}" in term.read_until("Ask me about it")
        term.prompt()
    term.line("/articles")
    listing = term.read_until("›")
    assert listing.index("2. ") < listing.index("1. ")  # newest first, numbered as saved
    term.line("/use 1")
    term.read_until("Now asking about")
    term.prompt()
    term.line("What closed in 2019?")
    assert "library" in term.read_until("›")


def test_ctrl_c_cancels_the_line_and_a_second_one_quits(term: Terminal) -> None:
    term.type(b"Who commanded the soldiers")
    term.read_until("soldiers")  # on the screen, as a person sees it before pressing Ctrl-C
    term.type(CTRL_C)
    assert "Cancelled" in term.read_until("›")
    assert term.proc.poll() is None
    term.type(CTRL_C)
    term.read_until("Bye.")
    assert term.wait_exit() == 0
    assert term.rows("select count(*) from questions") == [(0,)]


def test_ctrl_d_quits_at_once(term: Terminal) -> None:
    term.type(CTRL_D)
    term.read_until("Bye.", timeout=10)
    assert term.wait_exit() == 0


def test_edited_line_is_what_is_asked(term: Terminal) -> None:
    term.type(BRACKET_START + as_typed(pasted_page()) + BRACKET_END + b"\r")
    term.read_until("Ask me about it")
    term.prompt()
    # Type a wrong word, rub it out with backspaces, finish the question: readline editing.
    term.type(b"Who commanded the sailors" + b"\x7f" * 7 + b"soldiers?\r")
    assert "Maj. Gen. Ana Ruiz" in term.read_until("›")
    assert term.rows("select question from questions") == [("Who commanded the soldiers?",)]


def test_console_words_never_speak_of_telegram(term: Terminal) -> None:
    said = ""
    for line in ("/summary", "Where did it happen?", "just a few words", "/help"):
        term.line(line)
        said += term.read_until("› ")
    assert "no article here yet" in said
    for word in ("Telegram", "forward", "chat app"):
        assert word not in said


@pytest.mark.parametrize("verbose", [False, True])
def test_library_log_lines_only_with_v(tmp_path: Path, verbose: bool) -> None:
    with PageServer() as pages:
        url = pages.add_text("/story.txt", plain_article())
        t = Terminal(
            tmp_path, *(["-v"] if verbose else []), env={"ARTICLEBOT_ALLOW_PRIVATE_URLS": "1"}
        )
        try:
            t.prompt()
            t.line(url)
            said = t.read_until("Ask me about it")
            assert "Merriton" in said
            assert ("httpx" in said) is verbose
        finally:
            t.close()


def test_ctrl_c_stops_waiting_for_a_slow_link(tmp_path: Path) -> None:
    with PageServer() as pages:
        url = pages.add_trickle("/slow.html")
        t = Terminal(tmp_path, env={"ARTICLEBOT_ALLOW_PRIVATE_URLS": "1"})
        try:
            t.prompt()
            t.line(url)
            t.read_until("Fetching")
            time.sleep(1)
            started = time.monotonic()
            t.type(CTRL_C)
            assert "Stopped" in t.read_until("› ", timeout=10)
            assert time.monotonic() - started < 5
            t.line("/articles")
            assert "No articles yet" in t.read_until("› ")
            t.type(CTRL_D)
            t.read_until("Bye.")
            assert t.wait_exit() == 0
        finally:
            t.close()
