"""demo: a sample journal in a file of its own, never mixed into the user's journal."""

from __future__ import annotations

import time
from pathlib import Path

from mentorlog import paths
from mentorlog.cli.context import Context
from mentorlog.demo import write_demo_file
from mentorlog.errors import Invalid
from mentorlog.journal import pairs
from mentorlog.words import plural


def demo(ctx: Context) -> int:
    if ctx.args.pairs is not None and ctx.args.entries is None:
        raise Invalid("--pairs goes with --entries N (the small demo is one pair)")
    target = _demo_path(ctx)
    if ctx.args.entries is not None:
        return _scaled(ctx, target)
    pair = write_demo_file(target, today=ctx.today)
    summary = next(p for p in pairs.list_pairs(ctx.reader()) if p.pair.id == pair.id)
    if not ctx.args.no_tui:
        _templates(ctx)
        from mentorlog.cli.cmd_tui import open_tui

        return open_tui(ctx)
    ctx.print(f"Demo journal written to {target}")
    ctx.print(
        f"  {pair.label}, {pair.program}, {plural(summary.sessions, 'session')}, "
        f"{plural(summary.entries, 'entry', 'entries')}"
    )
    ctx.print(f"  open it with: mentorlog --db {target}")
    _templates(ctx)
    return 0


def _templates(ctx: Context) -> None:
    """The two entry templates the demo ships (never over the user's own files of those names)."""
    from mentorlog import templates
    from mentorlog.errors import MentorlogError

    try:
        written = templates.ship_demo()
    except (OSError, MentorlogError) as exc:
        ctx.note(f"the demo's entry templates were not written ({exc})")
        return
    if written:
        ctx.print(f"  {plural(len(written), 'entry template')} in {written[0].parent}: "
                  f"{', '.join(p.name for p in written)}")  # fmt: skip


def _scaled(ctx: Context, target: Path) -> int:
    from mentorlog.demo_scale import MAX_ENTRIES, PEOPLE, write_scaled_journal

    entries = ctx.args.entries
    if not 1 <= entries <= MAX_ENTRIES:
        raise Invalid(f"--entries must be from 1 to {MAX_ENTRIES:,} (not {entries:,})")
    pairs = ctx.args.pairs
    if pairs is not None and not 1 <= pairs <= min(len(PEOPLE), entries):
        raise Invalid(
            f"--pairs must be from 1 to {min(len(PEOPLE), entries)} for {plural(entries, 'entry', 'entries')} "
            f"(not {pairs})"
        )
    started = time.perf_counter()
    counts = write_scaled_journal(target, entries=entries, seed=ctx.args.seed, today=ctx.today, pairs=pairs)
    if not ctx.args.no_tui:
        from mentorlog.cli.cmd_tui import open_tui

        return open_tui(ctx)
    took = time.perf_counter() - started
    ctx.print(
        f"Journal of {plural(entries, 'entry', 'entries')} (seed {ctx.args.seed}) written to {target} in {took:.1f} s"
    )
    ctx.print("  " + ", ".join(f"{n:,} {table.replace('_', ' ')}" for table, n in counts.items() if n))
    ctx.print(f"  open it with: mentorlog --db {target}")
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
    ctx.args.db = str(target)
    return target
