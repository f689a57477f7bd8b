"""A pair's trash and edit history in a JSON export: carried only when asked (`--with-history`).

History travels as `{"kind", "record", "saved_at", "fields"}`: the record by uid, its
fields without local ids. Trash travels as `{"kind", "label", "deleted_at", "payload"}`,
the payload already naming everything by uid. A merge adds what this journal lacks,
keyed by (kind, record uid, time), so importing twice adds nothing; a trashed record
that is alive here stays alive (deletions don't travel) and its trash item stays home.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, insert
from sqlmodel import Session, SQLModel, col, select

from mentorlog.db import rows
from mentorlog.errors import Invalid
from mentorlog.exchange.json_format import KIND_BY_NAME, LOCAL_ONLY, decode, encode
from mentorlog.exchange.json_read import check_uid
from mentorlog.journal import trash_payload
from mentorlog.journal.sharing import Scope, private_entry_uids, trash_leaves, version_leaves
from mentorlog.models import Revision, TrashItem

LISTS = ("history", "trash")
CHUNK = 500
# Record tables whose edits are kept, by the list name their records travel in.
HISTORY_KINDS = {"pair": "pair", **{str(k.model.__tablename__): k.name for k in KIND_BY_NAME.values()}}
ENTRY_LINKS = ("tags", "goals", "ratings")
REVISION = SQLModel.metadata.tables["revision"]
TRASH = SQLModel.metadata.tables["trash_item"]


@dataclass(frozen=True)
class IncomingVersion:
    kind: str
    record: str
    values: dict[str, Any]  # saved_at
    fields: dict[str, Any]


@dataclass(frozen=True)
class IncomingTrash:
    kind: str
    record: str
    values: dict[str, Any]  # label, deleted_at
    payload: dict[str, Any]


def export_lists(s: Session, pair_id: int, document: dict[str, Any], scope: Scope) -> dict[str, list[dict[str, Any]]]:
    """The pair's trash within the scope, and the history of every record the document or that trash carries."""
    carried: set[tuple[str, str]] = {("pair", document["uid"])}
    for table, list_name in HISTORY_KINDS.items():
        if list_name != "pair":
            carried.update((table, row["uid"]) for row in document[list_name])
    items = [
        (item, trash_payload.upgrade(s, item.kind, json.loads(item.payload)))
        for item in s.exec(select(TrashItem).where(TrashItem.pair_id == pair_id))
    ]
    private = private_entry_uids(rows.driver(s), pair_id, [(item.kind, payload) for item, payload in items])
    trash = []
    for item, found in items:
        payload = trash_leaves(item.kind, found, scope, private)
        if payload is None:
            continue
        trash.append(encode(item, [TRASH.c.kind, TRASH.c.label, TRASH.c.deleted_at]) | {"payload": payload})
        # What is in the trash keeps its history, for the day it is restored over there.
        carried.add((item.kind, payload["record"]["uid"]))
        for name, dependants in payload.items():
            if name in trash_payload.DEPENDANTS.get(item.kind, ()):
                carried.update((str(KIND_BY_NAME[name].model.__tablename__), row["uid"]) for row in dependants)
    history = []
    for revision in s.exec(select(Revision)):
        if (revision.kind, revision.record_uid) in carried:
            local = _local_columns(revision.kind)
            fields = {k: v for k, v in json.loads(revision.payload).items() if k not in local}
            if not version_leaves(revision.kind, fields, scope):
                continue  # the entry was private then: that version stays home, whatever it is now
            head = encode(revision, [REVISION.c.kind, REVISION.c.saved_at])
            history.append(head | {"record": revision.record_uid, "fields": fields})
    history.sort(key=lambda v: (v["saved_at"], v["kind"], v["record"]))
    trash.sort(key=lambda t: (t["deleted_at"], t["kind"], t["payload"]["record"]["uid"]))
    return {"history": history, "trash": trash}


def read_lists(raw: dict[str, Any], where: str) -> tuple[list[IncomingVersion], list[IncomingTrash]]:
    """Check a pair's history and trash lists (absent: empty) before anything is written."""
    for name in LISTS:
        if not isinstance(raw.get(name, []), list):
            raise Invalid(f"{where}.{name} must be a list")
    history = [_read_version(item, f"{where}.history[{i}]") for i, item in enumerate(raw.get("history", []))]
    trash = [_read_trash(item, f"{where}.trash[{i}]") for i, item in enumerate(raw.get("trash", []))]
    return history, trash


