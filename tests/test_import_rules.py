"""An import meets the rules that typing meets: lengths, ranges, normalisation; and its file is checked first.

Each case edits a real export the way a broken or hostile file would, imports it into
a fresh journal and into one holding the pair (the two ways an import runs), and
expects one clear line with nothing written, or the typed form of the value.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from mentorlog.cli import cmd_exchange
from tests.conftest import Run
from tests.test_cli import dump


@pytest.fixture
def db() -> Path:
    return Path(os.environ["MENTORLOG_DB"])


@pytest.fixture
def exported(run_with_pair: Run) -> dict[str, Any]:
    assert run_with_pair("log", "session", "Debrief. timer", "--todo", "Time it", "--tag", "lab").code == 0
    assert run_with_pair("goal", "add", "Transitions", "--target", "2", "--due", "in 3 months").code == 0
    return json.loads(run_with_pair("export", "--format", "json").out)


def import_into(run: Run, tmp_path: Path, document: dict[str, Any] | str, name: str) -> tuple[Any, Path]:
    shared = tmp_path / f"{name}.json"
    shared.write_text(document if isinstance(document, str) else json.dumps(document))
    target = tmp_path / f"{name}.db"
    return run("--db", str(target), "import", str(shared), "--as", "mentor"), target


BROKEN = {
    "a title longer than typing allows": (lambda p: p["entries"][0].update(title="t" * 201), "too long"),
    "a name longer than typing allows": (lambda p: p.update(mentee_name="n" * 300), "too long"),
    "an action item longer than a line": (lambda p: p["action_items"][0].update(text="a" * 201), "too long"),
    "a measure on two lines": (lambda p: p["goals"][0].update(measure="two\nlines"), "one line"),
    "the last day of 9999": (lambda p: p["entries"][0].update(on="9999-12-31"), "1900 to 2100"),
    "a due date in 1066": (lambda p: p["goals"][0].update(due_on="1066-10-14"), "1900 to 2100"),
    "a stamp beyond year 9999 in UTC": (
        lambda p: p["entries"][0].update(updated_at="9999-12-31T23:00:00-05:00"),
        "years 1 to 9999",
    ),
    "a stamp before year 1 in UTC": (lambda p: p.update(created_at="0001-01-01T00:30:00+01:00"), "years 1 to 9999"),
    "a tag of two words": (lambda p: p["entries"][0].update(tags=["two words"]), "one word"),
    "a lone surrogate in a title": (lambda p: p["entries"][0].update(title="bad \ud800 text"), "not valid text"),
    "a title of spaces, which typing refuses": (lambda p: p["entries"][0].update(title="   "), "must not be empty"),
    "an empty action item": (lambda p: p["action_items"][0].update(text=""), "must not be empty"),
    "a title that NFC makes too long": (lambda p: p["entries"][0].update(title="\u0958" * 150), "too long (300"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_field_typing_refuses_is_refused_on_import(
    run_with_pair: Run, exported: dict[str, Any], tmp_path: Path, db: Path, case: str
) -> None:
    change, message = BROKEN[case]
    change(exported["pairs"][0])
    fresh, _ = import_into(run_with_pair, tmp_path, exported, "fresh")
    assert fresh.code == 1 and message in fresh.err and len(fresh.err.strip().splitlines()) == 1, fresh.err
    before = dump(db)
    shared = tmp_path / "again.json"
    shared.write_text(json.dumps(exported))
    merged = run_with_pair("import", str(shared), "--as", "mentor")
    assert merged.code == 1 and message in merged.err, merged.err
    assert dump(db) == before


def test_a_number_of_thousands_of_digits_is_one_line(
    run_with_pair: Run, exported: dict[str, Any], tmp_path: Path
) -> None:
    text = json.dumps(exported).replace('"cadence_days": 14', '"cadence_days": ' + "9" * 5000)
    result, _ = import_into(run_with_pair, tmp_path, text, "digits")
    assert result.code == 1 and "number too long" in result.err and "unexpected" not in result.err


def test_tags_are_normalised_as_typed_ones_are(run_with_pair: Run, exported: dict[str, Any], tmp_path: Path) -> None:
    pair = exported["pairs"][0]
    pair["entries"][0]["tags"] = ["#Lab", "Routines"]
    pair["tags"] = [tag | {"name": "#Lab"} for tag in pair["tags"]]
    result, target = import_into(run_with_pair, tmp_path, exported, "tags")
    assert result.code == 0, result.err
    names = {row[0] for row in sqlite3.connect(target).execute("SELECT name FROM tag")}
    assert names == {"lab", "routines"}


def test_a_stamp_from_the_future_is_set_to_now_and_said(
    run_with_pair: Run, exported: dict[str, Any], tmp_path: Path, db: Path
) -> None:
    """Re-importing an old file once undid a local tick: its stamp from 2099 beat every later edit."""
    item = exported["pairs"][0]["action_items"][0]
    item["updated_at"] = "2099-01-01T00:00:00.000000+00:00"
    item["text"] = "from the file"
    exported["exported_at"] = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)).isoformat(timespec="seconds")
    shared = tmp_path / "future.json"
    shared.write_text(json.dumps(exported))
    first = run_with_pair("import", str(shared), "--as", "mentor")
    assert first.code == 0 and "1 time stamp in the future" in first.out, first.out
    assert run_with_pair("todo", "done", "1").code == 0  # a later edit here
    again = run_with_pair("import", str(shared), "--as", "mentor")
    assert again.code == 0
    stored = sqlite3.connect(db).execute("SELECT done_on, updated_at FROM action_item WHERE id = 1").fetchone()
    assert stored[0] is not None, "the local tick stands"
    assert stored[1] < "2099", "nothing here is stamped in the future"
    fresh, target = import_into(run_with_pair, tmp_path, exported, "fresh")
    assert fresh.code == 0 and "in the future" in fresh.out
    (stamp,) = sqlite3.connect(target).execute("SELECT updated_at FROM action_item").fetchone()
    assert dt.datetime.fromisoformat(stamp) <= dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)


def test_a_file_that_is_not_a_regular_file_is_refused_at_once(run_with_pair: Run, tmp_path: Path) -> None:
    zero = tmp_path / "zero.json"
    zero.symlink_to("/dev/zero")
    result = run_with_pair("import", str(zero), "--as", "mentor")
    assert result.code == 1 and "not a regular file" in result.err
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    result = run_with_pair("import", str(fifo), "--as", "mentor")  # would wait for a writer for ever if it were opened
    assert result.code == 1 and "not a regular file" in result.err


def test_a_file_larger_than_an_export_can_be_is_refused_before_reading(
    run_with_pair: Run, exported: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "big.json"
    shared.write_text(json.dumps(exported))
    monkeypatch.setattr(cmd_exchange, "MAX_IMPORT_BYTES", 100)
    result = run_with_pair("import", str(shared), "--as", "mentor")
    assert result.code == 1 and "too large" in result.err


def test_a_file_that_would_take_many_times_its_size_in_memory_is_refused_before_it_is_read(
    run_with_pair: Run, exported: dict[str, Any], tmp_path: Path
) -> None:
    """A 200 MB import of `[]` under an unknown key took 4.9 GB of memory; such a file is refused with what
    it would take, and a real export full of commas inside its text is not."""
    junk = json.dumps(exported)[:-1] + ', "junk": [' + ",".join(["[]"] * 1_500_000) + "]}"
    refused, target = import_into(run_with_pair, tmp_path, junk, "junk")
    assert refused.code == 1 and refused.err.count("\n") == 1, refused.err
    assert "JSON values" in refused.err and "at most 8 times a file's size" in refused.err
    assert not target.exists()
    exported["pairs"][0]["entries"][0]["body"] = "," * 900_000 + "[{" * 50_000
    fine, _ = import_into(run_with_pair, tmp_path, exported, "commas")
    assert fine.code == 0, fine.err
