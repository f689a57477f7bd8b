"""The JSON exchange format: which records and fields it carries, and how each is written and read.

A document is `{"format": "mentorlog", "version": N, "exported_at": ..., "pairs": [...]}`.
Each pair holds its own fields and one flat list per record kind; a record names its
parent by uid (`"goal": "<uid>"`), never by the local integer id, so two journals can
merge. Fields are derived from the tables, so a column added to a model travels
without a second list to keep in step; local bookkeeping (ids, `last_used_at`) stays home.
How each field is checked is json_fields (standard library only).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, Float, Integer
from sqlmodel import SQLModel

from mentorlog.errors import Invalid
from mentorlog.exchange.json_fields import ENTRY_LINKS as ENTRY_LINKS
from mentorlog.exchange.json_fields import FORMAT as FORMAT
from mentorlog.exchange.json_fields import (
    KIND_SPECS,
    LOCAL_ONLY,
    FieldSpec,
    KindSpec,
    Plan,
    decode_sound,
    make_plan,
    text,
)
from mentorlog.exchange.json_fields import VERSION as VERSION
from mentorlog.exchange.json_fields import reject_constant as reject_constant
from mentorlog.models import (
    ActionItem,
    Competency,
    Entry,
    Goal,
    Milestone,
    Pair,
    ProgressUpdate,
    Rating,
    Record,
    Tag,
    UTCDateTime,
)


@dataclass(frozen=True)
class Kind:
    """A record kind (json_fields.KindSpec) with its model."""

    spec: KindSpec
    model: type[Record]

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def table(self) -> str:
        return self.spec.table

    @property
    def parents(self) -> dict[str, tuple[str, str]]:
        return self.spec.parents

    @property
    def optional_parents(self) -> frozenset[str]:
        return self.spec.optional_parents

    @cached_property
    def columns(self) -> list[Column[Any]]:
        skip = self.spec.skipped()
        return [c for c in self.model.__table__.columns if c.name not in skip]  # type: ignore[attr-defined]


PAIR_COLUMNS = [c for c in Pair.__table__.columns if c.name not in LOCAL_ONLY]  # type: ignore[attr-defined]
_MODELS = {
    str(m.__tablename__): m for m in (Competency, Tag, Goal, Milestone, ProgressUpdate, Entry, Rating, ActionItem)
}
KINDS: tuple[Kind, ...] = tuple(Kind(spec, _MODELS[spec.table]) for spec in KIND_SPECS)
KIND_BY_NAME = {kind.name: kind for kind in KINDS}


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
    plan, by_name = _plan(table, columns)
    found = decode_sound(plan, data)
    return found if found is not None else _decode_checked(plan, by_name, data, where)


def _decode_checked(plan: Plan, by_name: dict[str, Column[Any]], data: dict[str, Any], where: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, nullable, read, one_line in plan.fields:
        value = data.get(name, _ABSENT)
        if value is None:
            if not nullable:
                raise Invalid(f"{where}: {name} must not be null")
            values[name] = None
        elif value is _ABSENT:
            values[name] = _missing(by_name[name], where)
        elif one_line is not None:
            try:
                values[name] = text(value, one_line=one_line)
            except Invalid as exc:
                raise Invalid(f"{where}: {name} {exc}") from None
        else:
            try:
                values[name] = read(value)
            except Invalid as exc:
                raise Invalid(f"{where}: {name} {exc}") from None
    return values


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


# A plan per column list, keyed by the list's identity; the cache holds the list, so its id stays its own.
_PLANS: dict[tuple[str, int], tuple[list[Column[Any]], Plan, dict[str, Column[Any]]]] = {}


def _plan(table: str, columns: list[Column[Any]]) -> tuple[Plan, dict[str, Column[Any]]]:
    found = _PLANS.get((table, id(columns)))
    if found is None or found[0] is not columns:
        if len(_PLANS) > 64:  # lists made for one call (undo's) must not pile up
            _PLANS.clear()
        plan = make_plan(table, [field_spec(c) for c in columns])
        found = _PLANS[(table, id(columns))] = (columns, plan, {c.name: c for c in columns})
    return found[1], found[2]


def field_spec(column: Column[Any]) -> FieldSpec:
    """A column as json_fields knows it."""
    kind = column.type
    if isinstance(kind, UTCDateTime):
        value = "stamp"
    elif isinstance(kind, Date):
        value = "date"
    elif isinstance(kind, Boolean):
        value = "bool"
    elif isinstance(kind, Integer):
        value = "int"
    elif isinstance(kind, Float):
        value = "float"
    elif isinstance(kind, JSON):
        value = "list"
    else:
        value = "text"
    return FieldSpec(column.name, value, bool(column.nullable))


class ModelDecoder:
    """Records decoded to the models' values (json_read.Decoder), the columns taken from the models."""

    def __init__(self) -> None:
        self.columns = {"pair": PAIR_COLUMNS, **{kind.table: kind.columns for kind in KINDS}}

    def values(self, table: str, raw: dict[str, Any], where: str) -> dict[str, Any]:
        return decode(table, raw, self.columns[table], where)

    def lists(self, raw: dict[str, Any], where: str) -> tuple[list[Any], list[Any]]:
        from mentorlog.exchange.json_history import read_lists

        history, trash = read_lists(raw, where)
        return list(history), list(trash)


MODEL_DECODER = ModelDecoder()
