"""A fake Telegram Bot API server on loopback, standard library only.

PTB (22.x) talks to it exactly as to api.telegram.org: `<base_url><token>/<method>`, parameters
as application/x-www-form-urlencoded (every value a string, non-strings JSON-encoded) or, when a
file is uploaded, multipart/form-data. Tests drive it from the "user" side with send_text(),
send_document(), press_button() and inline_query() / choose_inline_result(), and read what the
bot did with bot_messages(), bot_documents(), inline_answers(), calls(), commands and
chat_actions().
"""

from __future__ import annotations

import email.parser
import email.policy
import html
import itertools
import json
import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

BOT_ID = 4242
BOT_USER: dict[str, Any] = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "articlebot",
    "username": "articlebot_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}

# Parameters whose value is text even when it happens to look like JSON ("123", "true").
_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "callback_query_id",
        "inline_query_id",
        "file_id",
        "title",
        "description",
        "short_description",
        "url",
        "secret_token",
        "query",
        "data",
        "name",
        "language_code",
        "parse_mode",
        "action",
        "ip_address",
        "certificate",
    }
)
_JSON_START = re.compile(r"^\s*[\[{\"]|^-?\d+(\.\d+)?$|^(true|false|null)$")


@dataclass(frozen=True)
class Call:
    """One Bot API request the fake received (params decoded)."""

    method: str
    params: dict[str, Any]
    time: float


@dataclass
class _Failure:
    method: str
    chat_id: int | None
    status: int
    description: str
    retry_after: int | None
    times: int


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hanging up on a held getUpdates are expected


def decode_value(name: str, value: str) -> Any:
    """Undo PTB's encoding: non-string values arrive JSON-encoded inside a form field."""
    if name in _STRING_PARAMS or not _JSON_START.match(value):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def auto_entities(text: str) -> list[dict[str, Any]]:
    """The bot_command and mention entities Telegram would attach (offsets in UTF-16 units)."""
    found: list[dict[str, Any]] = []
    command = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
    if command:
        found.append({"type": "bot_command", "offset": 0, "length": command.end()})
    for mention in re.finditer(r"(?<![\w/])@[A-Za-z][A-Za-z0-9_]{4,31}", text):
        if command and mention.start() < command.end():
            continue
        found.append(
            {
                "type": "mention",
                "offset": _utf16_len(text[: mention.start()]),
                "length": _utf16_len(mention.group(0)),
            }
        )
    return found


