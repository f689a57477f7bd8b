"""Correcting anything from the screens: `e` and Enter open the row that has the focus, `h` its versions,
ctrl+z undoes its last edit and says what; done action items are shown and opened again; a restore keeps
the record's number."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from mentorlog.db.tables import ENTRY
from mentorlog.journal import actions, entries, goals, history, pairs
from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.screens.goals import GoalsScreen
from mentorlog.tui.screens.history import HistoryScreen
from mentorlog.tui.screens.small_forms import MilestoneForm, ProgressForm
from tests.conftest import TODAY

SIZE = (100, 40)


def _goal_with_rows(app: MentorlogApp) -> tuple[int, int, int]:
    """The demo's first goal with progress, given a milestone too: (goal, milestone, its newest update)."""
    with app.journal.write() as s:
        pair = pairs.resolve_pair(s, None)
        view = next(v for v in goals.list_goals(s, pair, today=TODAY) if v.updates)
        goal_id = view.goal.id or 0
        milestone = goals.add_milestone(s, pair, goal_id, "Chart transitions")
        full = goals.goal_detail(s, pair, goal_id, today=TODAY)
        return goal_id, milestone.id or 0, full.updates[-1].id or 0


async def _on_goal(app: MentorlogApp, pilot, goal_id: int) -> GoalsScreen:  # type: ignore[no-untyped-def]
    await pilot.press("2")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, GoalsScreen)
    screen.select_goal(goal_id)
    await pilot.pause()
    return screen


async def test_e_on_a_milestone_row_edits_the_milestone_not_its_goal(demo_app: MentorlogApp) -> None:
    goal_id, milestone_id, _ = _goal_with_rows(demo_app)
    async with demo_app.run_test(size=SIZE) as pilot:
        screen = await _on_goal(demo_app, pilot, goal_id)
        screen.query_one("#milestones", DataTable).focus()
        await pilot.press("e")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, MilestoneForm) and form.milestone_id == milestone_id
        form.query_one("#milestone", Input).value = "Chart transitions for a week"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_app.screen is screen
        await pilot.press("ctrl+z")  # the milestone's edit, undone: its focus is still on the row
        await pilot.pause()
    with demo_app.journal.read() as s:
        pair = pairs.resolve_pair(s, None)
        milestone = goals.get_milestone(s, pair, milestone_id)
        assert milestone.title != "Chart transitions for a week"
        assert goals.get_goal(s, pair, goal_id).title  # the goal was not edited
        assert history.record_versions(s, pair, "goal", goal_id) == []


async def test_enter_on_a_progress_row_opens_it_and_saves_a_correction(demo_app: MentorlogApp) -> None:
    goal_id, _, update_id = _goal_with_rows(demo_app)
    async with demo_app.run_test(size=SIZE) as pilot:
        screen = await _on_goal(demo_app, pilot, goal_id)
        table = screen.query_one("#progress-table", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index(str(update_id)))
        await pilot.press("enter")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, ProgressForm) and form.update_id == update_id
        assert form.query_one("#value", Input).value != ""
        form.query_one("#value", Input).value = "3.25"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(demo_app.screen, HistoryScreen)
        assert "progress update" in demo_app.screen.what
        assert demo_app.screen.query_one("#versions", DataTable).row_count == 1
    with demo_app.journal.read() as s:
        assert goals.get_progress(s, pairs.resolve_pair(s, None), update_id).value == 3.25


async def test_ctrl_z_undoes_a_goal_edit_and_says_what(demo_app: MentorlogApp) -> None:
    goal_id, _, _ = _goal_with_rows(demo_app)
    with demo_app.journal.write() as s:
        pair = pairs.resolve_pair(s, None)
        title = goals.get_goal(s, pair, goal_id).title
        goals.update_goal(s, pair, goal_id, today=TODAY, title="Renamed by mistake")
    async with demo_app.run_test(size=SIZE) as pilot:
        screen = await _on_goal(demo_app, pilot, goal_id)
        screen.query_one("#goal-list", DataTable).focus()
        await pilot.press("ctrl+z")
        await pilot.pause()
        said = [n.message for n in demo_app._notifications]
        assert any("Undid the last edit of goal" in m and "its title as before" in m for m in said), said
    with demo_app.journal.read() as s:
        assert goals.get_goal(s, pairs.resolve_pair(s, None), goal_id).title == title


