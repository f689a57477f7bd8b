"""Deleting moves to the trash; restoring puts back the record and what went with it."""

from __future__ import annotations

import pytest

from mentorlog.db import Journal
from mentorlog.db.tables import ENTRY
from mentorlog.errors import Invalid, NotFound
from mentorlog.exchange.json_export import to_document
from mentorlog.exchange.options import ExportOptions
from mentorlog.journal import actions, assessments, entries, goals, trash
from mentorlog.journal.entries import NextStep
from mentorlog.journal.sharing import Scope
from mentorlog.models import Pair, key
from tests.conftest import TODAY


def snapshot(journal: Journal, pair: Pair) -> dict[str, object]:
    with journal.read() as s:
        document = to_document(s, ExportOptions(pair, TODAY, Scope(include_private=True)))
    return {k: v for k, v in document["pairs"][0].items() if k not in ("updated_at",)}


def test_every_kind_goes_to_the_trash_and_comes_back_whole(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        p = pair
        goal = goals.add_goal(s, p, title="Transitions", today=TODAY, target=2, baseline=6, milestones=["Chart"]).goal
        goals.record_progress(s, p, int(goal.id or 0), 5, on=TODAY, today=TODAY, note="timer")
        session = entries.add_entry(
            s, p, kind="session", on=TODAY, title="Debrief", tags=["lab"], goal_ids=[int(goal.id or 0)],
            next_steps=[NextStep("Time transitions")],
        )  # fmt: skip
        assessments.record_assessment(s, p, [assessments.RatingInput("1", 3, "calm room")], rater="self", on=TODAY)
    before = snapshot(journal, pair)

    with journal.write() as s:
        p = pair
        view = goals.view(s, goals.get_goal(s, p, int(goal.id or 0)), today=TODAY)
        goals.delete_milestone(s, p, int(view.milestones[0].id or 0))
        goals.delete_progress(s, p, int(view.updates[0].id or 0))
        goals.delete_goal(s, p, int(goal.id or 0))
        entries.delete_entry(s, p, int(session.id or 0))
        assessment = entries.get_entry(s, p, int(session.id or 0) + 1).entry
        entries.delete_entry(s, p, int(assessment.id or 0))
        item = actions.list_actions(s, p, today=TODAY)[0]
        actions.delete_action(s, p, int(item.id or 0))
    with journal.read() as s:
        listed = trash.list_trash(s, pair)
    assert [t.kind for t in listed] == ["action item", "entry", "entry", "goal", "progress update", "milestone"]
    assert listed[1].label.startswith("assessment 2026-11-22")
    gone = snapshot(journal, pair)
    assert gone["entries"] == [] and gone["goals"] == [] and gone["action_items"] == []

    with journal.write() as s:  # newest first, as a user would undo
        for view in trash.list_trash(s, pair):
            trash.restore(s, pair, view.id)
    assert snapshot(journal, pair) == before
    with journal.read() as s:
        assert trash.list_trash(s, pair) == []


def test_restore_refuses_an_orphan_and_unknown_ids(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        p = pair
        goal = goals.add_goal(s, p, title="Goal", today=TODAY, milestones=["Step"]).goal
        milestone = goals.view(s, goal, today=TODAY).milestones[0]
        goals.delete_milestone(s, p, int(milestone.id or 0))
        goals.delete_goal(s, p, int(goal.id or 0))
    with journal.write() as s:
        milestone_item = trash.list_trash(s, pair)[-1]
        with pytest.raises(Invalid, match="what it belonged to was deleted too"):
            trash.restore(s, pair, milestone_item.id)
    with journal.write() as s, pytest.raises(NotFound):
        trash.restore(s, pair, 999)
    with journal.write() as s:
        assert trash.empty(s, pair) == 2
        assert trash.list_trash(s, pair) == []


def test_every_edit_keeps_the_version_before_and_undo_walks_back(journal: Journal, pair: Pair) -> None:
    from mentorlog.journal import history

    with journal.write() as s:
        entry = entries.add_entry(s, pair, kind="note", on=TODAY, title="First", body="one")
        entry_id = int(entry.id or 0)
    for title, body in (("Second", "two"), ("Third", "three")):
        with journal.write() as s:
            entries.update_entry(s, pair, entry_id, title=title, body=body)
    with journal.read() as s:
        assert [v.title for v in history.entry_versions(s, pair, entry_id)] == ["Second", "First"]
    with journal.write() as s:
        assert history.undo_entry_edit(s, pair, entry_id).title == "Second"
    with journal.write() as s:
        undone = history.undo_entry_edit(s, pair, entry_id)
        assert (undone.title, undone.body) == ("First", "one")
    with journal.write() as s, pytest.raises(Invalid, match="nothing to undo"):
        history.undo_entry_edit(s, pair, entry_id)
    with journal.read() as s:
        assert history.entry_versions(s, pair, entry_id) == []


def test_a_change_of_links_or_ratings_is_an_edit_that_undo_takes_back(journal: Journal, pair: Pair) -> None:
    from mentorlog.journal import history

    with journal.write() as s:
        p = pair
        goal = goals.add_goal(s, p, title="Questioning", today=TODAY).goal
        note = entries.add_entry(s, p, kind="note", on=TODAY, title="Wait time", tags=["lab"], goal_ids=[key(goal)])
        rated = assessments.record_assessment(
            s,
            p,
            [assessments.RatingInput("1", 2, "rushed"), assessments.RatingInput("2", 3, "")],
            rater="self",
            on=TODAY,
        )
    with journal.write() as s:  # only the links change: still an edit, with a version to go back to
        entries.update_entry(s, pair, key(note), tags=["lab", "questions"], goal_ids=[])
        assessments.update_ratings(s, pair, key(rated), [assessments.RatingInput("1", 4, "calm")])
    with journal.read() as s:
        p = pair
        assert [v.fields["tags"] for v in history.entry_versions(s, p, key(note))] == [["lab"]]
        assert len(history.entry_versions(s, p, key(rated))) == 1
        assert assessments.ratings_of(s, entries.get_entry(s, p, key(rated)).entry) != []
    with journal.write() as s:
        p = pair
        history.undo_entry_edit(s, p, key(note))
        history.undo_entry_edit(s, p, key(rated))
    with journal.read() as s:
        p = pair
        view = entries.get_entry(s, p, key(note))
        assert view.tags == ["lab"] and [g.title for g in view.goals] == ["Questioning"]
        ratings = assessments.ratings_detail(s, entries.get_entry(s, p, key(rated)).entry)
        assert [(c.position, r.level, r.evidence) for c, r in ratings] == [(1, 2, "rushed"), (2, 3, "")]
        assert history.entry_versions(s, p, key(note)) == []


def test_an_item_trashed_before_uids_were_kept_still_restores(journal: Journal, pair: Pair) -> None:
    """Journals of schema v2 hold trash items naming local ids (payload version 1): they keep working."""
    import json

    from mentorlog.db import writes
    from mentorlog.db.tables import ENTRY, RATING, TRASH

    with journal.write() as s:
        p = pair
        goal = goals.add_goal(s, p, title="Routines", today=TODAY).goal
        entry = assessments.record_assessment(s, p, [assessments.RatingInput("1", 3, "ok")], rater="self", on=TODAY)
        entries.update_entry(s, p, key(entry), tags=["lab"], goal_ids=[key(goal)])
    before = snapshot(journal, pair)
    with journal.write() as s:  # what version 1 of `discard` wrote, then the delete
        p, entry = pair, ENTRY.get(s, key(entry))
        assert entry is not None
        payload = {
            "record": ENTRY.to_json(entry),
            "ratings": [RATING.to_json(r) for r in RATING.select(s, "entry_id = ?", (entry.id,))],
            "tags": [row[0] for row in s.execute("SELECT tag_id FROM entry_tag WHERE entry_id = ?", (entry.id,))],
            "goals": [row[0] for row in s.execute("SELECT goal_id FROM entry_goal WHERE entry_id = ?", (entry.id,))],
            "actions": [],
        }
        writes.insert(
            s, TRASH, {"pair_id": key(p), "kind": "entry", "label": "old item", "payload": json.dumps(payload)}
        )
        s.execute("DELETE FROM entry WHERE id = ?", (entry.id,))
    with journal.write() as s:
        trash.restore(s, pair, trash.list_trash(s, pair)[0].id)
    assert snapshot(journal, pair) == before


def test_restoring_twice_or_garbage_is_one_clear_refusal(journal: Journal, pair: Pair) -> None:
    from mentorlog.db import writes
    from mentorlog.db.tables import TRASH

    with journal.write() as s:
        p = pair
        entry = entries.add_entry(s, p, kind="note", on=TODAY, title="Kept")
        writes.insert(
            s, TRASH, {"pair_id": key(p), "kind": "entry", "label": "broken", "payload": '{"v": 2, "record": []}'}
        )
    with journal.write() as s, pytest.raises(Invalid, match="its saved copy is unreadable"):
        trash.restore(s, pair, trash.list_trash(s, pair)[0].id)
    with journal.write() as s:
        entries.delete_entry(s, pair, key(entry))
    with journal.write() as s:  # put back by hand meanwhile (an import brought it back, say)
        item = trash.list_trash(s, pair)[0]
        trash.restore(s, pair, item.id)
    with journal.read() as s:
        assert [t.label for t in trash.list_trash(s, pair)] == ["broken"]


def test_a_restored_record_keeps_its_number_and_says_when_it_cannot(journal: Journal, pair: Pair) -> None:
    """Notes cite "#12": a restore gives the number back, and only a number taken since moves, saying so."""
    with journal.write() as s:
        goal = goals.add_goal(s, pair, title="Transitions", today=TODAY, milestones=["Chart", "Timer"]).goal
        first = entries.add_entry(s, pair, kind="note", on=TODAY, title="First")
        newest = entries.add_entry(s, pair, kind="note", on=TODAY, title="Newest")
        milestones = [m.id for m in goals.view(s, goal, today=TODAY).milestones]
    with journal.write() as s:
        entries.delete_entry(s, pair, int(first.id or 0))
        goals.delete_goal(s, pair, int(goal.id or 0))
    with journal.write() as s:
        by_label = {item.label.rsplit(": ", 1)[-1]: item.id for item in trash.list_trash(s, pair)}
        view = trash.restore(s, pair, by_label["First"])
        assert view.moved == ""
        assert entries.get_entry(s, pair, int(first.id or 0)).entry.uid == first.uid
        trash.restore(s, pair, by_label["Transitions"])
        again = goals.view(s, goals.get_goal(s, pair, int(goal.id or 0)), today=TODAY)
        assert [m.id for m in again.milestones] == milestones and again.goal.uid == goal.uid

    with journal.write() as s:  # the newest entry's number is free again once it is deleted...
        entries.delete_entry(s, pair, int(newest.id or 0))
    with journal.write() as s:  # ...and a new entry takes it
        taker = entries.add_entry(s, pair, kind="note", on=TODAY, title="Taker")
    assert taker.id == newest.id
    with journal.write() as s:
        (item,) = [i for i in trash.list_trash(s, pair) if i.label.endswith(": Newest")]
        view = trash.restore(s, pair, item.id)
        found = ENTRY.one(s, "uid = ?", (newest.uid,))
    assert found is not None and found.id != newest.id
    assert view.moved == f"#{newest.id} is another entry's now, so it is #{found.id}"
