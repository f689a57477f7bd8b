"""rubric list | add | rename | group | move | retire | describe | preset | load: the pair's own rubric."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from mentorlog.cli.context import Context
from mentorlog.cli.json_out import dumps
from mentorlog.journal import rubric
from mentorlog.journal.rubric import Rubric
from mentorlog.rubric_presets import PRESETS
from mentorlog.words import plural

if TYPE_CHECKING:
    from mentorlog.models import Competency, Pair


def list_rubric(ctx: Context) -> int:
    connection = ctx.reader()
    found = rubric.rubric_of(connection, ctx.pair(connection))
    shown = found.competencies if ctx.args.retired else found.active
    if ctx.args.json:
        ctx.print(dumps({
            "preset": found.preset, "levels": list(found.levels),
            "competencies": [{"number": n, "uid": c.uid, "code": c.code, "name": c.name, "group": c.group_name,
                              "description": c.description, "descriptors": c.descriptors, "retired_on": c.retired_on}
                             for n, c in enumerate(shown, start=1)],
        }))  # fmt: skip
        return 0
    for line in _lines(found, shown):
        ctx.print(line)
    return 0


def _lines(found: Rubric, shown: list[Competency]) -> list[str]:
    title = PRESETS[found.preset].title if found.preset in PRESETS else found.preset
    lines = [f"Rubric: {title} · levels: " + ", ".join(f"{n} {name}" for n, name in enumerate(found.levels, 1))]
    group = None
    for n, c in enumerate(shown, start=1):
        if c.group_name != group and c.group_name:
            lines += ["", c.group_name]
        group = c.group_name
        code = f"{c.code}  " if c.code else ""
        retired = f"  (retired {c.retired_on})" if c.retired_on else ""
        described = f"  [{sum(1 for d in c.descriptors if d)} level descriptors]" if any(c.descriptors) else ""
        lines.append(f"  {n:>2}. {code}{c.name}{retired}{described}")
    retired_count = len(found.competencies) - len(found.active)
    if retired_count and len(shown) == len(found.active):
        lines.append(f"  ({plural(retired_count, 'retired competency', 'retired competencies')}: --retired)")
    return lines


def add(ctx: Context) -> int:
    a = ctx.args
    connection = ctx.writer()
    pair = ctx.pair(connection)
    added = rubric.add_competency(connection, pair, a.name, code=a.code, group=a.group, description=a.description)
    ctx.print(f"Added to the rubric{ctx.whose(connection, pair)}: {_number(connection, pair, added)}. {added.name}")
    return 0


def _number(connection: sqlite3.Connection, pair: Pair, competency: Competency) -> int:
    active = rubric.rubric_of(connection, pair).active
    return next((n for n, c in enumerate(active, 1) if c.id == competency.id), 0)


def rename(ctx: Context) -> int:
    connection = ctx.writer()
    pair = ctx.pair(connection)
    renamed = rubric.rename_competency(connection, pair, ctx.args.competency, ctx.args.name)
    ctx.print(f"Renamed{ctx.whose(connection, pair)}: {renamed.name} (its ratings stay its own)")
    return 0


def group(ctx: Context) -> int:
    connection = ctx.writer()
    pair = ctx.pair(connection)
    grouped = rubric.group_competency(connection, pair, ctx.args.competency, ctx.args.group, code=ctx.args.code)
    under = f"under {grouped.group_name}" if grouped.group_name else "in no group"
    ctx.print(f"{grouped.name} is {under}{ctx.whose(connection, pair)}")
    return 0


def move(ctx: Context) -> int:
    connection = ctx.writer()
    pair = ctx.pair(connection)
    moved = rubric.move_competency(connection, pair, ctx.args.competency, ctx.args.position)
    ctx.print(f"{moved.name} is number {ctx.args.position} now{ctx.whose(connection, pair)}")
    return 0


def retire(ctx: Context) -> int:
    connection = ctx.writer()
    pair = ctx.pair(connection)
    retired = rubric.retire_competency(connection, pair, ctx.args.competency, on=ctx.today)
    ctx.print(f"Retired{ctx.whose(connection, pair)}: {retired.name} (no longer rated; its ratings stay)")
    return 0


def describe(ctx: Context) -> int:
    a = ctx.args
    connection = ctx.writer()
    pair = ctx.pair(connection)
    described = rubric.describe_competency(connection, pair, a.competency, a.level, ctx.read_text(a.text))
    ctx.print(f"Described{ctx.whose(connection, pair)}: {described.name}, level {a.level}")
    return 0


def preset(ctx: Context) -> int:
    if ctx.args.name is None:
        for name, found in PRESETS.items():
            ctx.print(f"{name:<20}{found.title}: {plural(len(found.items), 'competency', 'competencies')}, "
                      f"{len(found.levels)} levels ({', '.join(found.levels)})")  # fmt: skip
        return 0
    chosen = rubric.preset_named(ctx.args.name)
    return _apply(ctx, chosen)


def load(ctx: Context) -> int:
    from mentorlog.exchange.rubric_file import read_rubric

    connection = ctx.reader()
    current = rubric.rubric_of(connection, ctx.pair(connection))
    return _apply(ctx, read_rubric(Path(ctx.args.file), current.levels))


def _apply(ctx: Context, chosen: rubric.Preset) -> int:
    connection = ctx.writer()
    pair = ctx.pair(connection)
    before = {c.id for c in rubric.rubric_of(connection, pair).active}
    found = rubric.apply_preset(connection, pair, chosen, on=ctx.today)
    retired = len(before - {c.id for c in found.active})
    held = plural(len(found.active), "competency", "competencies")
    ctx.print(f"The rubric is {chosen.title}{ctx.whose(connection, pair)}: {held}, levels {', '.join(found.levels)}")
    if retired:
        gone = plural(retired, "competency", "competencies")
        ctx.print(f"  {gone} retired: past ratings keep their names and levels")
    return 0