async def test_x_on_an_action_item_is_undone_and_a_done_one_is_shown_and_reopened(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        table = demo_app.screen.query_one("#actions", DataTable)
        table.focus()
        first = int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0)
        await pilot.press("x")
        await pilot.pause()
        with demo_app.journal.read() as s:
            assert actions.get_action(s, pairs.resolve_pair(s, None), first).done_on == TODAY
        await pilot.press("d")  # the done ones too
        await pilot.pause()
        table.move_cursor(row=table.get_row_index(str(first)))
        await pilot.press("ctrl+z")
        await pilot.pause()
        with demo_app.journal.read() as s:
            assert actions.get_action(s, pairs.resolve_pair(s, None), first).done_on is None
        done = next(key.value for key in table.rows if "✓" in str(table.get_row(key)[1]))
        table.move_cursor(row=table.get_row_index(done or ""))
        await pilot.press("x")  # a done one: open again
        await pilot.pause()
        with demo_app.journal.read() as s:
            assert actions.get_action(s, pairs.resolve_pair(s, None), int(done or 0)).done_on is None


async def test_a_restore_from_the_trash_screen_keeps_the_entrys_number(demo_app: MentorlogApp) -> None:
    with demo_app.journal.write() as s:
        pair = pairs.resolve_pair(s, None)
        note = entries.add_entry(s, pair, kind="note", on=TODAY, title="Cited as #N elsewhere")
        entries.add_entry(s, pair, kind="note", on=TODAY, title="After it")
        entries.delete_entry(s, pair, note.id or 0)
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
    with demo_app.journal.read() as s:
        back = ENTRY.one(s, "uid = ?", (note.uid,))
    assert back is not None and back.id == note.id


async def test_the_goal_form_shows_only_the_fields_its_kind_uses(demo_app: MentorlogApp) -> None:
    from textual.widgets import Select

    from mentorlog.tui.screens.goal_form import GoalForm

    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "c")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, GoalForm)

        def shown() -> set[str]:
            return {name for name in ("measure", "unit", "baseline", "target", "rater")
                    if form.query_one(f"#{name}").display}  # fmt: skip

        assert shown() == {"measure", "unit", "baseline", "target"}
        form.query_one("#kind", Select).value = "yes-no"
        await pilot.pause()
        assert shown() == {"measure"}
        form.query_one("#kind", Select).value = "milestones"
        await pilot.pause()
        assert shown() == set()
        form.query_one("#kind", Select).value = "rubric"
        await pilot.pause()
        assert shown() == {"baseline", "target", "rater"}
        assert "From level (1 Beginning" in str(form.query_one("#baseline-label").render())
        form.query_one("#title", Input).value = "Questioning"
        form.query_one("#competency", Select).value = "Student engagement"
        form.query_one("#baseline", Input).value = "2"
        form.query_one("#target", Input).value = "4"
        await pilot.press("ctrl+s")
        await pilot.pause()
    with demo_app.journal.read() as s:
        pair = pairs.resolve_pair(s, None)
        made = [v.goal for v in goals.list_goals(s, pair, today=TODAY) if v.goal.title == "Questioning"]
    assert [(g.kind, g.competency, g.rater, g.starts_on) for g in made] == [
        ("rubric", "Student engagement", "mentor", TODAY)]  # fmt: skip


async def test_a_session_logged_without_a_mode_or_minutes_opens_in_its_form(demo_app: MentorlogApp) -> None:
    """`log session` leaves mode and minutes unsaid: the form opens on them as unsaid, and saving says none."""
    from textual.widgets import Select

    from mentorlog.tui.screens.entry_form import EntryForm

    with demo_app.journal.write() as s:
        entry = entries.add_entry(s, pairs.resolve_pair(s, None), kind="session", on=TODAY, title="Quick one")
    assert (entry.mode, entry.duration_min) == (None, None)
    async with demo_app.run_test(size=SIZE) as pilot:
        demo_app.push_screen(EntryForm("session", entry.id))
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, EntryForm)
        assert form.query_one("#mode", Select).value is Select.NULL
        assert form.query_one("#duration_min", Input).value == ""
        assert form.query_one("#title", Input).value == "Quick one"
        form.query_one("#title", Input).value = "Quick one, renamed"
        await pilot.press("ctrl+s")
        await pilot.pause()
    with demo_app.journal.read() as s:
        again = entries.get_entry(s, pairs.resolve_pair(s, None), entry.id or 0).entry
    assert (again.title, again.mode, again.duration_min) == ("Quick one, renamed", None, None)
