"""completion: a shell completion script (shtab), and the hidden command it asks for names and numbers.

The script is static: the shell loads it once, and mentorlog pays nothing for it at start-up
(shtab is imported by this command alone). What only the journal knows, the pairs' names, the
goals' numbers and the rubric's competencies, the script asks `mentorlog __complete KIND` for
as you press Tab: a read of a few rows, printing nothing at all when there is no journal.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from mentorlog.cli.context import Context
from mentorlog.cli.parser import COMPLETED, build_parser

PREAMBLE = {
    "bash": "\n".join(
        f'_mentorlog_{kind}() {{ compgen -W "$(mentorlog __complete {kind} 2>/dev/null)" -- "$1"; }}'
        for kind in COMPLETED
    ),
    "zsh": "\n".join(
        f'_mentorlog_{kind}() {{ local -a found; found=(${{(f)"$(mentorlog __complete {kind} 2>/dev/null)"}});'
        f" compadd -a found; }}"
        for kind in COMPLETED
    ),
}


def _completer(kind: str) -> dict[str, str]:
    return {"bash": f"_mentorlog_{kind}", "zsh": f"_mentorlog_{kind}", "fish": f"(mentorlog __complete {kind})"}


def _actions(parser: argparse.ArgumentParser) -> Iterator[tuple[list[str], argparse.Action]]:
    """Every argument of every command, with the commands that lead to it."""

    def walk(found: argparse.ArgumentParser, path: list[str]) -> Iterator[tuple[list[str], argparse.Action]]:
        for action in found._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    yield from walk(sub, [*path, name])
            else:
                yield path, action

    return walk(parser, [])


def _kind_of(path: list[str], action: argparse.Action) -> str | None:
    """Which of the journal's names an argument takes, if any."""
    if action.dest in ("pair", "with_pairs") or (path == ["pair", "use"] and action.dest == "ref"):
        return "pairs"
    if action.dest == "goal" or (path[:1] == ["goal"] and action.dest == "id" and path[1:] != ["milestone-edit"]):
        return "goals"
    if action.dest == "competency":
        return "competencies"
    return None


def completion(ctx: Context) -> int:
    import shtab

    parser = build_parser(None)
    for path, action in _actions(parser):
        kind = _kind_of(path, action)
        if kind is not None:
            action.complete = _completer(kind)  # type: ignore[attr-defined]
    shell = ctx.args.shell
    ctx.print(shtab.complete(parser, shell=shell, preamble=PREAMBLE.get(shell, "")).rstrip("\n"))
    return 0


def names(ctx: Context) -> int:
    """`__complete KIND`: the journal's pairs, goals or competencies, one a line; nothing when it cannot tell."""
    try:
        if not ctx.journal_path.exists():
            return 0
        connection = ctx.reader()
        kind = ctx.args.kind
        if kind == "pairs":
            rows = connection.execute(
                "SELECT id, mentee_name, mentor_name FROM pair WHERE deleted_at IS NULL ORDER BY id"
            ).fetchall()
            found = [str(pair_id) for pair_id, _, _ in rows] + sorted({n for _, *both in rows for n in both})
        else:
            pair = ctx.pair(connection)
            if kind == "goals":
                sql = "SELECT id FROM goal WHERE pair_id = ? ORDER BY id"
            else:
                sql = "SELECT name FROM competency WHERE pair_id = ? AND retired_on IS NULL ORDER BY position"
            found = [str(value) for (value,) in connection.execute(sql, (pair.id,))]
    except Exception:
        return 0
    for name in found:
        ctx.print(name)
    return 0
