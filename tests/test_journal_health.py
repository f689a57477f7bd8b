"""Relationship health from the journal and from an export agree, and reach the dashboard text and Markdown."""

from __future__ import annotations

import datetime as dt

from mentorlog.db import Journal, rows
from mentorlog.exchange import records
from mentorlog.journal import entries
from mentorlog.journal.health import pair_health
from mentorlog.models import Pair
from mentorlog.rules import health
from tests.conftest import TODAY, Run


def test_the_journal_and_a_whole_export_measure_the_same(demo: tuple[Journal, Pair]) -> None:
    journal, pair = demo
    with journal.read() as s:
        connection = rows.driver(s)
        from_journal = pair_health(s, pair, today=TODAY)
        from_export = records.load(connection, pair.id or 0, records.Scope(include_private=True)).health(TODAY)
    assert from_journal == from_export
    assert from_journal.median_days_between == 14 and from_journal.confidence.direction == "rising"
    assert from_journal.actions_on_time.counted > 0 and from_journal.growth.rater == "mentor"


def test_an_export_that_leaves_private_entries_out_measures_without_them(demo: tuple[Journal, Pair]) -> None:
    journal, pair = demo
    with journal.write() as s:
        entries.add_entry(s, pair, kind="reflection", on=TODAY, title="Rough day", confidence=1, private=True)
    with journal.read() as s:
        connection = rows.driver(s)
        everything = pair_health(s, pair, today=TODAY)
        shared = records.load(connection, pair.id or 0, records.Scope()).health(TODAY)
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
        stored = s.get(Pair, pair.id)
        assert stored is not None
        stored.started_on, stored.ended_on = dt.date(2026, 9, 1), dt.date(2026, 9, 30)
    with journal.read() as s:
        ended = s.get(Pair, pair.id)
        assert ended is not None
        figures = pair_health(s, ended, today=TODAY)
    assert [(m.first_day, m.held) for m in figures.months] == [(dt.date(2026, 9, 1), 3)]
    assert figures.median_days_between == 14
