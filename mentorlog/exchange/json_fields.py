"""How each field of a JSON export is checked, with the standard library alone.

A field is known by its name and its kind of value ("stamp", "date", "bool",
"int", "float", "list", "text"). The model-based import (json_format) derives
them from the tables' columns; a first import into an empty journal
(json_first_import) from the file's own declared columns, and wants the values
as SQLite stores them. A test checks that both see the same fields.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from mentorlog.db.rows import STAMPS, json_text
from mentorlog.errors import Invalid
from mentorlog.journal import validate
from mentorlog.kinds import EntryKind, GoalKind, GoalStatus, Program, Rater, Role, SessionMode
from mentorlog.stamps import utc_text

FORMAT = "mentorlog"
VERSION = 1
LOCAL_ONLY = frozenset({"id", "last_used_at"})
# An entry's many-to-many links travel inside it: tag names and goal uids.
ENTRY_LINKS = ("tags", "goals")


@dataclass(frozen=True)
class KindSpec:
    """One record kind as it appears in a pair: its list name, its table and how it points at its parents."""

    name: str
    table: str
    # JSON field -> (column holding the parent's id, the parent kind's list name)
    parents: dict[str, tuple[str, str]] = field(default_factory=dict)
    optional_parents: frozenset[str] = frozenset()

    def skipped(self) -> frozenset[str]:
        """Columns a record of this kind does not carry: local ids, its pair, its parents' ids."""
        return LOCAL_ONLY | {"pair_id"} | {column for column, _ in self.parents.values()}


# In the order a merge must write them: every parent before its children.
KIND_SPECS: tuple[KindSpec, ...] = (
    KindSpec("competencies", "competency"),
    KindSpec("tags", "tag"),
    KindSpec("goals", "goal"),
    KindSpec("milestones", "milestone", {"goal": ("goal_id", "goals")}),
    KindSpec("progress_updates", "progress_update", {"goal": ("goal_id", "goals")}),
    KindSpec("entries", "entry"),
    KindSpec("ratings", "rating", {"entry": ("entry_id", "entries"), "competency": ("competency_id", "competencies")}),
    KindSpec("action_items", "action_item", {"entry": ("entry_id", "entries")}, optional_parents=frozenset({"entry"})),
)

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
# Declared SQLite types (the models' DDL) -> kind of value; VARCHAR is text unless a stamp by name.
DECLARED = {"DATE": "date", "BOOLEAN": "bool", "INTEGER": "int", "FLOAT": "float", "JSON": "list"}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # stamp, date, bool, int, float, list or text
    nullable: bool  # in the table; uid and the stamps are required in a file whatever the table says


def declared_field(name: str, declared: str, notnull: bool) -> FieldSpec:
    kind = "stamp" if name in STAMPS else DECLARED.get(declared.upper(), "text")
    return FieldSpec(name, kind, not notnull)


Reader = Callable[[Any], Any]


@dataclass(frozen=True)
class Plan:
    """How one record's fields are decoded, worked out once: an import decodes every field of tens
    of thousands of records."""

    # Each field: name, whether it may be null, the check of its value, and for a free-text field
    # whether it is one line (None for every other field: numbers, dates, lists, texts with choices).
    fields: tuple[tuple[str, bool, Reader, bool | None], ...]
    texts: tuple[str, ...]  # the free-text fields that may not be null, checked together
    one_line: tuple[str, ...]  # those of them that must be one line
    others: tuple[tuple[str, bool, Reader], ...]  # every other field: name, nullable, check


def make_plan(table: str, specs: list[FieldSpec], *, stored: bool = False) -> Plan:
    """The plan for a table's fields; `stored`: values as SQLite stores them, else as the models hold them."""
    steps = tuple(
        (spec.name, _nullable(spec), reader(table, spec, stored=stored), _free_text(table, spec)) for spec in specs
    )
    # Text that may be null is checked on its own, with the other fields.
    together = [(name, one_line) for name, nullable, _, one_line in steps if one_line is not None and not nullable]
    return Plan(
        steps,
        texts=tuple(name for name, _ in together),
        one_line=tuple(name for name, one_line in together if one_line),
        others=tuple((name, nullable, read) for name, nullable, read, _ in steps if name not in dict(together)),
    )


