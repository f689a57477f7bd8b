"""The migration runner: backup first, all steps in one transaction, rollback on failure."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest

from mentorlog.db import migrations, open_journal, schema
from mentorlog.errors import JournalRefused
from mentorlog.journal import entries, pairs

TODAY = dt.date(2026, 11, 22)
NOW = schema.SCHEMA_VERSION  # what a new file is; the tests migrate it to NOW + 1 and NOW + 2


def v1_journal(path: Path) -> None:
    journal = open_journal(path, create=True)
    with journal.write() as s:
        pair = pairs.create_pair(s, mentor="Ana", mentee="Sam", today=TODAY)
        for n in range(5):
            entries.add_entry(s, pair, kind="note", on=TODAY, title=f"note {n}", body="kept across migrations")
    journal.close()


def dump(path: Path) -> str:
    """Every schema object and row, as SQL: equal dumps mean equal contents."""
    conn = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def add_mood_column(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE entry ADD COLUMN mood TEXT NOT NULL DEFAULT ''")
    conn.execute("UPDATE entry SET mood = 'calm'")


def broken_step(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE entry ADD COLUMN mood TEXT")
    conn.execute("UPDATE entry SET title = NULL")  # NOT NULL: fails halfway through the step


def test_opening_an_older_file_backs_it_up_then_migrates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "journal.db"
    v1_journal(path)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", NOW + 1)
    monkeypatch.setitem(migrations.MIGRATIONS, NOW + 1, add_mood_column)

    journal = open_journal(path)
    assert journal.migrated_from == NOW
    assert journal.backup is not None and journal.backup.exists()
    assert stat.S_IMODE(journal.backup.stat().st_mode) == 0o600
    journal.close()

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == NOW + 1
    assert conn.execute("SELECT count(*), min(mood) FROM entry").fetchone() == (5, "calm")
    conn.close()
    backup = sqlite3.connect(journal.backup)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == NOW
    assert backup.execute("SELECT count(*) FROM entry").fetchone()[0] == 5
    backup.close()
    # A second open finds nothing to do.
    again = open_journal(path)
    assert again.migrated_from is None
    again.close()


def test_a_failed_migration_leaves_the_file_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "journal.db"
    v1_journal(path)
    before = dump(path)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", NOW + 1)
    monkeypatch.setitem(migrations.MIGRATIONS, NOW + 1, broken_step)

    with pytest.raises(JournalRefused, match=f"migration to schema v{NOW + 1} failed") as caught:
        open_journal(path)
    assert "backup at" in str(caught.value)

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == NOW
    conn.close()
    assert dump(path) == before


def test_a_missing_step_refuses_without_touching_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "journal.db"
    v1_journal(path)
    before = path.read_bytes()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", NOW + 2)
    monkeypatch.setitem(migrations.MIGRATIONS, NOW + 2, add_mood_column)
    monkeypatch.delitem(migrations.MIGRATIONS, NOW + 1, raising=False)
    with pytest.raises(JournalRefused, match=f"no migration to schema v{NOW + 1}"):
        open_journal(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.bak"))
