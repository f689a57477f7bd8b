"""JSON export: every record of a pair with its uid, lossless and versioned.

A record is one line, exactly as `json.dumps(record, ensure_ascii=False)` writes the values the
codec gives (tests/test_exchange_json.py holds every line to that). SQLite writes those lines
(`printf` of `json_quote`d columns, a kind's parents and links by subquery): building a Python
object per record and encoding it took two thirds of a large export. A kind with a decimal
number (goals, progress updates) is encoded by Python, since SQLite prints no shortest repr of a
double. Characters a terminal would act on are \\u escapes (terminal.json_safe).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

from mentorlog.db.tables import ALL
from mentorlog.db.transactions import snapshot
from mentorlog.exchange.json_format import FORMAT, KIND_BY_NAME, VERSION
from mentorlog.exchange.json_format import fields as carried_fields
from mentorlog.exchange.options import ExportOptions
from mentorlog.journal.contact import pair_contact
from mentorlog.journal.sharing import action_clause, entry_clause
from mentorlog.stamps import utcnow
from mentorlog.terminal import json_safe

# One encoder for every record: json.dumps with options builds a new one per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
BATCH = 500  # records written (and made terminal-safe) at once


def write_document(
    value: Any, out: TextIO, *, depth: int = 4, indent: int = 0, tick: Callable[[int], None] | None = None
) -> None:
    """The outline indented, one record per line.

    json.dump with indent runs Python's pure encoder; the C one encodes each record, ten
    times faster, and a line per record still diffs well. A character a terminal would act
    on is written as a \\u escape: the document stays exact and safe to print.
    """
    if depth == 0 or not isinstance(value, dict | list) or not value:
        out.write(json_safe(_ENCODE(value)))
        return
    pad = "  " * (indent + 1)
    if depth == 1 and isinstance(value, list):  # a pair's list of records, a batch at a time
        for start in range(0, len(value), BATCH):
            batch = value[start : start + BATCH]
            encoded = batch if isinstance(value, Lines) else map(_ENCODE, batch)
            # Line by line: a line of printable text is safe as it is (terminal.json_safe), a batch
            # with its line ends never would be.
            lines = f",\n{pad}".join(map(json_safe, encoded))
            out.write(("[\n" if start == 0 else ",\n") + pad + lines)
            if tick is not None:
                tick(len(batch))
        out.write("\n" + "  " * indent + "]")
        return
    items = list(value.items()) if isinstance(value, dict) else [(None, v) for v in value]
    out.write("{\n" if isinstance(value, dict) else "[\n")
    for n, (key, item) in enumerate(items):
        out.write(pad if key is None else f"{pad}{json_safe(_ENCODE(key))}: ")
        write_document(item, out, depth=depth - 1, indent=indent + 1, tick=tick)
        out.write(",\n" if n < len(items) - 1 else "\n")
    out.write("  " * indent + ("}" if isinstance(value, dict) else "]"))


def to_document(
    connection: sqlite3.Connection, options: ExportOptions, *, now: dt.datetime | None = None
) -> dict[str, Any]:
    """The document as the file holds it (what tests and the history's carried uids read)."""
    out = io.StringIO()
    export(connection, options, out, now=now)
    document: dict[str, Any] = json.loads(out.getvalue())
    return document


def export(
    connection: sqlite3.Connection, options: ExportOptions, out: TextIO, *, now: dt.datetime | None = None
) -> None:
    with snapshot(connection):  # every list from one moment of the journal
        pair = pair_document(connection, options)
        # A figure, not a record: read by people and programs, never by an import (which computes its own).
        contact = pair_contact(connection, options.pair, today=options.today, requirement=options.requirement,
                               scope=options.scope, brief=True)  # fmt: skip
        if options.with_history:
            from mentorlog.exchange.json_history import export_lists

            uids = {name: value.uids for name, value in pair.items() if isinstance(value, Lines)}
            pair |= export_lists(connection, options.pair_id, pair["uid"], uids, options.scope)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": (now or utcnow()).isoformat(timespec="seconds"),
        "scope": {
            "from": options.scope.start.isoformat() if options.scope.start else None,
            "to": options.scope.end.isoformat() if options.scope.end else None,
            "include_private": options.scope.include_private,
        },
        "contact_time": contact.line(),
        "pairs": [pair],
    }
    records = sum(len(v) for v in pair.values() if isinstance(v, list))
    write_document(document, out, tick=options.ticker(records).tick)
    out.write("\n")


class Lines(list[str]):
    """A list of records already written as JSON, one a line, with their uids."""

    def __init__(self, rows: Iterable[tuple[str, str]]) -> None:
        found = list(rows)
        super().__init__(line for _, line in found)
        self.uids = [uid for uid, _ in found]


def _value(table: str, name: str) -> str:
    """SQL writing one column's value as json.dumps(ensure_ascii=False) writes what the codec gives."""
    column = f"{table}.{ALL[table].by_name[name].sql}"
    kind = ALL[table].by_name[name].kind
    if kind == "bool":
        return f"CASE WHEN {column} IS NULL THEN 'null' WHEN {column} THEN 'true' ELSE 'false' END"
    if kind == "list":  # as stored, re-spaced (a file written by an older mentorlog may differ)
        return f"coalesce((SELECT '[' || group_concat(json_quote(value), ', ') || ']' FROM json_each({column})), '[]')"
    assert kind != "float", (table, name)  # SQLite prints no shortest repr of a double: Python writes those
    return f"json_quote({column})"


