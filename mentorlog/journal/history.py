"""Any record's history: its earlier versions, undoing its last edit, putting an earlier version back.

journal.versions keeps a version at every edit, of every kind of record; this is how the
user reaches them, one way for all kinds: a kind names its table, how a record of it is
found in a pair (so another pair's record is "not found"), and how it is named in what an
undo says.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorlog import codec
from mentorlog.db import writes
from mentorlog.db.relations import LOCAL_ONLY
from mentorlog.db.tables import ACTION, COMPETENCY, ENTRY, GOAL, MILESTONE, PAIR, PROGRESS, REVISION, Table
from mentorlog.db.transactions import reading
from mentorlog.errors import Invalid, NotFound
from mentorlog.journal import pairs as pairs_
from mentorlog.journal import versions as versions_
from mentorlog.journal.entries import get_entry
from mentorlog.journal.pair_writes import pair_action
from mentorlog.journal.versions import BOOKKEEPING, put_back_links
from mentorlog.stamps import utcnow
from mentorlog.words import listed

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


class Kind(NamedTuple):
    table: Table[Any]
    find: Callable[[sqlite3.Connection, Pair, int], Any]  # the pair's record, or NotFound
    name: Callable[[Any], str]  # the record as a message names it


def _kinds() -> dict[str, Kind]:
    from mentorlog.journal import actions, goals, rubric

    return {
        "entry": Kind(ENTRY, lambda s, p, i: get_entry(s, p, i).entry, lambda e: f"{e.kind} “{e.title}”"),
        "goal": Kind(GOAL, goals.get_goal, lambda g: f"goal #{g.id} “{g.title}”"),
        "milestone": Kind(MILESTONE, goals.get_milestone, lambda m: f"the milestone “{m.title}”"),
        "progress_update": Kind(PROGRESS, goals.get_progress, lambda u: f"the progress update of {u.on}"),
        "action_item": Kind(ACTION, actions.get_action, lambda a: f"the action item “{a.text}”"),
        "competency": Kind(COMPETENCY, rubric.get_competency, lambda c: f"the competency “{c.name}”"),
    }


KINDS = ("entry", "goal", "milestone", "progress_update", "action_item", "competency")


def _kind(kind: str) -> Kind:
    found = _kinds().get(kind)
    if found is None:
        raise Invalid(f"no history is kept of a {kind!r}; of {', '.join(KINDS)}")
    return found


@reading
def record_versions(connection: sqlite3.Connection, pair: Pair, kind: str, record_id: int) -> list[Version]:
    """The pair's record's earlier versions, newest first; NotFound if the pair has no such record."""
    found = _kind(kind)
    return versions(connection, found.table, found.find(connection, pair, record_id).uid)


@reading
def entry_versions(connection: sqlite3.Connection, pair: Pair, entry_id: int) -> list[Version]:
    return record_versions(connection, pair, "entry", entry_id)


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


class Undone(NamedTuple):
    """What an undo did, in words: "goal #3 “Transitions”: its title and due date are as they were"."""

    what: str
    fields: tuple[str, ...]

    def __str__(self) -> str:
        if not self.fields:
            return f"Undid the last edit of {self.what}"
        return f"Undid the last edit of {self.what}: its {listed(list(self.fields), 'and')} as before"


@pair_action
def undo_edit(connection: sqlite3.Connection, pair: Pair, kind: str, record_id: int) -> Undone:
    """Undo the last edit of the pair's record of `kind` (a tick, a correction, a status); Invalid if it has
    none; says which fields went back."""
    found = _kind(kind)
    before = versions_.state(connection, found.table, found.find(connection, pair, record_id).id)
    undo_last_edit(connection, found.table, record_id, pair.id or 0)
    after = versions_.state(connection, found.table, record_id)
    assert before is not None and after is not None
    changed = tuple(_words(name) for name in before if name not in BOOKKEEPING and before[name] != after.get(name))
    return Undone(found.name(found.find(connection, pair, record_id)), changed)


def _words(column: str) -> str:
    """A column as a sentence names it: `due_on` the due date, `on` the date."""
    if column == "on" or column.endswith("_on"):
        return (column.removesuffix("on").replace("_", " ") + "date").strip()
    return column.replace("_", " ")


@pair_action
def undo_entry_edit(connection: sqlite3.Connection, pair: Pair, entry_id: int) -> Entry:
    undo_edit(connection, pair, "entry", entry_id)
    return get_entry(connection, pair, entry_id).entry
