"""Deleting lands in the trash screen and comes back; an edit can be seen in history and undone."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from mentorlog.journal import entries, pairs
from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.screens.confirm import Choose, Confirm
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
        assert isinstance(demo_app.screen, Choose)  # a session with open items: keep them (k) or not
        await pilot.press("k")
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


async def test_the_cursor_stays_where_it_was_after_a_delete_and_a_restore(demo_app: MentorlogApp) -> None:
    """Repeated Delete-y removed the wrong action items: the cursor went back to the first row each time."""
    async with demo_app.run_test(size=SIZE) as pilot:
        table = demo_app.screen.query_one("#actions", DataTable)
        table.focus()
        texts = [str(table.get_row_at(n)[1]) for n in range(table.row_count)]
        await pilot.press("down")
        for expected_gone in texts[1:4]:
            await pilot.press("delete")
            await pilot.pause()
            assert isinstance(demo_app.screen, Confirm) and expected_gone in demo_app.screen.question
            await pilot.press("y")
            await pilot.pause()
            left = [str(table.get_row_at(n)[1]) for n in range(table.row_count)]
            assert expected_gone not in left and texts[0] in left
        assert table.cursor_row == 1 and str(table.get_row_at(1)[1]) == texts[4], "on the next one"
        await pilot.press("ctrl+t")
        await pilot.pause()
        trash_table = demo_app.screen.query_one("#trash-items", DataTable)
        assert trash_table.row_count == 3
        await pilot.press("j", "j")  # j and k move in the trash as in every list
        assert trash_table.cursor_row == 2
        third = str(trash_table.get_row_at(2)[2])
        await pilot.press("r")
        await pilot.pause()
        assert trash_table.row_count == 2 and third not in [str(trash_table.get_row_at(n)[2]) for n in range(2)]
        assert trash_table.cursor_row == 1, "the cursor stays, on what came after"
