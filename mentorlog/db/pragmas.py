"""The settings every connection to a journal runs with, whoever opens it, and how it is opened."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mentorlog.db import connecting
from mentorlog.db.identity import reading_uri

BUSY_TIMEOUT_MS = 10_000


def apply(connection: sqlite3.Connection, *, readonly: bool = False) -> None:
    """WAL, foreign keys, a busy timeout (a second writer waits, not fails) and durable commits."""
    # Transactions are begun explicitly (BEGIN IMMEDIATE for writers); pysqlite's own handling is wrong.
    connection.isolation_level = None
    cursor = connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    if not readonly and cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def connect(
    real: Path, *, writable: bool, folder_writable: bool, threads: bool = False, key: bytes | None = None
) -> sqlite3.Connection:
    """A connection to the journal file at `real` (symlinks resolved): read-only where it cannot be written;
    keyed with `key` when the journal is encrypted."""
    if writable:
        connection = connecting.connect(real, threads=threads, key=key)
    else:
        connection = connecting.connect(reading_uri(real, folder_writable), uri=True, threads=threads, key=key)
    try:
        apply(connection, readonly=not writable)
    except BaseException:
        connection.close()
        raise
    return connection
