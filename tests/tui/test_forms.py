"""Every form: creating each kind of record, validation, and the unsaved-changes guard."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input, Label, Select, SelectionList, Static, TextArea

from mentorlog import entry_kinds
from mentorlog.entry_kinds import SPECS, Field, Spec
from mentorlog.journal import actions, assessments, entries, goals, pairs, timeline, trash
from mentorlog.kinds import EntryKind
from mentorlog.models import Entry
from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.screens.confirm import Choose, Confirm
from mentorlog.tui.screens.dashboard import DashboardScreen
from mentorlog.tui.screens.entry_form import EntryForm
from mentorlog.tui.screens.goals import GoalsScreen
from tests.conftest import TODAY

SIZE = (100, 50)


def newest(app: MentorlogApp) -> Entry:
    with app.journal.read() as s:
        pair = pairs.resolve_pair(s, None)
        item = timeline.page(s, pair, timeline.Filters(kinds=timeline.ENTRIES_ONLY), limit=1)[0]
        view = entries.get_entry(s, pair, item.ref_id)
    return view.entry


def titled(app: MentorlogApp, title: str) -> Entry:
    with app.journal.read() as s:
        pair = pairs.resolve_pair(s, None)
        item = next(i for i in timeline.page(s, pair, limit=500) if i.title == title)
        return entries.get_entry(s, pair, item.ref_id).entry


async def open_form(app: MentorlogApp, pilot, kind_key: str) -> EntryForm:  # type: ignore[no-untyped-def]
    await pilot.press("n", kind_key)
    await pilot.pause()
    assert isinstance(app.screen, EntryForm)
    return app.screen


async def test_session_with_next_steps_creates_action_items(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        form = await open_form(demo_app, pilot, "s")
        form.query_one("#title", Input).value = "Planning the winter term"
        form.query_one("#agenda", TextArea).text = "Goals for January"
        form.query_one("#mentee_steps", TextArea).text = "- Draft two goals\nBook the lab"
        form.query_one("#mentor_steps", TextArea).text = "Send the goal template"
        form.query_one("#usefulness", Select).value = 4
        form.query_one("#goals", SelectionList).select(1)
        assert form.query_one("#next_session_on Input", Input).value == "", "the cadence's, from this session"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(demo_app.screen, DashboardScreen)
    entry = newest(demo_app)
    assert (entry.kind, entry.title, entry.agenda, entry.usefulness) == ("session", "Planning the winter term",
                                                                         "Goals for January", 4)  # fmt: skip
    assert entry.next_session_on is None
    with demo_app.journal.read() as s:
        from mentorlog.journal.overview import overview

        shown = overview(s, pairs.resolve_pair(s, None), today=TODAY, recent=1)
    assert shown.cadence.next_session_on == dt.date(2026, 12, 6), "14 days after the session"
    with demo_app.journal.read() as s:
        view = entries.get_entry(s, pairs.resolve_pair(s, None), entry.id or 0)
    assert [(a.text, a.owner) for a in view.actions] == [
        ("Draft two goals", "mentee"), ("Book the lab", "mentee"), ("Send the goal template", "mentor"),
    ]  # fmt: skip
    assert [g.id for g in view.goals] == [1]


async def test_a_back_dated_session_counts_its_next_session_from_its_own_date(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        form = await open_form(demo_app, pilot, "s")
        form.query_one("#title", Input).value = "Logged a week late"
        form.query_one("#on Input", Input).value = "2026-11-20"
        await pilot.press("ctrl+s")
        await pilot.pause()
    with demo_app.journal.read() as s:
        from mentorlog.journal.overview import overview

        shown = overview(s, pairs.resolve_pair(s, None), today=TODAY, recent=1)
    assert shown.cadence.next_session_on == dt.date(2026, 12, 4), "the session's date + 14, not today's"


async def test_observation_reflection_and_note(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        form = await open_form(demo_app, pilot, "o")
        form.query_one("#title", Input).value = "Period 5 lab"
        form.query_one("#context", Input).value = "Grade 8 science"
        form.query_one("#strengths", TextArea).text = "Clear instructions\nCalm start"
        form.query_one("#growth_areas", TextArea).text = "Wait time"
        await pilot.press("ctrl+s")
        await pilot.pause()
        observation = newest(demo_app)
        assert observation.strengths == ["Clear instructions", "Calm start"]
        assert observation.growth_areas == ["Wait time"]

        form = await open_form(demo_app, pilot, "r")
        assert form.query_one("#author", Select).value == "mentee"
        form.query_one("#title", Input).value = "A better week"
        form.query_one("#went_well", TextArea).text = "Transitions"
        form.query_one("#confidence", Select).value = 5
        form.query_one("#on Input", Input).value = "yesterday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        reflection = titled(demo_app, "A better week")
        assert (reflection.confidence, reflection.went_well, str(reflection.on)) == (5, "Transitions", "2026-11-21")

        form = await open_form(demo_app, pilot, "t")
        form.query_one("#title", Input).value = "Ask about the newcomers"
        form.query_one("#tags", Input).value = "#wellbeing, ell"
        form.query_one("#private", Static).value = True  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
    note = newest(demo_app)
    assert note.kind == "note" and note.private
    with demo_app.journal.read() as s:
        assert entries.get_entry(s, pairs.resolve_pair(s, None), note.id or 0).tags == ["ell", "wellbeing"]


async def test_assessment_rates_the_rubric(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        form = await open_form(demo_app, pilot, "a")
        form.query_one("#rater", Select).value = "self"
        form.query_one("#level-1", Select).value = 4
        form.query_one("#evidence-1", Input).value = "routines hold all day"
        form.query_one("#level-3", Select).value = 3
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(demo_app.screen, DashboardScreen)
    entry = newest(demo_app)
    assert entry.kind == "assessment" and entry.rater == "self" and entry.author == "mentee"
    with demo_app.journal.read() as s:
        rated = [(c.name, r.level, r.evidence) for c, r in assessments.ratings_detail(s, entry)]
    assert rated == [("Classroom management", 4, "routines hold all day"), ("Instructional strategies", 3, "")]


async def test_invalid_input_is_marked_on_the_field_and_nothing_is_saved(demo_app: MentorlogApp) -> None:
    with demo_app.journal.read() as s:
        before = len(timeline.page(s, pairs.resolve_pair(s, None), limit=500))
    async with demo_app.run_test(size=SIZE) as pilot:
        form = await open_form(demo_app, pilot, "r")
        await pilot.press("ctrl+s")  # no title
        assert "title must not be empty" in str(form.query_one("#title-error", Label).render())
        assert form.query_one("#title").has_class("-invalid-field")
        form.query_one("#title", Input).value = "Dated wrongly"
        form.query_one("#on Input", Input).value = "2026-02-30"
        await pilot.pause()
        assert "February 2026 has no day 30" in str(form.query_one("#on .understood", Label).render())
        await pilot.press("ctrl+s")
        assert "February 2026 has no day 30" in str(form.query_one("#on-error", Label).render())
        assert not form.query_one("#title-error").has_class("-shown")
        assert isinstance(demo_app.screen, EntryForm)
    with demo_app.journal.read() as s:
        assert len(timeline.page(s, pairs.resolve_pair(s, None), limit=500)) == before


async def test_escape_asks_before_throwing_away_typed_text(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        form = await open_form(demo_app, pilot, "t")
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert isinstance(demo_app.screen, DashboardScreen)

        form = await open_form(demo_app, pilot, "t")
        await pilot.press(*"Half a thought")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(demo_app.screen, Confirm)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert demo_app.screen is form and form.query_one("#title", Input).value == "Half a thought"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await pilot.pause()
        assert isinstance(demo_app.screen, DashboardScreen)
    assert newest(demo_app).title != "Half a thought"


async def test_goal_form_checks_smart_live_and_saves(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        form = demo_app.screen
        live = form.query_one("#smart-live", Static)
        form.query_one("#title", Input).focus()
        await pilot.press(*"Newsletter")
        await pilot.pause()
        assert "S✗" in str(live.render()) and "T✗" in str(live.render())
        form.query_one("#specific", TextArea).text = "Send families a monthly page about what we learn"
        form.query_one("#measure", Input).value = "newsletters sent"
        form.query_one("#unit", Input).value = "issues"
        form.query_one("#baseline", Input).value = "0"
        form.query_one("#target", Input).value = "3"
        form.query_one("#achievable", TextArea).text = "A template from the office"
        form.query_one("#relevant", TextArea).text = "Families ask what we do"
        form.query_one("#due Input", Input).value = "in 3 months"
        await pilot.pause()
        assert "S✓ M✓ A✓ R✓ T✓" in str(live.render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(demo_app.screen, GoalsScreen)
    with demo_app.journal.read() as s:
        listed = goals.list_goals(s, pairs.resolve_pair(s, None), today=TODAY)
    saved = [v for v in listed if v.goal.title == "Newsletter"]
    assert saved and saved[0].smart.passed and str(saved[0].goal.due_on) == "2027-02-22"


async def test_the_live_smart_check_hears_the_due_date_alone(demo_app: MentorlogApp) -> None:
    """DateInput used to stop its Changed event: the T of SMART stayed failed until another field changed."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        form = demo_app.screen
        live = form.query_one("#smart-live", Static)
        form.query_one("#title", Input).value = "Calmer starts"
        await pilot.pause()
        assert "T✗" in str(live.render())
        form.query_one("#due Input", Input).value = "in 3 months"
        await pilot.pause()
        assert "T✓" in str(live.render())


