"""Every edit keeps the version before it: an entry's history, and undoing its last edit."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from mentorlog.errors import Invalid
from mentorlog.exchange.json_format import decode
from mentorlog.journal.entries import get_entry
from mentorlog.journal.versions import put_back_links
from mentorlog.models import Entry, Pair, Record, Revision, utcnow

# Never put back: what the record is, and when it was made.
FIXED = frozenset({"id", "uid", "created_at", "pair_id"})


@dataclass(frozen=True)
class Version:
    saved_at: dt.datetime  # when it was replaced by the next edit
    fields: dict[str, Any]

    @property
    def title(self) -> str:
        return str(self.fields.get("title", ""))


def versions(s: Session, record: Record) -> list[Version]:
    """The record's earlier versions, newest first."""
    table = record.__table__  # type: ignore[attr-defined]
    rows = s.exec(
        select(Revision)
        .where(Revision.kind == table.name, Revision.record_uid == record.uid)
        .order_by(col(Revision.id).desc())
    )
    return [Version(row.saved_at, json.loads(row.payload)) for row in rows]


def entry_versions(s: Session, pair: Pair, entry_id: int) -> list[Version]:
    return versions(s, get_entry(s, pair, entry_id).entry)


def undo_last_edit(s: Session, record: Record) -> Record:
    """Put the record back as it was before its last edit; that version leaves the history."""
    table = record.__table__  # type: ignore[attr-defined]
    last = s.exec(
        select(Revision)
        .where(Revision.kind == table.name, Revision.record_uid == record.uid)
        .order_by(col(Revision.id).desc())
        .limit(1)
    ).first()
    if last is None:
        raise Invalid("nothing to undo: it has not been edited since it was written")
    version = json.loads(last.payload)
    # A version from another journal (an import) names no local ids; one older than a column lacks it.
    columns = [c for c in table.columns if c.name in version and c.name not in FIXED and not c.foreign_keys]
    before = decode(str(table.name), version, columns, "its earlier version")
    for name, value in before.items():
        setattr(record, name, value)
    record.updated_at = utcnow()  # undoing is an edit too, as far as a merge elsewhere is concerned
    s.delete(last)
    s.info["undoing"] = True
    try:
        s.add(record)
        s.flush()
        if isinstance(record, Entry):
            put_back_links(s, record, version)
    finally:
        s.info.pop("undoing", None)
    return record


def undo_entry_edit(s: Session, pair: Pair, entry_id: int) -> Entry:
    entry = get_entry(s, pair, entry_id).entry
    undo_last_edit(s, entry)
    return entry
