"""Unsaved form text on disk: one draft per journal, written as you type, offered at the next start."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from mentorlog import paths
from mentorlog.exchange.atomic import atomic_text


def _key(journal: Path) -> str:
    return str(journal.resolve())


def _read() -> dict[str, Any]:
    try:
        found = json.loads(paths.drafts_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _write(drafts: dict[str, Any]) -> None:
    target = paths.drafts_path()
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with atomic_text(target) as handle:  # whole or not at all, 0600: it is private text
        json.dump(drafts, handle, ensure_ascii=False)


def save(journal: Path, spec: dict[str, Any], values: dict[str, Any]) -> None:
    drafts = _read()
    drafts[_key(journal)] = {"spec": spec, "values": values, "saved_at": dt.datetime.now(dt.UTC).isoformat()}
    _write(drafts)


def load(journal: Path) -> dict[str, Any] | None:
    found = _read().get(_key(journal))
    return found if isinstance(found, dict) and isinstance(found.get("values"), dict) else None


def clear(journal: Path) -> None:
    drafts = _read()
    if drafts.pop(_key(journal), None) is not None:
        _write(drafts)
