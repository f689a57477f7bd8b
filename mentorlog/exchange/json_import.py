"""JSON import: merge another export into this journal by uid, in one transaction.

Importing twice is the same as once; where both sides hold a record, the one with
the newer `updated_at` wins. An entry owns its tags, goal links and ratings: they
move with the entry when it wins. A pair already here under another uid (each
person set up their own file) is recognised by its two names, so a mentee's
shared export lands in the mentor's pair. Nothing is written unless all of it is.
New records go in as one executemany per kind on the session's own connection
(db.bulk), not one ORM object and flush each; records here are compared in plain rows
and only those the file changes become ORM objects; a large import rebuilds the
search index once instead of refreshing it row by row. An export into a journal that
holds no pair yet is loaded by json_first_import instead, without the models.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from mentorlog.db import bulk, rows
from mentorlog.db.search_index import bulk_load
from mentorlog.errors import Invalid
from mentorlog.exchange import json_read
from mentorlog.exchange.import_report import ORDER, Report, contradiction
from mentorlog.exchange.json_format import KIND_BY_NAME, KINDS, MODEL_DECODER, Kind
from mentorlog.exchange.json_read import Incoming, IncomingPair
from mentorlog.models import Competency, Entry, EntryGoal, EntryTag, Goal, Pair, Rating, Record, Tag

CHUNK = 500
BULK_FROM = 200  # fewer incoming records than this always go through the triggers
REBUILD_RATIO = 8  # what a row's trigger refresh costs against one entry's share of a rebuild
BULK_CACHE_KIB = -65536  # SQLite's page cache for a large import: 64 MiB (negative: KiB), back after
__all__ = ["ORDER", "Report", "merge", "read_document"]


def read_document(text: str | bytes, source: str) -> list[IncomingPair]:
    """Parse and check a whole export into the models' values before anything is written."""
    return json_read.read_document(text, source, MODEL_DECODER)


def merge(s: Session, pairs: Iterable[IncomingPair], *, role: str | None = None) -> Report:
    """Write every incoming pair into the journal; call inside one `Journal.write()`."""
    pairs = list(pairs)
    s.info["keep_timestamps"] = True
    connection = rows.driver(s)
    cache = connection.execute("PRAGMA cache_size").fetchone()[0]
    try:
        report = Report(clamped=sum(pair.clamped for pair in pairs))
        if _rebuild_search(s, pairs):
            # A large import touches every page of the indexes it grows: keep them in memory, not spilling.
            connection.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
            with bulk_load(connection):
                _merge_pairs(s, report, pairs, role)
        else:
            _merge_pairs(s, report, pairs, role)
        return report
    except (IntegrityError, sqlite3.IntegrityError) as exc:
        raise contradiction(getattr(exc, "orig", None) or exc) from None  # bulk inserts raise sqlite3's own
    finally:
        s.info.pop("keep_timestamps", None)
        connection.execute(f"PRAGMA cache_size = {int(cache)}")


def _merge_pairs(s: Session, report: Report, pairs: list[IncomingPair], role: str | None) -> None:
    for incoming in pairs:
        _Merge(s, report).pair(incoming, role)
    s.flush()


def _rebuild_search(s: Session, pairs: list[IncomingPair]) -> bool:
    """Whether to rebuild the search index once rather than keep it in step row by row.

    The triggers refresh an entry's search row for the entry and again for each of its
    ratings and action items (about 0.4 ms each); a rebuild costs about 0.05 ms an entry
    of the whole journal. A large import into a small journal rebuilds; a few records
    into a large one do not.
    """
    incoming = sum(len(records) for pair in pairs for records in pair.records.values())
    if incoming < BULK_FROM:
        return False
    existing = s.exec(select(func.count()).select_from(Entry)).one()
    return incoming * REBUILD_RATIO > existing + incoming


@dataclass(frozen=True)
class Stored:
    id: int
    updated_at: dt.datetime
    owner: int | None  # the pair it belongs to (a tag belongs to none)


# How a stored record's pair is found, for the kinds that do not hold it themselves.
OWNER = {
    "tag": ("", "NULL"),
    "milestone": ("JOIN goal p ON p.id = t.goal_id", "p.pair_id"),
    "progress_update": ("JOIN goal p ON p.id = t.goal_id", "p.pair_id"),
    "rating": ("JOIN entry p ON p.id = t.entry_id", "p.pair_id"),
}


