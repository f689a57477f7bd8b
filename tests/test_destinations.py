"""Writing a file never destroys what is at the path, and an export never replaces the journal.

Each test names the path the way a user's command line would, then checks that what
was there is still what it was (a link still a link, a FIFO still a FIFO, the journal
byte for byte), or was written through as asked.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mentorlog import files
from tests.conftest import Run
from tests.test_cli import dump


@pytest.fixture
def db() -> Path:
    return Path(os.environ["MENTORLOG_DB"])


@pytest.fixture
def demo_run(run: Run, db: Path) -> Run:
    assert run("demo", "--no-tui", "--db", str(db)).code == 0
    return run


def read_fifo(fifo: Path, into: list[bytes]) -> threading.Thread:
    def reader() -> None:
        with fifo.open("rb") as handle:
            into.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("command", [("export",), ("export", "--format", "json"), ("export", "--format", "ics")])
def test_an_export_through_a_symlink_writes_its_target_and_keeps_the_link(
    demo_run: Run, tmp_path: Path, command: tuple[str, ...]
) -> None:
    target = tmp_path / "shared" / "journal.out"
    target.parent.mkdir()
    target.write_text("the old export\n")
    link = tmp_path / "latest.out"
    link.symlink_to(target)
    result = demo_run(*command, "--out", str(link))
    assert result.code == 0, result.err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() != "the old export\n" and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["journal.out"], "nothing left beside it"


def test_a_dangling_symlink_is_written_through_to_where_it_points(demo_run: Run, tmp_path: Path) -> None:
    link = tmp_path / "report.md"
    link.symlink_to(tmp_path / "not-yet.md")
    assert demo_run("export", "--out", str(link)).code == 0
    assert link.is_symlink() and (tmp_path / "not-yet.md").read_text().startswith("# Mentoring journal")


def test_a_fifo_is_streamed_to_and_stays_a_fifo(demo_run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = read_fifo(fifo, received)
    result = demo_run("export", "--out", str(fifo))
    reader.join(timeout=30)
    assert result.code == 0, result.err
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received and received[0].startswith(b"# Mentoring journal")


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_character_device_is_written_to_never_replaced(demo_run: Run, tmp_path: Path) -> None:
    # A private twin of /dev/null (major 1, minor 3): proves the rule before any test goes near /dev.
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except OSError as exc:
        pytest.skip(f"no device nodes here: {exc}")
    before = device.stat()
    for command in (("export",), ("export", "--format", "json"), ("backup", "--out")):
        argv = (*command, str(device)) if command[-1] == "--out" else (*command, "--out", str(device))
        result = demo_run(*argv)
        assert result.code == 0, result.err
        after = device.stat()
        assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino


def test_dev_stdout_is_streamed_and_the_confirmation_goes_to_stderr(demo_run: Run, db: Path, tmp_path: Path) -> None:
    """`--out /dev/stdout` (a link to the process's own descriptor) is streamed, never replaced. The rule
    is asked of /dev/stdout and of a link of the test's own into /proc/self/fd without writing either;
    the streamed write runs through a link to a FIFO in tmp_path, so no test writes outside it."""
    for given in (Path("/dev/stdout"), tmp_path / "stdout"):
        if given.parent == tmp_path:
            given.symlink_to("/proc/self/fd/1")
        where = files.destination(given)
        assert where.stream and where.target == given, "a descriptor is written down as given, not resolved"
    fifo, link = tmp_path / "pipe", tmp_path / "out"
    os.mkfifo(fifo)
    link.symlink_to(fifo)
    received: list[bytes] = []
    reader = read_fifo(fifo, received)
    env = os.environ | {"MENTORLOG_DB": str(db)}
    done = subprocess.run(
        [sys.executable, "-m", "mentorlog", "export", "--out", str(link)], capture_output=True, env=env, timeout=60
    )
    reader.join(timeout=30)
    assert done.returncode == 0, done.stderr
    assert received and received[0].startswith(b"# Mentoring journal") and b"Exported Maria" not in received[0]
    assert b"Exported" in done.stderr and done.stdout == b"", "the confirmation goes to stderr, not the stream"
    assert link.is_symlink() and os.readlink(link) == str(fifo) and stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_directory_socket_or_missing_folder_is_refused(demo_run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    result = demo_run("export", "--out", str(folder))
    assert result.code == 1 and "it is a directory" in result.err and not list(folder.iterdir())
    result = demo_run("export", "--out", str(tmp_path / "nowhere" / "x.md"))
    assert result.code == 1 and "does not exist" in result.err


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_an_export_never_replaces_the_journal_or_its_companions(demo_run: Run, db: Path, suffix: str) -> None:
    demo_run("log", "note", "make the wal")  # a write leaves -wal and -shm beside the journal
    target = Path(f"{db}{suffix}")
    if not target.exists():
        target.write_bytes(b"")
    before = dump(db)
    result = demo_run("export", "--out", str(target))
    assert result.code == 1 and "left untouched" in result.err, result.err
    assert dump(db) == before


def test_an_export_never_replaces_any_sqlite_file(demo_run: Run, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    before = other.read_bytes()
    for fmt in ("markdown", "json", "ics"):
        result = demo_run("export", "--format", fmt, "--out", str(other))
        assert result.code == 1 and "an SQLite database" in result.err
    assert other.read_bytes() == before


def test_a_backup_never_replaces_the_journal_or_a_document(demo_run: Run, db: Path, tmp_path: Path) -> None:
    before = dump(db)
    assert demo_run("backup", "--out", str(db)).code == 1
    link = tmp_path / "to-journal.db"
    link.symlink_to(db)
    assert demo_run("backup", "--out", str(link)).code == 1
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n")
    result = demo_run("backup", "--out", str(notes))
    assert result.code == 1 and "a file is there already" in result.err and notes.read_text() == "mine\n"
    assert dump(db) == before and link.is_symlink()


def test_a_backup_never_replaces_another_journal_nor_one_in_use(demo_run: Run, run: Run, tmp_path: Path) -> None:
    """`--db other.db backup --out a.db` used to replace a.db's 30 entries with 5, and corrupt it when
    a.db-wal was beside it: a backup --out goes only where nothing is."""
    other = tmp_path / "a.db"
    assert run("--db", str(other), "init", "--mentor", "Bo", "--mentee", "Cy").code == 0
    for n in range(30):
        assert run("--db", str(other), "log", "note", f"Entry {n}").code == 0
    before = dump(other)
    result = demo_run("backup", "--out", str(other))
    assert result.code == 1 and result.err.count("\n") == 1 and "SQLite database" in result.err
    assert dump(other) == before
    wal = Path(f"{other}-wal")
    wal.write_bytes(b"")  # a database in use: its header may not say so yet
    assert demo_run("backup", "--out", str(other)).code == 1
    wal.unlink()
    assert dump(other) == before and run("--db", str(other), "check").code == 0


@pytest.mark.parametrize("shape", ["sqlite", "wal beside", "shm beside", "its -wal", "its -shm", "its -journal"])
def test_no_file_mentorlog_writes_replaces_a_database(tmp_path: Path, shape: str) -> None:
    """The rule is files.writable's, so every writer keeps it: exports, backups, settings, drafts."""
    database = tmp_path / "some.db"
    conn = sqlite3.connect(database)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    target = database
    if shape == "wal beside":
        target = tmp_path / "plain.txt"
        target.write_text("not a database yet")
        Path(f"{target}-wal").write_bytes(b"")
    elif shape == "shm beside":
        target = tmp_path / "plain.txt"
        target.write_text("not a database yet")
        Path(f"{target}-shm").write_bytes(b"")
    elif shape.startswith("its "):
        target = Path(f"{database}{shape.removeprefix('its ')}")
        target.write_bytes(b"x")
    before = target.read_bytes()
    with pytest.raises(files.WriteFailed, match="left untouched"), files.text_out(target) as handle:
        handle.write("an export")
    assert target.read_bytes() == before
    from mentorlog.state_files import write_map

    with pytest.raises(files.WriteFailed):
        write_map(target, {"draft": "text"})
    assert target.read_bytes() == before


def test_a_backup_through_a_symlink_and_into_a_fifo(demo_run: Run, tmp_path: Path) -> None:
    target = tmp_path / "kept" / "copy.db"
    target.parent.mkdir()
    link = tmp_path / "copy-link.db"
    link.symlink_to(target)
    assert demo_run("backup", "--out", str(link)).code == 0
    assert link.is_symlink() and demo_run("--db", str(target), "check").code == 0
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.db"]
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = read_fifo(fifo, received)
    assert demo_run("backup", "--out", str(fifo)).code == 0
    reader.join(timeout=30)
    assert received and received[0].startswith(b"SQLite format 3\x00") and stat.S_ISFIFO(fifo.stat().st_mode)


def test_what_a_killed_writer_left_is_cleared_by_the_next_write(demo_run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    dead = 2**22 + 12345  # above any pid this machine hands out
    leftover = folder / f".report.md.{dead}.1a2b3c4d{files.PART}"
    leftover.write_text("half an export")
    assert demo_run("export", "--out", str(folder / "report.md")).code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["report.md"]


def test_a_fifo_at_the_journal_path_is_refused_at_once(run: Run, db: Path) -> None:
    os.mkfifo(db)
    for argv in (("timeline",), ("log", "note", "x"), ("status",), ("init", "--mentor", "A", "--mentee", "B")):
        result = run(*argv)
        assert result.code == 1 and "FIFO" in result.err, (argv, result.err)
    assert stat.S_ISFIFO(db.stat().st_mode) and sorted(p.name for p in db.parent.iterdir() if "journal" in p.name) == [
        "journal.db"
    ]


def test_init_and_import_through_a_dangling_symlink_keep_the_link(run: Run, tmp_path: Path) -> None:
    link = tmp_path / "linked.db"
    real = tmp_path / "synced" / "journal.db"
    real.parent.mkdir()
    link.symlink_to(real)
    assert run("--db", str(link), "init", "--mentor", "A", "--mentee", "B").code == 0
    assert link.is_symlink() and real.is_file()
    exported = tmp_path / "shared.json"
    assert run("--db", str(link), "export", "--format", "json", "--out", str(exported)).code == 0
    second = tmp_path / "second.db"
    second.symlink_to(tmp_path / "synced" / "second.db")
    assert run("--db", str(second), "import", str(exported), "--as", "mentor").code == 0
    assert second.is_symlink() and (tmp_path / "synced" / "second.db").is_file()


def _other_wal_database(path: Path, *, app_id: int = 0, version: int = 0) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE t (x)")
    connection.execute(f"PRAGMA application_id = {app_id}")
    connection.execute(f"PRAGMA user_version = {version}")
    connection.commit()
    connection.close()  # the last connection checkpoints: no -wal or -shm stays


@pytest.mark.parametrize(("app_id", "version", "said"), [(0, 0, "another application"), (0x4D4C4F47, 99, "newer")])
def test_a_refused_database_gets_nothing_beside_it(
    run: Run, tmp_path: Path, app_id: int, version: int, said: str
) -> None:
    path = tmp_path / "theirs.db"
    _other_wal_database(path, app_id=app_id, version=version)
    before = path.read_bytes()
    shared = tmp_path / "shared.json"
    shared.write_text('{"format": "mentorlog", "version": 1, "pairs": []}')
    for argv in (("timeline",), ("log", "note", "x"), ("check",), ("import", str(shared), "--as", "mentor")):
        result = run("--db", str(path), *argv)
        assert result.code == 1 and said in result.err, (argv, result.err)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("theirs")) == ["theirs.db"]
    assert path.read_bytes() == before


def test_a_read_only_folder_reads_and_says_so_when_writing(
    demo_run: Run, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As root (CI), chmod does not stop writes; a read-only mount or folder is what os.access reports.
    demo_run("log", "note", "before the folder was locked")
    demo_run("check")  # a clean close: no -wal left to say someone is writing
    for extra in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        extra.unlink(missing_ok=True)
    before = dump(db)
    real_access = os.access

    def read_only(path: object, mode: int, **kwargs: object) -> bool:
        if mode & os.W_OK and Path(str(path)) in (db, db.parent):
            return False
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", read_only)
    for argv in (("timeline",), ("show", "1"), ("status",), ("goal", "list"), ("todo", "list"), ("prep",),
                 ("export", "--format", "json"), ("check",)):  # fmt: skip
        result = demo_run(*argv)
        assert result.code == 0, (argv, result.err, result.out)
    for argv in (("log", "note", "x"), ("todo", "add", "y"), ("goal", "add", "z")):
        result = demo_run(*argv)
        assert result.code == 1 and "read-only" in result.err and "damaged" not in result.err, (argv, result.err)
    monkeypatch.undo()
    assert dump(db) == before
    assert not Path(f"{db}-shm").exists(), "reading a read-only folder makes nothing beside the journal"
