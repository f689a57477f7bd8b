"""Importing a whole history: into a new journal, again into the same one, and refused whole when unsound."""

from __future__ import annotations

import copy
import json
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest

from mentorlog.db.creating import create_file
from mentorlog.db.identity import judge
from mentorlog.db.integrity import check_journal
from mentorlog.exchange import json_import
from mentorlog.exchange.json_fields import _decode_checked, decode_sound
from mentorlog.exchange.json_format import KIND_BY_NAME, fields, plan
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


def imported_into_new(run: Run, tmp_path: Path, document: dict[str, Any], *argv: str) -> tuple[str, Path]:
    source, target = tmp_path / "shared.json", tmp_path / "new.db"
    source.write_text(json.dumps(document))
    done = run("--db", str(target), "import", str(source), "--as", "mentor", *argv)
    assert done.code == 0, done.err
    return done.out, target


@pytest.mark.parametrize("argv", [(), ("--as", "mentee")])
def test_a_history_imported_into_a_new_journal_exports_as_it_came(
    run: Run, tmp_path: Path, document: dict[str, Any], argv: tuple[str, ...]
) -> None:
    out, target = imported_into_new(run, tmp_path, document, *argv)
    assert "records added or updated" in out
    again = json.loads(run("--db", str(target), "export", "--format", "json", "--include-private").out)
    expected = copy.deepcopy(document)
    if argv:
        expected["pairs"][0]["owner_role"] = "mentee"  # whose journal it is: the one thing `--as` changes
    for doc in (again, expected):
        doc.pop("exported_at")
    assert again == expected
    found = judge(target)
    assert found is not None and all(finding.ok for finding in check_journal(found)), "the search index is whole"
    rows = contents(target)
    assert len(rows["entry"]) > 20 and len(rows["entry_fts"]) == len(rows["entry"]) and rows["entry_tag"]


def test_a_rubric_row_or_tag_named_twice_is_one(run: Run, tmp_path: Path, document: dict[str, Any]) -> None:
    pair = document["pairs"][0]
    twin = dict(pair["competencies"][0], uid=str(uuid.uuid4()), name=pair["competencies"][0]["name"].upper())
    pair["competencies"].append(twin)
    rating = next(r for r in pair["ratings"] if r["competency"] == pair["competencies"][0]["uid"])
    rating["competency"] = twin["uid"]
    pair["tags"].append(dict(pair["tags"][0], uid=str(uuid.uuid4()), name=pair["tags"][0]["name"].title()))
    out, target = imported_into_new(run, tmp_path, document)
    rows = contents(target)
    assert len(rows["competency"]) == len(pair["competencies"]) - 1
    assert len(rows["tag"]) == len(pair["tags"]) - 1
    assert len(rows["rating"]) == len(pair["ratings"]), "the rating of the twin rates the one row"
    line = next(line for line in out.splitlines() if line.strip().startswith("competencies"))
    assert line.split()[1:] == [str(len(pair["competencies"]) - 1), "0", "1"]


def test_an_import_loads_neither_sqlalchemy_nor_textual(tmp_path: Path, document: dict[str, Any]) -> None:
    source = tmp_path / "shared.json"
    source.write_text(json.dumps(document))
    assert heavy_after(["--db", str(tmp_path / "new" / "j.db"), "import", str(source), "--as", "mentor"]) == ([0], [])
    assert (tmp_path / "new" / "j.db").stat().st_mode & 0o777 == 0o600


def test_an_unsound_file_is_refused_whole_and_a_label_only_an_entry_names_is_made(
    run: Run, tmp_path: Path, document: dict[str, Any]
) -> None:
    def imported(changed: dict[str, Any], name: str) -> Any:
        source = tmp_path / f"{name}.json"
        source.write_text(json.dumps(changed))
        return run("--db", str(tmp_path / f"{name}.db"), "import", str(source), "--as", "mentor")

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


def test_a_sound_record_decodes_as_the_field_by_field_check_does(document: dict[str, Any]) -> None:
    """The one check of all of a record's free text at once gives what checking each field gives."""
    pair = document["pairs"][0]
    kinds = [("pair", [pair])] + [(kind.table, pair[kind.name]) for kind in KIND_BY_NAME.values()]
    accented = dict(pair["entries"][0], body="Café — Ünïcode, NFC already")
    zoned = dict(pair["entries"][0], created_at="2026-11-23T10:00:00+02:00", updated_at="2026-11-23T08:00:00Z")
    kinds.append(("entry", [accented, zoned]))
    for table, records in kinds:
        for record in records:
            sound = decode_sound(plan(table), record)
            assert sound is not None and sound == _decode_checked(plan(table), record, "x"), table
            assert set(sound) == set(fields(table))
    assert decode_sound(plan("entry"), zoned)["created_at"] == "2026-11-23T08:00:00.000000+00:00"  # type: ignore[index]


def test_an_import_that_fails_halfway_leaves_nothing_and_says_why(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, document: dict[str, Any]
) -> None:
    def full_disk(self: Any, *args: Any) -> None:
        self.connection.execute("INSERT INTO tag (uid, created_at, updated_at, name) VALUES ('t', 'x', 'x', 'half')")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(json_import._Merge, "pair", full_disk)
    source = tmp_path / "shared.json"
    source.write_text(json.dumps(document))
    existing = tmp_path / "existing.db"
    assert run("--db", str(existing), "log", "note", "x").code == 1  # no journal yet
    done = run("--db", str(tmp_path / "j.db"), "import", str(source), "--as", "mentor")
    assert done.code == 1 and "the disk is full" in done.err, done.err
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("j.db")], "the journal made for it is gone"
    # Into a journal that is there, holding no pair: rolled back whole, the search triggers back.
    create_file(existing)
    done = run("--db", str(existing), "import", str(source), "--as", "mentor")
    assert done.code == 1 and "the disk is full" in done.err
    left = contents(existing)
    assert left["tag"] == [] and left["pair"] == [] and len(left["triggers"]) == 18


def test_importing_the_same_history_again_changes_nothing(run: Run, tmp_path: Path, document: dict[str, Any]) -> None:
    source = tmp_path / "shared.json"
    source.write_text(json.dumps(document))
    db = str(tmp_path / "j.db")
    assert run("--db", db, "import", str(source), "--as", "mentor").code == 0
    before = contents(Path(db))
    again = run("--db", db, "import", str(source), "--as", "mentor")
    assert again.code == 0 and "0 records added or updated" in again.out
    assert contents(Path(db)) == before
