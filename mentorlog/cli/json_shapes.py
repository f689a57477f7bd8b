"""The shapes `--json` prints, one function a record kind, so a record looks the same in every command's JSON
(README: "JSON output"). Keys are stable: a new one may be added, none is renamed or removed."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mentorlog.journal.goal_view import GoalView
    from mentorlog.models import ActionItem, Entry, Pair
    from mentorlog.rules.contact import ContactTime


def action_json(item: ActionItem, today: dt.date) -> dict[str, Any]:
    from mentorlog.journal import actions

    return {
        "id": item.id, "uid": item.uid, "text": item.text, "owner": item.owner, "due_on": item.due_on,
        "done_on": item.done_on, "overdue": actions.is_overdue(item, today), "entry_id": item.entry_id,
        "private": item.private,
    }  # fmt: skip


def pair_json(pair: Pair) -> dict[str, Any]:
    return {
        "id": pair.id, "uid": pair.uid, "mentor_name": pair.mentor_name, "mentee_name": pair.mentee_name,
        "program": pair.program, "owner_role": pair.owner_role, "started_on": pair.started_on,
        "cadence_days": pair.cadence_days, "agreement": pair.agreement, "ended_on": pair.ended_on,
        "end_reason": pair.end_reason, "archived_on": pair.archived_on,
    }  # fmt: skip


def entry_json(entry: Entry) -> dict[str, Any]:
    """An entry's own fields and its kind's (entry_kinds), by column name."""
    from mentorlog.entry_kinds import spec_of

    return {
        "id": entry.id, "uid": entry.uid, "kind": entry.kind, "on": entry.on, "author": entry.author,
        "private": entry.private, "title": entry.title, "body": entry.body,
        "fields": {field.name: getattr(entry, field.name) for field in spec_of(entry.kind).fields},
    }  # fmt: skip


def goal_detail_json(view: GoalView) -> dict[str, Any]:
    from mentorlog.cli.render import goal_json

    goal = view.goal
    return goal_json(view) | {
        "specific": goal.specific, "achievable": goal.achievable, "relevant": goal.relevant,
        "competency": goal.competency, "rater": goal.rater, "set_on": goal.set_on, "starts_on": goal.starts_on,
        "met": view.met,
        "smart_hints": {x.letter: x.hint for x in view.smart.failing},
        "milestone_list": [{"id": m.id, "title": m.title, "due_on": m.due_on, "done_on": m.done_on}
                           for m in view.milestones],
        "progress": [{"id": u.id, "on": u.on, "value": u.value, "confidence": u.confidence, "note": u.note}
                     for u in view.updates],
        "evidence": [{"id": e.id, "on": e.on, "kind": e.kind, "title": e.title} for e in view.evidence],
    }  # fmt: skip


def contact_json(contact: ContactTime | None) -> dict[str, Any] | None:
    if contact is None:
        return None
    standing = contact.standing
    return {
        "from": contact.start, "to": contact.end, "minutes": contact.total, "sessions": contact.sessions,
        "average_minutes_per_week": round(contact.average_per_week, 1),
        "on_track": None if standing is None else not standing.behind,
        "behind_minutes": None if standing is None else round(standing.behind),
        "words": contact.short(),
    }  # fmt: skip


def goal_json_of(view: GoalView) -> dict[str, Any]:
    from mentorlog.cli.render import goal_json

    return goal_json(view)
