"""Goals: setting them, measuring progress, milestones and status changes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlmodel import Session, col, select

from mentorlog.errors import Invalid, NotFound
from mentorlog.journal import trash, validate
from mentorlog.journal.goal_view import GoalView, compose
from mentorlog.models import (
    Entry,
    EntryGoal,
    Goal,
    GoalKind,
    GoalStatus,
    Milestone,
    Pair,
    ProgressUpdate,
    key,
)
from mentorlog.rules.status import change_status


def add_goal(
    s: Session,
    pair: Pair,
    *,
    title: str,
    today: dt.date,
    specific: str = "",
    kind: str | None = None,
    measure: str = "",
    unit: str = "",
    baseline: float | None = None,
    target: float | None = None,
    achievable: str = "",
    relevant: str = "",
    competency: str | None = None,
    due_on: dt.date | None = None,
    status: str = GoalStatus.ACTIVE,
    set_on: dt.date | None = None,
    milestones: list[str] | None = None,
) -> GoalView:
    """Set a goal; the SMART check comes back with it (failing letters warn, never block)."""
    status = validate.choice(status, GoalStatus, "status")
    if status in (GoalStatus.ACHIEVED, GoalStatus.PAUSED):
        raise Invalid(f"a new goal starts as draft or active, not {status}")
    if kind is None:
        kind = GoalKind.NUMBER if target is not None else GoalKind.MILESTONES
    set_on = validate.day(set_on, "set on") or today
    competency = _rubric_name(s, pair, competency)
    goal = Goal(
        pair_id=key(pair),
        status=status,
        set_on=set_on,
        activated_on=set_on if status == GoalStatus.ACTIVE else None,
        **_goal_fields(
            title=title, specific=specific, kind=kind, measure=measure, unit=unit, baseline=baseline, target=target,
            achievable=achievable, relevant=relevant, competency=competency, due_on=due_on,
        ),
    )  # fmt: skip
    _check_kind(goal)
    s.add(goal)
    s.flush()
    for position, milestone_title in enumerate(milestones or [], start=1):
        s.add(Milestone(goal_id=key(goal), title=validate.line(milestone_title, "milestone", required=True),
                        position=position))  # fmt: skip
    s.flush()
    return view(s, goal, today=today)


def _goal_fields(
    *,
    title: str,
    specific: str,
    kind: str,
    measure: str,
    unit: str,
    baseline: float | None,
    target: float | None,
    achievable: str,
    relevant: str,
    competency: str | None,
    due_on: dt.date | None,
) -> dict[str, Any]:
    """The goal's own fields, validated: the same rules for a new goal and an edited one."""
    return {
        "title": validate.line(title, "title", required=True),
        "specific": validate.text(specific, "specific"),
        "kind": validate.choice(kind, GoalKind, "kind"),
        "measure": validate.line(measure, "measure"),
        "unit": validate.line(unit, "unit"),
        "baseline": validate.number(baseline, "baseline"),
        "target": validate.number(target, "target"),
        "achievable": validate.text(achievable, "achievable"),
        "relevant": validate.text(relevant, "relevant"),
        "competency": validate.line(competency, "competency") or None,
        "due_on": validate.day(due_on, "due date"),
    }


def update_goal(s: Session, pair: Pair, goal_id: int, *, today: dt.date, **fields: Any) -> GoalView:
    """Edit a goal's SMART fields (status changes go through set_status)."""
    goal = get_goal(s, pair, goal_id)
    current = {
        name: getattr(goal, name)
        for name in ("title", "specific", "kind", "measure", "unit", "baseline", "target", "achievable",
                     "relevant", "competency", "due_on")
    }  # fmt: skip
    unknown = set(fields) - set(current)
    if unknown:
        raise Invalid(f"a goal has no {', '.join(sorted(unknown))}")
    if fields.get("competency") is not None and fields["competency"] != goal.competency:
        fields["competency"] = _rubric_name(s, pair, fields["competency"])
    for name, value in _goal_fields(**{**current, **fields}).items():
        setattr(goal, name, value)
    _check_kind(goal)
    s.add(goal)
    s.flush()
    return view(s, goal, today=today)


