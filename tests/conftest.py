"""Shared fixtures: every test gets its own journal file and data dirs under tmp_path."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mentorlog.cli import main
from mentorlog.db import Journal, open_journal
from mentorlog.demo import build_demo
from mentorlog.journal import pairs
from mentorlog.models import Pair

TODAY = dt.date(2026, 11, 22)  # a Sunday


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """platformdirs and MENTORLOG_DB point into tmp_path: the real user data is never touched."""
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / "xdg" / var.lower()))
    # Where an edit in $EDITOR is kept: never the real one, nor /dev/shm. Beside the test's folder, not in it:
    # tests count what a command leaves in tmp_path.
    runtime = tmp_path.parent / f"{tmp_path.name}-runtime"
    runtime.mkdir(parents=True, mode=0o700, exist_ok=True)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    for var in ("VISUAL", "EDITOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("MENTORLOG_DB", str(tmp_path / "journal.db"))
    monkeypatch.setenv("MENTORLOG_TODAY", TODAY.isoformat())
    # An encrypted journal's key is never kept in the real keyring (its file in memory is in the runtime
    # folder above), no passphrase comes from the environment unless a test gives one, and none is asked
    # on the terminal pytest runs in.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    for var in ("MENTORLOG_PASSPHRASE", "MENTORLOG_NEW_PASSPHRASE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr("mentorlog.cli.unlocking.can_ask", lambda: False)


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    opened = open_journal(tmp_path / "unit.db", create=True)
    yield opened
    opened.close()


@pytest.fixture
def pair(journal: Journal) -> Pair:
    with journal.write() as s:
        return pairs.create_pair(s, mentor="Ana Lopez", mentee="Sam Rivera", today=TODAY, started_on=TODAY)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Journal, Pair]]:
    """The demo pair's journal, with `today` fixed."""
    opened = open_journal(tmp_path / "demo.db", create=True)
    with opened.write() as s:
        build_demo(s, today=TODAY)
    with opened.read() as s:
        found = pairs.resolve_pair(s, None)
    yield opened, found
    opened.close()


@dataclass
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Run the real command line in-process: `run("goal", "list")`."""

    def _run(*argv: str, stdin: str | None = None) -> Result:
        out, err = io.StringIO(), io.StringIO()
        code = main(list(argv), out=out, err=err, stdin=io.StringIO(stdin) if stdin is not None else None)
        return Result(code, out.getvalue(), err.getvalue())

    return _run


@pytest.fixture
def run_with_pair(run: Run) -> Run:
    """The command line on a journal that already holds one pair."""
    result = run("init", "--mentor", "Ana Lopez", "--mentee", "Sam Rivera", "--started", "2026-09-01")
    assert result.code == 0, result.err
    return run
