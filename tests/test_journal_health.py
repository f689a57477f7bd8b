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
