"""Follow-up questions through the service, over a real SQLite file: the conversation state is
kept per chat and per article, and survives a restart."""

from __future__ import annotations

from pathlib import Path

from bot.service import Service
from bot.settings import Settings
from tests.builders import inquiry_story
from tests.test_cli import run
from tests.test_qa import (
    BAKERY,
    COUNCIL_TAX,
    CYCLIST_CRASH,
    ELECTION,
    FOSSIL,
    MOOR_FIRE,
    NORTH_STORM,
    SCHOOL_TURNAROUND,
    SLEEP_STUDY,
)

CHAT, OTHER = 21, 22


def open_service(path: Path) -> Service:
    return Service.open(Settings(db_path=str(path)))


async def sentence(svc: Service, chat: int, question: str, **kw: int) -> str | None:
    reply = await svc.ask(chat, question, **kw)
    return reply.answer.sentence if reply.answer else None


async def test_follow_up_pair_and_after_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "bot.db"
    svc = open_service(db)
    try:
        await svc.add_text(CHAT, inquiry_story())
        assert "Miriam Okafor" in (await sentence(svc, CHAT, "Who led the inquiry?") or "")
        assert "two storm warnings" in (await sentence(svc, CHAT, "What did she find?") or "")
        assert "Tomas Lind" in (await sentence(svc, CHAT, "who runs the rival ferry line?") or "")
    finally:
        svc.close()
    svc = open_service(db)  # a restart: only the database remembers
    try:
        assert "lifeboat cranes" in (await sentence(svc, CHAT, "and what did he find?") or "")
    finally:
        svc.close()


async def test_the_telegram_path_records_after_sending(tmp_path: Path) -> None:
    svc = open_service(tmp_path / "bot.db")
    try:
        await svc.add_text(CHAT, inquiry_story())
        first = await svc.ask(CHAT, "Who led the inquiry?", record=False)
        await svc.record(CHAT, "Who led the inquiry?", first, [900, 901])
        follow = await svc.ask(CHAT, "What did she find?", record=False)
        assert follow.answer is not None and "two storm warnings" in follow.answer.sentence
    finally:
        svc.close()


async def test_a_reply_leans_on_the_answer_it_replies_to(tmp_path: Path) -> None:
    svc = open_service(tmp_path / "bot.db")
    try:
        await svc.add_text(CHAT, inquiry_story())
        okafor = await svc.ask(CHAT, "Who led the inquiry?", record=False)
        await svc.record(CHAT, "Who led the inquiry?", okafor, [700])
        lind = await svc.ask(CHAT, "who runs the rival ferry line?", record=False)
        await svc.record(CHAT, "who runs the rival ferry line?", lind, [702])
        reply = await svc.ask(CHAT, "What did she find?", reply_to=700, record=False)
        assert reply.answer is not None and "two storm warnings" in reply.answer.sentence
        # Not a reply: the chat's last answer (Tomas Lind) is what "he" leans on.
        plain = await svc.ask(CHAT, "and what did he find?", record=False)
        assert plain.answer is not None and "lifeboat cranes" in plain.answer.sentence
    finally:
        svc.close()


async def test_state_belongs_to_one_chat_and_one_article(tmp_path: Path) -> None:
    svc = open_service(tmp_path / "bot.db")
    try:
        story = await svc.add_text(CHAT, inquiry_story())
        await svc.add_text(OTHER, inquiry_story())
        # This chat's conversation makes the next "he" Okafor, the one just named (a follow-up
        # reads a pronoun as the last answer's person).
        await sentence(svc, CHAT, "Who led the inquiry?")
        # Another chat never leans on this chat's conversation: with none of its own, its "he"
        # is the man the story names most, Tomas Lind, not Okafor.
        other = await sentence(svc, OTHER, "What did he find?")
        assert other is not None and "lifeboat cranes" in other
        # A new current article (here an update of the same story) starts a new conversation ...
        update = inquiry_story() + "\n\nThe ferry company has appealed against the report."
        await svc.add_text(CHAT, update)
        fresh = await sentence(svc, CHAT, "What did he find?")
        assert fresh is not None and "storm warnings" not in fresh
        # ... and asking about the first one again (a reply to its brief) picks it up again.
        got = await sentence(svc, CHAT, "Who led the inquiry?", article_id=story.article.id)
        assert got is not None
        again = await sentence(svc, CHAT, "What did he find?", article_id=story.article.id)
        assert again is not None and "storm warnings" in again
    finally:
        svc.close()


