"""An entry's history, and undoing the last edit of any record (journal.versions keeps the versions)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorlog import codec
from mentorlog.db import writes
from mentorlog.db.relations import LOCAL_ONLY
from mentorlog.db.tables import ENTRY, PAIR, REVISION, Table
from mentorlog.db.transactions import reading
from mentorlog.errors import Invalid, NotFound
from mentorlog.journal import pairs as pairs_
from mentorlog.journal import versions as versions_
from mentorlog.journal.entries import get_entry
from mentorlog.journal.pair_writes import pair_action
from mentorlog.journal.versions import BOOKKEEPING, put_back_links
from mentorlog.stamps import utcnow

if TYPE_CHECKING:
    from mentorlog.models import Entry, Pair

# Never put back: what the record is, when it was made, and whose it is.
FIXED = frozenset({"id", "uid", "created_at", "pair_id"})


class Version(NamedTuple):
    saved_at: dt.datetime  # when it was replaced by the next edit
    fields: dict[str, Any]
    id: int = 0  # the revision that keeps it

    @property
    def title(self) -> str:
        return str(self.fields.get("title", ""))


def versions(connection: sqlite3.Connection, table: Table[Any], uid: str) -> list[Version]:
    """The record's earlier versions, newest first."""
    found = REVISION.select(connection, "kind = ? AND record_uid = ?", (table.name, uid), "id DESC")
    return [Version(row.saved_at, json.loads(row.payload), row.id or 0) for row in found]


@reading
def entry_versions(connection: sqlite3.Connection, pair: Pair, entry_id: int) -> list[Version]:
    return versions(connection, ENTRY, get_entry(connection, pair, entry_id).entry.uid)


@reading
def pair_versions(connection: sqlite3.Connection, pair: Pair) -> list[Version]:
    """The pair's earlier versions (its agreement's among them), newest first."""
    return versions(connection, PAIR, pair.uid)


def _restorable(table: Table[Any], version: dict[str, Any]) -> dict[str, Any]:
    """A version's columns as they can be put back: not what the record is, nor local ids or bookkeeping."""
    columns = [c for c in table.columns if c.name in version and c.name not in FIXED and not c.name.endswith("_id")
               and c.name not in BOOKKEEPING and c.name not in LOCAL_ONLY]  # fmt: skip
    try:
        return {c.name: codec.from_json(c.kind, version[c.name]) for c in columns}
    except (TypeError, ValueError) as exc:
        raise Invalid(f"that earlier version cannot be read ({exc})") from None


@pair_action
def restore_pair_version(connection: sqlite3.Connection, pair: Pair, revision_id: int) -> Pair:
    """Put the pair back as a chosen earlier version had it (its agreement, names, cadence...): an edit
    like any other, so what it replaces is kept as a version too. Its closing is not a version's to undo."""
    found = REVISION.one(connection, "id = ? AND kind = ? AND record_uid = ?", (revision_id, "pair", pair.uid))
    if found is None:
        raise NotFound(f"no earlier version #{revision_id} of {pair.ref}")
    values = _restorable(PAIR, json.loads(found.payload))
    # Closed, archived, deleted or chosen is the pair's life (and this journal's choice), not a text to restore.
    for kept in ("ended_on", "end_reason", "archived_on", "deleted_at", "chosen_at"):
        values.pop(kept, None)
    versions_.edit(connection, PAIR, pair.id or 0, values)
    return pairs_.get_pair(connection, pair.id or 0)


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
    with writes.recording():  # the version it goes back to leaves the history: it is the record again
        writes.update(connection, table, record_id, before | {"updated_at": utcnow()}, stamp=False)
    writes.delete(connection, REVISION, "id = ?", (last[0].id,))
    if table.name == "entry":
        put_back_links(connection, record_id, pair_id, version)


@pair_action
def undo_entry_edit(connection: sqlite3.Connection, pair: Pair, entry_id: int) -> Entry:
    get_entry(connection, pair, entry_id)  # NotFound for another pair's entry
    undo_last_edit(connection, ENTRY, entry_id, pair.id or 0)
    return get_entry(connection, pair, entry_id).entry
