"""A note never lands on the wrong mentee: the default pair is one the user chose, never the last one
written to; with several pairs and none chosen nothing is guessed; every write says whose it was."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from mentorlog.cli.handlers import HANDLERS
from mentorlog.db import open_journal
from mentorlog.journal import entries, pairs
from tests.conftest import TODAY, Run

# Every command that writes to a pair, with arguments that succeed on a fresh pair of the journal below
# (goal 1, milestone 1, action item 1 and trash item 1 belong to the pair it writes to; so do milestone 4
# and action item 4, both done, and progress update 1).
WRITES: dict[tuple[str, str | None], list[str]] = {
    ("log", None): ["log", "note", "Private concern about Priya", "--private"],
    ("assess", None): ["assess", "classroom=3"],
    ("todo", "add"): ["todo", "add", "Send the seating plan"],
    ("todo", "done"): ["todo", "done", "1"],
    ("goal", "add"): ["goal", "add", "Calmer starts"],
    ("goal", "progress"): ["goal", "progress", "1", "3"],
    ("goal", "status"): ["goal", "status", "1", "paused"],
    ("goal", "milestone"): ["goal", "milestone", "1", "Plan the first week"],
    ("goal", "tick"): ["goal", "tick", "1"],
    ("goal", "edit"): ["goal", "edit", "1", "--title", "Calmer starts"],
    ("goal", "milestone-edit"): ["goal", "milestone-edit", "1", "--title", "Plan week one"],
    ("goal", "untick"): ["goal", "untick", "4"],
    ("goal", "milestone-delete"): ["goal", "milestone-delete", "1"],
    ("goal", "progress-edit"): ["goal", "progress-edit", "1", "--value", "4"],
    ("goal", "progress-delete"): ["goal", "progress-delete", "1"],
    ("todo", "edit"): ["todo", "edit", "1", "--owner", "mentor"],
    ("todo", "reopen"): ["todo", "reopen", "4"],
    ("todo", "delete"): ["todo", "delete", "1"],
    ("rubric", "add"): ["rubric", "add", "Family partnership"],
    ("rubric", "rename"): ["rubric", "rename", "1", "Classroom routines"],
    ("rubric", "group"): ["rubric", "group", "1", "The room"],
    ("rubric", "move"): ["rubric", "move", "1", "2"],
    ("rubric", "retire"): ["rubric", "retire", "9"],
    ("rubric", "describe"): ["rubric", "describe", "1", "3", "Routines run themselves"],
    ("rubric", "preset"): ["rubric", "preset", "danielson"],
    ("trash", "restore"): ["trash", "restore", "1"],
    ("trash", "empty"): ["trash", "empty"],
    ("pair", "edit"): ["pair", "edit", "--cadence", "21"],
    ("pair", "close"): ["pair", "close", "--reason", "completed", "--goals", "carried", "--items", "done"],
    ("pair", "delete"): ["pair", "delete", "--yes"],
}
# The commands that write to no one pair, or only read: each has its own tests.
NOT_A_PAIRS_WRITE = {
    ("demo", None), ("init", None), ("pairs", None), ("pair", "use"), ("status", None), ("tui", None),
    ("prep", None), ("observe", None), ("goal", None), ("goal", "list"), ("goal", "show"), ("timeline", None),
    ("show", None), ("todo", None), ("todo", "list"), ("check", None), ("export", None), ("import", None),
    ("backup", None), ("restore", None), ("trash", None), ("trash", "list"), ("pair", "show"),
    ("rubric", None), ("rubric", "list"), ("report", "hours"),
    # The user's settings, not a journal's: tests/test_config_command.py holds them.
    ("config", None), ("config", "list"), ("config", "get"), ("config", "set"),
    # Shell completion reads: tests/test_completion.py holds them.
    ("completion", None), ("__complete", None),
    # The journal file as a whole, encrypted or not: tests/test_encryption.py holds them.
    ("encrypt", None), ("decrypt", None), ("passphrase", None), ("unlock", None), ("lock", None),
    # A file's rubric: tests/test_rubric.py holds it (the file is the test's own).
    ("rubric", "load"),
    # These act on a closed or archived pair only: tests/test_pair_life.py holds them.
    ("pair", "reopen"), ("pair", "archive"), ("pair", "unarchive"),
}  # fmt: skip


def test_every_command_is_known_to_write_to_a_pair_or_not() -> None:
    """A new command that writes must join WRITES, and so these tests."""
    assert set(HANDLERS) == set(WRITES) | NOT_A_PAIRS_WRITE


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def caseload(run: Run) -> Run:
    """Three pairs, none chosen; record 1 of each kind (goal, milestone, action item, trash item) is
    the first pair's, Priya Shah's."""
    for mentee in ("Priya Shah", "Jordan Lee", "Sam Rivera"):
        assert run("init", "--mentor", "Maria Okafor", "--mentee", mentee).code == 0
    for pair in ("1", "2", "3"):
        for argv in (["goal", "add", "Faster transitions", "--milestone", "Time them"], ["todo", "add", "Try a timer"]):
            assert run("--pair", pair, *argv).code == 0
    for argv in (["goal", "milestone", "1", "Chart them"], ["goal", "tick", "4"], ["todo", "add", "Ask"],
                 ["todo", "done", "4"], ["goal", "progress", "1", "5"]):  # fmt: skip
        assert run("--pair", "1", *argv).code == 0, argv
    journal = open_journal(Path(os.environ["MENTORLOG_DB"]))
    with journal.write() as s:
        for pair_id in (1, 2, 3):
            pair = pairs.get_pair(s, pair_id)
            note = entries.add_entry(s, pair, kind="note", on=TODAY, title="To be deleted")
            entries.delete_entry(s, pair, note.id or 0)
    journal.close()
    return run


def test_with_several_pairs_and_none_chosen_every_write_is_refused_naming_them(caseload: Run) -> None:
    db = Path(os.environ["MENTORLOG_DB"])
    before = _dump(db)
    for argv in WRITES.values():
        result = caseload(*argv)
        assert result.code == 1, (argv, result.out)
        assert result.err.count("\n") == 1 and "none is chosen" in result.err, argv
        assert "#1 Maria Okafor & Priya Shah, #2 Maria Okafor & Jordan Lee, #3 Maria Okafor & Sam Rivera" in result.err
        assert "pair use" in result.err
    assert _dump(db) == before, "a refused write changed nothing"


def test_a_write_to_another_pair_never_becomes_the_default(caseload: Run) -> None:
    assert caseload("pair", "use", "Priya").code == 0
    assert caseload("--pair", "3", "todo", "add", "Check Sam's seating plan").code == 0
    logged = caseload("log", "note", "Private concern about Priya", "--private")
    assert logged.code == 0 and "for Priya Shah" in logged.out
    conn = sqlite3.connect(Path(os.environ["MENTORLOG_DB"]))
    try:
        (pair_id,) = conn.execute("SELECT pair_id FROM entry WHERE title LIKE 'Private concern%'").fetchone()
    finally:
        conn.close()
    assert pair_id == 1, "the note is Priya's, not the pair written to last"


@pytest.mark.parametrize("key", list(WRITES))
def test_every_write_names_its_pair_when_the_journal_holds_several(caseload: Run, key: tuple[str, str | None]) -> None:
    assert caseload("pair", "use", "#1").code == 0
    result = caseload(*WRITES[key])
    assert result.code == 0, (key, result.err)
    assert "Priya Shah" in result.out.splitlines()[0], result.out


def test_a_journal_of_one_pair_confirms_as_before(run_with_pair: Run) -> None:
    logged = run_with_pair("log", "note", "Just the one pair")
    assert logged.code == 0 and logged.out.startswith("Logged note #1 on ") and " for " not in logged.out


def test_pair_use_names_the_pair_and_refuses_what_it_cannot_find(caseload: Run) -> None:
    chosen = caseload("pair", "use", "Jordan")
    assert chosen.code == 0 and "#2 Maria Okafor & Jordan Lee" in chosen.out
    listed = caseload("pairs")
    assert any("Jordan Lee" in line and "(default)" in line for line in listed.out.splitlines())
    assert caseload("pair", "use", "Nobody").code == 1
    ambiguous = caseload("pair", "use", "Maria")
    assert ambiguous.code == 1 and "#1" in ambiguous.err and "#3" in ambiguous.err
    assert caseload("pair").code == 2, "pair needs an action"


@pytest.mark.parametrize("argv", [["--pair", "Nobody"], ["--pair", "Maria"], ["observe", "--pair", "9"]])
def test_the_window_is_not_opened_on_a_pair_that_cannot_be_found(
    caseload: Run, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    """`mentorlog --pair NAME` on a terminal: an unknown or ambiguous name is one line, as for every
    command, before any window opens (it was a crash from inside the TUI)."""
    import io

    from mentorlog.cli import main

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("mentorlog.cli.cmd_tui.os.isatty", lambda fd: True)
    monkeypatch.setattr("mentorlog.tui.app.MentorlogApp.run", lambda self: pytest.fail("a window opened"))
    err = io.StringIO()
    assert main(argv, out=Terminal(), err=err) == 1
    assert err.getvalue().count("\n") == 1 and "pair" in err.getvalue()