async def test_goal_progress_milestone_tick_and_status(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = demo_app.screen
        assert isinstance(screen, GoalsScreen)
        screen.select_goal(1)
        await pilot.press("p")
        await pilot.pause()
        demo_app.screen.query_one("#value", Input).value = "2.5"
        demo_app.screen.query_one("#note", Input).value = "students own the timer"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        demo_app.screen.query_one("#milestone", Input).value = "Film one transition"
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen.query_one("#milestones").focus()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("down", "enter")  # active -> [achieved, dropped, paused]: dropped
        await pilot.pause()
    with demo_app.journal.read() as s:
        view = goals.view(s, goals.get_goal(s, pairs.resolve_pair(s, None), 1), today=TODAY)
    assert view.updates[-1].value == 2.5 and view.updates[-1].note == "students own the timer"
    assert [(m.title, m.done_on) for m in view.milestones] == [("Film one transition", TODAY)]
    assert view.goal.status == "dropped"


async def test_edit_and_delete_from_the_journal(demo_app: MentorlogApp) -> None:
    from mentorlog.tui.screens.journal import JournalScreen

    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(demo_app.screen, JournalScreen)
        first = newest(demo_app)
        await pilot.press("e")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, EntryForm) and form.query_one("#title", Input).value == first.title
        form.query_one("#title", Input).value = "Questioning, second observation"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert newest(demo_app).title == "Questioning, second observation"
        await pilot.press("delete")
        await pilot.pause()
        asked = demo_app.screen  # the session has open action items: what of them?
        assert isinstance(asked, Choose) and "3 open action items" in asked.question, asked.question
        assert "Questioning, second observation" in asked.question, "the confirmation names what it affects"
        await pilot.press("k")  # keep them
        await pilot.pause()
    assert newest(demo_app).id != first.id
    with demo_app.journal.read() as s:
        still_open = actions.list_actions(s, pairs.resolve_pair(s, None), today=TODAY)
    assert any(a.text == "Send the video reflection protocol" for a in still_open)


