"""Deleting moves a record, with everything that went with it, to a trash it can be restored from.

A trash item holds the rows as they were (through the exchange encoder, so dates
and lists survive JSON) and the links that pointed at them: restoring puts them
back with their uids, re-links what still exists, and takes new ids only if the
old ones have been reused meanwhile.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, insert, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from mentorlog.errors import Invalid, NotFound
from mentorlog.models import (
    ActionItem,
    Entry,
    EntryGoal,
    EntryTag,
    Goal,
    Milestone,
    Pair,
    ProgressUpdate,
    Rating,
    Record,
    SQLModel,
    Tag,
    TrashItem,
    key,
)

KIND_NAMES = {"entry": "entry", "goal": "goal", "milestone": "milestone",
              "progress_update": "progress update", "action_item": "action item"}  # fmt: skip


@dataclass(frozen=True)
class TrashView:
    id: int
    kind: str
    label: str
    deleted_at: str


def _table(model: type[SQLModel]) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


def _rows(records: list[Any]) -> list[dict[str, Any]]:
    from mentorlog.exchange.json_format import encode  # only deleting pays for the exchange codec

    return [encode(record, list(_table(type(record)).columns)) for record in records]


def discard(s: Session, pair: Pair, record: Record, label: str) -> TrashItem:
    """Put `record` (and what depends on it) in the trash, then delete it; part of the caller's transaction."""
    kind = str(_table(type(record)).name)
    payload: dict[str, Any] = {"record": _rows([record])[0]}
    if isinstance(record, Entry):
        payload["ratings"] = _rows(list(s.exec(select(Rating).where(Rating.entry_id == record.id))))
        payload["tags"] = [link.tag_id for link in s.exec(select(EntryTag).where(EntryTag.entry_id == record.id))]
        payload["goals"] = [link.goal_id for link in s.exec(select(EntryGoal).where(EntryGoal.entry_id == record.id))]
        payload["actions"] = [a.id for a in s.exec(select(ActionItem).where(ActionItem.entry_id == record.id))]
    elif isinstance(record, Goal):
        payload["milestones"] = _rows(list(s.exec(select(Milestone).where(Milestone.goal_id == record.id))))
        payload["progress_updates"] = _rows(
            list(s.exec(select(ProgressUpdate).where(ProgressUpdate.goal_id == record.id)))
        )
        payload["entries"] = [link.entry_id for link in s.exec(select(EntryGoal).where(EntryGoal.goal_id == record.id))]
    item = TrashItem(pair_id=key(pair), kind=kind, label=label, payload=json.dumps(payload, ensure_ascii=False))
    s.add(item)
    s.delete(record)
    s.flush()
    return item


def list_trash(s: Session, pair: Pair) -> list[TrashView]:
    items = s.exec(select(TrashItem).where(TrashItem.pair_id == pair.id).order_by(col(TrashItem.id).desc()))
    return [
        TrashView(
            key(item),
            KIND_NAMES.get(item.kind, item.kind),
            item.label,
            f"{item.deleted_at.astimezone():%Y-%m-%d %H:%M}",
        )
        for item in items
    ]


def restore(s: Session, pair: Pair, trash_id: int) -> TrashView:
    """Put a trashed record back; Invalid if what it belonged to is gone too."""
    item = s.get(TrashItem, trash_id)
    if item is None or item.pair_id != pair.id:
        raise NotFound(f"no item #{trash_id} in the trash (see 'mentorlog trash list')")
    view = TrashView(trash_id, KIND_NAMES.get(item.kind, item.kind), item.label, str(item.deleted_at))
    payload = json.loads(item.payload)
    models = {m.__tablename__: m for m in (Entry, Goal, Milestone, ProgressUpdate, ActionItem)}
    model = models[item.kind]
    try:
        new_id = _put_back(s, model, payload["record"], {})
        if model is Entry:
            for rating in payload.get("ratings", []):
                _put_back(s, Rating, rating, {"entry_id": new_id})
            _relink(s, EntryTag, "entry_id", new_id, "tag_id", Tag, payload.get("tags", []))
            _relink(s, EntryGoal, "entry_id", new_id, "goal_id", Goal, payload.get("goals", []))
            # Its action items stayed, unlinked; link back the ones still here (not an edit of theirs).
            s.exec(
                update(_table(ActionItem))
                .where(col(ActionItem.id).in_(payload.get("actions", [])), col(ActionItem.entry_id).is_(None))
                .values(entry_id=new_id)
            )
        elif model is Goal:
            for row in payload.get("milestones", []):
                _put_back(s, Milestone, row, {"goal_id": new_id})
            for row in payload.get("progress_updates", []):
                _put_back(s, ProgressUpdate, row, {"goal_id": new_id})
            _relink(s, EntryGoal, "goal_id", new_id, "entry_id", Entry, payload.get("entries", []))
        s.delete(item)
        s.flush()
    except IntegrityError:
        raise Invalid(
            f"cannot restore {view.kind} '{view.label}': what it belonged to was deleted too, "
            "or it is back already (restore that first)"
        ) from None
    return view


def empty(s: Session, pair: Pair) -> int:
    items = list(s.exec(select(TrashItem).where(TrashItem.pair_id == pair.id)))
    for item in items:
        s.delete(item)
    s.flush()
    return len(items)


def _put_back(s: Session, model: type[SQLModel], row: dict[str, Any], parents: dict[str, int]) -> int:
    table = _table(model)
    from mentorlog.exchange.json_format import decode

    values = decode(str(table.name), row, list(table.columns), f"trash {table.name}") | parents
    if s.get(model, values["id"]) is not None:
        del values["id"]  # its old id was given to a newer record
    inserted = s.exec(insert(table).values(**values)).inserted_primary_key
    assert inserted is not None
    return int(inserted[0])


def _relink(
    s: Session, link: type[SQLModel], own: str, own_id: int, other: str, other_model: type[SQLModel], ids: list[int]
) -> None:
    """Put back the links to `other_model` rows that still exist."""
    rows = [{own: own_id, other: other_id} for other_id in ids if s.get(other_model, other_id) is not None]
    if rows:
        s.exec(insert(_table(link)), params=rows)
