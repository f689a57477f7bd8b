"""The trash and earlier versions leave the journal only when asked, and arrive restorable and undoable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mentorlog.db import Journal, open_journal
from mentorlog.errors import Invalid
from mentorlog.exchange.json_export import to_document
from mentorlog.exchange.json_import import import_pairs, read_document
from mentorlog.exchange.options import ExportOptions
from mentorlog.journal import assessments, entries, goals, history, pairs, trash
from mentorlog.journal.sharing import Scope
from mentorlog.models import Pair, key
from tests.conftest import TODAY
from tests.test_exchange_json import dump

AT = "2026-11-22T10:00:00+00:00"


def export(journal: Journal, *, with_history: bool, include_private: bool = False) -> dict[str, Any]:
    with journal.read() as s:
        options = ExportOptions(
            pairs.resolve_pair(s, None), TODAY, Scope(include_private=include_private), with_history
        )
        return to_document(s, options)


def load(journal: Journal, document: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    with journal.write() as s:
        report = import_pairs(s, read_document(json.dumps(document), "shared.json"), role="mentor")
    return {name: (c.added, c.updated, c.unchanged) for name, c in report.counts.items()}


@pytest.fixture
def edited(journal: Journal, pair: Pair) -> dict[str, int]:
    """A journal with edits (columns, links, ratings) and deletions of each shape, one of them private."""
    with journal.write() as s:
        p = pair
        goal = goals.add_goal(s, p, title="Questioning", today=TODAY, milestones=["Wait time"]).goal
        note = entries.add_entry(s, p, kind="note", on=TODAY, title="First", tags=["lab"])
        secret = entries.add_entry(s, p, kind="reflection", on=TODAY, title="Doubts", private=True)
        rated = assessments.record_assessment(s, p, [assessments.RatingInput("1", 2, "rushed")], rater="self", on=TODAY)
        gone = entries.add_entry(s, p, kind="session", on=TODAY, title="Debrief", goal_ids=[key(goal)])
    with journal.write() as s:
        p = pair
        entries.update_entry(s, p, key(note), title="Second", tags=["lab", "questions"])
        entries.update_entry(s, p, key(secret), title="Doubts, later")
        assessments.update_ratings(s, p, key(rated), [assessments.RatingInput("1", 3, "calmer")])
        entries.delete_entry(s, p, key(gone))
        entries.delete_entry(s, p, key(secret))
        goals.delete_goal(s, p, key(goal))
    return {"note": key(note), "rated": key(rated)}


def test_nothing_of_the_trash_or_history_travels_unless_asked(journal: Journal, edited: dict[str, int]) -> None:
    plain = export(journal, with_history=False, include_private=True)["pairs"][0]
    assert "history" not in plain and "trash" not in plain
    asked = export(journal, with_history=True)["pairs"][0]
    assert [t["label"] for t in asked["trash"]] == ["session 2026-11-22: Debrief", "goal #1: Questioning"]
    text = json.dumps(asked)
    assert "Doubts" not in text, "a private entry's trash and versions stay home unless private ones are asked for"
    assert {v["kind"] for v in asked["history"]} == {"entry"} and len(asked["history"]) == 2
    assert not any(name in v["fields"] for v in asked["history"] for name in ("id", "pair_id")), "no local ids"
    everything = export(journal, with_history=True, include_private=True)["pairs"][0]
    assert "Doubts" in json.dumps(everything["trash"]) and len(everything["history"]) == 3


def test_carried_history_and_trash_work_in_the_other_journal(
    journal: Journal, edited: dict[str, int], tmp_path: Path
) -> None:
    document = export(journal, with_history=True, include_private=True)
    other = open_journal(tmp_path / "other.db", create=True)
    counts = load(other, document)
    assert counts["history"] == (3, 0, 0) and counts["trash"] == (3, 0, 0)
    before = dump(other)
    again = load(other, document)
    assert again["history"] == (0, 0, 3) and again["trash"] == (0, 0, 3)
    assert dump(other) == before, "importing twice is the same as once"

    titles = _titles(other)
    assessment_id = next(entry_id for title, entry_id in titles.items() if "competenc" in title)
    with other.write() as s:
        p = pairs.resolve_pair(s, None)
        assert history.undo_entry_edit(s, p, titles["Second"]).title == "First"
        assert entries.get_entry(s, p, titles["Second"]).tags == ["lab"]
        assessment = history.undo_entry_edit(s, p, assessment_id)
        assert [(r.level, r.evidence) for _, r in assessments.ratings_detail(s, assessment)] == [(2, "rushed")]
        for item in trash.list_trash(s, p):  # newest first: the goal comes back before the session linked to it
            trash.restore(s, p, item.id)
    titles = _titles(other)
    with other.read() as s:
        p = pairs.resolve_pair(s, None)
        restored = entries.get_entry(s, p, titles["Debrief"])
        assert [g.title for g in restored.goals] == ["Questioning"]
        assert [m.title for m in goals.view(s, restored.goals[0], today=TODAY).milestones] == ["Wait time"]
        assert [v.title for v in history.entry_versions(s, p, titles["Doubts, later"])] == ["Doubts"]
    other.close()


def _titles(journal: Journal) -> dict[str, int]:
    from mentorlog.db.tables import ENTRY

    return {e.title: int(e.id or 0) for e in ENTRY.select(journal.connection)}


def test_a_trashed_record_alive_here_stays_alive_and_out_of_the_trash(journal: Journal, edited: dict[str, int]) -> None:
    document = export(journal, with_history=True)
    with journal.write() as s:
        p = pairs.resolve_pair(s, None)
        for item in trash.list_trash(s, p):
            trash.restore(s, p, item.id)
    assert load(journal, document)["trash"] == (0, 0, 2), "deletions don't travel"
    with journal.read() as s:
        assert trash.list_trash(s, pairs.resolve_pair(s, None)) == []


def version(kind: str = "entry", saved_at: str = AT, **fields: Any) -> list[dict[str, Any]]:
    return [{"kind": kind, "record": "x", "saved_at": saved_at, "fields": fields}]


def binned(payload: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"kind": "entry", "label": "x", "deleted_at": AT, "payload": payload}]


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        ("history", version(kind="spaceship"), "kind must be one of"),
        ("history", version(saved_at="yesterday"), "saved_at must be an ISO timestamp"),
        ("history", version(confidence=9), "confidence must be a whole number from 1 to 5"),
        ("history", version(ratings=[{"level": 1}]), "ratings\\[0\\] must have"),
        ("trash", binned({"v": 1}), "not a version-2 trash payload"),
        ("trash", binned({"v": 2, "record": {"uid": "a b"}}), "payload.record"),
        ("trash", {"not": "a list"}, "trash must be a list"),
    ],
)
def test_a_bad_history_or_trash_list_is_refused_whole(
    journal: Journal, edited: dict[str, int], where: str, value: Any, message: str
) -> None:
    document = export(journal, with_history=True)
    document["pairs"][0][where] = value
    before = dump(journal)
    with pytest.raises(Invalid, match=message):
        load(journal, document)
    assert dump(journal) == before
