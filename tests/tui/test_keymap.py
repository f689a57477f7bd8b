"""[keymap] in config.toml: any binding, by its id, on keys of the user's choosing (posting's way); help shows
the remapped key, the old one no longer fires, and an id no binding has is named, not ignored in silence."""

from __future__ import annotations

from mentorlog import paths
from mentorlog.db import Journal
from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.keys import actions_of, binding_ids
from mentorlog.tui.screens.pickers import KindPicker
from tests.conftest import TODAY


def _config(text: str) -> None:
    path = paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


async def test_a_remapped_binding_fires_on_its_new_key_and_help_shows_it(demo_journal: Journal) -> None:
    _config('[keymap]\n"app.new-entry" = "ctrl+o"\n')
    app = MentorlogApp(demo_journal, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = {action.id: action.key for action in actions_of(app.screen)}
        assert shown["app.new-entry"] in ("^o", "ctrl+o", "Ctrl+o", "^O")
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, KindPicker), "the old key is free once the binding moved"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, KindPicker)


async def test_an_unknown_binding_id_is_named(demo_journal: Journal) -> None:
    _config('[keymap]\n"journal.fly" = "f9"\n')
    app = MentorlogApp(demo_journal, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert any("journal.fly" in str(n.message) for n in app._notifications)


def test_every_binding_id_can_be_named() -> None:
    found = binding_ids()
    assert {"app.new-entry", "app.help", "journal.edit"} <= found
