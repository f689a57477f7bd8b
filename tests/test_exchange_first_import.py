"""A first import into an empty journal (json_first_import) gives the journal the merge gives, without SQLAlchemy."""

from __future__ import annotations

import copy
import json
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest

from mentorlog.db import bulk
from mentorlog.db.schema import TABLES
from mentorlog.exchange import json_first_import, json_format
from mentorlog.exchange.json_fields import KIND_SPECS, LOCAL_ONLY, declared_field
from mentorlog.exchange.json_first_import import StoredDecoder
from tests.conftest import Run
from tests.heavy_modules import heavy_after


@pytest.fixture
def document(run: Run, tmp_path: Path) -> dict[str, Any]:
    db = str(tmp_path / "demo.db")
    assert run("--db", db, "demo", "--no-tui").code == 0
    exported = run("--db", db, "export", "--format", "json", "--include-private")
    assert exported.code == 0, exported.err
    loaded: dict[str, Any] = json.loads(exported.out)
    return loaded


def contents(path: Path) -> dict[str, Any]:
    """Every row of every table, the search index's rows, and the triggers that keep it."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if "_fts" not in name
        ]
        found: dict[str, Any] = {t: connection.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}
        for index in ("entry", "goal"):
            found[f"{index}_fts"] = connection.execute(f"SELECT rowid, * FROM {index}_fts ORDER BY rowid").fetchall()
        triggers = connection.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        found["triggers"] = triggers.fetchall()
        return found
    finally:
        connection.close()


def both_ways(run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text: str, *argv: str) -> list[Any]:
    source = tmp_path / "shared.json"
    source.write_text(text)
    results = []
    for way in ("first", "merge"):
        target = tmp_path / f"{way}.db"
        with monkeypatch.context() as patched:
            if way == "merge":
                patched.setattr(json_first_import, "import_first", lambda *args: None)
            else:
                patched.setattr(json_first_import, "_load", _counted(json_first_import._load))
            done = run("--db", str(target), "import", str(source), *argv)
        assert done.code == 0, done.err
        results.append((done.out.replace(str(target), "JOURNAL"), contents(target)))
    assert loads == [1], "the first way took the first import, not the merge"
    return results


loads: list[int] = []


def _counted(load: Any) -> Any:
    loads.clear()

    def counted(*args: Any) -> Any:
        report = load(*args)
        loads.append(1)
        return report

    return counted


@pytest.mark.parametrize("argv", [(), ("--as", "mentee")])
def test_a_first_import_gives_the_journal_the_merge_gives(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, document: dict[str, Any], argv: tuple[str, ...]
) -> None:
    (first_out, first), (merge_out, merged) = both_ways(run, monkeypatch, tmp_path, json.dumps(document), *argv)
    assert first_out == merge_out
    assert first == merged
    assert len(first["entry"]) > 20 and first["entry_fts"] and first["entry_tag"] and first["rating"]


def test_a_rubric_row_or_tag_named_twice_is_one_either_way(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, document: dict[str, Any]
) -> None:
    pair = document["pairs"][0]
    twin = dict(pair["competencies"][0], uid=str(uuid.uuid4()), name=pair["competencies"][0]["name"].upper())
    pair["competencies"].append(twin)
    rating = next(r for r in pair["ratings"] if r["competency"] == pair["competencies"][0]["uid"])
    rating["competency"] = twin["uid"]
    pair["tags"].append(dict(pair["tags"][0], uid=str(uuid.uuid4()), name=pair["tags"][0]["name"].title()))
    (first_out, first), (merge_out, merged) = both_ways(run, monkeypatch, tmp_path, json.dumps(document))
    assert first_out == merge_out and "competencies" in first_out
    assert first == merged


def test_the_first_import_loads_neither_sqlalchemy_nor_textual(tmp_path: Path, document: dict[str, Any]) -> None:
    source = tmp_path / "shared.json"
    source.write_text(json.dumps(document))
    assert heavy_after(["--db", str(tmp_path / "new" / "j.db"), "import", str(source)]) == ([0], [])
    assert (tmp_path / "new" / "j.db").stat().st_mode & 0o777 == 0o600


def test_what_the_first_import_does_not_take_the_merge_does_or_explains(
    run: Run, tmp_path: Path, document: dict[str, Any]
) -> None:
    def imported(changed: dict[str, Any], name: str) -> Any:
        source = tmp_path / f"{name}.json"
        source.write_text(json.dumps(changed))
        return run("--db", str(tmp_path / f"{name}.db"), "import", str(source))

    bad_date = copy.deepcopy(document)
    bad_date["pairs"][0]["entries"][0]["on"] = "2026-02-30"
    done = imported(bad_date, "bad_date")
    assert done.code == 1 and "pairs[0].entries[0]: on must be an ISO date" in done.err
    assert not (tmp_path / "bad_date.db").exists(), "a file that is not sound makes no journal"

    lost = copy.deepcopy(document)
    lost["pairs"][0]["ratings"][0]["competency"] = "not-in-the-file"
    done = imported(lost, "lost")
    assert done.code == 1 and "its competency not-in-the-file is neither in the file nor in this journal" in done.err

    label = copy.deepcopy(document)
    entry = next(e for e in label["pairs"][0]["entries"] if e["tags"])
    entry["tags"].append("only-here")
    done = imported(label, "label")
    assert done.code == 0, done.err
    assert contents(tmp_path / "label.db")["tag"][-1][4] == "only-here"

    twice = copy.deepcopy(document)
    ratings = twice["pairs"][0]["ratings"]
    ratings.append(dict(ratings[0], uid=str(uuid.uuid4())))
    done = imported(twice, "twice")
    assert done.code == 1 and "twice.json: the file contradicts itself" in done.err and done.err.count("\n") == 1
    assert not (tmp_path / "twice.db").exists(), "nothing was imported: the journal made for it is gone"


def test_the_fields_the_file_declares_are_the_models(tmp_path: Path) -> None:
    decoder = StoredDecoder()
    columns = {"pair": json_format.PAIR_COLUMNS, **{kind.table: kind.columns for kind in json_format.KINDS}}
    connection = sqlite3.connect(":memory:")
    for statement in TABLES:
        connection.execute(statement)
    skipped = {"pair": LOCAL_ONLY, **{spec.table: spec.skipped() for spec in KIND_SPECS}}
    for table, skip in skipped.items():
        declared = [
            declared_field(row[1], row[2], bool(row[3]))
            for row in connection.execute(f"PRAGMA table_info({table})")
            if row[1] not in skip
        ]
        assert declared == [json_format.field_spec(c) for c in columns[table]], table
        assert [name for name, *_ in decoder.plans[table].fields] == [c.name for c in columns[table]]


def test_sound_records_decode_as_the_field_by_field_check_and_store_as_the_orm(document: dict[str, Any]) -> None:
    stored = StoredDecoder()
    pair = document["pairs"][0]
    kinds = [("pair", json_format.PAIR_COLUMNS, [pair])]
    kinds += [(kind.table, kind.columns, pair[kind.name]) for kind in json_format.KINDS]
    accented = dict(pair["entries"][0], body="Café — Ünïcode, NFC already")
    zoned = dict(pair["entries"][0], created_at="2026-11-23T10:00:00+02:00", updated_at="2026-11-23T08:00:00Z")
    kinds.append(("entry", json_format.KIND_BY_NAME["entries"].columns, [accented, zoned]))
    for table, columns, records in kinds:
        plan, by_name = json_format._plan(table, columns)
        write = {c.name: bulk.writer(c) for c in columns}
        for record in records:
            values = json_format.decode(table, record, columns, "x")
            assert values == json_format._decode_checked(plan, by_name, record, "x")
            as_stored = {k: v if v is None or (w := write[k]) is None else w(v) for k, v in values.items()}
            assert stored.values(table, record, "x") == as_stored, table
    assert stored.values("entry", zoned, "x")["created_at"] == "2026-11-23T08:00:00.000000+00:00"


def test_a_first_import_that_fails_halfway_leaves_nothing_and_says_why(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, document: dict[str, Any]
) -> None:
    def full_disk(self: Any, *args: Any) -> None:
        self.connection.execute("INSERT INTO tag (uid, created_at, updated_at, name) VALUES ('t', 'x', 'x', 'half')")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(json_first_import._Load, "pair", full_disk)
    source = tmp_path / "shared.json"
    source.write_text(json.dumps(document))
    existing = tmp_path / "existing.db"
    assert run("--db", str(existing), "log", "note", "x").code == 1  # no journal yet
    done = run("--db", str(tmp_path / "j.db"), "import", str(source))
    assert done.code == 1 and "the disk is full" in done.err, done.err
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("j.db")], "the journal made for it is gone"
    # Into a journal that is there, holding no pair: rolled back whole, the search triggers back.
    json_first_import.create_file(existing)
    done = run("--db", str(existing), "import", str(source))
    assert done.code == 1 and "the disk is full" in done.err
    left = contents(existing)
    assert left["tag"] == [] and left["pair"] == [] and len(left["triggers"]) == 18


def test_a_journal_that_holds_a_pair_goes_to_the_merge_without_reading_the_file_twice(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, document: dict[str, Any]
) -> None:
    source = tmp_path / "shared.json"
    source.write_text(json.dumps(document))
    db = str(tmp_path / "j.db")
    assert run("--db", db, "import", str(source)).code == 0
    monkeypatch.setattr(json_first_import, "StoredDecoder", lambda: pytest.fail("read for a first import"))
    again = run("--db", db, "import", str(source))
    assert again.code == 0 and "0 records added or updated" in again.out
