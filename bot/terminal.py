"""Reading the console's messages: typed lines, whole pastes, and `/paste` … `/end` blocks.

A terminal gets line editing and history from the standard `readline`. A paste is one message
whether or not it ends with a newline: terminals with bracketed paste deliver it in one piece
(Enter sends it); otherwise its lines arrive back to back, and whatever follows within a short
quiet time belongs to the same message (a last line without a newline waits for Enter).
Piped input (scripts, tests): an article ends at a line '.', at the end of the input, or when
its lines stop arriving for a moment.
"""

from __future__ import annotations

import os
import select
import sys
from dataclasses import dataclass
from typing import TextIO

from bot.intent import Intent, classify

QUIET_SECONDS = 0.1  # a paste's next line arrives well within this; a person's next line does not
PIPE_QUIET_SECONDS = 0.25
END_MARKERS = (".", "/end", "END")
PASTE_END = "/end"


@dataclass(frozen=True)
class Message:
    """One thing the user sent: its text, and whether it arrived as a paste of several lines."""

    text: str
    pasted: bool = False


def _pending(stream: TextIO, wait: float) -> bool:
    """True if more input arrives within `wait` seconds (a paste in progress)."""
    try:
        ready, _, _ = select.select([stream], [], [], wait)
    except (OSError, ValueError):
        return False
    return bool(ready)


class TerminalReader:
    """Reads from a terminal through readline: editing, history, bracketed paste."""

    def __init__(self, stream: TextIO = sys.stdin, quiet: float = QUIET_SECONDS) -> None:
        import readline

        self.stream = stream
        self.quiet = quiet
        self._readline = readline
        readline.set_auto_history(False)  # pastes stay out of the history; lines go in by hand
        readline.parse_and_bind("set enable-bracketed-paste on")

    def read(self, prompt: str) -> Message | None:
        """The next message, or None at end of input (Ctrl-D). Ctrl-C raises KeyboardInterrupt."""
        try:
            lines = input(prompt).split("\n")  # a bracketed paste keeps its newlines
            while _pending(self.stream, self.quiet):
                lines.append(input(""))
        except EOFError:
            return None
        text = "\n".join(lines).strip("\n")
        pasted = len([line for line in lines if line.strip()]) > 1
        if text.strip() and not pasted:
            self._readline.add_history(text.strip())
        return Message(text, pasted=pasted)

    def read_block(self, prompt: str) -> Message | None:
        """Lines up to a line saying /end, as one pasted message; at the end of input (Ctrl-D)
        what was pasted so far, or None when nothing was."""
        lines: list[str] = []
        try:
            while True:
                line = input(prompt)
                if line.strip().lower() == PASTE_END:
                    break
                lines.extend(line.split("\n"))
        except EOFError:
            return Message("\n".join(lines), pasted=True) if any(x.strip() for x in lines) else None
        return Message("\n".join(lines), pasted=True)


class PipeReader:
    """Reads piped input: a line, or a multi-line article ended by a pause, a '.' or the end."""

    def __init__(self, stream: TextIO = sys.stdin) -> None:
        self.stream = stream
        # Lines are read from the descriptor into this buffer, so that "is more coming?" sees
        # what is already read: Python's own buffer holds a whole short article after its first
        # line, and select() on the descriptor then says nothing is pending.
        try:
            self._fd: int | None = stream.fileno()
        except (OSError, ValueError, AttributeError):
            self._fd = None
        self._encoding = getattr(stream, "encoding", None) or "utf-8"
        self._buf = b""
        self._eof = False

    def _readline(self) -> str:
        if self._fd is None:
            return self.stream.readline()
        while b"\n" not in self._buf and not self._eof:
            chunk = os.read(self._fd, 65536)
            if chunk:
                self._buf += chunk
            else:
                self._eof = True
        line, nl, self._buf = self._buf.partition(b"\n")
        return (line + nl).decode(self._encoding, "replace")

    def _pending(self, wait: float) -> bool:
        if self._fd is None:
            return _pending(self.stream, wait)
        if self._buf:
            return True
        return not self._eof and _pending(self.stream, wait)

    def read(self, prompt: str) -> Message | None:
        first = self._readline()
        if not first:
            return None
        head = first.strip()
        if head in END_MARKERS:
            return Message("")
        if head.startswith("/") or classify(head) in (
            Intent.QUESTION,
            Intent.GREETING,
            Intent.LINK,
        ):
            return Message(head)
        if not self._pending(0.05):
            return Message(head)  # one line; a paste still arriving is read on below
        lines = [first.rstrip("\n")]
        # The paste goes on while its lines keep coming: it ends at a '.', at the end of the
        # input, or when nothing more arrives for a moment (a question typed after it).
        while self._pending(PIPE_QUIET_SECONDS):
            line = self._readline()
            if not line or line.strip() in END_MARKERS:
                break
            lines.append(line.rstrip("\n"))
        while lines and not lines[-1].strip():
            lines.pop()
        return Message("\n".join(lines), pasted=len(lines) > 1)

    def read_block(self, prompt: str) -> Message | None:
        lines: list[str] = []
        while True:
            line = self._readline()
            if not line:
                # The input ended before /end: the article pasted so far is not thrown away.
                return (
                    Message("\n".join(lines), pasted=True)
                    if any(x.strip() for x in lines)
                    else None
                )
            if line.strip().lower() == PASTE_END:
                return Message("\n".join(lines), pasted=True)
            lines.append(line.rstrip("\n"))


def reader_for(stream: TextIO, out: TextIO) -> TerminalReader | PipeReader:
    """Readline for a person at a terminal, the plain reader for anything piped."""
    if stream.isatty() and out.isatty():
        return TerminalReader(stream)
    return PipeReader(stream)
