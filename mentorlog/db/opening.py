"""Opening a journal file: create it, migrate it, or refuse it untouched. The one way in.

Every command and the TUI open a journal here, and nowhere else: the file is judged
from its header (db.identity), made if asked (db.creating), upgraded with a backup
first (db.migrations), and connected with the journal's pragmas (db.pragmas). This is
the one place a later encrypted journal changes.

The runtime speaks SQL to SQLite through the standard library, not through the ORM
the tables are declared with (models.py): importing SQLModel and SQLAlchemy took 0.5
to 0.85 s, most of an everyday command's time (a `todo list` took 0.85 s against
quick capture's 0.12 s, measured side by side), and the TUI's first frame too.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from _thread import _local as thread_local  # threading.local itself; threading costs quick capture 1 ms
from _thread import allocate_lock
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from mentorlog.db import pragmas, schema
from mentorlog.db.identity import Found, Unlock, judge, locate
from mentorlog.db.transactions import not_waiting, snapshot, transaction
from mentorlog.errors import JournalRefused

if TYPE_CHECKING:
    from mentorlog.db import keyfile
    from mentorlog.db.keywrap import Sealing


class Journal:
    """An open journal file: a connection for this thread (and one for each other thread that asks)."""

    def __init__(
        self,
        path: Path,
        found: Found,
        *,
        migrated_from: int | None = None,
        backup: Path | None = None,
        created: bool = False,
    ) -> None:
        self.path = path
        self.found = found
        self.created = created  # made by this open: a command that then fails may take it away again
        self.migrated_from = migrated_from
        self.backup = backup
        self._local = thread_local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = allocate_lock()
        self._watch: sqlite3.Connection | None = None
        self._sealing: Sealing | None = None
        self._identity = _identity(found.path)  # the file opened: a write checks it is still the one there

    @property
    def writable(self) -> bool:
        return self.found.writable

    @property
    def connection(self) -> sqlite3.Connection:
        """This thread's connection to the journal, made on first use (a worker thread gets its own)."""
        found: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if found is None:
            found = self._local.connection = self._connect()
            with self._lock:
                self._connections.append(found)
        return found

    @contextlib.contextmanager
    def own_connection(self) -> Iterator[sqlite3.Connection]:
        """A connection of its own, closed after: for a worker thread, which must not keep one open per run."""
        connection = self._connect()
        try:
            yield connection
        finally:
            connection.close()

    def _connect(self) -> sqlite3.Connection:
        found = self.found
        return pragmas.connect(found.path, writable=found.writable, folder_writable=found.folder_writable, threads=True,
                               key=found.key)  # fmt: skip

    @property
    def encrypted(self) -> bool:
        return self.found.encrypted

    def unlock_copies(self, shown: Path, header: keyfile.Header) -> bytes:
        """db.identity.Unlock for a copy of this journal (its backups share its data key): no passphrase is
        asked where none can be (the TUI); a copy under another key does not open with it, and says so."""
        if self.found.key is None:
            raise JournalRefused(f"{shown} is encrypted, and this journal is not: restore it from the command line")
        return self.found.key

    @property
    def sealing(self) -> Sealing | None:
        """How state kept outside the file (drafts, a live observation) is sealed: None for a plain journal."""
        if self.found.key is None:
            return None
        if self._sealing is None:
            from mentorlog.db.keywrap import Sealing

            self._sealing = Sealing(self.found.key)
        return self._sealing

    def writing(self) -> sqlite3.Connection:
        """This thread's connection, to write with: JournalRefused, before anything, if the file is
        read-only, known to be damaged, or no longer the file at the journal's path."""
        self.check_writable()
        return self.connection

    def check_writable(self) -> None:
        if not self.writable:
            raise JournalRefused(f"{self.path} is read-only{why_read_only(self.found)}; nothing was saved")
        self.check_still_there()
        from mentorlog.db import damage

        refused = damage.refusal(self.found.path)
        if refused:
            raise JournalRefused(refused)

    def check_still_there(self) -> None:
        """JournalRefused if the file this opened is no longer at its path (deleted with its folder, moved,
        replaced by a restore): a commit into it would be lost on closing, yet say saved."""
        if _identity(self.found.path) != self._identity:
            raise JournalRefused(
                f"the journal file {self.path} was moved, replaced or deleted while mentorlog had it open; "
                "nothing was saved"
            )

    @contextlib.contextmanager
    def committing(self, connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        """One write transaction on `connection`, committed only if the file is still the journal's."""
        with transaction(connection):
            yield connection
            self.check_still_there()

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """One snapshot of the journal (or the transaction already open on this thread's connection)."""
        with snapshot(self.connection) as connection:
            yield connection

    @contextlib.contextmanager
    def write(self, *, wait: bool = True) -> Iterator[sqlite3.Connection]:
        """One transaction: committed if the block ends normally, rolled back if it raises.

        It waits for another writer (the busy timeout) unless `wait` is False: then a busy journal
        raises at once, before anything is done (the TUI waits in a worker instead).
        """
        connection = self.writing()
        if wait or connection.in_transaction:
            with self.committing(connection):
                yield connection
            return
        with not_waiting(connection), self.committing(connection):
            yield connection

    def data_version(self) -> int:
        """A number that changes whenever anyone, this process or another, commits to the file.

        SQLite's data_version counts the commits of every other connection, so it is asked on
        a connection of its own that never writes. Screens use it to skip reading again what
        has not changed.
        """
        if self._watch is None:
            self._watch = pragmas.connect(self.found.path, writable=False, folder_writable=self.found.folder_writable,
                                          threads=True, key=self.found.key)  # fmt: skip
        return int(self._watch.execute("PRAGMA data_version").fetchone()[0])

    def forget(self) -> None:
        """Close a journal this open made, and remove it: for a command that failed before it held anything."""
        assert self.created
        self.close()
        for leftover in (self.found.path, Path(f"{self.found.path}-wal"), Path(f"{self.found.path}-shm")):
            leftover.unlink(missing_ok=True)

    def close(self) -> None:
        # The read-only watch first: the last connection to close tidies away the -wal and -shm, which a
        # read-only one cannot do (quitting the demo used to leave demo.db-wal and demo.db-shm behind).
        if self._watch is not None:
            self._watch.close()
            self._watch = None
        with self._lock:
            for connection in self._connections:
                with contextlib.suppress(sqlite3.Error):
                    connection.close()
            self._connections.clear()
        self._local = thread_local()


def open_journal(path: Path | str, *, create: bool = False, unlock: Unlock | None = None) -> Journal:
    """Open the journal at `path`, creating it if asked; refuse anything unsafe to touch. An encrypted
    journal's data key is had from `unlock` (db.identity.Unlock)."""
    path = Path(path).expanduser()
    found = judge(path, newest=schema.SCHEMA_VERSION, unlock=unlock)
    migrated_from = backup = None
    created = found is None
    if found is None:
        if not create:
            raise JournalRefused(f"no journal at {path} (create one with 'mentorlog init' or 'mentorlog demo')")
        from mentorlog.db.creating import create_file  # what only a new file needs comes in with it

        create_file(locate(path), shown=path)
        found = judge(path, newest=schema.SCHEMA_VERSION)
        assert found is not None
    elif found.version < schema.SCHEMA_VERSION:
        if not found.writable:
            raise JournalRefused(
                f"{path} is of an older mentorlog (schema v{found.version}) and read-only{why_read_only(found)}: "
                "it must be upgraded before it can be opened; left untouched"
            )
        from mentorlog.db.migrations import migrate

        backup = migrate(found.path, found.version, key=found.key)
        migrated_from = found.version
    return Journal(path, found, migrated_from=migrated_from, backup=backup, created=created)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def why_read_only(found: Found | None) -> str:
    if found is None:
        return ""
    if not found.folder_writable:
        return f" (its folder {found.path.parent} cannot be written)"
    return " (the file cannot be written)"
