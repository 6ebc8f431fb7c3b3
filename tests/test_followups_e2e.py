"""Follow-ups through the real bot process and the fake Bot API: a pronoun question after an
answer, the same after a restart, and as a reply to an answer."""

from __future__ import annotations

from pathlib import Path

from tests.botprocess import FAKE_TOKEN, BotProcess
from tests.builders import inquiry_story
from tests.fakebotapi import FakeBotAPI
from tests.test_e2e import exchange, visible

CHAT = 7170


def test_follow_ups_in_telegram_survive_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "followups.db"
    with FakeBotAPI(FAKE_TOKEN) as api:
        first = BotProcess(api, db)
        first.start()
        try:
            exchange(api, CHAT, inquiry_story())
            (who,) = exchange(api, CHAT, "Who led the inquiry?")
            assert "Miriam Okafor" in visible(who)
            (found,) = exchange(api, CHAT, "What did she find?")
            assert "two storm warnings" in visible(found)
            (lind,) = exchange(api, CHAT, "who runs the rival ferry line?")
            assert "Tomas Lind" in visible(lind)
        finally:
            assert first.stop() == 0, first.log_tail()

        second = BotProcess(api, db)
        second.start()
        try:
            # After the restart, as a reply to the last answer: "he" is still Tomas Lind.
            (his,) = exchange(
                api, CHAT, "and what did he find?", reply_to_message_id=lind["message_id"]
            )
            assert "lifeboat cranes" in visible(his)
            # A reply to an older answer leans on that answer: "she" is Okafor again.
            (hers,) = exchange(
                api, CHAT, "What did she find?", reply_to_message_id=who["message_id"]
            )
            assert "two storm warnings" in visible(hers)
        finally:
            assert second.stop() == 0, second.log_tail()
        first.close()
        second.close()
