"""The Markdown export's timeline: every entry that leaves, each a `###` section.

The rows are the read model's (document.timeline): an entry's own columns, then one
"slot" per field its kind's spec lists, as SQLite stores it. The values are rendered
as stored (dates are ISO text, lists go through the codec), not made into records
first: at 10,000 entries, building a row object per entry and converting its 29
columns cost more than writing its Markdown.

A section: its heading (date, kind, title), a facts line (who wrote it, private, the
kind's facts, the observation's context, the goals it is evidence for, its tags),
the body, the kind's text fields under bold labels, its lists as bullets, a
session's next date, the action items agreed in it, an assessment's ratings.
"""

# No `from __future__ import annotations`: NamedTuple compiles each string annotation (entry_kinds.py).
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple

from mentorlog.codec import text_list
from mentorlog.entry_kinds import Field, spec_of
from mentorlog.exchange.document import SLOTS_FROM, Links, Row
from mentorlog.exchange.md_text import block, inline, table
from mentorlog.field_types import BY, FACT, LIST, NEXT, SECTION


class Plan(NamedTuple):
    """Where a kind's fields sit in a timeline row, and how each is shown."""

    name: str  # the kind as a heading shows it
    facts: tuple[tuple[int, Field], ...]
    sections: tuple[tuple[int, str], ...]  # (slot, bold label)
    lists: tuple[tuple[int, str], ...]
    next_on: int | None
    next_focus: int | None
    rater: int | None


def plan(kind: str) -> Plan:
    """The kind's plan, from where its spec places each field; a kind this version does not know has no slots."""
    facts, sections, lists = [], [], []
    next_on = next_focus = rater = None
    for slot, field in enumerate(spec_of(kind).fields, SLOTS_FROM):
        if field.place == FACT:
            facts.append((slot, field))
        elif field.place == SECTION:
            sections.append((slot, f"**{field.label}**"))
        elif field.place == LIST:
            lists.append((slot, f"**{field.label}**"))
        elif field.place == NEXT and field.type.stored == "date":
            next_on = slot
        elif field.place == NEXT:
            next_focus = slot
        elif field.place == BY:
            rater = slot
    return Plan(kind.capitalize(), tuple(facts), tuple(sections), tuple(lists), next_on, next_focus, rater)


def sections(
    timeline: Sequence[Sequence[Any]], links: Links, tick: Callable[[], None], action_line: Callable[[Row], str]
) -> Iterator[str]:
    """Each of the timeline's rows (document.timeline) as its Markdown section, ending with a blank line."""
    plans: dict[str, Plan] = {}
    tags, goals, ratings, actions = links
    for row in timeline:
        tick()
        entry_id, kind, on, author, private, title, body = row[:SLOTS_FROM]
        p = plans.get(kind)
        if p is None:
            p = plans[kind] = plan(kind)
        head = f"### {on} · {p.name}: {inline(title, line_start=False)}" if title else f"### {on} · {p.name}"
        if p.rater is None:
            facts = [f"by the {author}"]
        else:
            facts = ["self-assessment by the mentee" if row[p.rater] == "self" else "assessment by the mentor"]
        if private:
            facts.append("private")
        for slot, field in p.facts:
            if value := row[slot]:
                facts.append(field.fact(value))
        if linked := goals.get(entry_id):
            facts.append("evidence for " + linked)
        if tagged := tags.get(entry_id):
            facts.append("tags: " + tagged)
        parts = [head, inline(" · ".join(facts))]
        if body:
            parts.append(block(body))
        for slot, label in p.sections:
            if text := row[slot]:
                parts += [label, block(text)]
        for slot, label in p.lists:
            if (stored := row[slot]) and (items := text_list(stored)):
                parts += [label, "\n".join(f"- {inline(item)}" for item in items)]
        if p.next_on is not None and (row[p.next_on] or (p.next_focus is not None and row[p.next_focus])):
            when = f"on {row[p.next_on]}" if row[p.next_on] else "date not set"
            focus = row[p.next_focus] if p.next_focus is not None else ""
            parts.append(f"Next session {when}" + (f": {inline(focus, line_start=False)}" if focus else ""))
        if agreed := actions.get(entry_id):
            parts += ["**Action items**", "".join(action_line(item) for item in agreed).rstrip("\n")]
        if rated := ratings.get(entry_id):
            parts.append(table(("Competency", "Level", "Evidence"), rated).rstrip("\n"))
        parts.append("")
        yield "\n\n".join(parts)
