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
from mentorlog.db import pragmas, schema
from mentorlog.db.creating import create_file
from mentorlog.db.identity import Found, judge, locate
from mentorlog.db.migrations import migrate
from mentorlog.errors import JournalRefused


@dataclass
class Journal:
    """An open journal file; every user action runs in one `write()` transaction."""

    path: Path
    engine: Engine
    migrated_from: int | None = None
    backup: Path | None = None
    found: Found | None = None
    _writer: Engine = field(init=False, repr=False)
    _writer_now: Engine = field(init=False, repr=False)
    _watch: sqlite3.Connection | None = field(default=None, init=False, repr=False)

    @property
    def writable(self) -> bool:
        return self.found is None or self.found.writable

    def __post_init__(self) -> None:
        self._writer = db_engine.writer(self.engine)
        self._writer_now = self._writer.execution_options(busy_ms=0)

    def data_version(self) -> int:
        """A number that changes whenever anyone, this process or another, commits to the file.

        SQLite's data_version counts the commits of every other connection, so it is asked on
        a connection of its own that never writes. Screens use it to skip reading again what
        has not changed.
        """
        if self._watch is None:
            found = self.found
            if found is None:
                self._watch = sqlite3.connect(self.path, check_same_thread=False)
            else:
                self._watch = pragmas.connect(found.path, writable=False, folder_writable=found.folder_writable,
                                              threads=True)  # fmt: skip
        return int(self._watch.execute("PRAGMA data_version").fetchone()[0])

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with db_engine.session(self.engine) as s, s.begin():
            yield s

    @contextlib.contextmanager
    def write(self, *, wait: bool = True) -> Iterator[Session]:
        """One transaction: committed if the block ends normally, rolled back if it raises.

        It waits for another writer (the busy timeout) unless `wait` is False: then a busy journal
        raises at once, before anything is done (the TUI waits in a worker instead).
        """
        if not self.writable:
            raise JournalRefused(f"{self.path} is read-only{_why_read_only(self.found)}; nothing was saved")
        with db_engine.session(self._writer if wait else self._writer_now) as s, s.begin():
            yield s

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None
        self.engine.dispose()


def open_journal(path: Path | str, *, create: bool = False) -> Journal:
    """Open the journal at `path`, creating it if asked; refuse anything unsafe to touch."""
    path = Path(path).expanduser()
    found = judge(path, newest=schema.SCHEMA_VERSION)
    migrated_from = backup = None
    if found is None:
        if not create:
            raise JournalRefused(f"no journal at {path} (create one with 'mentorlog init' or 'mentorlog demo')")
        create_file(locate(path), shown=path)
        found = judge(path, newest=schema.SCHEMA_VERSION)
        assert found is not None
    elif found.version < schema.SCHEMA_VERSION:
        if not found.writable:
            raise JournalRefused(
                f"{path} is of an older mentorlog (schema v{found.version}) and read-only{_why_read_only(found)}: "
                "it must be upgraded before it can be opened; left untouched"
            )
        backup = migrate(found.path, found.version)
        migrated_from = found.version
    return Journal(path, db_engine.make_engine(found), migrated_from, backup, found)


def _why_read_only(found: Found | None) -> str:
    if found is None:
        return ""
    if not found.folder_writable:
        return f" (its folder {found.path.parent} cannot be written)"
    return " (the file cannot be written)"
