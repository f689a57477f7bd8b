"""What a trash item holds: the deleted rows in the exchange shape, naming everything by uid.

Rows are written as a JSON export writes them (`"goal": "<uid>"`, tag names, goal
uids; values through the codec), never by local integer id: ids are reused once freed,
and a trash item can travel to another journal (`export --with-history`) and still be
restored there. Items written before this shape (version 1 held local ids) are
translated on read.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from mentorlog.db import writes
from mentorlog.db.relations import BY_NAME, BY_TABLE, Kind
from mentorlog.db.tables import ALL, ENTRY_GOAL, ENTRY_TAG, Table
from mentorlog.errors import Invalid
from mentorlog.journal.tags import tag_id

PAYLOAD_VERSION = 2
TRASHED = ("entry", "goal", "milestone", "progress_update", "action_item")  # the tables a record is deleted from
KIND_OF_TABLE: dict[str, Kind] = {table: BY_TABLE[table] for table in TRASHED}
# What goes with a deleted record: lists of rows, each named for its kind.
DEPENDANTS: dict[str, tuple[str, ...]] = {"entry": ("ratings",), "goal": ("milestones", "progress_updates")}
# Links to records that stay: payload key -> what the strings in it are.
LINK_LISTS: dict[str, tuple[str, ...]] = {"entry": ("tags", "goals", "actions"), "goal": ("entries",)}
# A version-1 link to a record that is gone: a uid nothing has, so restoring says what is missing.
GONE = "-"


class Payload:
    __slots__ = ("ids", "kind", "links", "moved", "record", "rows")

    def __init__(self, kind: Kind, record: dict[str, Any]) -> None:
        self.kind = kind
        self.record = record  # JSON values, parents by uid
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.links: dict[str, list[str]] = {}
        self.ids: dict[str, int] = {}  # uid -> the number it had here, which a restore gives back if free
        self.moved: dict[int, int] = {}  # a number that was taken -> the one a restore took instead

    @property
    def uid(self) -> str:
        return str(self.record["uid"])


def row_json(connection: sqlite3.Connection, kind: Kind, row: Any) -> dict[str, Any]:
    """A row in the exchange shape: its carried columns as JSON values, its parents by uid."""
    table = ALL[kind.table]
    found = table.to_json(row, kind.carried())
    for name, (column, parent_kind) in kind.parents.items():
        found[name] = _uid_of(connection, BY_NAME[parent_kind].table, getattr(row, column))
    return found


def build(connection: sqlite3.Connection, table: Table[Any], record: Any) -> dict[str, Any]:
    """The payload for deleting `record`: it, its dependants, and its links, by uid."""
    payload: dict[str, Any] = {"v": PAYLOAD_VERSION, "record": row_json(connection, KIND_OF_TABLE[table.name], record)}
    # The numbers it and its dependants had: notes cite "#12", so a restore gives #12 back where it can.
    ids = {record.uid: record.id}
    if table.name == "entry":
        rating = BY_NAME["ratings"]
        rated = ALL["rating"].select(connection, "entry_id = ?", (record.id,))
        payload["ratings"] = [row_json(connection, rating, r) for r in rated]
        ids |= {r.uid: r.id for r in rated}
        payload["tags"] = _strings(connection, "SELECT tag.name FROM tag JOIN entry_tag ON entry_tag.tag_id = tag.id"
                                               " WHERE entry_tag.entry_id = ?", record.id)  # fmt: skip
        payload["goals"] = _strings(connection, "SELECT goal.uid FROM goal JOIN entry_goal ON entry_goal.goal_id ="
                                                " goal.id WHERE entry_goal.entry_id = ?", record.id)  # fmt: skip
        payload["actions"] = _strings(connection, "SELECT uid FROM action_item WHERE entry_id = ?", record.id)
    elif table.name == "goal":
        for name in ("milestones", "progress_updates"):
            kind = BY_NAME[name]
            rows = ALL[kind.table].select(connection, "goal_id = ?", (record.id,))
            payload[name] = [row_json(connection, kind, r) for r in rows]
            ids |= {r.uid: r.id for r in rows}
        payload["entries"] = _strings(connection, "SELECT entry.uid FROM entry JOIN entry_goal ON entry_goal.entry_id"
                                                  " = entry.id WHERE entry_goal.goal_id = ?", record.id)  # fmt: skip
    payload["ids"] = ids
    return payload


def _strings(connection: sqlite3.Connection, sql: str, *params: Any) -> list[str]:
    return sorted(str(row[0]) for row in connection.execute(sql, params))


def read(table: str, payload: Any, where: str) -> Payload:
    """A payload's shape checked (its values are checked where they come in: an import); Invalid says what."""
    kind = KIND_OF_TABLE.get(table)
    if kind is None:
        raise Invalid(f"{where}: kind must be one of {', '.join(KIND_OF_TABLE)} (not {table!r:.40})")
    if (
        not isinstance(payload, dict)
        or payload.get("v") != PAYLOAD_VERSION
        or not isinstance(payload.get("record"), dict)
    ):
        raise Invalid(f"{where}: not a version-{PAYLOAD_VERSION} trash payload")
    if not isinstance(payload["record"].get("uid"), str):
        raise Invalid(f"{where}.record: uid must be text")
    parsed = Payload(kind, payload["record"])
    for name in DEPENDANTS.get(table, ()):
        rows = payload.get(name, [])
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise Invalid(f"{where}.{name} must be a list of records")
        parsed.rows[name] = rows
    for name in LINK_LISTS.get(table, ()):
        links = payload.get(name, [])
        if not isinstance(links, list) or not all(isinstance(x, str) and x.strip() for x in links):
            raise Invalid(f"{where}.{name} must be a list of texts")
        parsed.links[name] = links
    ids = payload.get("ids", {})  # absent from payloads written before numbers were kept
    if not isinstance(ids, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) and 0 < v <= 2**63 - 1 for v in ids.values()
    ):
        raise Invalid(f"{where}.ids must map uids to record numbers")
    parsed.ids = ids
    return parsed


