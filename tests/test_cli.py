"""The console front end as a user runs it: `articlebot demo / summarize / ask / chat`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.botprocess import BotProcess
from tests.builders import blog_page, pasted_page
from tests.fakebotapi import FakeBotAPI

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


def test_a_paste_that_reaches_the_end_of_input_is_still_read(tmp_path: Path) -> None:
    # "/paste" and an article piped in with no "/end" after it: the article is briefed, not lost.
    out = run("chat", tmp=tmp_path, stdin=("/paste\n" + pasted_page()).encode())
    assert out.returncode == 0, out.stderr
    assert "Flood barrier holds" in out.stdout
    assert "Ask me about it" in out.stdout


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


def test_backup_and_maintenance_of_the_console_database(tmp_path: Path) -> None:
    out = run("chat", tmp=tmp_path, stdin=(pasted_page() + "\n.\n").encode())
    assert out.returncode == 0, out.stderr
    out = run("backup", str(tmp_path / "copy.db"), tmp=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "backed up" in out.stdout
    again = run("backup", str(tmp_path / "copy.db"), tmp=tmp_path)
    assert again.returncode == 1 and "never overwrites" in again.stderr
    out = run("chat", tmp=tmp_path, stdin=b"/forget yes\n")
    assert "1 article(s) deleted" in out.stdout
    out = run("maintenance", tmp=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "MB ->" in out.stdout and "Traceback" not in out.stderr
    # The backup still has the article: restoring is copying the file back.
    out = run("stats", "--db", str(tmp_path / "copy.db"), tmp=tmp_path)
    counts = dict(line.split() for line in out.stdout.splitlines()[1:])
    assert counts["articles"] == "1" and "integrity: ok" in out.stdout
    missing = run("backup", str(tmp_path / "x.db"), "--db", str(tmp_path / "none.db"), tmp=tmp_path)
    assert missing.returncode == 1 and "No database" in missing.stderr


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


def test_summarize_and_ask_a_pdf(tmp_path: Path) -> None:
    from tests.pdfmaker import make_pdf, text_pages, wrap
    from tests.test_sharing import HARBOUR

    pdf = tmp_path / "harbour.pdf"
    pdf.write_bytes(make_pdf(text_pages(wrap(HARBOUR, 70), per_page=5, head="THE COAST GAZETTE")))
    out = run("summarize", str(pdf), "--json", tmp=tmp_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["title"] == "Harbour wall to be rebuilt after winter storms"
    assert len(data["sentences"]) == 3 and not data["already_short"]
    assert not any("GAZETTE" in s for s in data["sentences"])
    out = run("ask", str(pdf), "How much is the loan?", tmp=tmp_path)
    assert out.returncode == 0 and "eleven million pounds" in out.stdout


def test_a_short_text_is_said_to_be_short(tmp_path: Path) -> None:
    from tests.test_sharing import SHORT

    out = run("summarize", "-", tmp=tmp_path, stdin=f"{SHORT} Drivers use the ring road.".encode())
    assert out.returncode == 0, out.stderr
    assert "already short" in out.stdout and out.stdout.count(" • ") == 3


def test_export_writes_the_consoles_articles_and_questions(tmp_path: Path) -> None:
    from tests.test_sharing import HARBOUR

    session = f"{HARBOUR}\n.\nWho is the mayor?\n/tldr\n/quit\n"
    chat = run("chat", tmp=tmp_path, stdin=session.encode())
    assert chat.returncode == 0, chat.stderr
    assert "TL;DR: The harbour council voted on Tuesday to rebuild the old sea wall" in chat.stdout
    target = tmp_path / "saved.md"
    out = run("export", str(target), tmp=tmp_path)
    assert out.returncode == 0, out.stderr
    text = target.read_text(encoding="utf-8")
    assert "## Harbour wall to be rebuilt after winter storms" in text
    assert "**Q:** Who is the mayor?" in text and "Ruth Ellison" in text
    out = run("export", "--json", tmp=tmp_path)
    assert json.loads(out.stdout)["articles"][0]["questions"][0]["question"] == "Who is the mayor?"
    empty = run("export", "--chat", "99", tmp=tmp_path)
    assert empty.returncode == 1 and "nothing to export" in empty.stderr


def test_health_follows_the_running_bot(fake_api: FakeBotAPI, tmp_path: Path) -> None:
    """`articlebot health` (the container's health check) is healthy while the bot runs and
    unhealthy once it has stopped."""
    beat = tmp_path / "heartbeat"
    env = {**os.environ, "ARTICLEBOT_HEARTBEAT_FILE": str(beat), "PYTHONPATH": str(REPO_ROOT)}

    def health(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "articlebot", "health", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=60,
        )

    out = health()
    assert out.returncode == 1 and "no heartbeat" in out.stdout
    bot = BotProcess(
        fake_api, tmp_path / "bot.db", env_extra={"ARTICLEBOT_HEARTBEAT_FILE": str(beat)}
    )
    try:
        bot.start()
        fake_api.wait_for(beat.exists, 30)
        out = health()
        assert out.returncode == 0 and "healthy" in out.stdout, out.stdout
    finally:
        bot.close()
    time.sleep(1.5)
    out = health("--max-age", "1")
    assert out.returncode == 1 and "unhealthy: last heartbeat" in out.stdout


def test_chat_reads_a_short_piped_article_as_one_article(tmp_path: Path) -> None:
    # A script writes a short article and a question and keeps the pipe open: the whole article
    # is in Python's read buffer after its first line, and it is still one article, not one
    # message a line.
    article = (
        "Harbour council approves new sea wall\n\n"
        "The council of Port Elwyn voted on Thursday to build a sea wall along the old harbour, "
        "three months after storms flooded more than 300 homes in the town.\n\n"
        "The wall will be finished by the autumn of 2028, council leader Tomas Varga said.\n\n"
        "Harbour master Olu Adeyemi, 58, said boats had been damaged in three of the last four "
        "winters.\n.\nHow old is the harbour master?\n"
    )
    env = {**os.environ, "ARTICLEBOT_DB": str(tmp_path / "console.db"), "PYTHONUTF8": "1"}
    env["PYTHONPATH"] = str(REPO_ROOT)
    proc = subprocess.Popen(
        [sys.executable, "-m", "articlebot", "chat"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdin is not None
    proc.stdin.write(article)
    proc.stdin.flush()
    time.sleep(4)  # the article and the question are read and answered while the pipe is open
    out, err = proc.communicate("", timeout=60)
    assert proc.returncode == 0, err
    assert "article #1" in out and "article #2" not in out
    assert "no article here yet" not in out
    assert "→ 58" in out


def test_summarize_names_the_articles_language(tmp_path: Path) -> None:
    page = tmp_path / "faehre.txt"
    page.write_text(
        "Neue Fähre für Lindau\n\n"
        "Die Stadt Lindau bekommt im Frühjahr eine neue Elektrofähre. Das Schiff soll ab dem "
        "3. März 2027 zwischen Lindau und Bregenz fahren, teilte der Bürgermeister mit.\n\n"
        "Die Fähre kostet 4,2 Millionen Euro und bietet Platz für 180 Fahrgäste. Die alte "
        "Dieselfähre war seit 1978 im Einsatz und wird an einen Verein in Konstanz verkauft.",
        encoding="utf-8",
    )
    out = run("summarize", str(page), tmp=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[1] == "1 min read · Deutsch"
    data = json.loads(run("summarize", str(page), "--json", tmp=tmp_path).stdout)
    assert data["language"] == "de"
