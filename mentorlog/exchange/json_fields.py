"""How each field of a JSON export is checked, into the value SQLite stores. Standard library only.

A field is known by its table's column (db.tables: its name, its codec kind, whether it
may be null); what more an import checks of it (a choice, a scale, one line, a tag) is
here. Values come out as the journal stores them, so an import writes them as they are:
dates and canonical UTC stamps as text, booleans as 0/1, lists as JSON text.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from mentorlog import codec, validate
from mentorlog.db.tables import ALL, Column
from mentorlog.errors import Invalid
from mentorlog.record_fields import type_of

Reader = Callable[[Any], Any]


@dataclass(frozen=True)
class Plan:
    """How one record's fields are decoded, worked out once: an import decodes every field of tens
    of thousands of records."""

    table: str
    # Each field: name, whether it may be null, the check of its value, and for a free-text field
    # whether it is one line (None for every other field: numbers, dates, lists, texts with choices).
    fields: tuple[tuple[str, bool, Reader, bool | None], ...]
    texts: tuple[str, ...]  # the free-text fields that may not be null, checked together
    one_line: tuple[str, ...]  # those of them that must be one line
    required: tuple[str, ...]  # those of them that may not be empty (validate.REQUIRED)
    others: tuple[tuple[str, bool, Reader], ...]  # every other field: name, nullable, check


def make_plan(table: str, names: Iterable[str]) -> Plan:
    """The plan for these columns of a table."""
    columns = [ALL[table].by_name[name] for name in names]
    steps = tuple((c.name, _nullable(c), reader(table, c), _free_text(table, c)) for c in columns)
    # Text that may be null is checked on its own, with the other fields.
    together = [(name, one_line) for name, nullable, _, one_line in steps if one_line is not None and not nullable]
    return Plan(
        table,
        steps,
        texts=tuple(name for name, _ in together),
        one_line=tuple(name for name, one_line in together if one_line),
        required=tuple(name for name, _ in together if (table, name) in validate.REQUIRED),
        others=tuple((name, nullable, read) for name, nullable, read, _ in steps if name not in dict(together)),
    )


def decode(plan: Plan, data: dict[str, Any], where: str) -> dict[str, Any]:
    """A record's fields as stored values; Invalid names the record and the first field wrong."""
    found = decode_sound(plan, data)
    return found if found is not None else _decode_checked(plan, data, where)


def _decode_checked(plan: Plan, data: dict[str, Any], where: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, nullable, read, one_line in plan.fields:
        value = data.get(name, _ABSENT)
        if value is None:
            if not nullable:
                raise Invalid(f"{where}: {name} must not be null")
            values[name] = None
            continue
        if value is _ABSENT:
            values[name] = _missing(plan.table, name, where)
            continue
        try:
            values[name] = read(value) if one_line is None else text(value, one_line=one_line)
        except Invalid as exc:
            raise Invalid(f"{where}: {name} {exc}") from None
        if name in plan.required and not str(values[name]).strip():
            raise Invalid(f"{where}: {name} must not be empty")
    return values


_ABSENT = object()


def _missing(table: str, name: str, where: str) -> Any:
    """A field this export lacks takes the value a new record would (so all rows are alike)."""
    column = ALL[table].by_name[name]
    if name in ("uid", "created_at", "updated_at"):
        raise Invalid(f"{where}: {name} is missing")
    value = ALL[table].default(name)
    if value is None and not column.nullable:
        raise Invalid(f"{where}: {name} is missing")
    return codec.to_sql(column.kind, value)


def decode_sound(plan: Plan, data: dict[str, Any]) -> dict[str, Any] | None:
    """The common record, decoded with one check for all of its free text: every field present,
    texts NFC (ASCII always is), no control character, within the length limit, one-line fields
    on one line, every other value valid. Anything else is None, for the field-by-field check
    that names what is wrong; both give the same values for a sound record (a test checks)."""
    try:
        texts = list(map(data.__getitem__, plan.texts))
        joined = "\n".join(texts)  # a null or non-text field raises TypeError: checked field by field
        if not validate.is_clean(joined):
            return None  # checked field by field, which says what is wrong (or normalises it, as typing does)
        if not all(map(str.strip, map(data.__getitem__, plan.required))):
            return None  # an empty title: checked field by field, which says which
        lines = list(map(data.__getitem__, plan.one_line))
        one_line = "".join(lines)
        if "\n" in one_line or "\r" in one_line or any(len(line) > validate.MAX_TITLE for line in lines):
            return None
        values = dict(zip(plan.texts, texts, strict=True))
        for name, nullable, read in plan.others:
            value = data[name]
            if value is None:
                if not nullable:
                    return None
                values[name] = None
            else:
                values[name] = read(value)
    except (KeyError, TypeError, Invalid):
        return None
    return values


def _free_text(table: str, column: Column) -> bool | None:
    typed = type_of(table, column.name)
    if column.kind != "text" or (typed is not None and not typed.free) or (table, column.name) == ("tag", "name"):
        return None
    if column.name.endswith("_uid"):
        return None  # a uid that names another record: checked as one (uid_text), not as free text
    return (table, column.name) in validate.ONE_LINE or column.name == "uid"


def _nullable(column: Column) -> bool:
    return column.nullable and column.name not in ("uid", "created_at", "updated_at")


def reader(table: str, column: Column) -> Reader:
    """The check of a value of this column, giving the value as stored: its field type's check (a choice,
    a range, a list's items), then its store kind's."""
    typed = type_of(table, column.name)
    stored = _stored(table, column)
    if typed is None or typed.free:
        return stored

    def read(value: Any) -> Any:
        try:
            checked = typed.imported(value, "")
        except Invalid as exc:
            raise Invalid(str(exc).strip()) from None  # the record and the field lead the message
        return stored(checked)

    return read


def _stored(table: str, column: Column) -> Reader:
    kind = column.kind
    if kind == "stamp":
        return _stamp_text
    if kind == "date":
        return _date_text
    if kind == "bool":
        return _boolean_int
    if kind == "int":
        return _whole(-(2**62), 2**62)
    if kind == "float":
        return _number
    if kind == "list":
        return lambda value: codec.list_text(_texts(value))
    if (table, column.name) == ("tag", "name"):
        return tag_name
    if column.name.endswith("_uid"):
        return uid_text
    one_line = (table, column.name) in validate.ONE_LINE or column.name == "uid"
    return lambda value: text(value, one_line=one_line)


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"must be true or false (not {value!r:.40})")
    return value


