"""Who needs you first: the "needs a check-in" flag of a pair, and the caseload's order. Pure.

A pair needs a check-in when any of these holds, each said in words:
- its next session is overdue (the day agreed at the last session, else the cadence's), or it has
  had no session at all since it began;
- there has been no contact (a session or an observation) for longer than its cadence;
- the mentee has an action item past its due date;
- you have one past its due date (a promise not kept is a reason to get in touch);
- a goal is behind pace.
The caseload lists the pairs that need one first, the most pressing first: the most days late,
then the most overdue items, then goals behind; then the rest by their next session.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from mentorlog.rules.cadence import Cadence, CadenceState
from mentorlog.words import plural


class Standing(NamedTuple):
    """What the caseload knows of one pair, as numbers."""

    cadence: Cadence
    cadence_days: int
    days_since_contact: int | None
    yours_open: int
    yours_overdue: int
    theirs_open: int
    theirs_overdue: int
    goals_behind: int
    minutes_this_month: int


class CheckIn(NamedTuple):
    needed: bool
    reasons: list[str]


def check_in(standing: Standing, *, their_name: str = "the mentee") -> CheckIn:
    """Whether the pair needs you, and why (see the module's docstring)."""
    reasons = []
    cadence = standing.cadence
    if cadence.state == CadenceState.LATE:
        reasons.append(f"the next session is {plural(cadence.days_late, 'day')} overdue")
    elif cadence.state == CadenceState.NO_SESSIONS and cadence.days_late:
        reasons.append(f"no session yet, {plural(cadence.days_late, 'day')} after the pairing began")
    since = standing.days_since_contact
    if since is not None and since > standing.cadence_days:
        reasons.append(f"no contact for {plural(since, 'day')} (every {standing.cadence_days} planned)")
    if standing.theirs_overdue:
        reasons.append(f"{their_name} has {plural(standing.theirs_overdue, 'action item')} overdue")
    if standing.yours_overdue:
        reasons.append(f"you have {plural(standing.yours_overdue, 'action item')} overdue")
    if standing.goals_behind:
        reasons.append(f"{plural(standing.goals_behind, 'goal')} behind pace")
    return CheckIn(bool(reasons), reasons)


def need_order(standing: Standing) -> tuple[int, int, int, int, dt.date]:
    """A sort key: who needs you first comes first."""
    late = standing.cadence.days_late if standing.cadence.state != CadenceState.ON_CADENCE else 0
    overdue = standing.theirs_overdue + standing.yours_overdue
    return (0 if check_in(standing).needed else 1, -late, -overdue, -standing.goals_behind,
            standing.cadence.next_session_on)  # fmt: skip


def next_session_words(cadence: Cadence, *, today: dt.date) -> str:
    """The next session in words, so overdue is read, not only seen in red: `overdue by 5 days`."""
    days = (cadence.next_session_on - today).days
    if cadence.state == CadenceState.LATE:
        return f"overdue by {plural(cadence.days_late, 'day')}"
    if cadence.state == CadenceState.NO_SESSIONS and days < 0:
        return f"none yet (due since the start, {plural(-days, 'day')} ago)"
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {plural(days, 'day')}"


def contact_words(days: int | None) -> str:
    if days is None:
        return "none yet"
    return {0: "today", 1: "yesterday"}.get(days, f"{plural(days, 'day')} ago")
