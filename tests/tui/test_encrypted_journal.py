"""The TUI on an encrypted journal: it opens and works as on a plain one; its drafts and live observation
are sealed; the editor hand-off is refused where its file would be on a disk; the export dialog says the
file will be plaintext. Then nothing of the journal's text is anywhere on disk in the clear."""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, Label, TextArea

from mentorlog import editing, paths
from mentorlog.cli.unlocking import Unlocker
from mentorlog.db import Journal, keyfile, open_journal
from mentorlog.demo import build_demo
from mentorlog.journal import live_observation
from mentorlog.tui import drafts
from mentorlog.tui.app import MentorlogApp
from mentorlog.tui.screens.entry_form import EntryForm
from mentorlog.tui.screens.export import PLAINTEXT, ExportDialog
from mentorlog.tui.screens.observe import ObservationScreen
from tests.conftest import TODAY, Run

SIZE = (100, 40)
PASSPHRASE = "correct horse battery staple"
MARKER = "ZQX7-tui-marker"
FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture
def encrypted_journal(tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> Iterator[Journal]:
    path = tmp_path / "journal.db"
    journal = open_journal(path, create=True)
    with journal.write() as s:
        build_demo(s, today=TODAY)
    journal.close()
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    assert run("log", "note", f"{MARKER} in a note").code == 0
    assert run("encrypt").code == 0
    opened = open_journal(path, unlock=Unlocker())
    assert opened.encrypted
    yield opened
    opened.close()


def scan(roots: list[Path], needle: bytes) -> list[Path]:
    return [
        path for root in roots if root.exists() for path in root.rglob("*") if path.is_file()
        and needle in path.read_bytes()
    ]  # fmt: skip


async def test_the_tui_on_an_encrypted_journal_seals_what_it_keeps(
    encrypted_journal: Journal, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    app = MentorlogApp(encrypted_journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")  # the journal screen: the encrypted pages read as plain ones
        await pilot.pause()
        await pilot.press("n", "s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EntryForm)
        form.query_one("#title", Input).value = f"Draft {MARKER}"
        form.query_one("#body", TextArea).load_text(f"{MARKER} typed, not yet saved")
        await pilot.pause(0.6)  # the draft is written a moment after typing stops
    drafted = paths.drafts_path().read_bytes()
    assert MARKER.encode() not in drafted and b"sealed" in drafted, "the draft is on disk, sealed"
    with encrypted_journal.read() as s:
        uid = s.execute("SELECT uid FROM pair").fetchone()[0]
    found = drafts.load(encrypted_journal, uid)
    assert found is not None and MARKER in found["values"]["title"], "and opens with the journal's key"

    app = MentorlogApp(encrypted_journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        while app.screen is not app.screen_stack[0] and not isinstance(app.screen, ObservationScreen):
            await pilot.press("escape")  # the draft's question: later
            await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        if not isinstance(app.screen, ObservationScreen):
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, ObservationScreen)
        app.screen.query_one("#obs-input", Input).value = f"{MARKER} said in the lesson"
        await pilot.press("enter")
        await pilot.pause()
    observed = paths.observations_path().read_bytes()
    assert MARKER.encode() not in observed and b"sealed" in observed
    capture = live_observation.load(encrypted_journal)
    assert capture is not None and MARKER in capture.lines[-1].text


async def test_the_export_dialog_says_the_file_will_be_plaintext(encrypted_journal: Journal) -> None:
    app = MentorlogApp(encrypted_journal, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        said = app.screen.query_one("#export-plaintext", Label)
        assert str(said.render()) == PLAINTEXT
        assert app.screen.query_one("#export").region.bottom <= 24, "the button stays in sight at 80x24"


async def test_the_editor_is_refused_where_its_file_would_be_on_a_disk(
    encrypted_journal: Journal, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ran: list[list[str]] = []
    monkeypatch.setenv("EDITOR", "true")
    monkeypatch.setattr(editing, "private_folder", lambda: (tmp_path / "state-editing", False))
    with pytest.raises(editing.EditorFailed, match="encrypted"):
        editing.edit("notes", lambda argv: ran.append(argv) or 0, in_memory_only=True)
    assert ran == [] and not (tmp_path / "state-editing").exists()
    app = MentorlogApp(encrypted_journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", "s")
        await pilot.pause()
        assert isinstance(app.screen, EntryForm)
        agenda = app.screen.query_one("#agenda", TextArea)
        agenda.text = "Goals for January"
        agenda.focus()
        await pilot.press("f4")
        await pilot.pause()
        told = [n.message for n in app._notifications]
        assert agenda.text == "Goals for January"
        assert any("encrypted" in message and "plaintext on the disk" in message for message in told), told


async def test_nothing_of_an_encrypted_journal_is_on_disk_in_the_clear(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every command, the TUI with a draft and a live observation, a backup and a restore, an upgrade of an
    older journal: then every file under the test's folders is read for the marker."""
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "journal.db"
    path.write_bytes(gzip.decompress((FIXTURES / "journal-v7.db.gz").read_bytes()))
    assert run("encrypt").code == 0  # an older journal: upgraded once encrypted, its backup encrypted too
    for command in (
        ("log", "note", f"{MARKER} one"), ("log", "session", f"{MARKER} two", "--duration", "30"),
        ("todo", "add", f"{MARKER} three"), ("goal", "add", f"{MARKER} four", "--target", "3"),
        ("status",), ("prep",), ("timeline",), ("check",), ("backup",), ("report", "hours"), ("unlock",),
    ):  # fmt: skip
        done = run(*command)
        assert done.code == 0, (command, done.err)
    monkeypatch.delenv("MENTORLOG_PASSPHRASE")
    assert MARKER in run("timeline").out, "unlocked"
    journal = open_journal(path, unlock=Unlocker())
    try:
        app = MentorlogApp(journal, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("n", "s")
            await pilot.pause()
            if isinstance(app.screen, EntryForm):
                app.screen.query_one("#title", Input).value = f"{MARKER} five"
                await pilot.pause(0.6)
        capture = live_observation.start(journal, _pair(journal), now=_nine(), context=f"{MARKER} six")
        capture.add(f"{MARKER} seven", _nine())
        live_observation.save(capture, journal.sealing)
    finally:
        journal.close()
    (backup,) = [p for p in (tmp_path / "backups").iterdir() if not p.name.endswith(keyfile.KEY_SUFFIX)]
    assert run("restore", str(backup)).code == 0
    runtime = Path(os.environ["XDG_RUNTIME_DIR"])
    roots = [tmp_path, runtime]
    assert not scan(roots, MARKER.encode()), "no file holds the journal's text in the clear"
    assert not scan(roots, MARKER.encode("utf-16-le"))
    assert not scan(roots, b"SQLite format 3\x00"), "nor is any file a plain database"


def _pair(journal: Journal):  # type: ignore[no-untyped-def]
    from mentorlog.journal import pairs

    with journal.read() as s:
        return pairs.resolve_pair(s, None)


def _nine():  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.datetime(2026, 11, 22, 9, 0, 0)  # noqa: DTZ001 - the classroom's wall clock


async def test_a_damaged_encrypted_journal_is_restored_from_its_backup_in_the_tui(
    encrypted_journal: Journal, run: Run
) -> None:
    from mentorlog.db import damage
    from mentorlog.exchange.backup import make_backup
    from mentorlog.tui.screens.damaged import DamagedScreen

    path = encrypted_journal.path
    made = make_backup(path, key=encrypted_journal.found.key)
    assert made.path.read_bytes().startswith(keyfile.DATA_MAGIC) and keyfile.key_path(made.path).exists()
    encrypted_journal.close()
    damage.record(path, "database disk image is malformed")
    app = MentorlogApp(open_journal(path, unlock=Unlocker()), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DamagedScreen)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.reopen is not None and "Restored from" in app.reopen, [n.message for n in app._notifications]
    assert path.read_bytes().startswith(keyfile.DATA_MAGIC), "restored as it was backed up: encrypted"
    assert MARKER in run("timeline").out


async def test_the_passphrase_window_masks_what_is_typed_and_gives_three_tries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mentorlog.cli.unlocking import unwrap
    from mentorlog.tui.unlock import UnlockApp

    monkeypatch.setattr("mentorlog.cli.unlocking.time.sleep", lambda _: None)
    from mentorlog.db import keywrap

    key = keywrap.new_data_key()
    header = keywrap.wrap(key, PASSPHRASE)
    shown = tmp_path / "journal.db"

    async def typed(*passphrases: str) -> tuple[UnlockApp, list[str]]:
        app = UnlockApp(shown, lambda given: unwrap(header, given, shown))
        said: list[str] = []
        async with app.run_test(size=(80, 24)) as pilot:
            field = app.query_one("#passphrase", Input)
            assert field.password, "never shown as typed"
            for passphrase in passphrases:
                field.value = passphrase
                await pilot.press("enter")
                await app.workers.wait_for_complete()
                await pilot.pause()
                if not app.is_running:
                    break
                said.append(str(app.query_one("#unlock-said").render()))
                assert field.value == "" and not field.disabled
        return app, said

    opened, said = await typed("not it at all", PASSPHRASE)
    assert opened.return_value == key
    assert said == [f"wrong passphrase for {shown}; nothing was opened. Try again (2 left)."]
    refused, said = await typed("one wrong", "two wrong", "three wrong")
    assert len(said) == 2 and refused.return_value is None
    assert refused.refusal == f"wrong passphrase for {shown}; nothing was opened"
