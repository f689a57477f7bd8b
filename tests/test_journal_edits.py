"""Editing and deleting: the same rules as creating, and nothing left dangling."""

from __future__ import annotations

import datetime as dt

import pytest

from mentorlog.db import Journal
from mentorlog.db.integrity import check_journal
from mentorlog.errors import Invalid, NotFound
from mentorlog.journal import actions, entries, goals, timeline
from mentorlog.models import Pair

TODAY = dt.date(2026, 11, 22)


def test_edit_entry_changes_given_fields_and_relinks(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        g1 = goals.add_goal(s, pair, title="One", today=TODAY).goal.id or 0
        g2 = goals.add_goal(s, pair, title="Two", today=TODAY).goal.id or 0
        entry = entries.add_entry(s, pair, kind="reflection", on=TODAY, title="Old", confidence=2, tags=["a"],
                                  goal_ids=[g1])  # fmt: skip
    with journal.write() as s:
        entries.update_entry(s, pair, entry.id or 0, title="New title", confidence=4, tags=["b", "c"], goal_ids=[g2],
                             went_well="labs")  # fmt: skip
    with journal.read() as s:
        view = entries.get_entry(s, pair, entry.id or 0)
        found = timeline.page(s, pair, timeline.Filters(search="labs"))
    assert (view.entry.title, view.entry.confidence, view.entry.went_well) == ("New title", 4, "labs")
    assert view.entry.on == TODAY and view.tags == ["b", "c"] and [g.id for g in view.goals] == [g2]
    assert [i.title for i in found] == ["New title"]
    assert view.entry.updated_at > view.entry.created_at


@pytest.mark.parametrize(
    ("change", "message"),
    [({"title": ""}, "title must not be empty"), ({"confidence": 9}, "from 1 to 5"), ({"agenda": "x"}, "no agenda")],
)
def test_edit_entry_refuses_bad_input_and_changes_nothing(
    journal: Journal, pair: Pair, change: dict[str, object], message: str
) -> None:
    with journal.write() as s:
        entry = entries.add_entry(s, pair, kind="reflection", on=TODAY, title="Keep", confidence=2)
    with pytest.raises(Invalid, match=message), journal.write() as s:
        entries.update_entry(s, pair, entry.id or 0, **change)  # type: ignore[arg-type]
    with journal.read() as s:
        kept = entries.get_entry(s, pair, entry.id or 0).entry
    assert (kept.title, kept.confidence) == ("Keep", 2)


def test_delete_entry_takes_its_links_and_index_rows_but_keeps_action_items(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        goal_id = goals.add_goal(s, pair, title="G", today=TODAY).goal.id or 0
        entry = entries.add_entry(s, pair, kind="session", on=TODAY, title="Gone", tags=["t"], goal_ids=[goal_id],
                                  next_steps=[entries.NextStep("still to do")])  # fmt: skip
    with journal.write() as s:
        entries.delete_entry(s, pair, entry.id or 0)
    with journal.read() as s:
        assert [a.text for a in actions.list_actions(s, pair, today=TODAY)] == ["still to do"]
        assert s.execute("SELECT count(*) FROM entry_goal").fetchone()[0] == 0
        with pytest.raises(NotFound):
            entries.get_entry(s, pair, entry.id or 0)
    assert all(f.ok for f in check_journal(journal.found))


def test_edit_and_delete_goals_milestones_progress(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        view = goals.add_goal(s, pair, title="Transitions", today=TODAY, target=2, baseline=6, unit="min",
                              measure="avg", milestones=["m1"])  # fmt: skip
        goal_id = view.goal.id or 0
        update = goals.record_progress(s, pair, goal_id, 4, on=TODAY, today=TODAY).updates[0]
    with journal.write() as s:
        edited = goals.update_goal(s, pair, goal_id, today=TODAY, target=3, relevant="time to learn")
    assert edited.goal.target == 3 and edited.percent == pytest.approx(66.7, abs=0.1) and edited.smart.letters[3].passed
    with pytest.raises(Invalid, match="finite"), journal.write() as s:
        goals.update_goal(s, pair, goal_id, today=TODAY, target=float("inf"))
    with journal.write() as s:
        milestone = goals.view(s, goals.get_goal(s, pair, goal_id), today=TODAY).milestones[0]
        goals.complete_milestone(s, pair, milestone.id or 0, on=TODAY)
        goals.reopen_milestone(s, pair, milestone.id or 0)
        goals.delete_progress(s, pair, update.id or 0)
    with journal.read() as s:
        after = goals.view(s, goals.get_goal(s, pair, goal_id), today=TODAY)
    assert after.updates == [] and after.milestones[0].done_on is None
    with journal.write() as s:
        goals.delete_milestone(s, pair, milestone.id or 0)
        goals.delete_goal(s, pair, goal_id)
    with journal.read() as s:
        assert goals.list_goals(s, pair, today=TODAY) == []
    assert all(f.ok for f in check_journal(journal.found))


def test_edit_reopen_and_delete_action_items(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        item = actions.add_action(s, pair, "call parents")
        actions.complete_action(s, pair, item.id or 0, on=TODAY)
        actions.reopen_action(s, pair, item.id or 0)
        actions.update_action(s, pair, item.id or 0, text="email parents", owner="mentor", due_on=TODAY)
    with journal.read() as s:
        [listed] = actions.list_actions(s, pair, today=TODAY)
    assert (listed.text, listed.owner, listed.due_on, listed.done_on) == ("email parents", "mentor", TODAY, None)
    with journal.write() as s:
        actions.delete_action(s, pair, item.id or 0)
    with pytest.raises(NotFound), journal.read() as s:
        actions.get_action(s, pair, item.id or 0)


def test_update_ratings_replaces_them(journal: Journal, pair: Pair) -> None:
    from mentorlog.journal import assessments
    from mentorlog.journal.assessments import RatingInput

    with journal.write() as s:
        entry = assessments.record_assessment(
            s, pair, [RatingInput("1", 2), RatingInput("2", 2)], rater="self", on=TODAY
        )
        assessments.update_ratings(s, pair, entry.id or 0, [RatingInput("1", 3, "calmer")])
        detail = assessments.ratings_detail(s, entry)
        note = entries.add_entry(s, pair, kind="note", on=TODAY, title="n")
        with pytest.raises(Invalid, match="not an assessment"):
            assessments.update_ratings(s, pair, note.id or 0, [RatingInput("1", 3)])
    assert [(c.name, r.level, r.evidence) for c, r in detail] == [("Classroom management", 3, "calmer")]


def test_one_edit_of_an_assessment_is_one_version_and_undo_brings_all_of_it_back(journal: Journal, pair: Pair) -> None:
    """The form's save used to be two calls: a phantom version, so ctrl+z undid only half of what was typed."""
    from mentorlog.journal import assessments, history
    from mentorlog.journal.assessments import RatingInput

    with journal.write() as s:
        entry = assessments.record_assessment(s, pair, [RatingInput("1", 2, "rushed")], rater="self", on=TODAY)
    with journal.write() as s:
        entries.update_entry(s, pair, entry.id or 0, title="Autumn self-assessment", private=True,
                             ratings=[RatingInput("1", 4, "calm"), RatingInput("2", 3)])  # fmt: skip
    with journal.read() as s:
        assert len(history.entry_versions(s, pair, entry.id or 0)) == 1
    with journal.write() as s:
        history.undo_entry_edit(s, pair, entry.id or 0)
    with journal.read() as s:
        view = entries.get_entry(s, pair, entry.id or 0)
        ratings = [(c.name, r.level, r.evidence) for c, r in assessments.ratings_detail(s, view.entry)]
    assert view.entry.title.startswith("Self-assessment") and not view.entry.private
    assert ratings == [("Classroom management", 2, "rushed")]


def test_a_change_outside_the_history_is_refused_at_the_one_place_writes_happen(journal: Journal, pair: Pair) -> None:
    """Every write of a record's field is an edit the history sees: writes.update refuses one made outside
    versions.editing (or an undo, or an import), so no module can slip one past a merge."""
    from mentorlog.db import writes
    from mentorlog.db.tables import ACTION, ENTRY

    with journal.write() as s:
        entry = entries.add_entry(s, pair, kind="note", on=TODAY, title="Kept")
        with pytest.raises(writes.Unrecorded, match=r"entry\.title changed outside the history"):
            writes.update(s, ENTRY, entry.id or 0, {"title": "Sneaked"})
        writes.update(s, ENTRY, entry.id or 0, {"updated_at": dt.datetime.now(dt.UTC)}, stamp=False)  # bookkeeping
        with writes.recording():
            writes.update(s, ACTION, 1, {"text": "inside a recorded edit"})


def test_what_changes_outside_the_history_is_this_journals_own_bookkeeping() -> None:
    from mentorlog.db.relations import LOCAL_ONLY
    from mentorlog.db.writes import UNRECORDED

    assert (LOCAL_ONLY - {"id"}) | {"updated_at", "created_at"} == UNRECORDED


def test_making_a_session_private_is_an_edit_of_each_of_its_action_items(journal: Journal, pair: Pair) -> None:
    """Its next steps go private with it, each as an edit with a version and a new updated_at: a merge
    elsewhere sees that they are private now."""
    from mentorlog.db.tables import ACTION
    from mentorlog.journal import history

    with journal.write() as s:
        session = entries.add_entry(s, pair, kind="session", on=TODAY, title="Debrief",
                                    next_steps=[entries.NextStep("Time transitions")])  # fmt: skip
        (item,) = ACTION.select(s, "entry_id = ?", (session.id,))
    with journal.write() as s:
        entries.update_entry(s, pair, session.id or 0, private=True)
    with journal.read() as s:
        (after,) = ACTION.select(s, "entry_id = ?", (session.id,))
        kept = history.versions(s, ACTION, item.uid)
    assert after.private and after.updated_at > item.updated_at
    assert [v.fields["private"] for v in kept] == [False]


def test_milestones_and_progress_updates_are_corrected_in_place(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        goal = goals.add_goal(s, pair, title="Transitions", today=TODAY, baseline=6, target=2, milestones=["Chart"])
        goal_id = goal.goal.id or 0
        goals.record_progress(s, pair, goal_id, 5, on=TODAY, today=TODAY, note="timer")
        view = goals.view(s, goals.get_goal(s, pair, goal_id), today=TODAY)
        milestone, update = view.milestones[0], view.updates[0]
    with journal.write() as s:
        goals.update_milestone(s, pair, milestone.id or 0, title="Chart the transitions", due_on=TODAY)
        goals.update_progress(s, pair, update.id or 0, value=4.5, on=TODAY - dt.timedelta(days=1), today=TODAY,
                              note="with the timer", confidence=4)  # fmt: skip
        with pytest.raises(Invalid, match="future date"):
            goals.update_progress(s, pair, update.id or 0, value=4, on=TODAY + dt.timedelta(days=1), today=TODAY)
        with pytest.raises(Invalid, match="is not done"):
            goals.reopen_milestone(s, pair, milestone.id or 0)
    with journal.read() as s:
        view = goals.view(s, goals.get_goal(s, pair, goal_id), today=TODAY)
        assert (view.milestones[0].id, view.milestones[0].title, view.milestones[0].due_on) == (
            milestone.id, "Chart the transitions", TODAY)  # fmt: skip
        (again,) = view.updates
        assert (again.id, again.value, again.note, again.confidence) == (update.id, 4.5, "with the timer", 4)
        assert view.latest == 4.5


def test_undo_goes_back_one_edit_of_any_record_and_says_what(journal: Journal, pair: Pair) -> None:
    from mentorlog.journal import history

    with journal.write() as s:
        goal_id = goals.add_goal(s, pair, title="Transitions", today=TODAY, milestones=["Chart"]).goal.id or 0
        item = actions.add_action(s, pair, "call parents")
    with journal.write() as s:
        goals.update_goal(s, pair, goal_id, today=TODAY, title="Faster transitions", due_on=TODAY)
        actions.complete_action(s, pair, item.id or 0, on=TODAY)  # `x` by mistake
    with journal.write() as s:
        undone = history.undo_edit(s, pair, "goal", goal_id)
        assert str(undone) == "Undid the last edit of goal #1 “Transitions”: its title and due date as before"
        assert str(history.undo_edit(s, pair, "action_item", item.id or 0)) == (
            "Undid the last edit of the action item “call parents”: its done date as before"
        )
        with pytest.raises(Invalid, match="nothing to undo"):
            history.undo_edit(s, pair, "action_item", item.id or 0)
        with pytest.raises(NotFound):
            history.undo_edit(s, pair, "milestone", 999)
    with journal.read() as s:
        assert goals.get_goal(s, pair, goal_id).title == "Transitions"
        assert actions.get_action(s, pair, item.id or 0).done_on is None
        assert [v.fields["title"] for v in history.record_versions(s, pair, "goal", goal_id)] == []
