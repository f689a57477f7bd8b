"""Judging a file before touching it: is it a mentorlog journal, of which schema version?

A mentorlog file is recognised by `PRAGMA application_id` and versioned by
`PRAGMA user_version`; both live in the 100-byte SQLite header, which is read as
bytes: a file that is refused (another application's database, a newer journal, a
FIFO) is never opened with SQLite, so nothing (no -wal, no -shm) appears beside it.
Only the standard library is used here.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from mentorlog.db.connecting import connect
from mentorlog.errors import JournalRefused
from mentorlog.files import ENCRYPTED_MAGIC, KEY_SUFFIX

# What only an encrypted journal needs (its header's format, hashlib) is imported when one is met.
if TYPE_CHECKING:
    from mentorlog.db import keyfile

# How an encrypted journal's data key is had (db.opening's caller knows: a prompt, the environment, an
# unlock kept for a while): given the journal as shown to the user and its header, the data key, or raises.
Unlock = Callable[[Path, "keyfile.Header"], bytes]

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
    key: bytes | None = None  # an encrypted journal's data key, once unlocked
    header: keyfile.Header | None = None  # an encrypted journal's header

    @property
    def encrypted(self) -> bool:
        return self.key is not None


def locate(path: Path) -> Path:
    """Where a journal named `path` really is: a symlink (even one to nothing yet) is followed."""
    return Path(os.path.realpath(path))


def read_identity(path: Path, *, newest: int = SCHEMA_VERSION, unlock: Unlock | None = None) -> int | None:
    """The schema version of the mentorlog file at `path`, None if there is no file."""
    found = judge(path, newest=newest, unlock=unlock)
    return None if found is None else found.version


def judge(path: Path, *, newest: int = SCHEMA_VERSION, unlock: Unlock | None = None) -> Found | None:
    """The journal at `path` as judged without opening it for writing; None if there is no file.

    Raises JournalRefused, without writing a byte, for anything that is not a
    mentorlog journal this version can open. An encrypted journal is recognised by its first
    bytes and unlocked with `unlock` (none given: refused, saying it is encrypted).
    """
    read = _read_head(path)
    if read is None:
        return None
    real, header, size = read
    if header.startswith(ENCRYPTED_MAGIC):
        return _judge_encrypted(path, real, header, newest, unlock)
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


def encrypted_header(path: Path) -> keyfile.Header | None:
    """The header of the encrypted journal at `path` (nothing unlocked, nothing opened); None for a plain
    file; JournalRefused where there is no file, or its header cannot be read."""
    read = _read_head(path)
    if read is None:
        raise JournalRefused(f"no journal at {path}")
    real, head, _ = read
    return _header_of(path, real, head) if head.startswith(ENCRYPTED_MAGIC) else None


def _read_head(path: Path) -> tuple[Path, bytes, int] | None:
    """Where the file at `path` really is, its first 100 bytes and its size; None if there is no file.
    Refused if it is not a regular file of this user's, or is empty."""
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
    return real, header, size


def _header_of(path: Path, real: Path, head: bytes) -> keyfile.Header:
    """The header of the encrypted journal whose file begins with `head`: refused if the file is of a newer
    encryption format, or its key file is missing, damaged, edited or newer (db.keyfile)."""
    from mentorlog.db import keyfile

    found_format = keyfile.data_format(head)
    if found_format != keyfile.FORMAT:
        raise JournalRefused(
            f"{path} is an encrypted journal of a newer mentorlog (encryption format v{found_format}; this one "
            f"reads v{keyfile.FORMAT}): upgrade mentorlog to open it"
        )
    return keyfile.read(real, path)


def _judge_encrypted(path: Path, real: Path, head: bytes, newest: int, unlock: Unlock | None) -> Found:
    """An encrypted journal: its format, its header, then (unlocked) what any journal is judged by."""
    header = _header_of(path, real, head)
    if unlock is None:
        raise JournalRefused(f"{path} is an encrypted mentorlog journal: it opens with its passphrase")
    key = unlock(path, header)
    folder_writable = os.access(real.parent, os.W_OK)
    if folder_writable:
        _clear_leftovers(real)
    # Its header is encrypted too: the version is read through SQLite, keyed, as immutable unless a -wal
    # is beside it (a read-only connection to a WAL file leaves a -wal and -shm it cannot tidy away); the
    # one connection also reads the schema, so a damaged page is refused as a plain journal's is.
    pending = Path(f"{real}-wal").exists() or Path(f"{real}-journal").exists()
    if pending:
        version = _version_of(path, real, folder_writable, key=key)
        _refuse_damaged(path, real, folder_writable, key=key)
    else:
        version = _immutable_version(path, real, key)
    if version > newest:
        raise JournalRefused(
            f"{path} was written by a newer mentorlog (schema v{version}; this one reads up to "
            f"v{newest}): upgrade mentorlog to open it"
        )
    writable = folder_writable and os.access(real, os.W_OK)
    return Found(version, real, writable, folder_writable, key=key, header=header)


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


def _version_of(path: Path, real: Path, folder_writable: bool, *, key: bytes | None = None) -> int:
    hot = Path(f"{real}-journal").exists()
    uri = f"file:{_uri_path(real)}?mode={'rw' if hot and folder_writable else 'ro'}"
    try:
        connection = connect(uri, uri=True, key=key)
        try:
            return int(connection.execute("PRAGMA user_version").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise JournalRefused(f"{path} is busy (another mentorlog is writing); try again") from None
        raise _unreadable(path, exc, key) from None


def _clear_leftovers(real: Path) -> None:
    """What a killed mentorlog left beside an encrypted journal under a temporary name (a copy half made;
    where the file system has no unnamed files, `decrypt`'s plaintext half written) goes at the next open."""
    from mentorlog.files import leftovers

    for leftover in leftovers(real.parent, real.name):
        leftover.unlink(missing_ok=True)


def _immutable_version(path: Path, real: Path, key: bytes) -> int:
    try:
        connection = connect(f"file:{_uri_path(real)}?mode=ro&immutable=1", uri=True, key=key)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return int(connection.execute("PRAGMA user_version").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise _unreadable(path, exc, key) from None


def _unreadable(path: Path, exc: sqlite3.Error, key: bytes | None) -> JournalRefused:
    if key is not None and "not a database" in str(exc):
        # The data key unwrapped (the header's tag held), yet the pages do not open with it.
        return JournalRefused(
            f"{path} does not open with the key its key file {path}{KEY_SUFFIX} holds: the file is "
            "damaged, or the key file is another journal's; left untouched"
        )
    return JournalRefused(f"{path} is damaged or not a journal ({exc}); left untouched")


def _refuse_damaged(path: Path, real: Path, folder_writable: bool, *, key: bytes | None = None) -> None:
    """Read the schema once: a page SQLite cannot parse refuses the file before anything writes to it."""
    wal = Path(f"{real}-wal")
    # Judged as immutable unless a -wal says someone is writing it: no -shm is made beside a file
    # that is then refused.
    uri = f"file:{_uri_path(real)}?mode=ro" + ("" if wal.exists() and folder_writable else "&immutable=1")
    try:
        connection = connect(uri, uri=True, key=key)
    except sqlite3.Error as exc:
        raise JournalRefused(f"cannot open {path}: {exc}") from None
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return  # another mentorlog is writing it: sound, and the real open waits for it
        raise _unreadable(path, exc, key) from None
    finally:
        connection.close()


SIDECARS = ("-wal", "-shm", "-journal", KEY_SUFFIX)


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
