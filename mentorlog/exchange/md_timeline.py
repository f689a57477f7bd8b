"""The Markdown export's timeline: every entry that leaves, newest first, each a `###` section.

Read in one query whose columns come from entry_kinds: an entry's own columns, then
one "slot" per field its kind's spec lists (`CASE kind WHEN 'session' THEN agenda
...`), so a row carries only what its kind holds, as SQLite stores it. The values are
rendered as stored (dates are ISO text, lists go through the codec), not made into
records first: at 10,000 entries, building a row object per entry and converting
its 29 columns cost more than writing its Markdown.

A section: its heading (date, kind, title), a facts line (who wrote it, private, the
kind's facts, the observation's context, the goals it is evidence for, its tags),
the body, the kind's text fields under bold labels, its lists as bullets, a
session's next date, the action items agreed in it, an assessment's ratings.
"""

# No `from __future__ import annotations`: NamedTuple compiles each string annotation (entry_kinds.py).
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple

from mentorlog.codec import text_list
from mentorlog.entry_kinds import SPECS, Field, spec_of
from mentorlog.exchange.md_text import block, inline, table
from mentorlog.field_types import BY, FACT, LIST, NEXT, SECTION
from mentorlog.rules.growth import level_name

# The columns every entry has, in the order a row starts with them.
OWN = ("id", "kind", "on", "author", "private", "title", "body")
SLOTS_FROM = len(OWN)


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


def query(where: str) -> str:
    """The timeline's SQL over the entries `where` selects, newest first (a slot per spec field)."""
    slots = max((len(spec.fields) for spec in SPECS.values()), default=0)
    columns = [f'entry."{name}"' for name in OWN]
    for i in range(slots):
        whens = [
            f"WHEN '{kind}' THEN entry.\"{spec.fields[i].name}\""
            for kind, spec in SPECS.items()
            if i < len(spec.fields)
        ]
        columns.append(f"CASE entry.kind {' '.join(whens)} END")
    return f'SELECT {", ".join(columns)} FROM entry WHERE {where} ORDER BY entry."on" DESC, entry.id DESC'


def rows(connection: sqlite3.Connection, where: str, params: Sequence[Any]) -> list[Any]:
    """The timeline's rows: the entries `where` selects, newest first, as `query` lays them out."""
    return connection.execute(query(where), params).fetchall()


class Links(NamedTuple):
    """What hangs off the exported entries, by entry id, as their sections show it."""

    tags: dict[int, str]  # "a, b": names in order
    goals: dict[int, str]  # "goal 1, goal 3"
    ratings: dict[int, list[tuple[str, str, str]]]  # table rows: competency, level, evidence
    actions: dict[int, list[str]]  # Markdown lines, in the order the items were made


def links(connection: sqlite3.Connection, where: str, params: Sequence[Any], actions: dict[int, list[str]]) -> Links:
    """The tags, goal links and ratings of the entries `where` selects (their pair's goals only)."""
    from_entries = f"JOIN entry ON entry.id = {{0}}.entry_id WHERE {where}"
    tags: dict[int, list[str]] = {}
    tagged = f"SELECT entry_tag.entry_id, tag.name FROM entry_tag JOIN tag ON tag.id = entry_tag.tag_id {from_entries}"
    for entry_id, name in connection.execute(tagged.format("entry_tag") + " ORDER BY tag.name", params):
        tags.setdefault(entry_id, []).append(name)
    goals: dict[int, list[str]] = {}
    linked = (
        "SELECT entry_goal.entry_id, entry_goal.goal_id FROM entry_goal"
        f" JOIN goal ON goal.id = entry_goal.goal_id AND goal.pair_id = entry.pair_id {from_entries}"
    )
    for entry_id, goal_id in connection.execute(linked.format("entry_goal") + " ORDER BY entry_goal.goal_id", params):
        goals.setdefault(entry_id, []).append(f"goal {goal_id}")
    ratings: dict[int, list[tuple[str, str, str]]] = {}
    rated = (
        "SELECT rating.entry_id, competency.name, rating.level, rating.evidence, rating.level_label FROM rating"
        f" JOIN competency ON competency.id = rating.competency_id {from_entries}"
    )
    for entry_id, name, level, evidence, given in connection.execute(
        rated.format("rating") + " ORDER BY competency.position, rating.id", params
    ):
        ratings.setdefault(entry_id, []).append((name, f"{level} {given or level_name(level)}", evidence))
    return Links(
        {k: ", ".join(v) for k, v in tags.items()}, {k: ", ".join(v) for k, v in goals.items()}, ratings, actions
    )


def sections(timeline: Sequence[Sequence[Any]], links: Links, tick: Callable[[], None]) -> Iterator[str]:
    """Each of the timeline's `rows` as its Markdown section, ending with a blank line."""
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
            parts += ["**Action items**", "".join(agreed).rstrip("\n")]
        if rated := ratings.get(entry_id):
            parts.append(table(("Competency", "Level", "Evidence"), rated).rstrip("\n"))
        parts.append("")
        yield "\n\n".join(parts)
