"""Judging a file before touching it: is it a mentorlog journal, of which schema version?

A mentorlog file is recognised by `PRAGMA application_id` and versioned by
`PRAGMA user_version`; both live in the 100-byte SQLite header, which is read as
bytes: a file that is refused (another application's database, a newer journal, a
FIFO) is never opened with SQLite, so nothing (no -wal, no -shm) appears beside it.
Only the standard library is used here.
"""

import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from mentorlog.db.connecting import connect
from mentorlog.errors import JournalRefused

APPLICATION_ID = 0x4D4C4F47  # "MLOG"
# Every SQLite file begins so (files.SQLITE_MAGIC too: judging a file imports nothing to know it).
SQLITE_HEADER = b"SQLite format 3\x00"
SCHEMA_VERSION = 8


class Found(NamedTuple):
    """A journal file as judged: its schema version, where it really is, and whether it may be written."""

    version: int
    path: Path  # symlinks resolved
    writable: bool  # the file and its folder (SQLite writes -wal and -shm beside it)
    folder_writable: bool


def locate(path: Path) -> Path:
    """Where a journal named `path` really is: a symlink (even one to nothing yet) is followed."""
    return Path(os.path.realpath(path))


def read_identity(path: Path, *, newest: int = SCHEMA_VERSION) -> int | None:
    """The schema version of the mentorlog file at `path`, None if there is no file."""
    found = judge(path, newest=newest)
    return None if found is None else found.version


def judge(path: Path, *, newest: int = SCHEMA_VERSION) -> Found | None:
    """The journal at `path` as judged without opening it for writing; None if there is no file.

    Raises JournalRefused, without writing a byte, for anything that is not a
    mentorlog journal this version can open.
    """
    real = locate(path)
    try:
        found = os.stat(real)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise JournalRefused(f"cannot read {path}: {exc.strerror or exc}") from None
    mode = found.st_mode
    if not stat.S_ISREG(mode):
        raise JournalRefused(f"{path} is {_kind_of(mode)}, not a journal file; left untouched")
    _refuse_another_users(path, real, found.st_uid)
    try:
        # O_NONBLOCK: were it swapped for a FIFO since, opening it must not wait for a writer.
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise JournalRefused(f"{path} is not a regular file, not a journal; left untouched")
            header = os.read(fd, 100)
            size = os.fstat(fd).st_size
        finally:
            os.close(fd)
    except OSError as exc:
        raise JournalRefused(f"cannot read {path}: {exc.strerror or exc}") from None
    if not header:
        raise JournalRefused(f"{path} is an empty file (0 bytes), not a mentorlog journal; left untouched")
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise JournalRefused(f"{path} is not a mentorlog journal (not an SQLite database); left untouched")
    version, app_id = int.from_bytes(header[60:64], "big"), int.from_bytes(header[68:72], "big")
    if app_id != APPLICATION_ID:
        raise JournalRefused(f"{path} is an SQLite database of another application, not a mentorlog journal")
    folder_writable = os.access(real.parent, os.W_OK)
    wal_pending = _non_empty(Path(f"{real}-wal"))
    if wal_pending or Path(f"{real}-wal").exists() or Path(f"{real}-journal").exists():
        # The header may be stale (a commit still in the -wal) or half-written (a hot journal to roll
        # back): SQLite, which recovers both, says which version the file really is.
        version = _version_of(path, real, folder_writable)
    if version > newest:
        raise JournalRefused(
            f"{path} was written by a newer mentorlog (schema v{version}; this one reads up to "
            f"v{newest}): upgrade mentorlog to open it"
        )
    if not wal_pending:
        # A checkpoint cut short (a crash, a kill) writes page 1, with the new page count, before the pages
        # that grow the file: the -wal still holds them, and SQLite's recovery completes the file.
        _refuse_truncated(path, header, size)
    _refuse_damaged(path, real, folder_writable)
    return Found(version, real, folder_writable and os.access(real, os.W_OK), folder_writable)


