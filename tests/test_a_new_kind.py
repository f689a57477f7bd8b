"""A kind of entry added as data: a spec (a scale field and a list field) and its two columns, nothing else.

The program's survey below is declared the way a new kind would be: its spec in
entry_kinds.SPECS and its columns in the entry table. Every surface then knows it with no
edit of its own: the form asks for it, `log --help` offers its options, `log` writes it,
`show` and the Markdown export lay it out, the JSON import checks its fields by their types,
and a JSON export of it imports again identically.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Select, SelectionList, TextArea

from mentorlog.db import open_journal, tables
from mentorlog.db.tables import Column
from mentorlog.entry_kinds import ITEMS, SPECS, Field, Spec
from mentorlog.errors import Invalid
from mentorlog.exchange.json_export import to_document
from mentorlog.exchange.json_import import import_pairs, read_document
from mentorlog.exchange.markdown import export as markdown
from mentorlog.exchange.options import ExportOptions
from mentorlog.field_types import Checklist, Scale
from mentorlog.journal import pairs
from mentorlog.journal.sharing import Scope
from tests.conftest import TODAY, Run

SURVEY = Spec(
    "survey",
    "v",
    "the program's survey questions",
    "Answer the program's survey",
    (
        Field("climate", "School climate", Scale(("poor", "fair", "good", "strong")), "How is the school climate?",
              "--climate", "the school's climate"),
        Field("supports", "Supports used", ITEMS, "Supports used, one per line", "--support", "a support used"),
        Field("helped", "What helped", Checklist(("release time", "a coach", "a peer visit")), "What helped?",
              "--helped", "what helped"),
    ),
    mark="?",
)  # fmt: skip
COLUMNS = ("climate INTEGER", "supports JSON NOT NULL DEFAULT '[]'", "helped JSON NOT NULL DEFAULT '[]'")


@pytest.fixture
def survey(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The survey kind: its spec, and its columns in the entry table as the store reads it."""
    monkeypatch.setitem(SPECS, "survey", SURVEY)
    entry = tables.ENTRY
    kept = dict(entry.__dict__)
    extra = [Column("climate", "int", True), Column("supports", "list", False), Column("helped", "list", False)]
    entry.__init__("entry", [*kept["columns"], *extra])  # type: ignore[misc]
    yield
    entry.__dict__.clear()
    entry.__dict__.update(kept)


def add_columns(path: Path) -> None:
    """The migration a new kind ships with: its columns in a journal made before it."""
    with sqlite3.connect(path) as connection:
        for column in COLUMNS:
            connection.execute(f"ALTER TABLE entry ADD COLUMN {column}")
    connection.close()


