"""Consistent copies of a live journal, with SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def copy_database(source: Path, target: Path, *, exclusive: bool = True) -> None:
    """Copy `source` page by page into `target` (created 0600), even while another process writes.

    The copy is a self-contained rollback-journal file: no -wal or -shm beside it.
    """
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else 0)
    os.close(os.open(target, flags, 0o600))
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
        problem = dst.execute("PRAGMA quick_check").fetchone()[0]
        if problem != "ok":
            raise sqlite3.DatabaseError(f"the copy failed its check: {problem}")
    finally:
        dst.close()
        src.close()
