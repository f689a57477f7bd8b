"""Opening a journal file: create it, migrate it, or refuse it untouched."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from mentorlog.db import engine as db_engine
from mentorlog.db import schema
from mentorlog.db.creating import create_file
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
    _watch: sqlite3.Connection | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self._writer = db_engine.writer(self.engine)

    def data_version(self) -> int:
        """A number that changes whenever anyone, this process or another, commits to the file.

        SQLite's data_version counts the commits of every other connection, so it is asked on
        a connection of its own that never writes. Screens use it to skip reading again what
        has not changed.
        """
        if self._watch is None:
            self._watch = sqlite3.connect(self.path, check_same_thread=False)
        return int(self._watch.execute("PRAGMA data_version").fetchone()[0])

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
        if self._watch is not None:
            self._watch.close()
            self._watch = None
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
