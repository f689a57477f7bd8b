"""Screens say the words you need to decide: at 80×24 every question, hint and legend wraps within its
dialog or screen, so what it affects is read in full ("…of 2026-12-01? It h" was all a confirmation said)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label, Static

from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.screens.confirm import Choose, Confirm

SIZE = (80, 24)
SENTENCES = ".dialog-question, .form-help, .field-label, .hint, .understood, #growth-note"


def assert_every_sentence_fits(app: MentorlogApp) -> list[str]:
    """Each sentence is no wider than its container and has the rows its text needs: nothing is cut."""
    screen = app.screen
    seen = []
    for widget in screen.query(SENTENCES):
        if not isinstance(widget, Label | Static) or not widget.display or not widget.region:
            continue
        text = str(widget.render())
        if not text.strip():
            continue
        container = widget.parent
        assert container is not None
        assert widget.outer_size.width <= container.size.width, f"{text!r} is wider than its container"
        room = widget.content_size.width * widget.content_size.height
        assert room >= len(text.replace("\n", "")), f"{text!r} has {widget.content_size} to show it in"
        assert widget.region.right <= app.size.width, f"{text!r} runs off the screen"
        seen.append(text)
    return seen


async def test_the_journals_delete_question_names_every_action_item_that_may_go(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause(0.3)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(demo_app.screen, Choose)
        question = demo_app.screen.question
        for item in ("Plan exit tickets into every lesson plan template", "Pick one lesson to video for self-review",
                     "Send the video reflection protocol"):  # fmt: skip
            assert item in question
        assert "..." not in question
        assert question in assert_every_sentence_fits(demo_app)


async def test_the_history_title_the_growth_legend_and_date_hints_fit(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause(0.3)
        await pilot.press("h")
        await pilot.pause()
        assert any("ctrl+z undoes the last edit" in text for text in assert_every_sentence_fits(demo_app))
        await pilot.press("escape", "4")
        await pilot.pause()
        assert any("the mentee rates higher" in text for text in assert_every_sentence_fits(demo_app))
        await pilot.press("1", "a")
        await pilot.pause()
        demo_app.screen.query_one("#due Input", Input).value = "3 days from the end of the month"
        await pilot.pause()
        hints = assert_every_sentence_fits(demo_app)
        assert any("3 days from the end of the month" in text for text in hints), hints


async def test_the_export_dialogs_questions_fit(demo_app: MentorlogApp, tmp_path: Path) -> None:
    target = tmp_path / ("a-long-name-for-the-report-of-the-autumn-term-" * 2 + ".md")
    target.write_text("last term\n")
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert_every_sentence_fits(demo_app)
        demo_app.screen.query_one("#file", Input).value = str(target)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(demo_app.screen, Confirm)
        assert f"{target} exists. Replace it?" in assert_every_sentence_fits(demo_app)


async def test_every_text_area_of_every_form_has_rows_to_write_in(demo_app: MentorlogApp, tmp_path: Path) -> None:
    """A place to write paragraphs is never squeezed to one line by a rule meant for something else
    (the dashboard's one-line agreement once made the setup's and the pair's agreement one line)."""
    from textual.widgets import TextArea

    from mentorlog.db import open_journal
    from mentorlog.kinds import EntryKind
    from mentorlog.tui.screens.closure import ClosureForm
    from mentorlog.tui.screens.entry_form import EntryForm
    from mentorlog.tui.screens.goal_form import GoalForm
    from mentorlog.tui.screens.pair_form import PairForm
    from mentorlog.tui.screens.rubric import CompetencyForm
    from tests.conftest import TODAY

    def assert_room(where: str) -> int:
        areas = list(demo_app.screen.query(TextArea)) if where != "setup" else list(fresh.screen.query(TextArea))
        for area in areas:
            assert area.size.height >= 3, f"{where}: #{area.id} is {area.size.height} row(s) tall"
        return len(areas)

    seen = 0
    async with demo_app.run_test(size=SIZE) as pilot:
        forms = [*(EntryForm(kind) for kind in EntryKind), GoalForm(), PairForm(), ClosureForm(),
                 CompetencyForm(None, ("Beginning", "Developing", "Proficient", "Advanced", "Leading"))]  # fmt: skip
        for form in forms:
            demo_app.push_screen(form)
            await pilot.pause()
            seen += assert_room(type(form).__name__)
            demo_app.pop_screen()
            await pilot.pause()
    fresh = MentorlogApp(open_journal(tmp_path / "new.db", create=True), today=TODAY)
    async with fresh.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen += assert_room("setup")
    assert seen >= 10


async def test_the_rubric_editors_questions_and_the_assessments_descriptors_fit(demo_app: MentorlogApp) -> None:
    """Taking a preset names every competency it retires; the file dialog says the format; a level's
    descriptor beside the chosen level wraps: at 80x24 nothing is cut."""
    from textual.widgets import Select

    from mentorlog.journal import pairs, rubric
    from mentorlog.tui.screens.rubric import RubricFileDialog

    with demo_app.journal.write() as s:
        pair = pairs.resolve_pair(s, None)
        long = "Students explain their reasoning to each other, build on one another's ideas and ask why " * 2
        rubric.describe_competency(s, pair, "1", "3", long.strip())
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "r", "p")
        await pilot.pause()
        demo_app.screen.dismiss("cstp-elements")
        await pilot.pause()
        assert isinstance(demo_app.screen, Confirm)
        assert "Technology integration" in demo_app.screen.question
        assert any("Technology integration" in text for text in assert_every_sentence_fits(demo_app))
        await pilot.press("n")
        await pilot.pause()
        demo_app.push_screen(RubricFileDialog())
        await pilot.pause()
        assert any("CSV or TOML" in text for text in assert_every_sentence_fits(demo_app))
        demo_app.pop_screen()
        await pilot.press("escape", "escape", "n", "a")
        await pilot.pause()
        demo_app.screen.query_one("#level-1", Select).value = 3
        await pilot.pause()
        assert any(text.startswith("Applying: Students explain") for text in assert_every_sentence_fits(demo_app))
