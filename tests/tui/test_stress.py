"""The TUI under stress: tiny terminals, huge pastes, long lists, a failing worker, another writer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual import events
from textual.widgets import DataTable, TextArea

from mentorlog.db import Journal, open_journal, writes
from mentorlog.db.tables import ENTRY
from mentorlog.journal import entries, pairs
from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.screens.entry_form import EntryForm
from tests.conftest import TODAY


async def test_resize_to_a_tiny_terminal_and_back(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=(100, 40)) as pilot:
        for key in ("1", "2", "3", "4"):
            await pilot.press(key)
            await pilot.resize_terminal(40, 12)
            await pilot.pause()
            await pilot.resize_terminal(200, 60)
            await pilot.pause()
        assert demo_app.is_running and demo_app.return_code is None


async def test_paste_100_kb_into_a_body_and_save(demo_app: MentorlogApp) -> None:
    big = ("A paragraph of a long reflection, pasted from elsewhere. " * 20 + "\n\n") * 90
    assert len(big) > 100_000
    async with demo_app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n", "t")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, EntryForm)
        form.query_one("#title").value = "Pasted"  # type: ignore[attr-defined]
        body = form.query_one("#body", TextArea)
        body.focus()
        demo_app.post_message(events.Paste(big))  # as the terminal driver delivers it
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(demo_app.screen, EntryForm)
    with demo_app.journal.read() as s:
        pair = pairs.resolve_pair(s, None)
        saved = ENTRY.select(s, "pair_id = ? AND title = ?", (pair.id, "Pasted"))
    assert len(saved) == 1 and saved[0].body == big.strip()


def ten_thousand(path: Path) -> Journal:
    journal = open_journal(path, create=True)
    with journal.write() as s:
        pair = pairs.create_pair(s, mentor="Ana", mentee="Sam", today=TODAY)
        rows = [
            {"uid": f"bulk-{n}", "pair_id": pair.id, "kind": "note", "on": TODAY - dt.timedelta(days=n % 900),
             "author": "mentor", "private": False, "title": f"note {n}", "body": "held key", "strengths": [],
             "growth_areas": [], "created_at": dt.datetime.now(dt.UTC), "updated_at": dt.datetime.now(dt.UTC)}
            for n in range(10_000)
        ]  # fmt: skip
        empty = {name: ENTRY.default(name) for name in ENTRY.names if name != "id"}
        writes.insert_many(s, ENTRY, [empty | row for row in rows])
    return journal


async def test_holding_a_key_down_in_ten_thousand_entries(tmp_path: Path) -> None:
    journal = ten_thousand(tmp_path / "big.db")
    app = MentorlogApp(journal, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        table = app.screen.query_one("#timeline", DataTable)
        await pilot.press(*(["j"] * 300))
        await pilot.pause()
        assert table.cursor_row == 300
        assert table.row_count < 1_000, "rows come a page at a time, not all 10,000"
        await pilot.press(*(["k"] * 300))
        await pilot.pause()
        assert table.cursor_row == 0 and app.is_running
    journal.close()


async def test_an_exception_in_a_worker_exits_cleanly_with_the_error_logged(
    demo_app: MentorlogApp, tmp_path: Path
) -> None:
    def fails() -> None:
        raise ValueError("the worker failed")

    try:
        async with demo_app.run_test(size=(100, 40)) as pilot:
            demo_app.run_worker(fails, thread=True)
            await pilot.pause(0.5)
    except Exception:
        pass  # run_test hands the app's error to the test; a user sees one line instead
    log = next((tmp_path / "xdg").rglob("mentorlog.log"))
    assert "Traceback" in log.read_text() and "in fails" in log.read_text()
    assert demo_app.return_code == 1


async def test_another_process_writing_shows_on_focus_and_on_ctrl_r(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=(100, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        other = open_journal(demo_app.journal.path)  # another terminal, another connection
        with other.write() as s:
            entries.add_entry(s, pairs.resolve_pair(s, None), kind="note", on=TODAY, title="From the CLI")
        demo_app.post_message(events.AppFocus())
        await pilot.pause()
        table = demo_app.screen.query_one("#timeline", DataTable)
        assert "From the CLI" in str(table.get_row_at(0))
        with other.write() as s:
            entries.add_entry(s, pairs.resolve_pair(s, None), kind="note", on=TODAY, title="And another")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "And another" in str(table.get_row_at(0)) or "And another" in str(table.get_row_at(1))
        other.close()
