"""JSON import: merge an export into this journal by uid, as one action.

Importing twice is the same as once; where both sides hold a record, the one with
the newer `updated_at` wins (and the version it replaces is kept, as for any edit).
An entry owns its tags, goal links and ratings: they move with the entry when it
wins. A pair already here under another uid (each person set up their own file) is
recognised by its two names, so a mentee's shared export lands in the mentor's pair.
Nothing is written unless all of it is.

The values come checked into the form SQLite stores (json_fields), so new records go
in as they are, one executemany per kind with the ids SQLite would give them; a large
import rebuilds the search index once instead of refreshing it row by row. Moving a
whole history into a new journal and merging a colleague's export are the same code.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mentorlog import codec
from mentorlog.db import writes
from mentorlog.db.relations import KINDS, Kind
from mentorlog.db.search_index import bulk_load
from mentorlog.db.tables import ALL, ENTRY_GOAL, ENTRY_TAG, PAIR, RATING, TAG, Table
from mentorlog.db.transactions import action
from mentorlog.errors import Invalid
from mentorlog.exchange.import_report import Report, contradiction
from mentorlog.exchange.json_read import IncomingPair, read_document
from mentorlog.exchange.json_record import Incoming
from mentorlog.journal import versions

BULK_FROM = 200  # fewer incoming records than this always go through the triggers
REBUILD_RATIO = 8  # what a row's trigger refresh costs against one entry's share of a rebuild
BULK_CACHE_KIB = -65536  # SQLite's page cache for a large import: 64 MiB (negative: KiB), back after
__all__ = ["Report", "import_pairs", "read_document"]


@action
def import_pairs(connection: sqlite3.Connection, pairs: Iterable[IncomingPair], *, role: str | None = None) -> Report:
    """Write every incoming pair (read_document's) into the journal, all or nothing."""
    pairs = list(pairs)
    (cache,) = connection.execute("PRAGMA cache_size").fetchone()
    report = Report(clamped=sum(pair.clamped for pair in pairs))
    try:
        if _rebuild_search(connection, pairs):
            # A large import touches every page of the indexes it grows: keep them in memory, not spilling.
            connection.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
            with bulk_load(connection):
                for incoming in pairs:
                    _Merge(connection, report).pair(incoming, role)
        else:
            for incoming in pairs:
                _Merge(connection, report).pair(incoming, role)
    except sqlite3.IntegrityError as exc:
        raise contradiction(exc) from None
    finally:
        connection.execute(f"PRAGMA cache_size = {int(cache)}")
    return report


def _rebuild_search(connection: sqlite3.Connection, pairs: list[IncomingPair]) -> bool:
    """Whether to rebuild the search index once rather than keep it in step row by row.

    The triggers refresh an entry's search row for the entry and again for each of its
    ratings and action items (about 0.4 ms each); a rebuild costs about 0.05 ms an entry
    of the whole journal. A large import into a small journal rebuilds; a few records
    into a large one do not.
    """
    incoming = sum(len(records) for pair in pairs for records in pair.records.values())
    if incoming < BULK_FROM:
        return False
    (existing,) = connection.execute("SELECT count(*) FROM entry").fetchone()
    return incoming * REBUILD_RATIO > existing + incoming


@dataclass(frozen=True)
class Stored:
    id: int
    updated_at: str  # as stored: canonical UTC text, which sorts as time
    owner: int | None  # the pair it belongs to (a tag belongs to none)


# How a stored record's pair is found, for the kinds that do not hold it themselves.
OWNER = {
    "tag": ("", "NULL"),
    "milestone": ("JOIN goal p ON p.id = t.goal_id", "p.pair_id"),
    "progress_update": ("JOIN goal p ON p.id = t.goal_id", "p.pair_id"),
    "rating": ("JOIN entry p ON p.id = t.entry_id", "p.pair_id"),
}
MATCHED_BY_NAME = ("competencies", "tags")  # the same thing in two files when their names are


def _marks(values: list[Any]) -> str:
    return ", ".join("?" for _ in values)


class RoleNeeded(Invalid):
    """A pair new to the journal, and no word of whose journal it is."""


class _Merge:
    def __init__(self, connection: sqlite3.Connection, report: Report) -> None:
        self.connection = connection
        self.report = report
        self.ids: dict[str, dict[str, int]] = {kind.name: {} for kind in KINDS}
        self.won_entries: dict[str, Incoming] = {}
        self.new_entries: set[str] = set()  # won by being new here: nothing of theirs to replace
        self.tag_ids: dict[str, int] = {}
        self.pair_id = 0

    def pair(self, incoming: IncomingPair, role: str | None) -> None:
        values = dict(incoming.values)
        found = self._stored_pair(values)
        if found is None:
            if role is None:
                # The file says whose journal it came from, not whose this one is: a mentee's shared
                # export is the mentor's pair too. Guessing would make every default the wrong person's.
                raise RoleNeeded(
                    f"{values['mentor_name']} & {values['mentee_name']} are new to this journal: say whose journal "
                    "this is with --as mentor or --as mentee"
                )
            values["owner_role"] = role
            (self.pair_id,) = self._insert(PAIR, [values])
            self.report.count("pairs", "added")
        else:
            self.pair_id, uid, owner_role, updated_at = found
            local = {"uid": uid, "owner_role": owner_role}  # whose file this is stays true
            self.report.count("pairs", self._apply(PAIR, self.pair_id, updated_at, values | local))
        for kind in KINDS:
            records = incoming.records[kind.name]
            if kind.name == "ratings":
                self._ratings(records)
            else:
                self._records(kind, records)
            if kind.name == "entries":
                self._entry_links()
        if incoming.history or incoming.trash:
            from mentorlog.exchange.json_history import merge as merge_history

            merged = merge_history(self.connection, self.pair_id, incoming.history, incoming.trash)
            for name, (added, unchanged) in merged.items():
                self.report.count(name, "added", added)
                self.report.count(name, "unchanged", unchanged)

    def _stored_pair(self, values: dict[str, Any]) -> tuple[int, str, str, str] | None:
        sql = "SELECT id, uid, owner_role, updated_at FROM pair WHERE "
        found = self.connection.execute(sql + "uid = ?", (values["uid"],)).fetchall()
        if not found:
            found = self.connection.execute(
                sql + "lower(mentor_name) = ? AND lower(mentee_name) = ?",
                (values["mentor_name"].lower(), values["mentee_name"].lower()),
            ).fetchall()
        return found[0] if len(found) == 1 else None

    def _records(self, kind: Kind, records: list[Incoming]) -> None:
        table = ALL[kind.table]
        stored = self._stored(kind, [r.uid for r in records])
        by_local_name = self._names(kind) if kind.name in MATCHED_BY_NAME else {}
        new_rows: list[dict[str, Any]] = []
        new_uids: list[str] = []
        same_as: dict[str, str] = {}  # a second uid for a name already being added
        by_name: dict[str, str] = {}
        has_pair = "pair_id" in table.by_name
        known = self.ids[kind.name]
        for incoming in records:
            values = incoming.values | self._parents(kind, incoming) if kind.parents else dict(incoming.values)
            if has_pair:
                values["pair_id"] = self.pair_id
            found = stored.get(incoming.uid)
            if found is None and kind.name in MATCHED_BY_NAME and _name_key(incoming) in by_local_name:
                found, values["uid"] = by_local_name[_name_key(incoming)]  # matched by name: the local uid stays
            if found is not None:
                if kind.name != "tags" and found.owner != self.pair_id:
                    raise Invalid(f"{incoming.where}: uid {incoming.uid} belongs to another pair in this journal")
                outcome = self._apply(table, found.id, found.updated_at, values)
                known[incoming.uid] = found.id
            elif kind.name in MATCHED_BY_NAME and _name_key(incoming) in by_name:
                same_as[incoming.uid] = by_name[_name_key(incoming)]
                outcome = "unchanged"
            else:
                if kind.name in MATCHED_BY_NAME:
                    by_name[_name_key(incoming)] = incoming.uid
                new_rows.append(values)
                new_uids.append(incoming.uid)
                outcome = "added"
            self.report.count(kind.name, outcome)
            if kind.name == "entries" and outcome != "unchanged":
                self.won_entries[incoming.uid] = incoming
                if outcome == "added":
                    self.new_entries.add(incoming.uid)
        known.update(zip(new_uids, self._insert(table, new_rows), strict=True))
        for uid, first in same_as.items():
            known[uid] = known[first]

    def _names(self, kind: Kind) -> dict[str, tuple[Stored, str]]:
        """Rubric rows of this pair, or every tag, by lower-cased name: as stored, and their uid."""
        if kind.name == "tags":
            rows = self.connection.execute("SELECT name, id, uid, updated_at FROM tag")
            return {name.lower(): (Stored(i, updated, None), uid) for name, i, uid, updated in rows}
        rows = self.connection.execute(
            "SELECT name, id, uid, updated_at FROM competency WHERE pair_id = ?", (self.pair_id,)
        )
        return {name.lower(): (Stored(i, updated, self.pair_id), uid) for name, i, uid, updated in rows}

    def _parents(self, kind: Kind, incoming: Incoming) -> dict[str, int | None]:
        resolved: dict[str, int | None] = {}
        for name, (column, parent_kind) in kind.parents.items():
            uid = incoming.refs.get(name)
            resolved[column] = None if uid is None else self._resolve(parent_kind, uid, incoming, name)
        return resolved

    def _resolve(self, parent_kind: str, uid: str, incoming: Incoming, name: str) -> int:
        known = self.ids[parent_kind].get(uid)
        if known is not None:
            return known
        table = next(kind.table for kind in KINDS if kind.name == parent_kind)
        join, owner = OWNER.get(table, ("", "t.pair_id"))
        found = self.connection.execute(f"SELECT t.id, {owner} FROM {table} t {join} WHERE t.uid = ?", (uid,))
        row = found.fetchone()
        if row is None or row[1] != self.pair_id:
            raise Invalid(f"{incoming.where}: its {name} {uid} is neither in the file nor in this journal")
        self.ids[parent_kind][uid] = int(row[0])
        return int(row[0])

    def _apply(self, table: Table[Any], record_id: int, updated_at: str, values: dict[str, Any]) -> str:
        """The file's version of a record here, if it is newer; the version it replaces is kept."""
        if values["updated_at"] <= updated_at:
            return "unchanged"
        before = versions.state(self.connection, table, record_id)
        with writes.recording():  # the version it replaces is kept below, when it differs
            writes.update(self.connection, table, record_id, values, stamp=False, stored=True)
        assert before is not None
        if any(before.get(name) != _as_json(table, name, value) for name, value in values.items()
               if name not in versions.BOOKKEEPING):  # fmt: skip
            versions.keep(self.connection, table.name, str(before["uid"]), before)
        return "updated"

    def _stored(self, kind: Kind, uids: list[str]) -> dict[str, Stored]:
        """The records here that the file also holds: their id, last change and pair."""
        join, owner = OWNER.get(kind.table, ("", "t.pair_id"))
        found: dict[str, Stored] = {}
        for chunk in writes.chunks(uids):
            sql = (
                f"SELECT t.uid, t.id, t.updated_at, {owner} FROM {kind.table} t {join} WHERE t.uid IN ({_marks(chunk)})"
            )
            for uid, record_id, updated_at, pair_id in self.connection.execute(sql, chunk):
                found[uid] = Stored(int(record_id), updated_at, pair_id)
        return found

    def _insert(self, table: Table[Any], rows: list[dict[str, Any]]) -> list[int]:
        """INSERT every row with the ids SQLite would give them (the write lock is held), in one executemany."""
        if not rows:
            return []
        (start,) = self.connection.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table.name}").fetchone()
        ids = list(range(start, start + len(rows)))
        writes.insert_many(self.connection, table, [{"id": i, **row} for i, row in zip(ids, rows, strict=True)],
                           stored=True)  # fmt: skip
        return ids

    def _entry_links(self) -> None:
        """An entry that won brings its own tags and goal links, replacing the ones here."""
        if not self.won_entries:
            return
        for chunk in writes.chunks(self._replaced()):
            writes.delete(self.connection, ENTRY_TAG, f"entry_id IN ({_marks(chunk)})", chunk)
            writes.delete(self.connection, ENTRY_GOAL, f"entry_id IN ({_marks(chunk)})", chunk)
        tag_rows, goal_rows = [], []
        for uid, incoming in self.won_entries.items():
            entry_id = self.ids["entries"][uid]
            for name in incoming.links.get("tags", []):
                tag_rows.append({"entry_id": entry_id, "tag_id": self._tag_id(name)})
            for goal_uid in incoming.links.get("goals", []):
                goal_rows.append({"entry_id": entry_id, "goal_id": self._resolve("goals", goal_uid, incoming, "goal")})
        writes.insert_many(self.connection, ENTRY_TAG, tag_rows, stored=True)
        writes.insert_many(self.connection, ENTRY_GOAL, goal_rows, stored=True)

    def _replaced(self) -> list[int]:
        """Entries here before the import whose newer version won: their links and ratings are replaced."""
        return [self.ids["entries"][uid] for uid in self.won_entries if uid not in self.new_entries]

    def _tag_id(self, name: str) -> int:
        if name not in self.tag_ids:
            found = self.connection.execute("SELECT id FROM tag WHERE name = ?", (name,)).fetchone()
            # A label named only inside an entry: made, as `log --tag` would make it.
            self.tag_ids[name] = int(found[0]) if found else writes.insert(self.connection, TAG, {"name": name})
        return self.tag_ids[name]

    def _ratings(self, records: list[Incoming]) -> None:
        """Ratings belong to their assessment: they change only when it does, and then all together."""
        won: list[Incoming] = []
        for incoming in records:
            entry_uid = incoming.refs["entry"] or ""
            if entry_uid not in self.ids["entries"]:
                raise Invalid(f"{incoming.where}: its entry {entry_uid} is not in the file")
            if entry_uid in self.won_entries:
                won.append(incoming)
            else:
                self.report.count("ratings", "unchanged")
        before: dict[str, str] = {}
        for chunk in writes.chunks(self._replaced()):
            where = f"entry_id IN ({_marks(chunk)})"
            before.update(self.connection.execute(f"SELECT uid, updated_at FROM rating WHERE {where}", chunk))
            writes.delete(self.connection, RATING, where, chunk)
        kind = next(kind for kind in KINDS if kind.name == "ratings")
        added = []
        for incoming in won:
            values = incoming.values | self._parents(kind, incoming)
            added.append(values)
            old = before.get(incoming.uid)
            outcome = "added" if old is None else "unchanged" if old == values["updated_at"] else "updated"
            self.report.count("ratings", outcome)
        self._insert(RATING, added)


def _name_key(incoming: Incoming) -> str:
    return str(incoming.values["name"]).lower()


def _as_json(table: Table[Any], name: str, stored: Any) -> Any:
    convert = codec.SQL_TO_JSON[table.by_name[name].kind]
    return stored if stored is None or convert is None else convert(stored)
