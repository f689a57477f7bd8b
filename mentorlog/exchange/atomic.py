"""An export's destination: `-` for standard output, else a path written the one way files are (files.py)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from mentorlog.db.identity import database_guard
from mentorlog.files import WriteFailed as WriteFailed
from mentorlog.files import text_out

STDOUT = "-"


@contextlib.contextmanager
def export_text(
    destination: str | Path, *, journal: Path | None, newline: str | None = None, stdout: TextIO | None = None
) -> Iterator[TextIO]:
    """A text handle for one export: whole or absent at `destination`, never over the journal or a database."""
    if str(destination) == STDOUT:
        handle = stdout or sys.stdout
        yield handle
        handle.flush()
        return
    with text_out(destination, newline=newline, refuse=database_guard(journal)) as out:
        yield out
