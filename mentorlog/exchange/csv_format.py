"""CSV as a spreadsheet opens it: RFC 4180 (CRLF, quotes doubled), UTF-8 with a header row.

A text cell that starts with `=`, `+`, `-`, `@` (or a tab or carriage return) would run as a
formula in a spreadsheet (CSV injection, OWASP): it is written with a leading `'`, which a
spreadsheet shows as text and does not keep. Numbers are written as numbers, dates ISO, lists
joined with "; ".
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FIRST = frozenset("".join(FORMULA_STARTS))
LIST_JOIN = "; "


def cell(value: Any) -> str | int | float:
    """One value as its cell: numbers stay numbers, booleans yes/no, a formula-like text neutralised."""
    if value.__class__ is str:  # most cells: asked first, and answered without a call (10,000 rows of 30)
        return "'" + value if value and value[0] in _FIRST else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        value = LIST_JOIN.join(str(item) for item in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write(out: TextIO, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """The header and the rows, RFC 4180; how many rows were written."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow(map(cell, row))
        count += 1
    return count
