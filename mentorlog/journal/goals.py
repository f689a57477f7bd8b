"""Goals: setting them, measuring progress, milestones and status changes."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mentorlog import validate
from mentorlog.db import writes
from mentorlog.db.tables import ENTRY, GOAL, MILESTONE, PROGRESS
from mentorlog.db.transactions import reading
from mentorlog.errors import Invalid, NotFound
from mentorlog.journal import pairs, trash, versions
from mentorlog.journal.goal_view import GoalView as GoalView
from mentorlog.journal.goal_view import Rated, compose
from mentorlog.journal.pair_writes import pair_action
from mentorlog.journal.sharing import EVERYTHING, Scope, entry_clause
from mentorlog.kinds import GoalKind, GoalStatus, Rater, own_rater
from mentorlog.rules.status import change_status

if TYPE_CHECKING:
    from mentorlog.models import Entry, Goal, Milestone, Pair, ProgressUpdate

# What a goal's edit may change (a status goes through set_status).
SMART_FIELDS = ("title", "specific", "kind", "measure", "unit", "baseline", "target", "achievable", "relevant",
                "competency", "due_on", "starts_on", "rater")  # fmt: skip
# The fields each kind of goal is measured by (the goal form asks for these alone).
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    GoalKind.NUMBER: ("measure", "unit", "baseline", "target"),
    GoalKind.MILESTONES: (),
    GoalKind.YES_NO: ("measure",),
    GoalKind.RUBRIC: ("competency", "baseline", "target", "rater"),
}
YES, NO = ("yes", "met", "1", "true", "y", "done"), ("no", "not met", "0", "false", "n", "not yet")
STATUS_ORDER = {"active": 0, "paused": 1, "draft": 2, "achieved": 3, "dropped": 4}


@pair_action
def add_goal(
    connection: sqlite3.Connection,
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
    starts_on: dt.date | None = None,
    rater: str | None = None,
) -> GoalView:
    """Set a goal; the SMART check comes back with it (failing letters warn, never block)."""
    status = validate.choice(status, GoalStatus, "status")
    if status in (GoalStatus.ACHIEVED, GoalStatus.PAUSED):
        raise Invalid(f"a new goal starts as draft or active, not {status}")
    if kind is None:
        kind = GoalKind.NUMBER if target is not None else GoalKind.MILESTONES
    set_on = validate.day(set_on, "set on") or today
    fields = _goal_fields(
        title=title, specific=specific, kind=kind, measure=measure, unit=unit, baseline=baseline, target=target,
        achievable=achievable, relevant=relevant, competency=_rubric_name(connection, pair, competency),
        due_on=due_on, starts_on=starts_on or set_on, rater=rater or _rater_of(pair),
        levels=len(pairs.rubric_levels(connection, pair)),
    )  # fmt: skip
    titles = [validate.line(name, "milestone", required=True) for name in milestones or []]
    values = {"pair_id": pair.id, "status": status, "set_on": set_on,
              "activated_on": set_on if status == GoalStatus.ACTIVE else None, **fields}  # fmt: skip
    goal_id = writes.insert(connection, GOAL, values)
    for position, milestone_title in enumerate(titles, start=1):
        writes.insert(connection, MILESTONE, {"goal_id": goal_id, "title": milestone_title, "position": position})
    return view(connection, get_goal(connection, pair, goal_id), today=today)


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
    starts_on: dt.date | None,
    rater: str | None,
    levels: int,
) -> dict[str, Any]:
    """The goal's own fields, validated: the same rules for a new goal and an edited one. `levels`: how many
    the pair's rubric has (a rubric goal goes from one of them to another)."""
    fields: dict[str, Any] = {
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
        "starts_on": validate.day(starts_on, "start date"),
        "rater": validate.choice(rater, Rater, "rater").value if rater else None,
    }
    if fields["kind"] == GoalKind.RUBRIC:
        for name in ("baseline", "target"):
            value = fields[name]
            if value is not None and not (1 <= value <= levels and value == int(value)):
                raise Invalid(f"a rubric goal's {name} is a level from 1 to {levels} (not {value:g})")
        if not fields["competency"]:
            raise Invalid("a rubric goal names the competency it grows (--competency)")
    if fields["kind"] != GoalKind.RUBRIC:
        fields["rater"] = None  # only a rubric goal is measured by someone's ratings
    if fields["kind"] == GoalKind.YES_NO:
        fields["baseline"], fields["target"] = None, 1.0  # met is 1, not met 0
    if fields["due_on"] and fields["starts_on"] and fields["due_on"] < fields["starts_on"]:
        raise Invalid(f"the due date {fields['due_on']} is before the start date {fields['starts_on']}")
    return fields


