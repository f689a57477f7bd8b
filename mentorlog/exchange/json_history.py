"""A pair's trash and edit history in a JSON export: carried only when asked (`--with-history`).

History travels as `{"kind", "record", "saved_at", "fields"}`: the record by uid, its
fields without local ids. Trash travels as `{"kind", "label", "deleted_at", "payload"}`,
the payload already naming everything by uid. A merge adds what this journal lacks,
keyed by (kind, record uid, time), so importing twice adds nothing; a trashed record
that is alive here stays alive (deletions don't travel) and its trash item stays home.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from mentorlog.db import writes
from mentorlog.db.relations import BY_NAME, KINDS, LOCAL_ONLY
from mentorlog.db.tables import ALL, REVISION, TRASH
from mentorlog.errors import Invalid
from mentorlog.exchange.json_fields import Plan, decode, make_plan
from mentorlog.exchange.json_record import check_uid, read_record
from mentorlog.journal import trash_payload
from mentorlog.journal.sharing import Scope, private_entry_uids, trash_leaves, version_leaves

LISTS = ("history", "trash")
# Record tables whose edits are kept, by the list name their records travel in.
HISTORY_KINDS = {"pair": "pair", **{kind.table: kind.name for kind in KINDS}}
# What names a record only in this journal: ids, its pair, the integer links to its parents.
LOCAL = {"pair": LOCAL_ONLY, **{kind.table: kind.skipped() for kind in KINDS}}


@dataclass(frozen=True)
class IncomingVersion:
    kind: str
    record: str
    values: dict[str, Any]  # saved_at, as stored
    fields: dict[str, Any]


@dataclass(frozen=True)
class IncomingTrash:
    kind: str
    record: str
    values: dict[str, Any]  # label, deleted_at, as stored
    payload: dict[str, Any]


def export_lists(
    connection: sqlite3.Connection, pair_id: int, pair_uid: str, uids: Mapping[str, Iterable[str]], scope: Scope
) -> dict[str, list[dict[str, Any]]]:
    """The pair's trash within the scope, and the history of every record the document (`uids`, by list)
    or that trash carries."""
    carried: set[tuple[str, str]] = {("pair", pair_uid)}
    for table, list_name in HISTORY_KINDS.items():
        if list_name != "pair":
            carried.update((table, uid) for uid in uids[list_name])
    items = [(item, trash_payload.upgrade(connection, item.kind, json.loads(item.payload)))
             for item in TRASH.select(connection, "pair_id = ?", (pair_id,))]  # fmt: skip
    private = private_entry_uids(connection, pair_id, [(item.kind, payload) for item, payload in items])
    trash = []
    for item, found in items:
        payload = trash_leaves(item.kind, found, scope, private)
        if payload is None:
            continue
        trash.append(TRASH.to_json(item, ("kind", "label", "deleted_at")) | {"payload": payload})
        # What is in the trash keeps its history, for the day it is restored over there.
        carried.add((item.kind, payload["record"]["uid"]))
        for name, dependants in payload.items():
            if name in trash_payload.DEPENDANTS.get(item.kind, ()):
                carried.update((BY_NAME[name].table, row["uid"]) for row in dependants)
    history = []
    for kind, record_uid, saved_at, raw in connection.execute(
        "SELECT kind, record_uid, saved_at, payload FROM revision ORDER BY id"
    ):
        if (kind, record_uid) in carried:
            local = LOCAL.get(kind, LOCAL_ONLY)
            fields = {k: v for k, v in json.loads(raw).items() if k not in local}
            if not version_leaves(kind, fields, scope):
                continue  # the entry was private then: that version stays home, whatever it is now
            history.append({"kind": kind, "saved_at": saved_at, "record": record_uid, "fields": fields})
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
    connection: sqlite3.Connection, pair_id: int, history: list[IncomingVersion], trash: list[IncomingTrash]
) -> dict[str, tuple[int, int]]:
    """Add the versions and trash items this journal lacks; (added, unchanged) for each list."""
    have: set[tuple[str, str, str]] = set()
    uids = sorted({v.record for v in history})
    for chunk in writes.chunks(uids):
        have.update(connection.execute(
            f"SELECT kind, record_uid, saved_at FROM revision WHERE record_uid IN ({', '.join('?' for _ in chunk)})",
            chunk))  # fmt: skip
    new_versions = []
    for version in history:
        mark = (version.kind, version.record, version.values["saved_at"])
        if mark not in have:
            have.add(mark)
            new_versions.append({"kind": version.kind, "record_uid": version.record, **version.values,
                                 "payload": json.dumps(version.fields, ensure_ascii=False)})  # fmt: skip
    writes.insert_many(connection, REVISION, new_versions, stored=True)

    items = connection.execute("SELECT kind, payload, deleted_at FROM trash_item WHERE pair_id = ?", (pair_id,))
    binned = {(kind, json.loads(payload)["record"]["uid"], deleted_at) for kind, payload, deleted_at in items}
    new_items = []
    for incoming in trash:
        mark = (incoming.kind, incoming.record, incoming.values["deleted_at"])
        alive = connection.execute(f"SELECT 1 FROM {incoming.kind} WHERE uid = ?", (incoming.record,)).fetchone()
        if mark not in binned and alive is None:
            binned.add(mark)
            new_items.append({"pair_id": pair_id, "kind": incoming.kind, **incoming.values,
                              "payload": json.dumps(incoming.payload, ensure_ascii=False)})  # fmt: skip
    writes.insert_many(connection, TRASH, new_items, stored=True)
    return {
        "history": (len(new_versions), len(history) - len(new_versions)),
        "trash": (len(new_items), len(trash) - len(new_items)),
    }


@cache
def _plan(table: str, names: tuple[str, ...]) -> Plan:
    return make_plan(table, names)


def _read_version(raw: Any, where: str) -> IncomingVersion:
    if not isinstance(raw, dict):
        raise Invalid(f"{where} must be an object")
    kind, record = raw.get("kind"), raw.get("record")
    if kind not in HISTORY_KINDS:
        raise Invalid(f"{where}: kind must be one of {', '.join(HISTORY_KINDS)} (not {kind!r:.40})")
    if not isinstance(record, str):
        raise Invalid(f"{where}: record must be the uid of the record")
    check_uid(record, where)
    values = decode(_plan("revision", ("saved_at",)), raw, where)
    fields = raw.get("fields")
    if not isinstance(fields, dict):
        raise Invalid(f"{where}: fields must be an object")
    local = LOCAL[kind]
    names = tuple(name for name in ALL[kind].names if name in fields and name not in local)
    decode(_plan(kind, names), fields, f"{where}.fields")  # checks each field as an import of the record would
    kept = {name: fields[name] for name in names}
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
            if not isinstance(rating.get("level_label", ""), str):
                raise Invalid(f"{where}.ratings[{i}].level_label must be text")
        # A version written before ratings kept their level's name has none: the seeded scale's is taken.
        links["ratings"] = [{k: r[k] for k in ("uid", "competency", "level", "evidence")}
                            | {"level_label": r.get("level_label", "")} for r in ratings]  # fmt: skip
    return links


def _read_trash(raw: Any, where: str) -> IncomingTrash:
    if not isinstance(raw, dict):
        raise Invalid(f"{where} must be an object")
    kind = raw.get("kind")
    payload = trash_payload.read(str(kind), raw.get("payload"), f"{where}.payload")
    # Each row it holds is checked as an import of that record would check it.
    read_record(payload.kind, payload.record, f"{where}.payload.record")
    for name, rows in payload.rows.items():
        for i, row in enumerate(rows):
            read_record(BY_NAME[name], row, f"{where}.payload.{name}[{i}]")
    values = decode(_plan("trash_item", ("label", "deleted_at")), raw, where)
    return IncomingTrash(str(kind), payload.uid, values, raw["payload"])
