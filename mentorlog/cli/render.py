"""Plain-text and JSON shapes shared by the commands."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mentorlog.journal.goals import GoalView
from mentorlog.rules.smart import SmartCheck


def smart_lines(check: SmartCheck) -> list[str]:
    lines = [f"SMART  {check.badge()}"]
    lines += [f"  {letter.letter} {letter.name}: {letter.hint}" for letter in check.failing]
    return lines


def number(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def overdue_note(due: dt.date | None, today: dt.date) -> str:
    if due is None:
        return ""
    days = (today - due).days
    if days > 0:
        return f"due {due} (overdue {days} d)"
    return f"due {due}"


def goal_json(view: GoalView) -> dict[str, Any]:
    goal = view.goal
    return {
        "id": goal.id,
        "uid": goal.uid,
        "title": goal.title,
        "status": goal.status,
        "kind": goal.kind,
        "measure": goal.measure,
        "unit": goal.unit,
        "baseline": goal.baseline,
        "target": goal.target,
        "latest": view.latest,
        "percent": None if view.percent is None else round(view.percent, 1),
        "pace": None if view.pace is None else str(view.pace),
        "due_on": goal.due_on,
        "achieved_on": goal.achieved_on,
        "milestones": {"done": sum(1 for m in view.milestones if m.done_on), "total": len(view.milestones)},
        "smart": {letter.letter: letter.passed for letter in view.smart.letters},
    }
