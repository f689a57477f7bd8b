"""Value kinds: how each kind of value a record holds is stored in SQLite and written in JSON.

One table for the store, the JSON exchange format, the trash and the history. A
column's kind comes from its declared SQLite type (the models' DDL, db/schema.py,
checked against models.py by a test); UTC stamps are declared VARCHAR and known by
name. Standard library only, and nothing of the project above it.

    kind     in Python        stored in SQLite                 in JSON
    text     str (NFC)        TEXT                              string
    int      int              INTEGER                           number
    float    float            REAL                              number
    bool     bool             0 / 1                             true / false
    date     datetime.date    "2026-12-03"                      "2026-12-03"
    stamp    aware datetime   "2026-12-03T09:00:00.000000+00:00" the same text
    list     list[str]        JSON text, "[]" when empty        array of strings
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import Any

Convert = Callable[[Any], Any]

STAMPS = frozenset({"created_at", "updated_at", "chosen_at", "deleted_at", "saved_at"})  # by name: VARCHAR
DECLARED = {"DATE": "date", "BOOLEAN": "bool", "INTEGER": "int", "FLOAT": "float", "JSON": "list"}


def kind_of(name: str, declared: str) -> str:
    """A column's kind from its name and declared type (VARCHAR is text, unless a stamp by name)."""
    if name in STAMPS:
        return "stamp"
    return DECLARED.get(declared.split("(")[0].upper(), "text")


def utc_text(value: dt.datetime) -> str:
    """How a UTC time is stored and exported: ISO text that sorts and round-trips exactly."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given where UTC is required")
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def nfc(text: str) -> str:
    """Text as the journal stores it (ASCII is NFC already)."""
    return text if text.isascii() or unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def list_text(value: list[str]) -> str:
    """A list as the journal stores it: readable UTF-8 JSON, `[]` when empty."""
    if not value:
        return "[]"
    import json  # most entries hold no list: quick capture need not load the JSON module

    return json.dumps([nfc(item) for item in value], ensure_ascii=False)


# A list of texts none of which holds a quote or a backslash (a rubric's level names): JSON's strings
# without escapes, read without the JSON module, which every command reading a pair would otherwise load.
_PLAIN_LIST = re.compile(r'\[\s*(?:"[^"\\]*"\s*(?:,\s*"[^"\\]*"\s*)*)?\]')
_PLAIN_ITEM = re.compile(r'"([^"\\]*)"')


def text_list(raw: str) -> list[str]:
    """A stored list as Python's (list_text's inverse)."""
    if raw == "[]":
        return []
    if _PLAIN_LIST.fullmatch(raw):
        return _PLAIN_ITEM.findall(raw)
    import json

    return list(json.loads(raw))


def _stored_text(value: Any) -> Any:
    return nfc(value) if isinstance(value, str) else value


# Stored value -> Python value; None where the stored value is used as it is.
FROM_SQL: dict[str, Convert | None] = {
    "text": None, "int": None, "float": None,
    "bool": bool, "date": dt.date.fromisoformat, "stamp": dt.datetime.fromisoformat, "list": text_list,
}  # fmt: skip
# Python value -> stored value (never called with None).
TO_SQL: dict[str, Convert] = {
    "text": _stored_text, "int": int, "float": float,
    "bool": int, "date": dt.date.isoformat, "stamp": utc_text, "list": list_text,
}  # fmt: skip
# Python value -> JSON value (never called with None).
TO_JSON: dict[str, Convert | None] = {
    "text": None, "int": None, "float": None,
    "bool": bool, "date": dt.date.isoformat, "stamp": utc_text, "list": list,
}  # fmt: skip
# Stored value -> JSON value, without the Python value between (exports read thousands of rows).
SQL_TO_JSON: dict[str, Convert | None] = {
    "text": None, "int": None, "float": None, "bool": bool, "date": None, "stamp": None, "list": text_list,
}  # fmt: skip


def _stamp_from_json(value: str) -> dt.datetime:
    stamp = dt.datetime.fromisoformat(value)
    if stamp.tzinfo is None:
        raise ValueError(f"a time without a zone: {value!r}")
    return stamp if stamp.tzinfo is dt.UTC else stamp.astimezone(dt.UTC)


# JSON value (as this journal wrote it, or as an import checked it) -> Python value.
FROM_JSON: dict[str, Convert | None] = {
    "text": None, "int": None, "float": float,
    "bool": bool, "date": dt.date.fromisoformat, "stamp": _stamp_from_json, "list": list,
}  # fmt: skip


def to_sql(kind: str, value: Any) -> Any:
    return None if value is None else TO_SQL[kind](value)


def from_sql(kind: str, value: Any) -> Any:
    convert = FROM_SQL[kind]
    return value if value is None or convert is None else convert(value)


def to_json(kind: str, value: Any) -> Any:
    convert = TO_JSON[kind]
    return value if value is None or convert is None else convert(value)


def from_json(kind: str, value: Any) -> Any:
    convert = FROM_JSON[kind]
    return value if value is None or convert is None else convert(value)
