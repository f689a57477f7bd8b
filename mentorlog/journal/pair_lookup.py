"""Finding a pair on a bare sqlite3 connection, for the commands that run without the ORM.

It finds what journal.pairs.resolve_pair finds by number or as the last used;
anything else (a name, an unknown number) is None, and the caller hands over to
the full path, which finds by name or explains.
"""

from __future__ import annotations

import sqlite3

from mentorlog.journal import validate


def find_pair(connection: sqlite3.Connection, ref: str | None) -> tuple[int, str] | None:
    """(id, owner role) of the pair named by number, or of the last used one when ref is empty."""
    number = (ref or "").strip().lstrip("#")
    if not number:
        row = connection.execute(
            "SELECT id, owner_role FROM pair ORDER BY last_used_at IS NULL, last_used_at DESC, id DESC LIMIT 1"
        ).fetchone()
    elif number.isdigit() and int(number) <= validate.LARGEST_ID:
        row = connection.execute("SELECT id, owner_role FROM pair WHERE id = ?", (int(number),)).fetchone()
    else:
        row = None
    return None if row is None else (int(row[0]), str(row[1]))
