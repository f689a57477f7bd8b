"""export, import and backup from the command line, including every way they can fail."""

from __future__ import annotations

import io
import json
import os
import sqlite3
from pathlib import Path

import icalendar
import pytest

from mentorlog import files
from tests.conftest import Run
from tests.test_cli import dump


@pytest.fixture
def db() -> Path:
    return Path(os.environ["MENTORLOG_DB"])


@pytest.fixture
def demo_run(run: Run, db: Path) -> Run:
    assert run("demo", "--no-tui", "--db", str(db)).code == 0
    return run


def test_export_each_format_to_stdout_and_to_a_file(demo_run: Run, tmp_path: Path) -> None:
    markdown = demo_run("export")
    assert markdown.code == 0 and markdown.out.startswith("# Mentoring journal: Maria Okafor and Jordan Lee\n")
    document = json.loads(demo_run("export", "--format", "json", "--out", "-").out)
    assert document["format"] == "mentorlog" and document["version"] == 4
    calendar = icalendar.Calendar.from_ical(demo_run("export", "--format", "ics").out)
    assert calendar.walk("VEVENT")
    target = tmp_path / "out" / "journal.md"
    target.parent.mkdir()
    result = demo_run("export", "--out", str(target), "--from", "2026-10-01", "--to", "2026-10-31")
    assert result.code == 0 and f"to {target}" in result.out
    assert "Period: 2026-10-01 to 2026-10-31" in target.read_text()
    assert target.stat().st_mode & 0o777 == 0o600, "exports hold private reflections"
    assert sorted(p.name for p in target.parent.iterdir()) == ["journal.md"]


def test_private_entries_only_when_asked(demo_run: Run) -> None:
    shared = json.loads(demo_run("export", "--format", "json").out)
    everything = json.loads(demo_run("export", "--format", "json", "--include-private").out)
    assert not any(e["private"] for e in shared["pairs"][0]["entries"])
    assert any(e["private"] for e in everything["pairs"][0]["entries"])
    assert "Private entries: 1 left out" in demo_run("export").out


def test_import_reports_and_is_idempotent(demo_run: Run, tmp_path: Path) -> None:
    exported = tmp_path / "shared.json"
    assert demo_run("export", "--format", "json", "--out", str(exported)).code == 0
    target = tmp_path / "fresh.db"
    first = demo_run("import", str(exported), "--as", "mentor", "--db", str(target))
    assert first.code == 0, first.err
    assert "entries" in first.out and " 21 " in first.out.split("entries")[1].splitlines()[0] + " "
    before = dump(target)
    again = demo_run("import", str(exported), "--as", "mentor", "--db", str(target))
    assert again.code == 0 and "0 records added or updated" in again.out
    assert dump(target) == before
    assert (
        json.loads(demo_run("export", "--format", "json", "--db", str(target)).out)["pairs"]
        == json.loads(exported.read_text())["pairs"]
    )


def test_import_from_stdin(demo_run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = demo_run("export", "--format", "json").out
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    result = demo_run("import", "-", "--db", str(tmp_path / "other.db"), "--as", "mentee")
    assert result.code == 0 and "standard input" in result.out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\xff\xfe garbage", "not UTF-8"),
        (b'{"format": "mentorlog", "version": 1, "pairs": [{"uid": ', "cut short"),
        (b'{"format": "other"}', "not a mentorlog export"),
        (b'{"format": "mentorlog", "version": 99, "pairs": []}', "newer mentorlog"),
    ],
)
def test_bad_imports_are_one_line_and_change_nothing(
    demo_run: Run, db: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    before = dump(db)
    result = demo_run("import", str(bad), "--as", "mentor")
    assert result.code == 1 and message in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert dump(db) == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "--from", "2026-02-30"], "--from: not a real date"),
        (["export", "--from", "2026-11-01", "--to", "2026-10-01"], "is after --to"),
        (["export", "--out", "/nonexistent/folder/x.md"], "cannot write /nonexistent/folder/x.md"),
        (["import", "/nonexistent.json"], "cannot read /nonexistent.json"),
        (["backup", "--keep", "0"], "--keep must be at least 1"),
        (["backup", "--out", "/nonexistent/folder/b.db"], "cannot write /nonexistent/folder/b.db"),
    ],
)
def test_exchange_errors(demo_run: Run, argv: list[str], message: str) -> None:
    result = demo_run(*argv)
    assert result.code == 1 and message in result.err and result.err.count("\n") == 1


def test_a_value_not_among_the_choices_is_a_usage_error_naming_them(demo_run: Run) -> None:
    result = demo_run("import", "x.json", "--as", "boss")
    assert result.code == 2 and "invalid choice: 'boss' (choose from 'mentor', 'mentee')" in result.err
    assert result.err.count("\n") == 1


def test_a_failed_write_leaves_nothing_behind(demo_run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "keep" / "journal.md"
    target.parent.mkdir()
    target.write_text("the old export\n")

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full_disk)
    result = demo_run("export", "--out", str(target))
    assert result.code == 1 and "No space left on device" in result.err
    assert target.read_text() == "the old export\n", "the old file is untouched"
    assert [p.name for p in target.parent.iterdir()] == ["journal.md"], "no temporary file is left"


