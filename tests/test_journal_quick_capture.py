"""Quick capture writes exactly what the full path writes, refuses exactly what it refuses,
and steps aside (writing nothing) whenever the full path must decide."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from mentorlog.db import Journal, open_journal
from mentorlog.db.quick import connect_current
from mentorlog.errors import Invalid
from mentorlog.journal import entries, pairs
from mentorlog.journal.entry_fields import NextStep
from mentorlog.journal.quick_capture import capture
from tests.heavy_modules import heavy_after

TODAY = dt.date(2026, 11, 22)
FIXTURES = Path(__file__).parent / "fixtures"
# What differs between two writes of the same thing: identity and the moment of writing.
UNSHARED = {"uid", "created_at", "updated_at", "last_used_at"}

CASES: list[dict[str, Any]] = [
    {"kind": "note", "on": TODAY, "title": "Quick thought", "body": ""},
    {
        "kind": "session",
        "on": dt.date(2026, 11, 20),
        "title": "Debrief after the lab",
        "body": "Cafe\u0301 talk: timers\r\nworked",  # not NFC, CRLF: both paths must store the same
        "tags": ["#Labs", "labs", "timers"],
        "usefulness": 4,
        "duration_min": 45,
        "mode": "Video",
        "next_session_on": dt.date(2026, 12, 4),
        "next_steps": [NextStep("Try a timer"), NextStep("Send stems", "mentor", dt.date(2026, 11, 30))],
    },
    {
        "kind": "observation",
        "on": TODAY,
        "title": "Period 3 — العربية 🌱",
        "context": "Year 9 science",
        "strengths": ["Clear routines", "Wait time"],
        "growth_areas": ["Exit tickets"],
        "private": True,
        "author": "mentee",
        "tags": ["obs"],
    },
    {"kind": "reflection", "on": TODAY, "title": "I felt calmer", "confidence": 3, "tags": ["timers"]},
]


def _new_journal(path: Path) -> Journal:
    journal = open_journal(path, create=True)
    with journal.write() as s:
        pairs.create_pair(s, mentor="Ana Lopez", mentee="Sam Rivera", today=TODAY, started_on=TODAY)
    return journal


def _quick(path: Path, pair_ref: str | None = None, **wanted: Any) -> Any:
    connection = connect_current(path)
    assert connection is not None
    try:
        return capture(connection, pair_ref, **wanted)
    finally:
        connection.close()


def _rows(path: Path) -> dict[str, list[dict[str, Any]]]:
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    tables = ("entry", "tag", "entry_tag", "action_item", "revision", "entry_fts")
    try:
        found = {t: [dict(r) for r in connection.execute(f"SELECT * FROM {t} ORDER BY rowid")] for t in tables}
        found["entry_fts"] = [dict(r) for r in connection.execute("SELECT rowid, title, body FROM entry_fts")]
        found["pair"] = [dict(r) for r in connection.execute("SELECT * FROM pair")]
    finally:
        connection.close()
    return {t: [{k: v for k, v in row.items() if k not in UNSHARED} for row in rows] for t, rows in found.items()}


def test_quick_capture_stores_the_rows_the_full_path_stores(tmp_path: Path) -> None:
    full, quick = _new_journal(tmp_path / "full.db"), _new_journal(tmp_path / "quick.db")
    full.close()
    quick.close()
    for case in CASES:
        with full.write() as s:
            pair = pairs.resolve_pair(s, None)
            pairs.mark_used(s, pair)
            entries.add_entry(s, pair, **case)
        captured = _quick(quick.path, **case)
        assert captured is not None and captured.kind == case["kind"]
        assert captured.actions == len(case.get("next_steps", []))
    full.close()
    expected, got = _rows(full.path), _rows(quick.path)
    assert got == expected
    assert len(got["entry"]) == len(CASES) and got["revision"] == []
    assert got["entry"][1]["body"] == "Caf\u00e9 talk: timers\nworked"
    with sqlite3.connect(quick.path) as connection:
        stamps = connection.execute("SELECT created_at, updated_at FROM entry").fetchall()
        assert all(c == u and c.endswith("+00:00") for c, u in stamps)
        assert connection.execute("SELECT last_used_at FROM pair").fetchone()[0] is not None


def test_quick_capture_marks_the_pair_used_and_reads_back_through_the_orm(tmp_path: Path) -> None:
    journal = _new_journal(tmp_path / "j.db")
    with journal.write() as s:
        second = pairs.create_pair(s, mentor="Bo Chen", mentee="Kim Park", today=TODAY, started_on=TODAY)
    captured = _quick(journal.path, str(second.id), **CASES[1])
    assert captured is not None
    with journal.read() as s:
        assert pairs.resolve_pair(s, None).id == second.id  # now the last used
        view = entries.get_entry(s, second, captured.id)
    assert view.tags == ["labs", "timers"]
    assert [(a.text, a.owner, a.due_on) for a in view.actions] == [
        ("Try a timer", "mentee", dt.date(2026, 12, 4)),
        ("Send stems", "mentor", dt.date(2026, 11, 30)),
    ]
    assert view.entry.on == dt.date(2026, 11, 20) and view.entry.mode == "video"
    journal.close()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": "  "}, "title must not be empty"),
        ({"title": "two\nlines"}, "title must be one line"),
        ({"body": "bell\x07"}, "control character"),
        ({"confidence": 9, "kind": "reflection"}, "confidence must be a whole number from 1 to 5"),
        ({"next_steps": [NextStep("x")]}, "only a session creates action items"),
        ({"tags": ["two words"]}, "a tag is one word"),
        ({"author": "parent"}, "author must be one of"),
    ],
)
def test_quick_capture_refuses_what_the_full_path_refuses(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    journal = _new_journal(tmp_path / "j.db")
    wanted = {"kind": "note", "on": TODAY, "title": "Fine", **change}
    with pytest.raises(Invalid, match=message) as full_error, journal.write() as s:
        entries.add_entry(s, pairs.resolve_pair(s, None), **wanted)
    with pytest.raises(Invalid) as quick_error:
        _quick(journal.path, **wanted)
    assert str(quick_error.value) == str(full_error.value)
    assert _rows(journal.path)["entry"] == []
    journal.close()


@pytest.mark.parametrize("ref", ["Sam", "99", "#99", "9" * 30])
def test_a_pair_by_name_or_an_unknown_number_is_left_to_the_full_path(tmp_path: Path, ref: str) -> None:
    journal = _new_journal(tmp_path / "j.db")
    before = _rows(journal.path)
    assert _quick(journal.path, ref, kind="note", on=TODAY, title="x") is None
    assert _rows(journal.path) == before
    journal.close()


def test_only_a_current_journal_is_opened_the_quick_way(tmp_path: Path) -> None:
    import gzip

    assert connect_current(tmp_path / "missing.db") is None
    (tmp_path / "empty.db").write_bytes(b"")
    assert connect_current(tmp_path / "empty.db") is None
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    assert connect_current(other) is None
    old = tmp_path / "v1.db"
    old.write_bytes(gzip.decompress((FIXTURES / "journal-v1.db.gz").read_bytes()))
    assert connect_current(old) is None
    assert old.read_bytes() == gzip.decompress((FIXTURES / "journal-v1.db.gz").read_bytes())


def test_the_cli_falls_back_for_goal_links_a_named_pair_and_an_old_file(tmp_path: Path, run: Any) -> None:
    import gzip

    db = str(tmp_path / "cli.db")
    assert run("--db", db, "init", "--mentor", "Ana Lopez", "--mentee", "Sam Rivera").code == 0
    assert run("--db", db, "goal", "add", "Calmer transitions").code == 0
    linked = run("--db", db, "log", "note", "Evidence for it", "--goal", "1", "--pair", "Sam")
    assert linked.code == 0, linked.err
    assert "Evidence for: #1 Calmer transitions" in run("--db", db, "show", "1").out
    old = tmp_path / "v1.db"
    old.write_bytes(gzip.decompress((FIXTURES / "journal-v1.db.gz").read_bytes()))
    migrated = run("--db", str(old), "log", "note", "After the upgrade")
    assert migrated.code == 0 and "upgraded" in migrated.err


def test_quick_capture_loads_neither_sqlalchemy_nor_textual(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    _new_journal(db).close()
    argv = ["--db", str(db), "log", "session", "Quick one", "--todo", "try", "--tag", "x"]
    assert heavy_after(argv) == ([0], [])


def test_a_pair_number_beyond_sqlite_integers_is_not_found(tmp_path: Path, run: Any) -> None:
    db = str(tmp_path / "cli.db")
    assert run("--db", db, "init", "--mentor", "Ana Lopez", "--mentee", "Sam Rivera").code == 0
    for huge in ("9223372036854775808", "9" * 40):
        result = run("--db", db, "log", "note", "x", "--pair", huge)
        assert (result.code, result.err.strip()) == (1, f"mentorlog: no pair #{huge} (see 'mentorlog pairs')")
