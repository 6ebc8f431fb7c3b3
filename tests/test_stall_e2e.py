"""Inputs that used to freeze or stall the whole bot, through the real process: each gets its
reply in bounded time, and another chat's question is answered meanwhile."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from tests.botprocess import FAKE_TOKEN, BotProcess
from tests.builders import pasted_page
from tests.fakebotapi import FakeBotAPI
from tests.pages import PageServer

_chats = itertools.count(9700)


class Env:
    def __init__(self, fake: FakeBotAPI, bot: BotProcess, pages: PageServer) -> None:
        self.fake, self.bot, self.pages = fake, bot, pages
        self.bystander = next(_chats)
        fake.send_text(self.bystander, pasted_page())
        fake.wait_for_messages(self.bystander, 1, timeout=60)

    def reply(self, chat: int, before: int, *, timeout: float = 30) -> str:
        self.fake.wait_for(lambda: len(self.fake.bot_messages(chat)) > before, timeout)
        return str(self.fake.bot_messages(chat)[before]["text"])

    def bystander_answered(self) -> str:
        """Another chat asks a question while the hard input is being handled."""
        before = len(self.fake.bot_messages(self.bystander))
        self.fake.send_text(self.bystander, "Who commanded the soldiers?")
        return self.reply(self.bystander, before, timeout=15)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    db = tmp_path_factory.mktemp("stall") / "bot.db"
    with FakeBotAPI(FAKE_TOKEN) as fake, PageServer() as pages:
        # A short deadline, so that a heavy page is stopped well within the test's time.
        bot = BotProcess(fake, db, env_extra={"ARTICLEBOT_WORK_SECONDS": "6"})
        try:
            bot.start()
            yield Env(fake, bot, pages)
        finally:
            bot.close()


def test_empty_html_comments_do_not_freeze_the_bot(env: Env) -> None:
    chat = next(_chats)
    env.fake.send_text(chat, "<!----> " * 40 + "x")
    assert "Ana Ruiz" in env.bystander_answered()
    reply = env.reply(chat, 0)
    assert "something went wrong" not in reply


def test_a_markdown_file_of_hash_signs(env: Env) -> None:
    chat = next(_chats)
    data = ("# " + "#" * 75_000 + "x\n").encode()
    env.fake.send_document(chat, data, file_name="notes.md", mime_type="text/markdown")
    assert "Ana Ruiz" in env.bystander_answered()
    assert "something went wrong" not in env.reply(chat, 0)


def test_a_markdown_file_of_unclosed_emphasis_and_blank_lines(env: Env) -> None:
    chat = next(_chats)
    data = (" _a" * 40_000 + "\n" * 40_000 + "![" * 40_000).encode()
    env.fake.send_document(chat, data, file_name="notes.md", mime_type="text/markdown")
    assert "Ana Ruiz" in env.bystander_answered()
    assert "something went wrong" not in env.reply(chat, 0)


def test_hard_wrapped_text_without_full_stops(env: Env) -> None:
    chat = next(_chats)
    line = "a line of words that goes on and on and never quite stops here\n"
    data = (line * 20_000).encode()
    env.fake.send_document(chat, data, file_name="wrapped.txt", mime_type="text/plain")
    assert "Ana Ruiz" in env.bystander_answered()
    assert "something went wrong" not in env.reply(chat, 0, timeout=60)


def test_follow_a_page_of_unterminated_links(env: Env) -> None:
    chat = next(_chats)
    url = env.pages.add_html("/tags.html", "<html><body>" + "<a " * 17_000 + "</body></html>")
    env.fake.send_text(chat, f"/follow {url}")
    assert "Ana Ruiz" in env.bystander_answered()
    assert "not an RSS or Atom feed" in env.reply(chat, 0)


def test_long_question_patterns_answer_quickly(env: Env) -> None:
    before = len(env.fake.bot_messages(env.bystander))
    env.fake.send_text(env.bystander, "who is" + " " * 3_000 + "0")
    assert "something went wrong" not in env.reply(env.bystander, before, timeout=15)


@pytest.mark.parametrize("charset", ["idna", "undefined"])
def test_a_page_declaring_an_unusable_charset(env: Env, charset: str) -> None:
    chat = next(_chats)
    body = "".join(f"<p>{line}</p>" for line in pasted_page().split("\n") if line.strip())
    page = f'<html><head><meta charset="{charset}"><title>Harbour</title></head><body>{body}</body></html>'
    url = env.pages.add(
        f"/{charset}.html", page.encode(), content_type=f"text/html; charset={charset}"
    )
    env.fake.send_text(chat, url)
    reply = env.reply(chat, 0)
    assert "something went wrong" not in reply and "Ana Ruiz" in reply


def _heavy_table_page() -> bytes:
    # 4.8 MB, just under the file limit: about 9 s of reading on this kind of machine, well over
    # the module's 6 s deadline (80,000 rows took 4.9 s and was sometimes read in time).
    rows = "<tr><td>cell text here</td></tr>" * 150_000
    return f"<html><body><table>{rows}</table></body></html>".encode()


def test_a_file_too_complex_to_read_in_time_is_stopped(env: Env) -> None:
    chat = next(_chats)
    env.fake.send_document(chat, _heavy_table_page(), file_name="table.html", mime_type="text/html")
    assert "Ana Ruiz" in env.bystander_answered()
    reply = env.reply(chat, 0, timeout=60)
    assert "too complex" in reply and "site" not in reply
    # The stopped worker was replaced: the same chat's next article is read as usual.
    env.fake.send_text(chat, pasted_page())
    assert "Flood barrier holds" in env.reply(chat, 1, timeout=60)


def test_several_heavy_files_at_once_do_not_hold_up_answers(env: Env) -> None:
    chats = [next(_chats) for _ in range(4)]
    for chat in chats:
        env.fake.send_document(
            chat, _heavy_table_page(), file_name="table.html", mime_type="text/html"
        )
    for _ in range(3):
        assert "Ana Ruiz" in env.bystander_answered()
    for chat in chats:
        assert "too complex" in env.reply(chat, 0, timeout=90)


def test_a_link_too_complex_to_extract_does_not_blame_the_site(env: Env) -> None:
    chat = next(_chats)
    url = env.pages.add("/heavy.html", _heavy_table_page())
    env.fake.send_text(chat, url)
    assert "Ana Ruiz" in env.bystander_answered()
    reply = env.reply(chat, 0, timeout=60)
    assert "too complex" in reply and "took too long" not in reply
