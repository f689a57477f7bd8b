"""How the main screens look at 80×24 on the demo journal, with a fixed today.

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

SIZE = (80, 24)


@pytest.fixture
def app(tmp_path: Path) -> MentorlogApp:
    journal = open_journal(tmp_path / "snap.db", create=True)
    with journal.write() as s:
        build_demo(s, today=TODAY)
    return MentorlogApp(journal, today=TODAY)


@pytest.mark.parametrize("key", ["1", "2", "3", "4"], ids=["dashboard", "goals", "journal", "growth"])
def test_main_screens(snap_compare, app: MentorlogApp, key: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, press=[key], terminal_size=SIZE)


def test_new_session_form(snap_compare, app: MentorlogApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, press=["n", "s"], terminal_size=SIZE)


def test_help(snap_compare, app: MentorlogApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, press=["question_mark"], terminal_size=SIZE)
