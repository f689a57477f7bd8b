"""Meeting cadence: how long since the last session and when the next one is due."""

import datetime as dt
from enum import StrEnum
from typing import NamedTuple

from mentorlog.rules.calendar import shift


class CadenceState(StrEnum):
    NO_SESSIONS = "no sessions yet"
    ON_CADENCE = "on cadence"
    DUE = "due"
    LATE = "late"


class Cadence(NamedTuple):
    days_since_last: int | None
    next_session_on: dt.date
    state: CadenceState
    days_late: int


def cadence(
    *,
    last_session_on: dt.date | None,
    last_next_session_on: dt.date | None,
    cadence_days: int,
    started_on: dt.date,
    today: dt.date,
) -> Cadence:
    """Where the pair stands against its planned days between sessions."""
    next_on = next_session_date(
        last_session_on=last_session_on,
        last_next_session_on=last_next_session_on,
        cadence_days=cadence_days,
        started_on=started_on,
    )
    days_late = max(0, (today - next_on).days)
    if last_session_on is None:
        state = CadenceState.NO_SESSIONS
        since = None
    else:
        since = (today - last_session_on).days
        if today < next_on:
            state = CadenceState.ON_CADENCE
        elif today == next_on:
            state = CadenceState.DUE
        else:
            state = CadenceState.LATE
    return Cadence(since, next_on, state, days_late)


def next_session_date(
    *,
    last_session_on: dt.date | None,
    last_next_session_on: dt.date | None,
    cadence_days: int,
    started_on: dt.date,
) -> dt.date:
    """The date agreed at the last session, else last session + cadence, else the start."""
    if last_session_on is None:
        return last_next_session_on or started_on
    if last_next_session_on is not None:
        return last_next_session_on
    return shift(last_session_on, cadence_days)


def since_last(days: int | None) -> str:
    """How long ago the last session was, in words."""
    if days is None:
        return "no sessions yet"
    return {0: "last session today", 1: "last session yesterday"}.get(days, f"last session {days} d ago")
