"""`mentorlog backup`: a consistent copy of the journal, safe while the TUI has it open.

By default copies go to a `backups/` folder beside the journal, named by time,
and only the newest few are kept; `--out FILE` puts one copy exactly there.
Either way the copy is written to a temporary name and renamed into place once
it has passed SQLite's quick_check, so a failed backup leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from mentorlog.db.copying import copy_database
from mentorlog.exchange.atomic import WriteFailed

KEEP = 10
FOLDER = "backups"


@dataclass
class Backup:
    path: Path
    size: int
    removed: list[Path] = field(default_factory=list)


def backup_folder(journal: Path) -> Path:
    return journal.parent / FOLDER


def make_backup(journal: Path, *, out: Path | None = None, keep: int = KEEP, now: dt.datetime | None = None) -> Backup:
    now = now or dt.datetime.now(dt.UTC)
    if out is None:
        folder = backup_folder(journal)
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
        except OSError as exc:
            raise WriteFailed(f"cannot make {folder}: {exc.strerror or exc}") from None
        target = _free_name(folder, journal, now)
    else:
        target = out.expanduser()
        if target.is_dir():
            raise WriteFailed(f"cannot write {target}: it is a directory (give a file name)")
        if target.resolve() == journal.resolve():
            raise WriteFailed(f"cannot back up {journal} onto itself")
    _copy(journal, target)
    removed = _prune(journal, keep) if out is None else []
    return Backup(target, target.stat().st_size, removed)


def _copy(journal: Path, target: Path) -> None:
    try:
        fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise WriteFailed(f"cannot write {target}: {exc.strerror or exc}") from None
    os.close(fd)
    temp = Path(temp_name)
    try:
        copy_database(journal, temp, exclusive=False)
        os.replace(temp, target)
    except (OSError, sqlite3.Error) as exc:
        _remove(temp)
        reason = getattr(exc, "strerror", None) or str(exc)
        raise WriteFailed(f"cannot back up {journal} to {target}: {reason}; nothing was written") from None
    except BaseException:
        _remove(temp)
        raise


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}-journal")):
        leftover.unlink(missing_ok=True)


def _pattern(journal: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(journal.stem)}-\d{{8}}-\d{{6}}(?:-\d+)?{re.escape(journal.suffix)}$")


def _free_name(folder: Path, journal: Path, now: dt.datetime) -> Path:
    base = f"{journal.stem}-{now.astimezone(dt.UTC):%Y%m%d-%H%M%S}"
    candidate = folder / f"{base}{journal.suffix}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{base}-{n}{journal.suffix}"
        n += 1
    return candidate


def backups(journal: Path) -> list[Path]:
    """This journal's timed backups, oldest first."""
    folder = backup_folder(journal)
    if not folder.is_dir():
        return []
    pattern = _pattern(journal)
    found = [p for p in folder.iterdir() if pattern.match(p.name)]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name))


def _prune(journal: Path, keep: int) -> list[Path]:
    removed = []
    existing = backups(journal)
    for old in existing[: max(0, len(existing) - keep)]:
        old.unlink(missing_ok=True)
        removed.append(old)
    return removed
