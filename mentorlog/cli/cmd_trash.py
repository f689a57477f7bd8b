"""trash: what was deleted, restoring it, and emptying for good."""

from __future__ import annotations

from mentorlog.cli.context import Context
from mentorlog.journal import trash


def list_trash(ctx: Context) -> int:
    connection = ctx.reader()
    items = trash.list_trash(connection, ctx.pair(connection))
    if not items:
        ctx.print("The trash is empty.")
        return 0
    for item in items:
        ctx.print(f"#{item.id:<5} {item.deleted_at}  {item.kind:<15} {item.label}")
    ctx.print(f"Restore one with 'mentorlog trash restore ID'; {len(items)} in the trash.")
    return 0


def restore(ctx: Context) -> int:
    connection = ctx.writer()
    item = trash.restore(connection, ctx.pair(connection), ctx.args.id)
    ctx.print(f"Restored {item.kind}: {item.label}")
    return 0


def empty(ctx: Context) -> int:
    connection = ctx.writer()
    count = trash.empty(connection, ctx.pair(connection))
    ctx.print(f"Emptied the trash: {count} item{'s' if count != 1 else ''} deleted for good.")
    return 0
