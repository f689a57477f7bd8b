"""Small JSON maps in the state directory (form drafts, live observations), one entry per journal.

An encrypted journal's entries are sealed with its key (db.keywrap.Sealing): no text of one is here in
the clear. Each is rewritten whole through a temporary file (0600, fsynced, renamed), so a kill
at any moment leaves the old map or the new one; a file that cannot be read is empty.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any, Protocol

from mentorlog.files import private_folder, text_out

SEALED = "sealed"


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


class Sealing(Protocol):
    """How an encrypted journal's state is sealed (db.keywrap.Sealing): bound to where it is kept."""

    def seal(self, data: bytes, where: str) -> bytes: ...

    def unseal(self, sealed: bytes, where: str) -> bytes | None: ...


def read_entry(path: Path, key: str, sealing: Sealing | None) -> Any:
    """The entry `key` of the map at `path`: an encrypted journal's (`sealing`) is unsealed, and one that is
    not sealed is not believed (nor is a sealed one read without the key)."""
    found = read_map(path).get(key)
    sealed = found.get(SEALED) if isinstance(found, dict) and set(found) == {SEALED} else None
    if sealing is None:
        return None if sealed is not None else found
    if not isinstance(sealed, str):
        return None
    try:
        data = sealing.unseal(base64.b64decode(sealed, validate=True), key)
        return None if data is None else json.loads(data)
    except (ValueError, TypeError):
        return None


def write_entry(path: Path, key: str, value: Any, sealing: Sealing | None) -> None:
    """Set (None: remove) the entry `key` of the map at `path`, sealed for an encrypted journal."""
    found = read_map(path)
    if value is None:
        if found.pop(key, None) is None:
            return
    elif sealing is None:
        found[key] = value
    else:
        data = json.dumps(value, ensure_ascii=False).encode("utf-8")
        found[key] = {SEALED: base64.b64encode(sealing.seal(data, key)).decode("ascii")}
    write_map(path, found)


def reseal(journal: Path, before: Sealing | None, after: Sealing | None) -> None:
    """The drafts and live observation of the journal at `journal` (resolved) kept anew: sealed when it has
    been encrypted (`after`), opened when it has been decrypted (`before`)."""
    from mentorlog import paths

    prefix = str(journal)
    for path in (paths.drafts_path(), paths.observations_path()):
        keys = [key for key in read_map(path) if key == prefix or key.startswith(f"{prefix}#")]
        for key in keys:
            write_entry(path, key, read_entry(path, key, before), after)
