"""Opening, creating and refusing journal files; pragmas; the search index."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import stat
import unicodedata
from pathlib import Path

import pytest

from mentorlog.db import Journal, open_journal, schema
from mentorlog.db.integrity import check_journal
from mentorlog.db.tables import ENTRY
from mentorlog.errors import JournalRefused
from mentorlog.journal import entries, goals, pairs, timeline
from mentorlog.models import Pair

TODAY = dt.date(2026, 11, 22)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_journal_is_0600_in_wal_with_its_identity(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "dir" / "j.db"
    journal = open_journal(path, create=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    conn = journal.connection

    def pragma(name: str) -> object:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]

    assert pragma("journal_mode") == "wal" and pragma("foreign_keys") == 1 and pragma("synchronous") == 2
    assert pragma("busy_timeout") >= 5000  # type: ignore[operator]
    assert pragma("application_id") == schema.APPLICATION_ID and pragma("user_version") == schema.SCHEMA_VERSION
    journal.close()
    assert not list(path.parent.glob("*.new")), "the temporary build file is gone"


def test_wal_and_shm_files_are_private_too(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        entries.add_entry(s, pair, kind="note", on=TODAY, title="x")
    for suffix in ("-wal", "-shm"):
        side = Path(f"{journal.path}{suffix}")
        if side.exists():
            assert stat.S_IMODE(side.stat().st_mode) == 0o600


def test_missing_file_is_refused_unless_creating(tmp_path: Path) -> None:
    with pytest.raises(JournalRefused, match="no journal at"):
        open_journal(tmp_path / "nothing.db")
    assert not (tmp_path / "nothing.db").exists()


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO photos (name) VALUES ('cat.jpg')")
    conn.commit()
    conn.close()


def _newer(path: Path) -> None:
    open_journal(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def _truncated(path: Path) -> None:
    journal = open_journal(path, create=True)
    with journal.write() as s:
        from mentorlog.journal import pairs

        pair = pairs.create_pair(s, mentor="A", mentee="B", today=TODAY)
        for n in range(200):
            entries.add_entry(s, pair, kind="note", on=TODAY, title=f"note {n}", body="words " * 200)
    journal.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b""), "empty file"),
        (lambda p: p.write_bytes(os.urandom(4096)), "not an SQLite database"),
        (lambda p: p.write_text("# my notes\nnot a database\n"), "not an SQLite database"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20), "not an SQLite database"),
        (_foreign_sqlite, "another application"),
        (_newer, "newer mentorlog"),
        (_truncated, "damaged"),
    ],
    ids=["zero-bytes", "random-bytes", "text-file", "short-header", "foreign-sqlite", "newer-version", "truncated"],
)
def test_unsafe_files_are_refused_and_left_byte_for_byte(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "j.db"
    make(path)
    before = digest(path)
    with pytest.raises(JournalRefused, match=message) as caught:
        open_journal(path, create=True)
    assert "\n" not in str(caught.value)
    assert digest(path) == before


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(JournalRefused, match="is a directory"):
        open_journal(tmp_path, create=True)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    open_journal(path, create=True).close()
    path.chmod(0)
    with pytest.raises(JournalRefused, match="cannot read"):
        open_journal(path)


def test_an_unreadable_file_is_refused_even_for_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod does not stop root (CI runs as root), so the permission error is raised where the file is read.
    path = tmp_path / "j.db"
    open_journal(path, create=True).close()
    before = path.read_bytes()
    real_open = os.open

    def denied(name: object, *args: object, **kwargs: object) -> int:
        if Path(str(name)) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(JournalRefused, match=r"cannot read .*Permission denied"):
        open_journal(path)
    monkeypatch.undo()
    assert path.read_bytes() == before


def test_search_index_follows_insert_update_and_delete(journal: Journal, pair: Pair) -> None:
    def found(word: str) -> list[str]:
        with journal.read() as s:
            return [i.title for i in timeline.page(s, pair, timeline.Filters(search=word))]

    with journal.write() as s:
        entry = entries.add_entry(
            s,
            pair,
            kind="observation",
            on=TODAY,
            title="Period 3",
            strengths=["wonderful questioning"],
            growth_areas=["pacing"],
            context="Biology",
        )
    assert found("questioning") == ["Period 3"]
    assert found("biology") == ["Period 3"]
    with journal.write() as s:
        entries.update_entry(s, pair, entry.id or 0, context="Chemistry")
    assert found("biology") == []
    assert found("chemistry") == ["Period 3"]
    with journal.write() as s:
        s.execute("DELETE FROM entry WHERE id = ?", (entry.id,))
    assert found("chemistry") == []
    assert all(f.ok for f in check_journal(journal.found)), check_journal(journal.found)


def test_search_covers_ratings_action_items_and_goal_text(journal: Journal, pair: Pair) -> None:
    from mentorlog.journal import assessments

    with journal.write() as s:
        assessments.record_assessment(
            s, pair, [assessments.RatingInput("classroom", 2, "students wander during labs")], rater="self", on=TODAY
        )
        entries.add_entry(
            s,
            pair,
            kind="session",
            on=TODAY,
            title="Check-in",
            next_steps=[entries.NextStep("laminate the routines chart")],
        )
        view = goals.add_goal(s, pair, title="Exit tickets", today=TODAY, target=80, unit="%")
        goals.record_progress(s, pair, view.goal.id or 0, 20, on=TODAY, today=TODAY, note="ticket bank helped")
    with journal.read() as s:
        assert [i.kind for i in timeline.page(s, pair, timeline.Filters(search="wander"))] == ["assessment"]
        assert [i.title for i in timeline.page(s, pair, timeline.Filters(search="laminate"))] == ["Check-in"]
        assert {i.event for i in timeline.page(s, pair, timeline.Filters(search="bank"))} == {"goal set", "progress"}


def test_search_ignores_accents_and_takes_prefixes(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        entries.add_entry(s, pair, kind="note", on=TODAY, title="Résumé review", body="differentiation")
    with journal.read() as s:
        assert len(timeline.page(s, pair, timeline.Filters(search="resume"))) == 1
        assert len(timeline.page(s, pair, timeline.Filters(search="different*"))) == 1
        # FTS syntax typed by a user is taken as words, never as an error
        assert timeline.page(s, pair, timeline.Filters(search='"unbalanced AND OR (')) == []


def test_text_is_stored_nfc_normalised(journal: Journal, pair: Pair) -> None:
    decomposed = unicodedata.normalize("NFD", "Zoë's café")
    with journal.write() as s:
        entry = entries.add_entry(s, pair, kind="note", on=TODAY, title=decomposed)
    stored = ENTRY.get(journal.connection, entry.id or 0)
    assert stored is not None
    assert stored.title == unicodedata.normalize("NFC", decomposed)


def test_updated_at_moves_on_edit_but_not_on_bookkeeping(journal: Journal, pair: Pair) -> None:
    from mentorlog.db.tables import PAIR
    from mentorlog.journal import pairs, versions

    before = pair.updated_at
    with journal.write() as s:
        pairs.choose_pair(s, str(pair.id))  # a setting, no edit of the pair
    assert pairs.get_pair(journal.connection, pair.id or 0).updated_at == before
    with journal.write() as s:
        versions.edit(s, PAIR, pair.id or 0, {"agreement": "We meet fortnightly."})
    assert pairs.get_pair(journal.connection, pair.id or 0).updated_at > before


def test_a_failed_action_leaves_nothing_behind(journal: Journal, pair: Pair) -> None:
    from mentorlog.errors import NotFound

    with pytest.raises(NotFound), journal.write() as s:
        entries.add_entry(s, pair, kind="note", on=TODAY, title="linked to a missing goal", goal_ids=[999])
    with journal.read() as s:
        assert s.execute("SELECT count(*) FROM entry").fetchone()[0] == 0
        assert s.execute("SELECT count(*) FROM entry_fts").fetchone()[0] == 0


def test_check_reports_a_sound_journal(journal: Journal, pair: Pair) -> None:
    findings = check_journal(journal.found)
    assert all(f.ok for f in findings)
    assert any("records: 1 pair" in f.what for f in findings)


def test_the_version_is_read_through_a_wal_that_holds_it(tmp_path: Path) -> None:
    """The header on disk lags a commit still in the -wal: the version is what SQLite reads, not the bytes."""
    from mentorlog.db.identity import read_identity

    path = tmp_path / "j.db"
    open_journal(path, create=True).close()
    keeper = sqlite3.connect(path)  # holds the WAL open: no checkpoint copies the change into the file
    keeper.execute("SELECT 1 FROM pair").fetchall()
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA user_version = 99")
    writer.commit()
    writer.close()
    try:
        with pytest.raises(JournalRefused, match="newer mentorlog"):
            read_identity(path)
    finally:
        keeper.close()


def test_closing_a_journal_leaves_no_wal_or_shm_beside_it(tmp_path: Path) -> None:
    """Quitting the demo left demo.db-wal and demo.db-shm: the read-only connection that watches for
    other writers closed last, and a read-only connection cannot tidy them away."""
    opened = open_journal(tmp_path / "tidy.db", create=True)
    with opened.write() as s:
        pairs.create_pair(s, mentor="Ana", mentee="Sam", today=TODAY)
    opened.data_version()
    opened.connection.execute("SELECT count(*) FROM pair").fetchone()
    opened.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tidy.db"]


def test_the_sqlite_header_is_known_the_same_way_where_a_file_is_judged_and_where_one_is_written() -> None:
    from mentorlog import files
    from mentorlog.db import identity

    assert identity.SQLITE_HEADER == files.SQLITE_MAGIC


def test_a_checkpoint_cut_short_is_recovered_not_refused_as_truncated(tmp_path: Path) -> None:
    """A kill mid-checkpoint leaves page 1 (with the new page count) written before the pages that grow the
    file; the -wal still holds them all. Judged from the header alone that file looks truncated: it is not."""
    from mentorlog.journal import pairs

    path = tmp_path / "j.db"
    open_journal(path, create=True).close()
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    journal = open_journal(path)
    with journal.write() as s:
        pair = pairs.create_pair(s, mentor="A", mentee="B", today=TODAY)
        for n in range(200):
            entries.add_entry(s, pair, kind="note", on=TODAY, title=f"note {n}", body="words " * 200)
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):  # the files as a kill leaves them: every commit in the -wal
        (crashed / f"j.db{suffix}").write_bytes(Path(f"{path}{suffix}").read_bytes())
    journal.close()
    writer.close()
    checkpointed = path.read_bytes()  # closing checkpointed it: its page 1 counts every page
    short = crashed / "j.db"
    page_size = int.from_bytes(checkpointed[16:18], "big")
    assert len(short.read_bytes()) < len(checkpointed)
    short.write_bytes(checkpointed[:page_size] + short.read_bytes()[page_size:])
    reopened = open_journal(short)
    try:
        assert reopened.connection.execute("SELECT count(*) FROM entry").fetchone()[0] == 200
    finally:
        reopened.close()
