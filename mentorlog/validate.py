"""Checks shared by the journal's actions: each raises Invalid with a message for the user."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from typing import TypeVar

from mentorlog.errors import Invalid

# SQLite integers are 64-bit: no record has a larger id, and a larger number is no record.
LARGEST_ID = 2**63 - 1
MAX_TITLE = 200
MAX_TEXT = 1_000_000
MAX_TAG = 64

# Which text fields are one line of at most MAX_TITLE characters: the one rule that typing (the
# journal's actions call line() on exactly these) and importing (exchange.json_fields) both follow.
ONE_LINE = frozenset({
    ("pair", "mentor_name"), ("pair", "mentee_name"), ("competency", "name"), ("tag", "name"),
    ("goal", "title"), ("goal", "measure"), ("goal", "unit"), ("goal", "competency"),
    ("milestone", "title"), ("entry", "title"), ("action_item", "text"),
})  # fmt: skip
# Which of them may not be empty (nor only spaces): typing refuses them so (required=True), an import too.
REQUIRED = frozenset({
    ("pair", "mentor_name"), ("pair", "mentee_name"), ("competency", "name"), ("tag", "name"),
    ("goal", "title"), ("milestone", "title"), ("entry", "title"), ("action_item", "text"),
})  # fmt: skip

# The days a mentoring journal holds: a date outside them is a typo (or a file's mistake), and far
# dates overflow the arithmetic of every export (9999-12-31 + 1 day).
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)

E = TypeVar("E", bound=StrEnum)
# C0 controls but tab and line ends, DEL, and the C1 controls: never part of what someone wrote.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A lone surrogate: what Python makes of bytes that were not UTF-8 (an argument, standard input, JSON's
# "\\ud800"); it can be neither stored nor shown.
SURROGATE = re.compile("[\ud800-\udfff]")


def checked(value: str, *, one_line: bool = False, limit: int = MAX_TEXT) -> str:
    """The one rule for free text, whichever way it came in (an argument, standard input, a form, an
    import): text first (no lone surrogate: bytes that were not UTF-8), then as stored (NFC, line ends
    as `\n`), then checked as stored: within `limit` (a line within MAX_TITLE), no control character
    but tab and line ends. Checked after normalising, so what is stored is what was measured (150 × U+0958
    is 300 characters once NFC). The message names no field: the caller says which."""
    if not value:
        return value  # most of an entry's fields belong to other kinds and are empty
    if not value.isascii():  # ASCII is NFC already, and holds no surrogate
        bad = SURROGATE.search(value)
        if bad is not None:
            raise Invalid(f"is not valid text (U+{ord(bad.group()):04X}: bytes that were not UTF-8)")
        value = unicodedata.normalize("NFC", value)
    if "\r" in value and not one_line:  # line ends as typed text has them: a lone CR would rewrite a line
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    limit = min(limit, MAX_TITLE) if one_line else limit
    if len(value) > limit:
        raise Invalid(f"is too long ({len(value):,} characters; at most {limit:,})")
    bad = CONTROL.search(value)
    if bad is not None:
        raise Invalid(f"contains a control character (U+{ord(bad.group()):04X})")
    if one_line and ("\n" in value or "\r" in value):
        raise Invalid("must be one line")
    return value


def is_clean(value: str) -> bool:
    """Whether `checked` keeps `value` as it is, whatever its limit: a quick test of many texts at once
    (an import's records), for which any doubt means asking `checked`, text by text."""
    if len(value) > MAX_TEXT or "\r" in value or CONTROL.search(value):
        return False
    return value.isascii() or (SURROGATE.search(value) is None and unicodedata.is_normalized("NFC", value))


def text(value: str | None, field: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    """Typed text, trimmed, checked as `checked` checks it."""
    return _typed(value, field, required=required, limit=limit, one_line=False)


def line(value: str | None, field: str, *, required: bool = False) -> str:
    """A one-line text such as a title or a name."""
    return _typed(value, field, required=required, limit=MAX_TITLE, one_line=True)


def _typed(value: str | None, field: str, *, required: bool, limit: int, one_line: bool) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise Invalid(f"{field} must not be empty")
    try:
        return checked(cleaned, one_line=one_line, limit=limit)
    except Invalid as exc:
        raise Invalid(f"{field} {exc}") from None


def day(value: dt.date | None, field: str) -> dt.date | None:
    """A date as the journal keeps it: from 1900 to 2100."""
    if value is None:
        return None
    if not EARLIEST <= value <= LATEST:
        raise Invalid(f"{field} must be a date from 1900 to 2100 (not {value})")
    return value


def choice(value: str, enum: type[E], field: str) -> E:
    try:
        return enum(value.strip().lower())
    except ValueError:
        options = ", ".join(member.value for member in enum)
        raise Invalid(f"{field} must be one of {options} (not {value!r})") from None


def scale(value: int | None, field: str, *, low: int = 1, high: int = 5) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise Invalid(f"{field} must be a whole number from {low} to {high} (not {value!r})")
    return value


def number(value: float | None, field: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Invalid(f"{field} must be a number (not {value!r})")
    if not math.isfinite(value):
        raise Invalid(f"{field} must be a finite number (not {value!r})")
    if abs(value) > 1e15:
        raise Invalid(f"{field} is too large ({value:g})")
    return float(value)


def positive(value: int | None, field: str, *, high: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= high:
        raise Invalid(f"{field} must be a whole number from 1 to {high} (not {value!r})")
    return value


def tags(values: Iterable[str]) -> list[str]:
    """Tags are lower-case single words; a leading '#' is dropped; duplicates go."""
    seen: list[str] = []
    for raw in values:
        tag = raw.strip().lstrip("#").strip().lower()
        if not tag:
            raise Invalid("a tag must not be empty")
        if any(ch.isspace() or is_control(ch) for ch in tag) or len(tag) > MAX_TAG:
            raise Invalid(f"a tag is one word of at most 64 characters (not {raw!r})")
        if tag not in seen:
            seen.append(tag)
    return seen


def is_control(ch: str) -> bool:
    return (ord(ch) < 32 and ch not in "\n\t\r") or 0x7F <= ord(ch) < 0xA0
