"""Quick capture (`mentorlog log` and journal.entries.add_entry under it): what it stores, what it
refuses (writing nothing), which journals it writes to, and what it loads to do so."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from mentorlog.db import Journal, open_journal
from mentorlog.errors import Invalid, NotFound
from mentorlog.journal import entries, pairs
from mentorlog.journal.entry_fields import NextStep
from tests.heavy_modules import heavy_after

TODAY = dt.date(2026, 11, 22)
FIXTURES = Path(__file__).parent / "fixtures"
# What differs between two writes of the same thing: identity and the moment of writing.
UNSHARED = {"uid", "created_at", "updated_at", "chosen_at"}

CASES: list[dict[str, Any]] = [
    {"kind": "note", "on": TODAY, "title": "Quick thought", "body": ""},
    {
        "kind": "session",
        "on": dt.date(2026, 11, 20),
        "title": "Debrief after the lab",
        "body": "Cafe\u0301 talk: timers\r\nworked",  # not NFC, CRLF: stored NFC, with newlines
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


def test_an_entry_is_stored_checked_normalised_and_searchable(tmp_path: Path) -> None:
    journal = _new_journal(tmp_path / "j.db")
    pair = pairs.resolve_pair(journal.connection, None)
    for case in CASES:
        written = entries.add_entry(journal.connection, pair, **case)
        assert written.kind == case["kind"] and written.on == case["on"]
    journal.close()
    got = _rows(journal.path)
    assert [e["title"] for e in got["entry"]] == [c["title"] for c in CASES]
    assert got["entry"][1]["body"] == "Caf\u00e9 talk: timers\nworked"
    assert (
        got["entry"][1]["mode"] == "video" and got["entry"][2]["private"] == 1 and got["entry"][2]["author"] == "mentee"
    )
    assert got["entry"][2]["strengths"] == '["Clear routines", "Wait time"]' and got["entry"][0]["strengths"] == "[]"
    assert got["entry"][0]["mode"] is None and got["entry"][0]["rater"] is None, "a field of another kind is empty"
    assert [t["name"] for t in got["tag"]] == ["labs", "timers", "obs"]
    assert [(a["text"], a["owner"], a["due_on"], a["private"]) for a in got["action_item"]] == [
        ("Try a timer", "mentee", "2026-12-04", 0), ("Send stems", "mentor", "2026-11-30", 0),
    ]  # fmt: skip
    assert got["revision"] == [], "writing an entry is no edit"
    assert [row["title"] for row in got["entry_fts"]] == [c["title"] for c in CASES]
    with sqlite3.connect(journal.path) as connection:
        stamps = connection.execute("SELECT created_at, updated_at FROM entry").fetchall()
        assert all(c == u and c.endswith("+00:00") for c, u in stamps)
        assert connection.execute("SELECT chosen_at FROM pair").fetchone()[0] is None, "writing chooses no pair"


def test_an_entry_reads_back_and_never_makes_its_pair_the_default(tmp_path: Path) -> None:
    journal = _new_journal(tmp_path / "j.db")
    second = pairs.create_pair(journal.connection, mentor="Bo Chen", mentee="Kim Park", today=TODAY, started_on=TODAY)
    first = pairs.resolve_pair(journal.connection, "1")
    pairs.choose_pair(journal.connection, "1")
    written = entries.add_entry(journal.connection, second, **CASES[1])
    assert pairs.resolve_pair(journal.connection, None).id == first.id, "a write is no choice"
    view = entries.get_entry(journal.connection, second, written.id or 0)
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
def test_a_refused_entry_writes_nothing(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    journal = _new_journal(tmp_path / "j.db")
    before = _rows(journal.path)
    wanted = {"kind": "note", "on": TODAY, "title": "Fine", **change}
    with pytest.raises(Invalid, match=message):
        entries.add_entry(journal.connection, pairs.resolve_pair(journal.connection, None), **wanted)
    assert _rows(journal.path) == before
    journal.close()


@pytest.mark.parametrize(
    ("ref", "found"), [("Sam", True), ("#1", True), ("99", False), ("#99", False), ("9" * 30, False)]
)
def test_a_pair_is_named_by_number_or_name(tmp_path: Path, ref: str, found: bool) -> None:
    journal = _new_journal(tmp_path / "j.db")
    if found:
        assert pairs.resolve_pair(journal.connection, ref).mentee_name == "Sam Rivera"
    else:
        with pytest.raises(NotFound, match="no pair #"):
            pairs.resolve_pair(journal.connection, ref)
    journal.close()


def test_only_a_journal_is_written_to(tmp_path: Path, run: Any) -> None:

    missing = run("--db", str(tmp_path / "missing.db"), "log", "note", "x")
    assert missing.code == 1 and "no journal at" in missing.err and not (tmp_path / "missing.db").exists()
    for name, content in (("empty.db", b""), ("notes.txt", b"my own notes\n")):
        (tmp_path / name).write_bytes(content)
        refused = run("--db", str(tmp_path / name), "log", "note", "x")
        assert refused.code == 1 and (tmp_path / name).read_bytes() == content, refused.err
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    before = other.read_bytes()
    assert run("--db", str(other), "log", "note", "x").code == 1 and other.read_bytes() == before


def test_goal_links_a_named_pair_and_an_older_file(tmp_path: Path, run: Any) -> None:
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
        assert (result.code, result.err.strip()) == (1, f"mentorlog: no pair #{huge} (see 'mentorlog pairs --all')")