def _boolean_int(value: Any) -> int:
    return int(_boolean(value))


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
    return [text(item, one_line=False) for item in value]


def tag_name(value: Any) -> str:
    """A tag as typing makes one: one word of at most 64 characters, lower-cased, without a leading #."""
    name = text(value, one_line=True)
    try:
        (checked,) = validate.tags([name])
    except (Invalid, ValueError):
        raise Invalid(f"must be one word of at most {validate.MAX_TAG} characters (not {name!r:.40})") from None
    return checked


def uid_text(value: Any) -> str:
    """A uid naming a record (a group session's): 1 to 36 characters without spaces, as a record's own."""
    name = text(value, one_line=True)
    if not 1 <= len(name) <= 36 or re.search(r"\s", name):
        raise Invalid(f"must be a uid of 1 to 36 characters without spaces (not {name!r:.40})")
    return name


def text(value: Any, *, one_line: bool) -> str:
    if not isinstance(value, str):
        raise Invalid(f"must be text (not {value!r:.40})")
    return validate.checked(value, one_line=one_line)


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Invalid(f"must be a finite number (not {value!r:.40})")
    if abs(value) > 1e15:
        raise Invalid(f"is too large ({value:g})")
    return float(value)


def _date(value: Any) -> dt.date:
    if isinstance(value, str) and len(value) == 10:
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if validate.EARLIEST <= day <= validate.LATEST:
                return day
            raise Invalid(f"must be a date from 1900 to 2100, as typed ones are (not {value})")
    raise Invalid(f"must be an ISO date such as 2026-11-23 (not {value!r:.40})")


def _date_text(value: Any) -> str:
    return _date(value).isoformat()


def _timestamp(value: Any) -> dt.datetime:
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value)
            if parsed.tzinfo is not None and parsed.tzinfo is not dt.UTC:
                parsed = parsed.astimezone(dt.UTC)  # UTC: as exported
        except (ValueError, OverflowError):
            raise Invalid(
                f"must be an ISO timestamp with a time zone, in years 1 to 9999 (not {value!r:.40})"
            ) from None
        if parsed.tzinfo is not None:
            return parsed
    raise Invalid(f"must be an ISO timestamp with a time zone (not {value!r:.40})")


# How every mentorlog export writes a time, which is how the journal stores it (stamps.utc_text).
_STORED_STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}\+00:00")


def _stamp_text(value: Any) -> str:
    parsed = _timestamp(value)
    return value if _STORED_STAMP.fullmatch(value) else codec.utc_text(parsed)


def reject_constant(name: str) -> Callable[..., Any]:
    raise Invalid(f"contains {name}, which is not a number JSON allows")
