"""Writing records: an insert, an update or a delete of one row, as every writer stores values.

Values go through the codec (dates as ISO text, UTC stamps, booleans 0/1, lists as JSON,
text NFC-normalised); a new record gets its uid and both stamps, a changed one a new
`updated_at`. What a change of a record keeps as its earlier version is journal.versions'.
"""

from __future__ import annotations

import contextlib
import contextvars
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from mentorlog import codec
from mentorlog.db.tables import Table
from mentorlog.stamps import new_uid, utcnow

T = TypeVar("T")
# Values one `IN (?, ...)` carries: well under SQLite's limit of 32,766 variables a statement.
CHUNK = 500


def chunks(values: list[T]) -> Iterable[list[T]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def insert(connection: sqlite3.Connection, table: Table[Any], values: Mapping[str, Any]) -> int:
    """INSERT one record; what `values` leaves out takes the table's default. Returns its id."""
    row = _full(table, values, utcnow())
    names = list(row)
    sql = (f"INSERT INTO {table.name} ({', '.join(table.by_name[n].sql for n in names)}) "
           f"VALUES ({', '.join('?' for _ in names)})")  # fmt: skip
    cursor = connection.execute(sql, [codec.to_sql(table.by_name[n].kind, row[n]) for n in names])
    assert cursor.lastrowid is not None
    return int(cursor.lastrowid)


def insert_many(
    connection: sqlite3.Connection, table: Table[Any], rows: Sequence[Mapping[str, Any]], *, stored: bool = False
) -> None:
    """INSERT every row (each with the same keys, uids and stamps given) in one executemany;
    `stored`: the values are as SQLite stores them already (an import checked them so)."""
    if not rows:
        return
    names = list(rows[0])
    sql = (f"INSERT INTO {table.name} ({', '.join(table.by_name[n].sql for n in names)}) "
           f"VALUES ({', '.join('?' for _ in names)})")  # fmt: skip
    if stored:
        connection.executemany(sql, (list(map(row.__getitem__, names)) for row in rows))
        return
    converts = [(i, codec.TO_SQL[table.by_name[n].kind]) for i, n in enumerate(names)]

    def as_stored(row: Mapping[str, Any]) -> list[Any]:
        values = [row[n] for n in names]
        for i, convert in converts:
            if values[i] is not None:
                values[i] = convert(values[i])
        return values

    connection.executemany(sql, map(as_stored, rows))


def _full(table: Table[Any], values: Mapping[str, Any], now: Any) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column in table.columns:
        name = column.name
        if name == "id" and "id" not in values:
            continue
        if name in values:
            row[name] = values[name]
        elif name == "uid":
            row[name] = new_uid()
        elif name in ("created_at", "updated_at", "deleted_at", "saved_at") and not column.nullable:
            row[name] = now  # when it was made (a trash item: when it was deleted); a nullable one is unset
        else:
            row[name] = table.default(name)
    return row


# What a write may change without the history keeping a version: this journal's own bookkeeping
# (stamps, local links by number, how its user keeps the pairs). Any other change is made inside
# `recording()`, which journal.versions.editing (and an undo, and an import) enter: the one place a
# version is kept. A write outside it is a bug the tests meet, not a change a merge silently misses.
# (relations.LOCAL_ONLY without the id, and the stamps: spelled out, as importing relations would cost quick
# capture its parse of the schema; tests/test_journal_edits.py holds the two together.)
UNRECORDED = frozenset({"updated_at", "created_at", "chosen_at", "archived_on", "deleted_at"})
_RECORDING: contextvars.ContextVar[int] = contextvars.ContextVar("recording", default=0)


@contextlib.contextmanager
def recording() -> Iterator[None]:
    """Writes inside are edits whose earlier versions the caller keeps."""
    token = _RECORDING.set(_RECORDING.get() + 1)
    try:
        yield
    finally:
        _RECORDING.reset(token)


class Unrecorded(RuntimeError):
    """A record's field changed with no version kept (see UNRECORDED)."""


def update(
    connection: sqlite3.Connection,
    table: Table[Any],
    record_id: int,
    changes: Mapping[str, Any],
    *,
    stamp: bool = True,
    stored: bool = False,
) -> None:
    """UPDATE one record's columns; `stamp`: its `updated_at` becomes now (a real edit, not bookkeeping);
    `stored`: the values are as SQLite stores them already."""
    values = dict(changes)
    if not _RECORDING.get():
        unrecorded = [n for n in values if n not in UNRECORDED and not (n.endswith("_id") and n != "id")]
        if unrecorded:
            raise Unrecorded(f"{table.name}.{', '.join(unrecorded)} changed outside the history (versions.editing)")
    if stamp and "updated_at" in table.by_name and "updated_at" not in values:
        values["updated_at"] = utcnow() if not stored else codec.utc_text(utcnow())
    if not values:
        return
    assignments = ", ".join(f"{table.by_name[n].sql} = ?" for n in values)
    params = list(values.values()) if stored else [codec.to_sql(table.by_name[n].kind, v) for n, v in values.items()]
    connection.execute(f"UPDATE {table.name} SET {assignments} WHERE id = ?", [*params, record_id])


def delete(connection: sqlite3.Connection, table: Table[Any], where: str, params: Iterable[Any] = ()) -> int:
    return connection.execute(f"DELETE FROM {table.name} WHERE {where}", tuple(params)).rowcount
