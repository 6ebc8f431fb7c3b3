"""Tests for store/: real SQLite files under tmp_path, no mocks."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest

from bot.errors import NotFound, StorageError
from store import LATEST_VERSION, MIGRATIONS, ChatSettings, Migration, Store
from store.db import FULL_OR_READONLY
from store.schema import migrate
from store.search import chat_prefix, match_query

A, B = 1001, -2002  # Telegram group ids are negative

PARAS = (
    ("The council approved the new bridge on Tuesday.", "Work starts in spring."),
    ("Critics said the budget was too high.", "The mayor disagreed."),
)


def add(store: Store, chat_id: int, content_hash: str = "h1", **overrides: Any) -> Any:
    fields: dict[str, Any] = {
        "paragraphs": PARAS,
        "title": "Bridge approved",
        "source": "Example News",
        "url": "https://example.com/bridge",
        "origin": "link",
        "byline": "Jane Doe",
        "place": "Springfield",
        "published": "2024-05-01",
        "content_hash": content_hash,
    }
    fields.update(overrides)
    return store.add_article(chat_id, **fields)


def rows_for_chat(path: Path, chat_id: int) -> dict[str, int]:
    """Test-only: count the chat's rows in every table, including the FTS index itself."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:

        def one(sql: str) -> int:
            return int(conn.execute(sql, (chat_id,)).fetchone()[0])

        return {
            "chats": one("SELECT count(*) FROM chats WHERE id = ?"),
            "articles": one("SELECT count(*) FROM articles WHERE chat_id = ?"),
            "sentences": one(
                "SELECT coalesce(sum(sentence_count), 0) FROM articles WHERE chat_id = ?"
            ),
            "questions": one("SELECT count(*) FROM questions WHERE chat_id = ?"),
            # docsize has one row per indexed sentence; each holds only the chat's own tokens.
            "fts": fts_rows_of(conn, chat_id),
        }
    finally:
        conn.close()


def fts_rows_of(conn: sqlite3.Connection, chat_id: int) -> int:
    """Index rows holding any token of the chat (every indexed row holds at least one)."""
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, search_index, 'row')"
    )
    prefix = chat_prefix(chat_id)
    ids: set[int] = set()
    for (term,) in conn.execute("SELECT term FROM temp.vocab").fetchall():
        if term.startswith(prefix):
            found = conn.execute(
                "SELECT rowid FROM search_index WHERE search_index MATCH ?", ('"' + term + '"',)
            )
            ids.update(r for (r,) in found)
    return len(ids)


def fts_documents(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM search_index_docsize").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "bot.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path) as s:
        yield s


# ---- opening, pragmas, migrations ------------------------------------------------------


def test_open_creates_parent_dir_and_sets_pragmas(store: Store, db_path: Path) -> None:
    assert db_path.exists()
    assert store.schema_version == LATEST_VERSION == len(MIGRATIONS)
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    finally:
        conn.close()
    assert store._connections.writer.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store._connections.writer.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert store._connections.writer.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert store.integrity_check() == "ok"


def test_memory_database_works() -> None:
    with Store.open(":memory:") as s:
        article, created = add(s, A)
        assert created
        assert s.current_article(A) == article


