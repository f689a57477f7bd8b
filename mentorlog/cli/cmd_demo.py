"""demo: a sample journal in a file of its own, never mixed into the user's journal."""

from __future__ import annotations

from pathlib import Path

from mentorlog import paths
from mentorlog.cli.context import Context
from mentorlog.demo import build_demo
from mentorlog.errors import Invalid
from mentorlog.journal import pairs


def demo(ctx: Context) -> int:
    target = _demo_path(ctx)
    journal = ctx.journal(create=True)
    with journal.write() as s:
        pair = build_demo(s, today=ctx.today)
        summary = next(p for p in pairs.list_pairs(s) if p.pair.id == pair.id)
    ctx.print(f"Demo journal written to {target}")
    ctx.print(f"  {pair.label}, {pair.program}, {summary.sessions} sessions, {summary.entries} entries")
    ctx.print(f"  try: mentorlog --db {target} goal list")
    if not ctx.args.no_tui:
        ctx.print()
        from mentorlog.cli.cmd_pairs import status

        return status(ctx)
    return 0


def _demo_path(ctx: Context) -> Path:
    """Where the demo goes: `--db` if it names a new file, else the demo file (rebuilt)."""
    given = getattr(ctx.args, "db", None)
    default_demo = paths.demo_journal_path()
    if given:
        target = Path(given).expanduser()
        if target.exists() and target.resolve() != default_demo.resolve():
            raise Invalid(f"{target} already exists: the demo only writes a new file, never into a journal")
    else:
        # MENTORLOG_DB names the user's own journal: the demo never goes there.
        target = default_demo
    if target.resolve() == paths.default_journal_path().resolve() and target.exists():
        raise Invalid(f"{target} is your journal: the demo only writes a new file")
    if target == default_demo:
        # The demo file is ours to rebuild; a fresh one each time keeps its dates around today.
        for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
    ctx.args.db = str(target)
    return target
