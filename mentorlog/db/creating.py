"""Making a new journal file, with the standard library alone."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from mentorlog import files
from mentorlog.db import pragmas
from mentorlog.db.connecting import connect
from mentorlog.db.schema import create_schema
from mentorlog.errors import JournalRefused


def create_file(path: Path, *, shown: Path | None = None) -> None:
    """Build a new journal beside `path` (a real path: symlinks resolved) and give it that name, 0600.

    The name is taken with a hard link, which fails rather than replace a file that
    appeared meanwhile; a build cut short is a temporary file the next one clears away.
    """
    shown = shown or path
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        for leftover in files.leftovers(path.parent, path.name):
            _remove_with_sidecars(leftover)
        temp = files.temporary_name(path.parent, path.name)
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as exc:
        raise JournalRefused(f"cannot create {shown}: {exc.strerror or exc}") from None
    try:
        connection = connect(temp)
        try:
            pragmas.apply(connection)
            create_schema(connection)
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
        os.link(temp, path)
    except FileExistsError:
        raise JournalRefused(f"cannot create {shown}: a file appeared there meanwhile; left untouched") from None
    except (OSError, sqlite3.Error) as exc:
        raise JournalRefused(f"cannot create {shown}: {getattr(exc, 'strerror', None) or exc}") from None
    finally:
        _remove_with_sidecars(temp)


def _remove_with_sidecars(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink()
