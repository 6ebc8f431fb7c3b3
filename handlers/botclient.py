"""The Bot the application talks through, with two additions every request gets:

- replies stay in the forum topic the update came from: the update's (chat, topic) is kept in a
  context variable while it is handled (tasks it starts inherit it), and every send to that chat
  without a topic of its own gets it;
- an update the library cannot decode is logged once and handed on as an empty update, so the
  updater confirms it instead of fetching the same batch forever;
- each batch of updates is handed to `received` (the update journal) before the updater sees
  it, so an update is journaled before the next getUpdates confirms it to Telegram.
"""

from __future__ import annotations

import contextvars
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram._utils.defaultvalue import DefaultValue
from telegram.ext import ApplicationBuilder, ExtBot

log = logging.getLogger(__name__)

# (chat id, message_thread_id) of the update being handled, when it came from a forum topic.
TOPIC: contextvars.ContextVar[tuple[int, int] | None] = contextvars.ContextVar(
    "articlebot_topic", default=None
)
_TOPIC_METHODS = frozenset(
    {
        "sendMessage",
        "sendChatAction",
        "sendDocument",
        "sendPhoto",
        "copyMessage",
        "forwardMessage",
        "sendMediaGroup",
    }
)


def topic_of(update: object) -> tuple[int, int] | None:
    """(chat, topic) for an update from a forum topic (or a button under a message in one)."""
    if not isinstance(update, Update):
        return None
    msg = update.effective_message
    if msg is None or msg.message_thread_id is None or not msg.is_topic_message:
        return None
    return msg.chat_id, msg.message_thread_id


class ArticleBot(ExtBot[Any]):
    __slots__ = ("received",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Awaited with (update_id, JSON) of each fetched batch before it is returned (set by the
        # app: the update journal).
        with self._unfrozen():
            self.received: Callable[[list[tuple[int, str]]], Awaitable[None]] | None = None

    def on_received(self, hook: Callable[[list[tuple[int, str]]], Awaitable[None]]) -> None:
        with self._unfrozen():
            self.received = hook

    async def _post(self, endpoint: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        topic = TOPIC.get()
        if (
            topic is not None
            and data is not None
            and endpoint in _TOPIC_METHODS
            and data.get("message_thread_id") is None
            and str(data.get("chat_id")) == str(topic[0])
        ):
            data = {**data, "message_thread_id": topic[1]}
        result = await super()._post(endpoint, data, **kwargs)
        if endpoint == "getUpdates" and isinstance(result, list):
            result = [self._decodable(raw) for raw in result]
            if self.received is not None:
                await self.received(
                    [
                        (raw["update_id"], json.dumps(raw, ensure_ascii=False))
                        for raw in result
                        if isinstance(raw, dict) and isinstance(raw.get("update_id"), int)
                    ]
                )
        return result

    def _decodable(self, raw: Any) -> Any:
        try:
            Update.de_json(raw, self)
        except Exception as exc:
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            log.warning(
                "update %s could not be read (%s: %s); skipped",
                update_id,
                type(exc).__name__,
                str(exc)[:200],
            )
            if isinstance(update_id, int):
                return {"update_id": update_id}
            raise
        return raw


class ArticleBotBuilder(ApplicationBuilder):
    """PTB's builder, building an ArticleBot with every option the builder was given."""

    def _build_ext_bot(self) -> ExtBot[Any]:
        if isinstance(self._token, DefaultValue):
            raise RuntimeError("No bot token was set.")
        return ArticleBot(
            token=self._token,
            base_url=DefaultValue.get_value(self._base_url),
            base_file_url=DefaultValue.get_value(self._base_file_url),
            private_key=DefaultValue.get_value(self._private_key),
            private_key_password=DefaultValue.get_value(self._private_key_password),
            defaults=DefaultValue.get_value(self._defaults),
            arbitrary_callback_data=DefaultValue.get_value(self._arbitrary_callback_data),
            request=self._build_request(get_updates=False),
            get_updates_request=self._build_request(get_updates=True),
            rate_limiter=DefaultValue.get_value(self._rate_limiter),
            local_mode=DefaultValue.get_value(self._local_mode),
        )
