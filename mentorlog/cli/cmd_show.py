"""show: one entry in full, as plain text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.cli.context import Context
from mentorlog.journal import assessments, entries
from mentorlog.kinds import EntryKind
from mentorlog.rules.growth import level_name

if TYPE_CHECKING:
    from mentorlog.models import Entry

# (field, label) in the order a reader expects them, per kind.
SECTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    EntryKind.SESSION: (
        ("agenda", "Agenda"), ("whats_working", "What's working"), ("focus", "Challenges and concerns"),
        ("next_session_focus", "Next session's focus"),
    ),
    EntryKind.OBSERVATION: (("context", "Context"), ("focus", "Focus"), ("agreed_next_step", "Agreed next step")),
    EntryKind.REFLECTION: (
        ("went_well", "What went well"), ("challenging", "What was challenging"), ("learned", "What I learned"),
        ("next_step", "Next step"),
    ),
}  # fmt: skip


def show(ctx: Context) -> int:
    connection = ctx.reader()
    view = entries.get_entry(connection, ctx.pair(connection), ctx.args.id)
    ratings = assessments.ratings_of(connection, view.entry) if view.entry.kind == EntryKind.ASSESSMENT else []
    for line in _lines(view, ratings):
        ctx.print(line)
    return 0


def _lines(view: entries.EntryView, ratings: list[tuple[str, int]]) -> list[str]:
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
    for field, label in SECTIONS.get(e.kind, ()):
        value = getattr(e, field)
        if value:
            lines += ["", f"{label}:", value]
    for items, label in ((e.strengths, "Glows"), (e.growth_areas, "Grows")):
        if items:
            lines += ["", f"{label}:", *[f"  - {item}" for item in items]]
    if ratings:
        lines += ["", f"Ratings ({e.rater}):", *[f"  {name}: {lvl} ({level_name(lvl)})" for name, lvl in ratings]]
    if view.actions:
        lines += ["", "Action items:"]
        lines += [f"  #{a.id} [{'x' if a.done_on else ' '}] {a.owner}: {a.text}" for a in view.actions]
    if e.body:
        lines += ["", e.body]
    return lines


def _facts(e: Entry) -> list[str]:
    facts = [
        f"{e.duration_min} min" if e.duration_min else "",
        e.mode or "",
        f"usefulness {e.usefulness}/5" if e.usefulness else "",
        f"confidence {e.confidence}/5" if e.confidence else "",
        f"next session {e.next_session_on}" if e.next_session_on else "",
    ]
    shown = [fact for fact in facts if fact]
    return [" · ".join(shown)] if shown else []
