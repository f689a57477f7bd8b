"""Small JSON maps in the state directory (form drafts, live observations), one entry per journal.

Each is rewritten whole through a temporary file (0600, fsynced, renamed), so a kill
at any moment leaves the old map or the new one; a file that cannot be read is empty.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mentorlog.files import private_folder, text_out


def read_map(path: Path) -> dict[str, Any]:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def write_map(path: Path, found: dict[str, Any]) -> None:
    private_folder(path.parent)
    with text_out(path) as handle:  # whole or not at all, 0600: it is private text
        json.dump(found, handle, ensure_ascii=False)
