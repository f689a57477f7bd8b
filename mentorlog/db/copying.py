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
from mentorlog.files import WriteFailed

# How far a long copy is, 0 to 1 (the TUI's progress bar); told after each step of PAGES pages.
Progress = Callable[[float], None]
PAGES = 1024


def copy_database(source: Path, target: Path, progress: Progress | None = None) -> None:
    """Copy `source` page by page into the new file `target` (0600), even while another process writes.

    The copy is a self-contained rollback-journal file: no -wal or -shm beside it.
    """
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        if progress is None:
            src.backup(dst)
        else:
            src.backup(dst, pages=PAGES, progress=lambda _, remaining, total: progress(1 - remaining / (total or 1)))
        dst.execute("PRAGMA journal_mode = DELETE")
        problem = dst.execute("PRAGMA quick_check").fetchone()[0]
        if problem != "ok":
            raise sqlite3.DatabaseError(f"the copy failed its check: {problem}")
    finally:
        dst.close()
        src.close()


def temporary_copy(source: Path, folder: Path, progress: Progress | None = None) -> Path:
    """A checked copy of `source` under a temporary name in `folder` (the caller names or streams it)."""
    for leftover in files.leftovers(folder, source.name):
        _remove(leftover)
    temp = folder / f".{source.name}.{os.getpid()}.{os.urandom(4).hex()}{files.PART}"
    try:
        copy_database(source, temp, progress)
    except BaseException:
        _remove(temp)
        raise
    return temp


def copy_to(source: Path, out: str | Path, *, refuse_existing: bool = False, progress: Progress | None = None) -> Path:
    """A checked copy of `source` at `out`: renamed into place whole, or streamed into a FIFO or device.

    Never over `source` itself or the files SQLite keeps beside it; with `refuse_existing`,
    never over anything. Returns where it went.
    """
    where = files.destination(out)
    real_source = Path(os.path.realpath(source))
    if not where.stream:
        if where.target in {real_source, *(Path(f"{real_source}{s}") for s in ("-wal", "-shm", "-journal"))}:
            raise WriteFailed(f"cannot back up {source} onto itself")
        if where.target.exists() and (refuse_existing or not _is_database(where.target)):
            raise WriteFailed(f"cannot write {where.given}: it exists and is not a backup; left untouched")
    folder = real_source.parent if where.stream else where.target.parent
    try:
        temp = temporary_copy(source, folder, progress)
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise WriteFailed(f"cannot back up {source} to {where.given}: {reason}; nothing was written") from None
    try:
        if where.stream:
            with files.binary_out(where.given) as handle, temp.open("rb") as copy:
                shutil.copyfileobj(copy, handle)
        elif refuse_existing:
            os.link(temp, where.target)  # fails rather than replace a file that appeared meanwhile
        else:
            os.replace(temp, where.target)
    except OSError as exc:
        raise WriteFailed(f"cannot back up {source} to {where.given}: {exc.strerror or exc}") from None
    finally:
        _remove(temp)
    return where.target


def _is_database(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink()
