"""Correcting any record from the command line: goals, milestones, progress updates, action items.

What an option does not give stays as it was; a record that is unknown, another pair's or in the
trash is one line and exit 1; a malformed command line exits 2; a refusal changes nothing.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import Run


def _dump() -> list[str]:
    conn = sqlite3.connect(Path(os.environ["MENTORLOG_DB"]))
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def goal(run_with_pair: Run) -> Run:
    run = run_with_pair
    for argv in (
        ["goal", "add", "Calmer starts", "--baseline", "6", "--target", "2", "--unit", "min", "--milestone", "Chart"],
        ["goal", "progress", "1", "5", "--note", "timer"],
        ["todo", "add", "Call parents", "--due", "2026-11-30"],
    ):
        assert run(*argv).code == 0, argv
    return run


def test_goal_edit_changes_what_it_is_given(goal: Run) -> None:
    edited = goal("goal", "edit", "1", "--title", "Calm starts", "--due", "2027-01-15")
    assert edited.code == 0 and "Goal #1 edited: Calm starts" in edited.out
    shown = goal("goal", "show", "1").out
    assert "Goal #1: Calm starts" in shown and "due         2027-01-15" in shown and "target      2" in shown
    assert goal("goal", "edit", "1", "--due", "none").code == 0
    assert "due         " not in goal("goal", "show", "1").out


def test_milestones_are_edited_unticked_and_deleted(goal: Run) -> None:
    assert goal("goal", "milestone-edit", "1", "--title", "Chart the transitions", "--due", "2026-12-01").code == 0
    assert "[ ] #1 Chart the transitions  due 2026-12-01" in goal("goal", "show", "1").out
    assert goal("goal", "tick", "1").code == 0
    untick = goal("goal", "untick", "1")
    assert untick.code == 0 and "Milestone #1 is not done" in untick.out
    assert "[ ] #1" in goal("goal", "show", "1").out
    again = goal("goal", "untick", "1")
    assert again.code == 1 and again.err == "mentorlog: milestone #1 is not done\n"
    assert goal("goal", "milestone-delete", "1").code == 0
    assert "Milestones" not in goal("goal", "show", "1").out
    gone = goal("goal", "milestone-edit", "1", "--title", "x")
    assert gone.code == 1 and "no milestone #1" in gone.err


def test_progress_updates_are_corrected_and_deleted(goal: Run) -> None:
    assert "#1 2026-11-22  5 min" in goal("goal", "show", "1").out
    edited = goal("goal", "progress-edit", "1", "--value", "4.5", "--on", "2026-11-20", "--note", "with a timer")
    assert edited.code == 0 and "Progress update #1 edited: 4.5 on 2026-11-20" in edited.out
    assert "#1 2026-11-20  4.5 min  with a timer" in goal("goal", "show", "1").out
    future = goal("goal", "progress-edit", "1", "--on", "2026-12-20")
    assert future.code == 1 and future.err.count("\n") == 1
    assert goal("goal", "progress-delete", "1").code == 0
    assert goal("goal", "progress-edit", "1", "--value", "3").code == 1


def test_action_items_are_edited_reopened_and_deleted(goal: Run) -> None:
    edited = goal("todo", "edit", "1", "--owner", "mentor", "--due", "none")
    assert edited.code == 0 and "Action item #1 edited (mentor): Call parents" in edited.out
    assert goal("todo", "done", "1").code == 0
    reopened = goal("todo", "reopen", "1")
    assert reopened.code == 0 and "Open again: #1 Call parents" in reopened.out
    assert "#1    [ ] mentor Call parents" in goal("todo", "list").out
    twice = goal("todo", "reopen", "1")
    assert twice.code == 1 and twice.err == "mentorlog: action item #1 is not done\n"
    assert goal("todo", "delete", "1").code == 0
    trashed = goal("todo", "reopen", "1")
    assert trashed.code == 1 and "no action item #1" in trashed.err


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["goal", "edit", "9", "--title", "x"], 1),
        (["goal", "edit", "1", "--title", ""], 1),
        (["goal", "edit", "1", "--due", "someday"], 1),
        (["goal", "edit", "x"], 2),
        (["goal", "milestone-edit", "9", "--title", "x"], 1),
        (["goal", "untick", "9"], 1),
        (["goal", "progress-edit", "9", "--value", "1"], 1),
        (["goal", "progress-edit", "1", "--value", "many"], 1),
        (["goal", "progress-edit", "1", "--confidence", "9"], 1),
        (["todo", "edit", "9", "--text", "x"], 1),
        (["todo", "edit", "1", "--owner", "principal"], 2),  # the parser's choices: help lists them
        (["todo", "reopen", "9"], 1),
        (["todo", "delete", "9"], 1),
        (["todo", "reopen"], 2),
    ],
)
def test_a_refused_correction_is_one_line_and_changes_nothing(goal: Run, argv: list[str], code: int) -> None:
    before = _dump()
    result = goal(*argv)
    assert result.code == code, (argv, result.err)
    if code == 1:
        assert result.err.startswith("mentorlog: ") and result.err.count("\n") == 1, result.err
    assert _dump() == before


def test_an_assessments_ratings_and_evidence_are_corrected(goal: Run) -> None:
    assert goal("assess", "classroom=2:noisy", "reflective=3").code == 0
    corrected = goal("assess", "--edit", "1", "classroom=3:calm after the timer", "reflective=-", "planning=2")
    assert corrected.code == 0, corrected.err
    assert "Classroom management: 3 (Applying)" in corrected.out and "Reflective practice" not in corrected.out
    assert "Lesson planning and curriculum: 2 (Exploring)" in corrected.out
    assert "calm after the timer" in goal("export", "--out", "-").out
    before = _dump()
    for argv, said in (
        (["assess", "--edit", "1", "technology=-"], "assessment #1 does not rate Technology integration"),
        (["assess", "--edit", "1", "classroom=9"], "a level is on the rubric's scale"),
        (["assess", "--edit", "7", "classroom=2"], "no entry #7"),
    ):
        result = goal(*argv)
        assert result.code == 1 and said in result.err and result.err.count("\n") == 1, (argv, result.err)
    assert goal("assess", "--edit", "1", "classroom=2", "--on", "2026-11-01").code == 2
    assert _dump() == before
