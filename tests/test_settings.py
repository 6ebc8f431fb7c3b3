"""Settings as an operator meets them: where .env is found, and what a bad value says."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def articlebot(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The real command, with none of this machine's articlebot or Telegram settings."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ARTICLEBOT_", "TELEGRAM_"))}
    clean.update(PYTHONPATH=str(REPO_ROOT), XDG_CONFIG_HOME=str(cwd / "config"), **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "articlebot", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=clean,
        timeout=60,
    )


def database_used(out: subprocess.CompletedProcess[str]) -> str:
    """`articlebot stats` on a missing database names the file the settings chose."""
    assert out.returncode != 0 and "No database at" in out.stderr, out.stderr
    return out.stderr.strip().rpartition("No database at ")[2]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "config" / "articlebot").mkdir(parents=True)
    return tmp_path / "work"


def test_env_file_in_the_current_directory_comes_first(home: Path) -> None:
    (home / ".env").write_text("ARTICLEBOT_DB=/srv/here.db\n")
    (home / "config" / "articlebot" / ".env").write_text("ARTICLEBOT_DB=/srv/config.db\n")
    assert database_used(articlebot("stats", cwd=home)) == "/srv/here.db"


def test_env_file_in_the_config_directory_is_next(home: Path) -> None:
    (home / "config" / "articlebot" / ".env").write_text("ARTICLEBOT_DB=/srv/config.db\n")
    assert database_used(articlebot("stats", cwd=home)) == "/srv/config.db"


def test_env_file_option_wins_and_the_environment_wins_over_any_file(home: Path) -> None:
    (home / ".env").write_text("ARTICLEBOT_DB=/srv/here.db\n")
    chosen = home / "bot.env"
    chosen.write_text("# comment\nARTICLEBOT_DB=/srv/chosen.db\n")
    assert database_used(articlebot("--env-file", str(chosen), "stats", cwd=home)) == (
        "/srv/chosen.db"
    )
    out = articlebot(
        "--env-file", str(chosen), "stats", cwd=home, env={"ARTICLEBOT_DB": "/srv/env.db"}
    )
    assert database_used(out) == "/srv/env.db"


def test_a_missing_env_file_is_one_line(home: Path) -> None:
    out = articlebot("--env-file", "nowhere.env", "demo", cwd=home)
    assert out.returncode == 2
    assert out.stderr.strip() == "articlebot: --env-file nowhere.env: no such file"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("ARTICLEBOT_WEBHOOK_PORT", "84x3", "a whole number from 1 to 65535"),
        ("ARTICLEBOT_WEBHOOK_PORT", "70000", "a whole number from 1 to 65535"),
        ("ARTICLEBOT_MERGE_SECONDS", "soon", "a number of seconds from 0 to 60"),
        ("ARTICLEBOT_MERGE_SECONDS", "-1", "a number of seconds from 0 to 60"),
        ("ARTICLEBOT_DIGEST_TICK_SECONDS", "nan", "a number of seconds from 0.1 to 3600"),
        ("ARTICLEBOT_ALLOW_PRIVATE_URLS", "maybe", "1 or 0"),
        ("ARTICLEBOT_RATE_LIMIT", "sometimes", "1 or 0"),
        ("ARTICLEBOT_LOG_LEVEL", "LOUD", "one of DEBUG, INFO, WARNING, ERROR, CRITICAL"),
        ("ARTICLEBOT_WEBHOOK_URL", "bot.example.org/telegram", "a URL starting with https://"),
        ("TELEGRAM_BASE_URL", "localhost:8081/bot", "a URL starting with https://"),
        ("ARTICLEBOT_WEBHOOK_SECRET", "has spaces in it", "1 to 256 letters, digits, _ or -"),
    ],
)
def test_a_bad_setting_names_its_variable_and_the_form_expected(
    home: Path, name: str, value: str, expected: str
) -> None:
    (home / ".env").write_text(f"{name}={value}\n")
    out = articlebot("demo", cwd=home)
    assert out.returncode == 2
    [line] = out.stderr.strip().splitlines()
    assert name in line and expected in line
    assert out.stdout == ""


def test_good_settings_in_every_accepted_spelling_start_the_demo(home: Path) -> None:
    (home / ".env").write_text(
        "ARTICLEBOT_ALLOW_PRIVATE_URLS=yes\nARTICLEBOT_RATE_LIMIT=off\n"
        "ARTICLEBOT_LOG_LEVEL=warning\nARTICLEBOT_MERGE_SECONDS=0\nARTICLEBOT_WEBHOOK_PORT=443\n"
    )
    out = articlebot("demo", cwd=home)
    assert out.returncode == 0, out.stderr
    assert "Maj. Gen. Ana Ruiz" in out.stdout


def test_version_is_the_packaged_one(home: Path) -> None:
    declared = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["version"]
    out = articlebot("--version", cwd=home)
    assert out.returncode == 0
    assert out.stdout.strip() == f"articlebot {declared}"
