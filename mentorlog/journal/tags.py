"""Tags: free labels shared by every pair of the journal, made the first time one is used."""

from __future__ import annotations

import sqlite3

from mentorlog import codec
from mentorlog.db import writes
from mentorlog.db.tables import TAG


def tag_id(connection: sqlite3.Connection, name: str) -> int:
    """The id of the tag of that (checked) name, made the first time it is used."""
    name = codec.nfc(name)
    found = connection.execute("SELECT id FROM tag WHERE name = ?", (name,)).fetchone()
    return int(found[0]) if found else writes.insert(connection, TAG, {"name": name})