def test_version_zero_database_is_migrated(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE leftover (x INTEGER)")
    conn.execute("INSERT INTO leftover VALUES (42)")
    conn.commit()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    conn.close()

    with Store.open(db_path) as s:
        assert s.schema_version == LATEST_VERSION
        add(s, A)
        assert s.count_articles(A) == 1
        assert s.integrity_check() == "ok"

    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert conn.execute("SELECT x FROM leftover").fetchone()[0] == 42
    finally:
        conn.close()


def test_adding_a_migration_upgrades_an_existing_database(db_path: Path) -> None:
    with Store.open(db_path) as s:
        add(s, A)
    extra = Migration("feeds", ("CREATE TABLE feeds (id INTEGER PRIMARY KEY, url TEXT)",))
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        assert migrate(conn, (*MIGRATIONS, extra)) == LATEST_VERSION + 1
        assert conn.execute("SELECT count(*) FROM feeds").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    finally:
        conn.close()


def test_failed_migration_rolls_back(db_path: Path) -> None:
    with Store.open(db_path):
        pass
    broken = Migration("broken", ("CREATE TABLE half (x)", "NOT SQL AT ALL"))
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        with pytest.raises(sqlite3.OperationalError):
            migrate(conn, (*MIGRATIONS, broken))
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "half" not in tables
    finally:
        conn.close()


def test_database_from_a_newer_version_is_refused(db_path: Path) -> None:
    with Store.open(db_path):
        pass
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    conn.close()
    with pytest.raises(StorageError):
        Store.open(db_path)


# ---- articles ----------------------------------------------------------------------


def test_round_trip(store: Store) -> None:
    article, created = add(store, A)
    assert created
    assert article.chat_id == A
    assert article.title == "Bridge approved"
    assert article.source == "Example News"
    assert article.url == "https://example.com/bridge"
    assert article.origin == "link"
    assert (article.byline, article.place, article.published) == (
        "Jane Doe",
        "Springfield",
        "2024-05-01",
    )
    assert article.paragraphs == PARAS
    assert article.sentences == [s for p in PARAS for s in p]
    assert (
        article.text.split("\n\n")[1]
        == "Critics said the budget was too high. The mayor disagreed."
    )
    assert article.created_at.tzinfo is not None
    assert article.created_at.utcoffset() == UTC.utcoffset(None)
    assert store.get_article(A, article.id) == article
    assert store.current_article(A) == article


def test_unicode_and_optional_fields_survive(store: Store) -> None:
    paras = (("Zürich: „Grüße“ — 東京 😀.",),)
    article, _ = add(
        store, A, "u", paragraphs=paras, title=None, source=None, url=None, byline=None,
        place=None, published=None, origin="paste",
    )  # fmt: skip
    again = store.get_article(A, article.id)
    assert again is not None
    assert again.paragraphs == paras
    assert again.title is None and again.url is None
    assert store.search(A, "zurich")[0].sentence == paras[0][0]  # diacritics folded


def test_same_hash_twice_is_one_row_and_becomes_current(store: Store, db_path: Path) -> None:
    first, created1 = add(store, A, "same")
    second, _ = add(store, A, "other")
    assert store.current_article(A) == second
    again, created2 = add(store, A, "same", title="A different title")
    assert created1 and not created2
    assert again == first  # the stored one, not the new metadata
    assert store.current_article(A) == first
    assert store.count_articles(A) == 2
    assert rows_for_chat(db_path, A)["sentences"] == 2 * len(first.sentences)


def test_same_hash_in_another_chat_is_a_separate_article(store: Store) -> None:
    a, _ = add(store, A, "same")
    b, created = add(store, B, "same")
    assert created
    assert a.id != b.id


def test_listing_and_positions(store: Store) -> None:
    ids = [add(store, A, f"h{i}", title=f"T{i}")[0].id for i in range(5)]
    listed = store.list_articles(A)
    assert [s.id for s in listed] == list(reversed(ids))
    assert listed[0].title == "T4"
    assert listed[0].number_of_sentences == 4
    assert listed[0].source == "Example News"
    assert [s.id for s in store.list_articles(A, limit=2, offset=1)] == [ids[3], ids[2]]
    for n, summary in enumerate(listed, start=1):
        found = store.article_by_position(A, n)
        assert found is not None and found.id == summary.id
    assert store.article_by_position(A, 0) is None
    assert store.article_by_position(A, 6) is None
    assert store.count_articles(A) == 5
    assert store.count_articles(B) == 0
    assert store.list_articles(B) == []


def test_set_current(store: Store) -> None:
    first, _ = add(store, A, "1")
    add(store, A, "2")
    assert store.set_current(A, first.id) == first
    assert store.current_article(A) == first
    with pytest.raises(NotFound):
        store.set_current(A, 9999)


def test_reopen_keeps_current_article(db_path: Path) -> None:
    with Store.open(db_path) as s:
        first, _ = add(s, A, "1")
        add(s, A, "2")
        s.set_current(A, first.id)
        s.update_settings(A, sentences=5)
    with Store.open(db_path) as s:
        assert s.current_article(A) == first
        assert s.get_settings(A).sentences == 5
        assert s.count_articles(A) == 2


# ---- isolation -----------------------------------------------------------------------


def test_chats_see_only_their_own_articles(store: Store) -> None:
    mine, _ = add(store, A, "a", paragraphs=(("Secret bridge plans leaked.",),))
    assert store.get_article(B, mine.id) is None
    assert store.list_articles(B) == []
    assert store.article_by_position(B, 1) is None
    assert store.search(B, "secret bridge") == []
    assert store.current_article(B) is None
    with pytest.raises(NotFound):
        store.set_current(B, mine.id)
    with pytest.raises(NotFound):
        store.log_question(B, mine.id, "what?", None, None, None)
    assert store.current_article(B) is None
    assert store.search(A, "secret")[0].article_id == mine.id


# ---- settings ------------------------------------------------------------------------


def test_settings_defaults_and_updates(store: Store) -> None:
    assert store.get_settings(A) == ChatSettings(sentences=3, method=None, timezone="UTC")
    assert store.update_settings(A, sentences=5) == ChatSettings(5, None, "UTC")
    assert store.update_settings(A, method="lexrank", timezone="Europe/Berlin") == ChatSettings(
        5, "lexrank", "Europe/Berlin"
    )
    assert store.update_settings(A) == ChatSettings(5, "lexrank", "Europe/Berlin")
    assert store.update_settings(A, clear_method=True) == ChatSettings(5, None, "Europe/Berlin")
    assert store.get_settings(B) == ChatSettings()
    with pytest.raises(ValueError):
        store.update_settings(A, sentences=0)


def test_ensure_chat_keeps_settings_and_updates_title(store: Store) -> None:
    store.ensure_chat(A, "Old title")
    store.update_settings(A, sentences=7)
    store.ensure_chat(A, "New title")
    store.ensure_chat(A)
    assert store.get_settings(A).sentences == 7
    row = store._connections.writer.execute("SELECT title FROM chats WHERE id = ?", (A,)).fetchone()
    assert row[0] == "New title"


# ---- search --------------------------------------------------------------------------


def test_search_finds_words_best_first(store: Store) -> None:
    bridge, _ = add(store, A, "1")
    other, _ = add(
        store, A, "2", title="Budget", paragraphs=(("The budget vote on the bridge budget.",),)
    )
    hits = store.search(A, "budget")
    assert {h.sentence for h in hits} == {
        "Critics said the budget was too high.",
        "The budget vote on the bridge budget.",
    }
    assert hits[0].article_id == other.id and hits[0].title == "Budget"
    assert hits[0].score >= hits[1].score
    assert store.search(A, "BRIDGE")[0].article_id in {bridge.id, other.id}
    assert len(store.search(A, "budget", limit=1)) == 1
    assert store.search(A, "the") == []  # stop words are not indexed
    assert store.search(A, "nonexistentword") == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"bridge',
        "bridge AND",
        "AND",
        "OR NOT",
        "bridge*",
        "*",
        "NEAR(bridge",
        "NEAR(",
        "-bridge",
        "bridge -spring",
        "^bridge",
        "title:bridge",
        "{text}: bridge",
        "bridge) OR (",
        "'; DROP TABLE articles; --",
        "a" * 5000,
        " ".join(["word"] * 500),
    ],
)
def test_search_is_safe_with_user_syntax(store: Store, query: str) -> None:
    add(store, A)
    hits = store.search(A, query)
    assert isinstance(hits, list)
    assert store.count_articles(A) == 1
    if "bridge" in query:
        assert hits, query


