"""An entry's version is more than its columns: its tags, goal links and ratings are part of it.

The engine keeps a record's columns before each edit on its own; an entry edit is
wrapped in `keeping_version` instead, so a change of tags alone is an edit too,
and undoing it brings the labels, links and ratings back with the words.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import delete, insert
from sqlmodel import Session, col, select

from mentorlog.models import Competency, Entry, EntryGoal, EntryTag, Goal, Rating, Revision, Tag, key, utcnow

# What the engine already notes as bookkeeping: not a change of the entry.
BOOKKEEPING = frozenset({"updated_at", "created_at"})
LINKS = ("tags", "goals", "ratings")


def entry_state(s: Session, entry: Entry) -> dict[str, Any]:
    """The entry's columns (as the engine stores them) with its links by name and uid."""
    table = entry.__table__  # type: ignore[attr-defined]
    state = {c.name: _plain(getattr(entry, c.name)) for c in table.columns}
    state["tags"] = tag_names(s, key(entry))
    state["goals"] = goal_uids(s, key(entry))
    ratings = s.exec(
        select(Rating, Competency.uid)
        .join(Competency, col(Competency.id) == col(Rating.competency_id))
        .where(Rating.entry_id == entry.id)
        .order_by(col(Rating.competency_id))
    )
    state["ratings"] = [
        {"uid": r.uid, "competency": competency, "level": r.level, "evidence": r.evidence} for r, competency in ratings
    ]
    return state


def tag_names(s: Session, entry_id: int) -> list[str]:
    query = select(Tag.name).join(EntryTag, col(EntryTag.tag_id) == col(Tag.id)).where(EntryTag.entry_id == entry_id)
    return sorted(s.exec(query))


def goal_uids(s: Session, entry_id: int) -> list[str]:
    query = (
        select(Goal.uid).join(EntryGoal, col(EntryGoal.goal_id) == col(Goal.id)).where(EntryGoal.entry_id == entry_id)
    )
    return sorted(s.exec(query))


def tag_for(s: Session, name: str) -> Tag:
    """The tag of that (checked) name, made the first time it is used."""
    tag = s.exec(select(Tag).where(Tag.name == name)).first()
    if tag is None:
        tag = Tag(name=name)
        s.add(tag)
        s.flush()
    return tag


@contextmanager
def keeping_version(s: Session, entry: Entry) -> Iterator[None]:
    """Keep the entry as it is now as one version, if what happens inside changes it."""
    before = entry_state(s, entry)
    s.info["versioning"] = True  # its ratings' edits are part of this version, not versions of their own
    try:
        yield
        s.flush()
        after = entry_state(s, entry)
        if _meaningful(before) != _meaningful(after):
            s.add(Revision(kind="entry", record_uid=entry.uid, payload=json.dumps(before, ensure_ascii=False)))
            s.flush()
    finally:
        s.info.pop("versioning", None)


def put_back_links(s: Session, entry: Entry, version: dict[str, Any]) -> None:
    """Give the entry the tags, goal links and ratings it had in `version` (what still exists of them)."""
    entry_id = key(entry)
    if "tags" in version:
        s.exec(delete(EntryTag).where(col(EntryTag.entry_id) == entry_id))
        for name in version["tags"]:
            s.add(EntryTag(entry_id=entry_id, tag_id=key(tag_for(s, name))))
    if "goals" in version:
        s.exec(delete(EntryGoal).where(col(EntryGoal.entry_id) == entry_id))
        uids = list(version["goals"])
        for goal_id in s.exec(select(Goal.id).where(col(Goal.uid).in_(uids), Goal.pair_id == entry.pair_id)):
            s.add(EntryGoal(entry_id=entry_id, goal_id=int(goal_id or 0)))
    if "ratings" in version:
        s.exec(delete(Rating).where(col(Rating.entry_id) == entry_id))
        rubric = dict(s.exec(select(Competency.uid, Competency.id).where(Competency.pair_id == entry.pair_id)).all())
        now = utcnow()
        rows = [
            {"uid": r["uid"], "entry_id": entry_id, "competency_id": rubric[r["competency"]], "level": r["level"],
             "evidence": r["evidence"], "created_at": now, "updated_at": now}
            for r in version["ratings"]
            if r["competency"] in rubric
        ]  # fmt: skip
        if rows:
            s.exec(insert(Rating.__table__), params=rows)  # type: ignore[attr-defined]
    s.flush()


def _meaningful(state: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in state.items() if name not in BOOKKEEPING}


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