def upgrade(connection: sqlite3.Connection, table: str, payload: dict[str, Any]) -> dict[str, Any]:
    """A version-1 payload (local ids) in the current shape, looked up in this journal."""
    if payload.get("v") == PAYLOAD_VERSION:
        return payload
    kind = KIND_OF_TABLE[table]
    record = payload["record"]
    out: dict[str, Any] = {"v": PAYLOAD_VERSION, "record": _v1_row(connection, kind, record)}
    if table == "entry":
        out["ratings"] = [_v1_row(connection, BY_NAME["ratings"], r) | {"entry": record["uid"]}
                          for r in payload.get("ratings", [])]  # fmt: skip
        out["tags"] = _by_ids(connection, "SELECT name FROM tag WHERE id IN ({})", payload.get("tags", []))
        out["goals"] = _by_ids(connection, "SELECT uid FROM goal WHERE id IN ({})", payload.get("goals", []))
        out["actions"] = _by_ids(connection, "SELECT uid FROM action_item WHERE id IN ({})", payload.get("actions", []))
    elif table == "goal":
        for name in ("milestones", "progress_updates"):
            out[name] = [_v1_row(connection, BY_NAME[name], r) | {"goal": record["uid"]}
                         for r in payload.get(name, [])]  # fmt: skip
        out["entries"] = _by_ids(connection, "SELECT uid FROM entry WHERE id IN ({})", payload.get("entries", []))
    return out


def _v1_row(connection: sqlite3.Connection, kind: Kind, row: dict[str, Any]) -> dict[str, Any]:
    out = {name: value for name, value in row.items() if name not in ("id", "pair_id")}
    for name, (column, parent_kind) in kind.parents.items():
        parent_id = out.pop(column, None)
        uid = _uid_of(connection, BY_NAME[parent_kind].table, parent_id)
        out[name] = uid if uid is not None or name in kind.optional_parents else GONE
    return out


def _uid_of(connection: sqlite3.Connection, table: str, record_id: int | None) -> str | None:
    if record_id is None:
        return None
    found = connection.execute(f"SELECT uid FROM {table} WHERE id = ?", (record_id,)).fetchone()
    return None if found is None else str(found[0])


