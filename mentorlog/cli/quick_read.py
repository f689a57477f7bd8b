"""Reading a journal without the ORM, for the commands run most often (`timeline`, the Markdown `export`).

The file is taken only when it is a journal of the current schema and the pair is
named by number (or is the last used); anything else, and any SQLite error, returns
None and the command opens the journal the full way, which migrates, finds by name
or explains. `log` writes the same way through journal.quick_capture.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TypeVar

from mentorlog.cli.context import Context
from mentorlog.db.quick import connect_current
from mentorlog.journal.pair_lookup import find_pair

T = TypeVar("T")


def read_quickly(ctx: Context, read: Callable[[sqlite3.Connection, int], T]) -> T | None:
    """`read(connection, pair_id)` in one snapshot, or None when the full open must read instead."""
    connection = connect_current(ctx.journal_path)
    if connection is None:
        return None
    try:
        found = find_pair(connection, ctx.args.pair)
        if found is None:
            return None
        connection.execute("BEGIN")  # one snapshot for every query of the read
        return read(connection, found[0])
    except sqlite3.Error:
        return None  # a busy, damaged or unreadable file is explained by the full open
    finally:
        connection.close()
