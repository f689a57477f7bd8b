"""One timeline entry as a Markdown section: its `###` heading, a facts line, then its fields."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mentorlog.entry_kinds import FACTS, Field, Spec, spec_of
from mentorlog.exchange.md_text import block, inline, table
from mentorlog.kinds import EntryKind
from mentorlog.rules.growth import level_name

if TYPE_CHECKING:
    from mentorlog.models import Entry

# Rendered elsewhere in an entry's section: the observation's context in its facts line, the
# session's next focus beside the next date.
BESIDE = frozenset({"context", "next_session_focus"})
# A kind's sections, lists and facts, worked out once a spec rather than once an entry.
_PLANS: dict[int, tuple[Spec, list[Field], list[Field], list[Field]]] = {}


def _plan(kind: str) -> tuple[Spec, list[Field], list[Field], list[Field]]:
    spec = spec_of(kind)
    found = _PLANS.get(id(spec))
    if found is None or found[0] is not spec:
        sections = [f for f in spec.sections() if f.name not in BESIDE]
        facts = [f for f in spec.fields if f.type in FACTS]
        found = _PLANS[id(spec)] = (spec, sections, spec.lists(), facts)
    return found


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
    _, sections, lists, _ = _plan(entry.kind)
    for field in sections:
        if text := getattr(entry, field.name):
            parts += [f"**{field.label}**", block(text)]
    for field in lists:
        if items := getattr(entry, field.name):
            parts += [f"**{field.label}**", "\n".join(f"- {inline(item)}" for item in items)]
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
    facts += [field.fact(value) for field in _plan(entry.kind)[3] if (value := getattr(entry, field.name))]
    if entry.context:
        facts.append(entry.context)
    if goals:
        facts.append("evidence for " + ", ".join(f"goal {number}" for number in goals))
    if tags:
        facts.append("tags: " + ", ".join(tags))
    return facts


def _rater(entry: Entry) -> str:
    return "self-assessment by the mentee" if entry.rater == "self" else "assessment by the mentor"
