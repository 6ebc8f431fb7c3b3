"""Digests: building, claiming (at most once a day), formatting within Telegram's limit, the
commands and buttons over an offline bot, and a broadcast where some chats blocked the bot."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.digest import MAX_ITEMS, build_digest
from bot.service import Service
from bot.settings import Settings
from handlers import format as fmt
from handlers.app import build_application
from handlers.digests import Broadcaster, digest_messages
from store import Store, StoredArticle
from tests.builders import plain_article
from tests.offline import TOKEN, OfflineRequest, as_update, callback_update, message_update

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
DAY = date(2026, 6, 1)
ME, OTHER = 601, 602


def body(topic: str, n: int = 4) -> list[list[str]]:
    return [
        [f"The council in {topic} met on Monday to discuss the plan number {i}." for i in range(n)],
        [f"Residents of {topic} said they would wait for the final vote next month."],
    ]


def add(
    store: Store,
    chat: int,
    topic: str,
    *,
    source: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> StoredArticle:
    stored, _ = store.add_article(
        chat,
        paragraphs=body(topic),
        title=title or f"News from {topic}",
        source=source,
        url=url,
        origin="paste",
        byline=None,
        place=None,
        published=None,
        content_hash=f"hash-{chat}-{topic}",
    )
    return stored


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "d.db") as s:
        yield s


# ---- building -------------------------------------------------------------------------------


def test_digest_groups_by_source_numbers_items_and_links_only_web_urls(store: Store) -> None:
    a = add(store, ME, "Oslo", source="Harbour Weekly", url="https://h.example/1")
    b = add(store, ME, "Bergen", url="javascript:alert(1)")
    c = add(store, ME, "Tromso", source="Harbour Weekly", url="https://h.example/2")
    d = build_digest(ME, DAY, [c, b, a])
    assert [g.source for g in d.groups] == ["Harbour Weekly", "Saved in this chat"]
    assert [(i.number, i.article_id) for i in d.items] == [(1, a.id), (2, c.id), (3, b.id)]
    assert d.items[2].url is None
    assert all(1 <= len(i.summary.split(". ")) <= 3 and i.summary for i in d.items)


def test_digest_messages_fit_the_limit_never_orphan_a_heading_and_escape(store: Store) -> None:
    articles = [
        add(
            store,
            ME,
            f"Town{i}",
            source=f"Source <{i % 3}> & co",
            url=f'https://x.example/{i}?a=1&b="2"',
            title=f"<b>Title</b> & {i} " + "long " * 40,
        )
        for i in range(MAX_ITEMS)
    ]
    d = build_digest(ME, DAY, articles, more=7)
    messages = digest_messages(d)
    assert len(messages) > 1
    shown = [item.number for _, items in messages for item in items]
    assert shown == list(range(1, MAX_ITEMS + 1))
    for text, _items in messages:
        assert len(text) <= fmt.LIMIT
        assert "<b>Title</b>" not in text and "&lt;b&gt;Title" in text
        assert "&amp;b=&quot;2&quot;" in text
        last_line = text.rstrip().splitlines()[-1]
        assert not (last_line.startswith("<b>Source") and last_line.endswith("</b>"))
    assert "7 more" in fmt.plain(messages[-1][0])


# ---- claiming: at most once a day -------------------------------------------------------------


def test_a_day_is_claimed_once_and_new_articles_are_those_after_the_last_digest(
    store: Store,
) -> None:
    store.subscribe(ME, time(7, 30), "Europe/Berlin", already_due_day=DAY - timedelta(days=1))
    first = add(store, ME, "Oslo")
    claim = store.claim_digest(ME, DAY, first_since=NOW - timedelta(days=1), limit=10)
    assert claim is not None and [a.id for a in claim.articles] == [first.id]
    assert store.claim_digest(ME, DAY, first_since=NOW, limit=10) is None
    second = add(store, ME, "Bergen")
    tomorrow = store.claim_digest(ME, DAY + timedelta(days=1), first_since=NOW, limit=10)
    assert tomorrow is not None and [a.id for a in tomorrow.articles] == [second.id]
    sub = store.get_subscription(ME)
    assert sub is not None and sub.last_sent_day == DAY + timedelta(days=1)


def test_claims_cap_the_items_and_count_the_rest(store: Store) -> None:
    store.subscribe(ME, time(8, 0), "UTC", already_due_day=DAY - timedelta(days=1))
    for i in range(5):
        add(store, ME, f"T{i}")
    claim = store.claim_digest(ME, DAY, first_since=NOW - timedelta(days=1), limit=3)
    assert claim is not None and len(claim.articles) == 3 and claim.more == 2
    again = store.claim_digest(ME, DAY + timedelta(days=1), first_since=NOW, limit=3)
    assert again is not None and again.articles == []


def test_inactive_or_unknown_chats_are_never_claimed_by_the_scheduler(store: Store) -> None:
    assert store.claim_digest(OTHER, DAY, first_since=NOW, limit=3) is None
    store.subscribe(ME, time(8, 0), "UTC", already_due_day=DAY - timedelta(days=1))
    assert store.unsubscribe(ME, reason="blocked")
    assert store.claim_digest(ME, DAY, first_since=NOW, limit=3) is None
    sub = store.get_subscription(ME)
    assert sub is not None and not sub.active and sub.stopped_reason == "blocked"


def test_resubscribing_keeps_todays_digest_marked(store: Store) -> None:
    store.subscribe(ME, time(8, 0), "UTC", already_due_day=DAY - timedelta(days=1))
    store.claim_digest(ME, DAY, first_since=NOW, limit=3)
    sub = store.subscribe(ME, time(9, 0), "UTC", already_due_day=DAY - timedelta(days=1))
    assert sub.last_sent_day == DAY and sub.at == time(9, 0) and sub.active


async def test_due_digests_with_a_controllable_clock(tmp_path: Path) -> None:
    svc = Service.open(Settings(db_path=str(tmp_path / "s.db")))
    try:
        subscribe_at = datetime(2026, 6, 1, 5, 0, tzinfo=UTC)  # 07:00 in Berlin
        await svc.subscribe(ME, at="07:30", timezone="europe/berlin", now=subscribe_at)
        await svc.subscribe(OTHER, at="06:00", timezone="UTC", now=subscribe_at)
        assert await svc.due_digests(datetime(2026, 6, 1, 5, 29, tzinfo=UTC)) == []
        due_at = datetime(2026, 6, 1, 5, 30, tzinfo=UTC)
        assert await svc.due_digests(due_at) == [(ME, DAY)]
        assert await svc.prepare_digest(ME, DAY, now=due_at) is not None
        assert await svc.prepare_digest(ME, DAY, now=due_at) is None  # claimed already
        assert await svc.due_digests(due_at + timedelta(minutes=1)) == []
        # OTHER's 06:00 UTC passes while "down"; at 09:30 it is 3.5 h late: skipped, recorded.
        assert await svc.due_digests(datetime(2026, 6, 1, 9, 30, tzinfo=UTC)) == []
        sub = await svc.subscription(OTHER)
        assert sub is not None and sub.last_sent_day == DAY
    finally:
        svc.close()


async def test_digest_items_carry_the_articles_numbers_for_good(tmp_path: Path) -> None:
    """A digest's buttons show the numbers /articles and /use know, not 1, 2 … afresh."""
    svc = Service.open(Settings(db_path=str(tmp_path / "s.db")))
    try:
        now = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
        await svc.add_text(ME, plain_article("library"))  # number 1
        first = await svc.prepare_digest(ME, DAY, now=now, scheduled=False, refresh=False)
        assert first is not None and [i.number for i in first.items] == [1]
        second_article = await svc.add_text(ME, plain_article("museum"))
        third_article = await svc.add_text(ME, plain_article("bridge"))
        later = now + timedelta(days=1)
        digest = await svc.prepare_digest(
            ME, DAY + timedelta(days=1), now=later, scheduled=False, refresh=False
        )
        assert digest is not None
        assert {(i.number, i.article_id) for i in digest.items} == {
            (2, second_article.article.id),
            (3, third_article.article.id),
        }
    finally:
        svc.close()


