"""The JSON exchange format: which records and fields it carries, and how each is written and read.

A document is `{"format": "mentorlog", "version": N, "exported_at": ..., "pairs": [...]}`.
Each pair holds its own fields and one flat list per record kind; a record names its
parent by uid (`"goal": "<uid>"`), never by the local integer id, so two journals can
merge. Fields are derived from the tables, so a column added to a model travels
without a second list to keep in step; local bookkeeping (ids, `last_used_at`) stays home.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, Float, Integer
from sqlmodel import SQLModel

from mentorlog.errors import Invalid
from mentorlog.journal import validate
from mentorlog.models import (
    ActionItem,
    Competency,
    Entry,
    EntryKind,
    Goal,
    GoalKind,
    GoalStatus,
    Milestone,
    Pair,
    Program,
    ProgressUpdate,
    Rater,
    Rating,
    Record,
    Role,
    SessionMode,
    Tag,
    UTCDateTime,
)

FORMAT = "mentorlog"
VERSION = 1
LOCAL_ONLY = frozenset({"id", "last_used_at"})


@dataclass(frozen=True)
class Kind:
    """One record kind as it appears in a pair: its list name and how it points at its parents."""

    name: str
    model: type[Record]
    # JSON field -> (column holding the parent's id, the parent kind's list name)
    parents: dict[str, tuple[str, str]] = field(default_factory=dict)
    optional_parents: frozenset[str] = frozenset()

    @cached_property
    def columns(self) -> list[Column[Any]]:
        skip = LOCAL_ONLY | {"pair_id"} | {column for column, _ in self.parents.values()}
        return [c for c in self.model.__table__.columns if c.name not in skip]  # type: ignore[attr-defined]


PAIR_COLUMNS = [c for c in Pair.__table__.columns if c.name not in LOCAL_ONLY]  # type: ignore[attr-defined]

# In the order a merge must write them: every parent before its children.
KINDS: tuple[Kind, ...] = (
    Kind("competencies", Competency),
    Kind("tags", Tag),
    Kind("goals", Goal),
    Kind("milestones", Milestone, {"goal": ("goal_id", "goals")}),
    Kind("progress_updates", ProgressUpdate, {"goal": ("goal_id", "goals")}),
    Kind("entries", Entry),
    Kind("ratings", Rating, {"entry": ("entry_id", "entries"), "competency": ("competency_id", "competencies")}),
    Kind("action_items", ActionItem, {"entry": ("entry_id", "entries")}, optional_parents=frozenset({"entry"})),
)
KIND_BY_NAME = {kind.name: kind for kind in KINDS}
# An entry's many-to-many links travel inside it: tag names and goal uids.
ENTRY_LINKS = ("tags", "goals")

CHOICES: dict[tuple[str, str], type[StrEnum]] = {
    ("pair", "program"): Program,
    ("pair", "owner_role"): Role,
    ("goal", "kind"): GoalKind,
    ("goal", "status"): GoalStatus,
    ("entry", "kind"): EntryKind,
    ("entry", "mode"): SessionMode,
    ("entry", "author"): Role,
    ("entry", "rater"): Rater,
    ("action_item", "owner"): Role,
}
SCALES: dict[tuple[str, str], tuple[int, int]] = {
    ("pair", "cadence_days"): (1, 365),
    ("progress_update", "confidence"): (1, 5),
    ("entry", "confidence"): (1, 5),
    ("entry", "usefulness"): (1, 5),
    ("entry", "duration_min"): (0, 24 * 60),
    ("rating", "level"): (1, 5),
    ("competency", "position"): (0, 10_000),
    ("milestone", "position"): (0, 100_000),
}
ONE_LINE = frozenset({"title", "name", "mentor_name", "mentee_name", "uid"})


def encode(record: SQLModel, columns: list[Column[Any]]) -> dict[str, Any]:
    """A record's exported fields, JSON-ready, in column order."""
    out: dict[str, Any] = {}
    for column in columns:
        value = getattr(record, column.name)
        if isinstance(value, dt.datetime):
            value = value.astimezone(dt.UTC).isoformat(timespec="microseconds")
        elif isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, list):
            value = list(value)
        out[column.name] = value
    return out


def decode(table: str, data: dict[str, Any], columns: list[Column[Any]], where: str) -> dict[str, Any]:
    """Validated column values from one JSON record; Invalid names the record and the field."""
    values: dict[str, Any] = {}
    texts: list[tuple[str, str, bool]] = []  # free-text fields, checked together below
    for column, nullable, read, one_line in _plan(table, columns):
        name = column.name
        value = data.get(name, _ABSENT)
        if value is None:
            if not nullable:
                raise Invalid(f"{where}: {name} must not be null")
            values[name] = None
        elif value is _ABSENT:
            values[name] = _missing(column, where)
        elif one_line is not None and type(value) is str:
            values[name] = value
            if value:
                texts.append((name, value, one_line))
        else:
            try:
                values[name] = read(value)
            except Invalid as exc:
                raise Invalid(f"{where}: {name} {exc}") from None
    if texts and not _plain_ascii(texts):
        for name, value, one_line in texts:  # the exact field's message, and NFC for what is not ASCII
            try:
                values[name] = _text(value, one_line=one_line)
            except Invalid as exc:
                raise Invalid(f"{where}: {name} {exc}") from None
    return values


