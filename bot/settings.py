"""Settings, read once from the environment (and a .env file) into a frozen object."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.errors import ArticlebotError

DEFAULT_DB = "~/.local/share/articlebot/articlebot.db"
_TOKEN = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{30,60}$")


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


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def load_settings(env: Mapping[str, str] | None = None, *, dotenv: str | None = ".env") -> Settings:
    """Read settings from `env` (default: os.environ, after loading a .env file if present)."""
    if env is None:
        if dotenv and Path(dotenv).is_file():
            from dotenv import load_dotenv

            load_dotenv(dotenv, override=False)
        env = os.environ

    def get(name: str, default: str | None = None) -> str | None:
        value = env.get(name)
        return value.strip() if value and value.strip() else default

    try:
        port = int(get("ARTICLEBOT_WEBHOOK_PORT", "8443") or 8443)
        merge = float(get("ARTICLEBOT_MERGE_SECONDS", "1.5") or 1.5)
        tick = float(get("ARTICLEBOT_DIGEST_TICK_SECONDS", "30") or 30)
        work = float(get("ARTICLEBOT_WORK_SECONDS", "20") or 20)
        workers = int(get("ARTICLEBOT_WORKERS", "2") or 2)
        update = float(get("ARTICLEBOT_UPDATE_SECONDS", "180") or 180)
    except ValueError as exc:
        raise SettingsError(f"A numeric setting is not a number: {exc}") from None
    return Settings(
        token=get("TELEGRAM_BOT_TOKEN"),
        base_url=get("TELEGRAM_BASE_URL", Settings.base_url) or Settings.base_url,
        base_file_url=get("TELEGRAM_BASE_FILE_URL", Settings.base_file_url)
        or Settings.base_file_url,
        db_path=get("ARTICLEBOT_DB", DEFAULT_DB) or DEFAULT_DB,
        allow_private_urls=_flag(get("ARTICLEBOT_ALLOW_PRIVATE_URLS")),
        log_level=(get("ARTICLEBOT_LOG_LEVEL", "INFO") or "INFO").upper(),
        webhook_url=get("ARTICLEBOT_WEBHOOK_URL"),
        webhook_listen=get("ARTICLEBOT_WEBHOOK_LISTEN", "127.0.0.1") or "127.0.0.1",
        webhook_port=port,
        webhook_secret=get("ARTICLEBOT_WEBHOOK_SECRET"),
        merge_seconds=merge,
        digest_tick_seconds=min(max(tick, 0.1), 3600.0),
        rate_limit=(get("ARTICLEBOT_RATE_LIMIT", "1") or "1").lower()
        not in ("0", "false", "no", "off"),
        channels=_flag(get("ARTICLEBOT_CHANNELS")),
        work_seconds=min(max(work, 0.5), 600.0),
        workers=min(max(workers, 1), 16),
        update_seconds=min(max(update, 1.0), 3600.0),
    )