def _refuse_another_users(path: Path, real: Path, owner: int) -> None:
    """A journal, and the files SQLite keeps beside it, are their owner's alone. Anyone else who opened
    it, even to read, would leave a -wal and -shm of their own beside it, and from then on every write
    of its owner fails ("read-only"): so it is not opened at all, and they are told whose it is."""
    me = getattr(os, "geteuid", lambda: owner)()
    if owner != me:
        raise JournalRefused(
            f"{path} belongs to {_user(owner)}, not to you ({_user(me)}): mentorlog opens a journal only as its "
            "owner, so that nothing it makes beside it is someone else's; left untouched"
        )
    for suffix in ("-wal", "-shm"):
        try:
            other = os.stat(f"{real}{suffix}").st_uid
        except OSError:
            continue
        if other != me:
            raise JournalRefused(
                f"{real}{suffix} belongs to {_user(other)}, not to you ({_user(me)}): SQLite cannot use it, so "
                f"the journal is not opened; once no mentorlog has it open, {_user(other)} (or root) can remove it"
            )


def _user(uid: int) -> str:
    try:
        import pwd

        return f"{pwd.getpwuid(uid).pw_name}"
    except (ImportError, KeyError):
        return f"user {uid}"


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _non_empty(path: Path) -> bool:
    try:
        return os.stat(path).st_size > 0
    except OSError:
        return False


def _refuse_truncated(path: Path, header: bytes, size: int) -> None:
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = int.from_bytes(header[24:28], "big"), int.from_bytes(header[28:32], "big")
    valid_for = int.from_bytes(header[92:96], "big")
    # The in-header page count is only trustworthy when "version-valid-for" matches.
    if valid_for == change_counter and page_count and size < page_count * page_size:
        raise JournalRefused(f"{path} is damaged (truncated: {size} of {page_count * page_size} bytes); left untouched")


def reading_uri(real: Path, folder_writable: bool) -> str:
    """How to open a journal for reading. Where its folder cannot be written (a read-only mount, a
    locked folder) and no -wal is beside it, nothing can be writing it: it is read as immutable,
    which needs no -shm (SQLite could not make one there)."""
    wal = Path(f"{real}-wal")
    immutable = not folder_writable and not wal.exists()
    return f"file:{_uri_path(real)}?mode=ro" + ("&immutable=1" if immutable else "")


def _uri_path(path: Path) -> str:
    from urllib.parse import quote

    return quote(str(path), safe="/")


def _version_of(path: Path, real: Path, folder_writable: bool) -> int:
    hot = Path(f"{real}-journal").exists()
    uri = f"file:{_uri_path(real)}?mode={'rw' if hot and folder_writable else 'ro'}"
    try:
        connection = connect(uri, uri=True)
        try:
            return int(connection.execute("PRAGMA user_version").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise JournalRefused(f"{path} is busy (another mentorlog is writing); try again") from None
        raise JournalRefused(f"{path} is damaged or not a journal ({exc}); left untouched") from None


def _refuse_damaged(path: Path, real: Path, folder_writable: bool) -> None:
    """Read the schema once: a page SQLite cannot parse refuses the file before anything writes to it."""
    wal = Path(f"{real}-wal")
    # Judged as immutable unless a -wal says someone is writing it: no -shm is made beside a file
    # that is then refused.
    uri = f"file:{_uri_path(real)}?mode=ro" + ("" if wal.exists() and folder_writable else "&immutable=1")
    try:
        connection = connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise JournalRefused(f"cannot open {path}: {exc}") from None
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return  # another mentorlog is writing it: sound, and the real open waits for it
        raise JournalRefused(f"{path} is damaged or not a journal ({exc}); left untouched") from None
    finally:
        connection.close()


SIDECARS = ("-wal", "-shm", "-journal")


def database_guard(journal: Path | None) -> Callable[[Path], str | None]:
    """What an export may not replace beyond any database (files.database_reason): the open journal
    and the files SQLite keeps beside it, named as such."""
    protected = set()
    if journal is not None:
        real = Path(os.path.realpath(journal))
        protected = {real, *(Path(f"{real}{suffix}") for suffix in SIDECARS)}

    def refuse(target: Path) -> str | None:
        if Path(os.path.realpath(target)) in protected:
            return "it is the open journal (or a file SQLite keeps beside it)"
        return None

    return refuse
