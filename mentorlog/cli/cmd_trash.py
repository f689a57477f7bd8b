"""trash: what was deleted, restoring it, and emptying for good."""

from __future__ import annotations

from mentorlog.cli.context import Context
from mentorlog.journal import trash


def list_trash(ctx: Context) -> int:
    with ctx.journal().read() as s:
        items = trash.list_trash(s, ctx.pair(s))
    if not items:
        ctx.print("The trash is empty.")
        return 0
    for item in items:
        ctx.print(f"#{item.id:<5} {item.deleted_at}  {item.kind:<15} {item.label}")
    ctx.print(f"Restore one with 'mentorlog trash restore ID'; {len(items)} in the trash.")
    return 0


def restore(ctx: Context) -> int:
    with ctx.journal().write() as s:
        item = trash.restore(s, ctx.pair(s, used=True), ctx.args.id)
    ctx.print(f"Restored {item.kind}: {item.label}")
    return 0


def empty(ctx: Context) -> int:
    with ctx.journal().write() as s:
        count = trash.empty(s, ctx.pair(s, used=True))
    ctx.print(f"Emptied the trash: {count} item{'s' if count != 1 else ''} deleted for good.")
    return 0
