"""Which goal status may follow which, and what each change implies."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from mentorlog.errors import Invalid

TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"active", "dropped"}),
    "active": frozenset({"paused", "achieved", "dropped"}),
    "paused": frozenset({"active", "achieved", "dropped"}),
    "achieved": frozenset({"active"}),  # reopened: the goal was not met after all
    "dropped": frozenset({"draft", "active"}),
}


class StatusChange(NamedTuple):
    status: str
    achieved_on: dt.date | None
    activated_on: dt.date | None


def change_status(current: str, new: str, *, on: dt.date, activated_on: dt.date | None) -> StatusChange:
    """The goal's fields after moving from `current` to `new`; Invalid if not allowed."""
    if new not in TRANSITIONS:
        raise Invalid(f"status must be one of {', '.join(TRANSITIONS)} (not {new!r})")
    if new == current:
        raise Invalid(f"the goal is already {current}")
    if new not in TRANSITIONS[current]:
        allowed = " or ".join(sorted(TRANSITIONS[current]))
        raise Invalid(f"a goal that is {current} can become {allowed}, not {new}")
    if new == "achieved":
        return StatusChange(new, on, activated_on or on)
    if new == "active":
        # Pace runs from the first activation; reopening an achieved goal clears its date.
        return StatusChange(new, None, activated_on or on)
    return StatusChange(new, None, activated_on)