def decode_sound(plan: Plan, data: dict[str, Any]) -> dict[str, Any] | None:
    """The common record, decoded with one check for all of its free text: every field present,
    texts NFC (ASCII always is), no control character, within the length limit, one-line fields
    on one line, every other value valid. Anything else is None, for the field-by-field check
    that names what is wrong; both give the same values for a sound record (a test checks)."""
    try:
        texts = list(map(data.__getitem__, plan.texts))
        joined = "\n".join(texts)  # a null or non-text field raises TypeError: checked field by field
        if len(joined) > validate.MAX_TEXT or validate.CONTROL.search(joined) or "\r" in joined:
            return None  # a carriage return is normalised field by field, as typed text is
        if not joined.isascii() and not unicodedata.is_normalized("NFC", joined):
            return None
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


def _free_text(table: str, spec: FieldSpec) -> bool | None:
    if spec.kind != "text" or (table, spec.name) in CHOICES or (table, spec.name) == ("tag", "name"):
        return None
    return (table, spec.name) in validate.ONE_LINE or spec.name == "uid"


def _nullable(spec: FieldSpec) -> bool:
    return spec.nullable and spec.name not in ("uid", "created_at", "updated_at")


_READERS: dict[tuple[str, str, str, bool], Reader] = {}


def reader(table: str, spec: FieldSpec, *, stored: bool = False) -> Reader:
    key = (table, spec.name, spec.kind, stored)
    found = _READERS.get(key)
    if found is None:
        found = _READERS[key] = _value_reader(table, spec, stored)
    return found


def _value_reader(table: str, spec: FieldSpec, stored: bool) -> Reader:
    kind = spec.kind
    if kind == "stamp":
        return _stamp_text if stored else _timestamp
    if kind == "date":
        return _date_text if stored else _date
    if kind == "bool":
        return _boolean_int if stored else _boolean
    if kind == "int":
        return _whole(*SCALES.get((table, spec.name), (-(2**62), 2**62)))
    if kind == "float":
        return _number
    if kind == "list":
        items = _line_items if (table, spec.name) in validate.LINE_ITEMS else _texts
        return (lambda value: json_text(items(value))) if stored else items
    if (table, spec.name) == ("tag", "name"):
        return tag_name
    one_line = (table, spec.name) in validate.ONE_LINE or spec.name == "uid"
    return _choice_text(one_line, CHOICES.get((table, spec.name)))


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


def _line_items(value: Any) -> list[str]:
    items = _texts(value)
    for item in items:
        if not item.strip() or "\n" in item or len(item) > validate.MAX_TITLE:
            raise Invalid(f"must be a list of lines of 1 to {validate.MAX_TITLE} characters")
    return items


def tag_name(value: Any) -> str:
    """A tag as typing makes one: one word of at most 64 characters, lower-cased, without a leading #."""
    name = text(value, one_line=True)
    try:
        (checked,) = validate.tags([name])
    except (Invalid, ValueError):
        raise Invalid(f"must be one word of at most {validate.MAX_TAG} characters (not {name!r:.40})") from None
    return checked


def _choice_text(one_line: bool, choices: type[StrEnum] | None) -> Reader:
    if choices is None:
        return lambda value: text(value, one_line=one_line)
    allowed = frozenset(member.value for member in choices)

    def choice_text(value: Any) -> str:
        if type(value) is str and value in allowed:
            return value  # the choices are plain ASCII words: nothing more to check
        checked = text(value, one_line=one_line)
        if checked not in allowed:
            options = ", ".join(member.value for member in choices)
            raise Invalid(f"must be one of {options} (not {checked!r:.40})")
        return checked

    return choice_text


def text(value: Any, *, one_line: bool) -> str:
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
    if one_line and len(value) > validate.MAX_TITLE:
        raise Invalid(f"is too long ({len(value):,} characters; at most {validate.MAX_TITLE})")
    if "\r" in value:  # line ends as typed text has them: a lone CR would rewrite a terminal's line
        value = value.replace("\r\n", "\n").replace("\r", "\n")
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
    return value if _STORED_STAMP.fullmatch(value) else utc_text(parsed)


def reject_constant(name: str) -> Callable[..., Any]:
    raise Invalid(f"contains {name}, which is not a number JSON allows")
