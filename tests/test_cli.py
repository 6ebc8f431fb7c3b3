"""The console front end as a user runs it: `articlebot demo / summarize / ask / chat`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builders import blog_page, pasted_page

REPO_ROOT = Path(__file__).resolve().parent.parent


def run(
    *args: str, stdin: bytes | None = None, tmp: Path, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    # PYTHONPATH: this checkout's code, not whichever copy happens to be installed.
    env = {
        **os.environ,
        "ARTICLEBOT_DB": str(tmp / "console.db"),
        "PYTHONUTF8": "1",
        "PYTHONPATH": str(REPO_ROOT),
    }
    return subprocess.run(
        [sys.executable, "-m", "articlebot", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp,
        timeout=timeout,
    )


def test_demo_shows_a_brief_and_answers(tmp_path: Path) -> None:
    out = run("demo", tmp=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "Flood barrier holds as river crests in Lyon" in out.stdout
    assert "A: Maj. Gen. Ana Ruiz" in out.stdout
    assert "3,400" in out.stdout
    assert "The article doesn't say." in out.stdout  # the question the article cannot answer
    assert "AP Photo" not in out.stdout and "Traceback" not in out.stderr


def test_summarize_a_file_as_json(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(blog_page(), encoding="utf-8")
    out = run("summarize", str(page), "--sentences", "2", "--json", tmp=tmp_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["title"] == "Divers map a lost reef off the Azores"
    assert len(data["sentences"]) == 2
    assert all("newsletter" not in s for s in data["sentences"])


def test_summarize_from_stdin_with_a_method(tmp_path: Path) -> None:
    out = run("summarize", "-", "--method", "lexrank", tmp=tmp_path, stdin=pasted_page().encode())
    assert out.returncode == 0, out.stderr
    assert out.stdout.count(" • ") == 3


def test_ask_a_file(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(pasted_page(), encoding="utf-8")
    out = run("ask", str(page), "How much did the barrier cost?", "--json", tmp=tmp_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert "4.5 million euros" in data["answer"]["span"]


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("summarize", "missing.txt"), None, "No such file"),
        (("summarize", "-"), b"", "no text"),
        (("summarize", "-"), b"   \n  ", "no text"),
        (("summarize", "-", "--method", "magic"), b"x", "Unknown method"),
        (("summarize", "-", "--sentences", "0"), b"x", "at least 1"),
        (("ask", "-", "   "), b"x", "question is empty"),
        (("summarize", "-"), b"%PDF-1.4 \x00\x01\x02", "damaged"),
        (("summarize", "ftp://example.test/x"), None, "No such file"),
    ],
)
def test_bad_input_gets_a_message_not_a_traceback(
    tmp_path: Path, args: tuple[str, ...], stdin: bytes | None, message: str
) -> None:
    out = run(*args, tmp=tmp_path, stdin=stdin)
    assert out.returncode != 0
    assert message in out.stderr
    assert "Traceback" not in out.stderr


def test_chat_remembers_articles_across_sessions(tmp_path: Path) -> None:
    first = pasted_page() + "\n.\nWho commanded the soldiers?\n/quit\n"
    out = run("chat", tmp=tmp_path, stdin=first.encode())
    assert out.returncode == 0, out.stderr
    assert "Flood barrier holds" in out.stdout
    assert "Maj. Gen. Ana Ruiz" in out.stdout
    second = "How many residents were evacuated?\n/articles\n/search helicopter\n/forget\n/forget yes\nWho?\n"
    out = run("chat", tmp=tmp_path, stdin=second.encode())
    assert out.returncode == 0, out.stderr
    assert "3,400 residents" in out.stdout
    assert "1. Flood barrier holds" in out.stdout
    assert "helicopter" in out.stdout
    assert "Type /forget yes to confirm" in out.stdout
    assert "1 article(s) deleted" in out.stdout
    assert "no article here yet" in out.stdout


def test_stats_counts_what_the_console_stored(tmp_path: Path) -> None:
    out = run(
        "chat", tmp=tmp_path, stdin=(pasted_page() + "\n.\nWho commanded the soldiers?\n").encode()
    )
    assert out.returncode == 0, out.stderr
    out = run("stats", tmp=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "integrity: ok" in out.stdout
    counts = dict(line.split() for line in out.stdout.splitlines()[1:])
    assert counts["articles"] == "1" and counts["questions"] == "1" and counts["chats"] == "1"


@pytest.mark.parametrize(
    ("token", "message"),
    [("", "TELEGRAM_BOT_TOKEN is not set"), ("not-a-token", "does not look like a bot token")],
)
def test_run_without_a_good_token_is_one_line(tmp_path: Path, token: str, message: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    env.update(
        TELEGRAM_BOT_TOKEN=token, ARTICLEBOT_DB=str(tmp_path / "x.db"), PYTHONPATH=str(REPO_ROOT)
    )
    out = subprocess.run(
        [sys.executable, "-m", "articlebot", "run"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert out.returncode == 2
    assert message in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr
