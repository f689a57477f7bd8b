"""A first import: one pair's export into a journal that holds no pair yet, without SQLAlchemy.

Moving to a new machine, or starting from a colleague's export, loads a whole
history into a new file: nothing there can match, update or be replaced, so the
merge (json_import) has nothing to decide and its models only cost time
(loading SQLAlchemy was a quarter of a 10,000-entry import). Here the fields are
checked straight into the form SQLite stores, every record is inserted with one
executemany per table, and the search index is built once, in one transaction.

Anything this path does not cover returns None before anything is written (a new
file may have been made), and the caller runs the merge, which explains or does
it: a journal that already holds a pair or tag, several pairs in one file, history
or trash in it, a record that is not plainly sound, a parent not in the file.
Both paths give the same journal (a test compares them).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from mentorlog.db.creating import create_file
from mentorlog.db.identity import SCHEMA_VERSION, locate, read_identity
from mentorlog.db.quick import connect_current
from mentorlog.db.schema import TABLES
from mentorlog.db.search_index import bulk_load
from mentorlog.errors import Invalid, JournalRefused
from mentorlog.exchange.import_report import Report, contradiction
from mentorlog.exchange.json_fields import KIND_SPECS, LOCAL_ONLY, Plan, declared_field, decode_sound, make_plan
from mentorlog.exchange.json_read import Incoming, IncomingPair, read_document

BULK_CACHE_KIB = -65536  # as json_import: the indexes a large load grows stay in memory


class NotFirst(Exception):
    """The import needs the merge."""


class StoredDecoder:
    """Sound records decoded to the values SQLite stores (json_read.Decoder); anything else is NotFirst."""

    def __init__(self) -> None:
        self.plans, self.has_pair = _plans()

    def values(self, table: str, raw: dict[str, Any], where: str) -> dict[str, Any]:
        found = decode_sound(self.plans[table], raw)
        if found is None:
            raise NotFirst
        return found

    def lists(self, raw: dict[str, Any], where: str) -> tuple[list[Any], list[Any]]:
        raise NotFirst  # history and trash are merged by json_history


def _plans() -> tuple[dict[str, Plan], set[str]]:
    """Each table's fields as the current schema declares them, and which tables hold a pair_id."""
    connection = sqlite3.connect(":memory:")
    try:
        for statement in TABLES:
            connection.execute(statement)
        skipped = {"pair": LOCAL_ONLY, **{spec.table: spec.skipped() for spec in KIND_SPECS}}
        plans, has_pair = {}, set()
        for table, skip in skipped.items():
            described = connection.execute(f"PRAGMA table_info({table})").fetchall()
            fields = [declared_field(row[1], row[2], bool(row[3])) for row in described if row[1] not in skip]
            plans[table] = make_plan(table, fields, stored=True)
            if any(row[1] == "pair_id" for row in described):
                has_pair.add(table)
        return plans, has_pair
    finally:
        connection.close()


def import_first(path: Path, text: str | bytes, source: str, role: str | None) -> Report | None:
    """The report of a first import into the journal at `path`, or None when the merge must do it.

    Invalid (nothing written, its message naming `source`) when the file is not a mentorlog export or
    contradicts itself.
    """
    try:
        version = read_identity(path)
    except JournalRefused:
        return None  # explained by the full open
    if version not in (None, SCHEMA_VERSION) or (version is not None and _holds_a_pair(path)):
        return None  # before reading the file: the merge reads it again
    decoder = StoredDecoder()
    try:
        pairs = read_document(text, source, decoder)
    except NotFirst:
        return None
    if len(pairs) != 1:
        return None
    created = version is None
    if created:
        try:
            create_file(locate(path), shown=path)
        except JournalRefused:
            return None
    connection = connect_current(path)
    if connection is None:
        return None
    try:
        return _load(connection, pairs[0], role, decoder.has_pair)
    except NotFirst:
        return None
    # Busy (after the wait), full or read-only is the command's answer, said by the CLI: the merge
    # would only wait as long again. A journal made for this import and left empty goes again.
    except sqlite3.IntegrityError as exc:
        _forget(path, created, connection)
        raise Invalid(f"{source}: {contradiction(exc)}") from None
    except BaseException:
        _forget(path, created, connection)
        raise
    finally:
        connection.close()


def _forget(path: Path, created: bool, connection: sqlite3.Connection) -> None:
    if not created:
        return
    connection.close()
    real = locate(path)
    for leftover in (real, Path(f"{real}-wal"), Path(f"{real}-shm")):
        leftover.unlink(missing_ok=True)


HOLDS_A_PAIR = "SELECT EXISTS (SELECT 1 FROM pair) OR EXISTS (SELECT 1 FROM tag)"


