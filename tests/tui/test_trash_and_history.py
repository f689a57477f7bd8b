"""Deleting lands in the trash screen and comes back; an edit can be seen in history and undone."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from mentorlog.journal import entries, pairs
from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.screens.confirm import Confirm
from mentorlog.tui.screens.history import HistoryScreen
from mentorlog.tui.screens.trash import TrashScreen

SIZE = (100, 40)


def titles(app: MentorlogApp) -> list[str]:
    with app.journal.read() as s:
        pair = pairs.resolve_pair(s, None)
        from mentorlog.journal import timeline

        return [i.title for i in timeline.page(s, pair, timeline.Filters(kinds=timeline.ENTRIES_ONLY), limit=500)]


async def test_delete_then_restore_from_the_trash(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        newest = titles(demo_app)[0]
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(demo_app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        assert newest not in titles(demo_app)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(demo_app.screen, TrashScreen)
        table = demo_app.screen.query_one("#trash-items", DataTable)
        assert table.row_count == 1 and newest in str(table.get_row_at(0)[2])
        await pilot.press("r")
        await pilot.pause()
        assert table.row_count == 0
        await pilot.press("escape")
        await pilot.pause()
        assert newest in titles(demo_app)


async def test_history_shows_the_version_before_and_ctrl_z_undoes(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        with demo_app.journal.write() as s:
            pair = pairs.resolve_pair(s, None)
            from mentorlog.journal import timeline

            first = timeline.page(s, pair, timeline.Filters(kinds=timeline.ENTRIES_ONLY), limit=1)[0]
            original = first.title
            entries.update_entry(s, pair, first.ref_id, title="Renamed by mistake")
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(demo_app.screen, HistoryScreen)
        versions = demo_app.screen.query_one("#versions", DataTable)
        assert str(versions.get_row_at(0)[1]) == original
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert titles(demo_app)[0] == original
        assert not demo_app.query(Input).filter(".-invalid-field")
