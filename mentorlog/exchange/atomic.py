"""Writing an export whole or not at all: a temporary file beside the target, then a rename."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from mentorlog.errors import MentorlogError

STDOUT = "-"


class WriteFailed(MentorlogError):
    """The destination could not be written; nothing was left behind."""


@contextlib.contextmanager
def atomic_text(
    destination: str | Path, *, newline: str | None = None, stdout: TextIO | None = None
) -> Iterator[TextIO]:
    """A text handle whose content appears at `destination` only if the block ends normally.

    `-` means standard output. The file is created 0600 (exports hold private
    reflections) and fsynced before the rename, so a crash leaves the old file or
    the new one, never half of it.
    """
    if str(destination) == STDOUT:
        handle = stdout or sys.stdout
        yield handle
        handle.flush()
        return
    target = Path(destination).expanduser()
    if target.is_dir():
        raise WriteFailed(f"cannot write {target}: it is a directory")
    try:
        fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise WriteFailed(f"cannot write {target}: {exc.strerror or exc}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise WriteFailed(f"cannot write {target}: {exc.strerror or exc}; nothing was written") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