@pytest.mark.parametrize("query", ["", "   ", '"', "!!!", "-*^()", '""'])
def test_search_with_no_words_returns_nothing(store: Store, query: str) -> None:
    add(store, A)
    assert store.search(A, query) == []
    assert match_query(A, query) is None


def test_match_query_quotes_every_word_with_the_chats_prefix() -> None:
    assert match_query(A, 'NEAR(x "b" AND c*') == '"1001xnear" OR "1001xx" OR "1001xb" OR "1001xc"'
    assert match_query(B, "Bridge") == '"n2002xbridge"'


# ---- questions and forget ------------------------------------------------------------


def test_forget_removes_everything_of_one_chat(store: Store, db_path: Path) -> None:
    a1, _ = add(store, A, "1")
    add(store, A, "2", paragraphs=(("Another story entirely.",),))
    store.update_settings(A, sentences=6)
    store.log_question(A, a1.id, "When does work start?", "Work starts in spring.", "spring", 0.9)
    store.log_question(A, None, "Hello?", None, None, None)
    b1, _ = add(store, B, "1")
    store.log_question(B, b1.id, "Who disagreed?", "The mayor disagreed.", "The mayor", 0.7)
    before_b = rows_for_chat(db_path, B)
    assert rows_for_chat(db_path, A) == {
        "chats": 1,
        "articles": 2,
        "sentences": 5,
        "questions": 2,
        "fts": 5,
    }

    assert store.forget(A) == 2

    assert set(rows_for_chat(db_path, A).values()) == {0}
    assert fts_documents(db_path) == before_b["fts"] == 4
    assert rows_for_chat(db_path, B) == before_b
    assert store.get_settings(A) == ChatSettings()
    assert store.current_article(A) is None
    assert store.search(A, "bridge") == []
    assert store.current_article(B) == b1
    assert store.search(B, "mayor")[0].article_id == b1.id
    assert store.integrity_check() == "ok"
    assert store.forget(A) == 0
    # The chat can start over.
    again, created = add(store, A, "1")
    assert created and store.current_article(A) == again


