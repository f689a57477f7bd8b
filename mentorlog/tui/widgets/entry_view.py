"""An entry as Markdown for the detail pane: its own fields, then the body as written.

User text goes through the Markdown export's escaper (exchange/md_text.py): the same text
renders the same way here and in a document a coordinator reads."""

from __future__ import annotations

from mentorlog.entry_kinds import spec_of
from mentorlog.exchange.md_text import block, cell, inline
from mentorlog.journal.assessments import label
from mentorlog.journal.entries import EntryView


def entry_markdown(view: EntryView) -> str:
    e, ratings = view.entry, view.ratings
    spec = spec_of(e.kind)
    facts = [e.kind, f"by the {e.author}", *spec.facts(e)]
    facts += ["**private**"] if e.private else []
    parts = [f"## {inline(e.title)}", f"*{e.on:%A %d %B %Y}* · " + " · ".join(facts)]
    if view.tags or view.goals:
        links = [f"`#{tag}`" for tag in view.tags] + [
            f"goal #{g.id} {inline(g.title, line_start=False)}" for g in view.goals
        ]
        parts.append("Evidence for / tags: " + ", ".join(links))
    for field in spec.sections():
        if value := getattr(e, field.name):
            parts += [f"### {field.label}", block(value)]
    if next_line := spec.next_line(e, lambda text: inline(text, line_start=False)):
        parts.append(next_line)
    for field in spec.lists():
        if items := getattr(e, field.name):
            parts += [f"### {field.label}", "\n".join(f"- {inline(item)}" for item in items)]
    if ratings:
        rows = [f"| {cell(c.name)} | {r.level} {label(r)} | {cell(r.evidence)} |" for c, r in ratings]
        parts += [f"### Ratings ({e.rater})", "| competency | level | evidence |\n|---|---|---|\n" + "\n".join(rows)]
    if view.actions:
        items = [f"- [{'x' if a.done_on else ' '}] {a.owner}: {inline(a.text, line_start=False)}" for a in view.actions]
        parts += ["### Action items", "\n".join(items)]
    if e.body:
        parts += ["---", block(e.body, under=2)]
    return "\n\n".join(parts)
