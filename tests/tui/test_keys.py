"""Keys go where the user is typing: no app key fires from inside a form, a dialog or an open filter.

With the focus on a select, a selection list or a checkbox of a form, 1-4 used to leave the
form and q to quit the app with no question; after Enter in the journal's search the next
letters fired commands (one opened an edit form and replaced a title).
"""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, DataTable, Input, Select, SelectionList

from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.screens.confirm import Confirm
from mentorlog.tui.screens.entry_form import EntryForm
from mentorlog.tui.screens.journal import JournalScreen

SIZE = (100, 40)


@pytest.mark.parametrize("widget", ["#author", "#goals", "#private", "#usefulness"])
async def test_app_keys_do_not_fire_from_a_forms_select_list_or_checkbox(demo_app: MentorlogApp, widget: str) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "s")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, EntryForm)
        form.query_one("#title", Input).value = "Typed something"
        target = form.query_one(widget)
        assert isinstance(target, Select | SelectionList | Checkbox)
        target.focus()
        await pilot.pause()
        for key in ("1", "2", "3", "4", "n", "question_mark"):
            await pilot.press(key)
            await pilot.pause()
            while isinstance(demo_app.screen, Select | SelectionList) or demo_app.screen is not form:
                if isinstance(demo_app.screen, Confirm):
                    break
                await pilot.press("escape")  # a select's own overlay, opened by its own key
                await pilot.pause()
            assert demo_app.screen is form, key
        await pilot.press("q")  # as Escape: the form holds text, so it asks
        await pilot.pause()
        assert isinstance(demo_app.screen, Confirm) and demo_app.is_running
        await pilot.press("n")
        await pilot.pause()
        assert demo_app.screen is form
        footer_keys = {b.binding.key for b in form.active_bindings.values() if b.binding.show and b.enabled}
        assert not {"1", "2", "3", "4", "n", "q", "question_mark"} & footer_keys
        await pilot.press("ctrl+q")  # quitting from a form with text in it asks too
        await pilot.pause()
        assert isinstance(demo_app.screen, Confirm) and demo_app.is_running


async def test_letters_after_enter_in_the_search_are_typed_not_commands(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        screen = demo_app.screen
        assert isinstance(screen, JournalScreen)
        await pilot.press("slash", *"timer", "enter")
        await pilot.pause()
        await pilot.press(*"e help")  # e would edit, h show history, 1 leave: all typed instead
        await pilot.pause()
        assert demo_app.screen is screen
        assert screen.query_one("#search", Input).value == "timere help"
        screen.query_one("#timeline").focus()  # even with the list focused (a click), letters wait
        await pilot.press("e", "h", "2")
        await pilot.pause()
        assert demo_app.screen is screen
        await pilot.press("escape", "escape")  # filters closed, then cleared: the list's keys work again
        await pilot.pause()
        screen.query_one("#timeline", DataTable).move_cursor(row=0)  # the newest: an entry
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(demo_app.screen, EntryForm)
