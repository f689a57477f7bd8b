from __future__ import annotations

import datetime as dt

import pytest

from mentorlog.errors import Invalid
from mentorlog.rules.cadence import CadenceState, cadence
from mentorlog.rules.growth import RatingPoint, growth, level_name
from mentorlog.rules.status import change_status

D = dt.date
START = D(2026, 9, 1)


def test_cadence_without_sessions_is_due_from_the_start() -> None:
    c = cadence(last_session_on=None, last_next_session_on=None, cadence_days=14, started_on=START, today=D(2026, 9, 5))
    assert c.state == CadenceState.NO_SESSIONS
    assert c.next_session_on == START
    assert c.days_since_last is None
    assert c.days_late == 4


def test_cadence_uses_the_agreed_next_date_first() -> None:
    c = cadence(
        last_session_on=D(2026, 11, 10),
        last_next_session_on=D(2026, 11, 30),
        cadence_days=14,
        started_on=START,
        today=D(2026, 11, 22),
    )
    assert c.next_session_on == D(2026, 11, 30)
    assert c.days_since_last == 12
    assert c.state == CadenceState.ON_CADENCE


@pytest.mark.parametrize(
    ("today", "state", "late"),
    [
        (D(2026, 11, 23), CadenceState.ON_CADENCE, 0),
        (D(2026, 11, 24), CadenceState.DUE, 0),
        (D(2026, 12, 1), CadenceState.LATE, 7),
    ],
)
def test_cadence_falls_back_to_last_session_plus_cadence(today: dt.date, state: CadenceState, late: int) -> None:
    c = cadence(
        last_session_on=D(2026, 11, 10), last_next_session_on=None, cadence_days=14, started_on=START, today=today
    )
    assert c.next_session_on == D(2026, 11, 24)
    assert c.state == state
    assert c.days_late == late


def test_achieving_sets_achieved_on_and_reopening_clears_it() -> None:
    done = change_status("active", "achieved", on=D(2026, 11, 22), activated_on=START)
    assert done.achieved_on == D(2026, 11, 22)
    reopened = change_status("achieved", "active", on=D(2026, 11, 25), activated_on=START)
    assert reopened.achieved_on is None
    assert reopened.activated_on == START


def test_activating_a_draft_starts_its_clock() -> None:
    assert change_status("draft", "active", on=D(2026, 10, 1), activated_on=None).activated_on == D(2026, 10, 1)


@pytest.mark.parametrize(
    ("current", "new", "message"),
    [
        ("active", "active", "already active"),
        ("draft", "achieved", "can become active or dropped"),
        ("achieved", "paused", "can become active"),
        ("dropped", "achieved", "not achieved"),
        ("active", "finished", "must be one of"),
    ],
)
def test_invalid_transitions_are_refused_with_a_message(current: str, new: str, message: str) -> None:
    with pytest.raises(Invalid, match=message):
        change_status(current, new, on=START, activated_on=None)


def test_growth_per_competency_with_change_and_gap() -> None:
    points = [
        RatingPoint(D(2026, 9, 2), "self", "Classroom management", 2),
        RatingPoint(D(2026, 9, 3), "mentor", "Classroom management", 2),
        RatingPoint(D(2026, 11, 1), "self", "Classroom management", 4),
        RatingPoint(D(2026, 11, 3), "mentor", "Classroom management", 3),
        RatingPoint(D(2026, 9, 2), "self", "Student engagement", 3),
    ]
    rows = growth(points, order=["Classroom management", "Lesson planning", "Student engagement"])
    assert [r.competency for r in rows] == ["Classroom management", "Lesson planning", "Student engagement"]
    cm = rows[0]
    assert cm.self_change == 2 and cm.mentor_change == 1 and cm.gap == 1
    assert rows[1].self_levels == [] and rows[1].gap is None
    assert rows[2].self_change is None  # one rating is no change yet
    assert level_name(1) == "Beginning" and level_name(5) == "Innovating"


def test_since_last_in_words() -> None:
    from mentorlog.rules.cadence import since_last

    assert [since_last(d) for d in (None, 0, 1, 9)] == [
        "no sessions yet", "last session today", "last session yesterday", "last session 9 d ago",
    ]  # fmt: skip
