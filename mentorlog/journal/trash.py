"""Deleting moves a record, with everything that went with it, to a trash it can be restored from.

A trash item holds the rows as they were (journal.trash_payload: the exchange shape,
values through the codec) and the links that pointed at them: restoring puts them
back with their uids, re-links what still exists, and takes new ids only if the old
ones have been reused meanwhile.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorlog import validate
from mentorlog.db import writes
from mentorlog.db.tables import PAIR, TRASH, Table
from mentorlog.db.transactions import action, reading
from mentorlog.errors import Invalid, NotFound
from mentorlog.journal.pair_writes import require_open

if TYPE_CHECKING:
    from mentorlog.models import Pair

KIND_NAMES = {"entry": "entry", "goal": "goal", "milestone": "milestone",
              "progress_update": "progress update", "action_item": "action item", "pair": "pair"}  # fmt: skip
PAIR_TRASH = "pair"  # a whole pair (journal.pair_life), kept in place and hidden, not copied


class TrashView(NamedTuple):
    id: int
    kind: str
    label: str
    deleted_at: str
    moved: str = ""  # after a restore: why it came back under another number than it had, if it did


def discard(connection: sqlite3.Connection, pair: Pair, table: Table[Any], record_id: int, label: str) -> int:
    """Put the record (and what depends on it) in the trash, then delete it; part of the caller's action."""
    import json

    from mentorlog.journal import trash_payload  # what every command that shows goals would pay otherwise

    record = table.get(connection, record_id)
    assert record is not None, (table.name, record_id)
    payload = trash_payload.build(connection, table, record)
    item = writes.insert(connection, TRASH, {"pair_id": pair.id, "kind": table.name, "label": label,
                                             "payload": json.dumps(payload, ensure_ascii=False)})  # fmt: skip
    writes.delete(connection, table, "id = ?", (record_id,))
    return item


# A deleted pair is the journal's, not one pair's: it is in the trash whichever pair is open.
_LISTED = "trash_item.pair_id = ? OR trash_item.kind = 'pair'"


@reading
def list_trash(connection: sqlite3.Connection, pair: Pair) -> list[TrashView]:
    items = TRASH.select(connection, _LISTED, (pair.id,), "id DESC")
    return [
        TrashView(
            item.id or 0,
            KIND_NAMES.get(item.kind, item.kind),
            item.label,
            f"{item.deleted_at.astimezone():%Y-%m-%d %H:%M}",
        )
        for item in items
    ]


@action
def restore(connection: sqlite3.Connection, pair: Pair, trash_id: int) -> TrashView:
    """Put a trashed record back (into `pair`, which must be open), or a deleted pair whole; Invalid if
    what it belonged to is gone too."""
    import json

    from mentorlog.journal import trash_payload

    item = TRASH.get(connection, trash_id) if trash_id <= validate.LARGEST_ID else None
    if item is None or (item.pair_id != pair.id and item.kind != PAIR_TRASH):
        raise NotFound(f"no item #{trash_id} in the trash (see 'mentorlog trash list')")
    view = TrashView(trash_id, KIND_NAMES.get(item.kind, item.kind), item.label, str(item.deleted_at))
    if item.kind == PAIR_TRASH:  # the pair was kept whole, hidden: it comes back as it was
        writes.update(connection, PAIR, item.pair_id, {"deleted_at": None}, stamp=False)
        writes.delete(connection, TRASH, "id = ?", (trash_id,))
        return view
    require_open(connection, pair)
    cannot = f"cannot restore {view.kind} '{view.label}'"
    try:
        raw = trash_payload.upgrade(connection, item.kind, json.loads(item.payload))
        payload = trash_payload.read(item.kind, raw, f"trash item #{trash_id}")
    except (Invalid, ValueError, KeyError, TypeError) as exc:
        raise Invalid(f"{cannot}: its saved copy is unreadable ({exc})") from None
    table = payload.kind.table
    if connection.execute(f"SELECT 1 FROM {table} WHERE uid = ?", (payload.uid,)).fetchone() is not None:
        raise Invalid(f"{cannot}: it is back already")
    try:
        new_id = trash_payload.put_back(connection, pair.id or 0, payload)
    except Invalid as exc:
        raise Invalid(f"{cannot}: {exc}") from None
    except sqlite3.IntegrityError:
        raise Invalid(f"{cannot}: something it holds is in this journal again") from None
    writes.delete(connection, TRASH, "id = ?", (trash_id,))
    old = payload.ids.get(payload.uid)
    if old is not None and old in payload.moved:
        return view._replace(moved=f"#{old} is another {view.kind}'s now, so it is #{new_id}")
    return view


@action
def empty(connection: sqlite3.Connection, pair: Pair) -> int:
    """Delete for good what the trash lists: the pair's deleted records (not of a closed pair: it is
    read-only) and every deleted pair, with everything under it."""
    own = writes.delete(connection, TRASH, "pair_id = ? AND kind != ?", (pair.id, PAIR_TRASH))
    if own:
        require_open(connection, pair)
    gone = [row[0] for row in connection.execute("SELECT pair_id FROM trash_item WHERE kind = ?", (PAIR_TRASH,))]
    for pair_id in gone:
        writes.delete(connection, PAIR, "id = ? AND deleted_at IS NOT NULL", (pair_id,))  # with all it holds
    return own + len(gone)
