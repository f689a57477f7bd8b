"""Making a new journal file, with the standard library alone."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from mentorlog.db import pragmas
from mentorlog.db.schema import create_schema
from mentorlog.errors import JournalRefused


def create_file(path: Path) -> None:
    """Build a new journal beside `path` and move it into place whole, mode 0600."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".new")
    except OSError as exc:
        raise JournalRefused(f"cannot create {path}: {exc.strerror or exc}") from None
    os.close(fd)
    temp = Path(temp_name)
    try:
        connection = sqlite3.connect(temp)
        try:
            pragmas.apply(connection)
            create_schema(connection)
        finally:
            connection.close()
        os.replace(temp, path)
    except (OSError, sqlite3.Error) as exc:
        _remove_with_sidecars(temp)
        raise JournalRefused(f"cannot create {path}: {getattr(exc, 'strerror', None) or exc}") from None
    except BaseException:
        _remove_with_sidecars(temp)
        raise


def _remove_with_sidecars(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
