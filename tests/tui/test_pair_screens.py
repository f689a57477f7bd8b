"""The pair's life in the TUI: the Pair screen's editor and the agreement's history, the closure flow, a
group session from the new-entry menu, and a pair deleted to the trash and restored whole."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Input, Select, SelectionList, Static, TextArea

from mentorlog.db import Journal
from mentorlog.journal import entries, pair_life, pairs
from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.screens.caseload import CaseloadScreen
from mentorlog.tui.screens.closure import ClosureForm
from mentorlog.tui.screens.confirm import Choose, Confirm
from mentorlog.tui.screens.entry_form import EntryForm
from mentorlog.tui.screens.history import HistoryScreen
from mentorlog.tui.screens.pair_details import PairDetailsScreen
from mentorlog.tui.screens.pair_form import PairForm
from mentorlog.tui.screens.pickers import GroupPicker, KindPicker
from tests.conftest import TODAY
from tests.tui.test_caseload import caseload_of_four

SIZE = (110, 40)


async def test_the_pair_is_edited_and_the_agreement_restored_from_its_history(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        screen = demo_app.screen
        assert isinstance(screen, PairDetailsScreen)
        first = demo_app.current_pair().agreement
        await pilot.press("e")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, PairForm)
        assert form.query_one("#agreement", TextArea).size.height >= 10, "a real document, tall enough to read"
        form.query_one("#agreement", TextArea).load_text("We meet weekly now.\nFeedback within a day.")
        form.query_one("#cadence", Input).value = "7"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_app.screen is screen
        assert "We meet weekly now." in str(screen.query_one("#pair-agreement", Static).render())
        await pilot.press("h")
        await pilot.pause()
        history = demo_app.screen
        assert isinstance(history, HistoryScreen)
        assert history.query_one("#versions", DataTable).row_count == 1
        await pilot.press("r")
        await pilot.pause()
    pair = demo_app.current_pair()
    assert pair.agreement == first and pair.cadence_days == 14, "restored, as an edit of its own"
    with demo_app.journal.read() as s:
        assert s.execute("SELECT count(*) FROM revision WHERE kind = 'pair'").fetchone()[0] == 2


async def test_closing_the_pairing_records_its_closing_and_makes_it_read_only(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "c")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, ClosureForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "say why" in str(form.query_one("#reason-error").render())
        form.query_one("#reason", Select).value = "completed"
        await pilot.press("f2")  # the mentee's final self-assessment, in the assessment form
        await pilot.pause()
        assessment = demo_app.screen
        assert isinstance(assessment, EntryForm) and assessment.query_one("#rater", Select).value == "self"
        assessment.query_one("#level-1", Select).value = 4
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_app.screen is form
        assert "recorded now" in str(form.query_one("#finals", Static).render())
        form.query_one("#achieved", TextArea).load_text("Calm routines in every lesson")
        for select in form.query(Select):
            if select.id and select.id.startswith("goal-"):
                select.value = "achieved"
            elif select.id and select.id.startswith("item-"):
                select.value = "dropped"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(demo_app.screen, PairDetailsScreen)
        assert "closed on 2026-11-22" in str(demo_app.screen.query_one("#pair-facts", Static).render())
        await pilot.press("1", "a")  # a write to a closed pair: refused, in words
        await pilot.pause()
    pair = demo_app.current_pair()
    assert pair.ended_on == TODAY and pair.end_reason == "completed"
    with demo_app.journal.read() as s:
        closing = s.execute("SELECT kind, rater FROM entry WHERE pair_id = ? AND closing = 1 ORDER BY id",
                            (pair.id,)).fetchall()  # fmt: skip
        statuses = {row[0] for row in s.execute("SELECT status FROM goal")}
        assert s.execute("SELECT count(*) FROM action_item WHERE done_on IS NULL").fetchone()[0] == 0
    assert ("assessment", "self") in closing and ("reflection", None) in closing
    assert "active" not in statuses


async def test_a_group_session_from_the_new_entry_menu(empty_journal: Journal) -> None:
    caseload_of_four(empty_journal)
    app = MentorlogApp(empty_journal, today=TODAY, pair="Priya")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, KindPicker)
        await pilot.press("g")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, GroupPicker)
        picker.query_one(SelectionList).select(2)
        picker.query_one(SelectionList).select(3)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EntryForm) and form.group_with == [2, 3]
        form.query_one("#title", Input).value = "Exit tickets, all three"
        form.query_one("#mentee_steps", TextArea).load_text("Try one exit ticket")
        await pilot.press("ctrl+s")
        await pilot.pause()
    with empty_journal.read() as s:
        rows = s.execute("SELECT id, pair_id, group_uid FROM entry WHERE title = 'Exit tickets, all three'"
                         " ORDER BY pair_id").fetchall()  # fmt: skip
        steps = s.execute("SELECT pair_id FROM action_item WHERE text = 'Try one exit ticket' ORDER BY pair_id")
        assert [pair for (pair,) in steps] == [1, 2, 3]
    assert [r[1] for r in rows] == [1, 2, 3] and len({r[2] for r in rows}) == 1

    # Edited from one pair: the shared fields may reach the others.
    app = MentorlogApp(empty_journal, today=TODAY, pair="Lena")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(EntryForm("session", rows[1][0]))
        await pilot.pause()
        app.screen.query_one("#body", TextArea).load_text("Shared notes for all three")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Choose) and "Priya Shah and Omar Haddad" in app.screen.question
        await pilot.press("a")
        await pilot.pause()
    with empty_journal.read() as s:
        bodies = {row[0] for row in s.execute("SELECT body FROM entry WHERE title = 'Exit tickets, all three'")}
    assert bodies == {"Shared notes for all three"}


async def test_a_pair_deleted_from_the_pair_screen_is_restored_whole_from_the_trash(empty_journal: Journal) -> None:
    caseload_of_four(empty_journal)
    with empty_journal.write() as s:
        entries.add_entry(s, pairs.get_pair(s, 3), kind="note", on=dt.date(2026, 11, 20), title="Omar's note")
    app = MentorlogApp(empty_journal, today=TODAY, pair="Omar")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("5", "delete")
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, Confirm)
        assert "Maria Okafor & Omar Haddad with its 0 goals, 1 entry and 0 action items" in confirm.question
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)
        assert "Omar" not in " ".join(str(r) for r in app.screen.query_one("#pairs", DataTable).get_row_at(0))
        app.open_pair(1)
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        table = app.screen.query_one("#trash-items", DataTable)
        row = next(i for i in range(table.row_count) if "Omar Haddad" in str(table.get_row_at(i)[2]))
        table.move_cursor(row=row)
        await pilot.press("r")
        await pilot.pause()
    with empty_journal.read() as s:
        back = pairs.resolve_pair(s, "Omar")
        assert s.execute("SELECT count(*) FROM entry WHERE pair_id = ?", (back.id,)).fetchone()[0] == 1


async def test_a_pair_deleted_by_another_mentorlog_sends_this_window_to_the_caseload(empty_journal: Journal) -> None:
    caseload_of_four(empty_journal)
    app = MentorlogApp(empty_journal, today=TODAY, pair="Omar")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        with empty_journal.write() as s:  # another window, or the command line
            pair_life.delete_pair(s, pairs.get_pair(s, 3))
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen) and app.pair_id is None
        assert not any(name.endswith(":3") for name in app._made_modes)
        assert "no longer in this journal" in " ".join(str(n.message) for n in app._notifications)