def _rubric_name(s: Session, pair: Pair, ref: str | None) -> str | None:
    """The rubric's name for the competency `ref` names, as `assess` finds one (a number, a unique
    start or word); Invalid, naming the choices, when it names none or several."""
    if ref is None or not ref.strip():
        return None
    from mentorlog.journal.pairs import competencies
    from mentorlog.journal.ratings import find_competency

    try:
        return find_competency(competencies(s, pair), validate.line(ref, "competency")).name
    except NotFound as exc:
        raise Invalid(f"competency: {exc}") from None
    except Invalid as exc:
        raise Invalid(f"competency: {exc}") from None


def delete_goal(s: Session, pair: Pair, goal_id: int) -> Goal:
    """Remove a goal with its milestones, progress and evidence links (the entries stay)."""
    goal = get_goal(s, pair, goal_id)
    trash.discard(s, pair, goal, f"goal #{goal.id}: {goal.title}")
    return goal


def delete_milestone(s: Session, pair: Pair, milestone_id: int) -> Milestone:
    milestone = _milestone(s, pair, milestone_id)
    trash.discard(s, pair, milestone, f"milestone of goal #{milestone.goal_id}: {milestone.title}")
    return milestone


def reopen_milestone(s: Session, pair: Pair, milestone_id: int) -> Milestone:
    milestone = _milestone(s, pair, milestone_id)
    milestone.done_on = None
    s.add(milestone)
    s.flush()
    return milestone


def delete_progress(s: Session, pair: Pair, update_id: int) -> ProgressUpdate:
    update = s.get(ProgressUpdate, update_id)
    if update is None or get_goal_or_none(s, pair, update.goal_id) is None:
        raise NotFound(f"no progress update #{update_id} for {pair.label}")
    trash.discard(s, pair, update, f"progress {update.value:g} on {update.on} for goal #{update.goal_id}")
    return update


def _milestone(s: Session, pair: Pair, milestone_id: int) -> Milestone:
    milestone = s.get(Milestone, milestone_id)
    if milestone is None or get_goal_or_none(s, pair, milestone.goal_id) is None:
        raise NotFound(f"no milestone #{milestone_id} for {pair.label} (see 'mentorlog goal show ID')")
    return milestone


def _check_kind(goal: Goal) -> None:
    if goal.kind == GoalKind.RUBRIC:
        for value, name in ((goal.baseline, "baseline"), (goal.target, "target")):
            if value is not None and not (1 <= value <= 5 and value == int(value)):
                raise Invalid(f"a rubric goal's {name} is a level from 1 to 5 (not {value:g})")
    if goal.kind == GoalKind.YES_NO and goal.target is None:
        goal.target = 1.0


def get_goal(s: Session, pair: Pair, goal_id: int) -> Goal:
    goal = s.get(Goal, goal_id)
    if goal is None or goal.pair_id != pair.id:
        raise NotFound(f"no goal #{goal_id} for {pair.label} (see 'mentorlog goal list')")
    return goal


def view(s: Session, goal: Goal, *, today: dt.date, with_evidence: bool = False) -> GoalView:
    milestones = list(
        s.exec(
            select(Milestone).where(Milestone.goal_id == goal.id).order_by(col(Milestone.position), col(Milestone.id))
        )
    )
    updates = list(
        s.exec(
            select(ProgressUpdate)
            .where(ProgressUpdate.goal_id == goal.id)
            .order_by(col(ProgressUpdate.on), col(ProgressUpdate.id))
        )
    )
    evidence: list[Entry] = []
    if with_evidence:
        evidence = list(
            s.exec(
                select(Entry)
                .join(EntryGoal, col(EntryGoal.entry_id) == col(Entry.id))
                .where(EntryGoal.goal_id == goal.id)
                .order_by(col(Entry.on).desc(), col(Entry.id).desc())
            )
        )
    return compose(goal, milestones, updates, evidence, today)


