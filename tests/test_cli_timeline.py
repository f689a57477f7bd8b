"""`mentorlog timeline` prints the page journal.timeline reads (the TUI's journal screen reads it too)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from mentorlog.db import Journal
from mentorlog.journal import timeline
from mentorlog.journal.timeline import Filters
from mentorlog.models import Pair
from tests.conftest import Run
from tests.heavy_modules import heavy_after

FIXTURES = Path(__file__).parent / "fixtures"

ASKED: list[tuple[tuple[str, ...], Filters, int]] = [
    ((), Filters(), 50),
    (("--limit", "7"), Filters(), 7),
    (("--kind", "session", "--kind", "goal"), Filters(kinds=frozenset({"session", "goal"})), 50),
    (("--kind", "goal", "--limit", "100"), Filters(kinds=frozenset({"goal"})), 100),
    (("--search", "transitions"), Filters(search="transitions"), 50),
    (("--search", "trans*", "--kind", "observation"), Filters(search="trans*", kinds=frozenset({"observation"})), 50),
    (("--tag", "#Planning"), Filters(tag="#Planning"), 50),
    (("--author", "mentee"), Filters(author="mentee"), 50),
    (("--goal", "1"), Filters(goal_id=1), 50),
    (("--from", "2026-09-01", "--to", "2026-10-31"), Filters(start=dt.date(2026, 9, 1), end=dt.date(2026, 10, 31)), 50),
]


@pytest.mark.parametrize(("asked", "filters", "limit"), ASKED, ids=[" ".join(a) or "plain" for a, _, _ in ASKED])
def test_the_timeline_prints_the_page_the_journal_reads(
    demo: tuple[Journal, Pair], run: Run, asked: tuple[str, ...], filters: Filters, limit: int
) -> None:
    journal, pair = demo
    printed = run("--db", str(journal.path), "timeline", *asked)
    assert printed.code == 0 and printed.out.strip(), printed.err
    page = timeline.page(journal.connection, pair, filters, limit=limit)
    assert page, "the demo journal has something for each"
    lines = printed.out.splitlines()
    assert len(lines) == len(page)
    for line, item in zip(lines, page, strict=True):
        assert line.startswith(f"{item.on}  {item.kind:<11}") and item.title in line
    as_json = json.loads(run("--db", str(journal.path), "timeline", "--json", *asked).out)
    assert [(i["on"], i["kind"], i["id"]) for i in as_json] == [(str(i.on), i.kind, i.ref_id) for i in page]


def test_the_timeline_loads_neither_sqlalchemy_nor_textual(demo: tuple[Journal, Pair]) -> None:
    journal, _ = demo
    db = ["--db", str(journal.path)]
    assert heavy_after([*db, "timeline"], [*db, "timeline", "--search", "timer", "--json"]) == ([0, 0], [])


def test_a_pair_by_name_an_unknown_pair_and_an_older_file(tmp_path: Path, run: Run) -> None:
    db = str(tmp_path / "j.db")
    assert run("--db", db, "init", "--mentor", "Ana Lopez", "--mentee", "Sam Rivera").code == 0
    assert run("--db", db, "log", "note", "Timer routine worked").code == 0
    by_name = run("--db", db, "timeline", "--pair", "Sam")
    assert by_name.code == 0 and "Timer routine worked" in by_name.out
    unknown = run("--db", db, "timeline", "--pair", "7")
    assert (unknown.code, unknown.err.strip()) == (1, "mentorlog: no pair #7 (see 'mentorlog pairs --all')")
    nothing = run("--db", db, "timeline", "--search", "***")
    assert (nothing.code, nothing.err.strip()) == (1, "mentorlog: nothing to search for in '***'")
    old = tmp_path / "v1.db"
    old.write_bytes(gzip.decompress((FIXTURES / "journal-v1.db.gz").read_bytes()))
    migrated = run("--db", str(old), "timeline")
    assert migrated.code == 0 and "upgraded" in migrated.err
