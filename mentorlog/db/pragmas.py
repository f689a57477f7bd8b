"""The settings every connection to a journal runs with, whoever opens it."""

from __future__ import annotations

import sqlite3

BUSY_TIMEOUT_MS = 10_000


def apply(connection: sqlite3.Connection) -> None:
    """WAL, foreign keys, a busy timeout (a second writer waits, not fails) and durable commits."""
    # Transactions are begun explicitly (BEGIN IMMEDIATE for writers); pysqlite's own handling is wrong.
    connection.isolation_level = None
    cursor = connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()