def list_goals(s: Session, pair: Pair, *, today: dt.date, statuses: set[str] | None = None) -> list[GoalView]:
    """The pair's goals, active first, each with its progress and pace (three queries in all)."""
    query = select(Goal).where(Goal.pair_id == pair.id)
    if statuses:
        query = query.where(col(Goal.status).in_(statuses))
    goals = list(s.exec(query.order_by(col(Goal.id))))
    ids = [g.id for g in goals]
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    updates: dict[int, list[ProgressUpdate]] = defaultdict(list)
    for m in s.exec(
        select(Milestone).where(col(Milestone.goal_id).in_(ids)).order_by(col(Milestone.position), col(Milestone.id))
    ):
        milestones[m.goal_id].append(m)
    for u in s.exec(
        select(ProgressUpdate)
        .where(col(ProgressUpdate.goal_id).in_(ids))
        .order_by(col(ProgressUpdate.on), col(ProgressUpdate.id))
    ):
        updates[u.goal_id].append(u)
    order = {"active": 0, "paused": 1, "draft": 2, "achieved": 3, "dropped": 4}
    views = [compose(g, milestones[g.id or 0], updates[g.id or 0], [], today) for g in goals]
    return sorted(
        views,
        key=lambda v: (order.get(v.goal.status, 9), v.goal.due_on or dt.date.max, v.goal.id or 0),
    )


def record_progress(
    s: Session,
    pair: Pair,
    goal_id: int,
    value: float,
    *,
    on: dt.date,
    today: dt.date,
    note: str = "",
    confidence: int | None = None,
) -> GoalView:
    goal = get_goal(s, pair, goal_id)
    if goal.status in (GoalStatus.DROPPED, GoalStatus.ACHIEVED):
        raise Invalid(f"goal #{goal_id} is {goal.status}: reactivate it before recording progress")
    checked = validate.number(value, "value")
    assert checked is not None
    if goal.kind == GoalKind.RUBRIC and not 1 <= checked <= 5:
        raise Invalid(f"goal #{goal_id} is measured as a rubric level from 1 to 5 (not {checked:g})")
    if on > today:
        raise Invalid(f"progress cannot be recorded for a future date ({on})")
    validate.day(on, "date")
    s.add(
        ProgressUpdate(
            goal_id=key(goal),
            on=on,
            value=checked,
            note=validate.text(note, "note"),
            confidence=validate.scale(confidence, "confidence"),
        )
    )
    s.flush()
    return view(s, goal, today=today)


def set_status(s: Session, pair: Pair, goal_id: int, status: str, *, on: dt.date, today: dt.date) -> GoalView:
    goal = get_goal(s, pair, goal_id)
    validate.day(on, "date")
    change = change_status(goal.status, status.strip().lower(), on=on, activated_on=goal.activated_on)
    goal.status, goal.achieved_on, goal.activated_on = (
        change.status,
        change.achieved_on,
        change.activated_on,
    )
    s.add(goal)
    s.flush()
    return view(s, goal, today=today)


def add_milestone(s: Session, pair: Pair, goal_id: int, title: str, *, due_on: dt.date | None = None) -> Milestone:
    goal = get_goal(s, pair, goal_id)
    count = len(s.exec(select(Milestone.id).where(Milestone.goal_id == goal.id)).all())
    milestone = Milestone(
        goal_id=key(goal),
        title=validate.line(title, "milestone", required=True),
        due_on=validate.day(due_on, "due date"),
        position=count + 1,
    )
    s.add(milestone)
    s.flush()
    return milestone


def complete_milestone(s: Session, pair: Pair, milestone_id: int, *, on: dt.date) -> Milestone:
    milestone = _milestone(s, pair, milestone_id)
    if milestone.done_on is not None:
        raise Invalid(f"milestone #{milestone_id} was already done on {milestone.done_on}")
    milestone.done_on = validate.day(on, "done on")
    s.add(milestone)
    s.flush()
    return milestone


def get_goal_or_none(s: Session, pair: Pair, goal_id: int) -> Goal | None:
    goal = s.get(Goal, goal_id)
    return goal if goal is not None and goal.pair_id == pair.id else None
