"""CSV export: RFC 4180 with a header, one row per record, read back by the csv module and by a
spreadsheet-style reader (pandas infers each column's type as a spreadsheet does); private records
stay home unless asked; a text a spreadsheet would run as a formula is neutralised, numbers stay numbers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.exchange.csv_format import FORMULA_STARTS, cell
from tests.conftest import Run

HOSTILE = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", '=HYPERLINK("http://x")']


@pytest.fixture
def written(run_with_pair: Run) -> Run:
    run = run_with_pair
    steps = [
        ("log", "session", "=1+1 was the title.", "--on", "2026-11-02", "--duration", "45", "--start", "15:30",
         "--activity", "planning instruction", "--activity", "analyzing student work", "--tag", "@risk",
         "--todo", "+call the family"),
        ("log", "session", "Private session.", "--on", "2026-11-03", "--duration", "30", "--private",
         "--todo", "a private step"),
        ("log", "note", "Plain, with \"quotes\", commas\nand a second line.", "--on", "2026-11-04"),
        ("goal", "add", "-5 minutes per transition", "--measure", "minutes", "--baseline", "6", "--target", "2",
         "--unit", "min", "--due", "2026-12-20", "--status", "active"),
        ("assess", "1=2:@evidence", "2=3", "--rater", "mentor", "--on", "2026-11-05"),
    ]  # fmt: skip
    for argv in steps:
        result = run(*argv)
        assert result.code == 0, (argv, result.err)
    return run


def _read(run: Run, what: str, *more: str) -> list[dict[str, str]]:
    result = run("export", "--format", "csv", "--what", what, *more)
    assert result.code == 0, result.err
    assert result.out.endswith("\r\n") and "\r\n" in result.out.split("\n")[0] + "\n"
    return list(csv.DictReader(io.StringIO(result.out, newline="")))


def test_sessions_one_row_each_lists_joined_dates_iso_private_left_out(written: Run) -> None:
    rows = _read(written, "sessions")
    assert [r["date"] for r in rows] == ["2026-11-02"]
    row = rows[0]
    assert row["title"] == "'=1+1 was the title." and row["tags"] == "'@risk"
    assert row["activities"] == "planning instruction; analyzing student work"
    assert (row["starts_at"], row["duration_min"], row["mode"]) == ("15:30", "45", "")
    both = _read(written, "sessions", "--include-private")
    assert [r["title"] for r in both] == ["'=1+1 was the title.", "Private session."]


def test_entries_keep_quotes_commas_and_line_breaks(written: Run) -> None:
    rows = _read(written, "entries")
    note = next(r for r in rows if r["kind"] == "note")
    assert note["title"] == 'Plain, with "quotes", commas' and note["body"] == "and a second line."


def test_actions_of_a_private_session_stay_home(written: Run) -> None:
    rows = _read(written, "actions")
    assert [r["text"] for r in rows] == ["'+call the family"]
    assert rows[0]["agreed_in_session_on"] == "2026-11-02"
    assert len(_read(written, "actions", "--include-private")) == 2


def test_goals_ratings_and_hours(written: Run) -> None:
    (goal,) = _read(written, "goals")
    assert (
        goal["title"] == "'-5 minutes per transition" and goal["baseline"] == "6.0" and goal["due_on"] == "2026-12-20"
    )
    ratings = _read(written, "ratings")
    assert [(r["competency"], r["level"], r["level_name"]) for r in ratings] == [
        ("Classroom management", "2", "Exploring"), ("Lesson planning and curriculum", "3", "Applying")]  # fmt: skip
    assert ratings[0]["evidence"] == "'@evidence"
    hours = _read(written, "hours", "--from", "2026-11-02", "--to", "2026-11-08")
    assert hours == [{"week": "2026-11-02", "week_end": "2026-11-08", "minutes": "45", "hours": "0.75",
                      "running_total_minutes": "45"}]  # fmt: skip


def test_a_spreadsheet_reads_numbers_as_numbers_and_no_formula(written: Run, tmp_path: Path) -> None:
    folder = tmp_path / "sheets"
    result = written("export", "--format", "csv", "--what", "all", "--out", str(folder))
    assert result.code == 0, result.err
    assert sorted(p.name for p in folder.iterdir()) == [
        "actions.csv", "entries.csv", "goals.csv", "hours.csv", "ratings.csv", "sessions.csv"]  # fmt: skip
    sessions = pd.read_csv(folder / "sessions.csv", encoding="utf-8")
    assert sessions["duration_min"].dtype.kind == "i" and int(sessions["duration_min"][0]) == 45
    goals = pd.read_csv(folder / "goals.csv")
    assert goals["target"].dtype.kind == "f" and float(goals["target"][0]) == 2.0
    for path in folder.iterdir():
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        for column in frame.columns:
            for value in frame[column]:
                assert not value.startswith(("=", "+", "@")), (path.name, column, value)


@given(st.text(max_size=30))
def test_a_text_cell_never_starts_a_formula(text: str) -> None:
    shown = cell(text)
    assert isinstance(shown, str) and not shown.startswith(FORMULA_STARTS)
    assert shown == text or shown == "'" + text


def test_numbers_stay_numbers() -> None:
    assert cell(-3) == -3 and cell(2.5) == 2.5 and cell(True) == "yes" and cell(None) == ""


def test_bad_input_is_one_line_and_writes_nothing(written: Run, tmp_path: Path) -> None:
    unknown = written("export", "--format", "csv", "--what", "people")
    assert unknown.code == 2 and "invalid choice: 'people'" in unknown.err and not unknown.out
    journal = tmp_path / "journal.db"
    before = journal.read_bytes()
    over = written("export", "--format", "csv", "--out", str(journal))
    assert over.code == 1 and journal.read_bytes() == before
    folder = written("export", "--format", "csv", "--what", "sessions", "--out", str(tmp_path))
    assert folder.code == 1 and "directory" in folder.err
    everything = written("export", "--format", "csv", "--what", "all")
    assert everything.code == 1 and "--out FOLDER" in everything.err
    wrong_format = written("export", "--format", "json", "--what", "goals")
    assert wrong_format.code == 1 and "--what is for --format csv" in wrong_format.err
