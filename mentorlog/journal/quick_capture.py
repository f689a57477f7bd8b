"""Quick capture without the ORM: one entry, its tags and action items, in one transaction.

`mentorlog log` is run right after a session, many times a week, so it must start
as fast as Python and SQLModel import. Declaring the SQLModel tables and
compiling ORM statements costs more than that budget, so this writes the same rows
with the standard library. Every check is the journal's own (entry_fields); the
rows are the ones journal.entries.add_entry writes (tests compare the two
column by column), and the search index follows through the schema's triggers.

Anything unusual (a pair named by name, goal links) is left to the full path:
`capture` returns None and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import unicodedata
from dataclasses import dataclass
from typing import Any

from mentorlog.journal.entry_fields import KIND_FIELDS, LIST_FIELDS, TEXT_FIELDS, NewEntry, check_new_entry
from mentorlog.journal.pair_lookup import find_pair
from mentorlog.stamps import new_uid, utc_text, utcnow


@dataclass(frozen=True)
class Captured:
    """What the user is told about the entry just written."""

    id: int
    kind: str
    on: dt.date
    title: str
    private: bool
    actions: int


def capture(
    connection: sqlite3.Connection,
    pair_ref: str | None,
    *,
    author: str | None = None,
    **wanted: Any,
) -> Captured | None:
    """Write the entry and mark its pair used; None (nothing written) if the full path must do it.

    `wanted` is what journal.entries.add_entry takes (but goal links), checked by the same check_new_entry.
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        pair = find_pair(connection, pair_ref)
        if pair is None:
            connection.execute("ROLLBACK")
            return None
        pair_id, owner_role = pair
        new = check_new_entry(author=author or owner_role, **wanted)
        entry_id = _write(connection, pair_id, new)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return Captured(entry_id, new.kind, new.on, _nfc(new.title), new.private, len(new.next_steps))


def _write(connection: sqlite3.Connection, pair_id: int, new: NewEntry) -> int:
    now = utc_text(utcnow())
    row = ENTRY_DEFAULTS | new.columns() | {"pair_id": pair_id}
    entry_id = _insert(connection, "entry", row, now)
    for name in new.tags:
        found = connection.execute("SELECT id FROM tag WHERE name = ?", (_nfc(name),)).fetchone()
        tag_id = found[0] if found else _insert(connection, "tag", {"name": name}, now)
        connection.execute("INSERT INTO entry_tag (entry_id, tag_id) VALUES (?, ?)", (entry_id, tag_id))
    for step in new.next_steps:
        item = {
            "pair_id": pair_id,
            "entry_id": entry_id,
            "text": step.text,
            "owner": step.owner,
            "private": new.private,
        }
        _insert(connection, "action_item", {**item, "due_on": step.due_on, "done_on": None}, now)
    connection.execute("UPDATE pair SET last_used_at = ? WHERE id = ?", (now, pair_id))
    return entry_id


def _insert(connection: sqlite3.Connection, table: str, values: dict[str, Any], now: str) -> int:
    """Insert a record as the ORM stores it: a new uid, both stamps, NFC text, ISO dates, JSON lists."""
    row = {"uid": new_uid(), "created_at": now, "updated_at": now, **{k: _stored(v) for k, v in values.items()}}
    columns = ", ".join(f'"{name}"' for name in row)
    marks = ", ".join("?" for _ in row)
    cursor = connection.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _stored(value: Any) -> Any:
    if isinstance(value, str):
        return _nfc(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return json.dumps([_nfc(item) for item in value], ensure_ascii=False)
    return value


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# The kind-specific columns every entry row carries, as the ORM fills them when a kind leaves them out.
ENTRY_DEFAULTS: dict[str, Any] = {
    name: "" if name in TEXT_FIELDS else [] if name in LIST_FIELDS else None
    for name in sorted(set().union(*KIND_FIELDS.values()))
}
