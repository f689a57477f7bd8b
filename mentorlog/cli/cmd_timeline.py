"""timeline: reading the journal back, newest first (the page the TUI's journal screen reads)."""

from __future__ import annotations

from typing import Any

from mentorlog.cli.context import Context
from mentorlog.cli.json_out import dumps
from mentorlog.cli.parser import UsageError
from mentorlog.journal import timeline
from mentorlog.kinds import Role
from mentorlog.words import listed


def show_timeline(ctx: Context) -> int:
    a = ctx.args
    filters = _filters(ctx)
    connection = ctx.reader()
    items = timeline.page(connection, ctx.pair(connection), filters, limit=a.limit)
    if a.json:
        ctx.print(dumps([_item_json(item) for item in items]))
        return 0
    if not items:
        ctx.print("Nothing in the timeline matches.")
    for item in items:
        flags = " [private]" if item.private else ""
        flags += f" [group session with {listed(list(item.group_with), 'and')}]" if item.group_with else ""
        who = f" ({item.author})" if item.author else ""
        ref = f"#{item.ref_id}" if item.event == "entry" else ""  # a goal event names its goal in the title
        ctx.print(f"{item.on}  {item.kind:<11} {ref:<6} {item.title}{who}{flags}")
    return 0


def _filters(ctx: Context) -> timeline.Filters:
    a = ctx.args
    kinds = frozenset(k.strip().lower() for k in a.kind)
    unknown = kinds - set(timeline.entry_kinds())
    if unknown:
        known = ", ".join(timeline.entry_kinds())
        raise UsageError(f"mentorlog timeline: --kind is one of {known} (not {', '.join(sorted(unknown))})")
    if a.author and a.author.strip().lower() not in (Role.MENTOR, Role.MENTEE):
        raise UsageError(f"mentorlog timeline: --author is mentor or mentee (not {a.author!r})")
    filters = timeline.Filters(
        start=ctx.date(a.start, "--from"),
        end=ctx.date(a.end, "--to"),
        kinds=kinds,
        goal_id=a.goal,
        tag=a.tag,
        author=a.author.strip().lower() if a.author else None,
        search=a.search,
    )
    if filters.start and filters.end and filters.start > filters.end:
        raise UsageError(f"mentorlog timeline: --from {filters.start} is after --to {filters.end}")
    if filters.search:
        timeline.fts_query(filters.search)  # nothing searchable is the user's mistake: said before opening
    return filters


def _item_json(item: timeline.TimelineItem) -> dict[str, Any]:
    return {
        "on": item.on,
        "kind": item.kind,
        "event": item.event,
        "id": item.ref_id,
        "title": item.title,
        "author": item.author,
        "private": item.private,
        "goal_id": item.goal_id,
        "group_with": list(item.group_with),
        **item.detail,
    }
