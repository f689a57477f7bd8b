from __future__ import annotations

import datetime as dt

import pytest

from mentorlog.db import Journal
from mentorlog.errors import Invalid, NotFound
from mentorlog.journal import actions, assessments, entries, goals, pairs
from mentorlog.journal.assessments import RatingInput
from mentorlog.models import Pair

TODAY = dt.date(2026, 11, 22)


def test_session_with_tags_goal_links_and_action_items(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        goal_id = goals.add_goal(s, pair, title="Transitions", today=TODAY).goal.id or 0
        entry = entries.add_entry(
            s,
            pair,
            kind="session",
            on=TODAY,
            title="Debrief",
            agenda="observation",
            usefulness=4,
            next_session_on=dt.date(2026, 12, 6),
            tags=["#Planning", "planning", "labs"],
            goal_ids=[goal_id, goal_id],
            next_steps=[entries.NextStep("Try a timer"), entries.NextStep("Send stems", owner="mentor")],
        )
    with journal.read() as s:
        view = entries.get_entry(s, pair, entry.id or 0)
        evidence = goals.view(s, goals.get_goal(s, pair, goal_id), today=TODAY, with_evidence=True).evidence
    assert view.entry.author == "mentor"  # the journal owner's role by default
    assert view.tags == ["labs", "planning"]
    assert [g.id for g in view.goals] == [goal_id]
    assert [(a.text, a.owner, a.due_on) for a in view.actions] == [
        ("Try a timer", "mentee", dt.date(2026, 12, 6)),
        ("Send stems", "mentor", dt.date(2026, 12, 6)),
    ]
    assert [e.id for e in evidence] == [entry.id]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "session", "title": ""}, "title must not be empty"),
        ({"kind": "diary", "title": "x"}, "kind must be one of"),
        ({"kind": "reflection", "title": "x", "confidence": 6}, "confidence must be a whole number from 1 to 5"),
        ({"kind": "reflection", "title": "x", "confidence": 0}, "from 1 to 5"),
        ({"kind": "session", "title": "x", "usefulness": 9}, "usefulness"),
        ({"kind": "note", "title": "x", "confidence": 3}, "a note has no confidence"),
        ({"kind": "session", "title": "x", "mode": "telepathy"}, "mode must be one of"),
        ({"kind": "note", "title": "x", "author": "boss"}, "author must be one of"),
        ({"kind": "note", "title": "x", "tags": ["two words"]}, "one word"),
        ({"kind": "note", "title": "x", "next_steps": [entries.NextStep("x")]}, "only a session"),
        ({"kind": "observation", "title": "x", "strengths": [""]}, "glow must not be empty"),
    ],
)
def test_bad_entries_are_refused(journal: Journal, pair: Pair, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(Invalid, match=message), journal.write() as s:
        entries.add_entry(s, pair, on=TODAY, **kwargs)  # type: ignore[arg-type]


def test_split_title_for_quick_capture() -> None:
    assert entries.split_title("Great lab today. Students ran it themselves.") == (
        "Great lab today.",
        "Students ran it themselves.",
    )
    assert entries.split_title("One line only") == ("One line only", "")
    assert entries.split_title("Title line\nbody line") == ("Title line", "body line")
    long = "word " * 40
    title, body = entries.split_title(long)
    assert len(title) <= 81 and title.endswith("…") and body == long.strip()


def test_action_items_list_overdue_first_and_complete(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        later = actions.add_action(s, pair, "later", due_on=TODAY + dt.timedelta(days=5))
        undated = actions.add_action(s, pair, "someday")
        overdue = actions.add_action(s, pair, "late", owner="mentor", due_on=TODAY - dt.timedelta(days=3))
    with journal.read() as s:
        assert [a.id for a in actions.list_actions(s, pair, today=TODAY)] == [overdue.id, later.id, undated.id]
    with journal.write() as s:
        actions.complete_action(s, pair, overdue.id or 0, on=TODAY)
    with pytest.raises(Invalid, match="already done"), journal.write() as s:
        actions.complete_action(s, pair, overdue.id or 0, on=TODAY)
    with pytest.raises(NotFound, match="no action item #77"), journal.write() as s:
        actions.complete_action(s, pair, 77, on=TODAY)
    with journal.read() as s:
        assert len(actions.list_actions(s, pair, today=TODAY)) == 2
        assert len(actions.list_actions(s, pair, today=TODAY, include_done=True)) == 3


def test_assessment_resolves_competencies_and_levels(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        entry = assessments.record_assessment(
            s,
            pair,
            [RatingInput("classroom", 2, "noisy"), RatingInput("3", "Applying"), RatingInput("Reflective practice", 4)],
            rater="self",
            on=TODAY,
        )
        assert entry.author == "mentee" and entry.kind == "assessment"
        assert assessments.ratings_of(s, entry) == [
            ("Classroom management", 2, "Exploring"),
            ("Instructional strategies", 3, "Applying"),
            ("Reflective practice", 4, "Integrating"),
        ]
        assessments.record_assessment(s, pair, [RatingInput("classroom", 3)], rater="mentor", on=TODAY)
        grown = assessments.pair_growth(s, pair)
    assert len(grown) == 9
    assert grown[0].gap == -1


@pytest.mark.parametrize(
    ("ratings", "message"),
    [
        ([RatingInput("classroom", 6)], "on the rubric's scale \\(1 Beginning, .*5 Innovating\\), not 6"),
        ([RatingInput("classroom", "great")], "level is a number"),
        ([RatingInput("astrology", 3)], "no competency matches"),
        ([RatingInput("ment", 3)], "more than one competency"),
        ([RatingInput("42", 3)], "no competency number 42"),
        ([RatingInput("classroom", 2), RatingInput("Classroom management", 3)], "rated twice"),
        ([], "at least one rating"),
    ],
)
def test_bad_assessments_are_refused(journal: Journal, pair: Pair, ratings: list[RatingInput], message: str) -> None:
    with pytest.raises((Invalid, NotFound), match=message), journal.write() as s:
        assessments.record_assessment(s, pair, ratings, rater="self", on=TODAY)
    with journal.read() as s:
        assert assessments.pair_growth(s, pair)[0].self_levels == []


def test_pairs_resolve_by_number_and_name_and_default_to_the_chosen_one(journal: Journal, pair: Pair) -> None:
    with journal.read() as s:
        assert pairs.resolve_pair(s, None).id == pair.id, "the only pair is the default"
    with journal.write() as s:
        other = pairs.create_pair(s, mentor="Bea Kim", mentee="Cy Doe", today=TODAY)
    with journal.read() as s:
        with pytest.raises(pairs.NoPairChosen, match=r"2 active pairs.*#1 Ana Lopez & Sam Rivera, #2 Bea Kim & Cy Doe"):
            pairs.resolve_pair(s, None)  # created last is not chosen
        assert pairs.resolve_pair(s, "sam").id == pair.id
        assert pairs.resolve_pair(s, "#1").id == pair.id
    with journal.write() as s:
        pairs.choose_pair(s, "Bea Kim")
        entries.add_entry(s, pair, kind="note", on=TODAY, title="Written to the other pair")
    with journal.read() as s:
        assert pairs.resolve_pair(s, None).id == other.id, "what was written last never moves the default"
        with pytest.raises(NotFound):
            pairs.resolve_pair(s, "nobody")
        with pytest.raises(NotFound):
            pairs.resolve_pair(s, "9")
    with journal.write() as s:
        pairs.choose_pair(s, "1")
        s.execute("UPDATE pair SET chosen_at = NULL, ended_on = '2026-10-01' WHERE id = 1")
    with journal.read() as s:
        assert pairs.resolve_pair(s, None).id == other.id, "none chosen, one still active: that one"
    with pytest.raises(Invalid, match="two different people"), journal.write() as s:
        pairs.create_pair(s, mentor="Al", mentee="al", today=TODAY)


def test_no_pair_is_a_clear_error(journal: Journal) -> None:
    with pytest.raises(NotFound, match="mentorlog init"), journal.read() as s:
        pairs.resolve_pair(s, None)


def test_growth_ends_are_each_raters_first_and_latest_of_every_rating(journal: Journal, pair: Pair) -> None:
    """pair_growth(ends=True) walks to the first and latest rating of each competency by each rater:
    the same points as the first and last of every rating, whatever each assessment rated."""
    import datetime as dt

    from mentorlog.journal.sharing import Scope

    plan = [  # (days before today, rater, {competency: level}, private)
        (90, "self", {"classroom": 2, "planning": 3}, False), (80, "mentor", {"classroom": 3}, False),
        (60, "self", {"planning": 4, "engagement": 1}, True), (60, "self", {"classroom": 3}, False),
        (30, "mentor", {"classroom": 4, "engagement": 2}, False), (10, "self", {"classroom": 5}, True),
    ]  # fmt: skip
    with journal.write() as s:
        for days, rater, levels, private in plan:
            ratings = [RatingInput(name, level) for name, level in levels.items()]
            on = TODAY - dt.timedelta(days=days)
            assessments.record_assessment(s, pair, ratings, rater=rater, on=on, private=private)
    scopes = [Scope(), Scope(include_private=True), Scope(TODAY - dt.timedelta(days=70), None, True)]
    with journal.read() as s:
        for scope in scopes:
            every = assessments.pair_growth(s, pair, scope=scope)
            ends = assessments.pair_growth(s, pair, scope=scope, ends=True)
            assert [row.competency for row in ends] == [row.competency for row in every]
            for whole, end in zip(every, ends, strict=True):
                for levels, end_levels in ((whole.self_levels, end.self_levels), (whole.mentor_levels,
                                                                                 end.mentor_levels)):  # fmt: skip
                    levels = list(levels)
                    assert list(end_levels) == (levels[:1] + levels[-1:] if len(levels) > 1 else levels)
            assert [row.self_change for row in ends] == [row.self_change for row in every]
