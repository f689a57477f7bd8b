"""Rows written in bulk on a session's DBAPI connection, skipping SQLAlchemy's per-row processing.

An import writes tens of thousands of rows; SQLAlchemy's per-value processing was
most of its time. Values are stored as the models' column types store them (a test
compares the rows with the ORM's), the conversion chosen once per column. Reading
in bulk is db/rows.py.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, Table

from mentorlog.db.rows import json_text
from mentorlog.models import UTCDateTime
from mentorlog.stamps import utc_text

Convert = Callable[[Any], Any]


def writer(column: Column[Any]) -> Convert | None:
    """Python value -> stored value, or None when it is stored as it is."""
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return utc_text
    if isinstance(kind, Date):
        return dt.date.isoformat
    if isinstance(kind, Boolean):
        return int
    if isinstance(kind, JSON):
        return json_text
    return None


def insert_rows(connection: sqlite3.Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT every row (all with the same keys) in one executemany."""
    if not rows:
        return
    names = list(rows[0])
    converts = [(i, write) for i, name in enumerate(names) if (write := writer(table.c[name])) is not None]

    def stored(row: Mapping[str, Any]) -> list[Any]:
        values = [row[name] for name in names]
        for i, write in converts:
            if values[i] is not None:
                values[i] = write(values[i])
        return values

    quoted = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join("?" for _ in names)
    connection.executemany(f"INSERT INTO {table.name} ({quoted}) VALUES ({marks})", map(stored, rows))
