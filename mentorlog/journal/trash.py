"""Deleting moves a record, with everything that went with it, to a trash it can be restored from.

A trash item holds the rows as they were (through the exchange encoder, so dates
and lists survive JSON) and the links that pointed at them: restoring puts them
back with their uids, re-links what still exists, and takes new ids only if the
old ones have been reused meanwhile.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Table
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from mentorlog.errors import Invalid, NotFound
from mentorlog.models import (
    Pair,
    Record,
    SQLModel,
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


def discard(s: Session, pair: Pair, record: Record, label: str) -> TrashItem:
    """Put `record` (and what depends on it) in the trash, then delete it; part of the caller's transaction."""
    from mentorlog.journal import trash_payload  # only deleting pays for the exchange codec

    kind = str(_table(type(record)).name)
    payload = trash_payload.build(s, record)
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
    from mentorlog.journal import trash_payload

    item = s.get(TrashItem, trash_id)
    if item is None or item.pair_id != pair.id:
        raise NotFound(f"no item #{trash_id} in the trash (see 'mentorlog trash list')")
    view = TrashView(trash_id, KIND_NAMES.get(item.kind, item.kind), item.label, str(item.deleted_at))
    cannot = f"cannot restore {view.kind} '{view.label}'"
    try:
        raw = trash_payload.upgrade(s, item.kind, json.loads(item.payload))
        payload = trash_payload.read(item.kind, raw, f"trash item #{trash_id}")
    except (Invalid, ValueError, KeyError, TypeError) as exc:
        raise Invalid(f"{cannot}: its saved copy is unreadable ({exc})") from None
    model = payload.kind.model
    if s.exec(select(model.id).where(model.uid == payload.record.uid)).first() is not None:
        raise Invalid(f"{cannot}: it is back already")
    try:
        trash_payload.put_back(s, pair, payload)
        s.delete(item)
        s.flush()
    except Invalid as exc:
        raise Invalid(f"{cannot}: {exc}") from None
    except IntegrityError:
        raise Invalid(f"{cannot}: something it holds is in this journal again") from None
    return view


def empty(s: Session, pair: Pair) -> int:
    items = list(s.exec(select(TrashItem).where(TrashItem.pair_id == pair.id)))
    for item in items:
        s.delete(item)
    s.flush()
    return len(items)
