"""log: quick capture, the command run most often: it imports what writing an entry needs and no more."""

from __future__ import annotations

from typing import Any

from mentorlog.cli.context import Context
from mentorlog.cli.parser import UsageError
from mentorlog.journal.entry_fields import NextStep, split_title
from mentorlog.kinds import EntryKind, Role

LOGGABLE = (EntryKind.SESSION, EntryKind.OBSERVATION, EntryKind.REFLECTION, EntryKind.NOTE)
# Which quick-capture options belong to which kind.
KIND_OPTIONS: dict[str, tuple[str, ...]] = {
    "confidence": (EntryKind.REFLECTION,),
    "usefulness": (EntryKind.SESSION,),
    "duration": (EntryKind.SESSION,),
    "mode": (EntryKind.SESSION,),
    "next": (EntryKind.SESSION,),
    "todo": (EntryKind.SESSION,),
    "mentor_todo": (EntryKind.SESSION,),
    "context": (EntryKind.OBSERVATION,),
    "glow": (EntryKind.OBSERVATION,),
    "grow": (EntryKind.OBSERVATION,),
}


def log(ctx: Context) -> int:
    a = ctx.args
    kind = a.kind.strip().lower()
    if kind == EntryKind.ASSESSMENT:
        raise UsageError("mentorlog log: an assessment rates the rubric: use 'mentorlog assess COMPETENCY=LEVEL...'")
    if kind not in LOGGABLE:
        raise UsageError(f"mentorlog log: KIND must be session, observation, reflection or note (not {a.kind!r})")
    for option, kinds in KIND_OPTIONS.items():
        if getattr(a, option) not in (None, []) and kind not in kinds:
            flag = "--" + option.replace("_", "-")
            raise UsageError(f"mentorlog log: {flag} is only for {' or '.join(kinds)} entries, not a {kind}")
    text = ctx.read_text(a.text)
    on = ctx.date(a.on, "--on", happened=True) or ctx.today
    next_on = ctx.date(a.next, "--next", prefer="future")
    title, body = (a.title, text) if a.title else split_title(text)
    steps = [NextStep(t, Role.MENTEE) for t in a.todo] + [NextStep(t, Role.MENTOR) for t in a.mentor_todo]
    wanted: dict[str, Any] = {
        "kind": kind,
        "on": on,
        "title": title,
        "body": body,
        "author": a.author,
        "private": a.private,
        "tags": a.tag,
        "next_steps": steps,
        **_kind_fields(kind, a, next_on),
    }
    from mentorlog.journal import entries

    connection = ctx.writer()
    entry = entries.add_entry(connection, ctx.pair(connection), goal_ids=a.goal, **wanted)
    private = " (private)" if entry.private else ""
    ctx.print(f"Logged {entry.kind} #{entry.id} on {entry.on}{private}: {entry.title}")
    if steps:
        ctx.print(f"  {len(steps)} action item{'s' if len(steps) > 1 else ''} added")
    return 0


def _kind_fields(kind: str, a: Any, next_on: Any) -> dict[str, Any]:
    if kind == EntryKind.SESSION:
        return {
            "usefulness": a.usefulness,
            "duration_min": a.duration,
            "mode": a.mode,
            "next_session_on": next_on,
        }
    if kind == EntryKind.OBSERVATION:
        return {"context": a.context or "", "strengths": a.glow, "growth_areas": a.grow}
    if kind == EntryKind.REFLECTION:
        return {"confidence": a.confidence}
    return {}
