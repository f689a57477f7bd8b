from __future__ import annotations

import datetime as dt

import pytest

from mentorlog.db import Journal
from mentorlog.errors import Invalid, NotFound
from mentorlog.journal import goals, pairs
from mentorlog.models import Pair
from mentorlog.rules.progress import Pace

TODAY = dt.date(2026, 11, 22)


def test_goal_with_progress_percent_and_pace(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        view = goals.add_goal(
            s,
            pair,
            title="Faster transitions",
            today=TODAY,
            set_on=dt.date(2026, 10, 1),
            measure="avg",
            unit="min",
            baseline=6,
            target=2,
            due_on=dt.date(2026, 12, 31),
        )
        goal_id = view.goal.id or 0
        assert view.goal.kind == "number"
        assert view.goal.activated_on == dt.date(2026, 10, 1)
        view = goals.record_progress(s, pair, goal_id, 4, on=TODAY, today=TODAY, note="timer")
    assert view.percent == 50.0
    assert view.pace == Pace.ON_TRACK  # 52 of 91 days gone, half way there
    with journal.read() as s:
        listed = goals.list_goals(s, pair, today=TODAY)
    assert [(v.goal.id, v.percent) for v in listed] == [(goal_id, 50.0)]


def test_milestone_goal_progress_follows_ticks(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        view = goals.add_goal(s, pair, title="Objectives", today=TODAY, milestones=["one", "two"])
        assert view.goal.kind == "milestones" and view.percent == 0.0
        extra = goals.add_milestone(s, pair, view.goal.id or 0, "three", due_on=dt.date(2026, 12, 1))
        goals.complete_milestone(s, pair, extra.id or 0, on=TODAY)
        with pytest.raises(Invalid, match="already done"):
            goals.complete_milestone(s, pair, extra.id or 0, on=TODAY)
        after = goals.view(s, view.goal, today=TODAY)
    assert [m.title for m in after.milestones] == ["one", "two", "three"]
    assert after.percent == pytest.approx(100 / 3)
    assert after.smart.letters[1].passed  # milestones make it measurable


def test_status_changes_and_refusals(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        goal_id = goals.add_goal(s, pair, title="Draft idea", today=TODAY, status="draft").goal.id or 0
    with journal.write() as s:
        view = goals.set_status(s, pair, goal_id, "active", on=TODAY, today=TODAY)
        assert view.goal.activated_on == TODAY
        view = goals.set_status(s, pair, goal_id, "achieved", on=TODAY, today=TODAY)
        assert view.goal.achieved_on == TODAY and view.percent == 100.0
    with pytest.raises(Invalid, match="can become active"), journal.write() as s:
        goals.set_status(s, pair, goal_id, "paused", on=TODAY, today=TODAY)
    with pytest.raises(Invalid, match="reactivate"), journal.write() as s:
        goals.record_progress(s, pair, goal_id, 1, on=TODAY, today=TODAY)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"title": "  "}, "title must not be empty"),
        ({"title": "x", "target": float("nan")}, "finite"),
        ({"title": "x", "target": float("inf")}, "finite"),
        ({"title": "x", "status": "achieved"}, "starts as draft or active"),
        ({"title": "x", "status": "someday"}, "status must be one of"),
        ({"title": "x", "kind": "vibes"}, "kind must be one of"),
        ({"title": "x", "kind": "rubric", "target": 7}, "level from 1 to 5"),
        ({"title": "line\nbreak"}, "one line"),
        ({"title": "bell\x07"}, "control character"),
    ],
)
def test_bad_goals_are_refused(journal: Journal, pair: Pair, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(Invalid, match=message), journal.write() as s:
        goals.add_goal(s, pair, today=TODAY, **kwargs)  # type: ignore[arg-type]


def test_progress_refuses_future_dates_and_unknown_goals(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        goal_id = goals.add_goal(s, pair, title="x", today=TODAY, target=5, unit="u").goal.id or 0
    with pytest.raises(Invalid, match="future"), journal.write() as s:
        goals.record_progress(s, pair, goal_id, 1, on=TODAY + dt.timedelta(days=1), today=TODAY)
    with pytest.raises(NotFound, match="no goal #99"), journal.read() as s:
        goals.get_goal(s, pair, 99)


def test_goals_of_another_pair_are_not_found(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        other = pairs.create_pair(s, mentor="Bea", mentee="Cy", today=TODAY)
        goal_id = goals.add_goal(s, other, title="theirs", today=TODAY).goal.id or 0
    with pytest.raises(NotFound), journal.read() as s:
        goals.get_goal(s, pair, goal_id)
