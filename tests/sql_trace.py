"""Every statement a read runs, as SQLite ran it (values filled in, as sqlite3's trace callback gives it)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from mentorlog.db import Journal


@contextmanager
def traced(journal: Journal) -> Iterator[tuple[sqlite3.Connection, list[str]]]:
    """The journal's connection, in one snapshot, and the SQL run on it."""
    statements: list[str] = []
    with journal.read() as connection:
        connection.set_trace_callback(statements.append)
        try:
            yield connection, statements
        finally:
            connection.set_trace_callback(None)
