"""No network, private files, and a full disk: each says so in one line and changes nothing."""

from __future__ import annotations

import os
import socket
import sqlite3
import stat
from pathlib import Path

import pytest

from mentorlog import paths
from mentorlog.tui.app import MentorlogApp
from tests.conftest import TODAY, Run
from tests.test_cli import dump


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every way out of the machine raises, and is recorded."""
    attempts: list[str] = []

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def blocked(*args: object, **kwargs: object) -> None:
            attempts.append(f"{name}{args[1:2]}")
            raise OSError(f"network blocked in tests: {name}")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", refuse("sendto"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


def test_every_command_works_without_a_network(run: Run, tmp_path: Path, no_network: list[str]) -> None:
    db = str(tmp_path / "j.db")
    shared = str(tmp_path / "shared.json")
    commands = [
        ["init", "--mentor", "Ana", "--mentee", "Sam"],
        ["log", "session", "First. Notes.", "--todo", "Time transitions", "--next", "in 2 weeks"],
        ["goal", "add", "Faster transitions", "--target", "2", "--baseline", "6", "--due", "in 2 months"],
        ["assess", "1=2", "--rater", "self"],
        ["timeline", "--search", "notes"],
        ["status"],
        ["export"],
        ["export", "--format", "ics"],
        ["export", "--format", "json", "--out", shared],
        ["import", shared, "--as", "mentor"],
        ["backup"],
        ["check"],
    ]
    for argv in commands:
        result = run("--db", db, *argv)
        assert result.code == 0, (argv, result.err)
    assert no_network == []


async def test_the_terminal_ui_works_without_a_network(no_network: list[str], tmp_path: Path) -> None:
    from mentorlog.db import open_journal
    from mentorlog.demo import build_demo

    journal = open_journal(tmp_path / "demo.db", create=True)
    with journal.write() as s:
        build_demo(s, today=TODAY)
    app = MentorlogApp(journal, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        for key in ("2", "3", "4", "1"):
            await pilot.press(key)
            await pilot.pause()
    journal.close()
    assert no_network == []


def test_a_full_disk_is_one_line_and_saves_nothing(
    run_with_pair: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from mentorlog.db import pragmas

    db = Path(str(tmp_path / "journal.db"))
    before = dump(db)
    original = pragmas.apply

    # Every connection, quick capture's and the ORM's, is set up here.
    def tiny_disk(dbapi_connection: sqlite3.Connection, **options: bool) -> None:
        original(dbapi_connection, **options)
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk is full"

    monkeypatch.setattr(pragmas, "apply", tiny_disk)
    result = run_with_pair("log", "note", "A long note. " + "words " * 50_000)
    assert result.code == 1
    assert result.err.strip() == f"mentorlog: cannot write to {db}: the disk is full; nothing was saved"
    monkeypatch.undo()
    assert dump(db) == before


def test_the_crash_log_is_private_and_holds_no_user_text(
    run_with_pair: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """It was 0644 in a 0755 folder (0666 under umask 000) and held the failing command's arguments."""
    from mentorlog.journal import entries

    def explode(*args: object, **kwargs: object) -> None:
        raise ValueError(f"cannot store {kwargs['title']!r}")  # a message quoting what the user wrote

    monkeypatch.setattr(entries, "add_entry", explode)
    old = os.umask(0)
    try:
        result = run_with_pair("log", "reflection", "My secret worry. about Sam", "--private", "--tag", "x",
                               "--goal", "1", "--author", "mentee")  # fmt: skip
    finally:
        os.umask(old)
    assert result.code == 1
    log = next((tmp_path / "xdg").rglob("mentorlog.log"))
    text = log.read_text()
    assert "secret" not in text.lower() and "Sam" not in text
    assert "mentorlog log --private --tag --goal --author" in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600 and stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    for folder in (paths.log_dir(), paths.drafts_path().parent, paths.config_path().parent):
        if folder.exists():
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
