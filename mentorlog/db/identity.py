"""Judging a file before touching it: is it a mentorlog journal, of which schema version?

A mentorlog file is recognised by `PRAGMA application_id` and versioned by
`PRAGMA user_version`; both live in the SQLite header. Only the standard library
is used here, so quick capture can check a file without loading SQLAlchemy.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from pathlib import Path

from mentorlog.errors import JournalRefused

APPLICATION_ID = 0x4D4C4F47  # "MLOG"
SCHEMA_VERSION = 2
SQLITE_MAGIC = b"SQLite format 3\x00"


def read_identity(path: Path, *, newest: int = SCHEMA_VERSION) -> int | None:
    """The schema version of the mentorlog file at `path`, None if there is no file.

    Raises JournalRefused, without writing a byte, for anything that is not a
    mentorlog journal this version can open.
    """
    if path.is_dir():
        raise JournalRefused(f"{path} is a directory, not a journal file")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
            size = os.fstat(handle.fileno()).st_size
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise JournalRefused(f"cannot read {path}: {exc.strerror or exc}") from None
    if not header:
        raise JournalRefused(f"{path} is an empty file (0 bytes), not a mentorlog journal; left untouched")
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise JournalRefused(f"{path} is not a mentorlog journal (not an SQLite database); left untouched")
    _refuse_truncated(path, header, size)
    app_id, version = _pragmas(path)
    if app_id != APPLICATION_ID:
        raise JournalRefused(f"{path} is an SQLite database of another application, not a mentorlog journal")
    if version > newest:
        raise JournalRefused(
            f"{path} was written by a newer mentorlog (schema v{version}; this one reads up to "
            f"v{newest}): upgrade mentorlog to open it"
        )
    return version


def _refuse_truncated(path: Path, header: bytes, size: int) -> None:
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">II", header[24:32])
    valid_for = struct.unpack(">I", header[92:96])[0]
    # The in-header page count is only trustworthy when "version-valid-for" matches.
    if valid_for == change_counter and page_count and size < page_count * page_size:
        raise JournalRefused(f"{path} is damaged (truncated: {size} of {page_count * page_size} bytes); left untouched")


def _pragmas(path: Path) -> tuple[int, int]:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise JournalRefused(f"cannot open {path}: {exc}") from None
    try:
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise JournalRefused(f"{path} is damaged or not a journal ({exc}); left untouched") from None
    finally:
        connection.close()
    return app_id, version
