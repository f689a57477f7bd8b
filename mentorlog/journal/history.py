"""An entry's history, and undoing the last edit of any record (journal.versions keeps the versions)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorlog import codec
from mentorlog.db import writes
from mentorlog.db.tables import ENTRY, REVISION, Table
from mentorlog.db.transactions import reading
from mentorlog.errors import Invalid
from mentorlog.journal.entries import get_entry
from mentorlog.journal.pair_writes import pair_action
from mentorlog.journal.versions import put_back_links
from mentorlog.stamps import utcnow

if TYPE_CHECKING:
    from mentorlog.models import Entry, Pair

# Never put back: what the record is, when it was made, and whose it is.
FIXED = frozenset({"id", "uid", "created_at", "pair_id"})


class Version(NamedTuple):
    saved_at: dt.datetime  # when it was replaced by the next edit
    fields: dict[str, Any]

    @property
    def title(self) -> str:
        return str(self.fields.get("title", ""))


def versions(connection: sqlite3.Connection, table: Table[Any], uid: str) -> list[Version]:
    """The record's earlier versions, newest first."""
    found = REVISION.select(connection, "kind = ? AND record_uid = ?", (table.name, uid), "id DESC")
    return [Version(row.saved_at, json.loads(row.payload)) for row in found]


@reading
def entry_versions(connection: sqlite3.Connection, pair: Pair, entry_id: int) -> list[Version]:
    return versions(connection, ENTRY, get_entry(connection, pair, entry_id).entry.uid)


def undo_last_edit(connection: sqlite3.Connection, table: Table[Any], record_id: int, pair_id: int) -> None:
    """Put the record back as it was before its last edit; that version leaves the history."""
    record = table.get(connection, record_id)
    assert record is not None
    last = REVISION.select(connection, "kind = ? AND record_uid = ?", (table.name, record.uid), "id DESC", limit=1)
    if not last:
        raise Invalid("nothing to undo: it has not been edited since it was written")
    version = json.loads(last[0].payload)
    # A version from another journal (an import) names no local ids; one older than a column lacks it.
    columns = [c for c in table.columns if c.name in version and c.name not in FIXED and not c.name.endswith("_id")]
    try:
        before = {c.name: codec.from_json(c.kind, version[c.name]) for c in columns}
    except (TypeError, ValueError) as exc:
        raise Invalid(f"its earlier version cannot be read ({exc})") from None
    # Undoing is an edit too, as far as a merge elsewhere is concerned; it keeps no version of its own.
    writes.update(connection, table, record_id, before | {"updated_at": utcnow()}, stamp=False)
    writes.delete(connection, REVISION, "id = ?", (last[0].id,))
    if table.name == "entry":
        put_back_links(connection, record_id, pair_id, version)


@pair_action
def undo_entry_edit(connection: sqlite3.Connection, pair: Pair, entry_id: int) -> Entry:
    get_entry(connection, pair, entry_id)  # NotFound for another pair's entry
    undo_last_edit(connection, ENTRY, entry_id, pair.id or 0)
    return get_entry(connection, pair, entry_id).entry
