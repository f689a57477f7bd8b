"""First run, the dashboard, help and the palette."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Label, Static

from mentorlog.db import Journal, open_journal
from mentorlog.journal import actions, pairs
from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.screens import dashboard
from mentorlog.tui.screens.dashboard import DashboardScreen
from mentorlog.tui.screens.setup import SetupScreen
from tests.conftest import TODAY


async def test_first_run_sets_up_the_pair_with_field_validation(empty_journal: Journal) -> None:
    app = MentorlogApp(empty_journal, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("ctrl+s")  # nothing filled in
        error = app.screen.query_one("#mentor_name-error", Label)
        assert "mentor name must not be empty" in str(error.render())
        assert error.has_class("-shown")
        with empty_journal.read() as s:
            assert pairs.list_pairs(s) == []

        app.screen.query_one("#mentor_name", Input).value = "Ana Lopez"
        app.screen.query_one("#mentee_name", Input).value = "Sam Rivera"
        app.screen.query_one("#cadence", Input).value = "0"
        await pilot.press("ctrl+s")
        assert "from 1 to 365" in str(app.screen.query_one("#cadence-error", Label).render())

        app.screen.query_one("#cadence", Input).value = "7"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        summary = str(app.screen.query_one("#pair-summary", Static).render())
        assert "Ana Lopez" in summary and "every 7 d" in summary
    with empty_journal.read() as s:
        [summary_row] = pairs.list_pairs(s)
        assert summary_row.pair.cadence_days == 7 and summary_row.pair.started_on == TODAY


async def test_first_run_can_open_the_demo(empty_journal: Journal) -> None:
    app = MentorlogApp(empty_journal, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.is_demo and "demo" in app.sub_title
        assert app.journal.path != empty_journal.path
    with empty_journal.read() as s:
        assert pairs.list_pairs(s) == [], "the demo never goes into the user's journal"


async def test_dashboard_shows_the_pair_and_marks_an_action_done(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=(100, 40)) as pilot:
        screen = demo_app.screen
        assert isinstance(screen, DashboardScreen)
        assert "Next session Tue 1 Dec 2026" in str(screen.query_one("#pair-summary", Static).render())
        table = screen.query_one("#actions", DataTable)
        assert table.row_count == 5
        assert "2 overdue" in str(screen.query_one("#actions-title", Label).render())
        assert screen.query_one("#goals", DataTable).row_count == 4
        assert screen.query_one("#recent", DataTable).row_count == 6
        first = table.get_row_at(0)[1].plain
        table.focus()
        await pilot.press("x")
        await pilot.pause()
        assert table.row_count == 4
    with demo_app.journal.read() as s:
        pair = pairs.resolve_pair(s, None)
        done = [a for a in actions.list_actions(s, pair, today=TODAY, include_done=True) if a.text == first]
        assert done[0].done_on == TODAY


async def test_dashboard_adds_an_action_item_through_its_form(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=(100, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        demo_app.screen.query_one("#action_item", Input).value = "Share the newsletter draft"
        demo_app.screen.query_one("#due Input", Input).value = "next fri"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(demo_app.screen, DashboardScreen)
        texts = [row[1].plain for row in map(demo_app.screen.query_one("#actions", DataTable).get_row_at, range(6))]
        assert "Share the newsletter draft" in texts
    with demo_app.journal.read() as s:
        item = next(a for a in actions.list_actions(s, pairs.resolve_pair(s, None), today=TODAY)
                    if a.text == "Share the newsletter draft")  # fmt: skip
        assert str(item.due_on) == "2026-11-27"


async def test_help_lists_the_keys_of_the_screen(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        table = demo_app.screen.query_one("#keys", DataTable)
        rows = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert {"Go to the goals", "Go to the journal", "Write a new entry: choose its kind",
                "Add an action item for the mentor or the mentee",
            "Mark the action item done; a done one (d shows them): open again"} <= rows  # fmt: skip
        assert "Command palette: every action by name" in rows
        internals = {"Page Left", "Page Right", "Focus Next", "Focus Previous", "Scroll Up", "Select"}
        assert not rows & internals, "only mentorlog's own actions: " + ", ".join(sorted(rows & internals))
        await pilot.press("escape")
        assert isinstance(demo_app.screen, DashboardScreen)


async def test_palette_offers_every_action(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"new goal")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        from mentorlog.tui.screens.goal_form import GoalForm

        assert isinstance(demo_app.screen, GoalForm)


async def test_number_keys_switch_screens(demo_app: MentorlogApp) -> None:
    from mentorlog.tui.screens.goals import GoalsScreen
    from mentorlog.tui.screens.growth import GrowthScreen
    from mentorlog.tui.screens.journal import JournalScreen

    async with demo_app.run_test(size=(100, 40)) as pilot:
        for key, screen_type in (("2", GoalsScreen), ("3", JournalScreen), ("4", GrowthScreen), ("1", DashboardScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(demo_app.screen, screen_type)


async def test_j_k_move_in_lists_and_escape_goes_home(demo_app: MentorlogApp) -> None:
    from mentorlog.tui.screens.goals import GoalsScreen

    async with demo_app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(demo_app.screen, GoalsScreen)
        table = demo_app.screen.query_one("#goal-list", DataTable)
        await pilot.press("j", "j", "k")
        assert table.cursor_row == 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(demo_app.screen, DashboardScreen)


async def test_dashboard_reads_the_journal_again_only_when_it_changed(
    demo_app: MentorlogApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[int] = []
    real = dashboard.overview
    monkeypatch.setattr(dashboard, "overview", lambda *a, **k: reads.append(1) or real(*a, **k))
    async with demo_app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert len(reads) == 1, "a launch shows and resizes the screen several times but reads once"
        table = demo_app.screen.query_one("#actions", DataTable)
        await pilot.resize_terminal(80, 24)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert len(reads) == 1 and table.row_count == 5
        other = open_journal(demo_app.journal.path)  # another process writes
        try:
            with other.write() as s:
                actions.add_action(s, pairs.resolve_pair(s, None), "Written elsewhere", owner="mentor")
        finally:
            other.close()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert len(reads) == 2 and table.row_count == 6
        table.focus()
        await pilot.press("x")  # this app writes: shown at once
        await pilot.pause()
        assert len(reads) == 3 and table.row_count == 5


PALETTE_FINDS = [
    ("undo", "Undo the last edit of what has the focus, and say what it undid"),
    ("history", "The earlier versions of what has the focus (an entry, goal, milestone, progress, item)"),
    ("edit the entry", "Journal: Edit the entry"),
    ("delete the entry", "Journal: Delete the entry, to the trash (asks)"),
    ("filter", "Journal: Filter the journal by kind, goal, author, tag or dates"),
    ("record progress", "Goals: Record progress on the goal"), ("milestone", "Goals: Add a milestone to the goal"),
    ("tick", "Goals: Tick the milestone under the cursor done (again: not done)"),
    ("status", "Goals: Change the goal's status"),
    ("done", "Mark the action item done; a done one (d shows them): open again"),
    ("read the journal", "Read the journal again (another mentorlog may have written to it)"),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "name"), PALETTE_FINDS, ids=[typed for typed, _ in PALETTE_FINDS])
async def test_the_palette_finds_every_action_by_name(demo_app: MentorlogApp, typed: str, name: str) -> None:
    from textual.command import CommandPalette

    async with demo_app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*typed)
        await pilot.pause(0.4)
        palette = demo_app.screen
        assert isinstance(palette, CommandPalette)
        shown = [str(option.prompt) for option in palette.query_one("CommandList").options]  # type: ignore[attr-defined]
        assert any(name in prompt for prompt in shown), shown


async def test_an_action_of_another_screen_runs_there(demo_app: MentorlogApp) -> None:
    from mentorlog.tui.screens.goals import GoalsScreen
    from mentorlog.tui.screens.small_forms import ProgressForm

    async with demo_app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"record progress")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(demo_app.screen, ProgressForm)
        assert isinstance(demo_app.screen_stack[0], GoalsScreen)


def test_every_binding_of_mentorlog_has_an_id_and_a_name() -> None:
    """The palette, help and a keymap in config.toml find a key by its binding's id."""
    import importlib
    import pkgutil

    from textual.binding import Binding

    import mentorlog.tui

    ids: dict[str, str] = {}
    for module in pkgutil.walk_packages(mentorlog.tui.__path__, "mentorlog.tui."):
        found = importlib.import_module(module.name)
        for value in vars(found).values():
            bindings = vars(value).get("BINDINGS", []) if isinstance(value, type) else []
            for binding in bindings:
                if isinstance(binding, Binding) and value.__module__ == module.name:
                    where = f"{module.name}.{value.__name__} {binding.key}"
                    assert binding.id and binding.description, where
                    assert ids.setdefault(binding.id, where) == where or binding.id.startswith("list."), (
                        f"{binding.id} is used by {ids[binding.id]} and {where}"
                    )
