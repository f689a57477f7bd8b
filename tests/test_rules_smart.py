from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from mentorlog.rules.smart import check_smart

TODAY = dt.date(2026, 11, 22)


@dataclass
class G:
    title: str = "Faster transitions"
    specific: str = "Cut transition time in period 3 using a timer"
    kind: str = "number"
    measure: str = "average transition time"
    unit: str = "min"
    target: float | None = 2.0
    achievable: str = "Countdown timer and a signal"
    relevant: str = "Lost minutes add up"
    competency: str | None = None
    due_on: dt.date | None = dt.date(2027, 1, 31)
    activated_on: dt.date | None = TODAY


def letters(goal: G, milestones: int = 0) -> dict[str, bool]:
    return {x.letter: x.passed for x in check_smart(goal, milestones=milestones, today=TODAY).letters}


def test_a_complete_goal_passes_every_letter() -> None:
    check = check_smart(G(), milestones=0, today=TODAY)
    assert check.passed
    assert check.badge() == "S✓ M✓ A✓ R✓ T✓"


@pytest.mark.parametrize(
    ("change", "letter"),
    [
        ({"specific": ""}, "S"),
        ({"specific": "Faster transitions"}, "S"),  # the title again is not specific
        ({"specific": "be better"}, "S"),
        ({"target": None}, "M"),
        ({"unit": ""}, "M"),
        ({"measure": ""}, "M"),
        ({"achievable": "  "}, "A"),
        ({"relevant": ""}, "R"),
        ({"due_on": None}, "T"),
        ({"due_on": TODAY}, "T"),  # due the day it is activated is not in the future
        ({"due_on": dt.date(2026, 1, 1)}, "T"),
    ],
)
def test_each_missing_part_fails_its_letter_with_a_hint(change: dict[str, object], letter: str) -> None:
    goal = G(**change)  # type: ignore[arg-type]
    check = check_smart(goal, milestones=0, today=TODAY)
    failing = {x.letter: x.hint for x in check.failing}
    assert list(failing) == [letter]
    assert failing[letter]


def test_milestones_satisfy_measurable_and_achievable() -> None:
    goal = G(target=None, measure="", unit="", achievable="")
    assert letters(goal) == {"S": True, "M": False, "A": False, "R": True, "T": True}
    assert letters(goal, milestones=2) == {"S": True, "M": True, "A": True, "R": True, "T": True}


def test_a_competency_makes_it_relevant() -> None:
    assert letters(G(relevant="", competency="Classroom management"))["R"]


def test_rubric_goal_is_measured_by_competency_and_target_level() -> None:
    assert letters(G(kind="rubric", measure="", unit="", target=4, competency="Instructional strategies"))["M"]
    assert not letters(G(kind="rubric", measure="", unit="", target=4, competency=None, relevant="x"))["M"]


def test_time_bound_is_judged_from_activation_not_from_today() -> None:
    # A goal activated in September and due in October stays time-bound once October has passed.
    goal = G(activated_on=dt.date(2026, 9, 1), due_on=dt.date(2026, 10, 1))
    assert letters(goal)["T"]


def test_hint_names_what_is_missing_for_a_measure() -> None:
    check = check_smart(G(target=None, unit=""), milestones=0, today=TODAY)
    hint = next(x.hint for x in check.failing if x.letter == "M")
    assert "numeric target" in hint and "unit" in hint and "milestone" in hint
