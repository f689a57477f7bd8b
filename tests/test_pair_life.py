"""A pairing's life from the command line: edited (the agreement keeps its versions), closed with its
closing and read-only until reopened, archived, deleted whole and restored; no accidental twins; group
sessions; the caseload and your promises across pairs; every refusal one line that changes nothing."""

from __future__ import annotations

import inspect
import json
import os
import sqlite3
from pathlib import Path

import pytest

import mentorlog.journal
from tests.conftest import Run
from tests.test_cli import dump


@pytest.fixture
def db() -> Path:
    return Path(os.environ["MENTORLOG_DB"])


@pytest.fixture
def three(run: Run) -> Run:
    """Maria's three mentees; Priya's pair chosen; a goal, an open item of each person, a session."""
    for mentee in ("Priya Shah", "Lena Park", "Omar Haddad"):
        assert run("init", "--mentor", "Maria Okafor", "--mentee", mentee, "--started", "2026-09-01").code == 0
    assert run("pair", "use", "Priya").code == 0
    assert run("goal", "add", "Calmer starts", "--target", "3").code == 0
    assert run("todo", "add", "Try a timer", "--due", "2026-11-01").code == 0
    assert run("todo", "add", "Send the seating plan", "--owner", "mentor", "--due", "2026-11-10").code == 0
    assert run("log", "session", "Planning", "--on", "2026-11-02", "--duration", "45").code == 0
    assert run("assess", "classroom=2", "--rater", "self").code == 0
    assert run("assess", "classroom=3", "--rater", "mentor").code == 0
    return run


def test_every_write_of_the_journal_to_a_pair_is_refused_for_a_closed_one() -> None:
    """journal.pair_writes.pair_action guards every user action that takes a pair; the few that may act on
    a closed pair say why."""
    allowed = {"reopen_pair", "archive_pair", "delete_pair", "restore", "empty", "choose_pair",
               "add_group_session"}  # fmt: skip
    unguarded = []
    for module_info in __import__("pkgutil").iter_modules(mentorlog.journal.__path__):
        module = __import__(f"mentorlog.journal.{module_info.name}", fromlist=["_"])
        for name, function in vars(module).items():
            if not getattr(function, "one_action", False) or function.__module__ != module.__name__:
                continue
            params = list(inspect.signature(function).parameters)
            if len(params) > 1 and params[1] == "pair" and not getattr(function, "writes_to_pair", False):
                unguarded.append(f"{module.__name__}.{name}")
    assert set(n.rsplit(".", 1)[1] for n in unguarded) <= allowed, unguarded


def test_the_agreement_is_edited_from_stdin_and_keeps_its_versions(three: Run, db: Path) -> None:
    first = three("pair", "edit", "--agreement", "-", stdin="We meet every other Tuesday.\nKind, specific feedback.\n")
    assert first.code == 0, first.err
    assert three("pair", "edit", "--agreement", "Weekly now.", "--cadence", "7").code == 0
    shown = json.loads(three("pair", "show", "--json").out)
    assert shown["agreement"] == "Weekly now." and shown["cadence_days"] == 7
    text = three("pair", "show").out
    assert "Weekly now." in text and "a session every 7 days" in text
    conn = sqlite3.connect(db)
    try:
        kept = [json.loads(p)["agreement"] for (p,) in conn.execute(
            "SELECT payload FROM revision WHERE kind = 'pair' ORDER BY id")]  # fmt: skip
    finally:
        conn.close()
    assert kept == ["", "We meet every other Tuesday.\nKind, specific feedback."]


def test_closing_links_the_final_assessments_settles_goals_and_items_and_makes_the_pair_read_only(
    three: Run, db: Path
) -> None:
    before = dump(db)
    refused = three("pair", "close", "--reason", "moved")
    assert refused.code == 1 and "say what becomes of" in refused.err and "#1 Calmer starts" in refused.err
    assert dump(db) == before, "nothing closed half way"
    closed = three("pair", "close", "--reason", "moved", "--on", "2026-11-20", "--goals", "dropped", "--items", "done",
                   "--note", "Routines that hold", "--next", "Keep the exit tickets")  # fmt: skip
    assert closed.code == 0, closed.err
    assert "Closed pair #1" in closed.out and "(moved)" in closed.out and "1 dropped" in closed.out
    assert "final assessments: #2, #3" in closed.out and "closing reflection #4" in closed.out
    for argv in (["log", "note", "after"], ["todo", "add", "x"], ["goal", "add", "y"],
                 ["pair", "edit", "--cadence", "9"], ["assess", "classroom=3"],
                 ["pair", "close", "--reason", "other"]):  # fmt: skip
        result = three(*argv)
        assert result.code == 1 and "is closed" in result.err and "pair reopen" in result.err, argv
    shown = json.loads(three("pair", "show", "--json").out)
    assert shown["ended_on"] == "2026-11-20" and shown["end_reason"] == "moved"
    markdown = three("export").out
    assert "## Closing" in markdown and "Routines that hold" in markdown and "moved school" in markdown
    assert three("pair", "archive").code == 0
    listed = three("pairs").out
    assert "Priya" not in listed and "Lena Park" in listed
    assert "Priya Shah" in three("pairs", "--all").out
    assert three("pair", "reopen").code == 0
    assert three("log", "note", "Back again").code == 0


