"""What is typed into a form survives a crash or a closed terminal, and is offered at the next start."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from mentorlog.db import Journal
from mentorlog.journal import pairs
from mentorlog.tui import drafts
from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.screens.confirm import Choose, Confirm
from mentorlog.tui.screens.entry_form import EntryForm
from tests.conftest import TODAY

SIZE = (100, 40)


def drafts_of(journal: Journal) -> object:
    with journal.read() as s:
        uid = pairs.resolve_pair(s, None).uid
    return drafts.load(journal, uid)


async def type_a_session_and_vanish(journal: Journal) -> None:
    app = MentorlogApp(journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EntryForm)
        form.query_one("#title", Input).value = "Debrief of the lab"
        form.query_one("#body", TextArea).load_text("Timer helps.\nNoise after lunch.")
        await pilot.pause(0.6)  # the draft is written a moment after typing stops
    # The app is gone without saving: as if the terminal had closed or the process been killed.


async def test_a_draft_is_offered_at_the_next_start_and_restored(demo_journal: Journal) -> None:
    await type_a_session_and_vanish(demo_journal)
    assert drafts_of(demo_journal) is not None
    app = MentorlogApp(demo_journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        assert "unsaved text: the session entry “Debrief of the lab” with 2 lines of notes" in app.screen.question
        await pilot.press("o")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EntryForm) and form.kind == "session"
        assert form.query_one("#title", Input).value == "Debrief of the lab"
        assert form.query_one("#body", TextArea).text == "Timer helps.\nNoise after lunch."
        assert form.dirty, "Escape still asks before throwing it away"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EntryForm)
    assert drafts_of(demo_journal) is None, "a saved form leaves no draft"


async def test_leaving_the_offer_keeps_the_draft_and_only_a_confirmed_discard_deletes_it(
    demo_journal: Journal,
) -> None:
    """Escape, or n (the app's new-entry key), used to delete the draft for good."""
    await type_a_session_and_vanish(demo_journal)
    for keys in (["escape"], ["n"], ["d", "n"], ["d", "escape"]):
        app = MentorlogApp(demo_journal, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, Choose)
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
        assert drafts_of(demo_journal) is not None, keys
    app = MentorlogApp(demo_journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "Discard the session entry “Debrief of the lab” with 2 lines of notes for good?" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
    assert drafts_of(demo_journal) is None


async def test_the_draft_file_is_private(demo_journal: Journal) -> None:
    from mentorlog import paths

    await type_a_session_and_vanish(demo_journal)
    assert paths.drafts_path().stat().st_mode & 0o777 == 0o600