def _strings(sql: str) -> str:
    """A JSON list of the strings `sql` selects, in its order."""
    return f"coalesce((SELECT '[' || group_concat(json_quote(value), ', ') || ']' FROM ({sql})), '[]')"


def _lines(
    connection: sqlite3.Connection,
    kind: str,
    where: str,
    params: Sequence[Any],
    order: str,
    extra: Sequence[tuple[str, str]] = (),
) -> list[Any]:
    """A kind's records as the file carries them: its carried fields in table order, then `extra`
    (name, SQL): its parents by uid, an entry's links. Records of a kind with a decimal number are
    encoded by Python's json; every other kind's line is written by SQLite, a line per record."""
    table = KIND_BY_NAME[kind].table if kind != "pair" else "pair"
    names = carried_fields(table)
    if any(ALL[table].by_name[name].kind == "float" for name in names):
        found = ALL[table].select(connection, where, params, order, as_json=True)
        encoded = [(row.uid, {name: getattr(row, name) for name in names}) for row in found]
        if extra:  # the parents, in one query of the same rows in the same order
            sql = f"SELECT {', '.join(value for _, value in extra)} FROM {table} WHERE {where} ORDER BY {order}"
            for (_, record), values in zip(encoded, connection.execute(sql, params), strict=True):
                record.update({name: json.loads(value) for (name, _), value in zip(extra, values, strict=True)})
        return Lines((uid, _ENCODE(record)) for uid, record in encoded)
    fields = [(name, _value(table, name)) for name in names] + list(extra)
    template = "{" + ", ".join(f"{json.dumps(name)}: %s" for name, _ in fields) + "}"
    sql = (f"SELECT {table}.uid, printf('{template}', {', '.join(value for _, value in fields)}) FROM {table}"
           f" WHERE {where} ORDER BY {order}")  # fmt: skip
    return Lines(connection.execute(sql, params))


def pair_document(connection: sqlite3.Connection, options: ExportOptions) -> dict[str, Any]:
    """The pair's fields, then each kind's records the scope takes, by uid, in the order that makes two
    journals holding the same data write the same file (canonical UTC text sorts as the times do)."""
    pair_id, scope = options.pair_id, options.scope
    (pair,) = ALL["pair"].select(connection, "pair.id = ?", (pair_id,), as_json=True)
    document: dict[str, Any] = {name: getattr(pair, name) for name in carried_fields("pair")}
    entries, entry_params = entry_clause(scope, pair_id)
    exported = entry_clause(scope, pair_id, table="e")
    stamp = "{t}.created_at, {t}.uid"

    def by_goal(table: str) -> tuple[str, list[Any]]:
        return f"{table}.goal_id IN (SELECT id FROM goal WHERE pair_id = ?)", [pair_id]

    used_tags = f"tag.id IN (SELECT tag_id FROM entry_tag JOIN entry ON entry.id = entry_tag.entry_id WHERE {entries})"
    goal_uid = ("goal", "(SELECT json_quote(uid) FROM goal WHERE goal.id = {t}.goal_id)")
    document["competencies"] = _lines(connection, "competencies", "competency.pair_id = ?", [pair_id],
                                      stamp.format(t="competency"))  # fmt: skip
    document["tags"] = _lines(connection, "tags", used_tags, entry_params, stamp.format(t="tag"))
    document["goals"] = _lines(connection, "goals", "goal.pair_id = ?", [pair_id], stamp.format(t="goal"))
    for kind, table in (("milestones", "milestone"), ("progress_updates", "progress_update")):
        where, params = by_goal(table)
        parent = (goal_uid[0], goal_uid[1].format(t=table))
        document[kind] = _lines(connection, kind, where, params, stamp.format(t=table), [parent])
    tags = ("SELECT tag.name AS value FROM entry_tag JOIN tag ON tag.id = entry_tag.tag_id"
            " WHERE entry_tag.entry_id = entry.id ORDER BY tag.name")  # fmt: skip
    goals = ("SELECT goal.uid AS value FROM entry_goal JOIN goal ON goal.id = entry_goal.goal_id"
             " WHERE entry_goal.entry_id = entry.id ORDER BY goal.uid")  # fmt: skip
    dated = 'entry."on", entry.created_at, entry.uid'
    links = [("tags", _strings(tags)), ("goals", _strings(goals))]
    document["entries"] = _lines(connection, "entries", entries, entry_params, dated, links)
    rated = f"rating.entry_id IN (SELECT id FROM entry WHERE {entries})"
    document["ratings"] = _lines(connection, "ratings", rated, entry_params, stamp.format(t="rating"), [
        ("entry", "(SELECT json_quote(uid) FROM entry WHERE entry.id = rating.entry_id)"),
        ("competency", "(SELECT json_quote(uid) FROM competency WHERE competency.id = rating.competency_id)"),
    ])  # fmt: skip
    # An action item born of an entry that stays home (private, or outside the range) travels unlinked.
    items, item_params = action_clause(scope, pair_id)
    linked = (f"coalesce((SELECT json_quote(e.uid) FROM entry e WHERE e.id = action_item.entry_id"
              f" AND {exported[0]}), 'null')")  # fmt: skip
    # The link is in the SELECT list, before the WHERE: its parameters come first.
    document["action_items"] = _lines(connection, "action_items", items, [*exported[1], *item_params],
                                      stamp.format(t="action_item"), [("entry", linked)])  # fmt: skip
    return document
