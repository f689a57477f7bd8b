"""The dashboard's overview reads a bounded number of rows however long the journal grows."""

from __future__ import annotations

import datetime as dt

from mentorlog.db import Journal
from mentorlog.journal import entries
from mentorlog.journal.assessments import SPARKLINE_POINTS
from mentorlog.journal.overview import overview
from mentorlog.models import Pair

TODAY = dt.date(2026, 11, 22)


def test_overview_queries_are_bounded(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        for n in range(200):
            on = TODAY - dt.timedelta(days=n)
            entries.add_entry(s, pair, kind="session", on=on, title=f"s{n}")
            entries.add_entry(s, pair, kind="reflection", on=on, title=f"r{n}", confidence=1 + n % 5)
    with journal.read() as s:
        view = overview(s, pair, today=TODAY)
    assert view.cadence.days_since_last == 0
    assert len(view.confidence) == SPARKLINE_POINTS
    assert view.confidence[-1][0] == TODAY and view.confidence[0][0] < view.confidence[-1][0]
    assert len(view.recent) == 6
    assert len(view.activity) <= 7 * 17


def test_last_session_asks_for_one_row(journal: Journal, pair: Pair) -> None:
    from tests.sql_trace import traced

    with traced(journal) as (connection, statements):
        entries.last_session(connection, pair)
    assert "LIMIT" in statements[-1]