def _by_ids(connection: sqlite3.Connection, sql: str, ids: list[int]) -> list[str]:
    if not ids:
        return []
    return sorted(str(row[0]) for row in connection.execute(sql.format(", ".join("?" for _ in ids)), ids))


def put_back(connection: sqlite3.Connection, pair_id: int, payload: Payload) -> int:
    """Insert the record and its dependants again (each under its old number where it is free), and
    re-link what still exists; the record's number."""
    table = payload.kind.table
    new_id = _put_back(connection, pair_id, payload.kind, payload.record, {}, payload)
    if table == "entry":
        for rating in payload.rows["ratings"]:
            competency = _local_id(connection, "competency", rating.get("competency"), pair_id)
            if competency is not None:  # a rubric row removed since: that rating cannot come back
                _put_back(connection, pair_id, BY_NAME["ratings"], rating,
                          {"entry_id": new_id, "competency_id": competency}, payload)  # fmt: skip
        tags = [{"entry_id": new_id, "tag_id": tag_id(connection, name)} for name in payload.links["tags"]]
        writes.insert_many(connection, ENTRY_TAG, tags)
        goals = _local_ids(connection, "goal", payload.links["goals"], pair_id)
        writes.insert_many(connection, ENTRY_GOAL, [{"entry_id": new_id, "goal_id": g} for g in goals])
        # Its action items stayed, unlinked; link back the ones still here. The link is a local number,
        # which no version holds and no merge carries: bookkeeping, not an edit of theirs.
        uids = payload.links["actions"]
        marks = ", ".join("?" for _ in uids) or "NULL"
        for item in ALL["action_item"].select(connection, f"entry_id IS NULL AND uid IN ({marks})", uids):
            writes.update(connection, ALL["action_item"], item.id, {"entry_id": new_id}, stamp=False)
    elif table == "goal":
        for name in ("milestones", "progress_updates"):
            for row in payload.rows[name]:
                _put_back(connection, pair_id, BY_NAME[name], row, {"goal_id": new_id}, payload)
        entries = _local_ids(connection, "entry", payload.links["entries"], pair_id)
        writes.insert_many(connection, ENTRY_GOAL, [{"entry_id": e, "goal_id": new_id} for e in entries])
    return new_id


def _put_back(
    connection: sqlite3.Connection,
    pair_id: int,
    kind: Kind,
    row: dict[str, Any],
    parents: dict[str, int],
    payload: Payload,
) -> int:
    """Insert one row again, under the number it had if no other record has taken it since."""
    table = ALL[kind.table]
    try:
        values = table.from_json({name: row[name] for name in kind.carried() if name in row})
    except (TypeError, ValueError) as exc:
        raise Invalid(f"its saved copy is unreadable ({exc})") from None
    values |= parents
    for name, (column, parent_kind) in kind.parents.items():
        if column in values:
            continue
        uid = row.get(name)
        parent = None if uid is None else _local_id(connection, BY_NAME[parent_kind].table, uid, pair_id)
        if parent is None and name not in kind.optional_parents:
            raise Invalid(f"what it belonged to was deleted too (restore its {name} first)")
        values[column] = parent
    if "pair_id" in table.by_name:
        values["pair_id"] = pair_id
    wanted = payload.ids.get(str(row.get("uid")))
    if wanted is not None and table.get(connection, wanted) is None:
        values["id"] = wanted
    found = writes.insert(connection, table, values)
    if wanted is not None and found != wanted:
        payload.moved[wanted] = found
    return found


def _local_id(connection: sqlite3.Connection, table: str, uid: str | None, pair_id: int) -> int | None:
    found = _local_ids(connection, table, [uid] if uid else [], pair_id)
    return found[0] if found else None


def _local_ids(connection: sqlite3.Connection, table: str, uids: list[str], pair_id: int) -> list[int]:
    """The ids, in this pair, of the records with these uids that still exist."""
    if not uids:
        return []
    marks = ", ".join("?" for _ in uids)
    found = connection.execute(f"SELECT id FROM {table} WHERE uid IN ({marks}) AND pair_id = ?", [*uids, pair_id])
    return [int(row[0]) for row in found]
