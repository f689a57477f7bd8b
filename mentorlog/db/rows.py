"""Records read as plain objects on a bare sqlite3 connection, with the models' Python types.

Exports read every record of a pair: building ORM objects (or running SQLAlchemy's
per-value processing) for tens of thousands of rows was most of their time, and the
Markdown export runs without the ORM at all. The types come from the file's own
declared column types (the models' DDL), so nothing here needs SQLAlchemy; a test
checks them against the models.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlmodel import Session

Convert = Callable[[Any], Any]
# UTCDateTime columns are declared VARCHAR (ISO text); they are known by name.
STAMPS = frozenset({"created_at", "updated_at", "last_used_at", "deleted_at", "saved_at"})


def driver(s: Session) -> sqlite3.Connection:
    """The session's own sqlite3 connection, with what the session holds written to it first."""
    s.flush()
    connection = s.connection().connection.driver_connection
    assert isinstance(connection, sqlite3.Connection)
    return connection


def _json_list(raw: str) -> list[Any]:
    return [] if raw == "[]" else json.loads(raw)


def json_text(value: list[Any]) -> str:
    """A list as the journal stores it: readable UTF-8 JSON, as the engine's json_serializer writes it."""
    return json.dumps(value, ensure_ascii=False) if value else "[]"


BY_DECLARED_TYPE: dict[str, Convert] = {"DATE": dt.date.fromisoformat, "BOOLEAN": bool, "JSON": _json_list}


def convert(name: str, declared: str) -> Convert | None:
    """Stored value -> Python for a column, or None when it is used as stored."""
    if name in STAMPS:
        return dt.datetime.fromisoformat
    return BY_DECLARED_TYPE.get(declared.upper())


def columns(connection: sqlite3.Connection, table: str) -> list[tuple[str, Convert | None]]:
    found = [(row[1], convert(row[1], row[2])) for row in connection.execute(f"PRAGMA table_info({table})")]
    if not found:
        raise sqlite3.OperationalError(f"no such table: {table}")
    return found


def read(
    connection: sqlite3.Connection,
    table: str,
    where: str,
    params: Sequence[Any] = (),
    order: str = "id",
    *,
    joins: str = "",
) -> list[Any]:
    """`SELECT table.* ... WHERE where ORDER BY order` as objects with the table's columns as attributes."""
    described = columns(connection, table)
    names = [name for name, _ in described]
    converts = [(i, read_value) for i, (_, read_value) in enumerate(described) if read_value is not None]
    selected = ", ".join(f'{table}."{name}"' for name in names)
    rows = []
    for stored in connection.execute(f"SELECT {selected} FROM {table} {joins} WHERE {where} ORDER BY {order}", params):
        values = list(stored)
        for i, read_value in converts:
            value = values[i]
            if value is not None:
                values[i] = read_value(value)
        row = SimpleNamespace()
        row.__dict__.update(zip(names, values, strict=True))  # no keyword dict built and copied per row
        rows.append(row)
    return rows
