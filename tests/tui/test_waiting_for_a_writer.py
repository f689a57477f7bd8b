"""Waiting for another writer: the TUI stays live, says it is waiting, and saves when the journal is free.

Another mentorlog (here, a plain connection) holds the write lock. A save tried then used to
freeze every key for the 10 s wait and end in "database is locked".
"""

from __future__ import annotations

import sqlite3

from textual.widgets import Input

from mentorlog.db import Journal
from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.screens.small_forms import ActionForm
from tests.conftest import TODAY


def count_items(journal: Journal) -> int:
    connection = sqlite3.connect(journal.path)
    try:
        return int(connection.execute("SELECT count(*) FROM action_item").fetchone()[0])
    finally:
        connection.close()


async def test_a_save_behind_another_writer_waits_without_freezing(demo_journal: Journal) -> None:
    before = count_items(demo_journal)
    app = MentorlogApp(demo_journal, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        app.screen.query_one("#action_item", Input).value = "Call the office"
        holder = sqlite3.connect(demo_journal.path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("ctrl+s")
            await pilot.pause(0.3)
            assert any("waiting" in str(n.message) for n in app._notifications)
            assert isinstance(app.screen, ActionForm), "the form stays, its text kept, while it waits"
            await pilot.press("end", "x")  # keys still reach the screen
            await pilot.pause()
            assert app.screen.query_one("#action_item", Input).value == "Call the officex"
            assert count_items(demo_journal) == before
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ActionForm), "saved, then closed"
        assert any("Saved" in str(n.message) for n in app._notifications)
    assert count_items(demo_journal) == before + 1
