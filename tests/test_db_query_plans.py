"""The hot paths stay indexed: SQLite's own query plan for every SELECT the timeline,
search and goal list run, checked for a scan of a whole table.

On a five-year journal a scan of `entry` turns a 1 ms page into a 100 ms one; the
benchmark measures the time, this test keeps the reason from coming back.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from mentorlog.db import Journal
from mentorlog.journal import goals, timeline
from mentorlog.journal.timeline import Filters
from mentorlog.models import Pair
from tests.sql_trace import traced

TODAY = dt.date(2026, 11, 22)
# A plan step that reads a table start to end: "SCAN entry", or "SCAN entry USING INDEX x" (every row, in order).
WHOLE_TABLE = re.compile(r"^SCAN (?!.*VIRTUAL TABLE)(?!\(subquery)(?!CONSTANT ROW)(\w+)")


@contextmanager
def plans(journal: Journal) -> Iterator[tuple[sqlite3.Connection, list[tuple[str, list[str]]]]]:
    """A read session, and the plan of every SELECT run in it: (sql, plan steps)."""
    found: list[tuple[str, list[str]]] = []
    with traced(journal) as (s, statements):
        yield s, found
        raw = s
        raw.set_trace_callback(None)
        for sql in statements:
            if sql.lstrip().upper().startswith("SELECT"):
                steps = [row[3] for row in raw.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()]
                found.append((sql, steps))


def scans(found: list[tuple[str, list[str]]]) -> list[str]:
    return [f"{step}  <-  {sql[:160]}" for sql, steps in found for step in steps if WHOLE_TABLE.match(step)]


def entry_steps(found: list[tuple[str, list[str]]]) -> list[str]:
    return [step for sql, steps in found if "FROM entry" in sql for step in steps if " entry " in f" {step} "]


PAGES: list[tuple[str, Callable[[Pair], Filters]]] = [
    ("everything", lambda _: Filters()),
    ("one kind", lambda _: Filters(kinds={"session"})),
    ("a tag", lambda _: Filters(tag="planning")),
    ("an author", lambda _: Filters(author="mentee")),
    ("a goal's evidence", lambda _: Filters(goal_id=1)),
    ("a date range", lambda _: Filters(start=dt.date(2026, 9, 1), end=dt.date(2026, 10, 31))),
    ("private too", lambda _: Filters(include_private=True)),
    ("a search", lambda _: Filters(search="transitions")),
    ("a search and a kind", lambda _: Filters(search="timer", kinds={"observation"})),
]


@pytest.mark.parametrize(("name", "filters"), PAGES, ids=[name for name, _ in PAGES])
def test_a_timeline_page_and_the_next_never_scan_a_table(
    demo: tuple[Journal, Pair], name: str, filters: Callable[[Pair], Filters]
) -> None:
    journal, pair = demo
    with plans(journal) as (s, found):
        first = timeline.page(s, pair, filters(pair), limit=5)
        assert first, f"the demo journal has something for {name}"
        timeline.page(s, pair, filters(pair), after=first[-1].key, limit=5)
    assert found and not scans(found), "\n".join(scans(found))
    # Entries are found through the (pair, date, id) index, seeking to the page, not reading all of a pair.
    assert entry_steps(found) and all(step.startswith("SEARCH entry USING") for step in entry_steps(found))


def test_the_next_page_seeks_to_where_the_last_one_ended(demo: tuple[Journal, Pair]) -> None:
    journal, pair = demo
    with plans(journal) as (s, found):
        first = timeline.page(s, pair, limit=5)
        found.clear()
        timeline.page(s, pair, after=first[-1].key, limit=5)
    steps = entry_steps(found)
    assert any(re.search(r"\(pair_id=\? AND on<\?\)", step) for step in steps), steps


def test_the_goal_list_never_scans_a_table(demo: tuple[Journal, Pair]) -> None:
    journal, pair = demo
    with plans(journal) as (s, found):
        assert goals.list_goals(s, pair, today=TODAY)
    assert found and not scans(found), "\n".join(scans(found))


def test_the_check_catches_a_scan() -> None:
    """The pattern itself: what a missing index would look like, and what is fine."""
    assert WHOLE_TABLE.match("SCAN entry")
    assert WHOLE_TABLE.match("SCAN entry USING INDEX ix_entry_pair_on")
    assert not WHOLE_TABLE.match("SEARCH entry USING INDEX ix_entry_pair_on (pair_id=?)")
    assert not WHOLE_TABLE.match("SCAN entry_fts VIRTUAL TABLE INDEX 0:M2")
    assert not WHOLE_TABLE.match("SCAN (subquery-1)")


def test_without_the_timeline_index_the_check_fails(demo: tuple[Journal, Pair]) -> None:
    journal, pair = demo
    with journal.write() as connection:
        connection.execute("DROP INDEX ix_entry_pair_on")
        connection.execute("DROP INDEX ix_entry_pair_kind_on")
    with plans(journal) as (s, found):
        timeline.page(s, pair, limit=5)
    assert any("entry" in line for line in scans(found))


def test_the_growth_ends_never_scan_a_table_with_a_38_element_rubric(demo: tuple[Journal, Pair]) -> None:
    """Status, prep and the health figures read each competency's first and latest rating: a competency never or
    seldom rated (most of a 38-element rubric) is read by its own ratings, not by walking every assessment."""
    from mentorlog.journal import assessments, rubric
    from mentorlog.rubric_presets import PRESETS

    journal, pair = demo
    with journal.write() as s:
        rubric.apply_preset(s, pair, PRESETS["cstp-elements"], on=TODAY)
        assessments.record_assessment(s, pair, [assessments.RatingInput("CSTP 2.3", 3)], rater="mentor", on=TODAY)
    with plans(journal) as (s, found):
        growth = assessments.pair_growth(s, pair, ends=True)
    assert found and not scans(found), "\n".join(scans(found))
    rated = {row.competency: row for row in growth if row.mentor_levels}
    assert [level for _, level in rated["Establishing and maintaining learning environments that are physically, "
                                         "intellectually, and emotionally safe"].mentor_levels] == [3]  # fmt: skip
    assert len(rated) == 10  # the nine the demo rated (retired now, their ratings kept) and the new one
