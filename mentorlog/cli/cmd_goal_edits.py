"""goal edit | milestone-edit | untick | milestone-delete | progress-edit | progress-delete: corrections.

Each changes only what its options give; the rest stays as it is (read first, in the same
transaction). Every one is an edit the history keeps (a delete goes to the trash).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mentorlog.cli.context import Context
from mentorlog.cli.render import smart_lines
from mentorlog.journal import goals
from mentorlog.journal.goals import SMART_FIELDS

NONE = ("none", "-")  # `--due none`: no due date


def due(ctx: Context, text: str | None, kept: dt.date | None) -> dt.date | None:
    """`--due`: a new date, `none` for no date, or (not given) the date it has."""
    if text is None:
        return kept
    if text.strip().lower() in NONE:
        return None
    return ctx.date(text, "--due", prefer="future")


def edit(ctx: Context) -> int:
    a = ctx.args
    connection = ctx.writer()
    pair = ctx.pair(connection)
    goal = goals.get_goal(connection, pair, a.id)
    given: dict[str, Any] = {
        name: getattr(a, name, None) for name in SMART_FIELDS if name not in ("due_on", "starts_on")
    }
    changes = {name: value for name, value in given.items() if value is not None}
    if a.starts is not None:
        changes["starts_on"] = ctx.date(a.starts, "--starts")
    if a.due is not None:
        changes["due_on"] = due(ctx, a.due, goal.due_on)
    if not changes:
        ctx.print(f"Nothing to change in goal #{goal.id}: give what changes, such as --title or --due")
        return 0
    view = goals.update_goal(connection, pair, a.id, today=ctx.today, **changes)
    ctx.print(f"Goal #{view.goal.id} edited{ctx.whose(connection, pair)}: {view.goal.title}")
    for line in smart_lines(view.smart):
        ctx.print(line)
    return 0


def milestone_edit(ctx: Context) -> int:
    a = ctx.args
    connection = ctx.writer()
    pair = ctx.pair(connection)
    milestone = goals.get_milestone(connection, pair, a.id)
    title = milestone.title if a.title is None else a.title
    changed = goals.update_milestone(connection, pair, a.id, title=title, due_on=due(ctx, a.due, milestone.due_on))
    when = f", due {changed.due_on}" if changed.due_on else ""
    ctx.print(f"Milestone #{changed.id} edited{ctx.whose(connection, pair)}: {changed.title}{when}")
    return 0


def untick(ctx: Context) -> int:
    connection = ctx.writer()
    pair = ctx.pair(connection)
    milestone = goals.reopen_milestone(connection, pair, ctx.args.id)
    ctx.print(f"Milestone #{milestone.id} is not done{ctx.whose(connection, pair)}: {milestone.title}")
    return 0


def milestone_delete(ctx: Context) -> int:
    connection = ctx.writer()
    pair = ctx.pair(connection)
    milestone = goals.delete_milestone(connection, pair, ctx.args.id)
    ctx.print(f"Milestone #{milestone.id} moved to the trash{ctx.whose(connection, pair)}: {milestone.title}")
    return 0


def progress_edit(ctx: Context) -> int:
    a = ctx.args
    connection = ctx.writer()
    pair = ctx.pair(connection)
    update = goals.get_progress(connection, pair, a.id)
    on = ctx.date(a.on, "--on", happened=True) or update.on
    changed = goals.update_progress(
        connection, pair, a.id, today=ctx.today, on=on,
        value=update.value if a.value is None else a.value,
        note=update.note if a.note is None else a.note,
        confidence=update.confidence if a.confidence is None else a.confidence,
    )  # fmt: skip
    ctx.print(f"Progress update #{changed.id} edited{ctx.whose(connection, pair)}: {changed.value:g} on {changed.on}")
    return 0


def progress_delete(ctx: Context) -> int:
    connection = ctx.writer()
    pair = ctx.pair(connection)
    update = goals.delete_progress(connection, pair, ctx.args.id)
    ctx.print(f"Progress update #{update.id} moved to the trash{ctx.whose(connection, pair)}: {update.value:g} on "
              f"{update.on}")  # fmt: skip
    return 0
