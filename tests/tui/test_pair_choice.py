"""With several pairs and none chosen, the TUI asks which one; the answer is the journal's choice."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from mentorlog.db import Journal
from mentorlog.journal import pairs
from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.screens.dashboard import DashboardScreen
from mentorlog.tui.screens.pair_picker import PairPicker
from tests.conftest import TODAY


def _two_pairs(journal: Journal) -> None:
    with journal.write() as s:
        pairs.create_pair(s, mentor="Maria Okafor", mentee="Priya Shah", today=TODAY)
        pairs.create_pair(s, mentor="Maria Okafor", mentee="Jordan Lee", today=TODAY)


async def test_the_tui_asks_which_pair_and_remembers_the_answer(empty_journal: Journal) -> None:
    _two_pairs(empty_journal)
    app = MentorlogApp(empty_journal, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PairPicker)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 2
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert "Jordan Lee" in str(app.screen.query_one("#pair-summary", Static).render())
    with empty_journal.read() as s:
        assert pairs.resolve_pair(s, None).mentee_name == "Jordan Lee", "the CLI's default is the TUI's choice"


async def test_leaving_the_question_unanswered_quits_and_chooses_nothing(empty_journal: Journal) -> None:
    _two_pairs(empty_journal)
    app = MentorlogApp(empty_journal, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 0
    with empty_journal.read() as s:
        assert pairs.default_pair_id(s) is None
