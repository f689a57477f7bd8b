"""Live observation and session prep as a mentor uses them: keys, a fixed clock, a killed app, a filed entry."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

from textual.widgets import DataTable, Input, OptionList, SelectionList, Static, TextArea

from mentorlog.db import Journal
from mentorlog.db.tables import ENTRY
from mentorlog.journal import actions, live_observation, pairs
from mentorlog.models import Entry, Pair
from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.screens.entry_form import EntryForm
from mentorlog.tui.screens.observe import EndObservation, GoalPicker, ObservationScreen
from mentorlog.tui.screens.prep import PrepScreen
from tests.conftest import TODAY

SIZE = (100, 40)
NINE = dt.datetime(2026, 11, 22, 9, 0, 0)  # noqa: DTZ001 - the classroom's wall clock


class Clock:
    def __init__(self) -> None:
        self.at = NINE

    def __call__(self) -> dt.datetime:
        return self.at


async def type_line(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one("#obs-input", Input).value = text
    await pilot.press("enter")
    await pilot.pause()


def newest_entry(s: sqlite3.Connection, pair: Pair, kind: str) -> Entry:
    found = ENTRY.select(s, "pair_id = ? AND kind = ?", (pair.id, kind), "id DESC", limit=1)
    assert found
    return found[0]


def rows(screen: ObservationScreen) -> list[list[str]]:
    table = screen.query_one("#obs-lines", DataTable)
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


async def test_capture_stamps_lines_and_marks_them_with_function_keys(demo_journal: Journal) -> None:
    clock = Clock()
    app = MentorlogApp(demo_journal, today=TODAY, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ObservationScreen) and not screen.capture.lines
        clock.at = NINE + dt.timedelta(minutes=2, seconds=5)
        await type_line(pilot, "Timer on the board as they come in")
        await pilot.press("f2")  # the newest line is a glow
        clock.at = NINE + dt.timedelta(minutes=9)
        await type_line(pilot, "Group B waits for instructions")
        await pilot.press("f3", "f4")  # two marks on one line
        await pilot.press("f3")  # the same mark again takes it off
        clock.at = NINE + dt.timedelta(minutes=15, seconds=30)
        await type_line(pilot, "Signal works first time")
        await pilot.press("f5")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, GoalPicker)
        goal_id = picker.choices[0][0]
        picker.query_one(OptionList).highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and screen.query_one("#obs-input", Input).value == ""
        assert rows(screen) == [
            ["09:02:05", "Timer on the board as they come in", "glow"],
            ["09:09:00", "Group B waits for instructions", "question"],
            ["09:15:30", "Signal works first time", f"evidence #{goal_id}"],
        ]
        status = str(screen.query_one("#obs-status", Static).render())
        assert "09:15:30" in status and "0:15:30 in" in status
        assert "3 lines · 1 glow · 0 grows · 1 question · 1 evidence" in status
        saved = live_observation.load(demo_journal)
        assert saved is not None and saved.lines == screen.capture.lines, "every line and mark is on disk already"


async def test_a_capture_survives_a_killed_app_and_is_filed(demo_journal: Journal) -> None:
    script = textwrap.dedent(f"""
        import asyncio, datetime as dt, sys
        from pathlib import Path
        from mentorlog.db import open_journal
        from mentorlog.tui.app import MentorlogApp

        async def main():
            clock = lambda: dt.datetime(2026, 11, 22, 9, 30)
            app = MentorlogApp(open_journal(Path({str(demo_journal.path)!r})), today=dt.date(2026, 11, 22),
                               observe="Year 8 science", clock=clock)
            async with app.run_test(size=(100, 40)) as pilot:
                await pilot.pause()
                for text in ("Timer on", "Slow start after lunch"):
                    app.screen.query_one("#obs-input").value = text
                    await pilot.press("enter")
                await pilot.press("f3")
                await pilot.pause()
                print("typed", flush=True)
                await asyncio.sleep(120)

        asyncio.run(main())
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "typed"
    finally:
        os.kill(child.pid, signal.SIGKILL)  # no clean exit: the capture must already be on disk
        child.wait(timeout=30)

    app = MentorlogApp(demo_journal, today=TODAY, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ObservationScreen), "the next start goes straight back to the capture"
        assert screen.capture.context == "Year 8 science"
        assert rows(screen) == [["09:30:00", "Timer on", ""], ["09:30:00", "Slow start after lunch", "grow"]]
        await type_line(pilot, "Exit ticket at the door")
        await pilot.press("f2")
        await pilot.press("ctrl+s")
        await pilot.pause()
        end = app.screen
        assert isinstance(end, EndObservation)
        assert end.query_one("#end-context", Input).value == "Year 8 science"
        end.query_one("#end-next-step", Input).value = "Start group work with the signal"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ObservationScreen | EndObservation)
    assert live_observation.load(demo_journal) is None, "filed: nothing left to resume"
    with demo_journal.read() as s:
        pair = pairs.resolve_pair(s, None)
        newest = newest_entry(s, pair, "observation")
    assert newest.title == "Live observation: Year 8 science" and newest.on == TODAY
    assert newest.strengths == ["Exit ticket at the door"] and newest.growth_areas == ["Slow start after lunch"]
    assert newest.agreed_next_step == "Start group work with the signal"
    assert newest.body.splitlines()[:3] == [
        "- 09:30:00 Timer on",
        "- 09:30:00 Slow start after lunch",
        "- 09:00:00 Exit ticket at the door",
    ]


