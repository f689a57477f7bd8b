"""A plain sqlite3 connection for quick capture, when the file needs nothing but a write.

Opening through SQLAlchemy means declaring every table first, which costs more
than the whole capture. Here a file is taken only when it is a mentorlog journal
of exactly the current schema version; anything else (missing, older, damaged,
refused) returns None and the caller opens it the full way, which creates,
migrates or explains.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mentorlog.db import pragmas
from mentorlog.db.identity import SCHEMA_VERSION, read_identity
from mentorlog.errors import JournalRefused


def connect_current(path: Path) -> sqlite3.Connection | None:
    """A connection with the journal's pragmas, or None if the full open must decide."""
    try:
        if read_identity(path) != SCHEMA_VERSION:
            return None
        connection = sqlite3.connect(path)
    except (JournalRefused, sqlite3.Error, OSError):
        return None
    try:
        pragmas.apply(connection)
    except sqlite3.Error:
        connection.close()
        return None
    return connection
