"""How the screens look at 80×24 and at 200×60 on the demo journal, with a fixed today.

At 80×24 every screen shows what it is for (titles wrap rather than being cut, the export
dialog's buttons stay in sight, ? and q are always in the footer); at 200×60 it uses the room.

Update after a deliberate change with `pytest tests/tui/test_snapshots.py --snapshot-update`
and look at the SVGs before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorlog.db import open_journal
from mentorlog.demo import build_demo
from mentorlog.tui.app import MentorlogApp
from tests.conftest import TODAY

SIZES = [(80, 24), (200, 60)]
SIZE_IDS = ["80x24", "200x60"]


@pytest.fixture
def app(tmp_path: Path) -> MentorlogApp:
    journal = open_journal(tmp_path / "snap.db", create=True)
    with journal.write() as s:
        build_demo(s, today=TODAY)
    return MentorlogApp(journal, today=TODAY)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("key", ["1", "2", "3", "4"], ids=["dashboard", "goals", "journal", "growth"])
def test_main_screens(snap_compare, app: MentorlogApp, key: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, press=[key], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_new_session_form(snap_compare, app: MentorlogApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, press=["n", "s"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_export_dialog(snap_compare, app: MentorlogApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, press=["ctrl+e"], terminal_size=size)


def test_help(snap_compare, app: MentorlogApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, press=["question_mark"], terminal_size=SIZES[0])