def test_backup_is_a_consistent_copy_kept_in_rotation(demo_run: Run, db: Path, tmp_path: Path) -> None:
    names = set()
    for _ in range(3):
        result = demo_run("backup", "--keep", "2")
        assert result.code == 0, result.err
        names.add(result.out.split(" to ")[1].split(" (")[0])
    folder = db.parent / "backups"
    kept = sorted(folder.iterdir())
    assert len(names) == 3 and len(kept) == 2
    for copy in kept:
        assert copy.stat().st_mode & 0o777 == 0o600
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM entry").fetchone()[0] == 22
        conn.close()
    assert demo_run("--db", str(kept[-1]), "check").code == 0, "a backup opens as a journal"
    out = tmp_path / "exact.db"
    assert demo_run("backup", "--out", str(out)).code == 0 and out.exists()


def test_backups_are_kept_by_the_time_in_their_names_and_the_new_one_always(demo_run: Run, db: Path) -> None:
    """A clock that ran ahead left backups named (and dated) in the future: `backup --keep 3` keeps the
    one it just made, and orders the rest by the time mentorlog wrote in their names, not by mtime."""
    folder = db.parent / "backups"
    assert demo_run("backup").code == 0
    made = next(folder.iterdir())
    for n, name in enumerate(
        ("journal-20270301-090000.db", "journal-20270201-090000.db", "journal-20270101-090000.db")
    ):
        copy = folder / name
        copy.write_bytes(made.read_bytes())
        future = 1_900_000_000 - n * 86_400  # mtimes in 2030, newest on the oldest name
        os.utime(copy, (future, future))
    made.unlink()
    result = demo_run("backup", "--keep", "3")
    assert result.code == 0, result.err
    newest = Path(result.out.split(" to ")[1].split(" (")[0])
    kept = sorted(p.name for p in folder.iterdir())
    assert newest.exists(), "the backup just made is never pruned"
    assert kept == sorted([newest.name, "journal-20270301-090000.db", "journal-20270201-090000.db"])
    assert "removed 1 older" in result.out


def test_an_out_name_as_long_as_the_folder_allows_is_written(demo_run: Run, tmp_path: Path) -> None:
    for length in (236, 250, 255):
        for argv in (["export"], ["backup"]):
            target = tmp_path / ("x" * (length - 3) + ".md")
            result = demo_run(*argv, "--out", str(target))
            assert result.code == 0, (length, argv, result.err)
            assert target.exists()
            target.unlink()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_backup_while_another_connection_writes(demo_run: Run, db: Path) -> None:
    writer = sqlite3.connect(db)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE entry SET title = 'uncommitted' WHERE id = 1")
    try:
        result = demo_run("backup")
    finally:
        writer.rollback()
        writer.close()
    assert result.code == 0, result.err
    copy = next((db.parent / "backups").iterdir())
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT title FROM entry WHERE id = 1").fetchone()[0] != "uncommitted"
    conn.close()


def test_trash_and_history_travel_only_with_history(demo_run: Run, db: Path, tmp_path: Path) -> None:
    from mentorlog.db import open_journal
    from mentorlog.journal import entries, pairs

    refused = demo_run("export", "--format", "markdown", "--with-history")
    assert refused.code == 1 and "--with-history needs --format json" in refused.err and refused.out == ""
    entry_id = json.loads(demo_run("timeline", "--limit", "1", "--json").out)[0]["id"]
    journal = open_journal(db)
    with journal.write() as s:  # as the TUI edits and deletes
        pair = pairs.resolve_pair(s, None)
        entries.update_entry(s, pair, entry_id, title="Renamed on the way")
        entries.delete_entry(s, pair, entry_id)
    journal.close()
    plain, carried = tmp_path / "plain.json", tmp_path / "carried.json"
    assert demo_run("export", "--format", "json", "--out", str(plain)).code == 0
    result = demo_run("export", "--format", "json", "--with-history", "--out", str(carried))
    assert result.code == 0 and "with the trash and earlier versions" in result.out
    assert "trash" not in plain.read_text() and "Renamed on the way" in carried.read_text()

    other = tmp_path / "other.db"
    merged = demo_run("import", str(carried), "--as", "mentor", "--db", str(other))
    rows = {line.split()[0] for line in merged.out.splitlines()[2:]}
    assert merged.code == 0 and {"trash", "history"} <= rows
    plain_rows = demo_run("import", str(plain), "--as", "mentor", "--db", str(tmp_path / "third.db")).out.splitlines()[
        2:
    ]
    assert not {"trash", "history"} & {line.split()[0] for line in plain_rows}
    trash_list = demo_run("trash", "list", "--db", str(other))
    assert "Renamed on the way" in trash_list.out
    item = trash_list.out.split()[0].lstrip("#")
    assert demo_run("trash", "restore", item, "--db", str(other)).code == 0
