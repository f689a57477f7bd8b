"""The SQLAlchemy engine for one journal file, with the pragmas set on every connection."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import unicodedata
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from mentorlog.db import pragmas
from mentorlog.db.identity import Found
from mentorlog.models import Record, Revision, utcnow

# Columns whose change is local bookkeeping, not an edit of the record.
BOOKKEEPING = frozenset({"last_used_at", "updated_at", "created_at"})


def make_engine(found: Found) -> Engine:
    """An engine whose connections use WAL, foreign keys, a busy timeout and durable commits
    (read-only ones where the file or its folder cannot be written)."""

    def connect() -> sqlite3.Connection:
        return pragmas.connect(found.path, writable=found.writable, folder_writable=found.folder_writable,
                               threads=True)  # fmt: skip

    engine = create_engine(
        f"sqlite:///{found.path}",  # the file's own URL picks a file database's pool; creator makes its connections
        creator=connect,
        # Store lists as readable UTF-8 so search and export see the words, not \u escapes.
        json_serializer=lambda value: json.dumps(value, ensure_ascii=False),
    )
    event.listen(engine, "begin", _on_begin)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, but its transactions take the write lock at BEGIN.

    BEGIN IMMEDIATE makes a second writer wait (busy_timeout) at the start, where
    waiting is safe, instead of failing with "database is locked" halfway through.
    """
    return engine.execution_options(begin="IMMEDIATE")


def _on_begin(connection: Any) -> None:
    options = connection.get_execution_options()
    # How long this transaction waits for another writer: the journal's wait, or none for a first try
    # that must not freeze the TUI (it waits in a worker instead). Set each time: pooled connections.
    connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(options.get('busy_ms', pragmas.BUSY_TIMEOUT_MS))}")
    connection.exec_driver_sql(f"BEGIN {options.get('begin', 'DEFERRED')}")


@event.listens_for(OrmSession, "before_flush")
def _normalise_and_stamp(session: OrmSession, _context: Any, _instances: Any) -> None:
    """Store text NFC-normalised and stamp `updated_at` on every real edit."""
    keep_stamps = session.info.get("keep_timestamps", False)
    # Undoing keeps no version; an entry edit (journal.versions) keeps one whole version itself.
    keep_history = not (session.info.get("undoing", False) or session.info.get("versioning", False))
    for obj in list(session.new) + list(session.dirty):
        _normalise(obj)
        if obj in session.dirty and isinstance(obj, Record):
            state = inspect(obj)
            changed = {attr.key for attr in state.attrs if attr.history.has_changes()} - BOOKKEEPING
            if changed and keep_history:
                session.add(_revision(obj, state))
            if changed and not keep_stamps:
                obj.updated_at = utcnow()


def _revision(obj: Record, state: Any) -> Revision:
    """The record's columns as they were before this flush, kept so the edit can be seen and undone."""
    before: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        value = history.deleted[0] if history.deleted else getattr(obj, attr.key)
        before[attr.key] = value.isoformat() if isinstance(value, dt.date) else value
    table = obj.__table__.name  # type: ignore[attr-defined]
    return Revision(kind=table, record_uid=obj.uid, payload=json.dumps(before, ensure_ascii=False))


def _normalise(obj: Any) -> None:
    for attr in inspect(obj).mapper.column_attrs:
        value = getattr(obj, attr.key, None)
        if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
            setattr(obj, attr.key, unicodedata.normalize("NFC", value))
        elif isinstance(value, list) and any(
            isinstance(v, str) and not unicodedata.is_normalized("NFC", v) for v in value
        ):
            setattr(obj, attr.key, [unicodedata.normalize("NFC", v) for v in value])


def session(engine: Engine) -> Session:
    """A session whose objects stay readable after commit (the UI reads them later)."""
    return Session(engine, expire_on_commit=False)
