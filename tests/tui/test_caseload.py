"""A mentor's caseload in the TUI: it opens on the caseload with several pairs, who needs a check-in first;
Enter opens a pair (and makes it the chosen one); the switcher is one key away; `--pair` opens that pair."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Input, Static

from mentorlog.db import Journal
from mentorlog.journal import actions, entries, pairs
from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.screens.caseload import CaseloadScreen
from mentorlog.tui.screens.dashboard import DashboardScreen
from mentorlog.tui.screens.switcher import Switcher
from tests.conftest import TODAY

SIZE = (110, 40)


def caseload_of_four(journal: Journal) -> None:
    """Four pairs: Priya's session is overdue and an item of hers too; Lena was seen last week; Omar never;
    Sam's pair closed."""
    with journal.write() as s:
        priya = pairs.create_pair(s, mentor="Maria Okafor", mentee="Priya Shah", today=TODAY,
                                  started_on=dt.date(2026, 9, 1))  # fmt: skip
        lena = pairs.create_pair(s, mentor="Maria Okafor", mentee="Lena Park", today=TODAY,
                                 started_on=dt.date(2026, 9, 1))  # fmt: skip
        pairs.create_pair(s, mentor="Maria Okafor", mentee="Omar Haddad", today=TODAY, started_on=TODAY)
        sam = pairs.create_pair(s, mentor="Maria Okafor", mentee="Sam Rivera", today=TODAY,
                                started_on=dt.date(2026, 1, 5))  # fmt: skip
        entries.add_entry(s, priya, kind="session", on=dt.date(2026, 10, 20), title="Planning", duration_min=45)
        actions.add_action(s, priya, "Try a timer", due_on=dt.date(2026, 11, 1))
        entries.add_entry(s, lena, kind="session", on=dt.date(2026, 11, 15), title="Routines", duration_min=30)
        s.execute("UPDATE pair SET ended_on = '2026-06-30', end_reason = 'completed' WHERE id = ?", (sam.id,))


async def test_several_pairs_open_on_the_caseload_who_needs_you_first(empty_journal: Journal) -> None:
    caseload_of_four(empty_journal)
    app = MentorlogApp(empty_journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaseloadScreen)
        table = screen.query_one("#pairs", DataTable)
        rows = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert len(rows) == 3, "closed pairs are not in the caseload"
        assert rows[0].startswith("Priya Shah") and "overdue" in rows[0], "who needs you first, and why, in words"
        assert "overdue by" in str(table.get_row_at(0)[2])
        assert "Sam Rivera" not in " ".join(rows)
        await pilot.press("A")
        await pilot.pause()
        assert table.row_count == 4 and "closed 2026-06-30" in str(table.get_row_at(3)[1])
        await pilot.press("A", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert "Omar Haddad" in str(app.screen.query_one("#pair-summary", Static).render())
    with empty_journal.read() as s:
        assert pairs.default_pair_id(s) == app.pair_id, "opening a pair in the TUI chooses it for the CLI"


async def test_the_switcher_finds_a_pair_by_name_and_each_pair_keeps_its_screens(empty_journal: Journal) -> None:
    caseload_of_four(empty_journal)
    app = MentorlogApp(empty_journal, today=TODAY, pair="Lena")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert "Lena Park" in str(app.screen.query_one("#pair-summary", Static).render()), "--pair opens that pair"
        lena_dashboard = app.screen
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, Switcher)
        await pilot.press(*"priy")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and app.screen is not lena_dashboard
        assert "Priya Shah" in str(app.screen.query_one("#pair-summary", Static).render())
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"switch pair")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Switcher), "Switch pair… is in the palette"
        app.screen.query_one("#switch-name", Input).value = "lena"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is lena_dashboard, "a pair's screens are its own, kept for when it comes back"


async def test_a_form_stays_with_the_pair_it_was_opened_for(empty_journal: Journal) -> None:
    from mentorlog.tui.screens.entry_form import EntryForm

    caseload_of_four(empty_journal)
    app = MentorlogApp(empty_journal, today=TODAY, pair="Priya")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", "t")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EntryForm)
        form.query_one("#title", Input).value = "A private concern about Priya"
        app.open_pair(2)  # switched away (the palette works while a form is open)
        await pilot.pause()
        app.open_pair(1)
        await pilot.pause()
        assert app.screen is form, "the form waits in its own pair"
        await pilot.press("ctrl+s")
        await pilot.pause()
    with empty_journal.read() as s:
        owner = s.execute("SELECT pair_id FROM entry WHERE title LIKE 'A private concern%'").fetchone()[0]
    assert owner == 1


async def test_observe_opens_on_the_pair_named_or_asks_whose_lesson(empty_journal: Journal) -> None:
    from mentorlog.tui.screens.observe import ObservationScreen

    caseload_of_four(empty_journal)
    app = MentorlogApp(empty_journal, today=TODAY, observe="Year 8", pair="3")  # `mentorlog observe --pair 3`
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ObservationScreen) and app.screen.capture.pair_id == 3
        await pilot.press("escape")
        await pilot.pause()
    from mentorlog.journal import live_observation

    live_observation.discard(empty_journal)
    with empty_journal.write() as s:
        s.execute("UPDATE pair SET chosen_at = NULL")
    app = MentorlogApp(empty_journal, today=TODAY, observe="Year 9")  # several pairs, none chosen
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Switcher) and "Observe" in app.screen.question
        app.screen.query_one("#switch-name", Input).value = "lena"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ObservationScreen) and app.screen.capture.pair_id == 2