def _rater_of(pair: Pair) -> str:
    """Whose ratings measure a rubric goal unless it says: the journal's owner's (the mentee rates self)."""
    return own_rater(pair.owner_role).value


@pair_action
def update_goal(
    connection: sqlite3.Connection,
    pair: Pair,
    goal_id: int,
    *,
    today: dt.date,
    expected: dt.datetime | None = None,
    **fields: Any,
) -> GoalView:
    """Edit a goal's SMART fields (status changes go through set_status); `expected` as update_entry's."""
    goal = get_goal(connection, pair, goal_id)
    unknown = set(fields) - set(SMART_FIELDS)
    if unknown:
        raise Invalid(f"a goal has no {', '.join(sorted(unknown))}")
    if fields.get("competency") is not None and fields["competency"] != goal.competency:
        fields["competency"] = _rubric_name(connection, pair, fields["competency"])
    current = {name: getattr(goal, name) for name in SMART_FIELDS}
    levels = len(pairs.rubric_levels(connection, pair))
    wanted = current | fields
    if wanted["kind"] == GoalKind.RUBRIC and not wanted["rater"]:
        wanted["rater"] = _rater_of(pair)
    changed = _goal_fields(**wanted, levels=levels)
    versions.edit(connection, GOAL, goal_id, changed, expected=expected)
    return view(connection, get_goal(connection, pair, goal_id), today=today)


def _rubric_name(connection: sqlite3.Connection, pair: Pair, ref: str | None) -> str | None:
    """The rubric's name for the competency `ref` names, as `assess` finds one (a number, a unique
    start or word); Invalid, naming the choices, when it names none or several."""
    if ref is None or not ref.strip():
        return None
    from mentorlog.journal.pairs import competencies
    from mentorlog.journal.ratings import find_competency

    try:
        return find_competency(competencies(connection, pair), validate.line(ref, "competency")).name
    except (NotFound, Invalid) as exc:
        raise Invalid(f"competency: {exc}") from None


@pair_action
def delete_goal(connection: sqlite3.Connection, pair: Pair, goal_id: int) -> Goal:
    """Remove a goal with its milestones, progress and evidence links (the entries stay)."""
    goal = get_goal(connection, pair, goal_id)
    trash.discard(connection, pair, GOAL, goal_id, f"goal #{goal.id}: {goal.title}")
    return goal


@pair_action
def delete_milestone(connection: sqlite3.Connection, pair: Pair, milestone_id: int) -> Milestone:
    milestone = get_milestone(connection, pair, milestone_id)
    trash.discard(connection, pair, MILESTONE, milestone_id,
                  f"milestone of goal #{milestone.goal_id}: {milestone.title}")  # fmt: skip
    return milestone


@pair_action
def reopen_milestone(connection: sqlite3.Connection, pair: Pair, milestone_id: int) -> Milestone:
    """Untick a milestone ticked by mistake: not done after all."""
    milestone = get_milestone(connection, pair, milestone_id)
    if milestone.done_on is None:
        raise Invalid(f"milestone #{milestone_id} is not done")
    versions.edit(connection, MILESTONE, milestone_id, {"done_on": None})
    return get_milestone(connection, pair, milestone_id)


