"""What a trash item holds: the deleted rows in the exchange shape, naming everything by uid.

Rows are written as a JSON export writes them (`"goal": "<uid>"`, tag names, goal
uids), never by local integer id: ids are reused once freed, and a trash item can
travel to another journal (`export --with-history`) and still be restored there.
Items written before this shape (version 1 held local ids) are translated on read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, insert, update
from sqlmodel import Session, SQLModel, col, select

from mentorlog.errors import Invalid
from mentorlog.exchange.json_format import KIND_BY_NAME, MODEL_DECODER, Kind, encode
from mentorlog.exchange.json_read import Incoming, read_record
from mentorlog.models import (
    ActionItem,
    Competency,
    Entry,
    EntryGoal,
    EntryTag,
    Goal,
    Milestone,
    Pair,
    ProgressUpdate,
    Rating,
    Record,
    Tag,
    key,
)

VERSION = 2
KIND_OF_TABLE: dict[str, Kind] = {
    str(kind.model.__tablename__): kind
    for kind in KIND_BY_NAME.values()
    if kind.model in (Entry, Goal, Milestone, ProgressUpdate, ActionItem)
}
# What goes with a deleted record: lists of rows, each named for its kind.
DEPENDANTS: dict[str, tuple[str, ...]] = {"entry": ("ratings",), "goal": ("milestones", "progress_updates")}
# Links to records that stay: payload key -> what the strings in it are.
LINK_LISTS: dict[str, tuple[str, ...]] = {"entry": ("tags", "goals", "actions"), "goal": ("entries",)}
# A version-1 link to a record that is gone: a uid nothing has, so restoring says what is missing.
GONE = "-"


@dataclass
class Payload:
    kind: Kind
    record: Incoming
    rows: dict[str, list[Incoming]] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)


def build(s: Session, record: Record) -> dict[str, Any]:
    """The payload for deleting `record`: it, its dependants, and its links, by uid."""
    table = str(record.__table__.name)  # type: ignore[attr-defined]
    payload: dict[str, Any] = {"v": VERSION, "record": _row(s, KIND_OF_TABLE[table], record)}
    if isinstance(record, Entry):
        ratings = s.exec(select(Rating).where(Rating.entry_id == record.id))
        payload["ratings"] = [_row(s, KIND_BY_NAME["ratings"], rating) for rating in ratings]
        payload["tags"] = sorted(
            s.exec(
                select(Tag.name)
                .join(EntryTag, col(EntryTag.tag_id) == col(Tag.id))
                .where(EntryTag.entry_id == record.id)
            )
        )
        payload["goals"] = sorted(
            s.exec(
                select(Goal.uid)
                .join(EntryGoal, col(EntryGoal.goal_id) == col(Goal.id))
                .where(EntryGoal.entry_id == record.id)
            )
        )
        payload["actions"] = sorted(s.exec(select(ActionItem.uid).where(ActionItem.entry_id == record.id)))
    elif isinstance(record, Goal):
        for name, model in (("milestones", Milestone), ("progress_updates", ProgressUpdate)):
            rows = s.exec(select(model).where(model.goal_id == record.id))
            payload[name] = [_row(s, KIND_BY_NAME[name], row) for row in rows]
        payload["entries"] = sorted(
            s.exec(
                select(Entry.uid)
                .join(EntryGoal, col(EntryGoal.entry_id) == col(Entry.id))
                .where(EntryGoal.goal_id == record.id)
            )
        )
    return payload


def read(table: str, payload: Any, where: str) -> Payload:
    """A checked payload (from this journal or an imported file); Invalid says what is wrong."""
    kind = KIND_OF_TABLE.get(table)
    if kind is None:
        raise Invalid(f"{where}: kind must be one of {', '.join(KIND_OF_TABLE)} (not {table!r:.40})")
    if not isinstance(payload, dict) or payload.get("v") != VERSION:
        raise Invalid(f"{where}: not a version-{VERSION} trash payload")
    parsed = Payload(kind, read_record(kind, payload.get("record"), f"{where}.record", MODEL_DECODER))
    for name in DEPENDANTS.get(table, ()):
        rows = payload.get(name, [])
        if not isinstance(rows, list):
            raise Invalid(f"{where}.{name} must be a list")
        parsed.rows[name] = [
            read_record(KIND_BY_NAME[name], row, f"{where}.{name}[{i}]", MODEL_DECODER) for i, row in enumerate(rows)
        ]
    for name in LINK_LISTS.get(table, ()):
        links = payload.get(name, [])
        if not isinstance(links, list) or not all(isinstance(x, str) and x.strip() for x in links):
            raise Invalid(f"{where}.{name} must be a list of texts")
        parsed.links[name] = links
    return parsed


def upgrade(s: Session, table: str, payload: dict[str, Any]) -> dict[str, Any]:
    """A version-1 payload (local ids) in the current shape, looked up in this journal."""
    if payload.get("v") == VERSION:
        return payload
    kind = KIND_OF_TABLE[table]
    record = payload["record"]
    out: dict[str, Any] = {"v": VERSION, "record": _v1_row(s, kind, record)}
    if table == "entry":
        out["ratings"] = [
            _v1_row(s, KIND_BY_NAME["ratings"], r) | {"entry": record["uid"]} for r in payload.get("ratings", [])
        ]
        out["tags"] = _uids(s, Tag, payload.get("tags", []), Tag.name)
        out["goals"] = _uids(s, Goal, payload.get("goals", []))
        out["actions"] = _uids(s, ActionItem, payload.get("actions", []))
    elif table == "goal":
        for name in ("milestones", "progress_updates"):
            out[name] = [_v1_row(s, KIND_BY_NAME[name], r) | {"goal": record["uid"]} for r in payload.get(name, [])]
        out["entries"] = _uids(s, Entry, payload.get("entries", []))
    return out


def _row(s: Session, kind: Kind, record: Record) -> dict[str, Any]:
    row = encode(record, kind.columns)
    for name, (column, parent_kind) in kind.parents.items():
        parent_id = getattr(record, column)
        row[name] = _uid_of(s, KIND_BY_NAME[parent_kind].model, parent_id)
    return row


def _v1_row(s: Session, kind: Kind, row: dict[str, Any]) -> dict[str, Any]:
    out = {name: value for name, value in row.items() if name not in ("id", "pair_id")}
    for name, (column, parent_kind) in kind.parents.items():
        parent_id = out.pop(column, None)
        uid = _uid_of(s, KIND_BY_NAME[parent_kind].model, parent_id)
        out[name] = uid if uid is not None or name in kind.optional_parents else GONE
    return out


def _uid_of(s: Session, model: type[Record], record_id: int | None) -> str | None:
    if record_id is None:
        return None
    found = s.get(model, record_id)
    return None if found is None else found.uid


def _uids(s: Session, model: type[Record], ids: list[int], column: Any = None) -> list[str]:
    wanted = column if column is not None else model.uid
    return sorted(str(x) for x in s.exec(select(wanted).where(col(model.id).in_(ids))))


def put_back(s: Session, pair: Pair, payload: Payload) -> None:
    """Insert the record and its dependants again, and re-link what still exists."""
    model = payload.kind.model
    new_id = _put_back(s, pair, payload.kind, payload.record, {})
    if model is Entry:
        for rating in payload.rows["ratings"]:
            competency = _local_id(s, Competency, rating.refs["competency"], pair)
            if competency is not None:  # a rubric row removed since: that rating cannot come back
                _put_back(s, pair, KIND_BY_NAME["ratings"], rating, {"entry_id": new_id, "competency_id": competency})
        tag_ids = [_tag_id(s, name) for name in payload.links["tags"]]
        _link(s, EntryTag, [{"entry_id": new_id, "tag_id": tag_id} for tag_id in tag_ids])
        goal_ids = _local_ids(s, Goal, payload.links["goals"], pair)
        _link(s, EntryGoal, [{"entry_id": new_id, "goal_id": goal_id} for goal_id in goal_ids])
        # Its action items stayed, unlinked; link back the ones still here (not an edit of theirs).
        s.exec(
            update(_table(ActionItem))
            .where(col(ActionItem.uid).in_(payload.links["actions"]), col(ActionItem.entry_id).is_(None))
            .values(entry_id=new_id)
        )
    elif model is Goal:
        for name in ("milestones", "progress_updates"):
            for row in payload.rows[name]:
                _put_back(s, pair, KIND_BY_NAME[name], row, {"goal_id": new_id})
        entry_ids = _local_ids(s, Entry, payload.links["entries"], pair)
        _link(s, EntryGoal, [{"entry_id": entry_id, "goal_id": new_id} for entry_id in entry_ids])


def _put_back(s: Session, pair: Pair, kind: Kind, row: Incoming, parents: dict[str, int]) -> int:
    values = dict(row.values) | parents
    for name, (column, parent_kind) in kind.parents.items():
        if column in values:
            continue
        uid = row.refs.get(name)
        parent = None if uid is None else _local_id(s, KIND_BY_NAME[parent_kind].model, uid, pair)
        if parent is None and name not in kind.optional_parents:
            raise Invalid(f"what it belonged to was deleted too (restore its {name} first)")
        values[column] = parent
    table = _table(kind.model)
    if "pair_id" in table.columns:
        values["pair_id"] = key(pair)
    inserted = s.exec(insert(table).values(**values)).inserted_primary_key
    assert inserted is not None
    return int(inserted[0])


def _local_id(s: Session, model: type[Record], uid: str | None, pair: Pair) -> int | None:
    found = _local_ids(s, model, [uid] if uid else [], pair)
    return found[0] if found else None


def _local_ids(s: Session, model: type[Record], uids: list[str], pair: Pair) -> list[int]:
    """The ids, in this pair, of the records with these uids that still exist."""
    return [int(x or 0) for x in s.exec(select(model.id).where(col(model.uid).in_(uids), model.pair_id == pair.id))]  # type: ignore[attr-defined]


def _tag_id(s: Session, name: str) -> int:
    tag = s.exec(select(Tag).where(Tag.name == name)).first()
    if tag is None:  # a label removed since: bring it back with the entry
        tag = Tag(name=name)
        s.add(tag)
        s.flush()
    return key(tag)


def _link(s: Session, link: type[SQLModel], rows: list[dict[str, int]]) -> None:
    if rows:
        s.exec(insert(_table(link)), params=rows)


def _table(model: type[SQLModel]) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table
