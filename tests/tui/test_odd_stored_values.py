"""Stored data never crashes a screen: every view and form opens on any value the store's types can hold.

The journal is written as a user would, then its rows are changed behind mentorlog's back
(as another program, an old version or a future bug could) to values no form offers:
unknown choices, out-of-range numbers, the far ends of the calendar, long text.
"""

from __future__ import annotations

import sqlite3

import pytest

from mentorlog.db import Journal
from mentorlog.journal import actions, assessments, entries, goals, pairs
from mentorlog.journal.assessments import RatingInput
from mentorlog.tui.app import MentorlogApp
from tests.conftest import TODAY

# In groups that do not hide one another (one journal each): every value of a group is stored at once.
ODD: dict[str, list[tuple[str, str, object]]] = {
    "goals": [("goal", "competency", "engagement"), ("goal", "kind", "vibes"), ("goal", "status", "frozen"),
              ("goal", "target", 1e300), ("goal", "due_on", "9999-12-31"), ("goal", "set_on", "0001-01-01"),
              ("progress_update", "value", -1e300), ("milestone", "due_on", "9999-12-31")],
    "entries": [("entry", "author", "the principal"), ("entry", "mode", "carrier pigeon"), ("entry", "usefulness", 9),
                ("entry", "confidence", -3), ("entry", "rater", "peer"), ("entry", "duration_min", 10**12),
                ("entry", "next_session_on", "9999-12-31"), ("entry", "title", "long " * 2000), ("rating", "level", 7)],
    "kinds and ends": [("entry", "kind", "podcast"), ("entry", '"on"', "9999-12-31"),
                       ("action_item", "owner", "a parent"), ("action_item", "due_on", "0001-01-01"),
                       ("pair", "program", "apprenticeship")],
    "pair": [("pair", "cadence_days", 10**9), ("pair", "started_on", "9999-12-31")],
}  # fmt: skip


def journal_with(journal: Journal, odd: list[tuple[str, str, object]]) -> None:
    with journal.write() as s:
        pair = pairs.create_pair(s, mentor="Ana", mentee="Sam", today=TODAY)
        goal = goals.add_goal(s, pair, title="Goal", today=TODAY, target=3, competency="Student engagement",
                              milestones=["step"]).goal  # fmt: skip
        goals.record_progress(s, pair, goal.id or 0, 1, on=TODAY, today=TODAY)
        entries.add_entry(s, pair, kind="session", on=TODAY, title="Session", mode="video", usefulness=3,
                          next_steps=[entries.NextStep("a step")], goal_ids=[goal.id or 0])  # fmt: skip
        assessments.record_assessment(s, pair, [RatingInput("1", 3)], rater="self", on=TODAY)
        actions.add_action(s, pair, "item")
    raw = sqlite3.connect(journal.path)
    for table, column, value in odd:
        raw.execute(f"UPDATE {table} SET {column} = ?", (value,))
    raw.commit()
    raw.close()


@pytest.mark.parametrize("case", sorted(ODD))
async def test_every_screen_and_form_opens_on_an_odd_stored_value(empty_journal: Journal, case: str) -> None:
    journal_with(empty_journal, ODD[case])
    app = MentorlogApp(empty_journal, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        visited = []
        for keys in (["e"], ["2"], ["2", "e"], ["2", "p"], ["3"], ["3", "e"], ["3", "j", "e"], ["3", "j", "j", "e"],
                     ["4"], ["1", "p"], ["ctrl+t"], ["ctrl+e"]):  # fmt: skip
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            visited.append(type(app.screen).__name__)
            assert app.is_running, (case, keys)
            while len(app.screen_stack) > 1 and not type(app.screen).__name__.endswith("Screen"):
                await pilot.press("escape")
                await pilot.pause()
                if type(app.screen).__name__ == "Confirm":
                    await pilot.press("y")
                    await pilot.pause()
            if type(app.screen).__name__ in ("PrepScreen", "TrashScreen"):
                await pilot.press("escape")
                await pilot.pause()
        assert app.is_running and app.return_code is None, case
        assert {"EntryForm", "GoalForm", "ActionForm", "ExportDialog"} & set(visited), visited
