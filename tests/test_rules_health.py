"""Relationship health figures, each from plain records, with the edge cases a real pair meets."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from mentorlog.rules import health
from mentorlog.rules.growth import CompetencyGrowth

D = dt.date
TODAY = D(2026, 11, 22)


def by_month(days: Iterable[dt.date]) -> Counter[dt.date]:
    """Sessions per month, as the journal counts them."""
    return Counter(day.replace(day=1) for day in days)


def test_months_count_sessions_against_the_cadence() -> None:
    found = health.months(
        by_month([D(2026, 9, 3), D(2026, 9, 17), D(2026, 10, 1), D(2026, 11, 20)]),
        started_on=D(2026, 9, 1),
        ended_on=None,
        today=TODAY,
        cadence_days=14,
    )
    assert [(m.first_day, m.held) for m in found] == [(D(2026, 9, 1), 2), (D(2026, 10, 1), 1), (D(2026, 11, 1), 1)]
    assert [round(m.planned, 2) for m in found] == [round(30 / 14, 2), round(31 / 14, 2), round(22 / 14, 2)]
    assert found[0].ratio is not None and round(found[0].ratio, 2) == round(2 / (30 / 14), 2)


def test_months_with_no_sessions_yet_are_all_empty() -> None:
    found = health.months({}, started_on=D(2026, 11, 10), ended_on=None, today=TODAY, cadence_days=7)
    assert [(m.first_day, m.held, round(m.planned, 2)) for m in found] == [(D(2026, 11, 1), 0, round(13 / 7, 2))]


def test_a_pair_that_ended_is_measured_to_its_end() -> None:
    found = health.months(
        by_month([D(2026, 3, 5), D(2026, 4, 2)]),
        started_on=D(2026, 3, 1),
        ended_on=D(2026, 4, 15),
        today=TODAY,
        cadence_days=14,
    )
    assert [(m.first_day, m.held) for m in found] == [(D(2026, 3, 1), 1), (D(2026, 4, 1), 1)]
    assert round(found[-1].planned, 2) == round(15 / 14, 2)


def test_a_start_in_the_future_has_no_months() -> None:
    assert health.months({}, started_on=D(2027, 1, 1), ended_on=None, today=TODAY, cadence_days=14) == []


def test_months_cross_the_year_end() -> None:
    found = health.months(by_month([D(2026, 12, 20)]), started_on=D(2026, 12, 1), ended_on=None, today=D(2027, 1, 5),
                          cadence_days=14)  # fmt: skip
    assert [(m.first_day, m.held) for m in found] == [(D(2026, 12, 1), 1), (D(2027, 1, 1), 0)]


def test_median_days_between_sessions() -> None:
    assert health.median_days_between([]) is None
    assert health.median_days_between([D(2026, 9, 1)]) is None, "one session has no gap"
    assert health.median_days_between([D(2026, 9, 1), D(2026, 9, 15)]) == 14
    assert health.median_days_between([D(2026, 9, 29), D(2026, 9, 1), D(2026, 9, 8), D(2026, 9, 22)]) == 7
    assert health.median_days_between([D(2026, 9, 1), D(2026, 9, 1), D(2026, 9, 11)]) == 10, "two on one day: one gap"


def test_goals_on_time() -> None:
    goals = [
        (D(2026, 11, 1), D(2026, 10, 20), "achieved"),
        (D(2026, 10, 1), D(2026, 10, 20), "achieved"),  # achieved late
        (D(2026, 10, 1), None, "active"),  # missed so far
        (D(2026, 10, 1), None, "paused"),  # missed so far
        (D(2027, 1, 1), None, "active"),  # not due yet
        (D(2026, 10, 1), None, "dropped"),
        (D(2026, 10, 1), None, "draft"),
        (None, D(2026, 10, 1), "achieved"),  # no due date
    ]
    rate = health.goals_on_time(goals, today=TODAY)
    assert (rate.hit, rate.counted) == (1, 4) and rate.percent == 25
    assert health.goals_on_time([], today=TODAY).percent is None


def test_trends() -> None:
    rising = health.trend([2, 2, 3, 4, 4, 5])
    assert rising.direction == "rising" and (rising.first, rising.latest) == (2, 5)
    assert health.trend([5, 4, 3]).direction == "falling"
    assert health.trend([3, 4, 3]).direction == "steady"
    gappy = health.trend([1, None, 3, 5])
    assert gappy.values == (1, 3, 5) and gappy.direction == "rising", "unrated entries are left out"
    few = health.trend([1, 5])
    assert few.direction is None and few.latest == 5
    assert health.trend([]) == health.Trend((), None) and health.trend([]).latest is None


def test_competency_growth_prefers_the_mentors_ratings() -> None:
    rows = [
        CompetencyGrowth("A", self_levels=[(D(2026, 9, 1), 2), (D(2026, 11, 1), 4)],
                         mentor_levels=[(D(2026, 9, 1), 1), (D(2026, 11, 1), 2)]),
        CompetencyGrowth("B", self_levels=[(D(2026, 9, 1), 3), (D(2026, 11, 1), 3)],
                         mentor_levels=[(D(2026, 9, 1), 2), (D(2026, 11, 1), 4)]),
        CompetencyGrowth("C", mentor_levels=[(D(2026, 9, 1), 2)]),  # rated once: no change yet
    ]  # fmt: skip
    assert health.competency_growth(rows) == health.Growth(1.5, 2, "mentor")
    only_self = [CompetencyGrowth("A", self_levels=[(D(2026, 9, 1), 3), (D(2026, 10, 1), 2)])]
    assert health.competency_growth(only_self) == health.Growth(-1.0, 1, "self")
    assert health.competency_growth([CompetencyGrowth("A")]) == health.Growth(None, 0, None)
    assert health.competency_growth([]) == health.Growth(None, 0, None)


def test_the_figures_in_words_with_data_and_without() -> None:
    rows = [CompetencyGrowth("A", mentor_levels=[(D(2026, 9, 1), 2), (D(2026, 11, 1), 3)])]
    days = [D(2026, 9, 1), D(2026, 9, 15), D(2026, 9, 29)]
    full = health.summarize(
        held=by_month(days),
        session_days=days,
        usefulness=[3, 4, 5],
        confidence=[4, 3, 2],
        actions_on_time=health.Rate(1, 2),
        goals=[(D(2026, 10, 1), D(2026, 9, 20), "achieved")],
        growth_rows=rows,
        started_on=D(2026, 9, 1),
        ended_on=None,
        today=TODAY,
        cadence_days=14,
    )
    assert health.describe(full, cadence_days=14) == [
        "Median 14 days between sessions (planned every 14)",
        "Action items closed on time: 1 of 2 (50%)",
        "Goals achieved on time: 1 of 1 (100%)",
        "Confidence (reflections): 4 → 2 of 5, falling",
        "Usefulness (sessions): 3 → 5 of 5, rising",
        "Competency growth: +1.0 levels on average since the first assessment (1 competency, the mentor's ratings)",
    ]
    assert health.compact(full, cadence_days=14) == [
        "sessions 14 d apart (plan 14 d)",
        "on time: actions 50% · goals 100%",
        "confidence ↓2/5 · usefulness ↑5/5",
        "competency growth +1.0 levels",
    ]
    empty = health.summarize(held={}, session_days=[], usefulness=[], confidence=[], actions_on_time=health.Rate(0, 0),
                             goals=[], growth_rows=[], started_on=TODAY, ended_on=None, today=TODAY,
                             cadence_days=7)  # fmt: skip
    assert health.describe(empty, cadence_days=7) == [
        "Days between sessions: after the second session",
        "Action items closed on time: none due yet",
        "Goals achieved on time: none due yet",
        "Confidence (reflections): a trend after 3 ratings",
        "Usefulness (sessions): a trend after 3 ratings",
        "Competency growth: after a second assessment",
    ]
    assert health.compact(empty, cadence_days=7) == [
        "sessions: under two so far (plan 7 d)",
        "on time: actions – · goals –",
        "confidence – · usefulness –",
        "competency growth – (needs two assessments)",
    ]
    assert [health.heat(m) for m in empty.months] == ["·"]
