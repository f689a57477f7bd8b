"""goal add | list | show | progress | status | milestone | tick (corrections: cmd_goal_edits)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from mentorlog.cli.context import Context
from mentorlog.cli.json_out import dumps
from mentorlog.cli.render import goal_json, number, smart_lines
from mentorlog.journal import goals
from mentorlog.journal.goals import GoalView
from mentorlog.rules.progress import sparkline

if TYPE_CHECKING:
    from mentorlog.models import Pair


def add(ctx: Context) -> int:
    a = ctx.args
    due = ctx.date(a.due, "--due", prefer="future")
    connection = ctx.writer()
    pair = ctx.pair(connection)
    view = goals.add_goal(
        connection,
        pair,
        title=a.title,
        today=ctx.today,
        specific=a.specific,
        kind=a.kind,
        measure=a.measure,
        unit=a.unit,
        baseline=a.baseline,
        target=a.target,
        achievable=a.achievable,
        relevant=a.relevant,
        competency=a.competency,
        rater=a.rater,
        starts_on=ctx.date(a.starts, "--starts"),
        due_on=due,
        status=a.status,
        milestones=a.milestone,
    )
    ctx.print(f"Goal #{view.goal.id} added{ctx.whose(connection, pair)} ({view.goal.status}): {view.goal.title}")
    for line in smart_lines(view.smart):
        ctx.print(line)
    return 0


def list_goals(ctx: Context) -> int:
    connection = ctx.reader()
    views = goals.list_goals(connection, ctx.pair(connection), today=ctx.today)
    if ctx.args.json:
        ctx.print(dumps([goal_json(view) for view in views]))
        return 0
    if not views:
        ctx.print("No goals yet: set one with 'mentorlog goal add TITLE --target N --due DATE'.")
    for view in views:
        goal = view.goal
        pace = str(view.pace) if view.pace else "-"
        due = str(goal.due_on) if goal.due_on else "no due date"
        ctx.print(f"#{goal.id:<3} {goal.status:<8} {view.shown()}  {pace:<8}  {due:<11}  {goal.title}")
    return 0


def show(ctx: Context) -> int:
    connection = ctx.reader()
    view = goals.goal_detail(connection, ctx.pair(connection), ctx.args.id, today=ctx.today)
    if ctx.args.json:
        from mentorlog.cli.json_shapes import goal_detail_json

        ctx.print(dumps(goal_detail_json(view)))
        return 0
    for line in _detail(view):
        ctx.print(line)
    return 0


def _detail(view: GoalView) -> list[str]:
    goal = view.goal
    lines = [
        f"Goal #{goal.id}: {goal.title}",
        f"  status    {goal.status}" + (f" on {goal.achieved_on}" if goal.achieved_on else ""),
    ]
    fields = [
        ("kind", goal.kind),
        ("specific", goal.specific),
        ("measure", goal.measure),
        ("unit", goal.unit),
        ("baseline", number(goal.baseline)),
        ("target", number(goal.target)),
        ("achievable", goal.achievable),
        ("relevant", goal.relevant),
        ("competency", goal.competency or ""),
        ("rated by", (goal.rater or "") if goal.kind == "rubric" else ""),
        ("set on", str(goal.set_on)),
        ("starts", str(goal.starts_on or "")),
        ("due", str(goal.due_on or "")),
    ]
    lines += [f"  {name:<12}{value}" for name, value in fields if value not in ("", "-")]
    pace = f"  {view.pace}" if view.pace else ""
    lines.append(f"  {'progress':<12}{view.shown().rstrip()}{pace}")
    lines += ["", *smart_lines(view.smart)]
    if view.milestones:
        lines += ["", "Milestones"]
        for m in view.milestones:
            mark = "x" if m.done_on else " "
            when = f"  done {m.done_on}" if m.done_on else (f"  due {m.due_on}" if m.due_on else "")
            lines.append(f"  [{mark}] #{m.id} {m.title}{when}")
    if view.updates:
        lines += ["", f"Progress  {sparkline([u.value for u in view.updates])}"]
        for u in view.updates:
            confidence = f"  confidence {u.confidence}/5" if u.confidence else ""
            note = f"  {u.note}" if u.note else ""
            mark = f"#{u.id} " if u.id else ""  # a rubric goal's points are ratings, not updates
            lines.append(f"  {mark}{u.on}  {u.value:g}{' ' + goal.unit if goal.unit else ''}{confidence}{note}")
    if view.evidence:
        lines += ["", "Evidence"]
        lines += [f"  {e.on}  {e.kind:<11} #{e.id} {e.title}" for e in view.evidence]
    return lines


def progress(ctx: Context) -> int:
    a = ctx.args
    on = ctx.date(a.on, "--on", happened=True) or ctx.today
    connection = ctx.writer()
    pair = ctx.pair(connection)
    view = goals.record_progress(
        connection, pair, a.id, a.value, on=on, today=ctx.today, note=a.note, confidence=a.confidence
    )
    goal = view.goal
    pace = f", {view.pace}" if view.pace else ""
    unit = f" {goal.unit}" if goal.unit else ""
    value = ("met" if view.met else "not met") if view.met is not None else f"{view.latest:g}{unit}"
    ctx.print(f"Recorded {value} on {on} for {_goal_of(ctx, connection, pair)}#{goal.id} {goal.title}")
    ctx.print(f"  {view.shown().rstrip()}{pace}  {sparkline([u.value for u in view.updates])}")
    return 0


def status(ctx: Context) -> int:
    a = ctx.args
    on = ctx.date(a.on, "--on", happened=True) or ctx.today
    connection = ctx.writer()
    pair = ctx.pair(connection)
    view = goals.set_status(connection, pair, a.id, a.status, on=on, today=ctx.today)
    when = f" on {view.goal.achieved_on}" if view.goal.achieved_on else ""
    ctx.print(
        f"{_goal_of(ctx, connection, pair) or 'Goal '}#{view.goal.id} is now {view.goal.status}{when}: "
        f"{view.goal.title}"
    )
    if view.goal.status == "active" and not view.smart.passed:
        for line in smart_lines(view.smart):
            ctx.print(line)
    return 0


def milestone(ctx: Context) -> int:
    a = ctx.args
    due = ctx.date(a.due, "--due", prefer="future")
    connection = ctx.writer()
    pair = ctx.pair(connection)
    added = goals.add_milestone(connection, pair, a.id, a.title, due_on=due)
    ctx.print(f"Milestone #{added.id} added to {_goal_of(ctx, connection, pair) or 'goal '}#{a.id}: {added.title}")
    return 0


def tick(ctx: Context) -> int:
    a = ctx.args
    on = ctx.date(a.on, "--on", happened=True) or ctx.today
    connection = ctx.writer()
    pair = ctx.pair(connection)
    done = goals.complete_milestone(connection, pair, a.id, on=on)
    view = goals.goal_detail(connection, pair, done.goal_id, today=ctx.today)
    ctx.print(f"Milestone #{done.id} done on {done.done_on}{ctx.whose(connection, pair)}: {done.title}")
    ctx.print(f"  goal #{view.goal.id} {view.goal.title}: {view.shown().rstrip()}")
    return 0


def _goal_of(ctx: Context, connection: sqlite3.Connection, pair: Pair) -> str:
    """ "Priya Shah's goal " in a journal of several pairs (see Context.named), else nothing."""
    name = ctx.named(connection, pair)
    return f"{name}'s goal " if name else ""
