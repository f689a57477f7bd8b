"""The TUI and the user's settings: a config.toml it cannot read is said, kept; dates follow the day order."""

from __future__ import annotations

from textual.widgets import Input, Label

from mentorlog import config, paths
from mentorlog.db import Journal
from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.widgets.date_input import DateInput
from tests.conftest import TODAY


async def test_the_tui_says_when_the_config_cannot_be_read_and_keeps_it(demo_journal: Journal) -> None:
    path = paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('theme = "unclosed\n')
    app = MentorlogApp(demo_journal, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert any(str(path) in str(n.message) for n in app._notifications)
        app.theme = "nord"
        await pilot.pause()
        assert any("not remembered" in str(n.message) for n in app._notifications)
    assert path.read_text() == 'theme = "unclosed\n'


async def test_the_entry_form_refuses_a_future_date_and_reads_the_day_order(demo_journal: Journal) -> None:
    config.save({"date_order": "dmy"})
    app = MentorlogApp(demo_journal, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        await pilot.press("t")
        await pilot.pause()
        when = app.screen.query_one("#on", DateInput)
        when.query_one(Input).value = "3/4"
        await pilot.pause()
        assert "3 Apr" in str(when.query_one(".understood", Label).render())
        when.query_one(Input).value = "in 3 weeks"
        await pilot.pause()
        assert "future" in str(when.query_one(".understood", Label).render())
        app.screen.query_one("#title", Input).value = "Planned"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#on-error", Label).has_class("-shown")
