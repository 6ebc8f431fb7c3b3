"""An offline bot for handler tests: PTB's real Bot and Application over a request that never leaves
the process, answering the Bot API methods the handlers use and recording what was sent."""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.request import BaseRequest, RequestData

TOKEN = "123456:" + "A" * 35
BOT_USER = {
    "id": 4242,
    "is_bot": True,
    "first_name": "articlebot",
    "username": "articlebot_test_bot",
}


@dataclass
class OfflineRequest(BaseRequest):
    """Answers Bot API calls in memory; `sent` holds (method, parameters) in order."""

    sent: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    shown: dict[tuple[int, int], tuple[Any, Any]] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        if "/file/bot" in url:
            return 200, self.files[url.rsplit("/", 1)[-1]]
        name = url.rsplit("/", 1)[-1]
        params: dict[str, Any] = {}
        if request_data is not None:
            params = {k: _decode(v) for k, v in request_data.json_parameters.items()}
        self.sent.append((name, params))
        result: Any = True
        if name == "getMe":
            result = BOT_USER
        elif name in ("sendMessage", "editMessageText"):
            chat_id = int(params["chat_id"]) if "chat_id" in params else 1
            if name == "editMessageText":
                key = (chat_id, int(params["message_id"]))
                content = (params.get("text"), params.get("reply_markup"))
                if self.shown.get(key) == content:  # as Telegram answers an edit to the same
                    return 400, json.dumps(
                        {"ok": False, "error_code": 400, "description": _NOT_MODIFIED}
                    ).encode()
                self.shown[key] = content
            result = {
                "message_id": int(params.get("message_id") or next(self._ids)),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
                "from": BOT_USER,
                "text": params.get("text", ""),
            }
            if "reply_markup" in params:
                result["reply_markup"] = params["reply_markup"]
        elif name == "getFile":
            result = {
                "file_id": params["file_id"],
                "file_unique_id": params["file_id"],
                "file_path": params["file_id"],
            }
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def messages(self, chat_id: int) -> list[dict[str, Any]]:
        return [
            p for m, p in self.sent if m == "sendMessage" and int(p.get("chat_id", 0)) == chat_id
        ]

    def texts(self, chat_id: int) -> list[str]:
        return [str(p["text"]) for p in self.messages(chat_id)]


_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


def _decode(value: str) -> Any:
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value


_update_ids = itertools.count(1)
_message_ids = itertools.count(1)


def message_update(
    chat_id: int,
    text: str | None = None,
    *,
    chat_type: str = "private",
    user_id: int = 77,
    reply_to: dict[str, Any] | None = None,
    forward_origin: dict[str, Any] | None = None,
    document: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A real Bot API update dict for a message from a user."""
    msg: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": chat_type}
        | ({"title": "Test group"} if chat_type != "private" else {"first_name": "Ana"}),
        "from": {"id": user_id, "is_bot": False, "first_name": "Ana"},
    }
    if text is not None:
        msg["text"] = text
    if text and text.startswith("/"):
        command = text.split()[0]
        msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    if entities:
        msg["entities"] = entities
    if reply_to is not None:
        msg["reply_to_message"] = reply_to
    if forward_origin is not None:
        msg["forward_origin"] = forward_origin
    if document is not None:
        msg["document"] = document
    return {"update_id": next(_update_ids), "message": msg}


def callback_update(chat_id: int, message_id: int, data: str) -> dict[str, Any]:
    """A button press on one of the bot's messages."""
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": str(next(_update_ids)),
            "from": {"id": 77, "is_bot": False, "first_name": "Ana"},
            "chat_instance": "ci",
            "data": data,
            "message": {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private", "first_name": "Ana"},
                "from": BOT_USER,
                "text": "brief",
            },
        },
    }


def as_update(data: dict[str, Any], bot: Any) -> Update:
    update = Update.de_json(data, bot)
    assert update is not None
    return update