def test_a_pair_deleted_to_the_trash_comes_back_whole(three: Run, db: Path) -> None:
    before = dump(db)
    asked = three("pair", "delete")
    assert asked.code == 1 and "--yes" in asked.err and dump(db) == before
    deleted = three("pair", "delete", "--yes")
    assert deleted.code == 0 and "1 goal, 3 entries and 2 action items" in deleted.out
    assert "Priya" not in three("pairs", "--all").out
    assert three("--pair", "Priya", "status").code == 1
    listed = three("--pair", "Lena", "trash", "list").out
    trash_id = next(line.split()[0].lstrip("#") for line in listed.splitlines() if "Priya" in line)
    restored = three("--pair", "Lena", "trash", "restore", trash_id)
    assert restored.code == 0 and "Restored the pair Maria Okafor & Priya Shah" in restored.out
    assert dump(db).count("Calmer starts") == before.count("Calmer starts")
    assert three("--pair", "Priya", "todo", "list").out.count("\n") == 2


@pytest.mark.parametrize(
    "names", [("maria okafor", "PRIYA SHAH"), ("Maria  Okafor", "Priya Sháh"), ("MARIA OKAFOR ", "priya shah")]
)
def test_no_accidental_twins(three: Run, db: Path, names: tuple[str, str]) -> None:
    before = dump(db)
    twin = three("init", "--mentor", names[0], "--mentee", names[1])
    assert twin.code == 1 and twin.err.count("\n") == 1 and "pair #1" in twin.err and "--new" in twin.err
    assert dump(db) == before
    assert three("init", "--mentor", names[0], "--mentee", names[1], "--new").code == 0


def test_a_group_session_is_one_entry_in_each_pair(three: Run, db: Path) -> None:
    logged = three("log", "session", "Exit tickets together", "--with", "Lena", "--with", "Omar", "--duration", "60",
                   "--todo", "Try one exit ticket")  # fmt: skip
    assert logged.code == 0, logged.err
    assert "with Priya Shah, Lena Park and Omar Haddad" in logged.out
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT pair_id, group_uid, duration_min FROM entry WHERE title LIKE 'Exit tickets%'"
                            " ORDER BY pair_id").fetchall()  # fmt: skip
        items = conn.execute("SELECT pair_id FROM action_item WHERE text = 'Try one exit ticket' ORDER BY pair_id")
        owners = [pair for (pair,) in items]
    finally:
        conn.close()
    assert [r[0] for r in rows] == [1, 2, 3] and len({r[1] for r in rows}) == 1 and rows[0][1]
    assert owners == [1, 2, 3], "each pair's action item is its own"
    timeline = three("--pair", "Lena", "timeline").out
    assert "[group session with Priya Shah and Omar Haddad]" in timeline
    minutes = json.loads(three("pairs", "--json").out)
    assert {p["mentee_name"]: p["minutes_this_month"] for p in minutes}["Lena Park"] == 60


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["log", "session", "x", "--with", "Priya"], "named twice"),
        (["log", "session", "x", "--with", "Nobody"], "no pair with a mentor or mentee named 'Nobody'"),
        (["log", "note", "x", "--with", "Lena"], "--with is for a session"),
        (["--pair", "9", "pair", "show"], "no pair #9"),
        (["pair", "use", "Maria"], "names more than one pair"),
        (["pair", "reopen"], "is not closed"),
        (["pair", "archive"], "is still open"),
        (["pair", "unarchive"], "is not archived"),
        (["pair", "edit"], "nothing to change"),
        (["pair", "edit", "--mentee", "Lena Park"], "is these two already"),
        (["pair", "close", "--reason", "bored"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(three: Run, db: Path, argv: list[str], message: str) -> None:
    before = dump(db)
    result = three(*argv)
    assert result.code in (1, 2) and message in result.err and result.err.count("\n") == 1, result.err
    assert dump(db) == before


def test_a_group_session_with_a_closed_pair_is_refused(three: Run, db: Path) -> None:
    assert three("--pair", "Omar", "pair", "close", "--reason", "left-teaching").code == 0
    before = dump(db)
    result = three("log", "session", "x", "--with", "Omar")
    assert result.code == 1 and "closed" in result.err and dump(db) == before
    assert three("--pair", "Omar", "pair", "archive").code == 0
    before = dump(db)
    edited = three("--pair", "Omar", "pair", "edit", "--agreement", "-", stdin="Later words")
    assert edited.code == 1 and "'mentorlog pair reopen'" in edited.err and dump(db) == before


def test_your_promises_across_pairs_overdue_first(three: Run) -> None:
    assert three("--pair", "Lena", "todo", "add", "Book the lab", "--owner", "mentor", "--due", "2026-12-01").code == 0
    assert three("--pair", "Omar", "todo", "add", "Lend the book", "--owner", "mentor").code == 0
    listed = three("todo", "list", "--all-pairs").out.splitlines()
    assert [line.split(" to ")[1].split()[0] for line in listed] == ["Priya", "Lena", "Omar"]
    assert "overdue" in listed[0]
    assert all("Try a timer" not in line for line in listed), "yours only: what you promised"


def test_a_first_import_asks_whose_journal_this_is(three: Run, tmp_path: Path) -> None:
    shared = tmp_path / "shared.json"
    assert three("export", "--format", "json", "--out", str(shared)).code == 0
    fresh = tmp_path / "mentee.db"
    refused = three("--db", str(fresh), "import", str(shared))
    assert refused.code == 1 and "--as mentor or --as mentee" in refused.err and not fresh.exists()
    assert three("--db", str(fresh), "import", str(shared), "--as", "mentee").code == 0
    assert "mentee's journal" in three("--db", str(fresh), "status").out
