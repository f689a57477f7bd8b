"""CSV export: one file per kind of record a spreadsheet opens as is (PRODUCT.md §5).

`--what` says which: sessions, entries, actions, goals, ratings or hours (a row a week);
`all` writes each of them into a folder. Everything is read through the read model
(document.py), so private entries, and what hangs off them, leave only when asked for.
One row per record, dates ISO, lists joined with "; ", a text that a spreadsheet would
run as a formula neutralised (csv_format).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from mentorlog import files
from mentorlog.codec import text_list
from mentorlog.db.identity import database_guard
from mentorlog.entry_kinds import SPECS
from mentorlog.errors import Invalid
from mentorlog.exchange import csv_format
from mentorlog.exchange.document import Document, read
from mentorlog.exchange.hours import WEEK_HEADER, week_rows
from mentorlog.exchange.options import CSV_TABLES, EVERY, ExportOptions
from mentorlog.kinds import EntryKind

Table = tuple[tuple[str, ...], Iterator[tuple[Any, ...]]]  # its header and its rows


def _links(doc: Document, entry_id: int) -> tuple[str, str]:
    links = doc.links
    return links.tags.get(entry_id, ""), links.goals.get(entry_id, "")


def _fields(kind: str | None) -> list[tuple[str, bool]]:
    """The kind's fields (every kind's, for `entries`) as (column, is a list), in the specs' order."""
    found: dict[str, bool] = {}
    for spec in SPECS.values():
        if kind is None or spec.kind == kind:
            for field in spec.fields:
                found.setdefault(field.name, field.type.stored == "list")
    return list(found.items())


def _entries(doc: Document, kind: str | None) -> Table:
    fields = _fields(kind)
    own = ["id", "uid", "on", "kind", "author", "private", "title", "body"]
    header = ("id", "uid", "date", "kind", "author", "private", "title", "body", *(n for n, _ in fields), "tags",
              "goals")  # fmt: skip
    if kind is not None:
        header = tuple(h for h in header if h != "kind")

    def rows() -> Iterator[tuple[Any, ...]]:
        for row in doc.entries([*own, *(name for name, _ in fields)], kind):
            values = list(row[: len(own)]) + [
                text_list(value) if is_list and value else value
                for value, (_, is_list) in zip(row[len(own) :], fields, strict=True)
            ]
            values[5] = bool(values[5])
            if kind is not None:
                del values[3]
            yield (*values, *_links(doc, row[0]))

    return header, rows()


def _actions(doc: Document) -> Table:
    sessions = dict(doc.entries(["id", "on"], EntryKind.SESSION))
    header = ("id", "uid", "text", "owner", "due_on", "done_on", "private", "agreed_in_session_on")

    def rows() -> Iterator[tuple[Any, ...]]:
        for a in doc.records.actions:
            agreed = sessions.get(a.entry_id) if a.entry_id is not None else None
            yield (a.id, a.uid, a.text, a.owner, a.due_on, a.done_on, a.private, agreed)

    return header, rows()


def _goals(doc: Document) -> Table:
    header = ("id", "uid", "title", "status", "kind", "specific", "measure", "unit", "baseline", "target",
              "latest", "progress_percent", "met", "pace", "set_on", "due_on", "achieved_on", "competency",
              "milestones_done", "milestones_total")  # fmt: skip
    r = doc.records

    def rows() -> Iterator[tuple[Any, ...]]:
        for goal in r.goals:
            view = r.view(goal, doc.options.today)
            done = sum(1 for m in view.milestones if m.done_on)
            percent = None if view.percent is None else round(view.percent, 1)
            yield (goal.id, goal.uid, goal.title, goal.status, goal.kind, goal.specific, goal.measure, goal.unit,
                   goal.baseline, goal.target, view.latest, percent, view.met, view.pace, goal.set_on, goal.due_on,
                   goal.achieved_on, goal.competency, done, len(view.milestones))  # fmt: skip

    return header, rows()


def _ratings(doc: Document) -> Table:
    header = ("date", "rater", "assessment_id", "competency", "code", "level", "level_name", "evidence")
    return header, iter(doc.ratings())


def _hours(doc: Document) -> Table:
    return WEEK_HEADER, week_rows(doc.contact)


LAYOUTS: tuple[Callable[[Document], Table], ...] = (
    lambda doc: _entries(doc, EntryKind.SESSION),
    lambda doc: _entries(doc, None),
    _actions,
    _goals,
    _ratings,
    _hours,
)
TABLES: dict[str, Callable[[Document], Table]] = dict(zip(CSV_TABLES, LAYOUTS, strict=True))


def export(connection: sqlite3.Connection, options: ExportOptions, out: TextIO) -> None:
    """One table (options.what; the sessions unless told) to `out`."""
    with read(connection, options) as doc:
        header, rows = TABLES[options.what or "sessions"](doc)
        csv_format.write(out, header, rows)


def export_folder(
    connection: sqlite3.Connection, options: ExportOptions, folder: Path, *, journal: Path | None
) -> list[Path]:
    """Every table into `folder` (made if missing), `sessions.csv` and the rest, each written whole."""
    folder = folder.expanduser()
    if folder.exists() and not folder.is_dir():
        raise Invalid(f"--what {EVERY} writes a folder of files: {folder} is a file")
    try:
        folder.mkdir(mode=0o700, parents=False, exist_ok=True)
    except OSError as exc:
        raise files.WriteFailed(f"cannot make the folder {folder}: {exc.strerror or exc}") from None
    written = []
    with read(connection, options) as doc:
        for name, table in TABLES.items():
            path = folder / f"{name}.csv"
            with files.text_out(path, newline="", refuse=database_guard(journal)) as out:
                csv_format.write(out, *table(doc))
            written.append(path)
    return written
