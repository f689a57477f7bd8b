"""Where unexpected errors go: the log file, never the user's screen, and never the user's words.

The log is private as the journal is (0600 in a 0700 folder, whatever the umask), and
it holds only what a maintainer needs: which command ran with which options (their
names, not their values), and where the code failed (the frames of the traceback).
An exception's message is left out: it may quote a title, a reflection, a path.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import traceback
from collections.abc import Sequence
from pathlib import Path

from mentorlog import __version__, paths
from mentorlog.files import WriteFailed, private_folder

LOG_NAME = "mentorlog.log"
MAX_LOG_BYTES = 1 << 20  # beyond this, the oldest half goes: a log is for the latest failures


def log_exception(error: BaseException, context: str) -> Path:
    """Append the failure to the log file; returns where it went (even if writing failed)."""
    log_file = paths.log_dir() / LOG_NAME
    record = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M:%S} UTC mentorlog {__version__}: {context}\n"
    record += "".join(describe(error)) + "\n"
    try:
        private_folder(log_file.parent)
        # O_NONBLOCK: a FIFO put where the log goes must not hang the one path that reports a failure.
        fd = os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NONBLOCK", 0), 0o600)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            return log_file
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), 0o600)  # a log made before this rule, or under another umask
            handle.write(record)
            size = handle.tell()
        if size > MAX_LOG_BYTES:
            _keep_newest_half(log_file)
    except (OSError, WriteFailed):
        pass
    return log_file


def describe(error: BaseException) -> list[str]:
    """The traceback's frames and exception types, chained ones too, without any message."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    chain: list[BaseException] = []
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        wrapped = getattr(current, "error", None)  # Textual's WorkerFailed holds the worker's own error
        current = current.__cause__ or current.__context__ or (wrapped if isinstance(wrapped, BaseException) else None)
    for n, exc in enumerate(reversed(chain)):
        if n:
            lines.append("during the handling of that, another error:\n")
        lines.append("Traceback (most recent call last):\n")
        lines += traceback.StackSummary.extract(traceback.walk_tb(exc.__traceback__), capture_locals=False).format()
        lines.append(f"{type(exc).__module__}.{type(exc).__qualname__} (message withheld: it may quote journal text)\n")
    return lines


def redacted_command(argv: Sequence[str], words: Sequence[str]) -> str:
    """`mentorlog log --on --tag ...`: the command's words and the names of its options, no values."""
    shown = ["mentorlog", *words]
    for argument in argv:
        if argument.startswith("-") and argument != "-":
            shown.append(argument.split("=", 1)[0])
    return " ".join(shown)


def _keep_newest_half(log_file: Path) -> None:
    data = log_file.read_bytes()
    keep = data[len(data) // 2 :]
    keep = keep[keep.find(b"\n") + 1 :]
    fd = os.open(log_file, os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(keep)