# ---- commands and buttons over an offline bot -------------------------------------------------


class BlockingRequest(OfflineRequest):
    """OfflineRequest where some chats have blocked the bot (403 on every send)."""

    blocked: set[int] = set()  # noqa: RUF012 - replaced per instance

    async def do_request(self, url: str, method: str, request_data: Any = None, **kw: Any) -> Any:
        if request_data is not None and url.endswith("/sendMessage"):
            chat = int(json.loads(request_data.json_parameters.get("chat_id", "0")))
            if chat in self.blocked:
                self.sent.append(("sendMessage-403", {"chat_id": chat}))
                return 403, json.dumps(
                    {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked"}
                ).encode()
        return await super().do_request(url, method, request_data, **kw)


class Harness:
    def __init__(self, app: Any, request: BlockingRequest, svc: Service) -> None:
        self.app, self.request, self.svc = app, request, svc

    async def text(self, chat: int, text: str) -> None:
        await self.app.process_update(as_update(message_update(chat, text), self.app.bot))

    async def press(self, chat: int, data: str) -> None:
        await self.app.process_update(as_update(callback_update(chat, 1, data), self.app.bot))

    def alerts(self) -> list[str]:
        return [str(p.get("text", "")) for m, p in self.request.sent if m == "answerCallbackQuery"]


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Harness]:
    settings = Settings(token=TOKEN, db_path=str(tmp_path / "bot.db"), merge_seconds=0)
    svc = Service.open(settings)
    request = BlockingRequest()
    request.blocked = set()
    app = build_application(settings, svc, request=request)
    async with app:
        await app.start()
        yield Harness(app, request, svc)
        await app.stop()
    svc.close()