@pair_action
def update_milestone(
    connection: sqlite3.Connection,
    pair: Pair,
    milestone_id: int,
    *,
    title: str,
    due_on: dt.date | None,
    expected: dt.datetime | None = None,
) -> Milestone:
    """Edit a milestone's words and due date (ticking is complete_milestone's); `expected` as update_entry's."""
    get_milestone(connection, pair, milestone_id)
    changes = {"title": validate.line(title, "milestone", required=True), "due_on": validate.day(due_on, "due date")}
    versions.edit(connection, MILESTONE, milestone_id, changes, expected=expected)
    return get_milestone(connection, pair, milestone_id)


def _number(value: float | str) -> float:
    """A value as typed (`4.5`, `4,5`) or given."""
    if not isinstance(value, str):
        return value
    try:
        return float(value.strip().replace(",", "."))
    except ValueError:
        raise Invalid(f"a value is a number, such as 4.5 (not {value!r})") from None


def yes_no(value: float | str) -> float:
    """A yes-no goal's value: yes, met (1) or no, not met (0); Invalid otherwise."""
    word = " ".join(str(value).split()).casefold()
    if isinstance(value, bool) or word in YES or word in NO:
        return 1.0 if value is True or word in YES else 0.0
    if isinstance(value, int | float) and value in (0, 1):
        return float(value)
    raise Invalid(f"a yes-no goal is met or not: yes, no, met or not met (not {value!r})")


def get_progress(connection: sqlite3.Connection, pair: Pair, update_id: int) -> ProgressUpdate:
    update = PROGRESS.get(connection, update_id) if update_id <= validate.LARGEST_ID else None
    if update is None or get_goal_or_none(connection, pair, update.goal_id) is None:
        raise NotFound(f"no progress update #{update_id} for {pair.ref} (see 'mentorlog goal show ID')")
    return update


@pair_action
def update_progress(
    connection: sqlite3.Connection,
    pair: Pair,
    update_id: int,
    *,
    value: float | str,
    on: dt.date,
    today: dt.date,
    note: str = "",
    confidence: int | None = None,
    expected: dt.datetime | None = None,
) -> ProgressUpdate:
    """Correct a progress update: its value, day, note and confidence, by the rules it was recorded by."""
    update = get_progress(connection, pair, update_id)
    goal = get_goal(connection, pair, update.goal_id)
    _takes_progress(goal)
    changes = _progress_fields(goal, value, on=on, today=today, note=note, confidence=confidence)
    versions.edit(connection, PROGRESS, update_id, changes, expected=expected)
    return get_progress(connection, pair, update_id)


def _takes_progress(goal: Goal) -> None:
    if goal.kind == GoalKind.RUBRIC:
        raise Invalid(
            f"goal #{goal.id} takes its progress from the ratings of {goal.competency} by the "
            f"{goal.rater or Rater.SELF.value}: rate it in an assessment"
        )


def _progress_fields(
    goal: Goal, value: float | str, *, on: dt.date, today: dt.date, note: str, confidence: int | None
) -> dict[str, Any]:
    """A progress update's fields, checked: the same rules for a new one and a corrected one. A yes-no goal
    takes yes, no, met or not met (stored as 1 and 0)."""
    checked = yes_no(value) if goal.kind == GoalKind.YES_NO else validate.number(_number(value), "value")
    assert checked is not None
    if on > today:
        raise Invalid(f"progress cannot be recorded for a future date ({on})")
    validate.day(on, "date")
    return {"on": on, "value": checked, "note": validate.text(note, "note"),
            "confidence": validate.scale(confidence, "confidence")}  # fmt: skip


