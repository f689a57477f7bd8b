"""Unsaved form text on disk: one draft per pair of a journal, written as you type, offered when that
pair is next opened (a draft of Priya's note never comes back in Jordan's pair)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorlog import paths
from mentorlog.state_files import read_entry, write_entry

if TYPE_CHECKING:
    from mentorlog.db import Journal


def _key(journal: Path, pair_uid: str | None) -> str:
    place = str(journal.resolve())
    return place if pair_uid is None else f"{place}#{pair_uid}"


def save(journal: Journal, pair_uid: str, spec: dict[str, Any], values: dict[str, Any]) -> None:
    """Keep the form's text (sealed with an encrypted journal's key: never in the clear on disk)."""
    draft = {"spec": spec, "values": values, "saved_at": dt.datetime.now(dt.UTC).isoformat()}
    write_entry(paths.drafts_path(), _key(journal.path, pair_uid), draft, journal.sealing)


def load(journal: Journal, pair_uid: str) -> dict[str, Any] | None:
    """The pair's draft (or one kept before drafts were a pair's, by the journal alone)."""
    where = paths.drafts_path()
    found = read_entry(where, _key(journal.path, pair_uid), journal.sealing) or read_entry(
        where, _key(journal.path, None), journal.sealing
    )
    return found if isinstance(found, dict) and isinstance(found.get("values"), dict) else None


def clear(journal: Journal, pair_uid: str) -> None:
    for key in (_key(journal.path, pair_uid), _key(journal.path, None)):
        write_entry(paths.drafts_path(), key, None, None)


def describe(found: dict[str, Any]) -> str:
    """What a draft holds, in words a user recognises: `the session entry “Debrief of the lab” with 2 lines
    of notes`, so what is about to be thrown away is named before it goes."""
    from mentorlog.words import plural

    spec = found.get("spec") or {}
    entry = spec.get("form") == "entry"
    what = f"{spec.get('kind', 'entry')} entry" if entry else "goal"
    values = found.get("values") or {}
    title = str(values.get("title") or "").strip()
    named = f" “{title[:60]}{'…' if len(title) > 60 else ''}”" if title else " (untitled)"
    notes = [line for line in str(values.get("body" if entry else "specific") or "").splitlines() if line.strip()]
    return f"the {what}{named}" + (f" with {plural(len(notes), 'line')} of notes" if notes else "")
