"""Relationship health from what a scope takes (the whole journal, or what an export carries),
on the dashboard and in Markdown."""

from __future__ import annotations

import datetime as dt

from mentorlog.db import Journal
from mentorlog.journal import entries, pairs
from mentorlog.journal.health import pair_health
from mentorlog.journal.sharing import Scope
from mentorlog.models import Pair
from mentorlog.rules import health
from tests.conftest import TODAY, Run


def test_the_whole_journal_measures_what_the_demo_holds(demo: tuple[Journal, Pair]) -> None:
    journal, pair = demo
    from_journal = pair_health(journal.connection, pair, today=TODAY)
    assert from_journal == pair_health(journal.connection, pair, today=TODAY, scope=Scope(include_private=True))
    assert from_journal.median_days_between == 14 and from_journal.confidence.direction == "rising"
    assert from_journal.actions_on_time.counted > 0 and from_journal.growth.rater == "mentor"


def test_an_export_that_leaves_private_entries_out_measures_without_them(demo: tuple[Journal, Pair]) -> None:
    journal, pair = demo
    with journal.write() as s:
        entries.add_entry(s, pair, kind="reflection", on=TODAY, title="Rough day", confidence=1, private=True)
    everything = pair_health(journal.connection, pair, today=TODAY)
    shared = pair_health(journal.connection, pair, today=TODAY, scope=Scope())
    assert everything.confidence.latest == 1
    assert shared.confidence.latest != 1, "a private reflection never shapes a figure that leaves the file"


def test_status_and_the_markdown_export_show_the_figures(demo: tuple[Journal, Pair], run: Run) -> None:
    journal, pair = demo
    with journal.read() as s:
        figures = pair_health(s, pair, today=TODAY)
    lines = health.describe(figures, cadence_days=pair.cadence_days)
    status = run("--db", str(journal.path), "status")
    assert status.code == 0 and "Relationship health" in status.out
    assert all(f"  {line}" in status.out for line in lines)
    exported = run("--db", str(journal.path), "export", "--include-private")
    section = exported.out.split("## Relationship health\n\n", 1)[1].split("\n## ", 1)[0]
    assert all(f"- {line}" in section for line in lines)
    first = figures.months[0]
    assert f"| {first.first_day:%Y-%m} | {first.held} | {first.planned:.1f} | {health.heat(first)} |" in section


def test_a_pair_that_ended_is_measured_to_its_end(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        for day in (1, 15, 29):
            entries.add_entry(s, pair, kind="session", on=dt.date(2026, 9, day), title=f"Session {day}")
        s.execute("UPDATE pair SET started_on = '2026-09-01', ended_on = '2026-09-30' WHERE id = ?", (pair.id,))
    ended = pairs.get_pair(journal.connection, pair.id or 0)
    figures = pair_health(journal.connection, ended, today=TODAY)
    assert [(m.first_day, m.held) for m in figures.months] == [(dt.date(2026, 9, 1), 3)]
    assert figures.median_days_between == 14


def test_action_items_on_time_are_counted_by_their_due_dates(journal: Journal, pair: Pair) -> None:
    from mentorlog.journal import actions

    for due, done in (
        (dt.date(2026, 11, 1), dt.date(2026, 10, 30)),  # early: on time
        (dt.date(2026, 11, 1), dt.date(2026, 11, 1)),  # on the day: on time
        (dt.date(2026, 11, 1), dt.date(2026, 11, 5)),  # late
        (dt.date(2026, 11, 10), None),  # open and past due: late already
        (dt.date(2026, 12, 1), None),  # open, not due yet: not counted
        (TODAY, None),  # due today: not late yet
        (None, dt.date(2026, 11, 3)),  # no due date: cannot be late
    ):
        item = actions.add_action(journal.connection, pair, f"due {due}", due_on=due)
        if done is not None:
            actions.complete_action(journal.connection, pair, item.id or 0, on=done)
    rate = pair_health(journal.connection, pair, today=TODAY).actions_on_time
    assert (rate.hit, rate.counted) == (2, 4) and rate.percent == 50


def test_a_session_after_the_end_is_not_the_pairs_rhythm(journal: Journal, pair: Pair) -> None:
    for on in (dt.date(2026, 3, 5), dt.date(2026, 4, 2), dt.date(2026, 9, 1)):
        entries.add_entry(journal.connection, pair, kind="session", on=on, title=f"Session {on}")
    with journal.write() as s:
        s.execute("UPDATE pair SET started_on = '2026-03-01', ended_on = '2026-04-15' WHERE id = ?", (pair.id,))
    figures = pair_health(journal.connection, pairs.get_pair(journal.connection, pair.id or 0), today=TODAY)
    assert [(m.first_day, m.held) for m in figures.months] == [(dt.date(2026, 3, 1), 1), (dt.date(2026, 4, 1), 1)]
    assert figures.median_days_between == 28, "measured to the end"
