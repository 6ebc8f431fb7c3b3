"""Webhook mode: the real process registers its URL and serves updates posted with the secret."""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.botprocess import BotProcess
from tests.fakebotapi import FakeBotAPI

SECRET = "s3cret-token-for-tests"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def post(url: str, update: dict[str, object], secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(url, json.dumps(update).encode(), headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def test_webhook_mode_serves_updates_with_the_secret(fake_api: FakeBotAPI, tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    env = {
        "ARTICLEBOT_WEBHOOK_URL": url,
        "ARTICLEBOT_WEBHOOK_LISTEN": "127.0.0.1",
        "ARTICLEBOT_WEBHOOK_PORT": str(port),
        "ARTICLEBOT_WEBHOOK_SECRET": SECRET,
    }
    bot = BotProcess(fake_api, tmp_path / "hook.db", env_extra=env)
    try:
        bot.start(wait_ready=False)
        fake_api.wait_for(lambda: fake_api.calls("setWebhook"), 30)
        registered = fake_api.calls("setWebhook")[-1].params
        assert registered["url"] == url
        assert registered["secret_token"] == SECRET
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": int(time.time()),
                "chat": {"id": 8001, "type": "private", "first_name": "Ana"},
                "from": {"id": 8001, "is_bot": False, "first_name": "Ana"},
                "text": "/start",
                "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
            },
        }
        # the webhook server may need a moment after setWebhook to accept connections
        deadline = time.monotonic() + 15
        status = 0
        while time.monotonic() < deadline:
            try:
                status = post(url, update, "wrong")
                break
            except (ConnectionError, urllib.error.URLError):
                time.sleep(0.2)
        assert status == 403  # a caller without the secret is turned away
        assert post(url, update, SECRET) == 200
        fake_api.wait_for(lambda: fake_api.bot_messages(8001), 15)
        assert "I brief news articles" in fake_api.bot_messages(8001)[0]["text"]
        assert fake_api.calls("getUpdates") == []
    finally:
        bot.close()
