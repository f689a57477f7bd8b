"""todo add | list | done | edit | reopen | delete."""

from __future__ import annotations

from mentorlog.cli.context import Context
from mentorlog.cli.json_out import dumps
from mentorlog.cli.json_shapes import action_json
from mentorlog.cli.render import overdue_note
from mentorlog.journal import actions


def add(ctx: Context) -> int:
    a = ctx.args
    due = ctx.date(a.due, "--due", prefer="future")
    connection = ctx.writer()
    pair = ctx.pair(connection)
    item = actions.add_action(connection, pair, a.text, owner=a.owner, due_on=due, private=a.private)
    when = f", due {item.due_on}" if item.due_on else ""
    private = " (private)" if item.private else ""
    ctx.print(
        f"Added action item #{item.id}{ctx.whose(connection, pair)} for the {item.owner}{when}{private}: {item.text}"
    )
    return 0


def list_items(ctx: Context) -> int:
    if ctx.args.all_pairs:
        return _promises(ctx)
    connection = ctx.reader()
    items = actions.list_actions(connection, ctx.pair(connection), today=ctx.today, include_done=ctx.args.all)
    if ctx.args.json:
        ctx.print(dumps([action_json(i, ctx.today) for i in items]))
        return 0
    if not items:
        ctx.print("No open action items.")
    for item in items:
        mark = "x" if item.done_on else " "
        when = f"done {item.done_on}" if item.done_on else overdue_note(item.due_on, ctx.today)
        private = "  (private)" if item.private else ""
        ctx.print(f"#{item.id:<4} [{mark}] {item.owner:<6} {item.text}  {when}".rstrip() + private)
    return 0


def done(ctx: Context) -> int:
    on = ctx.date(ctx.args.on, "--on", happened=True) or ctx.today
    connection = ctx.writer()
    pair = ctx.pair(connection)
    item = actions.complete_action(connection, pair, ctx.args.id, on=on)
    ctx.print(f"Done on {item.done_on}{ctx.whose(connection, pair)}: #{item.id} {item.text}")
    return 0


def edit(ctx: Context) -> int:
    from mentorlog.cli.cmd_goal_edits import due

    a = ctx.args
    connection = ctx.writer()
    pair = ctx.pair(connection)
    item = actions.get_action(connection, pair, a.id)
    changed = actions.update_action(
        connection, pair, a.id,
        text=item.text if a.text is None else a.text,
        owner=item.owner if a.owner is None else a.owner,
        due_on=due(ctx, a.due, item.due_on),
    )  # fmt: skip
    when = f", due {changed.due_on}" if changed.due_on else ""
    ctx.print(f"Action item #{changed.id} edited{ctx.whose(connection, pair)} ({changed.owner}{when}): {changed.text}")
    return 0


def reopen(ctx: Context) -> int:
    connection = ctx.writer()
    pair = ctx.pair(connection)
    item = actions.reopen_action(connection, pair, ctx.args.id)
    ctx.print(f"Open again{ctx.whose(connection, pair)}: #{item.id} {item.text}")
    return 0


def delete(ctx: Context) -> int:
    connection = ctx.writer()
    pair = ctx.pair(connection)
    item = actions.delete_action(connection, pair, ctx.args.id)
    ctx.print(f"Moved to the trash{ctx.whose(connection, pair)}: action item #{item.id} {item.text}")
    return 0


def _promises(ctx: Context) -> int:
    """What you promised whom, across every open pair, overdue first."""
    from mentorlog.journal.caseload import your_promises

    found = your_promises(ctx.reader(), today=ctx.today)
    if ctx.args.json:
        ctx.print(dumps([{"pair": p.pair.id, "whom": p.whom, "id": p.item.id, "uid": p.item.uid, "text": p.item.text,
                          "due_on": p.item.due_on, "overdue": actions.is_overdue(p.item, ctx.today),
                          "private": p.item.private} for p in found]))  # fmt: skip
        return 0
    if not found:
        ctx.print("Nothing you promised is open, in any pair.")
    for promise in found:
        item = promise.item
        private = "  (private)" if item.private else ""
        when = overdue_note(item.due_on, ctx.today)
        ctx.print(f"#{item.id:<4} to {promise.whom:<16} {item.text}  {when}".rstrip() + private)
    return 0
