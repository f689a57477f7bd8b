"""The demo journal holds a realistic induction pair's first three months."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mentorlog.db import Journal
from mentorlog.db.integrity import check_journal
from mentorlog.db.tables import ENTRY
from mentorlog.demo import build_demo
from mentorlog.journal import actions, assessments, goals, timeline
from tests.conftest import Run

TODAY = dt.date(2026, 11, 22)


def test_demo_covers_every_record_kind(journal: Journal) -> None:
    with journal.write() as s:
        pair = build_demo(s, today=TODAY)
    with journal.read() as s:
        entries = ENTRY.select(s, order='"on", id')
        views = goals.list_goals(s, pair, today=TODAY)
        open_items = actions.list_actions(s, pair, today=TODAY)
        every_item = actions.list_actions(s, pair, today=TODAY, include_done=True)
        grown = assessments.pair_growth(s, pair)
        items = timeline.page(s, pair, limit=500)

    span = (entries[-1].on - entries[0].on).days
    assert 75 <= span <= 95 and entries[-1].on <= TODAY
    kinds = {e.kind for e in entries}
    assert kinds == {"session", "observation", "reflection", "assessment", "note"}

    sessions = [e for e in entries if e.kind == "session"]
    assert len(sessions) >= 6 and all(e.agenda and e.next_session_on and e.usefulness for e in sessions)
    observations = [e for e in entries if e.kind == "observation"]
    assert all(e.strengths and e.growth_areas and e.agreed_next_step for e in observations)
    confidence = [e.confidence for e in entries if e.kind == "reflection"]
    assert confidence[0] < confidence[-1] and confidence == sorted(confidence)  # type: ignore[type-var]

    assert {v.goal.status for v in views} >= {"active", "achieved", "draft"}
    assert any(v.updates and v.goal.kind == "number" for v in views)
    assert any(v.milestones and any(m.done_on for m in v.milestones) for v in views)
    assert any(v.pace == "behind" for v in views) and any(v.pace == "on track" for v in views)

    assert any(i.due_on and i.due_on < TODAY for i in open_items), "one action item is overdue"
    assert len(every_item) > len(open_items), "some were carried out"

    first = next(g for g in grown if g.competency == "Classroom management")
    assert len(first.self_levels) == 2 and len(first.mentor_levels) == 2
    assert (first.self_levels[1][0] - first.self_levels[0][0]).days >= 55  # after two months
    assert first.self_change and first.self_change > 0

    assert any(e.private for e in entries)
    assert {i.event for i in items} >= {"entry", "goal set", "progress", "milestone", "achieved"}
    assert all(f.ok for f in check_journal(journal.found))


def test_a_journal_at_scale_is_realistic_and_the_same_for_a_seed(run: Run, tmp_path: Path) -> None:
    from mentorlog.db import open_journal
    from mentorlog.journal import pairs
    from tests.test_exchange_json import dump

    first, second, other = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"
    made = run("demo", "--no-tui", "--entries", "1200", "--seed", "7", "--db", str(first))
    assert made.code == 0 and "Journal of 1,200 entries (seed 7)" in made.out
    assert run("demo", "--no-tui", "--entries", "1200", "--seed", "7", "--db", str(second)).code == 0
    assert run("demo", "--no-tui", "--entries", "1200", "--seed", "8", "--db", str(other)).code == 0
    journals = [open_journal(path) for path in (first, second, other)]
    try:
        assert dump(journals[0]) == dump(journals[1]), "the same seed gives the same journal, uids and times too"
        assert dump(journals[0]) != dump(journals[2])
        with journals[0].read() as s:
            found = pairs.list_pairs(s)
            assert len(found) >= 2 and sum(p.entries for p in found) == 1200
            entries = ENTRY.select(s)
            assert {e.kind for e in entries} == {"session", "observation", "reflection", "assessment", "note"}
            assert (max(e.on for e in entries) - min(e.on for e in entries)).days > 365 // 2
            pair = found[0].pair
            assert goals.list_goals(s, pair, today=TODAY)
            assert actions.list_actions(s, pair, today=TODAY, include_done=True)
            assert timeline.page(s, pair, timeline.Filters(search="transitions"), limit=5), "searchable"
    finally:
        for journal in journals:
            journal.close()
    assert run("check", "--db", str(first)).code == 0, "integrity, references and both search indexes agree"
    refused = run("demo", "--no-tui", "--entries", "0", "--db", str(tmp_path / "d.db"))
    assert refused.code == 1 and "--entries must be from 1" in refused.err


def test_a_generated_pair_of_any_size_starts_on_a_date_the_journal_holds() -> None:
    """`demo --entries 100000 --pairs 1` wrote entries before 1900, which its own export could not import."""
    from mentorlog.demo_scale import MAX_ENTRIES, span_days
    from mentorlog.validate import EARLIEST

    for entries in (1, 5_000, 66_000, 100_000, MAX_ENTRIES):
        assert TODAY - dt.timedelta(days=span_days(entries)) >= EARLIEST, entries


def test_a_generated_journal_exports_a_file_it_imports_again_identically(run: Run, tmp_path: Path) -> None:
    made, copy = tmp_path / "made.db", tmp_path / "copy.db"
    first, again = tmp_path / "first.json", tmp_path / "again.json"
    assert run("demo", "--no-tui", "--entries", "1500", "--pairs", "2", "--seed", "3", "--db", str(made)).code == 0
    for pair in ("1", "2"):
        assert run("--db", str(made), "--pair", pair, "export", "--format", "json", "--include-private",
                   "--with-history", "--out", str(first)).code == 0  # fmt: skip
        imported = run("--db", str(copy), "import", str(first), "--as", "mentor")
        assert imported.code == 0, imported.err
        assert run("--db", str(copy), "--pair", pair, "export", "--format", "json", "--include-private",
                   "--with-history", "--out", str(again)).code == 0  # fmt: skip
        strip = [line for line in first.read_text().splitlines() if '"exported_at"' not in line]
        assert strip == [line for line in again.read_text().splitlines() if '"exported_at"' not in line], pair
