"""`mentorlog backup`: a consistent copy of the journal, safe while the TUI has it open.

By default copies go to a `backups/` folder beside the journal, named by time,
and only the newest few are kept; `--out FILE` puts one copy exactly there.
Either way the copy is written to a temporary name and renamed into place once
it has passed SQLite's quick_check, so a failed backup leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from mentorlog.db import keyfile
from mentorlog.db.copying import Progress, copy_to
from mentorlog.files import WriteFailed

KEEP = 10
FOLDER = "backups"


@dataclass
class Backup:
    path: Path
    size: int
    removed: list[Path] = field(default_factory=list)


def backup_folder(journal: Path) -> Path:
    return journal.parent / FOLDER


def make_backup(
    journal: Path,
    *,
    out: Path | None = None,
    keep: int = KEEP,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    key: bytes | None = None,
) -> Backup:
    """A checked copy of the journal; an encrypted journal's (`key`) stays encrypted, its key file beside it."""
    now = now or dt.datetime.now(dt.UTC)
    if out is not None:
        target = copy_to(journal, out, progress=progress, key=key)
        return Backup(target, _size(target))
    folder = backup_folder(journal)
    made = not folder.exists()
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(f"cannot make {folder}: {exc.strerror or exc}") from None
    try:
        target = copy_to(journal, _free_name(folder, journal, now), progress=progress, key=key)
    except BaseException:
        if made:
            with contextlib.suppress(OSError):
                folder.rmdir()  # made for this backup, which did not happen: no empty folder left
        raise
    return Backup(target, _size(target), _prune(journal, keep, target))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def _pattern(journal: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(journal.stem)}-(\d{{8}}-\d{{6}})(?:-(\d+))?{re.escape(journal.suffix)}$")


def _free_name(folder: Path, journal: Path, now: dt.datetime) -> Path:
    base = f"{journal.stem}-{now.astimezone(dt.UTC):%Y%m%d-%H%M%S}"
    candidate = folder / f"{base}{journal.suffix}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{base}-{n}{journal.suffix}"
        n += 1
    return candidate


def backups(journal: Path) -> list[Path]:
    """This journal's timed backups, oldest first, by the time in their names (when mentorlog made them),
    never by the file's times, which a clock that ran ahead or a copy from elsewhere can make up."""
    folder = backup_folder(journal)
    if not folder.is_dir():
        return []
    pattern = _pattern(journal)
    found = []
    for path in folder.iterdir():
        match = pattern.match(path.name)
        if match:
            found.append(((match.group(1), int(match.group(2) or 1)), path))
    return [path for _, path in sorted(found)]


def _prune(journal: Path, keep: int, made: Path) -> list[Path]:
    """Keep the newest `keep` backups by name, and always the one just made, however its name sorts."""
    removed = []
    others = [path for path in backups(journal) if path != made]
    for old in others[: max(0, len(others) - (keep - 1))]:
        old.unlink(missing_ok=True)
        keyfile.key_path(old).unlink(missing_ok=True)  # an encrypted backup's header goes with it
        removed.append(old)
    return removed
