"""The rubric editor (5, then r): add, edit, move, retire a competency, take a preset; the assessment
form then offers the rubric's own levels, with what each looks like beside the chosen one."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Label, Select

from mentorlog.journal import pairs, rubric
from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.screens.confirm import Confirm
from mentorlog.tui.screens.rubric import CompetencyForm, PresetPicker, RubricScreen

SIZE = (100, 40)


def _rubric(app: MentorlogApp) -> rubric.Rubric:
    with app.journal.read() as s:
        return rubric.rubric_of(s, pairs.resolve_pair(s, None))


async def test_the_rubric_editor_changes_the_rubric_and_the_assessment_form_follows(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "r")
        await pilot.pause()
        assert isinstance(demo_app.screen, RubricScreen)
        await pilot.press("a")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, CompetencyForm)
        form.query_one("#name", Input).value = "Partnering with families"
        form.query_one("#code", Input).value = "FP"
        form.query_one("#descriptor-3", Input).value = "Calls every family by October"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert _rubric(demo_app).active[-1].descriptors == ["", "", "Calls every family by October"]

        table = demo_app.screen.query_one("#rubric-competencies", DataTable)
        table.move_cursor(row=0)
        await pilot.press("shift+down")  # the first moves down one
        await pilot.pause()
        assert [c.name for c in _rubric(demo_app).active][:2] == ["Lesson planning and curriculum",
                                                                  "Classroom management"]  # fmt: skip
        table.move_cursor(row=0)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(demo_app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        assert "Lesson planning and curriculum" not in [c.name for c in _rubric(demo_app).active]
        retired = next(c for c in _rubric(demo_app).competencies if c.name == "Lesson planning and curriculum")
        table.move_cursor(row=table.get_row_index(str(retired.id)))  # listed last now, marked retired
        await pilot.press("ctrl+z")  # the retirement, undone
        await pilot.pause()
        assert "Lesson planning and curriculum" in [c.name for c in _rubric(demo_app).active]

        await pilot.press("p")
        await pilot.pause()
        assert isinstance(demo_app.screen, PresetPicker)
        demo_app.screen.dismiss("danielson")
        await pilot.pause()
        assert isinstance(demo_app.screen, Confirm) and "10 competencies of today's retire" in demo_app.screen.question
        await pilot.press("y")
        await pilot.pause()
        found = _rubric(demo_app)
        assert found.levels == ("Unsatisfactory", "Basic", "Proficient", "Distinguished") and len(found.active) == 22

        with demo_app.journal.write() as s:
            rubric.describe_competency(s, pairs.resolve_pair(s, None), "3b", "proficient", "Students ask why")
        await pilot.press("escape", "escape", "n", "a")
        await pilot.pause()
        position = next(c.position for c in _rubric(demo_app).active if c.code == "3b")
        select = demo_app.screen.query_one(f"#level-{position}", Select)
        assert [label for label, _ in select._options][1:5] == [
            "1 Unsatisfactory", "2 Basic", "3 Proficient: Students ask why", "4 Distinguished"]  # fmt: skip
        select.value = 3
        await pilot.pause()
        shown = str(demo_app.screen.query_one(f"#descriptor-{position}", Label).render())
        assert shown == "Proficient: Students ask why"
