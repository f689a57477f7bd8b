"""Long text in the user's editor (F4): the text comes back when saved; a failed, killed or missing editor
leaves it as it was with one line said; the private file is gone in every case, and a crash's is removed at
the next start."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from textual.widgets import TextArea

from mentorlog import editing
from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.screens.entry_form import EntryForm

SIZE = (100, 40)


def _editor(tmp_path: Path, name: str, body: str) -> str:
    script = tmp_path / name
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o700)
    return str(script)


def _left() -> list[Path]:
    folder = Path(os.environ["XDG_RUNTIME_DIR"]) / "mentorlog"
    return list(folder.iterdir()) if folder.exists() else []


async def _edit_agenda(app: MentorlogApp, pilot, text: str) -> tuple[TextArea, list[str]]:  # type: ignore[no-untyped-def]
    await pilot.press("n", "s")
    await pilot.pause()
    assert isinstance(app.screen, EntryForm)
    agenda = app.screen.query_one("#agenda", TextArea)
    agenda.text = text
    agenda.focus()
    await pilot.pause()
    await pilot.press("f4")
    await pilot.pause()
    return agenda, [n.message for n in app._notifications]


async def test_the_editor_writes_the_text_and_its_file_is_gone(
    demo_app: MentorlogApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "seen"
    body = (
        f'ls -l "$1" > {seen}; stat -c %a "$(dirname "$1")" >> {seen}; printf "Check the timer\\n" >> "$1"; '
        'echo swap > "$(dirname "$1")/.$(basename "$1").swp"'
    )  # an editor's own file beside it
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "appends.sh", body))
    async with demo_app.run_test(size=SIZE) as pilot:
        agenda, said = await _edit_agenda(demo_app, pilot, "Goals for January\n")
        assert agenda.text == "Goals for January\nCheck the timer\n", said
    listing, folder_mode = seen.read_text(encoding="utf-8").splitlines()
    assert listing.startswith("-rw-------") and folder_mode == "700"  # only its owner, while it lived
    assert _left() == []


@pytest.mark.parametrize(
    ("name", "body", "said"),
    [
        ("fails.sh", 'echo scribbled >> "$1"; exit 3', "failed (exit status 3): the text is as it was"),
        ("killed.sh", 'echo scribbled >> "$1"; kill -9 $$', "was stopped (signal 9): the text is as it was"),
    ],
)
async def test_a_failed_or_killed_editor_leaves_the_text_and_no_file(
    demo_app: MentorlogApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, body: str, said: str
) -> None:
    monkeypatch.setenv("VISUAL", _editor(tmp_path, name, body))
    async with demo_app.run_test(size=SIZE) as pilot:
        agenda, told = await _edit_agenda(demo_app, pilot, "Goals for January")
        assert agenda.text == "Goals for January"
        assert any(said in message for message in told), told
    assert _left() == []


async def test_no_editor_set_is_one_line_and_changes_nothing(demo_app: MentorlogApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        agenda, told = await _edit_agenda(demo_app, pilot, "Goals")
        assert agenda.text == "Goals"
        assert any("no editor is set: set $VISUAL or $EDITOR" in message for message in told), told
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    try:
        with pytest.raises(editing.EditorFailed, match="was not found"):
            editing.edit("x", lambda argv: __import__("subprocess").call(argv))
    finally:
        monkeypatch.undo()
    assert _left() == []


async def test_a_file_a_crash_left_is_removed_at_the_next_start(demo_app: MentorlogApp) -> None:
    folder, in_memory = editing.private_folder()
    assert in_memory and stat.S_IMODE(folder.stat().st_mode) == 0o700
    leftover = folder / f"{editing.PREFIX}999999999-dead{editing.SUFFIX}"  # a mentorlog that is no more
    leftover.write_text("a frank note about a student", encoding="utf-8")
    swap = folder / f".{leftover.name}.swp"  # what vim kept beside it
    swap.write_text("the same note", encoding="utf-8")
    alive = folder / f"{editing.PREFIX}{os.getppid()}-busy{editing.SUFFIX}"  # another mentorlog's edit
    alive.write_text("in progress", encoding="utf-8")
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert not leftover.exists() and not swap.exists()
    assert alive.exists(), "an edit of a mentorlog still running is left alone"


async def test_the_new_entry_menu_offers_the_templates_and_the_form_starts_from_one(demo_app: MentorlogApp) -> None:
    from textual.widgets import OptionList

    from mentorlog.tui.screens.pickers import KindPicker

    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "mentorlog" / "templates"
    folder.mkdir(parents=True)
    (folder / "session-debrief.md").write_text("Debrief with {mentee}\n\n{open_items}\n{weather}", encoding="utf-8")
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(demo_app.screen, KindPicker)
        options = demo_app.screen.query_one("#kinds", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert "session:debrief" in ids
        demo_app.screen.dismiss("session:debrief")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, EntryForm) and form.kind == "session"
        body = form.query_one("#body", TextArea).text
        assert body.startswith("Debrief with Jordan Lee\n\n- ") and body.endswith("{weather}")
        assert any("left as typed: {weather}" in n.message for n in demo_app._notifications)
