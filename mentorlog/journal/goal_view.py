"""A goal with what the lists, the detail and the exports show of it, computed by the rules.

Kept apart from journal.goals (the ORM service) so the Markdown export, which runs
without the ORM, composes goals the same way the screens do. The records may be
ORM objects or plain rows (exchange.records): only their attributes are read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from mentorlog.kinds import GoalStatus
from mentorlog.rules import progress as progress_rules
from mentorlog.rules.smart import SmartCheck, check_smart

if TYPE_CHECKING:
    from mentorlog.models import Entry, Goal, Milestone, ProgressUpdate


class GoalView(NamedTuple):
    """A goal with everything the lists and the detail show, computed by the rules."""

    goal: Goal
    milestones: list[Milestone]
    updates: list[ProgressUpdate]
    percent: float | None
    pace: progress_rules.Pace | None
    smart: SmartCheck
    evidence: Sequence[Entry] = ()

    @property
    def latest(self) -> float | None:
        return self.updates[-1].value if self.updates else None


def compose(
    goal: Goal,
    milestones: list[Milestone],
    updates: list[ProgressUpdate],
    evidence: list[Entry],
    today: dt.date,
) -> GoalView:
    done = sum(1 for m in milestones if m.done_on is not None)
    percent = progress_rules.percent(
        kind=goal.kind,
        status=goal.status,
        baseline=goal.baseline,
        target=goal.target,
        values=[u.value for u in updates],
        milestones_done=done,
        milestones_total=len(milestones),
    )
    pace = None
    if goal.status in (GoalStatus.ACTIVE, GoalStatus.ACHIEVED):
        pace = progress_rules.pace(percent, start=goal.activated_on, due=goal.due_on, today=today, status=goal.status)
    smart = check_smart(goal, milestones=len(milestones), today=today)
    return GoalView(goal, milestones, updates, percent, pace, smart, evidence)
