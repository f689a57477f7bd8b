"""One timeline entry as a Markdown section: its `###` heading, a facts line, then its fields."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mentorlog.exchange.md_text import block, inline, table
from mentorlog.kinds import EntryKind
from mentorlog.rules.growth import level_name

if TYPE_CHECKING:
    from mentorlog.models import Entry

# Each kind's long-text fields, in the order a reader wants them.
KIND_TEXTS: dict[str, tuple[tuple[str, str], ...]] = {
    EntryKind.SESSION: (
        ("agenda", "Agenda"),
        ("whats_working", "What's working"),
        ("focus", "Challenges and concerns"),
    ),
    EntryKind.OBSERVATION: (("focus", "Focus"), ("agreed_next_step", "Agreed next step")),
    EntryKind.REFLECTION: (
        ("went_well", "What went well"),
        ("challenging", "What was challenging"),
        ("learned", "What I learned"),
        ("next_step", "Next step"),
    ),
}


def entry_section(
    entry: Entry,
    *,
    tags: Sequence[str],
    goals: Sequence[int | None],
    ratings: Sequence[tuple[str, int, str]],
    actions: Sequence[str],
) -> str:
    kind = entry.kind.capitalize()
    title = f": {inline(entry.title, line_start=False)}" if entry.title else ""
    parts = [f"### {entry.on.isoformat()} · {kind}{title}", inline(" · ".join(_facts(entry, tags, goals)))]
    if entry.body:
        parts.append(block(entry.body))
    for field, label in KIND_TEXTS.get(entry.kind, ()):
        text = getattr(entry, field)
        if text:
            parts += [f"**{label}**", block(text)]
    if entry.kind == EntryKind.OBSERVATION:
        for label, items in (("Glows", entry.strengths), ("Grows", entry.growth_areas)):
            if items:
                parts += [f"**{label}**", "\n".join(f"- {inline(item)}" for item in items)]
    if entry.kind == EntryKind.SESSION and (entry.next_session_on or entry.next_session_focus):
        when = f"on {entry.next_session_on}" if entry.next_session_on else "date not set"
        focus = f": {inline(entry.next_session_focus, line_start=False)}" if entry.next_session_focus else ""
        parts.append(f"Next session {when}{focus}")
    if actions:
        parts += ["**Action items**", "".join(actions).rstrip("\n")]
    if ratings:
        rows = [(name, f"{level} {level_name(level)}", evidence) for name, level, evidence in ratings]
        parts.append(table(("Competency", "Level", "Evidence"), rows).rstrip("\n"))
    return "\n\n".join(parts) + "\n\n"


def _facts(entry: Entry, tags: Sequence[str], goals: Sequence[int | None]) -> list[str]:
    facts = [f"by the {entry.author}" if entry.kind != EntryKind.ASSESSMENT else _rater(entry)]
    if entry.private:
        facts.append("private")
    if entry.duration_min:
        facts.append(f"{entry.duration_min} min")
    if entry.mode:
        facts.append(entry.mode)
    if entry.context:
        facts.append(entry.context)
    if entry.usefulness:
        facts.append(f"usefulness {entry.usefulness}/5")
    if entry.confidence:
        facts.append(f"confidence {entry.confidence}/5")
    if goals:
        facts.append("evidence for " + ", ".join(f"goal {number}" for number in goals))
    if tags:
        facts.append("tags: " + ", ".join(tags))
    return facts


def _rater(entry: Entry) -> str:
    return "self-assessment by the mentee" if entry.rater == "self" else "assessment by the mentor"
