"""`encrypt`, `decrypt` and `passphrase` killed (SIGKILL) at many moments: the old journal or the new one
opens with the right passphrase, never neither, and no plaintext copy is left anywhere."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mentorlog.cli.unlocking import Unlocker
from mentorlog.db import keyfile, keywrap, open_journal
from mentorlog.demo import build_demo
from mentorlog.errors import JournalRefused
from mentorlog.files import SQLITE_MAGIC
from mentorlog.files import _unnamed_files_work as unnamed_files
from tests.conftest import TODAY

OLD, NEW = "correct horse battery staple", "a second passphrase, longer"
MARKER = b"ZQX7-kill-marker"
KILLS = 10


def build(path: Path) -> int:
    journal = open_journal(path, create=True)
    with journal.write() as s:
        build_demo(s, today=TODAY)
        s.execute("UPDATE entry SET body = body || ? WHERE id = 1", (MARKER.decode(),))
    with journal.read() as s:
        count = int(s.execute("SELECT count(*) FROM entry").fetchone()[0])
    journal.close()
    return count


def command(journal: Path, name: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "mentorlog", "--db", str(journal), name],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def opened_with(journal: Path) -> str | None:
    """How the journal opens now: 'plain', 'old', 'new', or None (it does not)."""
    for how, passphrase in (("plain", None), ("old", OLD), ("new", NEW)):

        def unlock(shown: Path, header: keyfile.Header, given: str | None = passphrase) -> bytes:
            if given is None:
                raise JournalRefused("encrypted")
            return keywrap.unwrap(header, given, str(shown))

        try:
            found = open_journal(journal, unlock=unlock)
        except JournalRefused:
            continue
        try:
            found.connection.execute("SELECT count(*) FROM entry").fetchone()
        finally:
            found.close()
        return how
    return None


def plaintext_elsewhere(roots: list[Path], journal: Path) -> list[Path]:
    """Files holding the journal's text in the clear, the journal itself (and its -wal) aside."""
    found = []
    for root in roots:
        for path in root.rglob("*"):
            if not path.is_file() or path in (journal, Path(f"{journal}-wal")):
                continue
            data = path.read_bytes()
            if data.startswith(SQLITE_MAGIC) or MARKER in data:
                found.append(path)
    return found


@pytest.mark.parametrize(("name", "before", "after"), [
    ("encrypt", "plain", "old"), ("decrypt", "old", "plain"), ("passphrase", "old", "new"),
])  # fmt: skip
def test_a_kill_at_any_moment_leaves_a_journal_that_opens(
    tmp_path: Path, name: str, before: str, after: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared = tmp_path / "prepared"
    prepared.mkdir()
    entries = build(prepared / "journal.db")
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", OLD)
    if before != "plain":
        encrypted = command(prepared / "journal.db", "encrypt", {**os.environ})
        assert encrypted.wait(60) == 0
    env = {**os.environ, "MENTORLOG_PASSPHRASE": OLD}
    if name == "passphrase":
        env["MENTORLOG_NEW_PASSPHRASE"] = NEW
    runtime = Path(os.environ["XDG_RUNTIME_DIR"])

    def fresh(n: int) -> Path:
        folder = tmp_path / f"run{n}"
        shutil.copytree(prepared, folder)
        return folder / "journal.db"

    start = time.perf_counter()
    whole = command(fresh(0), name, env)
    assert whole.wait(60) == 0
    duration = time.perf_counter() - start
    assert opened_with(tmp_path / "run0" / "journal.db") == after
    outcomes = set()
    for n in range(1, KILLS + 1):
        journal = fresh(n)
        process = command(journal, name, env)
        time.sleep(duration * n / (KILLS + 1))
        process.send_signal(signal.SIGKILL)
        process.wait(60)
        how = opened_with(journal)
        assert how in (before, after), f"killed at {n}/{KILLS + 1} of {duration:.2f} s: opens with {how}"
        outcomes.add(how)
        if how != "plain":
            leaks = plaintext_elsewhere([journal.parent, runtime], journal)
            if leaks and not unnamed_files(journal.parent):
                # No unnamed files here (an overlay file system): the plaintext being written had a name,
                # and the next open of the journal clears it.
                assert entry_count(journal, how) == entries
                leaks = plaintext_elsewhere([journal.parent, runtime], journal)
            assert not leaks, f"killed at {n}/{KILLS + 1}: plaintext left in {leaks}"
        assert entry_count(journal, how) == entries, "every record is there, old journal or new"
    assert outcomes, "some kill landed"


def entry_count(journal: Path, how: str) -> int:
    passphrase = OLD if how == "old" else NEW
    found = open_journal(journal, unlock=lambda shown, header: keywrap.unwrap(header, passphrase, str(shown)))
    try:
        return int(found.connection.execute("SELECT count(*) FROM entry").fetchone()[0])
    finally:
        found.close()


def test_a_header_left_beside_a_plain_journal_by_a_killed_encrypt_is_ignored_then_cleared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = tmp_path / "journal.db"
    build(journal)
    keyfile.write(journal, keywrap.wrap(keywrap.new_data_key(), OLD))
    assert opened_with(journal) == "plain"
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", OLD)
    done = command(journal, "encrypt", {**os.environ})
    assert done.wait(60) == 0
    assert opened_with(journal) == "old"
    found = open_journal(journal, unlock=Unlocker())
    found.close()