@pytest.fixture
def journal_path(survey: None, run_with_pair: Run, tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    add_columns(path)
    return path


def test_log_help_offers_its_options_with_what_they_take(
    journal_path: Path, run: Run, capsys: pytest.CaptureFixture[str]
) -> None:
    run("log", "--help")
    shown = " ".join(capsys.readouterr().out.split())  # argparse wraps its help to the terminal
    assert "session | observation | reflection | note | survey" in shown
    assert "--climate N survey: the school's climate (1-4)" in shown
    assert "--support T survey: a support used" in shown
    assert "--helped T survey: what helped (one of release time, a coach, a peer visit)" in shown


def test_log_writes_it_and_show_lays_it_out(journal_path: Path, run: Run) -> None:
    logged = run("log", "survey", "Term two survey.", "--climate", "3", "--support", "peer visit",
                 "--support", "release day", "--helped", "a coach")  # fmt: skip
    assert logged.code == 0, logged.err
    wrong = run("log", "survey", "Again.", "--helped", "luck")
    assert wrong.code == 1 and "helped must be among release time, a coach, a peer visit (not 'luck')" in wrong.err
    shown = run("show", "1").out
    assert "Survey #1" in shown and "climate 3/4" in shown
    assert "Supports used:\n  - peer visit\n  - release day" in shown
    assert "What helped:\n  - a coach" in shown
    refused = run("log", "survey", "Again.", "--climate", "5")
    assert refused.code == 1 and "climate must be a whole number from 1 to 4 (not 5)" in refused.err
    assert run("log", "note", "A note.", "--climate", "2").code == 2  # only the survey takes it


def test_the_markdown_export_lays_it_out(journal_path: Path, run: Run) -> None:
    run("log", "survey", "Term two survey.", "--climate", "3", "--support", "peer visit")
    journal = open_journal(journal_path)
    with journal.read() as connection:
        out = io.StringIO()
        markdown(connection, ExportOptions(pairs.resolve_pair(connection, None), TODAY, Scope()), out)
    journal.close()
    assert "### 2026-11-22 · Survey: Term two survey." in out.getvalue()
    assert "by the mentor · climate 3/4" in out.getvalue()
    assert "**Supports used**\n\n- peer visit\n" in out.getvalue()


def _document(path: Path) -> dict[str, Any]:
    journal = open_journal(path)
    with journal.read() as connection:
        pair = pairs.resolve_pair(connection, None)
        document = to_document(connection, ExportOptions(pair, TODAY, Scope(include_private=True)))
    journal.close()
    return json.loads(json.dumps(document))


def _import(path: Path, document: dict[str, Any]) -> None:
    journal = open_journal(path)
    try:
        with journal.write() as connection:
            import_pairs(connection, read_document(json.dumps(document), "survey.json"), role="mentor")
    finally:
        journal.close()


def test_the_json_round_trip_and_the_imports_checks(journal_path: Path, run: Run, tmp_path: Path) -> None:
    run("log", "survey", "Term two survey.", "--climate", "3", "--support", "peer visit")
    document = _document(journal_path)
    (fields,) = [e for e in document["pairs"][0]["entries"] if e["kind"] == "survey"]
    assert (fields["climate"], fields["supports"]) == (3, ["peer visit"])

    other = tmp_path / "other.db"
    open_journal(other, create=True).close()
    add_columns(other)
    for wrong, message in ((9, "climate must be a whole number from 1 to 4 (not 9)"), ("3", "climate must be")):
        bad = json.loads(json.dumps(document))
        bad["pairs"][0]["entries"][0]["climate"] = wrong
        with pytest.raises(Invalid, match=re.escape(message)):
            _import(other, bad)
    bad = json.loads(json.dumps(document))
    bad["pairs"][0]["entries"][0]["supports"] = ["fine", ""]
    with pytest.raises(Invalid, match="supports must be a list of lines"):
        _import(other, bad)

    _import(other, document)
    again = _document(other)
    assert again["pairs"][0]["entries"] == document["pairs"][0]["entries"]


async def test_the_form_asks_for_it_and_saves_it(journal_path: Path) -> None:
    from mentorlog.tui.app import MentorlogApp
    from tests.tui.test_forms import open_form

    journal = open_journal(journal_path)
    app = MentorlogApp(journal, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        form = await open_form(app, pilot, "v")
        climate = form.query_one("#climate", Select)
        assert [label for label, _ in SURVEY.fields[0].type.choices()] == ["1 poor", "2 fair", "3 good", "4 strong"]
        form.query_one("#title").value = "Term two survey"  # type: ignore[attr-defined]
        climate.value = 4
        form.query_one("#supports", TextArea).text = "peer visit\n- release day\n"
        form.query_one("#helped", SelectionList).select("a peer visit")
        await pilot.press("ctrl+s")
        await pilot.pause()
    journal.close()
    with sqlite3.connect(journal_path) as connection:
        row = connection.execute("SELECT kind, title, climate, supports, helped FROM entry").fetchone()
    connection.close()
    assert row[:3] == ("survey", "Term two survey", 4) and json.loads(row[3]) == ["peer visit", "release day"]
    assert json.loads(row[4]) == ["a peer visit"]
