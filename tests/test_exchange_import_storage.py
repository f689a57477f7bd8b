"""An import stores records as the journal's own writes store them, and keeps the search index whole."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mentorlog.db import Journal, open_journal
from mentorlog.db.integrity import check_journal
from mentorlog.exchange import json_import
from mentorlog.exchange.json_export import to_document
from mentorlog.exchange.json_import import import_pairs, read_document
from mentorlog.exchange.md_text import _risky
from mentorlog.exchange.options import ExportOptions
from mentorlog.journal import entries, pairs, timeline
from mentorlog.journal.sharing import Scope
from mentorlog.models import Pair
from tests.journals import TODAY

# Every column whose stored form is not what Python holds: dates, stamps, booleans, JSON lists.
TYPED = {
    "entry": 'uid, "on", private, strengths, growth_areas, next_session_on, created_at, updated_at, title, body',
    "action_item": "uid, due_on, done_on, created_at, updated_at, text",
    "rating": "uid, level, evidence, created_at, updated_at",
}


def stored(journal: Journal, table: str) -> list[tuple[Any, ...]]:
    return journal.connection.execute(f"SELECT {TYPED[table]} FROM {table} ORDER BY uid").fetchall()


def triggers(journal: Journal) -> list[str]:
    found = journal.connection.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
    return [r[0] for r in found]


def imported(demo: tuple[Journal, Pair], tmp_path: Path) -> Journal:
    journal, _ = demo
    with journal.read() as s:
        document = to_document(s, ExportOptions(pairs.resolve_pair(s, None), TODAY, Scope(include_private=True)))
    into = open_journal(tmp_path / "into.db", create=True)
    import_pairs(into.connection, read_document(json.dumps(document), "demo.json"), role="mentor")
    return into


def test_imported_rows_are_stored_as_the_journals_own_writes_store_them(
    demo: tuple[Journal, Pair], tmp_path: Path
) -> None:
    journal, _ = demo
    into = imported(demo, tmp_path)
    try:
        for table in TYPED:
            assert stored(into, table) == stored(journal, table), table
    finally:
        into.close()


def test_a_large_import_rebuilds_search_once_and_leaves_it_live(
    demo: tuple[Journal, Pair], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal, _ = demo
    monkeypatch.setattr(json_import, "BULK_FROM", 0)  # the demo is small: let the ratio decide
    rebuilt: list[bool] = []
    decide = json_import._rebuild_search
    monkeypatch.setattr(json_import, "_rebuild_search", lambda s, p: rebuilt.append(decide(s, p)) or rebuilt[-1])
    into = imported(demo, tmp_path)
    try:
        assert rebuilt == [True], "everything into an empty journal rebuilds"
        assert triggers(into) == triggers(journal), "the search triggers are back"
        assert all(problem.ok for problem in check_journal(into.found)), "the search index matches the records"
        with into.read() as s:
            pair = pairs.resolve_pair(s, None)
            titles = {i.title for i in timeline.page(s, pair, timeline.Filters(search="transitions"), limit=500)}
        with journal.read() as s:
            pair = pairs.resolve_pair(s, None)
            expected = {i.title for i in timeline.page(s, pair, timeline.Filters(search="transitions"), limit=500)}
        assert titles == expected and titles
        with into.write() as s:
            entries.add_entry(s, pairs.resolve_pair(s, None), kind="note", on=TODAY, title="Zebra crossing drill")
        with into.read() as s:
            found = timeline.page(s, pairs.resolve_pair(s, None), timeline.Filters(search="zebra"))
        assert [i.title for i in found] == ["Zebra crossing drill"], "a record written after the import is indexed"
    finally:
        into.close()


def test_a_few_records_into_a_larger_journal_go_through_the_triggers(
    demo: tuple[Journal, Pair], monkeypatch: pytest.MonkeyPatch
) -> None:
    journal, _ = demo
    with journal.read() as s:
        document = to_document(s, ExportOptions(pairs.resolve_pair(s, None), TODAY, Scope(include_private=True)))
    pair = document["pairs"][0]
    few = {**pair, **{name: [] for name in ("competencies", "tags", "goals", "milestones", "progress_updates")}}
    few |= {"entries": pair["entries"][:3], "ratings": [], "action_items": []}
    monkeypatch.setattr(json_import, "BULK_FROM", 0)  # the ratio alone decides
    with journal.read() as s:
        assert not json_import._rebuild_search(s, read_document(json.dumps({**document, "pairs": [few]}), "x"))


OLD_RISKY = re.compile(r"[#`~<]|^[ \t>]*(?:=+|-+)[ \t]*$", re.MULTILINE)


@given(st.text(alphabet="#`~<=->x \t\n", max_size=30))
@example("a\n===")
@example("> -- \nx")
@example("x - y")
def test_the_quick_risk_check_agrees_with_the_pattern_it_replaced(text: str) -> None:
    assert _risky(text) == bool(OLD_RISKY.search(text))


def test_a_second_import_writes_nothing_and_a_newer_record_is_one_edit(
    demo: tuple[Journal, Pair], tmp_path: Path
) -> None:
    into = imported(demo, tmp_path)
    try:
        journal, _ = demo
        with journal.read() as s:
            document = to_document(s, ExportOptions(pairs.resolve_pair(s, None), TODAY, Scope(include_private=True)))
        before = into.connection.total_changes
        report = import_pairs(into.connection, read_document(json.dumps(document), "demo.json"), role="mentor")
        assert report.changed == 0 and into.connection.total_changes == before, "not a row written"
        goal = document["pairs"][0]["goals"][0]
        goal |= {"updated_at": "2030-01-01T00:00:00.000000+00:00", "title": "Renamed over there"}
        report = import_pairs(into.connection, read_document(json.dumps(document), "demo.json"), role="mentor")
        assert report.counts["goals"].updated == 1 and report.changed == 1, "only the record the file changes"
        kept = into.connection.execute("SELECT kind, record_uid, payload FROM revision").fetchall()
        assert [(kind, uid) for kind, uid, _ in kept] == [("goal", goal["uid"])], "the version it replaced is kept"
        assert json.loads(kept[0][2])["title"] != "Renamed over there"
    finally:
        into.close()
