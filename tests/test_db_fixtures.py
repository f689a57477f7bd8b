"""Every released schema version opens: migrated if older, every record kept, the original backed up."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mentorlog import files
from mentorlog.db import migrations, open_journal, schema
from mentorlog.db.integrity import check_journal
from mentorlog.errors import JournalRefused
from mentorlog.exchange.json_export import to_document
from mentorlog.exchange.options import ExportOptions
from mentorlog.journal import pairs, trash
from tests.conftest import TODAY

FIXTURES = Path(__file__).parent / "fixtures"
# What each fixture holds; a migration may add tables, never lose a row of these.
COUNTS = {
    1: {
        "pair": 1, "competency": 9, "goal": 6, "milestone": 4, "progress_update": 12, "entry": 22,
        "rating": 36, "action_item": 19, "tag": 4, "entry_tag": 12, "entry_goal": 6,
    },
    2: {
        "pair": 1, "competency": 9, "goal": 6, "milestone": 4, "progress_update": 12, "entry": 22,
        "rating": 36, "action_item": 18, "tag": 4, "entry_tag": 12, "entry_goal": 6,
        "trash_item": 1, "revision": 19,
    },
    3: {
        "pair": 1, "competency": 9, "goal": 6, "milestone": 4, "progress_update": 12, "entry": 23,
        "rating": 36, "action_item": 19, "tag": 4, "entry_tag": 12, "entry_goal": 6,
        "trash_item": 1, "revision": 19,
    },
    4: {
        "pair": 1, "competency": 9, "goal": 6, "milestone": 4, "progress_update": 12, "entry": 23,
        "rating": 36, "action_item": 19, "tag": 4, "entry_tag": 12, "entry_goal": 6,
        "trash_item": 1, "revision": 19,
    },
    5: {
        "pair": 1, "competency": 9, "goal": 6, "milestone": 4, "progress_update": 12, "entry": 23,
        "rating": 36, "action_item": 19, "tag": 4, "entry_tag": 12, "entry_goal": 6,
        "trash_item": 1, "revision": 19,
    },
    6: {
        "pair": 1, "competency": 9, "goal": 6, "milestone": 4, "progress_update": 12, "entry": 23,
        "rating": 36, "action_item": 19, "tag": 4, "entry_tag": 12, "entry_goal": 6,
        "trash_item": 1, "revision": 19,
    },
    7: {
        "pair": 1, "competency": 9, "goal": 6, "milestone": 4, "progress_update": 12, "entry": 23,
        "rating": 36, "action_item": 19, "tag": 4, "entry_tag": 12, "entry_goal": 6,
        "trash_item": 1, "revision": 19,
    },
    8: {
        "pair": 1, "competency": 9, "goal": 6, "milestone": 4, "progress_update": 12, "entry": 23,
        "rating": 36, "action_item": 19, "tag": 4, "entry_tag": 12, "entry_goal": 6,
        "trash_item": 1, "revision": 19,
    },
}  # fmt: skip


def unpack(version: int, folder: Path) -> Path:
    path = folder / f"journal-v{version}.db"
    path.write_bytes(gzip.decompress((FIXTURES / f"journal-v{version}.db.gz").read_bytes()))
    path.chmod(0o600)
    return path


def counts(path: Path, version: int) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in COUNTS[version]}
    finally:
        conn.close()


def _user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def test_there_is_a_fixture_for_every_released_version() -> None:
    assert sorted(COUNTS) == list(range(1, schema.SCHEMA_VERSION + 1))
    for version in COUNTS:
        assert (FIXTURES / f"journal-v{version}.db.gz").exists()


@pytest.mark.parametrize("version", sorted(COUNTS))
def test_each_released_version_opens_with_every_record(version: int, tmp_path: Path) -> None:
    path = unpack(version, tmp_path)
    journal = open_journal(path)
    try:
        if version < schema.SCHEMA_VERSION:
            assert journal.migrated_from == version
            assert journal.backup is not None and counts(journal.backup, version) == COUNTS[version]
            assert _user_version(journal.backup) == version
        else:
            assert journal.migrated_from is None
        assert all(f.ok for f in check_journal(journal.found)), [
            f.what for f in check_journal(journal.found) if not f.ok
        ]
        with journal.read() as s:
            pair = pairs.resolve_pair(s, None)
            document = to_document(s, ExportOptions(pair, TODAY))
        assert pair.label == "Maria Okafor & Jordan Lee"
        private = 2 if version >= 3 else 1  # v3 adds a private session
        assert len(document["pairs"][0]["entries"]) == COUNTS[version]["entry"] - private
        with journal.read() as s:
            assert len(trash.list_trash(s, pair)) == COUNTS[version].get("trash_item", 0)
    finally:
        journal.close()
    assert counts(path, version) == COUNTS[version]


def test_a_migrated_file_has_the_schema_of_a_new_one(tmp_path: Path) -> None:
    def objects(path: Path) -> set[tuple[str, str]]:
        conn = sqlite3.connect(path)
        try:
            rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall()
        finally:
            conn.close()
        return {(kind, " ".join(sql.replace("(", " ( ").replace(")", " ) ").replace(",", " , ").split()))
                for kind, _name, sql in rows}  # fmt: skip

    old = unpack(1, tmp_path)
    open_journal(old).close()
    new = tmp_path / "new.db"
    open_journal(new, create=True).close()
    assert objects(old) == objects(new)


def test_a_failed_migration_of_the_oldest_fixture_leaves_it_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = unpack(1, tmp_path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    target = schema.SCHEMA_VERSION + 1

    def fails_halfway(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        conn.execute("UPDATE entry SET title = NULL")  # NOT NULL: the step fails after changing things

    monkeypatch.setattr(schema, "SCHEMA_VERSION", target)
    for step in range(2, target):
        monkeypatch.setitem(migrations.MIGRATIONS, step, migrations.MIGRATIONS.get(step, lambda conn: None))
    monkeypatch.setitem(migrations.MIGRATIONS, target, fails_halfway)
    with pytest.raises(JournalRefused, match=f"migration to schema v{target} failed"):
        open_journal(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert counts(path, 1) == COUNTS[1]


def test_a_broken_leftover_backup_is_never_in_the_way(tmp_path: Path) -> None:
    """A kill just after the pre-upgrade backup appeared used to leave a 0-byte .bak that blocked every start."""
    path = unpack(1, tmp_path)
    now = dt.datetime.now(dt.UTC)
    for second in range(0, 8):  # whatever name this upgrade picks, a broken file of that name is there already
        migrations.backup_path(path, 1, now + dt.timedelta(seconds=second)).write_bytes(b"")
    dead = 2**22 + 4321
    half = path.parent / f".{path.name}.{dead}.0badc0de{files.PART}"
    half.write_bytes(b"SQLite format 3\x00 cut short")
    journal = open_journal(path)
    try:
        assert journal.migrated_from == 1 and journal.backup is not None
        assert counts(journal.backup, 1) == COUNTS[1], "the backup it took is whole"
    finally:
        journal.close()
    assert not half.exists(), "what a killed copy left is cleared away"


def test_an_upgrade_killed_at_any_moment_never_blocks_the_next(tmp_path: Path) -> None:
    """SIGKILL while the backup is being made, at a moment after it first shows: the next run upgrades."""
    root = Path(__file__).resolve().parents[1]
    for attempt, delay in enumerate((0.0, 0.0005, 0.001, 0.002, 0.005, 0.01)):
        folder = tmp_path / f"try{attempt}"
        folder.mkdir()
        path = unpack(1, folder)
        child = subprocess.Popen(
            [sys.executable, "-c", "import sys; from mentorlog.db import open_journal; open_journal(sys.argv[1])",
             str(path)],
            cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while child.poll() is None and time.monotonic() < deadline:
            if any(p.name != path.name for p in folder.iterdir()):
                time.sleep(delay)
                child.kill()
                break
        child.wait()
        journal = open_journal(path)
        try:
            assert _user_version(path) == schema.SCHEMA_VERSION
        finally:
            journal.close()
        backups = sorted(folder.glob("*.bak"))
        assert backups and all(counts(b, 1) == COUNTS[1] for b in backups), "every file named a backup is whole"
        assert not [p for p in folder.iterdir() if files.PART in p.name]
