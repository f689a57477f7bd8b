from __future__ import annotations

import datetime as dt

from mentorlog.db import Journal
from mentorlog.journal import entries, goals, timeline
from mentorlog.journal.timeline import Filters
from mentorlog.models import Pair
from tests.sql_trace import traced

TODAY = dt.date(2026, 11, 22)


def fill(journal: Journal, pair: Pair) -> int:
    with journal.write() as s:
        goal_id = goals.add_goal(
            s,
            pair,
            title="Transitions",
            today=TODAY,
            set_on=TODAY - dt.timedelta(days=30),
            target=2,
            baseline=6,
            unit="min",
            measure="avg",
        )
        goal_id = goal_id.goal.id or 0
        for n in range(30):
            on = TODAY - dt.timedelta(days=n)
            kind = ("session", "note", "reflection")[n % 3]
            entries.add_entry(
                s,
                pair,
                kind=kind,
                on=on,
                title=f"{kind} {n}",
                tags=["even"] if n % 2 == 0 else [],
                goal_ids=[goal_id] if n % 5 == 0 else [],
                private=n == 7,
                author="mentee" if kind == "reflection" else "mentor",
            )
            if n % 4 == 0:
                goals.record_progress(s, pair, goal_id, 6 - n / 10, on=on, today=TODAY)
    return goal_id


def test_newest_first_with_goal_events_mixed_in(journal: Journal, pair: Pair) -> None:
    fill(journal, pair)
    with journal.read() as s:
        items = timeline.page(s, pair, limit=200)
    keys = [i.key for i in items]
    assert keys == sorted(keys, reverse=True)
    assert len([i for i in items if i.event == "entry"]) == 30
    assert len([i for i in items if i.event == "progress"]) == 8
    assert [i.event for i in items].count("goal set") == 1
    first_day = [i.event for i in items if i.on == TODAY]
    assert first_day == ["entry", "progress"]  # the day's entry before its goal event


def test_keyset_pages_cover_everything_once(journal: Journal, pair: Pair) -> None:
    fill(journal, pair)
    with journal.read() as s:
        everything = timeline.page(s, pair, limit=500)
        pages: list[timeline.TimelineItem] = []
        after = None
        while True:
            chunk = timeline.page(s, pair, after=after, limit=7)
            if not chunk:
                break
            pages.extend(chunk)
            after = chunk[-1].key
    assert [i.key for i in pages] == [i.key for i in everything]


def test_filters(journal: Journal, pair: Pair) -> None:
    goal_id = fill(journal, pair)
    with journal.read() as s:

        def titles(**kw: object) -> list[str]:
            return [i.title for i in timeline.page(s, pair, Filters(**kw), limit=100)]  # type: ignore[arg-type]

        assert titles(kinds=frozenset({"session"})) == [f"session {n}" for n in range(0, 30, 3)]
        assert all(i.kind == "goal" for i in timeline.page(s, pair, Filters(kinds=frozenset({"goal"}))))
        assert titles(tag="#Even") == [t for t in titles(kinds=timeline.ENTRIES_ONLY) if int(t.split()[-1]) % 2 == 0]
        linked = titles(goal_id=goal_id)
        assert "session 0" in linked and "reflection 5" in linked and "note 1" not in linked
        assert any(t.startswith("Progress on") for t in linked)
        assert titles(author="mentee") == [f"reflection {n}" for n in range(2, 30, 3)]
        window = titles(
            start=TODAY - dt.timedelta(days=2), end=TODAY - dt.timedelta(days=1), kinds=timeline.ENTRIES_ONLY
        )
        assert window == ["note 1", "reflection 2"]
        assert "note 7" in titles() and "note 7" not in titles(include_private=False)
        assert titles(search="reflection", kinds=timeline.ENTRIES_ONLY)[:2] == ["reflection 2", "reflection 5"]


def test_dense_and_sparse_search_plans_agree(journal: Journal, pair: Pair, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    fill(journal, pair)
    statements: list[str] = []

    def search(after: timeline.Key | None = None, limit: int = 5) -> list[timeline.Key]:
        with traced(journal) as (s, seen):
            found = [i.key for i in timeline.page(s, pair, Filters(search="note"), after=after, limit=limit)]
        statements.extend(seen)
        return found

    sparse = search()
    sparse_next = search(after=sparse[1], limit=3)
    assert not any("EXISTS (SELECT 1 FROM entry_fts" in st for st in statements)
    monkeypatch.setattr(timeline, "DENSE_MATCHES", 1)  # every search now counts as dense
    dense = search()
    dense_next = search(after=dense[1], limit=3)
    assert any("EXISTS (SELECT 1 FROM entry_fts" in st for st in statements), "the dense plan ran"
    assert sparse == dense and len(sparse) == 5
    assert sparse_next == dense_next == sparse[2:5]
