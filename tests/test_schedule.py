"""When digests fall due: a controllable clock over time zones, DST days and downtime."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.errors import UsageError
from bot.schedule import (
    CATCH_UP,
    Decision,
    already_due_day,
    decide,
    due_instant,
    next_due,
    parse_hhmm,
)

BERLIN = ZoneInfo("Europe/Berlin")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def run_clock(
    at: time,
    zone: ZoneInfo,
    start: datetime,
    end: datetime,
    *,
    step: timedelta = timedelta(seconds=30),
    down: tuple[datetime, datetime] | None = None,
    last_sent: date | None = None,
) -> list[tuple[date, datetime]]:
    """A tick every `step` from start to end (none while `down`); returns (day, instant) sent."""
    sent: list[tuple[date, datetime]] = []
    now = start
    while now <= end:
        if down is None or not down[0] <= now < down[1]:
            verdict = decide(at, zone, last_sent, now)
            if verdict.decision is Decision.SEND:
                sent.append((verdict.day, now))
                last_sent = verdict.day
            elif verdict.decision is Decision.MISSED:
                last_sent = verdict.day
        now += step
    return sent


@pytest.mark.parametrize(
    ("text", "expected"),
    [("07:30", time(7, 30)), ("7:05", time(7, 5)), ("23.59", time(23, 59)), ("0:00", time(0, 0))],
)
def test_times_of_day_are_read_in_24_hour_form(text: str, expected: time) -> None:
    assert parse_hhmm(text) == expected


@pytest.mark.parametrize("text", ["24:00", "7:60", "730", "seven", "", "07:30:00", "-1:00"])
def test_impossible_times_get_a_usage_line(text: str) -> None:
    with pytest.raises(UsageError, match="07:30"):
        parse_hhmm(text)


def test_berlin_0730_on_the_spring_forward_day_is_due_once_at_0530_utc() -> None:
    # 2026-03-29: clocks jump 02:00 CET -> 03:00 CEST; 07:30 local is 05:30 UTC (06:30 the day before).
    sent = run_clock(time(7, 30), BERLIN, utc(2026, 3, 27, 22), utc(2026, 3, 30, 22))
    assert sent == [
        (date(2026, 3, 28), utc(2026, 3, 28, 6, 30)),
        (date(2026, 3, 29), utc(2026, 3, 29, 5, 30)),
        (date(2026, 3, 30), utc(2026, 3, 30, 5, 30)),
    ]


def test_berlin_0730_on_the_fall_back_day_is_due_once_at_0630_utc() -> None:
    # 2026-10-25: clocks go back 03:00 CEST -> 02:00 CET; 07:30 local is 06:30 UTC from that day.
    sent = run_clock(time(7, 30), BERLIN, utc(2026, 10, 23, 22), utc(2026, 10, 26, 22))
    assert sent == [
        (date(2026, 10, 24), utc(2026, 10, 24, 5, 30)),
        (date(2026, 10, 25), utc(2026, 10, 25, 6, 30)),
        (date(2026, 10, 26), utc(2026, 10, 26, 6, 30)),
    ]
    for _day, instant in sent:
        assert instant.astimezone(BERLIN).strftime("%H:%M") == "07:30"


def test_a_time_the_spring_gap_skips_is_due_once_after_the_jump() -> None:
    # 02:30 does not exist in Berlin on 2026-03-29: read at the old offset, i.e. 03:30 CEST.
    assert due_instant(time(2, 30), BERLIN, date(2026, 3, 29)) == utc(2026, 3, 29, 1, 30)
    sent = run_clock(time(2, 30), BERLIN, utc(2026, 3, 28, 12), utc(2026, 3, 29, 12))
    assert [day for day, _ in sent] == [date(2026, 3, 29)]


def test_a_time_the_autumn_fold_repeats_is_due_once_the_first_time() -> None:
    # 02:30 happens twice in Berlin on 2026-10-25 (00:30 and 01:30 UTC): sent at the first.
    sent = run_clock(time(2, 30), BERLIN, utc(2026, 10, 24, 12), utc(2026, 10, 25, 12))
    assert sent == [(date(2026, 10, 25), utc(2026, 10, 25, 0, 30))]


@pytest.mark.parametrize(
    ("zone", "due_utc"),
    [
        ("UTC", utc(2026, 6, 1, 7, 30)),
        ("America/New_York", utc(2026, 6, 1, 11, 30)),
        ("Asia/Kolkata", utc(2026, 6, 1, 2, 0)),
        ("Pacific/Chatham", utc(2026, 5, 31, 18, 45)),  # +12:45 in its winter
        ("Australia/Lord_Howe", utc(2026, 5, 31, 21, 0)),  # +10:30 in its winter
    ],
)
def test_local_time_in_zones_with_odd_offsets(zone: str, due_utc: datetime) -> None:
    assert due_instant(time(7, 30), ZoneInfo(zone), date(2026, 6, 1)) == due_utc


def test_not_due_before_the_time_then_due_then_done() -> None:
    at, day = time(7, 30), date(2026, 6, 1)
    assert decide(at, BERLIN, day - timedelta(days=1), utc(2026, 6, 1, 5, 29)).decision is (
        Decision.WAIT
    )
    verdict = decide(at, BERLIN, day - timedelta(days=1), utc(2026, 6, 1, 5, 30))
    assert verdict.decision is Decision.SEND and verdict.day == day
    assert decide(at, BERLIN, day, utc(2026, 6, 1, 5, 31)).decision is Decision.WAIT


def test_a_digest_missed_while_down_is_sent_at_start_when_less_than_three_hours_late() -> None:
    # Down from 04:00 to 07:00 UTC; due at 05:30 UTC: sent at 07:00, 1.5 h late, once.
    sent = run_clock(
        time(7, 30),
        BERLIN,
        utc(2026, 6, 1, 3),
        utc(2026, 6, 1, 23),
        down=(utc(2026, 6, 1, 4), utc(2026, 6, 1, 7)),
        last_sent=date(2026, 5, 31),
    )
    assert sent == [(date(2026, 6, 1), utc(2026, 6, 1, 7))]


def test_a_digest_missed_by_more_than_three_hours_waits_for_tomorrow() -> None:
    sent = run_clock(
        time(7, 30),
        BERLIN,
        utc(2026, 6, 1, 3),
        utc(2026, 6, 2, 12),
        down=(utc(2026, 6, 1, 4), utc(2026, 6, 1, 5, 30) + CATCH_UP + timedelta(minutes=1)),
        last_sent=date(2026, 5, 31),
    )
    assert sent == [(date(2026, 6, 2), utc(2026, 6, 2, 5, 30))]


def test_downtime_across_local_midnight_still_catches_up_yesterdays_digest() -> None:
    # 23:30 in Berlin is 21:30 UTC in June; down 21:00-23:00 UTC (01:00 local the next day).
    sent = run_clock(
        time(23, 30),
        BERLIN,
        utc(2026, 6, 1, 20),
        utc(2026, 6, 2, 12),
        down=(utc(2026, 6, 1, 21), utc(2026, 6, 1, 23)),
        last_sent=date(2026, 5, 31),
    )
    assert sent == [(date(2026, 6, 1), utc(2026, 6, 1, 23))]


def test_subscribing_after_todays_time_starts_tomorrow_and_before_it_starts_today() -> None:
    at = time(8, 0)
    late = utc(2026, 6, 1, 8)  # 10:00 in Berlin
    assert already_due_day(at, BERLIN, late) == date(2026, 6, 1)
    assert decide(at, BERLIN, date(2026, 6, 1), late).decision is Decision.WAIT
    early = utc(2026, 6, 1, 5, 59)  # 07:59 in Berlin
    skip = already_due_day(at, BERLIN, early)
    assert skip == date(2026, 5, 31)
    assert decide(at, BERLIN, skip, utc(2026, 6, 1, 6)).decision is Decision.SEND


def test_next_due_crosses_the_dst_change() -> None:
    before = utc(2026, 3, 28, 7)  # after Saturday's 07:30 CET
    assert next_due(time(7, 30), BERLIN, before) == utc(2026, 3, 29, 5, 30)
