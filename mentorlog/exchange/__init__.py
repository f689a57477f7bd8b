"""Formats a pair's history leaves and re-enters mentorlog in, behind one registry.

Each exporter is a module with `export(connection, options, out)`; it is imported only
when asked for, so the CLI pays for the format it writes and no other.
"""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TextIO

from mentorlog import files
from mentorlog.db.identity import database_guard
from mentorlog.errors import Invalid
from mentorlog.exchange.atomic import STDOUT, export_text
from mentorlog.exchange.options import ExportOptions
from mentorlog.words import listed as listed

Exporter = Callable[[sqlite3.Connection, ExportOptions, TextIO], None]


class Format(NamedTuple):
    """An export format, as the CLI's choices and help, the TUI's export dialog and its palette name it."""

    name: str  # --format NAME
    title: str  # in a sentence: "Markdown, JSON or iCalendar"
    label: str  # in the export dialog's choices
    suffix: str
    target: str  # "module:function"
    history: bool = False  # can carry the trash and every earlier version (--with-history)
    newline: str | None = None  # iCalendar wants CRLF and writes it itself


FORMATS: dict[str, Format] = {
    "markdown": Format("markdown", "Markdown", "Markdown document", ".md", "mentorlog.exchange.markdown:export"),
    "json": Format(
        "json", "JSON", "JSON (to share or merge)", ".json", "mentorlog.exchange.json_export:export", history=True
    ),
    "ics": Format("ics", "iCalendar", "iCalendar (.ics)", ".ics", "mentorlog.exchange.ical:export", newline=""),
    "html": Format("html", "HTML", "HTML report (for a coordinator)", ".html", "mentorlog.exchange.html_report:export"),
    "csv": Format("csv", "CSV", "CSV (a spreadsheet)", ".csv", "mentorlog.exchange.csv_export:export", newline=""),
}
DEFAULT = "markdown"
ALIASES = {"md": "markdown", "ical": "ics", "icalendar": "ics"}


def with_history() -> list[Format]:
    return [f for f in FORMATS.values() if f.history]


def get_format(name: str) -> Format:
    key = ALIASES.get(name.strip().lower(), name.strip().lower())
    if key not in FORMATS:
        raise Invalid(f"format must be one of {', '.join(FORMATS)} (not {name!r})")
    return FORMATS[key]


def check_destination(destination: str | Path, *, journal: Path | None) -> None:
    """WriteFailed, touching nothing, if an export could not be written to `destination`: asked before
    the work starts (the TUI's export runs in a worker, and the dialog marks the field)."""
    if str(destination) != STDOUT:
        files.writable(destination, refuse=database_guard(journal))


def exporter(fmt: Format) -> Exporter:
    module_name, _, function = fmt.target.partition(":")
    found: Exporter = getattr(importlib.import_module(module_name), function)
    return found


def write_export(
    connection: sqlite3.Connection,
    fmt: Format,
    options: ExportOptions,
    destination: str | Path,
    *,
    journal: Path | None,
    stdout: TextIO | None = None,
) -> None:
    """Write one export whole to `destination` (`-` for stdout), or nothing at all; never over `journal`."""
    write = exporter(fmt)
    with export_text(destination, journal=journal, newline=fmt.newline, stdout=stdout) as out:
        write(connection, options, out)


def default_name(fmt: Format, mentee: str, today: object) -> str:
    """`mentorlog-jordan-lee-2026-11-22.md`: what a file of this export is called unless told otherwise."""
    slug = "-".join("".join(ch if ch.isalnum() else " " for ch in mentee.lower()).split()) or "pair"
    return f"mentorlog-{slug}-{today}{fmt.suffix}"
