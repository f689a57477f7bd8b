"""Writes survive a SIGKILL at any moment, and two writers at once lose nothing."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mentorlog.db import open_journal, writes
from mentorlog.db.integrity import check_journal
from mentorlog.db.tables import ENTRY
from mentorlog.journal import pairs
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]


def new_journal(path: Path) -> None:
    journal = open_journal(path, create=True)
    with journal.write() as s:
        pairs.create_pair(s, mentor="Ana Lopez", mentee="Sam Rivera", today=TODAY)
    journal.close()


def writer(path: Path, label: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.writer", str(path), label, str(count)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def sessions(path: Path) -> dict[str, int]:
    """Each session title with how many action items it has."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT e.title, count(a.id) FROM entry e LEFT JOIN action_item a ON a.entry_id = e.id GROUP BY e.id"
        ).fetchall()
    finally:
        conn.close()
    return dict(rows)


def assert_sound(path: Path) -> None:
    journal = open_journal(path)
    try:
        bad = [f.what for f in check_journal(journal.found) if not f.ok]
    finally:
        journal.close()
    assert not bad, bad


@pytest.mark.parametrize("kill_after", [1, 3, 7, 12, 20, 33])
def test_sigkill_mid_stream_keeps_every_reported_write(tmp_path: Path, kill_after: int) -> None:
    path = tmp_path / "journal.db"
    new_journal(path)
    process = writer(path, "s", 10_000)
    assert process.stdout is not None
    reported = -1
    for line in process.stdout:
        reported = int(line.split()[1])
        if reported + 1 >= kill_after:
            # A little later still, so the kill lands inside the next transaction as often as between two.
            time.sleep(0.001 * kill_after)
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait(timeout=30)
    for line in process.stdout:  # saves it reported before dying that we had not read yet
        reported = int(line.split()[1])
    assert process.returncode == -signal.SIGKILL, process.stderr.read() if process.stderr else ""
    assert_sound(path)
    found = sessions(path)
    for n in range(reported + 1):
        assert found.get(f"s {n}") == 2, f"session {n} was reported saved but is missing or incomplete"
    assert all(count == 2 for count in found.values()), "nothing half-written"
    assert len(found) <= reported + 2, "at most the one write in flight may have landed"


def test_two_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    new_journal(path)
    first, second = writer(path, "a", 60), writer(path, "b", 60)
    outputs = [p.communicate(timeout=120) for p in (first, second)]
    for process, (out, err) in zip((first, second), outputs, strict=True):
        assert process.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err
        assert out.count("saved") == 60
    found = sessions(path)
    assert len(found) == 120 and set(found.values()) == {2}
    assert_sound(path)


def test_two_cli_loops_at_once(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    new_journal(path)
    script = (
        "import sys\nfrom mentorlog.cli import main\n"
        "for n in range(15):\n"
        "    code = main(['--db', sys.argv[1], 'log', 'note', f'{sys.argv[2]} {n}'])\n"
        "    assert code == 0, code\n"
    )
    env = dict(os.environ, MENTORLOG_TODAY=TODAY.isoformat())
    processes = [
        subprocess.Popen([sys.executable, "-c", script, str(path), label], cwd=ROOT, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for label in ("left", "right")
    ]  # fmt: skip
    for process in processes:
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0 and "locked" not in err, err
    titles = set(sessions(path))
    assert {f"{label} {n}" for label in ("left", "right") for n in range(15)} <= titles


def test_a_busy_journal_is_waited_for_once_then_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: object
) -> None:
    """A writer waits the busy timeout once, then says who holds the journal: nothing is half-written."""
    from mentorlog.db import pragmas

    path = tmp_path / "busy.db"
    new_journal(path)
    monkeypatch.setattr(pragmas, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        exported = tmp_path / "x.json"
        exported.write_text('{"format": "mentorlog", "version": 1, "pairs": []}')
        for argv in (["log", "note", "x"], ["todo", "add", "y"], ["import", str(exported), "--as", "mentor"]):
            result = run("--db", str(path), *argv)  # type: ignore[operator]
            assert result.code == 1 and "busy (another mentorlog is writing)" in result.err, (argv, result.err)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert run("--db", str(path), "log", "note", "x").code == 0  # type: ignore[operator]


def test_check_reads_a_snapshot_while_another_process_writes(
    tmp_path: Path, run: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """check run during a write reported "2 problems found": it now judges the journal at one moment."""
    from mentorlog.db import pragmas

    monkeypatch.setattr(pragmas, "BUSY_TIMEOUT_MS", 300)  # the structural check's wait, kept short here
    path = tmp_path / "checked.db"
    new_journal(path)
    writer_ = sqlite3.connect(path, isolation_level=None)
    writer_.execute("BEGIN IMMEDIATE")
    pair_id = writer_.execute("SELECT id FROM pair").fetchone()[0]
    for n in range(200):  # half a write: entries in, nothing committed
        # Every other column as a new entry holds it (db.tables): a column added later needs nothing here.
        note = {"pair_id": pair_id, "kind": "note", "on": dt.date(2026, 11, 22), "title": f"note {n}"}
        writes.insert(writer_, ENTRY, note)
    try:
        result = run("--db", str(path), "check")  # type: ignore[operator]
        assert result.code == 0, result.out + result.err
        assert "search index structure: not checked (another mentorlog kept the journal busy)" in result.out
    finally:
        writer_.execute("ROLLBACK")
        writer_.close()
