"""Entry templates: a kind's Markdown in the config folder's templates/, placeholders filled from the journal,
an unknown placeholder left as typed and named once; the demo ships two; the new-entry menu offers them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mentorlog import templates
from tests.conftest import Run


def _folder() -> Path:
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "mentorlog" / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_fill_names_each_unknown_placeholder_once() -> None:
    filled, unknown = templates.fill("{mentee} {x} {x} {Mentee} {{date}} {date}", {"mentee": "Sam", "date": "d"})
    assert filled == "Sam {x} {x} {Mentee} {d} d" and unknown == ["x"]


def test_log_with_a_template_fills_it_from_the_journal(run_with_pair: Run) -> None:
    run = run_with_pair
    (_folder() / "session-debrief.md").write_text(
        "With {mentee} on {date}.\n\nOpen:\n{open_items}\n\nFocus: {last_focus}; next {next_session}. {weather}\n",
        encoding="utf-8",
    )
    run("log", "session", "First.", "--next", "2026-12-01")
    run("todo", "add", "Call the parents")
    run("todo", "add", "Frank worry about a student", "--private")
    logged = run("log", "session", "Debrief. Went well.", "--template", "debrief")
    assert logged.code == 0 and "template debrief: left as typed: {weather}" in logged.err
    shown = run("show", "2").out
    assert "With Sam Rivera on 2026-11-22." in shown and "- Call the parents (mentee)" in shown
    assert "Frank worry" not in shown and "(1 private item not listed)" in shown
    assert "next 2026-12-01" in shown and shown.rstrip().endswith("Went well.")
    private = run("log", "session", "Private debrief.", "--template", "session-debrief", "--private")
    assert private.code == 0 and "Frank worry about a student" in run("show", "3").out


def test_an_unknown_template_is_one_line_and_writes_nothing(run_with_pair: Run) -> None:
    (_folder() / "note.md").write_text("{date}", encoding="utf-8")
    refused = run_with_pair("log", "note", "X.", "--template", "weekly")
    assert refused.code == 1 and refused.err.count("\n") == 1
    assert "no note template 'weekly'" in refused.err and "(the note templates: note)" in refused.err
    assert run_with_pair("timeline").out.strip() == "" or "X." not in run_with_pair("timeline").out
    assert run_with_pair("log", "note", "Y.", "--template", "note").code == 0


def test_the_demo_ships_two_templates_and_never_over_the_users(run: Run, tmp_path: Path) -> None:
    mine = _folder() / "session-debrief.md"
    mine.write_text("my own", encoding="utf-8")
    result = run("demo", "--no-tui", "--db", str(tmp_path / "demo.db"))
    assert result.code == 0 and "1 entry template in" in result.out
    assert mine.read_text(encoding="utf-8") == "my own"
    assert sorted(p.name for p in _folder().iterdir()) == ["observation-walkthrough.md", "session-debrief.md"]
    assert [t.name for t in templates.templates("observation")] == ["walkthrough"]


@pytest.mark.parametrize("name", ["session", "", "debrief"])
def test_a_kinds_own_template_and_named_ones_are_found(name: str) -> None:
    folder = _folder()
    (folder / "session.md").write_text("own", encoding="utf-8")
    (folder / "session-debrief.md").write_text("named", encoding="utf-8")
    found = templates.find("session", name)
    assert templates.read(found) == ("named" if name == "debrief" else "own")