async def test_leaving_keeps_the_capture_and_o_goes_back(demo_journal: Journal) -> None:
    app = MentorlogApp(demo_journal, today=TODAY, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await type_line(pilot, "Quiet start")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ObservationScreen)
        await pilot.press("o")
        await pilot.pause()
        back = app.screen
        assert isinstance(back, ObservationScreen) and [x.text for x in back.capture.lines] == ["Quiet start"]
        await pilot.press("f9", "y")
        await pilot.pause()
        assert not isinstance(app.screen, ObservationScreen)
    assert live_observation.load(demo_journal) is None


async def test_prep_shows_the_demo_and_starts_a_session_that_closes_ticked_items(demo_journal: Journal) -> None:
    with demo_journal.read() as s:
        pair = pairs.resolve_pair(s, None)
        open_before = actions.list_actions(s, pair, today=TODAY)
    app = MentorlogApp(demo_journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        prep = app.screen
        assert isinstance(prep, PrepScreen)
        shown = str(prep.query_one("#prep-body", Static).render())
        assert "Use an exit ticket in at least half of lessons" in shown and "Winter term goals" in shown
        assert "Classroom management: self 4, mentor 3" in shown
        await pilot.press("s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EntryForm) and form.kind == "session"
        agenda = form.query_one("#agenda", TextArea).text
        assert agenda.startswith("Action items to follow up:\n- Use an exit ticket")
        ticks = form.query_one("#close_actions", SelectionList)
        assert ticks.option_count == len(open_before)
        ticks.select(open_before[0].id or 0)
        form.query_one("#title", Input).value = "Winter term goals"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EntryForm | PrepScreen)
    with demo_journal.read() as s:
        pair = pairs.resolve_pair(s, None)
        still_open = {a.id for a in actions.list_actions(s, pair, today=TODAY)}
        session = newest_entry(s, pair, "session")
    assert still_open == {a.id for a in open_before[1:]}, "the ticked item closed with the session, the rest did not"
    assert session.title == "Winter term goals" and session.agenda == agenda


async def test_a_line_that_cannot_be_saved_stays_in_the_input(demo_journal: Journal, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from mentorlog.files import WriteFailed

    app = MentorlogApp(demo_journal, today=TODAY, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ObservationScreen)
        await type_line(pilot, "Kept")

        def full_disk(_capture: object, _sealing: object) -> None:
            raise WriteFailed("cannot write observations.json: No space left on device")

        monkeypatch.setattr(live_observation, "save", full_disk)
        await type_line(pilot, "Not kept")
        assert screen.query_one("#obs-input", Input).value == "Not kept", "the text waits to be entered again"
        screen.query_one("#obs-input", Input).value = ""
        await pilot.press("f2")
        await pilot.pause()
        assert rows(screen) == [["09:00:00", "Kept", ""]], "neither the line nor the mark shows as kept"
        assert [line.text for line in screen.capture.lines] == ["Kept"] and screen.capture.lines[0].marks == []


async def test_notes_written_as_bullets_stay_text_and_any_line_can_be_marked(demo_journal: Journal) -> None:
    """Typing "- no learning objective on board" re-marked the line before and the text vanished."""
    app = MentorlogApp(demo_journal, today=TODAY, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ObservationScreen)
        for text in ("- no learning objective on board", "+ praise for the starter", "? why the seating", "* timer"):
            await type_line(pilot, text)
        assert [line.text for line in screen.capture.lines] == [
            "- no learning objective on board", "+ praise for the starter", "? why the seating", "* timer",
        ]  # fmt: skip
        assert all(not line.marks for line in screen.capture.lines)
        await pilot.press("ctrl+up", "ctrl+up", "ctrl+up")  # back to the first line, the typing stays in the input
        await pilot.press("f3", "f4")
        await pilot.pause()
        assert screen.capture.lines[0].marks == ["grow", "question"] and not screen.capture.lines[3].marks
        assert app.focused is screen.query_one("#obs-input", Input)
        saved = live_observation.load(demo_journal)
        assert saved is not None and saved.lines[0].marks == ["grow", "question"]


async def test_leaving_an_empty_capture_leaves_nothing_to_resume(demo_journal: Journal) -> None:
    app = MentorlogApp(demo_journal, today=TODAY, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ObservationScreen)
    assert live_observation.load(demo_journal) is None
    again = MentorlogApp(demo_journal, today=TODAY, clock=Clock())
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(again.screen, ObservationScreen), "the next start is not taken over"
