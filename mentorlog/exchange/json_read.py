"""Reading a JSON export: every record checked before anything is written.

The document's shape is read here, each record's fields by json_fields into the
values the journal stores; a pair's history and trash (carried with
`--with-history`) by json_history. Standard library only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from mentorlog.db.relations import KINDS
from mentorlog.errors import Invalid
from mentorlog.exchange.json_fields import decode, reject_constant
from mentorlog.exchange.json_format import FORMAT, VERSION, plan
from mentorlog.exchange.json_record import Incoming, check_uid, read_record
from mentorlog.stamps import utc_text, utcnow


@dataclass
class IncomingPair:
    where: str
    values: dict[str, Any]
    records: dict[str, list[Incoming]]
    history: list[Any] = field(default_factory=list)  # json_history.IncomingVersion, when the file carries it
    trash: list[Any] = field(default_factory=list)  # json_history.IncomingTrash
    clamped: int = 0  # time stamps from the future, set to now


# What reading a file may cost in memory, against its size: a mentorlog export is read whole, and each
# JSON value costs Python about 64 bytes (a container, a string, a float) where the file spends about 37
# on it. A file of `[],[],...` spends 3 bytes a value, and would cost twenty times its size (4.9 GB for
# 200 MB); such a file is refused, before it is read, with what it would take.
MEMORY_PER_VALUE = 64
MEMORY_MULTIPLE = 8
_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"')


def check_memory(raw: bytes, source: str) -> None:
    """Invalid if parsing `raw` would take more than MEMORY_MULTIPLE times its size: the values are
    counted by the commas and brackets outside strings (a quick count of all of them first, which only a
    file packed with punctuation fails; then the exact one, so text full of commas is never refused)."""
    allowed = MEMORY_MULTIPLE * len(raw) + (64 << 20)
    values = raw.count(b",") + raw.count(b"[") + raw.count(b"{")
    if values * MEMORY_PER_VALUE <= allowed:
        return
    structure = _STRING.sub(b"", raw)
    values = structure.count(b",") + structure.count(b"[") + structure.count(b"{")
    if values * MEMORY_PER_VALUE > allowed:
        raise Invalid(
            f"{source} holds {values:,} JSON values in {len(raw) / 1e6:,.1f} MB, far more than any mentorlog "
            f"export: reading it would take about {values * MEMORY_PER_VALUE / 1e6:,.0f} MB of memory, and an "
            f"import takes at most {MEMORY_MULTIPLE} times a file's size; nothing was imported"
        )


def read_document(text: str | bytes, source: str) -> list[IncomingPair]:
    """Parse and check a whole export before anything is written; Invalid says what is wrong."""
    if isinstance(text, bytes):
        check_memory(text, source)
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise Invalid(f"{source} is not a mentorlog JSON export (not UTF-8 text)") from None
    if not text.strip():
        raise Invalid(f"{source} is empty, not a mentorlog JSON export")
    try:
        document = json.loads(text, parse_constant=reject_constant)
    except json.JSONDecodeError as exc:
        cut = " (the file looks cut short)" if exc.pos >= len(text.rstrip()) else ""
        what = exc.msg.removesuffix(" at")  # "Unterminated string starting at": the place follows once
        raise Invalid(f"{source} is not valid JSON: {what} at line {exc.lineno}, column {exc.colno}{cut}") from None
    except RecursionError:
        raise Invalid(f"{source} is nested too deeply to be a mentorlog export") from None
    except ValueError as exc:  # an integer of thousands of digits: Python will not read it
        raise Invalid(f"{source} holds a number too long to be a value of a journal ({exc})") from None
    except Invalid as exc:
        raise Invalid(f"{source} {exc}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise Invalid(f'{source} is JSON but not a mentorlog export (no "format": "{FORMAT}")')
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise Invalid(f"{source}: the export has no valid version number")
    if version > VERSION:
        raise Invalid(
            f"{source} was written by a newer mentorlog (format v{version}; this one reads up to v{VERSION}): "
            "upgrade mentorlog to import it"
        )
    pairs = document.get("pairs")
    if not isinstance(pairs, list):
        raise Invalid(f'{source}: "pairs" must be a list')
    try:
        read = [_read_pair(raw, f"pairs[{i}]") for i, raw in enumerate(pairs)]
    except Invalid as exc:
        raise Invalid(f"{source}: {exc}") from None
    ceiling = _ceiling(document.get("exported_at"), utcnow())
    for pair in read:
        _clamp_future(pair, ceiling)
    return read


STAMPED = ("created_at", "updated_at")
FUTURE_SLACK = dt.timedelta(minutes=10)  # two computers' clocks disagree by minutes, not days


def _ceiling(exported_at: Any, now: dt.datetime) -> dt.datetime:
    """The latest time a record in the file can have been edited: when it was exported (no later than now)."""
    try:
        stamp = dt.datetime.fromisoformat(exported_at) if isinstance(exported_at, str) else None
    except ValueError:
        stamp = None
    if stamp is None or stamp.tzinfo is None:
        return now
    try:  # exported_at is written to the second: a record of that second may be a little later
        return min(stamp.astimezone(dt.UTC) + dt.timedelta(seconds=1), now)
    except OverflowError:
        return now


def _clamp_future(pair: IncomingPair, ceiling: dt.datetime) -> None:
    """A record edited "in the future" (a wrong clock, a crafted file) would win every merge for ever,
    over every later edit here: its stamps are set to when the file was exported (so importing the
    same file again never beats what was edited here since), and the report says how many."""
    limit = ceiling + FUTURE_SLACK
    limit_text, now_text = utc_text(limit), utc_text(ceiling)
    for values in (pair.values, *(record.values for records in pair.records.values() for record in records)):
        for name in STAMPED:
            if values[name] > limit_text:  # as stored: canonical UTC text sorts as time
                values[name] = now_text
                pair.clamped += 1


def _read_pair(raw: Any, where: str) -> IncomingPair:
    if not isinstance(raw, dict):
        raise Invalid(f"{where} must be an object")
    values = decode(plan("pair"), raw, where)
    check_uid(values["uid"], where)
    records: dict[str, list[Incoming]] = {}
    for kind in KINDS:
        items = raw.get(kind.name, [])
        if not isinstance(items, list):
            raise Invalid(f"{where}.{kind.name} must be a list")
        seen: set[str] = set()
        parsed = []
        for j, item in enumerate(items):
            incoming = read_record(kind, item, f"{where}.{kind.name}[{j}]")
            if incoming.uid in seen:
                raise Invalid(f"{incoming.where}: uid {incoming.uid} appears twice")
            seen.add(incoming.uid)
            parsed.append(incoming)
        records[kind.name] = parsed
    if "history" not in raw and "trash" not in raw:
        return IncomingPair(where, values, records)
    from mentorlog.exchange.json_history import read_lists  # only a file with history pays for reading it

    history, trash = read_lists(raw, where)
    return IncomingPair(where, values, records, list(history), list(trash))