class _Merge:
    def __init__(self, s: Session, report: Report) -> None:
        self.s = s
        self.report = report
        self.ids: dict[str, dict[str, int]] = {kind.name: {} for kind in KINDS}
        self.won_entries: dict[str, Incoming] = {}
        self.new_entries: set[str] = set()  # won by being new here: nothing of theirs to replace
        self.tag_ids: dict[str, int] = {}
        self.pair_id = 0

    def pair(self, incoming: IncomingPair, role: str | None) -> None:
        values = dict(incoming.values)
        pair = self.s.exec(select(Pair).where(Pair.uid == values["uid"])).first() or self._pair_by_names(values)
        if pair is None:
            if role is not None:
                values["owner_role"] = role
            pair = Pair(**values)
            self.s.add(pair)
            self.report.count("pairs", "added")
        else:
            local = {"uid": pair.uid, "owner_role": pair.owner_role}  # whose file this is stays true
            self.report.count("pairs", self._apply(pair, values | local))
        self.s.flush()
        self.pair_id = int(pair.id or 0)
        for kind in KINDS:
            records = incoming.records[kind.name]
            if kind.model is Rating:
                self._ratings(records)
            else:
                self._records(kind, records)
            self.s.flush()
            if kind.model is Entry:
                self._entry_links()
        if incoming.history or incoming.trash:
            from mentorlog.exchange.json_history import merge as merge_history

            for name, (added, unchanged) in merge_history(
                self.s, self.pair_id, incoming.history, incoming.trash
            ).items():
                self.report.counts[name].added += added
                self.report.counts[name].unchanged += unchanged

    def _pair_by_names(self, values: dict[str, Any]) -> Pair | None:
        found = self.s.exec(
            select(Pair).where(
                func.lower(Pair.mentor_name) == values["mentor_name"].lower(),
                func.lower(Pair.mentee_name) == values["mentee_name"].lower(),
            )
        ).all()
        return found[0] if len(found) == 1 else None

    def _records(self, kind: Kind, records: list[Incoming]) -> None:
        stored = self._stored(kind, [r.uid for r in records])
        # Only the records this file changes become ORM objects: a second import changes none.
        newer = [
            stored[r.uid].id for r in records if r.uid in stored and r.values["updated_at"] > stored[r.uid].updated_at
        ]
        existing = self._loaded(kind.model, newer)
        new_rows: list[dict[str, Any]] = []
        new_uids: list[str] = []
        same_as: dict[str, str] = {}  # a second uid for a name already being added
        by_name: dict[str, str] = {}
        has_pair = "pair_id" in kind.model.__table__.columns  # type: ignore[attr-defined]
        for incoming in records:
            found = stored.get(incoming.uid)
            record = existing.get(found.id) if found else self._natural(kind, incoming)
            values = incoming.values | self._parents(kind, incoming)
            if has_pair:
                values["pair_id"] = self.pair_id
            if found is not None and record is None:  # here already, and not older than the file's
                if kind.model is not Tag and found.owner != self.pair_id:
                    raise Invalid(f"{incoming.where}: uid {incoming.uid} belongs to another pair in this journal")
                outcome = "unchanged"
                self.ids[kind.name][incoming.uid] = found.id
            elif record is not None:
                self._check_owner(kind, record, incoming)
                values["uid"] = record.uid  # matched by name: the local uid stays
                outcome = self._apply(record, values)
                self.ids[kind.name][incoming.uid] = int(record.id or 0)
            elif kind.model in (Competency, Tag) and _name_key(incoming) in by_name:
                same_as[incoming.uid] = by_name[_name_key(incoming)]
                outcome = "unchanged"
            else:
                if kind.model in (Competency, Tag):
                    by_name[_name_key(incoming)] = incoming.uid
                new_rows.append(values)
                new_uids.append(incoming.uid)
                outcome = "added"
            self.report.count(kind.name, outcome)
            if kind.model is Entry and outcome != "unchanged":
                self.won_entries[incoming.uid] = incoming
                if outcome == "added":
                    self.new_entries.add(incoming.uid)
        table = kind.model.__table__  # type: ignore[attr-defined]
        connection = rows.driver(self.s)
        bulk.insert_rows(connection, table, new_rows)
        for start in range(0, len(new_uids), CHUNK):
            chunk = new_uids[start : start + CHUNK]
            marks = ", ".join("?" for _ in chunk)
            for uid, record_id in connection.execute(f"SELECT uid, id FROM {table.name} WHERE uid IN ({marks})", chunk):
                self.ids[kind.name][uid] = int(record_id)
        for uid, first in same_as.items():
            self.ids[kind.name][uid] = self.ids[kind.name][first]

    def _natural(self, kind: Kind, incoming: Incoming) -> Record | None:
        """Rubric competencies and tags are the same thing in two files when their names are."""
        if kind.model is Competency:
            return self.s.exec(
                select(Competency).where(
                    Competency.pair_id == self.pair_id,
                    func.lower(Competency.name) == incoming.values["name"].lower(),
                )
            ).first()
        if kind.model is Tag:
            return self.s.exec(select(Tag).where(Tag.name == incoming.values["name"])).first()
        return None

    def _check_owner(self, kind: Kind, record: Record, incoming: Incoming) -> None:
        if kind.model is not Tag and _pair_of(self.s, record) != self.pair_id:
            raise Invalid(f"{incoming.where}: uid {incoming.uid} belongs to another pair in this journal")

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
        model = KIND_BY_NAME[parent_kind].model
        record = self.s.exec(select(model).where(model.uid == uid)).first()
        owner = _pair_of(self.s, record)
        if record is None or owner != self.pair_id:
            raise Invalid(f"{incoming.where}: its {name} {uid} is neither in the file nor in this journal")
        self.ids[parent_kind][uid] = int(record.id or 0)
        return int(record.id or 0)

    def _apply(self, record: Record, values: dict[str, Any]) -> str:
        if values["updated_at"] <= record.updated_at:
            return "unchanged"
        for name, value in values.items():
            setattr(record, name, value)
        self.s.add(record)
        return "updated"

    def _stored(self, kind: Kind, uids: list[str]) -> dict[str, Stored]:
        """The records here that the file also holds: their id, last change and pair, in plain rows."""
        join, owner = OWNER.get(kind.table, ("", "t.pair_id"))
        connection = rows.driver(self.s)
        found: dict[str, Stored] = {}
        for start in range(0, len(uids), CHUNK):
            chunk = uids[start : start + CHUNK]
            marks = ", ".join("?" for _ in chunk)
            sql = f"SELECT t.uid, t.id, t.updated_at, {owner} FROM {kind.table} t {join} WHERE t.uid IN ({marks})"
            for uid, record_id, updated_at, pair_id in connection.execute(sql, chunk):
                found[uid] = Stored(int(record_id), dt.datetime.fromisoformat(updated_at), pair_id)
        return found

    def _loaded(self, model: type[Record], ids: list[int]) -> dict[int, Record]:
        """The records the file changes, as ORM objects (an update keeps the version before it)."""
        found: dict[int, Record] = {}
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            for record in self.s.exec(select(model).where(col(model.id).in_(chunk))):
                found[int(record.id or 0)] = record
        return found

    def _entry_links(self) -> None:
        """An entry that won brings its own tags and goal links, replacing the ones here."""
        if not self.won_entries:
            return
        entry_ids = self._replaced()
        for start in range(0, len(entry_ids), CHUNK):
            chunk = entry_ids[start : start + CHUNK]
            self.s.exec(delete(EntryTag).where(col(EntryTag.entry_id).in_(chunk)))
            self.s.exec(delete(EntryGoal).where(col(EntryGoal.entry_id).in_(chunk)))
        tag_rows, goal_rows = [], []
        for uid, incoming in self.won_entries.items():
            entry_id = self.ids["entries"][uid]
            for name in incoming.links.get("tags", []):
                tag_rows.append({"entry_id": entry_id, "tag_id": self._tag_id(name)})
            for goal_uid in incoming.links.get("goals", []):
                goal_rows.append({"entry_id": entry_id, "goal_id": self._resolve("goals", goal_uid, incoming, "goal")})
        connection = rows.driver(self.s)
        bulk.insert_rows(connection, EntryTag.__table__, tag_rows)  # type: ignore[attr-defined]
        bulk.insert_rows(connection, EntryGoal.__table__, goal_rows)  # type: ignore[attr-defined]

    def _replaced(self) -> list[int]:
        """Entries here before the import whose newer version won: their links and ratings are replaced."""
        return [self.ids["entries"][uid] for uid in self.won_entries if uid not in self.new_entries]

    def _tag_id(self, name: str) -> int:
        if name not in self.tag_ids:
            tag = self.s.exec(select(Tag).where(Tag.name == name)).first()
            if tag is None:  # a label named only inside an entry: make it, as `log --tag` would
                tag = Tag(name=name)
                self.s.add(tag)
                self.s.flush()
            self.tag_ids[name] = int(tag.id or 0)
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
        entry_ids = self._replaced()
        before: dict[str, Any] = {}
        for start in range(0, len(entry_ids), CHUNK):
            chunk = entry_ids[start : start + CHUNK]
            before.update(
                self.s.exec(select(Rating.uid, Rating.updated_at).where(col(Rating.entry_id).in_(chunk))).all()
            )
            self.s.exec(delete(Rating).where(col(Rating.entry_id).in_(chunk)))
        added = []
        for incoming in won:
            values = incoming.values | self._parents(KIND_BY_NAME["ratings"], incoming)
            added.append(values)
            old = before.get(incoming.uid)
            outcome = "added" if old is None else "unchanged" if old == values["updated_at"] else "updated"
            self.report.count("ratings", outcome)
        bulk.insert_rows(rows.driver(self.s), Rating.__table__, added)  # type: ignore[attr-defined]


def _name_key(incoming: Incoming) -> str:
    return str(incoming.values["name"]).lower()


def _pair_of(s: Session, record: Record | None) -> int | None:
    if record is None:
        return None
    if isinstance(record, Tag):
        return None
    pair_id = getattr(record, "pair_id", None)
    if pair_id is not None:
        return int(pair_id)
    goal_id = getattr(record, "goal_id", None)
    if goal_id is not None:
        goal = s.get(Goal, goal_id)
        return None if goal is None else goal.pair_id
    entry_id = getattr(record, "entry_id", None)
    entry = s.get(Entry, entry_id) if entry_id is not None else None
    return None if entry is None else entry.pair_id