@pair_action
def delete_progress(connection: sqlite3.Connection, pair: Pair, update_id: int) -> ProgressUpdate:
    update = get_progress(connection, pair, update_id)
    trash.discard(connection, pair, PROGRESS, update_id,
                  f"progress {update.value:g} on {update.on} for goal #{update.goal_id}")  # fmt: skip
    return update


def get_milestone(connection: sqlite3.Connection, pair: Pair, milestone_id: int) -> Milestone:
    milestone = MILESTONE.get(connection, milestone_id) if milestone_id <= validate.LARGEST_ID else None
    if milestone is None or get_goal_or_none(connection, pair, milestone.goal_id) is None:
        raise NotFound(f"no milestone #{milestone_id} for {pair.ref} (see 'mentorlog goal show ID')")
    return milestone


def get_goal(connection: sqlite3.Connection, pair: Pair, goal_id: int) -> Goal:
    goal = get_goal_or_none(connection, pair, goal_id)
    if goal is None:
        raise NotFound(f"no goal #{goal_id} for {pair.ref} (see 'mentorlog goal list')")
    return goal


def get_goal_or_none(connection: sqlite3.Connection, pair: Pair, goal_id: int) -> Goal | None:
    goal = GOAL.get(connection, goal_id) if goal_id <= validate.LARGEST_ID else None
    return goal if goal is not None and goal.pair_id == pair.id else None


@reading
def view(connection: sqlite3.Connection, goal: Goal, *, today: dt.date, with_evidence: bool = False) -> GoalView:
    milestones = MILESTONE.select(connection, "goal_id = ?", (goal.id,), "position, id")
    updates = PROGRESS.select(connection, "goal_id = ?", (goal.id,), '"on", id')
    rated = rated_points(connection, goal.pair_id, [goal]).get(goal.id or 0, [])
    evidence: list[Entry] = []
    if with_evidence:
        evidence = ENTRY.select(connection, "entry_goal.goal_id = ?", (goal.id,), 'entry."on" DESC, entry.id DESC',
                                joins="JOIN entry_goal ON entry_goal.entry_id = entry.id")  # fmt: skip
    return compose(goal, milestones, updates, evidence, today, rated)


@reading
def goal_detail(connection: sqlite3.Connection, pair: Pair, goal_id: int, *, today: dt.date) -> GoalView:
    """One goal with its milestones, progress and the entries offered as evidence."""
    return view(connection, get_goal(connection, pair, goal_id), today=today, with_evidence=True)


@reading
def list_goals(
    connection: sqlite3.Connection, pair: Pair, *, today: dt.date, statuses: set[str] | None = None
) -> list[GoalView]:
    """The pair's goals, active first, each with its progress and pace (three queries in all)."""
    where, params = "pair_id = ?", list[object]([pair.id])
    if statuses:
        where += f" AND status IN ({', '.join('?' for _ in statuses)})"
        params += sorted(statuses)
    goals = GOAL.select(connection, where, params)
    chosen = f"SELECT id FROM goal WHERE {where}"
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    updates: dict[int, list[ProgressUpdate]] = defaultdict(list)
    for m in MILESTONE.select(connection, f"goal_id IN ({chosen})", params, "position, id"):
        milestones[m.goal_id].append(m)
    for u in PROGRESS.select(connection, f"goal_id IN ({chosen})", params, '"on", id'):
        updates[u.goal_id].append(u)
    rated = rated_points(connection, int(pair.id or 0), goals)
    views = [compose(g, milestones[g.id or 0], updates[g.id or 0], [], today, rated.get(g.id or 0, [])) for g in goals]
    return sorted(views, key=lambda v: (STATUS_ORDER.get(v.goal.status, 9), v.goal.due_on or dt.date.max,
                                        v.goal.id or 0))  # fmt: skip


RATED_SQL = """
    SELECT entry."on", entry.id, coalesce(entry.rater, 'self'), competency.name, rating.level
    FROM rating JOIN entry ON entry.id = rating.entry_id JOIN competency ON competency.id = rating.competency_id
    WHERE {entries} AND competency.pair_id = ? AND competency.name IN ({names})
    ORDER BY entry."on", entry.id
"""


