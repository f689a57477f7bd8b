"""The tables as the store reads and writes them: their columns, kinds and defaults, from the schema SQL.

A record read from the journal is a plain object with its table's columns as attributes
(a Row), built straight from SQLite's tuple through the codec; nothing here imports the
ORM. For the type checker a table is typed with its model (`Table[models.Entry]`), so
code reading `entry.on` is checked against models.py, the one declaration of the data
model; a test checks that the columns, kinds and defaults here are the models'.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from mentorlog import codec
from mentorlog.db.schema import TABLES
from mentorlog.kinds import SEEDED_LEVELS

if TYPE_CHECKING:
    from mentorlog import models

T = TypeVar("T")

_CREATE = re.compile(r"CREATE TABLE (\w+) \((.*)\)", re.S)
_COLUMN = re.compile(r'^\s*"?(\w+)"? (\w+(?:\(\d+\))?)( NOT NULL)?,?$')

# What a new record holds where the caller gives nothing: the models' defaults (checked by a test).
# Other columns take None where nullable, else their kind's empty value: "" for text, [] for a list.
DEFAULTS: dict[tuple[str, str], Any] = {
    ("pair", "program"): "induction", ("pair", "cadence_days"): 14, ("pair", "owner_role"): "mentor",
    ("goal", "kind"): "number", ("goal", "status"): "active", ("milestone", "position"): 0,
    ("entry", "author"): "mentor", ("entry", "private"): False, ("action_item", "owner"): "mentee",
    ("action_item", "private"): False, ("entry", "closing"): False,
    ("pair", "rubric_preset"): "seeded", ("pair", "rubric_levels"): list(SEEDED_LEVELS),
}  # fmt: skip
EMPTY = {"text": "", "list": []}


class Column(NamedTuple):
    name: str
    kind: str  # a codec kind
    nullable: bool

    @property
    def sql(self) -> str:
        """The column as SQL names it ("on" is a keyword)."""
        return f'"{self.name}"'


class Row:
    """A record as read: its columns as attributes (see Table.rows)."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({shown})"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    __hash__ = None  # type: ignore[assignment]

    def values(self) -> dict[str, Any]:
        return dict(self.__dict__)


class PairRow(Row):
    @property
    def label(self) -> str:
        return f"{self.__dict__['mentor_name']} & {self.__dict__['mentee_name']}"

    @property
    def ref(self) -> str:
        """The pair as a message names it: by number too, since two pairs may share their names."""
        return f"pair #{self.__dict__['id']} ({self.label})"


class Table(Generic[T]):
    """One table: its columns in order, and how its rows are made from SQLite's tuples."""

    def __init__(self, name: str, columns: Sequence[Column], row_class: type[Row] = Row) -> None:
        self.name = name
        self.columns = tuple(columns)
        self.by_name = {column.name: column for column in self.columns}
        self.names = tuple(column.name for column in self.columns)
        self.row_class: type[Row] = type(name.title().replace("_", ""), (row_class,), {})
        self._converts = [(i, f) for i, c in enumerate(self.columns) if (f := codec.FROM_SQL[c.kind]) is not None]
        self._json_converts = [
            (i, f) for i, c in enumerate(self.columns) if (f := codec.SQL_TO_JSON[c.kind]) is not None
        ]
        self.selected = ", ".join(f"{name}.{column.sql}" for column in self.columns)
        self.is_record = "uid" in self.by_name

    def row(self, stored: Sequence[Any], *, as_json: bool = False) -> T:
        """A row as read: its values as Python's, or (`as_json`) as the JSON format writes them."""
        values = list(stored)
        for i, convert in self._json_converts if as_json else self._converts:
            if values[i] is not None:
                values[i] = convert(values[i])
        row = self.row_class.__new__(self.row_class)
        row.__dict__.update(zip(self.names, values, strict=True))  # no keyword dict built and copied per row
        return row  # type: ignore[return-value]

    def rows(self, stored: Iterable[Sequence[Any]], *, as_json: bool = False) -> list[T]:
        return [self.row(values, as_json=as_json) for values in stored]

    def to_json(self, row: Any, names: Iterable[str] | None = None) -> dict[str, Any]:
        """A row's columns (all, or `names`) as JSON values, in table order."""
        by_name = self.by_name
        return {name: codec.to_json(by_name[name].kind, getattr(row, name)) for name in (names or self.names)}

    def from_json(self, values: dict[str, Any]) -> dict[str, Any]:
        """JSON values (of this journal's making, or checked by an import) as Python values."""
        by_name = self.by_name
        return {name: codec.from_json(by_name[name].kind, value) for name, value in values.items() if name in by_name}

    def default(self, name: str) -> Any:
        column = self.by_name[name]
        if (self.name, name) in DEFAULTS:
            given = DEFAULTS[(self.name, name)]
            return list(given) if isinstance(given, list) else given
        if not column.nullable and column.kind in EMPTY:
            value = EMPTY[column.kind]
            return list(value) if isinstance(value, list) else value
        return None

    def select(
        self,
        connection: sqlite3.Connection,
        where: str = "1",
        params: Sequence[Any] = (),
        order: str = "id",
        *,
        joins: str = "",
        limit: int | None = None,
        as_json: bool = False,
    ) -> list[T]:
        """`SELECT table.* ... WHERE where ORDER BY order` as rows."""
        sql = f"SELECT {self.selected} FROM {self.name} {joins} WHERE {where} ORDER BY {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self.rows(connection.execute(sql, params), as_json=as_json)

    def one(self, connection: sqlite3.Connection, where: str, params: Sequence[Any] = ()) -> T | None:
        found = self.select(connection, where, params, limit=1)
        return found[0] if found else None

    def get(self, connection: sqlite3.Connection, record_id: int) -> T | None:
        return self.one(connection, f"{self.name}.id = ?", (record_id,))


def _parse(ddl: str) -> tuple[str, list[Column]]:
    match = _CREATE.search(ddl)
    assert match is not None, ddl
    columns = []
    for line in match.group(2).splitlines():
        found = _COLUMN.match(line)
        if found and found.group(1) not in ("PRIMARY", "FOREIGN", "UNIQUE"):
            name, declared, notnull = found.groups()
            columns.append(Column(name, codec.kind_of(name, declared), not notnull and name != "id"))
    return match.group(1), columns


def _tables() -> dict[str, Table[Any]]:
    found: dict[str, Table[Any]] = {}
    for ddl in TABLES:
        if ddl.startswith("CREATE TABLE"):
            name, columns = _parse(ddl)
            found[name] = Table(name, columns, PairRow if name == "pair" else Row)
    return found


ALL = _tables()
PAIR: Table[models.Pair] = ALL["pair"]
COMPETENCY: Table[models.Competency] = ALL["competency"]
GOAL: Table[models.Goal] = ALL["goal"]
MILESTONE: Table[models.Milestone] = ALL["milestone"]
PROGRESS: Table[models.ProgressUpdate] = ALL["progress_update"]
ENTRY: Table[models.Entry] = ALL["entry"]
RATING: Table[models.Rating] = ALL["rating"]
ACTION: Table[models.ActionItem] = ALL["action_item"]
TAG: Table[models.Tag] = ALL["tag"]
ENTRY_TAG: Table[models.EntryTag] = ALL["entry_tag"]
ENTRY_GOAL: Table[models.EntryGoal] = ALL["entry_goal"]
TRASH: Table[models.TrashItem] = ALL["trash_item"]
REVISION: Table[models.Revision] = ALL["revision"]
