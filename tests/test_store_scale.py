"""The store at scale, as users and operators notice it: old databases move forward in place,
a chat's search sees only its own rows, reads go on while a write is held, forgets and
maintenance work in small resumable steps, backups are consistent copies, digests fall due
from an index exactly when the schedule says."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot import schedule
from bot.errors import StorageError
from store import LATEST_VERSION, Store, articles
from store.records import NewArticle
from store.sqlite import TOO_SLOW
from tests.old_schema import add_article_old, open_old

A, B = 1001, -2002

HARBOUR = (
    ("The harbour wall at Kessling was rebuilt after the winter storms.", "Fishermen cheered."),
    ("The mayor said the repairs cost four million euros.",),
)
MARKET = (("A new covered market opened beside the harbour on Friday.", "Stalls sold out."),)


def new(paragraphs: tuple[tuple[str, ...], ...], content_hash: str) -> NewArticle:
    return NewArticle(
        paragraphs=paragraphs,
        title=f"Story {content_hash}",
        source="Example News",
        url=None,
        origin="paste",
        byline=None,
        place=None,
        published=None,
        content_hash=content_hash,
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "bot.db") as s:
        yield s


# ---- migrations ---------------------------------------------------------------------


def test_a_database_from_before_the_scale_migration_moves_forward_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = open_old(path)
    a1 = add_article_old(conn, A, HARBOUR, content_hash="h1", title="Harbour")
    a2 = add_article_old(conn, A, MARKET, content_hash="h2", title="Market")
    b1 = add_article_old(conn, B, MARKET, content_hash="h2", title="Market in B")
    conn.execute(
        "INSERT INTO questions (chat_id, article_id, question, answer_sentence, asked_at) "
        "VALUES (?, ?, 'Who cheered?', 'Fishermen cheered.', '2024-01-01T00:00:00+00:00')",
        (A, a1),
    )
    conn.execute("INSERT INTO article_messages VALUES (?, 77, ?)", (A, a1))
    conn.execute("UPDATE articles SET language = 'en' WHERE id = ?", (a1,))
    conn.execute(
        "INSERT INTO conversations (chat_id, article_id, people_json, updated_at) "
        "VALUES (?, ?, '[\"Ruiz\"]', '2024-01-01')",
        (A, a1),
    )
    conn.execute(
        "UPDATE chats SET brief_sentences = 5, timezone = 'Europe/Berlin' WHERE id = ?", (A,)
    )
    conn.execute(
        "INSERT INTO subscriptions (chat_id, at_minute, timezone, active, last_sent_day, "
        "created_at) VALUES (?, 450, 'Europe/Berlin', 1, '2024-03-30', '2024-01-01')",
        (A,),
    )
    conn.close()

    with Store.open(path) as store:
        assert store.schema_version == LATEST_VERSION
        assert [s.id for s in store.list_articles(A)] == [a2, a1]
        assert store.list_articles(A)[1].number_of_sentences == 3
        harbour = store.get_article(A, a1)
        assert harbour is not None and harbour.paragraphs == HARBOUR
        assert harbour.title == "Harbour" and harbour.language == "en"
        current = store.current_article(A)
        assert current is not None and current.id == a2
        assert store.article_for_message(A, 77) == harbour
        assert store.get_settings(A).sentences == 5
        state = store.conversation(A)
        assert state is not None and state.article_id == a1 and state.people == ("Ruiz",)
        assert store.stats()["questions"] == 1
        # Search works on the migrated rows, per chat.
        assert [h.sentence for h in store.search(A, "fishermen")] == ["Fishermen cheered."]
        assert {h.article_id for h in store.search(A, "harbour")} == {a1, a2}
        assert [h.article_id for h in store.search(B, "harbour")] == [b1]
        # The subscription keeps its day: 07:30 Berlin on 31 March 2024 (summer time) is 05:30 UTC.
        assert store.due_subscriptions(datetime(2024, 3, 31, 5, 29, tzinfo=UTC)) == []
        due = store.due_subscriptions(datetime(2024, 3, 31, 5, 30, tzinfo=UTC))
        assert [s.chat_id for s in due] == [A]
        # New work goes on as usual.
        added, created = store.add_article(
            A, paragraphs=(("Kessling's harbour reopened today.",),), title=None, source=None,
            url=None, origin="paste", byline=None, place=None, published=None, content_hash="h3",
        )  # fmt: skip
        assert created and store.search(A, "reopened")[0].article_id == added.id
        assert store.forget(A) == 3
        assert store.search(A, "harbour") == [] and store.conversation(A) is None
        assert [h.article_id for h in store.search(B, "harbour")] == [b1]
        assert store.integrity_check() == "ok"
    conn = sqlite3.connect(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        columns = {r[1] for r in conn.execute("PRAGMA table_info(articles)")}
    finally:
        conn.close()
    assert "sentences" not in tables and "sentences_fts" not in tables
    assert "text" not in columns  # one copy of the text: the paragraphs


# ---- search ---------------------------------------------------------------------------


def test_search_sees_only_the_asking_chats_articles(store: Store) -> None:
    mine = store.add_articles(A, [new(HARBOUR, "h1")])
    assert mine == 1
    store.add_articles(B, [new(MARKET, f"m{i}") for i in range(50)])
    hits = store.search(A, "harbour market")
    assert [h.sentence for h in hits] == [HARBOUR[0][0]]
    assert len(store.search(B, "harbour", limit=100)) == 50
    assert store.search(A, "the of and") == []  # only stop words: nothing to look for


def test_a_search_past_its_time_limit_says_so(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    many = tuple((f"Harbour report number {i} about the harbour wall.",) for i in range(400))
    store.add_articles(A, [new(many, "big")])
    assert len(store.search(A, "harbour wall", limit=5)) == 5
    monkeypatch.setattr(articles, "SEARCH_SECONDS", 0.0)
    with pytest.raises(StorageError) as info:
        store.search(A, "harbour wall", limit=5)
    assert str(info.value) == TOO_SLOW
    monkeypatch.undo()
    assert len(store.search(A, "harbour", limit=5)) == 5  # the reader is fine afterwards


# ---- readers and the writer ----------------------------------------------------------


def test_reads_go_on_while_a_write_is_held(store: Store) -> None:
    store.add_articles(A, [new(HARBOUR, "h1")])
    holding, release = threading.Event(), threading.Event()

    def long_write() -> None:
        with store._write() as conn:
            conn.execute("UPDATE chats SET title = 'busy' WHERE id = ?", (A,))
            holding.set()
            release.wait(10)

    writer = threading.Thread(target=long_write)
    writer.start()
    assert holding.wait(5)
    got: list[object] = []
    reader = threading.Thread(
        target=lambda: got.extend([store.current_article(A), store.search(A, "harbour")])
    )
    reader.start()
    reader.join(3)
    finished_while_held = not reader.is_alive()
    release.set()
    writer.join()
    reader.join()
    assert finished_while_held
    current = got[0]
    assert current is not None and getattr(current, "paragraphs", None) == HARBOUR
    assert got[1]


# ---- forget and maintenance ------------------------------------------------------------


def test_an_interrupted_forget_resumes_and_other_chats_keep_everything(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    with Store.open(path) as store:
        store.add_articles(A, [new(HARBOUR, f"a{i}") for i in range(120)])
        store.add_articles(B, [new(MARKET, "b")])
        store.log_question(A, None, "Hello?", None, None, None)
        assert store.begin_forget(A) == 120
        assert store.current_article(A) is None
    # The process stops here; the forget is queued in the database.
    with Store.open(path) as store:
        steps = 0
        while (done := store.maintenance_step()) == "forget":
            steps += 1
        assert steps >= 1 and done in {"vacuum", "merge", None}
        assert store.count_articles(A) == 0
        assert store.search(A, "harbour") == []
        assert store.stats()["questions"] == 0
        assert store.stats()["forget_queue"] == 0
        assert store.count_articles(B) == 1
        assert store.search(B, "harbour")[0].sentence == MARKET[0][0]
        assert store.integrity_check() == "ok"


def test_maintenance_gives_freed_space_back(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    with Store.open(path) as store:
        long_story = tuple(
            (f"Paragraph {i} tells of the harbour, the market and the {i}th storm.",)
            for i in range(60)
        )
        store.add_articles(A, [new(long_story, f"a{i}") for i in range(150)])
        store.checkpoint()
        full = store.space()["pages"]
        store.forget(A)
        assert store.space()["free_pages"] > full // 2  # freed, but still in the file
        kinds = set()
        while (done := store.maintenance_step()) is not None:
            kinds.add(done)
        assert "vacuum" in kinds
        space = store.space()
        assert space["free_pages"] == 0 and space["pages"] < full // 2
        assert store.integrity_check() == "ok"


def test_backup_is_a_consistent_copy_and_never_overwrites(store: Store, tmp_path: Path) -> None:
    store.add_articles(A, [new(HARBOUR, "h1"), new(MARKET, "m1")])
    target = tmp_path / "backups" / "copy.db"
    assert store.backup(target) > 0
    with Store.open(target) as copy:
        assert [a.title for a in copy.list_articles(A)] == ["Story m1", "Story h1"]
        assert copy.search(A, "fishermen")[0].sentence == "Fishermen cheered."
        assert copy.integrity_check() == "ok"
    with pytest.raises(FileExistsError):
        store.backup(target)


# ---- digests fall due from the index --------------------------------------------------

ZONES = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "UTC", "Asia/Kolkata"]


def test_due_subscriptions_match_the_schedule_across_a_clock_change(store: Store) -> None:
    start = datetime(2024, 3, 30, 0, 0, tzinfo=UTC)  # Berlin springs forward on 31 March
    subs = {}
    for i, zone in enumerate(ZONES):
        for at in (time(2, 30), time(8, 0), time(23, 45)):
            chat = 100 + 10 * i + at.hour
            skip = schedule.already_due_day(at, ZoneInfo(zone), start)
            store.subscribe(chat, at, zone, already_due_day=skip)
            subs[chat] = (at, ZoneInfo(zone))
    now = start
    sent: dict[int, date] = {}
    days: dict[int, list[date]] = {chat: [] for chat in subs}
    while now < start + timedelta(days=3):
        due = {s.chat_id: s for s in store.due_subscriptions(now)}
        for chat, (at, zone) in subs.items():
            last = sent.get(chat, schedule.already_due_day(at, zone, start))
            verdict = schedule.decide(at, zone, last, now, catch_up=timedelta(days=2))
            assert (chat in due) == (verdict.decision is not schedule.Decision.WAIT), (chat, now)
            if chat in due:
                claim = store.claim_digest(chat, verdict.day, first_since=now, limit=5)
                assert claim is not None
                sent[chat] = verdict.day
                days[chat].append(verdict.day)
        now += timedelta(minutes=15)
    # One digest a local day, every day: Berlin's 02:30 too on the day the clocks skip 02:30.
    for chat, got in days.items():
        assert len(got) >= 2
        assert all(b - a == timedelta(days=1) for a, b in pairwise(got)), chat
    assert date(2024, 3, 31) in days[100 + 2]
    assert store.due_subscriptions(now) == []
    store.unsubscribe(100 + 2)
    assert all(s.chat_id != 102 for s in store.due_subscriptions(now + timedelta(days=2)))
