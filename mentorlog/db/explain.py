"""What an SQLite error means for the user, in one line: the same words from the CLI and the TUI."""

from __future__ import annotations

from pathlib import Path


def reason_of(exc: BaseException) -> str:
    return str(exc)


def is_busy(exc: BaseException) -> bool:
    """Another connection holds the write lock (SQLITE_BUSY, "database is locked")."""
    reason = reason_of(exc).lower()
    return "locked" in reason or "busy" in reason


def explain(exc: BaseException, path: Path) -> str:
    reason = reason_of(exc)
    lowered = reason.lower()
    if is_busy(exc):
        return f"{path} is busy (another mentorlog is writing); nothing was saved, try again"
    if "readonly" in lowered or "read-only" in lowered:
        return f"cannot write to {path}: it is read-only; nothing was saved"
    if "full" in lowered:
        return f"cannot write to {path}: the disk is full; nothing was saved"
    from mentorlog.db import damage

    if damage.is_damage(exc):
        return (
            f"{path} is damaged ({' '.join(reason.split())}); nothing more is written to it: restore a backup "
            "with 'mentorlog restore BACKUP' (see 'mentorlog check')"
        )
    return f"database error on {path}: {reason}; nothing was saved"
