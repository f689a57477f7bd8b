"""log: quick capture, the command run most often, so it writes the quick way when it can.

A plain entry goes through journal.quick_capture on a bare sqlite3 connection;
goal links, a pair named by name, or a file that is not a current journal take
the full path (journal.entries on the ORM), which checks and stores the same.
"""

from __future__ import annotations

from typing import Any

from mentorlog.cli.context import Context
from mentorlog.cli.parser import UsageError
from mentorlog.journal.entry_fields import NextStep, split_title
from mentorlog.journal.quick_capture import Captured
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
    saved = None if a.goal else _quick(ctx, wanted)
    if saved is None:
        saved = _full(ctx, wanted)
    private = " (private)" if saved.private else ""
    ctx.print(f"Logged {saved.kind} #{saved.id} on {saved.on}{private}: {saved.title}")
    if saved.actions:
        ctx.print(f"  {saved.actions} action item{'s' if saved.actions > 1 else ''} added")
    return 0


def _quick(ctx: Context, wanted: dict[str, Any]) -> Captured | None:
    """The entry written without the ORM, or None when the full path must write it."""
    from mentorlog.db.quick import connect_current
    from mentorlog.journal.quick_capture import capture

    connection = connect_current(ctx.journal_path)
    if connection is None:
        return None
    try:
        # An SQLite error (busy after the 10 s wait, full, read-only) is the command's answer: trying
        # again the full way would only wait as long again (22 s behind a long write, once).
        return capture(connection, ctx.args.pair, **wanted)
    finally:
        connection.close()


def _full(ctx: Context, wanted: dict[str, Any]) -> Captured:
    from mentorlog.journal import entries

    with ctx.journal().write() as s:
        pair = ctx.pair(s, used=True)
        entry = entries.add_entry(s, pair, goal_ids=ctx.args.goal, **wanted)
        actions = len(wanted["next_steps"])
    assert entry.id is not None
    return Captured(entry.id, entry.kind, entry.on, entry.title, entry.private, actions)


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
