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


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_caseload(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Several pairs open: the window opens on the caseload, who needs a check-in first."""
    from tests.tui.test_caseload import caseload_of_four

    journal = open_journal(tmp_path / "caseload.db", create=True)
    caseload_of_four(journal)
    assert snap_compare(MentorlogApp(journal, today=TODAY), terminal_size=size)


def test_help(snap_compare, app: MentorlogApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, press=["question_mark"], terminal_size=SIZES[0])


def test_the_snapshots_hold_under_any_home(tmp_path: Path) -> None:
    """A snapshot holds nothing of the home folder it was recorded under (the export dialog's default file
    reads `~/...`): every contributor's run passes, whatever their HOME."""
    import os
    import subprocess
    import sys

    home = tmp_path / "another" / "home-of-someone-else"
    home.mkdir(parents=True)
    env = {**os.environ, "HOME": str(home), "PYTHONDONTWRITEBYTECODE": "1"}
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", __file__, "-k", "not any_home"],
        env=env, cwd=Path(__file__).parents[2], capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]
