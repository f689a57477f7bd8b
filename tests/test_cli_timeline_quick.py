"""`mentorlog timeline` reads on a bare sqlite3 connection when it can, and says the same as the full open."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from mentorlog.db import Journal
from mentorlog.models import Pair
from tests.conftest import Run
from tests.heavy_modules import heavy_after

FIXTURES = Path(__file__).parent / "fixtures"

ASKED = [
    (),
    ("--limit", "7"),
    ("--kind", "session", "--kind", "goal"),
    ("--kind", "goal", "--limit", "100"),
    ("--search", "transitions"),
    ("--search", "trans*", "--kind", "observation"),
    ("--tag", "#Planning"),
    ("--author", "mentee"),
    ("--goal", "1"),
    ("--from", "2026-09-01", "--to", "2026-10-31"),
    ("--json", "--limit", "12"),
]


@pytest.mark.parametrize("asked", ASKED, ids=[" ".join(a) or "plain" for a in ASKED])
def test_the_quick_read_prints_what_the_full_open_prints(
    demo: tuple[Journal, Pair], run: Run, monkeypatch: pytest.MonkeyPatch, asked: tuple[str, ...]
) -> None:
    journal, _ = demo
    db = ["--db", str(journal.path)]
    quick = run(*db, "timeline", *asked)
    assert quick.code == 0 and quick.out.strip(), quick.err
    monkeypatch.setattr("mentorlog.db.quick.connect_current", lambda _path: None)  # as for an old file
    full = run(*db, "timeline", *asked)
    assert (full.code, full.out, full.err) == (quick.code, quick.out, quick.err)


def test_the_timeline_loads_neither_sqlalchemy_nor_textual(demo: tuple[Journal, Pair]) -> None:
    journal, _ = demo
    db = ["--db", str(journal.path)]
    assert heavy_after([*db, "timeline"], [*db, "timeline", "--search", "timer", "--json"]) == ([0, 0], [])


def test_what_the_quick_read_cannot_take_the_full_open_reads_or_explains(tmp_path: Path, run: Run) -> None:
    db = str(tmp_path / "j.db")
    assert run("--db", db, "init", "--mentor", "Ana Lopez", "--mentee", "Sam Rivera").code == 0
    assert run("--db", db, "log", "note", "Timer routine worked").code == 0
    by_name = run("--db", db, "timeline", "--pair", "Sam")
    assert by_name.code == 0 and "Timer routine worked" in by_name.out
    unknown = run("--db", db, "timeline", "--pair", "7")
    assert (unknown.code, unknown.err.strip()) == (1, "mentorlog: no pair #7 (see 'mentorlog pairs')")
    nothing = run("--db", db, "timeline", "--search", "***")
    assert (nothing.code, nothing.err.strip()) == (1, "mentorlog: nothing to search for in '***'")
    old = tmp_path / "v1.db"
    old.write_bytes(gzip.decompress((FIXTURES / "journal-v1.db.gz").read_bytes()))
    migrated = run("--db", str(old), "timeline")
    assert migrated.code == 0 and "upgraded" in migrated.err
