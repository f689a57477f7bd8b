"""A damaged journal never crashes the screen: the TUI opens on one screen that says what is wrong and
what to do, and restores a chosen backup from there."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from mentorlog.db import Journal, damage, open_journal
from mentorlog.exchange.backup import make_backup
from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.screens.damaged import DamagedScreen
from tests.conftest import TODAY
from tests.test_damaged_journal import damage_page, leaf_pages


def _damaged(journal: Journal) -> Path:
    make_backup(journal.path)
    path = journal.path
    journal.close()
    damage_page(path, leaf_pages(path, "entry")[0])
    return path


async def test_damage_met_by_the_dashboard_opens_the_damage_screen_not_a_crash(demo_journal: Journal) -> None:
    path = _damaged(demo_journal)
    app = MentorlogApp(open_journal(path), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DamagedScreen)
        assert "is damaged" in str(app.screen.query_one("#damaged-reason").render())
        assert app.screen.query_one("#backups", DataTable).row_count == 1
    assert app.return_code in (0, None)
    assert damage.refusal(path) is not None, "remembered: the command line refuses to write too"
    app.journal.close()


async def test_a_journal_known_damaged_opens_on_the_damage_screen_and_restores(demo_journal: Journal) -> None:
    path = _damaged(demo_journal)
    damage.record(path, "database disk image is malformed")
    before = path.read_bytes()
    app = MentorlogApp(open_journal(path), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DamagedScreen)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.reopen is not None and "Restored from" in app.reopen
    kept = [p for p in path.parent.iterdir() if "-damaged-" in p.name and p.suffix == ".db"]
    assert len(kept) == 1 and kept[0].read_bytes() == before
    assert damage.refusal(path) is None
    reopened = open_journal(path)
    with reopened.write() as s:
        s.execute("SELECT count(*) FROM entry").fetchone()
    reopened.close()
