"""Opening a journal file: create it, migrate it, or refuse it untouched."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from mentorlog.db import engine as db_engine
from mentorlog.db import schema
from mentorlog.db.identity import read_identity
from mentorlog.db.migrations import migrate
from mentorlog.errors import JournalRefused


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
    version = read_identity(path, newest=schema.SCHEMA_VERSION)
    migrated_from = backup = None
    if version is None:
        if not create:
            raise JournalRefused(f"no journal at {path} (create one with 'mentorlog init' or 'mentorlog demo')")
        create_file(path)
    elif version < schema.SCHEMA_VERSION:
        backup = migrate(path, version)
        migrated_from = version
    return Journal(path, db_engine.make_engine(path), migrated_from, backup)


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
