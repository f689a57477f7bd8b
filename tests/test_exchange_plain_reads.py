"""Exports read records without the ORM: the types match the models, and `export` (Markdown) runs ORM-free."""

from __future__ import annotations

import datetime as dt
import gzip
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import JSON, Boolean, Date
from sqlmodel import SQLModel

from mentorlog.db import Journal, open_journal, rows
from mentorlog.models import Pair, UTCDateTime
from tests.conftest import Run

FIXTURES = Path(__file__).parent / "fixtures"


def expected(column: Any) -> Any:
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return dt.datetime.fromisoformat
    if isinstance(kind, Date):
        return dt.date.fromisoformat
    if isinstance(kind, Boolean):
        return bool
    if isinstance(kind, JSON):
        return rows._json_list
    return None


def declared_types_agree(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        for table in SQLModel.metadata.sorted_tables:
            read = dict(rows.columns(connection, table.name))
            assert set(read) == {c.name for c in table.columns}, table.name
            for column in table.columns:
                assert read[column.name] == expected(column), f"{table.name}.{column.name}"
    finally:
        connection.close()


def test_plain_reads_type_every_column_as_its_model_does(journal: Journal) -> None:
    declared_types_agree(journal.path)


def test_a_migrated_journal_declares_the_same_types(tmp_path: Path) -> None:
    old = tmp_path / "v1.db"
    old.write_bytes(gzip.decompress((FIXTURES / "journal-v1.db.gz").read_bytes()))
    open_journal(old).close()
    declared_types_agree(old)


def test_plain_rows_hold_what_the_orm_objects_hold(demo: tuple[Journal, Pair]) -> None:
    journal, pair = demo
    with journal.read() as s:
        plain = rows.read(rows.driver(s), "pair", "pair.id = ?", [pair.id])[0]
        for column in Pair.__table__.columns:  # type: ignore[attr-defined]
            assert getattr(plain, column.name) == getattr(pair, column.name), column.name


ASKED = [
    (),
    ("--include-private",),
    ("--from", "2026-10-01", "--to", "2026-10-31"),
    ("--pair", "1", "--include-private"),
]


@pytest.mark.parametrize("asked", ASKED, ids=[" ".join(a) or "plain" for a in ASKED])
def test_the_orm_free_markdown_export_writes_what_the_full_one_writes(
    demo: tuple[Journal, Pair], run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, asked: tuple[str, ...]
) -> None:
    journal, _ = demo
    db = ["--db", str(journal.path)]
    quick = run(*db, "export", *asked)
    to_file = run(*db, "export", *asked, "--out", str(tmp_path / "quick.md"))
    assert quick.code == to_file.code == 0, quick.err + to_file.err
    monkeypatch.setattr("mentorlog.db.quick.connect_current", lambda _path: None)
    full = run(*db, "export", *asked)
    full_file = run(*db, "export", *asked, "--out", str(tmp_path / "full.md"))
    assert (full.out, full.err) == (quick.out, quick.err) and "## Timeline" in quick.out
    assert (tmp_path / "quick.md").read_text() == (tmp_path / "full.md").read_text()
    assert to_file.out.replace("quick.md", "full.md") == full_file.out


def test_the_markdown_export_loads_neither_sqlalchemy_nor_textual(demo: tuple[Journal, Pair], tmp_path: Path) -> None:
    journal, _ = demo
    script = (
        "import io, sys; from mentorlog.cli import main\n"
        f"argv = ['--db', {str(journal.path)!r}, 'export', '--out', {str(tmp_path / 'x.md')!r}]\n"
        "code = main(argv, out=io.StringIO())\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel', 'textual'))\n"
        "print(code, heavy)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0 []", done.stdout + done.stderr


def test_what_the_quick_export_cannot_read_the_full_open_reads_or_explains(tmp_path: Path, run: Run) -> None:
    db = tmp_path / "j.db"
    assert run("--db", str(db), "init", "--mentor", "Ana Lopez", "--mentee", "Sam Rivera").code == 0
    assert run("--db", str(db), "log", "note", "Timer routine worked").code == 0
    by_name = run("--db", str(db), "export", "--pair", "Sam")
    assert by_name.code == 0 and "Timer routine worked" in by_name.out
    unknown = run("--db", str(db), "export", "--pair", "7")
    assert (unknown.code, unknown.err.strip()) == (1, "mentorlog: no pair #7 (see 'mentorlog pairs')")
    old = tmp_path / "v1.db"
    old.write_bytes(gzip.decompress((FIXTURES / "journal-v1.db.gz").read_bytes()))
    migrated = run("--db", str(old), "export")
    assert migrated.code == 0 and "upgraded" in migrated.err and "## Timeline" in migrated.out