def parse_body(content_type: str, body: bytes) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Parameters and uploaded files from a JSON, urlencoded or multipart body."""
    ctype = content_type.split(";", 1)[0].strip().lower()
    params: dict[str, Any] = {}
    files: dict[str, bytes] = {}
    if not body:
        return params, files
    if ctype == "application/json":
        raw = json.loads(body.decode("utf-8"))
        for key, value in raw.items():
            params[key] = decode_value(key, value) if isinstance(value, str) else value
    elif ctype == "multipart/form-data":
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
        )
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if not name:
                continue
            payload = part.get_payload(decode=True) or b""
            if part.get_filename() is not None:
                files[name] = payload
                params[name] = f"<file {part.get_filename()}>"
            else:
                charset = part.get_content_charset() or "utf-8"
                params[name] = decode_value(name, payload.decode(charset))
    else:  # application/x-www-form-urlencoded (PTB's choice without files), or a query string
        for key, value in parse_qsl(body.decode("utf-8"), keep_blank_values=True):
            params[key] = decode_value(key, value)
    return params, files


class FakeBotAPI:
    """A Bot API server for one token, on 127.0.0.1 and a free port. Thread-safe."""

    def __init__(self, token: str, *, port: int = 0) -> None:
        self.token = token
        self._port = port  # 0: any free port
        self._cond = threading.Condition()
        self._calls: list[Call] = []
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._next_message_id: defaultdict[int, int] = defaultdict(lambda: 1)
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._bot_messages: defaultdict[int, list[int]] = defaultdict(list)
        self._deleted: set[tuple[int, int]] = set()
        self._files: dict[str, tuple[str, bytes]] = {}  # file_id -> (file_path, data)
        self._file_counter = itertools.count(1)
        self._callback_counter = itertools.count(1)
        self._inline_counter = itertools.count(1)
        self._inline_answers: dict[str, dict[str, Any]] = {}
        self._inline_users: dict[str, int] = {}
        self._documents: defaultdict[int, list[tuple[str, bytes, str | None]]] = defaultdict(list)
        self._commands: list[dict[str, Any]] = []
        self._commands_by_language: dict[str, list[dict[str, Any]]] = {}
        self._user_languages: dict[int, str] = {}
        self._chat_actions: defaultdict[int, list[str]] = defaultdict(list)
        self._failures: list[_Failure] = []
        self._blocked: set[int] = set()
        self._owners: set[tuple[int, int]] = set()  # (chat, user): the group's owner (an admin)
        self._webhook_url = ""
        self._stopping = False
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> FakeBotAPI:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                owner._handle(self)

            def do_GET(self) -> None:
                owner._handle(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = _Server(("127.0.0.1", self._port), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None and self._port:
            return self._port  # a fixed port, before the server starts
        assert self._server is not None, "server not started"
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # -- test side: what users do ------------------------------------------------------------
    def send_text(
        self,
        chat_id: int,
        text: str,
        *,
        chat_type: str = "private",
        user_id: int | None = None,
        reply_to_message_id: int | None = None,
        forward_origin: dict[str, Any] | None = None,
        entities: list[dict[str, Any]] | None = None,
        caption: str | None = None,
        message_thread_id: int | None = None,
    ) -> int:
        """A user's text message arrives; returns its message_id.

        Without `entities`, a leading /command and @mentions get their entities, as Telegram
        clients would send them.
        With `caption`, `text` is ignored and the message carries only a caption.
        """
        extra: dict[str, Any] = {}
        if caption is not None:
            extra["caption"] = caption
        else:
            extra["text"] = text
            if entities is None:
                entities = auto_entities(text)
            if entities:
                extra["entities"] = entities
        if caption is not None and entities:
            extra["caption_entities"] = entities
        if forward_origin is not None:
            extra["forward_origin"] = forward_origin
        if message_thread_id is not None:  # a message in a forum topic
            extra["message_thread_id"] = message_thread_id
            extra["is_topic_message"] = True
        return self._user_message(chat_id, chat_type, user_id, reply_to_message_id, extra)

    def send_document(
        self,
        chat_id: int,
        data: bytes,
        *,
        file_name: str,
        mime_type: str,
        caption: str | None = None,
        chat_type: str = "private",
        user_id: int | None = None,
    ) -> int:
        """A user's document arrives (the bytes can be fetched with getFile); returns its id."""
        number = next(self._file_counter)
        file_id = f"doc-file-{number}"
        with self._cond:
            self._files[file_id] = (f"documents/file_{number}_{file_name}", data)
        extra: dict[str, Any] = {
            "document": {
                "file_id": file_id,
                "file_unique_id": f"uniq-{number}",
                "file_name": file_name,
                "mime_type": mime_type,
                "file_size": len(data),
            }
        }
        if caption is not None:
            extra["caption"] = caption
        return self._user_message(chat_id, chat_type, user_id, None, extra)

    def add_file(self, data: bytes, *, file_name: str = "file.bin") -> str:
        """Register bytes for getFile/download; returns the file_id."""
        number = next(self._file_counter)
        file_id = f"file-{number}"
        with self._cond:
            self._files[file_id] = (f"documents/file_{number}_{file_name}", data)
        return file_id

    def press_button(
        self, chat_id: int, message_id: int, data: str, *, user_id: int | None = None
    ) -> str:
        """A user presses an inline button under the bot's message; returns the query id."""
        query_id = f"cbq-{next(self._callback_counter)}"
        with self._cond:
            message = self._messages.get((chat_id, message_id))
            if message is None:
                raise KeyError(f"no message {message_id} in chat {chat_id}")
            chat = message["chat"]
            update = {
                "callback_query": {
                    "id": query_id,
                    "from": self._from_locked(
                        user_id if user_id is not None else _default_user(chat)
                    ),
                    "message": json.loads(json.dumps(message)),
                    "chat_instance": f"instance-{chat_id}",
                    "data": data,
                }
            }
            self._queue_locked(update)
        return query_id

    def inline_query(self, user_id: int, query: str, *, chat_type: str = "sender") -> str:
        """A user types `@bot query` in some chat; returns the inline query's id."""
        query_id = f"iq-{next(self._inline_counter)}"
        with self._cond:
            self._inline_users[query_id] = user_id
            self._queue_locked(
                {
                    "inline_query": {
                        "id": query_id,
                        "from": _user(user_id),
                        "query": query,
                        "offset": "",
                        "chat_type": chat_type,
                    }
                }
            )
        return query_id

    def choose_inline_result(
        self, query_id: str, result_id: str, chat_id: int, *, chat_type: str = "private"
    ) -> dict[str, Any]:
        """The user picks a result: its message is posted in `chat_id` "via" the bot.

        Returns the posted message (as the other members of that chat see it).
        """
        with self._cond:
            answer = self._inline_answers.get(query_id)
            if answer is None:
                raise KeyError(f"the bot did not answer inline query {query_id}")
            result = next((r for r in answer["results"] if r.get("id") == result_id), None)
            if result is None:
                raise KeyError(f"no result {result_id} in the answer to {query_id}")
            content = result["input_message_content"]
            chat = _chat(chat_id, chat_type)
            mid = self._new_message_id_locked(chat_id)
            message: dict[str, Any] = {
                "message_id": mid,
                "from": _user(answer["user_id"]),
                "chat": chat,
                "date": int(time.time()),
                "via_bot": dict(BOT_USER),
                "text": _visible_text(content["message_text"], content.get("parse_mode")),
                "html": content["message_text"],
            }
            self._messages[(chat_id, mid)] = message
            return json.loads(json.dumps(message))

    def queue_update(self, update: dict[str, Any]) -> int:
        """Queue a raw update (update_id is filled in); returns the update_id."""
        with self._cond:
            return self._queue_locked(dict(update))

    # -- test side: what the bot did ---------------------------------------------------------
    def bot_messages(self, chat_id: int, *, include_deleted: bool = True) -> list[dict[str, Any]]:
        """The bot's messages in a chat, in order, with edits applied."""
        with self._cond:
            return [
                json.loads(json.dumps(self._messages[(chat_id, mid)]))
                for mid in self._bot_messages.get(chat_id, [])
                if include_deleted or (chat_id, mid) not in self._deleted
            ]

    def bot_documents(self, chat_id: int) -> list[tuple[str, bytes, str | None]]:
        """The documents the bot sent to a chat: (file name, bytes, caption), in order."""
        with self._cond:
            return list(self._documents.get(chat_id, []))

    def inline_answers(self, query_id: str) -> dict[str, Any] | None:
        """The bot's answerInlineQuery for that query (results, cache_time, is_personal)."""
        with self._cond:
            found = self._inline_answers.get(query_id)
            return json.loads(json.dumps(found)) if found is not None else None

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        with self._cond:
            found = self._messages.get((chat_id, message_id))
            return json.loads(json.dumps(found)) if found is not None else None

    def deleted(self, chat_id: int) -> list[int]:
        with self._cond:
            return sorted(mid for cid, mid in self._deleted if cid == chat_id)

    def calls(self, method: str | None = None) -> list[Call]:
        with self._cond:
            return [c for c in self._calls if method is None or c.method == method]

    @property
    def commands(self) -> list[dict[str, Any]]:
        with self._cond:
            return list(self._commands)

    def commands_for(self, language_code: str) -> list[dict[str, Any]]:
        """The command list registered for users of one app language."""
        with self._cond:
            return list(self._commands_by_language.get(language_code, []))

    def set_user_language(self, user_id: int, language_code: str) -> None:
        """Messages from this user carry this language_code (their Telegram app's language)."""
        with self._cond:
            self._user_languages[user_id] = language_code

    def chat_actions(self, chat_id: int) -> list[str]:
        with self._cond:
            return list(self._chat_actions.get(chat_id, []))

    @property
    def pending_updates(self) -> int:
        with self._cond:
            return len(self._updates)

    def wait_for(self, predicate: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Wait until predicate() is truthy (re-checked on every API call); return its value.

        Raises TimeoutError when it stays falsy.
        """
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                value = predicate()
                if value:
                    return value
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"condition not met within {timeout} s")
                self._cond.wait(min(left, 0.1))

    def wait_for_messages(
        self, chat_id: int, count: int, timeout: float = 10.0
    ) -> list[dict[str, Any]]:
        """Wait until the bot has sent at least `count` messages to the chat; return them all."""
        try:
            return self.wait_for(
                lambda: (msgs := self.bot_messages(chat_id)) and len(msgs) >= count and msgs,
                timeout,
            )
        except TimeoutError:
            got = self.bot_messages(chat_id)
            texts = [m.get("text", "")[:200] for m in got]
            raise TimeoutError(
                f"chat {chat_id}: wanted {count} bot messages, got {len(got)}: {texts}"
            ) from None

    # -- failure injection -------------------------------------------------------------------
    def fail_next(
        self,
        method: str,
        *,
        chat_id: int | None = None,
        status: int = 429,
        retry_after: int = 1,
        times: int = 1,
        description: str | None = None,
    ) -> None:
        """The next `times` calls of method (to chat_id, if given) fail with status."""
        if description is None:
            description = (
                f"Too Many Requests: retry after {retry_after}"
                if status == 429
                else f"Error {status}"
            )
        with self._cond:
            self._failures.append(
                _Failure(
                    method,
                    chat_id,
                    status,
                    description,
                    retry_after if status == 429 else None,
                    times,
                )
            )

    def block_chat(self, chat_id: int) -> None:
        """The user blocked the bot: every send to the chat gets 403."""
        with self._cond:
            self._blocked.add(chat_id)

    def make_owner(self, chat_id: int, user_id: int) -> None:
        """getChatMember answers that this user created (and so administers) the group."""
        with self._cond:
            self._owners.add((chat_id, user_id))

    def unblock_chat(self, chat_id: int) -> None:
        with self._cond:
            self._blocked.discard(chat_id)

    # -- internals: building updates ---------------------------------------------------------
    def _queue_locked(self, update: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        update["update_id"] = update_id
        self._updates.append(update)
        self._cond.notify_all()
        return update_id

    def _new_message_id_locked(self, chat_id: int) -> int:
        mid = self._next_message_id[chat_id]
        self._next_message_id[chat_id] = mid + 1
        return mid

    def _from_locked(self, user_id: int) -> dict[str, Any]:
        user = _user(user_id)
        user["language_code"] = self._user_languages.get(user_id, user["language_code"])
        return user

    def _user_message(
        self,
        chat_id: int,
        chat_type: str,
        user_id: int | None,
        reply_to_message_id: int | None,
        extra: dict[str, Any],
    ) -> int:
        chat = _chat(chat_id, chat_type)
        with self._cond:
            mid = self._new_message_id_locked(chat_id)
            message: dict[str, Any] = {
                "message_id": mid,
                "from": self._from_locked(user_id if user_id is not None else _default_user(chat)),
                "chat": chat,
                "date": int(time.time()),
            }
            if reply_to_message_id is not None:
                original = self._messages.get((chat_id, reply_to_message_id))
                if original is None:
                    raise KeyError(f"no message {reply_to_message_id} in chat {chat_id}")
                message["reply_to_message"] = json.loads(json.dumps(original))
            message.update(extra)
            self._messages[(chat_id, mid)] = message
            self._queue_locked({"message": json.loads(json.dumps(message))})
        return mid

    # -- internals: HTTP ---------------------------------------------------------------------
    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        path = unquote(urlsplit(handler.path).path)
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        file_prefix = f"/file/bot{self.token}/"
        if path.startswith("/file/bot"):
            if not path.startswith(file_prefix):
                return _send(handler, 401, _error(401, "Unauthorized"))
            return self._serve_file(handler, path[len(file_prefix) :])
        match = re.fullmatch(r"/bot([^/]*)/([A-Za-z]+)", path)
        if match is None:
            return _send(handler, 404, _error(404, "Not Found"))
        if match.group(1) != self.token:
            return _send(handler, 401, _error(401, "Unauthorized"))
        method = match.group(2)
        try:
            params, files = parse_body(handler.headers.get("Content-Type", ""), body)
            query = urlsplit(handler.path).query
            for key, value in parse_qsl(query, keep_blank_values=True):
                params.setdefault(key, decode_value(key, value))
        except (ValueError, UnicodeDecodeError) as exc:
            return _send(handler, 400, _error(400, f"Bad Request: {exc}"))
        with self._cond:
            self._calls.append(Call(method, params, time.time()))
            self._cond.notify_all()
            failure = self._take_failure_locked(method, params)
        if failure is not None:
            return _send(handler, failure[0], failure[1])
        status, payload = self._dispatch(method, params, files)
        _send(handler, status, payload)

    def _take_failure_locked(
        self, method: str, params: dict[str, Any]
    ) -> tuple[int, dict[str, Any]] | None:
        chat_id = params.get("chat_id")
        if (
            method.startswith(("send", "edit", "copy", "forward"))
            and isinstance(chat_id, int)
            and chat_id in self._blocked
        ):
            return 403, _error(403, "Forbidden: bot was blocked by the user")
        for failure in self._failures:
            if failure.method != method:
                continue
            if failure.chat_id is not None and failure.chat_id != chat_id:
                continue
            failure.times -= 1
            if failure.times <= 0:
                self._failures.remove(failure)
            payload = _error(failure.status, failure.description)
            if failure.retry_after is not None:
                payload["parameters"] = {"retry_after": failure.retry_after}
            return failure.status, payload
        return None

    def _dispatch(
        self, method: str, p: dict[str, Any], files: dict[str, bytes] | None = None
    ) -> tuple[int, dict[str, Any]]:
        if method == "getUpdates":
            return 200, _ok(self._get_updates(p))
        with self._cond:
            try:
                if method == "sendDocument":
                    result = self._send_document_locked(p, files or {})
                else:
                    result = self._method_locked(method, p)
            except _ApiError as exc:
                return exc.status, _error(exc.status, exc.description)
            self._cond.notify_all()
        return 200, _ok(result)

    def _method_locked(self, method: str, p: dict[str, Any]) -> Any:
        if method == "getMe":
            return dict(BOT_USER)
        if method in ("deleteWebhook", "close", "logOut"):
            if method == "deleteWebhook":
                self._webhook_url = ""
                if p.get("drop_pending_updates"):
                    self._updates.clear()
            return True
        if method == "setWebhook":
            self._webhook_url = str(p.get("url", ""))
            return True
        if method == "getWebhookInfo":
            return {
                "url": self._webhook_url,
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }
        if method == "sendMessage":
            return self._send_message_locked(p)
        if method in ("editMessageText", "editMessageReplyMarkup"):
            return self._edit_locked(method, p)
        if method == "sendChatAction":
            self._chat_actions[_chat_id(p)].append(str(p.get("action")))
            return True
        if method == "answerCallbackQuery":
            return True
        if method == "answerInlineQuery":
            query_id = str(p.get("inline_query_id"))
            results = p.get("results")
            if not isinstance(results, list) or len(results) > 50:
                raise _ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
            for result in results:
                content = result.get("input_message_content") or {}
                text = content.get("message_text", "")
                if not text or len(_visible_text(text, content.get("parse_mode"))) > 4096:
                    raise _ApiError(400, "Bad Request: MESSAGE_TEXT_INVALID")
                if str(content.get("parse_mode")).upper() == "HTML" and html_problem(text):
                    raise _ApiError(400, f"Bad Request: can't parse entities: {html_problem(text)}")
            self._inline_answers[query_id] = {
                "results": results,
                "cache_time": p.get("cache_time"),
                "is_personal": p.get("is_personal"),
                "user_id": self._inline_users.get(query_id),
            }
            return True
        if method == "getChatMember":
            user_id = int(p["user_id"])
            if (_chat_id(p), user_id) in self._owners:
                return {"status": "creator", "user": _user(user_id), "is_anonymous": False}
            return {"status": "member", "user": _user(user_id)}
        if method == "setMyCommands":
            # Telegram keeps one list per language_code (none: the list for everyone else).
            language = str(p.get("language_code") or "")
            self._commands_by_language[language] = list(p.get("commands") or [])
            if not language:
                self._commands = list(p.get("commands") or [])
            return True
        if method == "getMyCommands":
            return list(self._commands_by_language.get(str(p.get("language_code") or ""), []))
        if method == "deleteMyCommands":
            self._commands_by_language.pop(str(p.get("language_code") or ""), None)
            if not p.get("language_code"):
                self._commands = []
            return True
        if method == "deleteMessage":
            key = (_chat_id(p), int(p["message_id"]))
            if key not in self._messages or key in self._deleted:
                raise _ApiError(400, "Bad Request: message to delete not found")
            self._deleted.add(key)
            return True
        if method == "getFile":
            file_id = str(p.get("file_id"))
            if file_id not in self._files:
                raise _ApiError(400, "Bad Request: invalid file_id")
            file_path, data = self._files[file_id]
            return {
                "file_id": file_id,
                "file_unique_id": f"uniq-{file_id}",
                "file_size": len(data),
                "file_path": file_path,
            }
        return True

    def _send_message_locked(self, p: dict[str, Any]) -> dict[str, Any]:
        chat_id = _chat_id(p)
        text = p.get("text")
        if not isinstance(text, str) or not text.strip():
            raise _ApiError(400, "Bad Request: message text is empty")
        problem = html_problem(text) if str(p.get("parse_mode")).upper() == "HTML" else None
        if problem:
            raise _ApiError(400, f"Bad Request: can't parse entities: {problem}")
        if len(_visible_text(text, p.get("parse_mode"))) > 4096:
            raise _ApiError(400, "Bad Request: message is too long")
        known = self._known_chat_locked(chat_id)
        mid = self._new_message_id_locked(chat_id)
        message: dict[str, Any] = {
            "message_id": mid,
            "from": dict(BOT_USER),
            "chat": known,
            "date": int(time.time()),
            "text": text,
        }
        if p.get("reply_markup"):
            message["reply_markup"] = p["reply_markup"]
        if p.get("message_thread_id") is not None:
            message["message_thread_id"] = int(p["message_thread_id"])
            message["is_topic_message"] = True
        reply_to = p.get("reply_to_message_id")
        params = p.get("reply_parameters")
        if reply_to is None and isinstance(params, dict):
            reply_to = params.get("message_id")
        if reply_to is not None and (chat_id, int(reply_to)) in self._messages:
            original = json.loads(json.dumps(self._messages[(chat_id, int(reply_to))]))
            original.pop("reply_to_message", None)
            message["reply_to_message"] = original
        self._messages[(chat_id, mid)] = message
        self._bot_messages[chat_id].append(mid)
        return message

    def _send_document_locked(self, p: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
        chat_id = _chat_id(p)
        if "document" not in files:
            raise _ApiError(400, "Bad Request: there is no document in the request")
        data = files["document"]
        if len(data) > 50_000_000:
            raise _ApiError(413, "Request Entity Too Large")
        name = str(p.get("document", "<file document>"))[len("<file ") : -1] or "document"
        caption = p.get("caption")
        if isinstance(caption, str) and str(p.get("parse_mode")).upper() == "HTML":
            problem = html_problem(caption)
            if problem:
                raise _ApiError(400, f"Bad Request: can't parse entities: {problem}")
        known = self._known_chat_locked(chat_id)
        mid = self._new_message_id_locked(chat_id)
        number = next(self._file_counter)
        file_id = f"sent-file-{number}"
        self._files[file_id] = (f"documents/sent_{number}_{name}", data)
        message: dict[str, Any] = {
            "message_id": mid,
            "from": dict(BOT_USER),
            "chat": known,
            "date": int(time.time()),
            "document": {
                "file_id": file_id,
                "file_unique_id": f"uniq-{file_id}",
                "file_name": name,
                "file_size": len(data),
            },
        }
        if isinstance(caption, str):
            message["caption"] = caption
        if p.get("reply_markup"):
            message["reply_markup"] = p["reply_markup"]
        self._messages[(chat_id, mid)] = message
        self._bot_messages[chat_id].append(mid)
        self._documents[chat_id].append((name, data, caption if isinstance(caption, str) else None))
        return message

    def _edit_locked(self, method: str, p: dict[str, Any]) -> dict[str, Any]:
        if "inline_message_id" in p:
            raise _ApiError(400, "Bad Request: inline messages are not supported by the fake")
        key = (_chat_id(p), int(p["message_id"]))
        message = self._messages.get(key)
        if message is None or key in self._deleted:
            raise _ApiError(400, "Bad Request: message to edit not found")
        if message["from"].get("id") != BOT_ID:
            raise _ApiError(400, "Bad Request: message can't be edited")
        if method == "editMessageText":
            text = p.get("text")
            if not isinstance(text, str) or not text.strip():
                raise _ApiError(400, "Bad Request: message text is empty")
            problem = html_problem(text) if str(p.get("parse_mode")).upper() == "HTML" else None
            if problem:
                raise _ApiError(400, f"Bad Request: can't parse entities: {problem}")
            if len(_visible_text(text, p.get("parse_mode"))) > 4096:
                raise _ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
            if text == message.get("text") and p.get("reply_markup") == message.get("reply_markup"):
                raise _ApiError(
                    400,
                    "Bad Request: message is not modified: specified new message content and "
                    "reply markup are exactly the same as a current content and reply markup "
                    "of the message",
                )
            message["text"] = text
        if p.get("reply_markup"):
            message["reply_markup"] = p["reply_markup"]
        else:
            message.pop("reply_markup", None)
        message["edit_date"] = int(time.time())
        return message

    def _known_chat_locked(self, chat_id: int) -> dict[str, Any]:
        for (cid, _mid), msg in self._messages.items():
            if cid == chat_id:
                return dict(msg["chat"])
        return _chat(chat_id, "private" if chat_id > 0 else "group")

    def _get_updates(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(p.get("offset") or 0)
        limit = int(p.get("limit") or 100)
        timeout = float(p.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        with self._cond:
            if offset:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and not self._stopping:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            return json.loads(json.dumps(self._updates[:limit]))

    def _serve_file(self, handler: BaseHTTPRequestHandler, file_path: str) -> None:
        with self._cond:
            data = next((d for fp, d in self._files.values() if fp == file_path), None)
        if data is None:
            return _send(handler, 404, _error(404, "Not Found"))
        handler.send_response(200)
        handler.send_header("Content-Type", "application/octet-stream")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)


class _ApiError(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def _ok(result: Any) -> dict[str, Any]:
    return {"ok": True, "result": result}


def _error(code: int, description: str) -> dict[str, Any]:
    return {"ok": False, "error_code": code, "description": description}


def _send(handler: BaseHTTPRequestHandler, status: int, payload: dict[str, Any]) -> None:
    data = json.dumps(payload).encode("utf-8")
    try:
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)
    except (BrokenPipeError, ConnectionResetError):
        handler.close_connection = True


_HTML_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a"}
    | {"tg-emoji", "code", "pre", "blockquote"}
)
_HTML_TOKEN = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)>|<|&(#\d+|#x[0-9a-fA-F]+|\w+);|&"
)


def html_problem(text: str) -> str | None:
    """Why Telegram would refuse this HTML-mode text (None if it would accept it).

    Supported tags only, balanced and properly nested; `<` and `&` only as markup or entities.
    """
    stack: list[str] = []
    for match in _HTML_TOKEN.finditer(text):
        token = match.group(0)
        if token == "<":
            return f"unexpected '<' at byte offset {match.start()}"
        if token == "&":
            return f"unescaped '&' at byte offset {match.start()}"
        if token.startswith("&"):
            name = match.group(4)
            if not name.startswith("#") and name not in ("lt", "gt", "amp", "quot"):
                return f"unsupported entity '{token}'"
            continue
        closing, tag = match.group(1), match.group(2).lower()
        if tag not in _HTML_TAGS:
            return f'unsupported start tag "{tag}" at byte offset {match.start()}'
        if not closing:
            stack.append(tag)
        elif not stack or stack.pop() != tag:
            return f'unmatched end tag at byte offset {match.start()}, expected "</{tag}>"'
    if stack:
        return f'can\'t find end tag corresponding to start tag "{stack[-1]}"'
    return None


def _visible_text(text: str, parse_mode: Any) -> str:
    """The text a user would see (entities parsed), for the 4096-character limit."""
    if isinstance(parse_mode, str) and parse_mode.upper() == "HTML":
        return html.unescape(re.sub(r"<[^>]*>", "", text))
    return text


def _chat_id(p: dict[str, Any]) -> int:
    value = p.get("chat_id")
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise _ApiError(400, "Bad Request: chat not found") from None


def _chat(chat_id: int, chat_type: str) -> dict[str, Any]:
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type in ("group", "supergroup", "channel"):
        chat["title"] = f"Test {chat_type} {abs(chat_id)}"
    else:
        chat["first_name"] = "Tester"
    return chat


def _default_user(chat: dict[str, Any]) -> int:
    """In a private chat the user id is the chat id; in groups a fixed member."""
    return int(chat["id"]) if chat["type"] == "private" else 777


def _user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}", "language_code": "en"}