def test_follow_ups_in_the_console_across_sessions(tmp_path: Path) -> None:
    first = inquiry_story() + "\n.\nWho led the inquiry?\nWhat did she find?\n"
    first += "who runs the rival ferry line?\n/quit\n"
    out = run("chat", tmp=tmp_path, stdin=first.encode())
    assert out.returncode == 0, out.stderr
    assert "two storm warnings" in out.stdout
    out = run("chat", tmp=tmp_path, stdin=b"and what did he find?\n")
    assert out.returncode == 0, out.stderr
    assert "lifeboat cranes" in out.stdout


async def test_a_follow_up_at_another_time_asks_the_same_thing_then(tmp_path: Path) -> None:
    # "What was it before?" after "how much is the bill now?" asks the bill before, not now.
    svc = open_service(tmp_path / "bot.db")
    try:
        await svc.add_text(CHAT, BAKERY)
        now = await svc.ask(CHAT, "How much is their electricity bill now?")
        assert now.answer is not None and now.answer.span == "£3,200"
        before = await svc.ask(CHAT, "What was it before?")
        assert before.answer is not None and before.answer.span == "£900"
    finally:
        svc.close()


async def test_what_it_was_before_is_the_amount_it_went_up_from(tmp_path: Path) -> None:
    # "£45 a year for collecting garden waste, up from £38": now £45, before £38.
    svc = open_service(tmp_path / "bot.db")
    try:
        await svc.add_text(CHAT, COUNCIL_TAX)
        now = await svc.ask(CHAT, "How much is the charge for garden waste?")
        assert now.answer is not None and now.answer.span == "£45"
        before = await svc.ask(CHAT, "How much was it before?")
        assert before.answer is not None and before.answer.span == "£38"
    finally:
        svc.close()


async def test_the_person_asked_about_is_not_the_answer_about_them(tmp_path: Path) -> None:
    # "What did she find?" after questions about Maya Kowalski: what she found, not her name;
    # "who is Maya Kowalski?" of a sentence that only says what she did: no place in bold.
    svc = open_service(tmp_path / "bot.db")
    try:
        await svc.add_text(CHAT, FOSSIL)
        who = await svc.ask(CHAT, "Who is Maya Kowalski?")
        assert who.answer is not None and who.answer.span is None
        assert "Maya Kowalski spotted the bone" in who.answer.sentence
        await svc.ask(CHAT, "How old is she?")
        found = await svc.ask(CHAT, "What did she find?")
        assert found.answer is not None and found.answer.span == "bone"
        wants = await svc.ask(CHAT, "What does she want to be?")
        assert wants.answer is not None and wants.answer.span == "palaeontologist"
    finally:
        svc.close()


async def test_what_else_did_he_say_is_another_of_his_sentences(tmp_path: Path) -> None:
    svc = open_service(tmp_path / "bot.db")
    try:
        await svc.add_text(CHAT, MOOR_FIRE)
        first = await svc.ask(CHAT, "What did Lewis Carr say?")
        assert first.answer is not None
        assert (
            first.answer.span
            == "crews had stopped the flames about 400 metres from the nearest houses"
        )
        more = await svc.ask(CHAT, "What else did he say?")
        assert more.answer is not None
        assert more.answer.span == (
            "We have made good progress overnight, but the wind is the thing we cannot control"
        )
    finally:
        svc.close()


