"""A journal that isn't yours: reading another user's journal never leaves it unusable for its owner.

Anyone but its owner who opened it would leave a -wal and -shm of their own beside it, after which every
write of the owner's fails "read-only". So mentorlog opens a journal only as its owner, and says whose it
is. These tests take on other users' ids (seteuid), so they run as root (CI does); elsewhere they are
skipped. Every module a command may import is imported first: another user cannot read root's Python.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import mentorlog
from tests.conftest import Run

pytestmark = pytest.mark.skipif(getattr(os, "geteuid", lambda: 1)() != 0, reason="taking other users' ids needs root")

OWNER, OTHER = 61_234, 61_235  # two users this machine does not have: named by number


@contextlib.contextmanager
def acting_as(uid: int) -> Iterator[None]:
    os.setegid(uid)
    os.seteuid(uid)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture(autouse=True)
def everything_imported() -> None:
    for module in pkgutil.walk_packages(mentorlog.__path__, "mentorlog."):
        if not module.name.startswith("mentorlog.tui") and module.name != "mentorlog.__main__":
            importlib.import_module(module.name)
    for name in ("pwd", "json", "tomllib", "tomlkit", "platformdirs", "urllib.parse", "tempfile", "traceback"):
        importlib.import_module(name)


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder anyone may write to (0777, as /tmp or a shared drive is), and a place of each user's own
    for their settings and state."""
    for folder in (tmp_path, *tmp_path.parents):
        if folder == Path("/tmp") or folder == Path("/"):
            break
        folder.chmod(folder.stat().st_mode | 0o005)  # the test's own temporary folders, reachable by all
    room = tmp_path / "shared"
    room.mkdir()
    room.chmod(0o777)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        state = tmp_path / "state-of-everyone" / var.lower()
        state.mkdir(parents=True)
        state.chmod(0o777)
        monkeypatch.setenv(var, str(state))
    (tmp_path / "state-of-everyone").chmod(0o777)
    return room


def test_another_users_read_leaves_the_journal_usable_for_its_owner(run: Run, shared: Path) -> None:
    journal = shared / "journal.db"
    with acting_as(OWNER):
        assert run("--db", str(journal), "init", "--mentor", "Ana", "--mentee", "Sam").code == 0
        journal.chmod(0o644)
    before = sorted(p.name for p in shared.iterdir())
    for argv in (["status"], ["timeline"], ["check"], ["log", "note", "not mine"], ["backup"]):
        with acting_as(OTHER):
            refused = run("--db", str(journal), *argv)
        assert refused.code == 1 and refused.err.count("\n") == 1, (argv, refused.err)
        assert f"belongs to user {OWNER}, not to you (user {OTHER})" in refused.err
    assert sorted(p.name for p in shared.iterdir()) == before, "nothing left beside it"
    with acting_as(OWNER):
        logged = run("--db", str(journal), "log", "note", "Still mine to write")
        assert logged.code == 0, logged.err
        checked = run("--db", str(journal), "check")
    assert "readonly" not in checked.out and "ok   integrity: ok" in checked.out
    assert "1 problem found" in checked.err and "BAD  file mode: 644" in checked.out, "its own mode, and that only"


def test_a_companion_of_another_users_is_named_and_nothing_is_written(run: Run, tmp_path: Path) -> None:
    journal = tmp_path / "mine.db"
    assert run("--db", str(journal), "init", "--mentor", "Ana", "--mentee", "Sam").code == 0
    shm = Path(f"{journal}-shm")
    shm.write_bytes(b"")
    os.chown(shm, OTHER, OTHER)
    before = journal.read_bytes()
    result = run("--db", str(journal), "log", "note", "x")
    assert result.code == 1 and result.err.count("\n") == 1
    assert f"{shm} belongs to user {OTHER}" in result.err and "can remove it" in result.err
    assert journal.read_bytes() == before
    shm.unlink()
    assert run("--db", str(journal), "log", "note", "x").code == 0
