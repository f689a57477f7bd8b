"""Every statement a session runs, as SQLite ran it: the ORM's and the timeline's plain SQL alike."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlmodel import Session

from mentorlog.db import Journal


def driver(s: Session) -> sqlite3.Connection:
    raw = s.connection().connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


@contextmanager
def traced(journal: Journal) -> Iterator[tuple[Session, list[str]]]:
    """A read session and the SQL it runs (values filled in, as sqlite3's trace callback gives it)."""
    statements: list[str] = []
    with journal.read() as s:
        raw = driver(s)
        raw.set_trace_callback(statements.append)
        try:
            yield s, statements
        finally:
            raw.set_trace_callback(None)