ARTICLE = (
    "Harbour board approves new breakwater\n\nThe harbour board voted on Monday to build a new "
    "breakwater at the north entrance. Work is expected to start in the spring. Fishermen have "
    "asked for the change for a decade, saying storms close the harbour several times each winter."
)


async def test_subscribe_validates_and_confirms(bot: Harness) -> None:
    await bot.text(ME, "/subscribe 25:00")
    await bot.text(ME, "/subscribe 07:30 Mars/Olympus")
    await bot.text(ME, "/subscribe 07:30 08:00")
    await bot.text(ME, "/subscribe 07:30 Europe/Berlin note")
    texts = bot.request.texts(ME)
    assert "07:30" in texts[0] and "24-hour" in texts[0]
    assert "Mars/Olympus" in texts[1]
    assert texts[2].startswith("Usage: /subscribe")
    assert "<b>07:30</b> (Europe/Berlin)" in texts[3] and "one-line note" in texts[3]
    sub = await bot.svc.subscription(ME)
    assert sub is not None and sub.timezone == "Europe/Berlin" and sub.empty_note


async def test_subscribe_defaults_to_eight_and_the_chats_time_zone(bot: Harness) -> None:
    await bot.text(ME, "/settings timezone Asia/Tokyo")
    await bot.text(ME, "/subscribe")
    sub = await bot.svc.subscription(ME)
    assert sub is not None and (sub.at, sub.timezone) == (time(8, 0), "Asia/Tokyo")
    await bot.text(ME, "/unsubscribe")
    assert "no more daily digests" in bot.request.texts(ME)[-1]


async def test_digest_now_lists_the_article_and_its_button_opens_the_brief(bot: Harness) -> None:
    await bot.text(ME, ARTICLE)
    await bot.text(ME, "/digest")
    digest = bot.request.messages(ME)[-1]
    assert "Your digest for" in digest["text"] and "Harbour board" in digest["text"]
    [[button]] = digest["reply_markup"]["inline_keyboard"]
    assert button["text"] == "1"
    await bot.text(ME, "/digest")
    assert "Nothing new" in bot.request.texts(ME)[-1]
    await bot.press(ME, button["callback_data"])
    brief = bot.request.messages(ME)[-1]
    assert "<b>Harbour board approves new breakwater</b>" in brief["text"]


async def test_an_open_button_for_another_chats_article_is_refused(bot: Harness) -> None:
    await bot.text(OTHER, ARTICLE)
    other_id = (await bot.svc.current(OTHER)).id
    await bot.press(ME, f"open:{other_id}")
    assert bot.request.texts(ME) == []
    assert any("can't find" in a for a in bot.alerts())


async def test_feeds_commands_without_feeds(bot: Harness) -> None:
    await bot.text(ME, "/feeds")
    await bot.text(ME, "/unfollow 1")
    await bot.text(ME, "/follow")
    texts = bot.request.texts(ME)
    assert "You follow no feeds" in texts[0]
    assert "don't follow any feeds" in texts[1]
    assert texts[2].startswith("Usage: /follow URL")


async def test_broadcast_turns_off_blocked_chats_and_the_rest_get_one_digest_each(
    bot: Harness,
) -> None:
    chats = list(range(700, 712))
    subscribed_at = datetime.now(UTC) - timedelta(days=1, minutes=1)
    for chat in chats:
        await bot.svc.add_text(chat, ARTICLE + f" Reported from pier {chat}.")
        await bot.svc.subscribe(
            chat, at=f"{subscribed_at:%H:%M}", timezone="UTC", now=subscribed_at
        )
    bot.request.blocked = {703, 707}
    caster = Broadcaster(bot.svc, bot.app.bot, concurrency=4)
    now = datetime.now(UTC)
    assert await caster.tick(now) == len(chats)
    await caster.wait()
    assert await caster.tick(now + timedelta(seconds=30)) == 0
    for chat in chats:
        sub = await bot.svc.subscription(chat)
        assert sub is not None
        if chat in bot.request.blocked:
            assert not sub.active and sub.stopped_reason == "blocked"
            assert bot.request.texts(chat) == []
        else:
            assert sub.active
            [text] = bot.request.texts(chat)
            assert "Your digest for" in text
    assert (caster.blocked, caster.failed) == (2, 0)
