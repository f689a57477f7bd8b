"""Every command that lists or shows prints JSON with `--json`, each shape the README documents: a record has
the same keys in every command's output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run

ACTION = {"id", "uid", "text", "owner", "due_on", "done_on", "overdue", "entry_id", "private"}
GOAL = {"id", "uid", "title", "status", "kind", "measure", "unit", "baseline", "target", "latest", "percent", "pace",
        "due_on", "achieved_on", "milestones", "smart"}  # fmt: skip
ENTRY = {"id", "uid", "kind", "on", "author", "private", "title", "body", "fields"}
CONTACT = {"from", "to", "minutes", "sessions", "average_minutes_per_week", "on_track", "behind_minutes", "words"}


@pytest.fixture
def filled(run_with_pair: Run) -> Run:
    run = run_with_pair
    for argv in (
        ("goal", "add", "Wait time", "--status", "active", "--target", "5", "--measure", "s", "--due", "2026-12-20"),
        ("log", "session", "Planning.", "--duration", "40", "--start", "15:30", "--activity", "planning instruction",
         "--todo", "Try wait time", "--goal", "1"),
        ("log", "reflection", "A calm week.", "--confidence", "4"),
        ("todo", "add", "Old item"),
        ("todo", "delete", "2"),
    ):  # fmt: skip
        result = run(*argv)
        assert result.code == 0, (argv, result.err)
    return run


def _json(run: Run, *argv: str) -> object:
    result = run(*argv, "--json")
    assert result.code == 0, (argv, result.err)
    return json.loads(result.out)


def test_status(filled: Run) -> None:
    found = _json(filled, "status")
    assert isinstance(found, dict)
    assert {"pair", "next_session", "open_actions", "active_goals", "recent", "health", "contact"} <= set(found)
    assert set(found["open_actions"][0]) == ACTION and set(found["active_goals"][0]) == GOAL
    assert set(found["contact"]) == CONTACT and found["contact"]["minutes"] == 40


def test_show_and_goal_show(filled: Run) -> None:
    entry = _json(filled, "show", "1")
    assert isinstance(entry, dict) and ENTRY | {"tags", "goals", "ratings", "actions"} <= set(entry)
    assert entry["fields"]["starts_at"] == "15:30" and entry["fields"]["activities"] == ["planning instruction"]
    assert set(entry["actions"][0]) == ACTION and entry["goals"] == [{"id": 1, "title": "Wait time"}]
    goal = _json(filled, "goal", "show", "1")
    assert isinstance(goal, dict) and GOAL | {"milestone_list", "progress", "evidence", "smart_hints"} <= set(goal)
    assert goal["evidence"][0]["id"] == 1


def test_prep_check_trash_and_the_lists(filled: Run) -> None:
    prep = _json(filled, "prep")
    assert isinstance(prep, dict) and set(prep["open_actions"][0]) == ACTION and "agenda" in prep
    check = _json(filled, "check")
    assert isinstance(check, dict) and check["ok"] is True and all({"ok", "what"} == set(f) for f in check["findings"])
    trash = _json(filled, "trash", "list")
    assert isinstance(trash, list) and set(trash[0]) == {"id", "kind", "label", "deleted_at"}
    todos = _json(filled, "todo", "list")
    assert isinstance(todos, list) and set(todos[0]) == ACTION
    goals = _json(filled, "goal", "list")
    assert isinstance(goals, list) and set(goals[0]) == GOAL
    pairs = _json(filled, "pairs")
    assert isinstance(pairs, list) and set(pairs[0]["contact"]) == CONTACT


def test_the_import_report(filled: Run, tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    assert filled("export", "--format", "json", "--out", str(out)).code == 0
    report = _json(filled, "import", str(out))
    assert isinstance(report, dict) and report["changed"] == 0
    assert report["counts"]["entries"] == {"added": 0, "updated": 0, "unchanged": 2}