async def test_a_bare_question_word_asks_the_previous_question_again(tmp_path: Path) -> None:
    # "Where?" after "when will she be sworn in?" asks where she will be sworn in; "what was it
    # last time?" after the turnout asks the turnout last time; "who did she beat?" after the
    # winner asks whom the winner beat.
    svc = open_service(tmp_path / "bot.db")
    try:
        await svc.add_text(CHAT, ELECTION)
        when = await svc.ask(CHAT, "When will she be sworn in?")
        assert when.answer is not None and when.answer.span == "Monday"
        where = await svc.ask(CHAT, "Where?")
        assert where.answer is not None and where.answer.span == "the town hall"
        await svc.ask(CHAT, "What was the turnout?")
        last = await svc.ask(CHAT, "What was it last time?")
        assert last.answer is not None and last.answer.span == "31%"
        won = await svc.ask(CHAT, "Who won the election?")
        assert won.answer is not None and won.answer.span == "Rosa Delgado"
        beat = await svc.ask(CHAT, "Who did she beat?")
        assert beat.answer is not None and beat.answer.span == "Victor Crane"
    finally:
        svc.close()


async def test_it_is_the_thing_the_question_asked_about(tmp_path: Path) -> None:
    # "What happened to the ferry?" answers with what was done ("held in port"), no thing;
    # "Where does it go?" then asks about the ferry, which the question named by its noun.
    svc = open_service(tmp_path / "bot.db")
    try:
        await svc.add_text(CHAT, NORTH_STORM)
        await svc.ask(CHAT, "What happened to the ferry?")
        goes = await svc.ask(CHAT, "Where does it go?")
        assert goes.answer is not None and goes.answer.span == "Shetland"
    finally:
        svc.close()


async def test_a_clause_is_no_place_and_no_thing_to_follow(tmp_path: Path) -> None:
    # "Where does she work?" of "Lead author Dr Hannah Cole said the findings should worry
    # parents.": no bold clause, so "it" in the next question is still the study.
    svc = open_service(tmp_path / "bot.db")
    try:
        await svc.add_text(CHAT, SLEEP_STUDY)
        await svc.ask(CHAT, "Who led the study?")
        works = await svc.ask(CHAT, "Where does she work?")
        assert works.answer is None or works.answer.span != "the findings should worry parents"
        paid = await svc.ask(CHAT, "Who paid for it?")
        assert paid.answer is not None
        assert paid.answer.span == "Economic and Social Research Council"
    finally:
        svc.close()


async def test_he_is_the_lawyer_the_last_answer_named(tmp_path: Path) -> None:
    # "Who was his lawyer?" names a new person: "he" in the next question is the barrister, not
    # the driver the question was about.
    svc = open_service(tmp_path / "bot.db")
    try:
        await svc.add_text(CHAT, CYCLIST_CRASH)
        await svc.ask(CHAT, "Who was jailed?")
        lawyer = await svc.ask(CHAT, "Who was his lawyer?")
        assert lawyer.answer is not None and lawyer.answer.span == "Michael Grant"
        said = await svc.ask(CHAT, "What did he say?")
        assert said.answer is not None
        assert said.answer.span == 'Pike was "devastated" and had not driven since the crash'
    finally:
        svc.close()


async def test_what_she_said_is_not_what_the_council_said_of_her(tmp_path: Path) -> None:
    # "Barnsley Council said it would ask Mrs Nair to share ...": the council speaks there,
    # not the headteacher the last answer named.
    svc = open_service(tmp_path / "bot.db")
    try:
        await svc.add_text(CHAT, SCHOOL_TURNAROUND)
        head = await svc.ask(CHAT, "Who is the headteacher?")
        assert head.answer is not None and head.answer.span == "Priya Nair"
        said = await svc.ask(CHAT, "What did she say?")
        assert said.answer is not None
        assert "Barnsley Council" not in said.answer.sentence
        assert "Nair" in said.answer.sentence or "basics" in said.answer.sentence
    finally:
        svc.close()
