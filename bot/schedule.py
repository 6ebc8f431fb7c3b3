"""When a daily digest is due: local wall-clock times in IANA zones, DST days, catch-up after downtime.

Every function takes `now` (an aware datetime); nothing here reads the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from bot.errors import UsageError

DEFAULT_TIME = time(8, 0)
# A digest missed while the bot was down is still sent if it is at most this late.
CATCH_UP = timedelta(hours=3)

_HHMM = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")


def parse_hhmm(text: str) -> time:
    """'07:30', '7:30', '7.30' or '07h30' as a time of day, or UsageError."""
    match = _HHMM.match(text.strip())
    if match is None:
        raise UsageError(
            "{text!r} is not a time of day; write it like 07:30 (24-hour).", text=text[:20]
        )
    return time(int(match.group(1)), int(match.group(2)))


def looks_like_time(text: str) -> bool:
    return bool(re.match(r"^\d{1,2}[:.h]?\d{0,2}$", text.strip()))


def due_instant(at: time, zone: ZoneInfo, day: date) -> datetime:
    """The UTC instant when the wall clock in `zone` shows `at` on `day`.

    On a fold day (clocks go back) a time that happens twice is due the first time. On a gap
    day (clocks jump forward) a time that does not exist, such as 02:30 in Berlin on the last
    Sunday of March, is read with the offset before the jump (PEP 495, fold=0): it falls due at
    03:30 by the new wall clock, once.
    """
    return datetime.combine(day, at, tzinfo=zone).replace(fold=0).astimezone(UTC)


def local_day(now: datetime, zone: ZoneInfo) -> date:
    """The calendar date in `zone` at the instant `now`."""
    return now.astimezone(zone).date()


def latest_due(at: time, zone: ZoneInfo, now: datetime) -> tuple[date, datetime]:
    """The most recent (local day, UTC instant) at or before `now` when the digest fell due."""
    today = local_day(now, zone)
    instant = due_instant(at, zone, today)
    if instant <= now:
        return today, instant
    yesterday = today - timedelta(days=1)
    return yesterday, due_instant(at, zone, yesterday)


def next_due(at: time, zone: ZoneInfo, now: datetime) -> datetime:
    """The first instant strictly after `now` when the digest falls due (UTC)."""
    day = local_day(now, zone)
    for offset in range(3):
        instant = due_instant(at, zone, day + timedelta(days=offset))
        if instant > now:
            return instant
    raise AssertionError("a daily time is always due within three days")  # pragma: no cover


class Decision(Enum):
    WAIT = "wait"  # not due yet, or today's digest was already sent
    SEND = "send"  # due (on time, or late by at most CATCH_UP)
    MISSED = "missed"  # fell due more than CATCH_UP ago while the bot was down: skip the day


@dataclass(frozen=True)
class Verdict:
    decision: Decision
    day: date  # the local day the decision is about (the digest's day when SEND)
    due_at: datetime  # when that day's digest fell (or falls) due, UTC


def decide(
    at: time,
    zone: ZoneInfo,
    last_sent_day: date | None,
    now: datetime,
    *,
    catch_up: timedelta = CATCH_UP,
) -> Verdict:
    """Whether a subscription at local time `at` in `zone` should get a digest at `now`."""
    day, instant = latest_due(at, zone, now)
    if last_sent_day is not None and last_sent_day >= day:
        return Verdict(Decision.WAIT, day, instant)
    if now - instant <= catch_up:
        return Verdict(Decision.SEND, day, instant)
    return Verdict(Decision.MISSED, day, instant)


def already_due_day(at: time, zone: ZoneInfo, now: datetime) -> date:
    """For a new subscription: the latest local day whose time has already passed.

    Recorded as sent, so a chat that subscribes at 10:00 for 08:00 gets its first digest
    tomorrow, not at once; one that subscribes at 07:59 for 08:00 gets it in a minute.
    """
    return latest_due(at, zone, now)[0]
