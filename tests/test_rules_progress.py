from __future__ import annotations

import datetime as dt

import pytest

from mentorlog.rules.progress import Pace, pace, percent, sparkline

D = dt.date


def number(
    values: list[float], baseline: float | None = 6, target: float | None = 2, status: str = "active"
) -> float | None:
    return percent(kind="number", status=status, baseline=baseline, target=target, values=values)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], 0.0),
        ([6], 0.0),
        ([5], 25.0),
        ([4], 50.0),
        ([2], 100.0),
        ([1], 100.0),  # past the target: clamped
        ([7], 0.0),  # worse than the baseline: clamped
        ([5, 3], 75.0),  # the latest value counts
    ],
)
def test_percent_for_a_goal_that_goes_down(values: list[float], expected: float) -> None:
    assert number(values) == expected


def test_percent_for_a_goal_that_goes_up() -> None:
    assert number([40], baseline=0, target=80) == 50.0
    assert number([90], baseline=0, target=80) == 100.0


def test_without_a_baseline_the_first_value_is_the_start() -> None:
    assert number([10, 15], baseline=None, target=20) == 50.0


def test_target_equal_to_baseline_is_done_only_when_reached() -> None:
    assert number([3], baseline=3, target=3) == 100.0
    assert number([4], baseline=3, target=3) == 0.0


def test_milestone_goal_uses_done_over_total() -> None:
    assert (
        percent(
            kind="milestones",
            status="active",
            baseline=None,
            target=None,
            values=[],
            milestones_done=3,
            milestones_total=4,
        )
        == 75.0
    )
    assert (
        percent(
            kind="number", status="active", baseline=None, target=None, values=[], milestones_done=1, milestones_total=4
        )
        == 25.0
    )
    assert percent(kind="milestones", status="active", baseline=None, target=None, values=[]) is None


def test_yes_no_goal_and_achieved_goal() -> None:
    assert percent(kind="yes-no", status="active", baseline=None, target=1, values=[0]) == 0.0
    assert percent(kind="yes-no", status="active", baseline=None, target=1, values=[1]) == 100.0
    assert number([6], status="achieved") == 100.0


START, DUE = D(2026, 9, 1), D(2026, 12, 10)  # 100 days


@pytest.mark.parametrize(
    ("progress", "today", "expected"),
    [
        (50.0, D(2026, 10, 21), Pace.ON_TRACK),  # half the time, half the way
        (45.0, D(2026, 10, 21), Pace.ON_TRACK),  # within tolerance
        (70.0, D(2026, 10, 21), Pace.AHEAD),
        (20.0, D(2026, 10, 21), Pace.BEHIND),
        (None, D(2026, 10, 21), Pace.BEHIND),
        (0.0, START, Pace.ON_TRACK),
        (99.0, D(2026, 12, 11), Pace.OVERDUE),
        (90.0, DUE, Pace.ON_TRACK),  # due today is not yet overdue
        (100.0, D(2027, 1, 1), Pace.DONE),
    ],
)
def test_pace(progress: float | None, today: dt.date, expected: Pace) -> None:
    assert pace(progress, start=START, due=DUE, today=today) == expected


def test_pace_is_unknown_without_dates_and_done_when_achieved() -> None:
    assert pace(50, start=START, due=None, today=START) is None
    assert pace(50, start=None, due=DUE, today=START) is None
    assert pace(10, start=START, due=DUE, today=D(2027, 1, 1), status="achieved") == Pace.DONE


def test_pace_when_due_on_the_start_day() -> None:
    assert pace(10, start=START, due=START, today=START) == Pace.BEHIND


def test_sparkline() -> None:
    assert sparkline([]) == ""
    assert sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█"
    assert sparkline([6, 2]) == "█▁"
    assert sparkline([3, 3]) == "▄▄"
    assert sparkline([1, float("nan"), 2]) == "▁█"
