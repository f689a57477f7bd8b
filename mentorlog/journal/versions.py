"""Every edit keeps the version before it: the one mechanism, for every kind of record.

Each journal function that changes a record does so inside `editing(connection, table,
id)`: the record's state is read before, and if the block changed it, that earlier
state is kept as a revision (its history, what undo goes back to) and the record's
`updated_at` is stamped, so a merge elsewhere sees the edit. An entry's state is more
than its columns: its tags, goal links and ratings are part of it, so a change of tags
alone is an edit too, and undoing it brings the labels, links and ratings back.
Bookkeeping (when a pair was last used) is no edit. Undoing keeps no version.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator, Mapping
from typing import Any

from mentorlog import codec
from mentorlog.db import writes
from mentorlog.db.tables import COMPETENCY, ENTRY_GOAL, ENTRY_TAG, RATING, REVISION, Table
from mentorlog.errors import MentorlogError
from mentorlog.rules.growth import level_name
from mentorlog.stamps import utcnow

# What changes without being an edit of the record.
BOOKKEEPING = frozenset({"updated_at", "created_at", "chosen_at"})


def state(connection: sqlite3.Connection, table: Table[Any], record_id: int) -> dict[str, Any] | None:
    """The record's columns as JSON values; an entry's with its links by name and uid. None if gone."""
    row = table.get(connection, record_id)
    if row is None:
        return None
    found = table.to_json(row)
    if table.name == "entry":
        found |= entry_links(connection, record_id)
    return found


def entry_links(connection: sqlite3.Connection, entry_id: int) -> dict[str, Any]:
    tags = [name for (name,) in connection.execute(
        "SELECT tag.name FROM tag JOIN entry_tag ON entry_tag.tag_id = tag.id WHERE entry_tag.entry_id = ?"
        " ORDER BY tag.name", (entry_id,))]  # fmt: skip
    goals = [uid for (uid,) in connection.execute(
        "SELECT goal.uid FROM goal JOIN entry_goal ON entry_goal.goal_id = goal.id WHERE entry_goal.entry_id = ?"
        " ORDER BY goal.uid", (entry_id,))]  # fmt: skip
    ratings = [
        {"uid": uid, "competency": competency, "level": level, "evidence": evidence, "level_label": label}
        for uid, competency, level, evidence, label in connection.execute(
            "SELECT rating.uid, competency.uid, rating.level, rating.evidence, rating.level_label FROM rating"
            " JOIN competency ON competency.id = rating.competency_id WHERE rating.entry_id = ?"
            " ORDER BY rating.competency_id",
            (entry_id,),
        )
    ]
    return {"tags": tags, "goals": goals, "ratings": ratings}


def _meaningful(found: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if found is None else {k: v for k, v in found.items() if k not in BOOKKEEPING}


class Changed(MentorlogError):
    """The record was changed elsewhere (another window, another mentorlog) since the form saving over
    it was opened: saving would silently undo that change, so nothing is saved until the user says."""

    def __init__(self, what: str, current: dict[str, Any]) -> None:
        super().__init__(f"{what} was changed elsewhere since you opened it; nothing was saved")
        self.current = current  # the record as it is now (JSON values, an entry's links too)


@contextlib.contextmanager
def editing(
    connection: sqlite3.Connection, table: Table[Any], record_id: int, *, expected: dt.datetime | None = None
) -> Iterator[None]:
    """Keep the record as it is now as one version, if what happens inside changes it. `expected`: the
    `updated_at` the record had when the user began to edit it; Changed if it has another now."""
    before = state(connection, table, record_id)
    if expected is not None and before is not None and before["updated_at"] != codec.utc_text(expected):
        raise Changed(f"{table.name.replace('_', ' ')} #{record_id}", before)
    with writes.recording():
        yield
    if before is None:
        return
    after = state(connection, table, record_id)
    if after is None or _meaningful(before) == _meaningful(after):
        return
    keep(connection, table.name, str(before["uid"]), before)
    writes.update(connection, table, record_id, {"updated_at": utcnow()}, stamp=False)


def keep(connection: sqlite3.Connection, kind: str, uid: str, fields: Mapping[str, Any]) -> None:
    import json  # only an edit pays for it, not every command that shows goals

    writes.insert(connection, REVISION, {"kind": kind, "record_uid": uid,
                                         "payload": json.dumps(dict(fields), ensure_ascii=False)})  # fmt: skip


def edit(
    connection: sqlite3.Connection,
    table: Table[Any],
    record_id: int,
    changes: Mapping[str, Any],
    *,
    expected: dt.datetime | None = None,
) -> None:
    """Change some columns of one record: one edit, its earlier version kept if anything changed."""
    with editing(connection, table, record_id, expected=expected):
        writes.update(connection, table, record_id, changes, stamp=False)


def put_back_links(connection: sqlite3.Connection, entry_id: int, pair_id: int, version: dict[str, Any]) -> None:
    """Give the entry the tags, goal links and ratings it had in `version` (what still exists of them)."""
    from mentorlog.journal.tags import tag_id

    if "tags" in version:
        writes.delete(connection, ENTRY_TAG, "entry_id = ?", (entry_id,))
        links = [{"entry_id": entry_id, "tag_id": tag_id(connection, name)} for name in version["tags"]]
        writes.insert_many(connection, ENTRY_TAG, links)
    if "goals" in version:
        writes.delete(connection, ENTRY_GOAL, "entry_id = ?", (entry_id,))
        uids = list(version["goals"])
        marks = ", ".join("?" for _ in uids) or "NULL"
        goal_ids = [row[0] for row in connection.execute(
            f"SELECT id FROM goal WHERE uid IN ({marks}) AND pair_id = ?", [*uids, pair_id])]  # fmt: skip
        writes.insert_many(connection, ENTRY_GOAL, [{"entry_id": entry_id, "goal_id": g} for g in goal_ids])
    if "ratings" in version:
        writes.delete(connection, RATING, "entry_id = ?", (entry_id,))
        rubric = {c.uid: c.id for c in COMPETENCY.select(connection, "pair_id = ?", (pair_id,))}
        now = utcnow()
        rows: list[dict[str, Any]] = [
            {"uid": r["uid"], "created_at": now, "updated_at": now, "entry_id": entry_id,
             "competency_id": rubric[r["competency"]], "level": r["level"], "evidence": r["evidence"],
             "level_label": r.get("level_label") or level_name(r["level"])}
            for r in version["ratings"]
            if r["competency"] in rubric
        ]  # fmt: skip
        writes.insert_many(connection, RATING, rows)
