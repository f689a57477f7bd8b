"""What the user typed is never dropped without a choice: a save that did not reach the file never says
saved (and the form stays), and a form saved over a record changed since it opened shows both and asks."""

from __future__ import annotations

import shutil

from textual.widgets import Input, Static, TextArea

from mentorlog.db import Journal, open_journal
from mentorlog.journal import entries, history, pairs
from mentorlog.tui import drafts
from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.screens.conflict import ConflictDialog
from mentorlog.tui.screens.entry_form import EntryForm
from mentorlog.tui.screens.journal import JournalScreen
from tests.conftest import TODAY

SIZE = (100, 40)


async def test_a_save_into_a_journal_deleted_meanwhile_is_refused_and_the_form_kept(
    empty_journal: Journal, tmp_path_factory: object
) -> None:
    folder = empty_journal.path.parent / "gone"
    folder.mkdir()
    journal = open_journal(folder / "journal.db", create=True)
    with journal.write() as s:
        pair_uid = pairs.create_pair(s, mentor="Ana Lopez", mentee="Sam Rivera", today=TODAY).uid
    app = MentorlogApp(journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "t")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EntryForm)
        form.query_one("#title", Input).value = "A note that must not vanish"
        await pilot.pause(0.6)
        shutil.rmtree(folder)  # the journal's folder deleted while the TUI has it open
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "the form stays, with what was typed"
        assert form.query_one("#title", Input).value == "A note that must not vanish"
        said = [n.message for n in app._notifications]
        assert any("nothing was saved" in message for message in said), said
        assert not any(n.title == "Note saved" for n in app._notifications)
    assert drafts.load(journal, pair_uid), "kept outside the journal's folder"
    journal.close()


async def _edit_elsewhere(path: object, entry_id: int, title: str) -> None:
    other = open_journal(path)  # type: ignore[arg-type]
    with other.write() as s:
        entries.update_entry(s, pairs.resolve_pair(s, None), entry_id, title=title)
    other.close()


async def test_a_form_saved_over_a_record_changed_elsewhere_shows_both_and_saves_mine(demo_app: MentorlogApp) -> None:
    journal = demo_app.journal
    with journal.read() as s:
        pair = pairs.resolve_pair(s, None)
        entry_id = s.execute("SELECT max(id) FROM entry WHERE kind = 'note'").fetchone()[0]
    async with demo_app.run_test(size=SIZE) as pilot:
        demo_app.push_screen(EntryForm("note", entry_id))
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, EntryForm)
        form.query_one("#title", Input).value = "Mine: typed in this window"
        await _edit_elsewhere(journal.path, entry_id, "Theirs: saved in the other window")
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = demo_app.screen
        assert isinstance(dialog, ConflictDialog)
        shown = " ".join(str(widget.render()) for widget in dialog.query(Static))
        assert "Theirs: saved in the other window" in shown and "Mine: typed in this window" in shown
        await pilot.press("m")
        await pilot.pause()
        assert not isinstance(demo_app.screen, EntryForm | ConflictDialog)
    with journal.read() as s:
        assert entries.get_entry(s, pair, entry_id).entry.title == "Mine: typed in this window"
        earlier = history.entry_versions(s, pair, entry_id)
        assert earlier[0].title == "Theirs: saved in the other window", "theirs is kept as a version"


async def test_taking_theirs_refills_the_form_and_saves_nothing(demo_app: MentorlogApp) -> None:
    journal = demo_app.journal
    with journal.read() as s:
        pair = pairs.resolve_pair(s, None)
        entry_id = s.execute("SELECT max(id) FROM entry WHERE kind = 'note'").fetchone()[0]
    async with demo_app.run_test(size=SIZE) as pilot:
        demo_app.push_screen(EntryForm("note", entry_id))
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, EntryForm)
        form.query_one("#body", TextArea).load_text("my notes")
        await _edit_elsewhere(journal.path, entry_id, "Theirs")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert demo_app.screen is form and form.query_one("#title", Input).value == "Theirs"
        assert not form.dirty
    with journal.read() as s:
        assert entries.get_entry(s, pair, entry_id).entry.title == "Theirs"


async def test_the_journal_shows_the_entry_as_saved_after_an_edit(demo_app: MentorlogApp) -> None:
    """The detail pane used to keep showing the entry as it was before the save."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause(0.3)
        screen = demo_app.screen
        assert isinstance(screen, JournalScreen)
        await pilot.press("e")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, EntryForm)
        form.query_one("#title", Input).value = "A title just saved"
        await pilot.press("ctrl+s")
        await pilot.pause(0.4)
        assert demo_app.screen is screen
        assert "A title just saved" in screen.query_one("#entry-markdown").source  # type: ignore[attr-defined]
