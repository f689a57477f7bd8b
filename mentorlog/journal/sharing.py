"""What may leave the journal: the one rule every export, report and shared figure goes through.

Private means private (PRODUCT.md §6): an entry marked private, and everything that
hangs off it, never leaves the file unless the user asks with `--include-private`.
What hangs off an entry: its ratings, tags and goal links (read only through the
entries that leave), the action items its session created, and what is derived
from it (the next session a private session planned, an action item's due date,
a health figure). Its history and trash go the same way: an earlier version that
was private stays home even when the entry was made public later, and a trashed
action item of a private session stays home with it.

The rule is written once, as SQL over a pair's rows, plus the checks for the
history and trash that travel with `--with-history`. Standard library only.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from typing import Any, NamedTuple


class Scope(NamedTuple):
    """Which entries leave the file: a date range and whether private ones go too."""

    start: dt.date | None = None
    end: dt.date | None = None
    include_private: bool = False


EVERYTHING = Scope(include_private=True)  # what the journal's own screens and figures read


def entry_clause(scope: Scope, pair_id: int, *, table: str = "entry") -> tuple[str, list[Any]]:
    """The entries that leave, as SQL on `table` (an alias of entry), and its parameters."""
    clauses = [f"{table}.pair_id = ?"]
    params: list[Any] = [pair_id]
    if not scope.include_private:
        clauses.append(f"{table}.private = 0")
    if scope.start is not None:
        clauses.append(f'{table}."on" >= ?')
        params.append(scope.start.isoformat())
    if scope.end is not None:
        clauses.append(f'{table}."on" <= ?')
        params.append(scope.end.isoformat())
    return " AND ".join(clauses), params


def action_clause(scope: Scope, pair_id: int) -> tuple[str, list[Any]]:
    """The action items that leave: the pair's, but the private ones (a private session's are).

    One born of an entry outside the date range still leaves (unlinked): an open item
    is the pair's business whenever it was agreed. An item is private on its own, so one
    of a private session stays private after that session is deleted and the item kept;
    the link is asked too, for a file another program wrote.
    """
    if scope.include_private:
        return "action_item.pair_id = ?", [pair_id]
    return (
        "action_item.pair_id = ? AND action_item.private = 0 AND (action_item.entry_id IS NULL OR"
        " action_item.entry_id NOT IN (SELECT id FROM entry WHERE entry.pair_id = ? AND entry.private = 1))",
        [pair_id, pair_id],
    )


def private_entry_uids(
    connection: sqlite3.Connection, pair_id: int, trashed: Iterable[tuple[str, dict[str, Any]]] = ()
) -> set[str]:
    """The uids of the pair's private entries: those alive, and those in the trash (kind, payload)."""
    sql = "SELECT uid FROM entry WHERE pair_id = ? AND private = 1"
    found = {str(row[0]) for row in connection.execute(sql, (pair_id,))}
    for kind, payload in trashed:
        record = payload.get("record", {})
        if kind == "entry" and record.get("private"):
            found.add(str(record.get("uid")))
    return found


def version_leaves(kind: str, fields: dict[str, Any], scope: Scope) -> bool:
    """Whether an earlier version of a record may travel: never a version of an entry that was private then."""
    return scope.include_private or kind != "entry" or not fields.get("private")


def trash_leaves(kind: str, payload: dict[str, Any], scope: Scope, private: set[str]) -> dict[str, Any] | None:
    """A trash item's payload as it may travel (links to private entries dropped), or None if it stays home."""
    record = payload.get("record", {})
    if kind == "entry":
        if record.get("private") and not scope.include_private:
            return None
        on = str(record.get("on", ""))
        if (scope.start and on < scope.start.isoformat()) or (scope.end and on > scope.end.isoformat()):
            return None
        return payload
    if scope.include_private:
        return payload
    if kind == "action_item" and (record.get("private") or record.get("entry") in private):
        return None  # a private item, or a next step of a private session
    if kind == "goal" and any(uid in private for uid in payload.get("entries", [])):
        return payload | {"entries": [uid for uid in payload["entries"] if uid not in private]}
    return payload
