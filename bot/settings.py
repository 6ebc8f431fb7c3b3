"""Settings, read once from the environment (and a .env file) into a frozen object.

The .env file is the one given with --env-file, else ./.env, else ~/.config/articlebot/.env;
variables set in the environment win over the file's.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.errors import ArticlebotError

DEFAULT_DB = "~/.local/share/articlebot/articlebot.db"
HEARTBEAT_SECONDS = 30.0
_TOKEN = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{30,60}$")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class SettingsError(ArticlebotError):
    """A setting is missing or malformed."""


@dataclass(frozen=True)
class Settings:
    """Everything configurable, with defaults that suit the console."""

    token: str | None = None
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str = "https://api.telegram.org/file/bot"
    db_path: str = DEFAULT_DB
    allow_private_urls: bool = False
    log_level: str = "INFO"
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: str | None = None
    merge_seconds: float = 1.5
    digest_tick_seconds: float = 30.0
    rate_limit: bool = True
    max_text_chars: int = 1_000_000
    channels: bool = False  # brief posts in channels where the bot is an admin
    work_seconds: float = 20.0  # deadline for reading one article, page, file or feed
    workers: int = 2  # worker processes for that reading
    update_seconds: float = 180.0  # deadline for handling one update, whatever it does
    heartbeat_file: str | None = None  # touched every HEARTBEAT_SECONDS while the bot runs

    def __repr__(self) -> str:  # never show the token, even in a traceback
        return f"Settings(db_path={self.db_path!r}, base_url={self.base_url!r}, token=***)"

    @property
    def db_file(self) -> str:
        return self.db_path if self.db_path == ":memory:" else str(Path(self.db_path).expanduser())

    def require_token(self) -> str:
        """The bot token, or a one-line SettingsError when it is missing or malformed."""
        if not self.token:
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather and put it in .env"
            )
        if not _TOKEN.match(self.token):
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN does not look like a bot token (it should be like 123456:ABC-...)"
            )
        return self.token


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def config_dir() -> Path:
    """The user's config directory for articlebot (XDG_CONFIG_HOME, else ~/.config)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base).expanduser() / "articlebot"


def find_env_file(explicit: str | None = None) -> Path | None:
    """The .env file to read: the one asked for, else ./.env, else ~/.config/articlebot/.env."""
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise SettingsError(f"--env-file {explicit}: no such file")
        return path
    return next((p for p in (Path(".env"), config_dir() / ".env") if p.is_file()), None)


class _Reader:
    """Reads one variable at a time; a bad value names its variable and the form expected."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self.env.get(name)
        return value.strip() if value and value.strip() else default

    def _bad(self, name: str, expected: str) -> SettingsError:
        shown = (self.text(name) or "")[:40]
        return SettingsError(f"{name} must be {expected} (it is {shown!r})")

    def flag(self, name: str, default: bool) -> bool:
        value = (self.text(name) or "").lower()
        if not value:
            return default
        if value in _TRUE or value in _FALSE:
            return value in _TRUE
        raise self._bad(name, "1 or 0 (or true/false, yes/no, on/off)")

    def number(self, name: str, default: float, *, low: float, high: float) -> float:
        value = self.text(name)
        if value is None:
            return default
        try:
            number = float(value)
        except ValueError:
            number = float("nan")
        if not low <= number <= high:  # also false for nan and inf
            raise self._bad(name, f"a number of seconds from {low:g} to {high:g}")
        return number

    def whole(self, name: str, default: int, *, low: int, high: int) -> int:
        value = self.text(name)
        if value is None:
            return default
        if not (value.isdigit() and low <= int(value) <= high):
            raise self._bad(name, f"a whole number from {low} to {high}")
        return int(value)

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        value = (self.text(name) or default).upper()
        if value not in choices:
            raise self._bad(name, "one of " + ", ".join(choices))
        return value

    def secret(self, name: str) -> str | None:
        value = self.text(name)
        if value is not None and not _SECRET.match(value):
            # Telegram's rule for the secret token; don't echo a secret back.
            raise SettingsError(f"{name} must be 1 to 256 letters, digits, _ or -")
        return value

    def url(self, name: str, default: str | None = None) -> str | None:
        value = self.text(name, default)
        if value is not None and not value.startswith(("http://", "https://")):
            raise self._bad(name, "a URL starting with https://")
        return value


def load_settings(env: Mapping[str, str] | None = None, *, env_file: str | None = None) -> Settings:
    """Read settings from `env` (default: os.environ, after loading the .env file if one is found).

    Variables already in the environment win over the file's.
    """
    if env is None:
        found = find_env_file(env_file)
        if found is not None:
            from dotenv import load_dotenv

            load_dotenv(found, override=False)
        env = os.environ
    read = _Reader(env)
    return Settings(
        token=read.text("TELEGRAM_BOT_TOKEN"),
        base_url=read.url("TELEGRAM_BASE_URL") or Settings.base_url,
        base_file_url=read.url("TELEGRAM_BASE_FILE_URL") or Settings.base_file_url,
        db_path=read.text("ARTICLEBOT_DB", DEFAULT_DB) or DEFAULT_DB,
        allow_private_urls=read.flag("ARTICLEBOT_ALLOW_PRIVATE_URLS", False),
        log_level=read.choice("ARTICLEBOT_LOG_LEVEL", "INFO", LOG_LEVELS),
        webhook_url=read.url("ARTICLEBOT_WEBHOOK_URL"),
        webhook_listen=read.text("ARTICLEBOT_WEBHOOK_LISTEN", "127.0.0.1") or "127.0.0.1",
        webhook_port=read.whole("ARTICLEBOT_WEBHOOK_PORT", 8443, low=1, high=65535),
        webhook_secret=read.secret("ARTICLEBOT_WEBHOOK_SECRET"),
        merge_seconds=read.number("ARTICLEBOT_MERGE_SECONDS", 1.5, low=0, high=60),
        digest_tick_seconds=read.number("ARTICLEBOT_DIGEST_TICK_SECONDS", 30, low=0.1, high=3600),
        rate_limit=read.flag("ARTICLEBOT_RATE_LIMIT", True),
        channels=read.flag("ARTICLEBOT_CHANNELS", False),
        # Deadlines and the worker count are kept within sane bounds rather than refused.
        work_seconds=min(
            max(read.number("ARTICLEBOT_WORK_SECONDS", 20, low=0, high=1e6), 0.5), 600.0
        ),
        workers=min(max(read.whole("ARTICLEBOT_WORKERS", 2, low=0, high=10**6), 1), 16),
        update_seconds=min(
            max(read.number("ARTICLEBOT_UPDATE_SECONDS", 180, low=0, high=1e6), 1.0), 3600.0
        ),
        heartbeat_file=read.text("ARTICLEBOT_HEARTBEAT_FILE"),
    )
