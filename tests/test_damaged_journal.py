"""A damaged journal is never written: once a command meets the damage, writes are refused until the user
restores a backup (or `check` finds the file sound again); `backup` of it is one line; `restore` keeps it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from mentorlog.db import damage
from tests.conftest import Run


@pytest.fixture
def db() -> Path:
    return Path(os.environ["MENTORLOG_DB"])


@pytest.fixture
def demo_run(run: Run, db: Path) -> Run:
    assert run("demo", "--no-tui", "--db", str(db)).code == 0
    return run


def leaf_pages(path: Path, table: str) -> list[int]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", (table,))
        return [page for (page,) in rows]
    finally:
        conn.close()


def damage_page(path: Path, page: int) -> None:
    """Overwrite a page's cell pointers: SQLite finds it malformed only when a query reads that page."""
    with path.open("r+b") as handle:
        handle.seek((page - 1) * 4096 + 8)
        handle.write(b"\xff" * 64)


@pytest.fixture
def damaged(demo_run: Run, db: Path) -> Path:
    """A backup, then the first of the entry table's leaves damaged: a new entry goes to the last leaf,
    so a quick capture alone would never meet the damage; `status`, which reads every entry, does."""
    assert demo_run("backup").code == 0
    damage_page(db, leaf_pages(db, "entry")[0])
    return db


def test_once_a_command_meets_damage_no_command_writes(demo_run: Run, damaged: Path) -> None:
    met = demo_run("status")
    assert met.code == 1 and "damaged" in met.err and "mentorlog restore" in met.err
    before = damaged.read_bytes()
    for argv in (
        ["log", "note", "Anything at all"],
        ["todo", "add", "One more thing"],
        ["goal", "add", "A goal"],
        ["assess", "classroom=3"],
        ["pair", "use", "1"],
    ):
        result = demo_run(*argv)
        assert result.code == 1 and result.err.count("\n") == 1, (argv, result.err)
        assert "is damaged" in result.err and "mentorlog restore BACKUP" in result.err
    assert damaged.read_bytes() == before, "not a byte was written"
    assert not any(p.name.endswith("-wal") and p.stat().st_size for p in damaged.parent.iterdir())


def test_a_backup_of_a_damaged_journal_is_one_line_and_leaves_nothing(run: Run, tmp_path: Path, db: Path) -> None:
    assert run("demo", "--no-tui", "--db", str(db)).code == 0
    damage_page(db, leaf_pages(db, "entry")[0])
    result = run("backup")
    assert result.code == 1 and result.err.count("\n") == 1 and "it is damaged" in result.err
    assert not (db.parent / "backups").exists(), "no empty backups/ folder left"
    assert run("log", "note", "x").code == 1, "a backup that met the damage refuses writes too"


def test_restore_puts_a_backup_in_place_and_keeps_the_damaged_journal(demo_run: Run, damaged: Path) -> None:
    demo_run("status")
    damaged_bytes = damaged.read_bytes()
    backup = next((damaged.parent / "backups").iterdir())
    restored = demo_run("restore", str(backup))
    assert restored.code == 0, restored.err
    kept = [p for p in damaged.parent.iterdir() if p.name.startswith("journal-damaged-") and p.suffix == ".db"]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged_bytes and f"kept at {kept[0]}" in restored.out
    assert damage.marker(kept[0]).exists() and not damage.marker(damaged).exists(), "the note went with it"
    assert damaged.stat().st_mode & 0o777 == 0o600
    logged = demo_run("log", "note", "After the restore")
    assert logged.code == 0, logged.err
    assert demo_run("check").code == 0


@pytest.mark.parametrize("what", ["itself", "not a journal", "missing", "newer"])
def test_restore_refuses_what_is_no_backup_and_changes_nothing(
    demo_run: Run, db: Path, tmp_path: Path, what: str
) -> None:
    source = {"itself": db, "missing": tmp_path / "nope.db"}.get(what, tmp_path / "other.db")
    if what == "not a journal":
        source.write_text("just notes\n")
    if what == "newer":
        conn = sqlite3.connect(source)
        conn.execute("PRAGMA application_id = 1296846663")
        conn.execute("PRAGMA user_version = 99")
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
    before = db.read_bytes()
    result = demo_run("restore", str(source))
    assert result.code == 1 and result.err.count("\n") == 1, result.err
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith("journal")) == ["journal.db"]


def test_check_finds_the_damage_and_clears_it_once_the_file_is_sound(demo_run: Run, db: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.db"
    good.write_bytes(db.read_bytes())
    damage_page(db, leaf_pages(db, "entry")[0])
    checked = demo_run("check")
    assert checked.code == 1 and "BAD  integrity" in checked.out
    assert demo_run("log", "note", "x").code == 1, "check met the damage: no writes"
    with db.open("r+b") as handle:  # the user puts a sound copy over it by hand (the same file, refilled)
        handle.write(good.read_bytes())
    assert demo_run("check").code == 0
    assert demo_run("log", "note", "x").code == 0, "check found it sound: writes again"
