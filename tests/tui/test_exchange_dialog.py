"""The export dialog and the backup action, driven through the keyboard and the palette."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Label, ProgressBar, Select

from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.screens.export import ExportDialog
from mentorlog.tui.screens.working import Working

SIZE = (100, 40)


async def finished(app: MentorlogApp, pilot: Pilot[None]) -> None:
    """The export or backup runs in a worker: wait for it, then for what it tells the screen."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_export_dialog_writes_each_format(demo_app: MentorlogApp, tmp_path: Path) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = demo_app.screen
        assert isinstance(dialog, ExportDialog)
        path = dialog.query_one("#file", Input)
        assert path.value.endswith("mentorlog-jordan-lee-2026-11-22.md")
        history = dialog.query_one("#history", Checkbox)
        assert history.disabled, "only JSON carries the trash and earlier versions"
        dialog.query_one("#format", Select).value = "json"
        await pilot.pause()
        assert path.value.endswith(".json"), "the suffix follows the format"
        assert not history.disabled and not history.value
        target = tmp_path / "shared.json"
        path.value = str(target)
        dialog.query_one("#private", Checkbox).value = True
        history.value = True
        await pilot.press("ctrl+s")
        await finished(demo_app, pilot)
        assert not isinstance(demo_app.screen, ExportDialog | Working)
        document = json.loads(target.read_text())
        assert any(e["private"] for e in document["pairs"][0]["entries"])
        assert {"history", "trash"} <= set(document["pairs"][0])
        assert target.stat().st_mode & 0o777 == 0o600

        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = demo_app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#file", Input).value = str(tmp_path / "october.md")
        dialog.query_one("#start").query_one(Input).value = "2026-10-01"
        dialog.query_one("#end").query_one(Input).value = "2026-10-31"
        await pilot.pause()  # the dates understood are shown (and the dialog laid out again) before a click
        await pilot.click("#export")
        await finished(demo_app, pilot)
        text = (tmp_path / "october.md").read_text()
        assert "Period: 2026-10-01 to 2026-10-31" in text and "Private entries: 1 left out" in text


async def test_export_dialog_marks_bad_fields_and_writes_nothing(demo_app: MentorlogApp, tmp_path: Path) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = demo_app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#file", Input).value = str(tmp_path / "missing-folder" / "x.md")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_app.screen is dialog
        error = dialog.query_one("#file-error", Label)
        assert error.has_class("-shown") and "cannot write" in str(error.render())
        dialog.query_one("#file", Input).value = str(tmp_path / "x.md")
        dialog.query_one("#start").query_one(Input).value = "2026-11-01"
        dialog.query_one("#end").query_one(Input).value = "2026-10-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "is before" in str(dialog.query_one("#end-error", Label).render())
        assert not [p for p in tmp_path.rglob("*") if ".md" in p.name], "nothing was written"
        await pilot.press("escape", "y")  # it asks first: the fields were changed
        await pilot.pause()
        assert dialog not in demo_app.screen_stack


async def test_palette_offers_export_and_backup(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"back up")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await finished(demo_app, pilot)
        backups = demo_app.journal.path.parent / "backups"
        assert len(list(backups.iterdir())) == 1
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(demo_app.screen, ExportDialog)


async def test_export_dialog_asks_before_replacing_a_file(demo_app: MentorlogApp, tmp_path: Path) -> None:
    from mentorlog.tui.screens.confirm import Confirm
    from mentorlog.tui.screens.export import ExportDialog

    target = tmp_path / "report.md"
    target.write_text("last term's report\n")
    async with demo_app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = demo_app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#file", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(demo_app.screen, Confirm) and str(target) in demo_app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert demo_app.screen is dialog and target.read_text() == "last term's report\n"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await finished(demo_app, pilot)
        assert not isinstance(demo_app.screen, ExportDialog)
    assert target.read_text().startswith("# Mentoring journal")


async def test_a_long_export_shows_how_far_it_is_and_goes_on_when_hidden(
    demo_app: MentorlogApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export runs in a worker: the progress bar moves, Escape hides it, the app stays usable,
    and a message says when the file is there."""
    import threading

    from mentorlog.exchange import markdown

    release = threading.Event()
    real = markdown.document

    def slow(*args: object, **kwargs: object) -> object:
        entries = 0
        for chunk in real(*args, **kwargs):  # type: ignore[arg-type]
            entries += chunk.startswith("### 20")  # an entry's heading starts with its date
            if entries == 10:
                release.wait(5)  # holds the worker, ten entries in, until the test has looked
            yield chunk

    monkeypatch.setattr(markdown, "document", slow)
    target = tmp_path / "long.md"
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        demo_app.screen.query_one("#file", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)
        working = demo_app.screen
        assert isinstance(working, Working) and not target.exists()
        assert working.query_one(ProgressBar).progress > 0, "the bar shows the entries written so far"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(demo_app.screen, Working)
        await pilot.press("3")  # the app answers while the export waits
        await pilot.pause()
        assert demo_app.screen.__class__.__name__ == "JournalScreen"
        release.set()
        await finished(demo_app, pilot)
        assert working.finished and target.read_text().startswith("# Mentoring journal")
        assert any(f"Exported to {target}" in str(n.message) for n in demo_app._notifications)


async def test_a_backup_that_fails_says_so_and_leaves_nothing(demo_app: MentorlogApp, tmp_path: Path) -> None:
    backups = demo_app.journal.path.parent / "backups"
    backups.write_text("a file where the folder would go")
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+b")
        await finished(demo_app, pilot)
        assert not isinstance(demo_app.screen, Working)
        messages = [(n.title, str(n.message)) for n in demo_app._notifications]
        assert any(title == "Not backed up" and "cannot" in text for title, text in messages), messages
    assert backups.read_text() == "a file where the folder would go"


async def test_the_dialog_asks_before_closing_only_when_a_name_or_date_was_typed(demo_app: MentorlogApp) -> None:
    """It asked "Throw away what you typed?" when only the format had changed (which renames the file itself)."""
    from mentorlog.tui.screens.confirm import Confirm

    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = demo_app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#format", Select).value = "json"
        dialog.query_one("#private", Checkbox).value = True
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(demo_app.screen, ExportDialog | Confirm), "closed without asking"
        await pilot.press("ctrl+e")
        await pilot.pause()
        demo_app.screen.query_one("#file", Input).value = "~/for-the-coordinator.md"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(demo_app.screen, Confirm) and "Throw away what you typed" in demo_app.screen.question