def _holds_a_pair(path: Path) -> bool:
    """Whether the journal holds a pair (or a tag, which any pair may share): the merge's to import into."""
    connection = connect_current(path)
    if connection is None:
        return True
    try:
        return bool(connection.execute(HOLDS_A_PAIR).fetchone()[0])
    except sqlite3.Error:
        return True
    finally:
        connection.close()


def _load(connection: sqlite3.Connection, pair: IncomingPair, role: str | None, has_pair: set[str]) -> Report:
    connection.execute("BEGIN IMMEDIATE")  # a busy journal waits here, before anything is written
    try:
        if connection.execute(HOLDS_A_PAIR).fetchone()[0]:  # written meanwhile
            raise NotFirst
        connection.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
        with bulk_load(connection):
            report = _Load(connection, has_pair).pair(pair, role)
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:  # a failed COMMIT may have rolled back already
            connection.execute("ROLLBACK")
        raise
    return report


class _Load:
    def __init__(self, connection: sqlite3.Connection, has_pair: set[str]) -> None:
        self.connection = connection
        self.has_pair = has_pair
        self.report = Report()  # its clamped count is the caller's (json_read set it on the pair)
        self.ids: dict[str, dict[str, int]] = {spec.name: {} for spec in KIND_SPECS}

    def pair(self, incoming: IncomingPair, role: str | None) -> Report:
        values = dict(incoming.values)
        if role is not None:
            values["owner_role"] = role
        self.report.clamped = incoming.clamped
        (pair_id,) = self._insert("pair", [values])
        self.report.count("pairs", "added")
        for spec in KIND_SPECS:
            by_name: dict[str, str] = {}
            same_as: dict[str, str] = {}  # a rubric row or tag named twice in the file is one, as in the merge
            new: list[Incoming] = []
            rows: list[dict[str, Any]] = []
            for record in incoming.records[spec.name]:
                if spec.name in ("competencies", "tags"):
                    name = str(record.values["name"]).lower()
                    if name in by_name:
                        same_as[record.uid] = by_name[name]
                        continue
                    by_name[name] = record.uid
                row = record.values | self._parents(spec.parents, record)
                if spec.table in self.has_pair:
                    row["pair_id"] = pair_id
                new.append(record)
                rows.append(row)
            ids = self._insert(spec.table, rows)
            known = self.ids[spec.name]
            known.update(zip((record.uid for record in new), ids, strict=True))
            known.update((uid, known[first]) for uid, first in same_as.items())
            self.report.count(spec.name, "added", len(rows))
            self.report.count(spec.name, "unchanged", len(same_as))
            if spec.name == "entries":
                self._links(new, ids)
        return self.report

    def _parents(self, parents: dict[str, tuple[str, str]], record: Incoming) -> dict[str, int | None]:
        resolved: dict[str, int | None] = {}
        for name, (column, parent_kind) in parents.items():
            uid = record.refs.get(name)
            resolved[column] = None if uid is None else self._id(parent_kind, uid)
        return resolved

    def _id(self, kind: str, uid: str) -> int:
        found = self.ids[kind].get(uid)
        if found is None:
            raise NotFirst  # not in the file: the merge says so
        return found

    def _links(self, entries: list[Incoming], ids: list[int]) -> None:
        tags = {
            name: tag_id
            for name, tag_id in self.connection.execute("SELECT name, id FROM tag")  # all of them: this file's
        }
        tag_rows: list[tuple[int, int]] = []
        goal_rows: list[tuple[int, int]] = []
        for entry, entry_id in zip(entries, ids, strict=True):
            for name in entry.links.get("tags", []):
                if name not in tags:
                    raise NotFirst  # a label the file names only inside an entry: the merge makes it
                tag_rows.append((entry_id, tags[name]))
            goal_rows += [(entry_id, self._id("goals", uid)) for uid in entry.links.get("goals", [])]
        self.connection.executemany("INSERT INTO entry_tag (entry_id, tag_id) VALUES (?, ?)", tag_rows)
        self.connection.executemany("INSERT INTO entry_goal (entry_id, goal_id) VALUES (?, ?)", goal_rows)

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> list[int]:
        """INSERT every row (all with the same keys) with the ids SQLite would give them, in one executemany."""
        if not rows:
            return []
        start = self.connection.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]
        ids = list(range(start, start + len(rows)))
        names = list(rows[0])
        quoted = ", ".join(f'"{name}"' for name in ["id", *names])
        marks = ", ".join("?" for _ in range(len(names) + 1))
        self.connection.executemany(
            f"INSERT INTO {table} ({quoted}) VALUES ({marks})",
            ([row_id, *map(row.__getitem__, names)] for row_id, row in zip(ids, rows, strict=True)),
        )
        return ids