# ---- failures --------------------------------------------------------------------------


def test_read_only_database_raises_storage_error_and_loses_nothing(db_path: Path) -> None:
    with Store.open(db_path) as s:
        kept, _ = add(s, A, "kept")
    with Store.open(f"file:{db_path}?mode=ro") as ro:
        assert ro.current_article(A) == kept
        with pytest.raises(StorageError) as info:
            add(ro, A, "new", paragraphs=(("Fresh news.",),))
        assert str(info.value) == FULL_OR_READONLY
        with pytest.raises(StorageError):
            ro.update_settings(A, sentences=4)
        with pytest.raises(StorageError):
            ro.forget(A)
        assert ro.integrity_check() == "ok"
    with Store.open(db_path) as s:
        assert s.count_articles(A) == 1
        assert s.current_article(A) == kept
        assert s.search(A, "fresh") == []
        assert s.integrity_check() == "ok"


def test_full_disk_raises_storage_error_and_rolls_back(store: Store, db_path: Path) -> None:
    kept, _ = add(store, A, "kept")
    pages = store._connections.writer.execute("PRAGMA page_count").fetchone()[0]
    store._connections.writer.execute(f"PRAGMA max_page_count = {pages + 1}")
    huge = tuple((f"Sentence number {i} about {'x' * 200}.",) for i in range(2000))
    with pytest.raises(StorageError) as info:
        add(store, A, "huge", paragraphs=huge)
    assert "full or read-only" in str(info.value)
    assert store.count_articles(A) == 1
    assert store.current_article(A) == kept
    assert rows_for_chat(db_path, A)["sentences"] == len(kept.sentences)
    assert store.integrity_check() == "ok"


def test_unopenable_path_raises_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError):
        Store.open(f"file:{tmp_path / 'missing' / 'x.db'}?mode=ro")


def test_store_can_be_used_from_another_thread(store: Store) -> None:
    results: list[object] = []

    def work() -> None:
        results.append(add(store, A)[1])
        results.append(store.count_articles(A))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert results == [True, 1]


def test_messages_map_to_articles_within_their_chat(store: Store, db_path: Path) -> None:
    mine, _ = add(store, A, "mine")
    store.remember_message(A, 501, mine.id)
    assert store.article_for_message(A, 501) == mine
    assert store.article_for_message(B, 501) is None
    store.remember_message(B, 502, mine.id)  # another chat cannot point at A's article
    assert store.article_for_message(B, 502) is None
    store.forget(A)
    assert store.article_for_message(A, 501) is None
