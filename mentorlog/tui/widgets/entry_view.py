"""An entry as Markdown for the detail pane: its own fields, then the body as written."""

from __future__ import annotations

from mentorlog.journal.entries import EntryView
from mentorlog.kinds import EntryKind
from mentorlog.rules.growth import level_name

SECTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    EntryKind.SESSION: (("agenda", "Agenda"), ("whats_working", "What's working"),
                        ("focus", "Challenges and concerns"), ("next_session_focus", "Next session's focus")),
    EntryKind.OBSERVATION: (("context", "Context"), ("focus", "Focus"), ("agreed_next_step", "Agreed next step")),
    EntryKind.REFLECTION: (("went_well", "What went well"), ("challenging", "What was challenging"),
                           ("learned", "What I learned"), ("next_step", "Next step")),
}  # fmt: skip


def inline(text: str) -> str:
    """User text on one line of Markdown, its markup characters taken literally."""
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return " ".join(text.split())


def entry_markdown(view: EntryView) -> str:
    e, ratings = view.entry, view.ratings
    facts = [e.kind, f"by the {e.author}"]
    facts += [f"{e.duration_min} min"] if e.duration_min else []
    facts += [e.mode] if e.mode else []
    facts += [f"usefulness {e.usefulness}/5"] if e.usefulness else []
    facts += [f"confidence {e.confidence}/5"] if e.confidence else []
    facts += ["**private**"] if e.private else []
    parts = [f"## {inline(e.title)}", f"*{e.on:%A %d %B %Y}* · " + " · ".join(facts)]
    if view.tags or view.goals:
        links = [f"`#{tag}`" for tag in view.tags] + [f"goal #{g.id} {inline(g.title)}" for g in view.goals]
        parts.append("Evidence for / tags: " + ", ".join(links))
    for field, label in SECTIONS.get(e.kind, ()):
        value = getattr(e, field)
        if value:
            parts += [f"### {label}", value]
    if e.next_session_on:
        parts.append(f"**Next session:** {e.next_session_on:%A %d %B %Y}")
    for items, label in ((e.strengths, "Glows"), (e.growth_areas, "Grows")):
        if items:
            parts += [f"### {label}", "\n".join(f"- {inline(item)}" for item in items)]
    if ratings:
        rows = [f"| {inline(c.name)} | {r.level} {level_name(r.level)} | {inline(r.evidence)} |" for c, r in ratings]
        parts += [f"### Ratings ({e.rater})", "| competency | level | evidence |\n|---|---|---|\n" + "\n".join(rows)]
    if view.actions:
        parts += ["### Action items", "\n".join(
            f"- [{'x' if a.done_on else ' '}] {a.owner}: {inline(a.text)}" for a in view.actions)]  # fmt: skip
    if e.body:
        parts += ["---", e.body]
    return "\n\n".join(parts)