def rated_points(
    connection: sqlite3.Connection, pair_id: int, goals: Sequence[Goal], scope: Scope = EVERYTHING
) -> dict[int, list[Rated]]:
    """Each rubric goal's progress points: its competency's ratings by its rater, oldest first, from the
    assessments `scope` takes (an export leaves private ones out, as journal.sharing says)."""
    wanted = [g for g in goals if g.kind == GoalKind.RUBRIC and g.competency]
    if not wanted:
        return {}
    names = sorted({g.competency or "" for g in wanted})
    entries, params = entry_clause(scope, pair_id)
    sql = RATED_SQL.format(entries=entries, names=", ".join("?" for _ in names))
    found: dict[tuple[str, str], list[Rated]] = {}
    for on, entry_id, rater, name, level in connection.execute(sql, [*params, pair_id, *names]):
        note = f"{'self-assessment' if rater == Rater.SELF else 'mentor assessment'} #{entry_id}"
        found.setdefault((name, rater), []).append(Rated(dt.date.fromisoformat(on), float(level), entry_id, note))
    return {g.id or 0: found.get((g.competency or "", g.rater or Rater.SELF.value), []) for g in wanted}


@pair_action
def record_progress(
    connection: sqlite3.Connection,
    pair: Pair,
    goal_id: int,
    value: float | str,
    *,
    on: dt.date,
    today: dt.date,
    note: str = "",
    confidence: int | None = None,
) -> GoalView:
    goal = get_goal(connection, pair, goal_id)
    if goal.status in (GoalStatus.DROPPED, GoalStatus.ACHIEVED):
        raise Invalid(f"goal #{goal_id} is {goal.status}: reactivate it before recording progress")
    _takes_progress(goal)
    fields = _progress_fields(goal, value, on=on, today=today, note=note, confidence=confidence)
    writes.insert(connection, PROGRESS, {"goal_id": goal_id, **fields})
    return view(connection, goal, today=today)


@pair_action
def set_status(
    connection: sqlite3.Connection, pair: Pair, goal_id: int, status: str, *, on: dt.date, today: dt.date
) -> GoalView:
    goal = get_goal(connection, pair, goal_id)
    validate.day(on, "date")
    change = change_status(goal.status, status.strip().lower(), on=on, activated_on=goal.activated_on)
    versions.edit(connection, GOAL, goal_id, {"status": change.status, "achieved_on": change.achieved_on,
                                              "activated_on": change.activated_on})  # fmt: skip
    return view(connection, get_goal(connection, pair, goal_id), today=today)


@pair_action
def add_milestone(
    connection: sqlite3.Connection, pair: Pair, goal_id: int, title: str, *, due_on: dt.date | None = None
) -> Milestone:
    goal = get_goal(connection, pair, goal_id)
    (count,) = connection.execute("SELECT count(*) FROM milestone WHERE goal_id = ?", (goal.id,)).fetchone()
    milestone_id = writes.insert(connection, MILESTONE, {
        "goal_id": goal_id, "title": validate.line(title, "milestone", required=True),
        "due_on": validate.day(due_on, "due date"), "position": count + 1,
    })  # fmt: skip
    return get_milestone(connection, pair, milestone_id)


@pair_action
def complete_milestone(connection: sqlite3.Connection, pair: Pair, milestone_id: int, *, on: dt.date) -> Milestone:
    milestone = get_milestone(connection, pair, milestone_id)
    if milestone.done_on is not None:
        raise Invalid(f"milestone #{milestone_id} was already done on {milestone.done_on}")
    versions.edit(connection, MILESTONE, milestone_id, {"done_on": validate.day(on, "done on")})
    return get_milestone(connection, pair, milestone_id)