async def test_deleting_a_session_can_take_its_open_items_with_it(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        with demo_app.journal.read() as s:
            before = len(actions.list_actions(s, pairs.resolve_pair(s, None), today=TODAY))
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(demo_app.screen, Choose)
        await pilot.press("d")
        await pilot.pause()
    with demo_app.journal.read() as s:
        pair = pairs.resolve_pair(s, None)
        after = actions.list_actions(s, pair, today=TODAY)
        binned = [item.label for item in trash.list_trash(s, pair)]
    assert len(after) == before - 3 and not any(a.text == "Send the video reflection protocol" for a in after)
    assert "action item: Send the video reflection protocol" in binned, "restorable from the trash"


async def test_escape_on_a_goal_form_with_a_bad_number_still_asks(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        demo_app.screen.query_one("#target", Input).value = "lots"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(demo_app.screen, Confirm)


async def test_delete_asks_then_removes_a_milestone_a_progress_update_or_the_goal(demo_app: MentorlogApp) -> None:
    from textual.widgets import DataTable

    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = demo_app.screen
        assert isinstance(screen, GoalsScreen)
        screen.select_goal(2)  # four milestones
        screen.query_one("#milestones", DataTable).focus()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(demo_app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("delete", "y")
        await pilot.pause()
        screen.select_goal(1)  # six progress updates; the newest is listed first
        screen.query_one("#progress-table", DataTable).focus()
        await pilot.press("delete", "y")
        await pilot.pause()
        screen.select_goal(6)
        screen.query_one("#goal-list", DataTable).focus()
        await pilot.press("delete", "y")
        await pilot.pause()
    with demo_app.journal.read() as s:
        pair = pairs.resolve_pair(s, None)
        assert len(goals.view(s, goals.get_goal(s, pair, 2), today=TODAY).milestones) == 3
        updates = goals.view(s, goals.get_goal(s, pair, 1), today=TODAY).updates
        assert [u.value for u in updates] == [6.0, 5.5, 4.5, 4.0, 3.5]
        assert 6 not in {v.goal.id for v in goals.list_goals(s, pair, today=TODAY)}


async def test_growth_shows_levels_change_and_gap(demo_app: MentorlogApp) -> None:
    from textual.widgets import DataTable

    from mentorlog.tui.screens.growth import GrowthScreen

    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(demo_app.screen, GrowthScreen)
        table = demo_app.screen.query_one("#competencies", DataTable)
        assert table.row_count == 9
        name, self_level, _, self_change, mentor_level, _, mentor_change, gap = table.get_row_at(0)
        assert (name.plain, self_level, self_change.plain, mentor_level, mentor_change.plain, gap.plain) == (
            "Classroom management", "4", "+2", "3", "+1", "+1",
        )  # fmt: skip
        title = str(demo_app.screen.query_one("#growth-confidence-title").render())
        assert "2 on" in title and "→ 4 on" in title


async def test_the_form_asks_for_what_the_kinds_spec_holds(
    demo_app: MentorlogApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A field added to a kind's spec (entry_kinds.SPECS) is asked for and saved with no edit here."""
    note = SPECS[EntryKind.NOTE]
    grown = Field("learned", "What the pair learned", entry_kinds.TEXT, "What did the two of you learn?")
    monkeypatch.setitem(SPECS, EntryKind.NOTE, Spec(*note[:4], fields=(grown,)))
    async with demo_app.run_test(size=SIZE) as pilot:
        form = await open_form(demo_app, pilot, "t")
        labels = [str(label.render()) for label in form.query(Label)]
        assert "What did the two of you learn?" in labels
        form.query_one("#title", Input).value = "After the staff meeting"
        form.query_one("#learned", TextArea).text = "Wait time works"
        await pilot.press("ctrl+s")
        await pilot.pause()
    entry = newest(demo_app)
    assert (entry.kind, entry.title, entry.learned) == ("note", "After the staff meeting", "Wait time works")
