"""trash: what was deleted, restoring it, and emptying for good."""

from __future__ import annotations

from mentorlog.cli.context import Context
from mentorlog.journal import trash
from mentorlog.words import plural


def list_trash(ctx: Context) -> int:
    connection = ctx.reader()
    items = trash.list_trash(connection, ctx.pair(connection))
    if ctx.args.json:
        from mentorlog.cli.json_out import dumps

        ctx.print(dumps([{"id": i.id, "kind": i.kind, "label": i.label, "deleted_at": i.deleted_at} for i in items]))
        return 0
    if not items:
        ctx.print("The trash is empty.")
        return 0
    for item in items:
        ctx.print(f"#{item.id:<5} {item.deleted_at}  {item.kind:<15} {item.label}")
    ctx.print(f"Restore one with 'mentorlog trash restore ID'; {plural(len(items), 'item')} in the trash.")
    return 0


def restore(ctx: Context) -> int:
    connection = ctx.writer()
    pair = ctx.pair(connection)
    item = trash.restore(connection, pair, ctx.args.id)
    if item.kind == trash.PAIR_TRASH:  # a whole pair: its own, not the open pair's
        ctx.print(f"Restored the {item.label}")
        return 0
    ctx.print(f"Restored {item.kind}{ctx.whose(connection, pair)}: {item.label}")
    if item.moved:
        ctx.print(f"  {item.moved}")
    return 0


def empty(ctx: Context) -> int:
    connection = ctx.writer()
    pair = ctx.pair(connection)
    count = trash.empty(connection, pair)
    ctx.print(f"Emptied the trash{ctx.whose(connection, pair)}: {plural(count, 'item')} deleted for good.")
    return 0
