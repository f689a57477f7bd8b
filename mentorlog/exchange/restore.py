"""`mentorlog restore BACKUP`: a backup put in place of the journal, the journal it replaces kept beside it.

The backup is judged as any journal is (a mentorlog file this version can open; an older
one is upgraded at the next open, as usual), copied beside the journal with SQLite's
backup API and checked. Only then does the journal change, in steps that a kill at any
point leaves safe: the old file is given a second name first (`journal-damaged-STAMP.db`,
or `-replaced-` for a sound one), its -wal and -shm follow it, and the checked copy takes
the journal's name in one rename. Nothing is ever deleted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path
from typing import NamedTuple

from mentorlog.db import damage, keyfile, schema
from mentorlog.db.copying import temporary_copy
from mentorlog.db.identity import Unlock, judge, locate
from mentorlog.errors import JournalRefused
from mentorlog.files import WriteFailed


class Restored(NamedTuple):
    journal: Path
    backup: Path
    kept: Path | None  # where the journal it replaced now is (None: there was none)
    damaged: bool  # whether the journal it replaced was damaged


def restore_backup(
    journal: Path, backup: Path, *, now: dt.datetime | None = None, unlock: Unlock | None = None
) -> Restored:
    """Put `backup` in place of `journal`. An encrypted backup (opened with `unlock`) comes with its key file,
    which takes the journal's key file's place just before the copy takes the journal's."""
    now = now or dt.datetime.now(dt.UTC)
    real, source = locate(journal), locate(backup)
    if source == real:
        raise JournalRefused(f"{backup} is the journal itself: name a backup of it")
    found = judge(backup, newest=schema.SCHEMA_VERSION, unlock=unlock)  # refuses what is not a sound journal
    if found is None:
        raise JournalRefused(f"no backup at {backup}")
    damaged = _is_damaged(journal)
    try:
        real.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp = temporary_copy(source, real.parent, key=found.key)  # checked (quick_check) before anything changes
    except Exception as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise WriteFailed(f"cannot restore {backup}: {reason}; the journal is as it was") from None
    kept = None
    try:
        if real.exists():
            kept = _keep_aside(real, "damaged" if damaged else "replaced", now)
        if found.key is not None:
            keyfile.place(keyfile.key_path(real), keyfile.key_path(source).read_bytes())
        os.replace(temp, real)
        os.chmod(real, 0o600)
        if found.key is None:
            keyfile.key_path(real).unlink(missing_ok=True)  # the replaced journal's, kept beside it
    except OSError as exc:
        raise WriteFailed(f"cannot restore {backup}: {exc.strerror or exc}; the journal is as it was") from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    if kept is not None and damage.marker(real).exists():
        with contextlib.suppress(OSError):
            os.replace(damage.marker(real), damage.marker(kept))  # the note stays with the file it is about
    return Restored(journal, backup, kept, damaged)


def _is_damaged(journal: Path) -> bool:
    if damage.refusal(journal) is not None:
        return True
    try:
        judge(journal, newest=schema.SCHEMA_VERSION)
    except JournalRefused as exc:
        return "damaged" in str(exc)
    return False


def _keep_aside(real: Path, why: str, now: dt.datetime) -> Path:
    """Give the journal a second name (a hard link: the journal's name still holds it until the restored
    copy takes that name), and move its -wal and -shm, which belong to it, to follow that name."""
    stamp = f"{now.astimezone(dt.UTC):%Y%m%d-%H%M%S}"
    for n in range(1, 100):
        kept = real.with_name(f"{real.stem}-{why}-{stamp}{'' if n == 1 else f'-{n}'}{real.suffix}")
        try:
            os.link(real, kept)
        except FileExistsError:
            continue
        for suffix in ("-wal", "-shm"):
            sidecar = Path(f"{real}{suffix}")
            if sidecar.exists():
                os.replace(sidecar, Path(f"{kept}{suffix}"))
        if keyfile.key_path(real).exists():  # an encrypted journal's header goes with it (a copy: the journal
            keyfile.place(keyfile.key_path(kept), keyfile.key_path(real).read_bytes())  # keeps its own meanwhile)
        return kept
    raise FileExistsError(f"no free name beside {real}")


def candidates(journal: Path) -> list[Path]:
    """What a journal can be restored from, newest first: its timed backups (backups/ beside it) and the
    copies taken before an upgrade (`journal.db.v4-STAMP.bak`), each by the time in its name."""
    from mentorlog.exchange.backup import backups

    real = locate(journal)
    timed = [(_stamp(path.stem.removeprefix(f"{real.stem}-")), path) for path in backups(real)]
    upgrades = []
    with contextlib.suppress(OSError):
        for path in real.parent.iterdir():
            name = path.name
            if name.startswith(f"{real.name}.v") and name.endswith(".bak"):
                upgrades.append((_stamp(name.removeprefix(f"{real.name}.v").split("-", 1)[-1]), path))
    return [path for _, path in sorted(timed + upgrades, reverse=True)]


def _stamp(text: str) -> str:
    """`20261204-235229` (and a `-2` after it) from a backup's name, as a key that sorts by time."""
    return text.removesuffix(".bak")


def made_at(path: Path) -> dt.datetime | None:
    """When mentorlog made the backup, from its name (UTC): never the file's times, which a clock that
    ran ahead or a copy from elsewhere can make up."""
    import re

    found = re.search(r"(\d{8}-\d{6})", path.name)
    if found is None:
        return None
    try:
        return dt.datetime.strptime(found.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=dt.UTC)
    except ValueError:
        return None
