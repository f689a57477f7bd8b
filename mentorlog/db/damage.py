"""A damaged journal is never written: once anything meets the damage, writes are refused until the user acts.

SQLite finds a damaged page only when a query reads it: a `status` that reads every
session meets it, a quick capture that touches three other pages does not, and would
write into the damaged file. So the first meeting is remembered, in a small text file
beside the journal (`journal.db.damaged.txt`: what was found, when, and what to do; a
user who finds it can read it), and every write asks for it first: one `stat`, nothing
more, so quick capture pays nothing for it. It applies to the file it was found in (its
inode): a journal put in its place by `mentorlog restore` (or by hand, with `mv`) is
judged afresh, and `mentorlog check` clears it when the file is sound again.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

SUFFIX = ".damaged.txt"
# What SQLite says of a file it cannot read as a database (SQLITE_CORRUPT, SQLITE_NOTADB).
_WORDS = ("malformed", "not a database", "corrupt", "database disk image")


def is_damage(exc: BaseException) -> bool:
    """Whether an error says the file itself is damaged (not busy, not read-only, not full)."""
    reason = str(exc).lower()
    return any(word in reason for word in _WORDS)


def marker(journal: Path) -> Path:
    real = Path(os.path.realpath(journal))
    return real.with_name(real.name + SUFFIX)


def note(journal: Path, exc: BaseException) -> bool:
    """Remember that `journal` is damaged if `exc` says so; whether it did. Never fails: a folder that
    cannot take the note holds a journal that cannot be written either."""
    if not is_damage(exc):
        return False
    record(journal, str(exc))
    return True


def record(journal: Path, reason: str) -> None:
    import datetime as dt
    import json

    from mentorlog.files import WriteFailed, text_out

    real = Path(os.path.realpath(journal))
    try:
        inode = os.stat(real).st_ino
    except OSError:
        return
    found = dt.datetime.now(dt.UTC).replace(microsecond=0)
    lines = [
        f"mentorlog found the journal {real} damaged on {found:%Y-%m-%d %H:%M} UTC:",
        f"  {' '.join(reason.split())[:300]}",
        "Nothing more is written to it until you act. 'mentorlog restore BACKUP' puts a backup in its",
        "place and keeps this file beside it; 'mentorlog check' examines it again.",
        json.dumps({"inode": inode, "reason": " ".join(reason.split())[:300], "found": found.isoformat()}),
    ]
    with contextlib.suppress(OSError, WriteFailed), text_out(marker(real)) as handle:
        handle.write("\n".join(lines) + "\n")


def refusal(journal: Path) -> str | None:
    """Why `journal` must not be written (the damage found in it, in a line), or None."""
    where = marker(journal)
    try:
        text = where.read_text(encoding="utf-8")
        inode = os.stat(where.with_name(where.name.removesuffix(SUFFIX))).st_ino
    except OSError:
        return None  # no note (nearly always), or no journal
    import json  # only a journal with a note pays for reading it

    try:
        found = json.loads(text.strip().splitlines()[-1])
        if found["inode"] != inode:
            return None  # the note is about a file no longer there: this one is judged afresh
        reason = str(found["reason"])
    except (ValueError, KeyError, IndexError, TypeError):
        reason = "see " + str(where)
    return (
        f"{journal} is damaged ({reason}); nothing is written to it: restore a backup with "
        f"'mentorlog restore BACKUP' (see 'mentorlog check')"
    )


def clear(journal: Path) -> None:
    with contextlib.suppress(OSError):
        marker(journal).unlink()
