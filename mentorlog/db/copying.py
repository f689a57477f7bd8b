"""Consistent copies of a live journal, with SQLite's online backup API.

A copy is made under a temporary name beside where it goes, checked with
quick_check, and only then given its name (or streamed into a FIFO or device): a
file with a backup's name is always whole, and a copy cut short by a kill is a
temporary file the next copy clears away.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from mentorlog import files
from mentorlog.db import damage, keyfile
from mentorlog.db.connecting import connect
from mentorlog.files import WriteFailed

# How far a long copy is, 0 to 1 (the TUI's progress bar); told after each step of PAGES pages.
Progress = Callable[[float], None]
PAGES = 1024


def copy_database(source: Path, target: Path, progress: Progress | None = None, *, key: bytes | None = None) -> None:
    """Copy `source` page by page into the new file `target` (0600), even while another process writes.

    The copy is a self-contained rollback-journal file: no -wal or -shm beside it. An encrypted journal
    (`key`) is copied as its encrypted pages, with the same key: its copy is never plaintext.
    """
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    src = connect(f"file:{source}?mode=ro", uri=True, key=key)
    dst = connect(target, key=key)
    try:
        if progress is None:
            src.backup(dst)
        else:
            src.backup(dst, pages=PAGES, progress=lambda _, remaining, total: progress(1 - remaining / (total or 1)))
        dst.execute("PRAGMA journal_mode = DELETE")
        problem = dst.execute("PRAGMA quick_check(1)").fetchone()[0]
        if problem != "ok":
            # What SQLite's own errors say of such a file (db.damage): the source is damaged.
            raise sqlite3.DatabaseError(f"database disk image is malformed ({' '.join(problem.split())})")
    finally:
        dst.close()
        src.close()


def temporary_copy(source: Path, folder: Path, progress: Progress | None = None, *, key: bytes | None = None) -> Path:
    """A checked copy of `source` under a temporary name in `folder` (the caller names or streams it)."""
    for leftover in files.leftovers(folder, source.name):
        _remove(leftover)
    temp = files.temporary_name(folder, source.name)
    try:
        copy_database(source, temp, progress, key=key)
    except BaseException:
        _remove(temp)
        raise
    return temp


def link_copy(temp: Path, target: Path, encrypted_from: Path | None = None) -> None:
    """Give a checked copy its name, never over a file (FileExistsError). The copy of an encrypted journal
    (`encrypted_from`) is given its key file first: a copy never has a name without the header it opens with."""
    if encrypted_from is None:
        os.link(temp, target)
        return
    header = keyfile.key_path(target)
    fd = os.open(header, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(keyfile.key_path(encrypted_from).read_bytes())
            os.fsync(handle.fileno())
        os.link(temp, target)
    except BaseException:
        header.unlink(missing_ok=True)
        raise


def copy_to(source: Path, out: str | Path, *, progress: Progress | None = None, key: bytes | None = None) -> Path:
    """A checked copy of `source` at `out`, a path where nothing is yet (or a FIFO or device, streamed
    into). Never over anything: not the journal, not another journal or backup (files.writable refuses
    every database), not a file of any kind. Returns where it went."""
    where = files.writable(out)
    if key is not None and where.stream:
        raise WriteFailed(
            f"cannot write {where.given}: the backup of an encrypted journal is two files (the copy and its key "
            "file), so it needs a file name, not a stream; nothing was written"
        )
    if not where.stream and where.target.exists():
        raise WriteFailed(f"cannot write {where.given}: a file is there already; left untouched (choose a new name)")
    real_source = Path(os.path.realpath(source))
    folder = real_source.parent if where.stream else where.target.parent
    try:
        temp = temporary_copy(source, folder, progress, key=key)
    except (OSError, sqlite3.Error) as exc:
        if damage.note(source, exc):
            raise WriteFailed(
                f"cannot back up {source}: it is damaged ({' '.join(str(exc).split())}), and so would be a copy; "
                "restore a backup with 'mentorlog restore BACKUP'"
            ) from None
        reason = getattr(exc, "strerror", None) or str(exc)
        raise WriteFailed(f"cannot back up {source} to {where.given}: {reason}; nothing was written") from None
    try:
        if where.stream:
            with files.binary_out(where.given) as handle, temp.open("rb") as copy:
                shutil.copyfileobj(copy, handle)
        else:
            link_copy(temp, where.target, real_source if key is not None else None)  # never over a file
    except FileExistsError:
        raise WriteFailed(f"cannot write {where.given}: a file appeared there meanwhile; left untouched") from None
    except OSError as exc:
        raise WriteFailed(f"cannot back up {source} to {where.given}: {exc.strerror or exc}") from None
    finally:
        _remove(temp)
    return where.target


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink()
