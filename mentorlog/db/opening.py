"""Opening a journal file: create it, migrate it, or refuse it untouched."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from mentorlog.db import engine as db_engine
from mentorlog.db import schema
from mentorlog.db.migrations import migrate
from mentorlog.errors import JournalRefused

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class Journal:
    """An open journal file; every user action runs in one `write()` transaction."""

    path: Path
    engine: Engine
    migrated_from: int | None = None
    backup: Path | None = None
    _writer: Engine = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._writer = db_engine.writer(self.engine)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with db_engine.session(self.engine) as s, s.begin():
            yield s

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed if the block ends normally, rolled back if it raises."""
        with db_engine.session(self._writer) as s, s.begin():
            yield s

    def close(self) -> None:
        self.engine.dispose()


def open_journal(path: Path | str, *, create: bool = False) -> Journal:
    """Open the journal at `path`, creating it if asked; refuse anything unsafe to touch."""
    path = Path(path).expanduser()
    version = read_identity(path)
    migrated_from = backup = None
    if version is None:
        if not create:
            raise JournalRefused(f"no journal at {path} (create one with 'mentorlog init' or 'mentorlog demo')")
        create_file(path)
    elif version < schema.SCHEMA_VERSION:
        backup = migrate(path, version)
        migrated_from = version
    return Journal(path, db_engine.make_engine(path), migrated_from, backup)


def read_identity(path: Path) -> int | None:
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
    if app_id != schema.APPLICATION_ID:
        raise JournalRefused(f"{path} is an SQLite database of another application, not a mentorlog journal")
    if version > schema.SCHEMA_VERSION:
        raise JournalRefused(
            f"{path} was written by a newer mentorlog (schema v{version}; this one reads up to "
            f"v{schema.SCHEMA_VERSION}): upgrade mentorlog to open it"
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
        engine = db_engine.make_engine(temp)
        with engine.begin() as connection:
            schema.create_schema(connection)
        engine.dispose()
        os.replace(temp, path)
    except (OSError, SQLAlchemyError) as exc:
        _remove_with_sidecars(temp)
        raise JournalRefused(f"cannot create {path}: {_reason(exc)}") from None
    except BaseException:
        _remove_with_sidecars(temp)
        raise


def _remove_with_sidecars(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, SQLAlchemyError) and getattr(exc, "orig", None) is not None:
        return str(exc.orig)  # type: ignore[attr-defined]
    return getattr(exc, "strerror", None) or str(exc)