def merge(
    s: Session, pair_id: int, history: list[IncomingVersion], trash: list[IncomingTrash]
) -> dict[str, tuple[int, int]]:
    """Add the versions and trash items this journal lacks; (added, unchanged) for each list."""
    have: set[tuple[str, str, Any]] = set()
    uids = sorted({v.record for v in history})
    marks = select(Revision.kind, Revision.record_uid, Revision.saved_at)
    for start in range(0, len(uids), CHUNK):
        have.update(s.exec(marks.where(col(Revision.record_uid).in_(uids[start : start + CHUNK]))).all())
    new_versions = []
    for version in history:
        mark = (version.kind, version.record, version.values["saved_at"])
        if mark not in have:
            have.add(mark)
            payload = json.dumps(version.fields, ensure_ascii=False)
            new_versions.append(
                version.values | {"kind": version.kind, "record_uid": version.record, "payload": payload}
            )
    for start in range(0, len(new_versions), CHUNK):
        s.exec(insert(REVISION), params=new_versions[start : start + CHUNK])

    binned: set[tuple[str, str, Any]] = set()
    for item in s.exec(select(TrashItem).where(TrashItem.pair_id == pair_id)):
        binned.add((item.kind, json.loads(item.payload)["record"]["uid"], item.deleted_at))
    new_items = []
    for incoming in trash:
        mark = (incoming.kind, incoming.record, incoming.values["deleted_at"])
        model = trash_payload.KIND_OF_TABLE[incoming.kind].model
        alive = s.exec(select(model.id).where(model.uid == incoming.record)).first() is not None
        if mark not in binned and not alive:
            binned.add(mark)
            payload = json.dumps(incoming.payload, ensure_ascii=False)
            new_items.append(incoming.values | {"pair_id": pair_id, "kind": incoming.kind, "payload": payload})
    if new_items:
        s.exec(insert(TRASH), params=new_items)
    return {
        "history": (len(new_versions), len(history) - len(new_versions)),
        "trash": (len(new_items), len(trash) - len(new_items)),
    }


def _read_version(raw: Any, where: str) -> IncomingVersion:
    if not isinstance(raw, dict):
        raise Invalid(f"{where} must be an object")
    kind, record = raw.get("kind"), raw.get("record")
    if kind not in HISTORY_KINDS:
        raise Invalid(f"{where}: kind must be one of {', '.join(HISTORY_KINDS)} (not {kind!r:.40})")
    if not isinstance(record, str):
        raise Invalid(f"{where}: record must be the uid of the record")
    check_uid(record, where)
    values = decode("revision", raw, [REVISION.c.saved_at], where)
    fields = raw.get("fields")
    if not isinstance(fields, dict):
        raise Invalid(f"{where}: fields must be an object")
    table = SQLModel.metadata.tables[kind]
    local = _local_columns(kind)
    columns = [c for c in table.columns if c.name in fields and c.name not in local]
    decode(kind, fields, columns, f"{where}.fields")  # checks each field as an import of the record would
    kept = {c.name: fields[c.name] for c in columns}
    if kind == "entry":
        kept |= _entry_links(fields, f"{where}.fields")
    return IncomingVersion(kind, record, values, kept)


def _entry_links(fields: dict[str, Any], where: str) -> dict[str, Any]:
    links: dict[str, Any] = {}
    for name in ("tags", "goals"):
        if name in fields:
            value = fields[name]
            if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                raise Invalid(f"{where}.{name} must be a list of texts")
            links[name] = value
    if "ratings" in fields:
        ratings = fields["ratings"]
        if not isinstance(ratings, list):
            raise Invalid(f"{where}.ratings must be a list")
        for i, rating in enumerate(ratings):
            texts = ("uid", "competency", "evidence")
            ok = isinstance(rating, dict) and all(isinstance(rating.get(k), str) for k in texts)
            level = rating.get("level") if isinstance(rating, dict) else None
            if not ok or isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
                raise Invalid(f"{where}.ratings[{i}] must have uid, competency, a level from 1 to 5 and evidence")
        links["ratings"] = [{k: r[k] for k in ("uid", "competency", "level", "evidence")} for r in ratings]
    return links


def _read_trash(raw: Any, where: str) -> IncomingTrash:
    if not isinstance(raw, dict):
        raise Invalid(f"{where} must be an object")
    kind = raw.get("kind")
    payload = trash_payload.read(str(kind), raw.get("payload"), f"{where}.payload")
    values = decode("trash_item", raw, [TRASH.c.label, TRASH.c.deleted_at], where)
    return IncomingTrash(str(kind), payload.record.uid, values, raw["payload"])


def _local_columns(table: str) -> set[str]:
    """What names a record only in this journal: ids, and the integer links to its parents."""
    columns: list[Column[Any]] = list(SQLModel.metadata.tables[table].columns)
    return set(LOCAL_ONLY) | {"pair_id"} | {c.name for c in columns if c.foreign_keys}
