"""Each chat's conversation state in SQLite (a real file): saved with the answer, kept across a
restart, scoped to the chat, gone with /forget."""

from __future__ import annotations

from pathlib import Path

from store import Conversation, Store
from tests.test_store import A, B, add


def test_state_is_saved_with_the_answer_and_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    with Store.open(path) as store:
        art, _ = add(store, A)
        assert store.conversation(A) is None
        state = Conversation(
            art.id,
            people=("Okafor", "Lind"),
            things=("the Northern Star",),
            last_question="Who led the inquiry?",
            last_answer="The inquiry was led by Judge Miriam Okafor.",
        )
        store.log_question(
            A, art.id, "Who led the inquiry?", "s", "Okafor", 1.0, conversation=state
        )
    with Store.open(path) as store:
        assert store.conversation(A) == state
        newer = Conversation(art.id, people=("Lind",), last_question="Who runs the line?")
        store.log_question(A, art.id, "Who runs the line?", "s", "Lind", 1.0, conversation=newer)
        assert store.conversation(A) == newer  # replaced, not appended


def test_state_never_points_at_another_chats_article(tmp_path: Path) -> None:
    with Store.open(tmp_path / "bot.db") as store:
        theirs, _ = add(store, A, "theirs")
        add(store, B, "mine")
        store.log_question(B, None, "Who?", None, None, None, conversation=Conversation(theirs.id))
        assert store.conversation(B) is None


def test_forget_and_deleted_articles_take_the_state_along(tmp_path: Path) -> None:
    with Store.open(tmp_path / "bot.db") as store:
        art, _ = add(store, A)
        other, _ = add(store, B, "b")
        store.log_question(A, art.id, "q", None, None, None, conversation=Conversation(art.id))
        store.log_question(B, other.id, "q", None, None, None, conversation=Conversation(other.id))
        store.forget(A)
        assert store.conversation(A) is None
        assert store.conversation(B) == Conversation(other.id)


def test_hostile_sizes_are_cut(tmp_path: Path) -> None:
    with Store.open(tmp_path / "bot.db") as store:
        art, _ = add(store, A)
        huge = Conversation(art.id, people=tuple("x" * 5000 for _ in range(50)))
        store.log_question(A, art.id, "q", None, None, None, conversation=huge)
        got = store.conversation(A)
        assert got is not None
        assert len(got.people) <= 8 and all(len(p) <= 1000 for p in got.people)


def test_each_answer_message_keeps_the_state_it_left(tmp_path: Path) -> None:
    with Store.open(tmp_path / "bot.db") as store:
        art, _ = add(store, A)
        first = Conversation(art.id, people=("Okafor",))
        second = Conversation(art.id, people=("Lind", "Okafor"))
        store.log_question(
            A, art.id, "q1", None, None, None, message_ids=[10, 11], conversation=first
        )
        store.log_question(A, art.id, "q2", None, None, None, message_ids=[12], conversation=second)
        assert store.conversation_for_message(A, 10) == first
        assert store.conversation_for_message(A, 11) == first
        assert store.conversation_for_message(A, 12) == second
        assert store.conversation(A) == second
        assert store.conversation_for_message(B, 10) is None
        store.forget(A)
        assert store.conversation_for_message(A, 10) is None
