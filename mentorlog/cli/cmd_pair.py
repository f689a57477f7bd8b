"""pair show | edit | close | reopen | archive | unarchive | delete: the pair's life (`use` is in cmd_pairs)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from mentorlog.cli.context import Context
from mentorlog.cli.json_out import dumps
from mentorlog.cli.json_shapes import pair_json
from mentorlog.errors import Invalid
from mentorlog.journal import pair_life
from mentorlog.words import plural

if TYPE_CHECKING:
    pass


def show(ctx: Context) -> int:
    connection = ctx.reader()
    pair = ctx.pair(connection)
    held = pair_life.holdings(connection, pair)
    if ctx.args.json:
        ctx.print(dumps(pair_json(pair) | {"holds": held._asdict()}))
        return 0
    state = "open"
    if pair.ended_on is not None:
        state = f"closed on {pair.ended_on} ({pair.end_reason or 'no reason given'})"
        state += f", archived on {pair.archived_on}" if pair.archived_on else ""
    ctx.print(f"Pair #{pair.id}: {pair.label}")
    for name, value in (
        ("mentor", pair.mentor_name), ("mentee", pair.mentee_name), ("program", pair.program),
        ("journal of", f"the {pair.owner_role}"), ("started", str(pair.started_on)),
        ("cadence", f"a session every {plural(pair.cadence_days, 'day')}"), ("state", state),
        ("holds", held.described()),
    ):  # fmt: skip
        ctx.print(f"  {name:<11}{value}")
    ctx.print()
    ctx.print("Agreement")
    for line in (pair.agreement or "(none written yet: 'mentorlog pair edit --agreement -' reads it)").splitlines():
        ctx.print(f"  {line}")
    return 0


def edit(ctx: Context) -> int:
    a = ctx.args
    started = ctx.date(a.started, "--started", happened=True)
    agreement = ctx.read_text(a.agreement) if a.agreement is not None else None
    connection = ctx.writer()
    pair = pair_life.edit_pair(
        connection, ctx.pair(connection), mentor=a.mentor, mentee=a.mentee, program=a.program,
        cadence_days=a.cadence, started_on=started, role=a.role, agreement=agreement,
    )  # fmt: skip
    ctx.print(f"Edited pair #{pair.id}: {pair.label} (the version before is kept: 'mentorlog pair show')")
    return 0


def close(ctx: Context) -> int:
    a = ctx.args
    on = ctx.date(a.on, "--on", happened=True) or ctx.today
    connection = ctx.writer()
    done = pair_life.close_pair(
        connection, ctx.pair(connection), on=on, reason=a.reason, achieved=ctx.read_text(a.note),
        next_steps=a.next or "", all_goals=a.goals, all_items=a.items,
    )  # fmt: skip
    pair = done.pair
    ctx.print(f"Closed pair #{pair.id} {pair.label} on {pair.ended_on} ({pair.end_reason})")
    goals = ", ".join(f"{n} {outcome}" for outcome, n in done.goals.items() if n)
    items = ", ".join(f"{n} {outcome}" for outcome, n in done.items.items() if n)
    ctx.print(f"  open goals: {goals or 'none'}; open action items: {items or 'none'}")
    ctx.print(f"  final assessments: {', '.join(f'#{n}' for n in done.final_assessments) or 'none recorded'}"
              + (f"; closing reflection #{done.reflection}" if done.reflection else ""))  # fmt: skip
    ctx.print("  it is read-only now: 'mentorlog pair reopen' opens it again; 'mentorlog pair archive' puts it away")
    return 0


def reopen(ctx: Context) -> int:
    connection = ctx.writer()
    pair = pair_life.reopen_pair(connection, ctx.pair(connection))
    ctx.print(f"Reopened pair #{pair.id} {pair.label}")
    return 0


def archive(ctx: Context) -> int:
    connection = ctx.writer()
    pair = pair_life.archive_pair(connection, ctx.pair(connection), on=ctx.today)
    ctx.print(f"Archived pair #{pair.id} {pair.label}: out of the caseload ('mentorlog pairs --all' lists it)")
    return 0


def unarchive(ctx: Context) -> int:
    connection = ctx.writer()
    pair = pair_life.archive_pair(connection, ctx.pair(connection), on=ctx.today, archived=False)
    ctx.print(f"Pair #{pair.id} {pair.label} is back among the pairs")
    return 0


def delete(ctx: Context) -> int:
    connection = ctx.writer()
    pair = ctx.pair(connection)
    held = pair_life.holdings(connection, pair)
    if not ctx.args.yes:
        _confirm(ctx, f"Delete pair #{pair.id} {pair.label} with its {held.described()}? It goes to the trash, "
                      "whole, until the trash is emptied. [y/N] ")  # fmt: skip
    pair_life.delete_pair(connection, pair)
    ctx.print(f"Deleted pair #{pair.id} {pair.label} ({held.described()}) to the trash: 'mentorlog trash' restores it")
    return 0


def _confirm(ctx: Context, question: str) -> None:
    """Ask on a terminal; elsewhere (a script), refuse: it must say --yes."""
    stdin = ctx.stdin
    if stdin is None and not os.isatty(0):
        raise Invalid("deleting a pair asks first: run it on a terminal, or say --yes")
    print(question, end="", file=ctx.err, flush=True)
    answer = (stdin.readline() if stdin is not None else input()).strip().lower()
    if answer not in ("y", "yes"):
        raise Invalid("not deleted: nothing was changed")