def _plain_ascii(texts: list[tuple[str, str, bool]]) -> bool:
    """One check for all of a record's free text, the common case: ASCII (so NFC), no control character,
    within the length limit, one-line fields on one line. Anything else is checked field by field."""
    joined = "\n".join(value for _, value, _ in texts)
    if len(joined) > validate.MAX_TEXT or not joined.isascii() or validate.CONTROL.search(joined):
        return False
    return not any(one_line and ("\n" in value or "\r" in value) for _, value, one_line in texts)


_ABSENT = object()


def _missing(column: Column[Any], where: str) -> Any:
    """A field this export lacks takes the value a new record would (all rows alike, for bulk inserts)."""
    name, default = column.name, column.default
    if name in ("uid", "created_at", "updated_at"):
        raise Invalid(f"{where}: {name} is missing")
    if default is not None and getattr(default, "is_scalar", False):
        return getattr(default, "arg", None)
    if column.nullable:
        return None
    raise Invalid(f"{where}: {name} is missing")


Reader = Callable[[Any], Any]
# A column, whether it may be null, the check of its value, and for a free-text column whether it is
# one line (None for every other column: numbers, dates, lists and texts with a fixed set of choices).
Plan = list[tuple[Column[Any], bool, Reader, bool | None]]
# Each column's check, chosen once: an import decodes every field of tens of thousands of records.
_READERS: dict[tuple[str, str], Reader] = {}
# A plan per column list, keyed by the list's identity; the cache holds the list, so its id stays its own.
_PLANS: dict[tuple[str, int], tuple[list[Column[Any]], Plan]] = {}


def _plan(table: str, columns: list[Column[Any]]) -> Plan:
    found = _PLANS.get((table, id(columns)))
    if found is None or found[0] is not columns:
        if len(_PLANS) > 64:  # lists made for one call (undo's) must not pile up
            _PLANS.clear()
        plan = [(c, _nullable(c), _reader(table, c), _free_text(table, c)) for c in columns]
        found = _PLANS[(table, id(columns))] = (columns, plan)
    return found[1]


def _free_text(table: str, column: Column[Any]) -> bool | None:
    if isinstance(column.type, UTCDateTime | Date | Boolean | Integer | Float | JSON):
        return None
    if (table, column.name) in CHOICES:
        return None
    return column.name in ONE_LINE


def _nullable(column: Column[Any]) -> bool:
    return bool(column.nullable) and column.name not in ("uid", "created_at", "updated_at")


def _reader(table: str, column: Column[Any]) -> Reader:
    found = _READERS.get((table, column.name))
    if found is None:
        found = _READERS[(table, column.name)] = _value_reader(table, column)
    return found


def _value_reader(table: str, column: Column[Any]) -> Reader:
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return _timestamp
    if isinstance(kind, Date):
        return _date
    if isinstance(kind, Boolean):
        return _boolean
    if isinstance(kind, Integer):
        return _whole(*SCALES.get((table, column.name), (-(2**62), 2**62)))
    if isinstance(kind, Float):
        return _number
    if isinstance(kind, JSON):
        return _texts
    return _choice_text(column.name in ONE_LINE, CHOICES.get((table, column.name)))


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"must be true or false (not {value!r:.40})")
    return value


def _whole(low: int, high: int) -> Reader:
    def whole(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"must be a whole number (not {value!r:.40})")
        if not low <= value <= high:
            raise Invalid(f"must be from {low} to {high} (not {value})")
        return value

    return whole


def _texts(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise Invalid("must be a list of texts")
    return [_text(item, one_line=False) for item in value]


def _choice_text(one_line: bool, choices: type[StrEnum] | None) -> Reader:
    if choices is None:
        return lambda value: _text(value, one_line=one_line)
    allowed = frozenset(member.value for member in choices)

    def choice_text(value: Any) -> str:
        text = _text(value, one_line=one_line)
        if text not in allowed:
            options = ", ".join(member.value for member in choices)
            raise Invalid(f"must be one of {options} (not {text!r:.40})")
        return text

    return choice_text


def _text(value: Any, *, one_line: bool) -> str:
    if not isinstance(value, str):
        raise Invalid(f"must be text (not {value!r:.40})")
    if not value:
        return value  # most of an entry's fields belong to other kinds and are empty
    if len(value) > validate.MAX_TEXT:
        raise Invalid(f"is too long ({len(value):,} characters)")
    bad = validate.CONTROL.search(value)
    if bad is not None:
        raise Invalid(f"contains a control character (U+{ord(bad.group()):04X})")
    if one_line and ("\n" in value or "\r" in value):
        raise Invalid("must be one line")
    return value if value.isascii() else unicodedata.normalize("NFC", value)  # ASCII is NFC already


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Invalid(f"must be a finite number (not {value!r:.40})")
    if abs(value) > 1e15:
        raise Invalid(f"is too large ({value:g})")
    return float(value)


def _date(value: Any) -> dt.date:
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise Invalid(f"must be an ISO date such as 2026-11-23 (not {value!r:.40})")


def _timestamp(value: Any) -> dt.datetime:
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is not None and parsed.tzinfo is not None:
            return parsed.astimezone(dt.UTC)
    raise Invalid(f"must be an ISO timestamp with a time zone (not {value!r:.40})")


def reject_constant(name: str) -> Callable[..., Any]:
    raise Invalid(f"contains {name}, which is not a number JSON allows")
