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
from mentorlog.db.identity import SCHEMA_VERSION, judge
from mentorlog.errors import JournalRefused


def connect_current(path: Path) -> sqlite3.Connection | None:
    """A connection with the journal's pragmas, or None if the full open must decide."""
    try:
        found = judge(path)
        if found is None or found.version != SCHEMA_VERSION:
            return None
        return pragmas.connect(found.path, writable=found.writable, folder_writable=found.folder_writable)
    except (JournalRefused, sqlite3.Error, OSError):
        return None
