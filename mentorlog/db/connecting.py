"""The one way in: every connection to a journal file is made here.

The commands, the TUI and its workers, backups, migrations, integrity checks and the judging of a
file all open a journal through `connect`, so what a journal asks of a connection beyond SQLite's
defaults (an encrypted journal's key, for one) is given in this one place, never in some of them.
`tests/test_architecture.py` fails on a `sqlite3.connect` anywhere else in mentorlog.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect(
    database: str | Path, *, uri: bool = False, threads: bool = False, autocommit: bool = False
) -> sqlite3.Connection:
    """A connection to `database` (a path, or a `file:` URI when `uri`); `threads`: usable from a worker thread
    (one at a time); `autocommit`: no implicit transactions (a migration opens its own)."""
    if autocommit:
        return sqlite3.connect(database, uri=uri, check_same_thread=not threads, isolation_level=None)
    return sqlite3.connect(database, uri=uri, check_same_thread=not threads)
