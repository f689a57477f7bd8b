"""A goal with what the lists, the detail and the exports show of it, computed by the rules.

Kept apart from journal.goals (the ORM service) so the Markdown export, which runs
without the ORM, composes goals the same way the screens do. The records may be
ORM objects or plain rows (exchange.document): only their attributes are read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from mentorlog.kinds import GoalKind, GoalStatus
from mentorlog.rules import progress as progress_rules
from mentorlog.rules.smart import SmartCheck, check_smart

if TYPE_CHECKING:
    from mentorlog.models import Entry, Goal, Milestone, ProgressUpdate


class Rated(NamedTuple):
    """A rating of a rubric goal's competency by its rater: a point of that goal's progress."""

    on: dt.date
    value: float  # the level
    entry_id: int  # the assessment
    note: str = ""
    confidence: int | None = None
    id: int = 0  # no progress update: the assessment is where it is changed

    @property
    def label(self) -> str:
        return f"assessment #{self.entry_id}"


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

    @property
    def met(self) -> bool | None:
        """A yes-no goal: met or not (None for every other kind)."""
        if self.goal.kind != GoalKind.YES_NO:
            return None
        return self.goal.status == GoalStatus.ACHIEVED or (self.latest is not None and self.latest >= 1)

    def shown(self, width: int = 10) -> str:
        """Its progress in a line: a bar, or a yes-no goal's met / not met."""
        met = self.met
        if met is not None:
            return ("met" if met else "not met").ljust(width + 5)
        return progress_rules.progress_bar(self.percent, width)


def compose(
    goal: Goal,
    milestones: list[Milestone],
    updates: list[ProgressUpdate],
    evidence: list[Entry],
    today: dt.date,
    rated: Sequence[Rated] = (),
) -> GoalView:
    """The goal with its progress: a rubric goal's from the ratings of its competency by its rater (`rated`),
    every other kind's from its progress updates and milestones; pace counts from its start date."""
    if goal.kind == GoalKind.RUBRIC:
        updates = list(rated)  # type: ignore[arg-type]
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
        start = getattr(goal, "starts_on", None) or goal.activated_on
        pace = progress_rules.pace(percent, start=start, due=goal.due_on, today=today, status=goal.status)
    smart = check_smart(goal, milestones=len(milestones), today=today)
    return GoalView(goal, milestones, updates, percent, pace, smart, evidence)
