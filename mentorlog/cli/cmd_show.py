"""show: one entry in full, as plain text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.cli.context import Context
from mentorlog.cli.json_out import dumps
from mentorlog.cli.json_shapes import action_json, entry_json
from mentorlog.entry_kinds import spec_of
from mentorlog.journal import assessments, entries
from mentorlog.kinds import EntryKind

if TYPE_CHECKING:
    from mentorlog.models import Entry


def show(ctx: Context) -> int:
    connection = ctx.reader()
    view = entries.get_entry(connection, ctx.pair(connection), ctx.args.id)
    ratings = assessments.ratings_of(connection, view.entry) if view.entry.kind == EntryKind.ASSESSMENT else []
    if ctx.args.json:
        ctx.print(dumps(entry_json(view.entry) | {
            "tags": list(view.tags),
            "goals": [{"id": g.id, "title": g.title} for g in view.goals],
            "ratings": [{"competency": name, "level": level, "level_name": label} for name, level, label in ratings],
            "actions": [action_json(a, ctx.today) for a in view.actions],
        }))  # fmt: skip
        return 0
    for line in _lines(view, ratings):
        ctx.print(line)
    return 0


def _lines(view: entries.EntryView, ratings: list[tuple[str, int, str]]) -> list[str]:
    e = view.entry
    lines = [
        f"{e.kind.capitalize()} #{e.id} · {e.on} · by the {e.author}" + (" · private" if e.private else ""),
        e.title,
    ]
    lines += _facts(e)
    if view.tags:
        lines.append("Tags: " + " ".join(f"#{t}" for t in view.tags))
    if view.goals:
        lines.append("Evidence for: " + "; ".join(f"#{g.id} {g.title}" for g in view.goals))
    spec = spec_of(e.kind)
    for field in spec.sections():
        if value := getattr(e, field.name):
            lines += ["", f"{field.label}:", value]
    for field in spec.lists():
        if items := getattr(e, field.name):
            lines += ["", f"{field.label}:", *[f"  - {item}" for item in items]]
    if next_line := spec.next_line(e):
        lines += ["", next_line]
    if ratings:
        lines += ["", f"Ratings ({e.rater}):", *[f"  {name}: {lvl} ({label})" for name, lvl, label in ratings]]
    if view.actions:
        lines += ["", "Action items:"]
        lines += [f"  #{a.id} [{'x' if a.done_on else ' '}] {a.owner}: {a.text}" for a in view.actions]
    if e.body:
        lines += ["", e.body]
    return lines


def _facts(e: Entry) -> list[str]:
    shown = spec_of(e.kind).facts(e)
    return [" · ".join(shown)] if shown else []
