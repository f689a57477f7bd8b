"""Goal kinds that mean what they say: a rubric goal follows its competency's ratings, a yes-no goal is met or
not, a goal's pace counts from its start date."""

from __future__ import annotations

import datetime as dt

import pytest

from mentorlog.db import Journal
from mentorlog.errors import Invalid
from mentorlog.journal import assessments, goals
from mentorlog.journal.assessments import RatingInput
from mentorlog.models import Pair
from mentorlog.rules.smart import check_smart
from tests.conftest import TODAY, Run


def test_a_rubric_goal_takes_its_progress_from_the_latest_rating_by_its_rater(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        due = TODAY + dt.timedelta(days=90)
        goal = goals.add_goal(s, pair, title="Questioning", today=TODAY, kind="rubric", competency="instructional",
                              baseline=2, target=4, rater="mentor", due_on=due).goal  # fmt: skip
        assert goal.competency == "Instructional strategies" and goal.starts_on == TODAY
        with pytest.raises(Invalid, match="progress from the ratings of Instructional strategies by the mentor"):
            goals.record_progress(s, pair, goal.id or 0, 3, on=TODAY, today=TODAY)
    with journal.read() as s:
        assert goals.goal_detail(s, pair, goal.id or 0, today=TODAY).percent == 0.0
    with journal.write() as s:
        assessments.record_assessment(s, pair, [RatingInput("instructional", 5)], rater="self", on=TODAY)
        assessments.record_assessment(s, pair, [RatingInput("instructional", 3)], rater="mentor", on=TODAY)
    with journal.read() as s:
        view = goals.goal_detail(s, pair, goal.id or 0, today=TODAY)
        assert (view.latest, view.percent) == (3.0, 50.0), "the mentor's 3, not the self-rating's 5"
        assert [goals.list_goals(s, pair, today=TODAY)[0].percent] == [50.0]
    with journal.write() as s:  # a later, private mentor rating moves it too, in this journal
        assessments.record_assessment(s, pair, [RatingInput("instructional", 4)], rater="mentor", on=TODAY,
                                      private=True)  # fmt: skip
    with journal.read() as s:
        assert goals.goal_detail(s, pair, goal.id or 0, today=TODAY).percent == 100.0


def test_a_rubric_goals_progress_in_an_export_leaves_private_ratings_out(run_with_pair: Run) -> None:
    run = run_with_pair
    assert run("goal", "add", "Questioning", "--kind", "rubric", "--competency", "instructional", "--baseline", "2",
               "--target", "4", "--rater", "mentor").code == 0  # fmt: skip
    assert run("assess", "instructional=3", "--rater", "mentor").code == 0
    assert run("assess", "instructional=4", "--rater", "mentor", "--private").code == 0
    assert "Progress: 100%" in run("export", "--out", "-", "--include-private").out
    shared = run("export", "--out", "-").out
    assert "Progress: 50%" in shared and "| 2026-11-22 | 4 |" not in shared


def test_a_yes_no_goal_is_met_or_not(run_with_pair: Run) -> None:
    run = run_with_pair
    added = run("goal", "add", "Routines chart", "--kind", "yes-no", "--measure", "chart up and taught",
                "--specific", "a chart of five routines, taught to every class", "--due", "2027-01-10")  # fmt: skip
    assert added.code == 0 and "M✓" in added.out
    assert "not met" in run("goal", "list").out
    for word, shown in (("yes", "met"), ("not met", "not met"), ("Met", "met")):
        result = run("goal", "progress", "1", word)
        assert result.code == 0 and f"Recorded {shown} on" in result.out, result.err
    assert "#1   active   met " in run("goal", "list").out
    refused = run("goal", "progress", "1", "2")
    assert refused.code == 1 and "met or not" in refused.err
    assert "Progress: met" in run("export", "--out", "-").out


def test_smart_m_for_a_yes_no_goal_is_its_measure() -> None:
    from types import SimpleNamespace

    base = dict(title="Chart", specific="", kind="yes-no", unit="", baseline=None, target=None, achievable="",
                relevant="", competency=None, due_on=None, activated_on=TODAY)  # fmt: skip
    assert check_smart(SimpleNamespace(**base, measure="chart up"), milestones=0, today=TODAY).letters[1].passed
    assert not check_smart(SimpleNamespace(**base, measure=""), milestones=0, today=TODAY).letters[1].passed


def test_pace_counts_from_the_start_date(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        later = goals.add_goal(s, pair, title="After the break", today=TODAY, baseline=0, target=10, measure="x",
                               unit="u", starts_on=TODAY + dt.timedelta(days=30),
                               due_on=TODAY + dt.timedelta(days=60)).goal  # fmt: skip
        early = goals.add_goal(s, pair, title="From autumn", today=TODAY, baseline=0, target=10, measure="x",
                               unit="u", set_on=TODAY - dt.timedelta(days=30),
                               due_on=TODAY + dt.timedelta(days=30)).goal  # fmt: skip
        with pytest.raises(Invalid, match="is before the start date"):
            goals.add_goal(s, pair, title="Backwards", today=TODAY, starts_on=TODAY, due_on=TODAY - dt.timedelta(1))
    with journal.read() as s:
        assert goals.goal_detail(s, pair, later.id or 0, today=TODAY).pace == "on track"  # not started: none due
        assert goals.goal_detail(s, pair, early.id or 0, today=TODAY).pace == "behind"  # half the time gone


def test_a_renamed_competency_keeps_its_goals(run_with_pair: Run) -> None:
    run = run_with_pair
    run("goal", "add", "Questioning", "--kind", "rubric", "--competency", "instructional", "--target", "4")
    assert run("rubric", "rename", "instructional", "Questioning and discussion").code == 0
    assert "competency  Questioning and discussion" in run("goal", "show", "1").out
    assert run("assess", "questioning=4").code == 0
    assert "100%" in run("goal", "list").out


def test_only_a_rubric_goal_has_a_rater_and_an_edit_keeps_it_so(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        number = goals.add_goal(s, pair, title="Transitions", today=TODAY, target=2, measure="m", unit="min").goal
        assert number.rater is None
        edited = goals.update_goal(s, pair, number.id or 0, today=TODAY, specific="time them every lesson").goal
        assert edited.rater is None
        rubric_goal = goals.update_goal(s, pair, number.id or 0, today=TODAY, kind="rubric", competency="1",
                                        baseline=None, target=4).goal  # fmt: skip
        assert rubric_goal.rater == "mentor"  # whose journal this is: the mentor's
