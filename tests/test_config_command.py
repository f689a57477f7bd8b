"""`mentorlog config list|get|set`: every setting of config.toml, described once (config.SETTINGS), changed in
place (the rest of the user's file as it was), a wrong value refused in one line with nothing written."""

from __future__ import annotations

import json
from pathlib import Path

from mentorlog import config, paths
from tests.conftest import Run


def test_list_names_every_setting_with_its_value_and_meaning(run: Run) -> None:
    shown = run("config", "list")
    assert shown.code == 0
    for key, setting in config.SETTINGS.items():
        assert key in shown.out and setting.means in shown.out
    found = json.loads(run("config", "list", "--json").out)
    assert set(found["settings"]) == set(config.KEYS) and found["keymap"] == {}


def test_set_and_get_keep_the_users_file(run: Run) -> None:
    path = paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('# my settings\ntheme = "nord"  # dark\n')
    assert run("config", "set", "hours_per_week", "1.5").code == 0
    assert run("config", "set", "hours_from", "2026-08-15").code == 0
    assert run("config", "set", "activities", "co-teaching; modeling a lesson").code == 0
    assert run("config", "get", "hours_per_week").out.strip() == "1.5"
    assert run("config", "get", "activities").out.strip() == "co-teaching; modeling a lesson"
    text = path.read_text()
    assert text.startswith('# my settings\ntheme = "nord"  # dark\n')
    settings = config.load()
    assert settings.requirement.per_week == 1.5 and settings.activities == ("co-teaching", "modeling a lesson")


def test_a_wrong_value_is_one_line_and_writes_nothing(run: Run) -> None:
    path = paths.config_path()
    wrong = [("hours_per_week", "lots", "must be a number"), ("hours_to", "soon", "a date"),
             ("date_order", "ymd", "mdy or dmy"), ("activities", " ; ", "at least one")]  # fmt: skip
    for key, value, expected in wrong:
        result = run("config", "set", key, value)
        assert result.code == 1 and expected in result.err and result.err.count("\n") == 1, (key, result.err)
        assert not path.exists()
    unknown = run("config", "set", "colour", "red")
    assert unknown.code == 2 and "invalid choice" in unknown.err


def test_the_activities_a_program_sets_are_what_a_session_offers(run_with_pair: Run) -> None:
    run = run_with_pair
    assert run("config", "set", "activities", "co-teaching; modeling a lesson").code == 0
    ok = run("log", "session", "Co-taught period 2.", "--activity", "Co-Teaching")
    assert ok.code == 0, ok.err
    shown = json.loads(run("show", "1", "--json").out)
    assert shown["fields"]["activities"] == ["co-teaching"]
    wrong = run("log", "session", "Planned.", "--activity", "planning instruction")
    assert wrong.code == 1 and "must be among co-teaching, modeling a lesson" in wrong.err


def test_the_readme_has_a_row_for_every_setting() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text()
    for key in config.KEYS:
        assert f"| `{key}` |" in readme, key
    assert "[keymap]" in readme


def test_a_session_keeps_an_activity_the_program_no_longer_lists(run_with_pair: Run, tmp_path: Path) -> None:
    """A program changes its list mid-year: an old session keeps what it recorded through an edit, and only
    a newly ticked activity must be one the list offers now."""
    from mentorlog.db import open_journal
    from mentorlog.errors import Invalid
    from mentorlog.journal import entries, pairs

    run = run_with_pair
    assert run("log", "session", "Planned.", "--activity", "planning instruction").code == 0
    assert run("config", "set", "activities", "co-teaching; modeling a lesson").code == 0
    journal = open_journal(tmp_path / "journal.db")
    try:
        with journal.write() as s:
            pair = pairs.resolve_pair(s, None)
            kept = entries.update_entry(s, pair, 1, title="Planned together.",
                                        activities=["planning instruction", "Co-teaching"])  # fmt: skip
        assert kept.activities == ["planning instruction", "co-teaching"]
        with journal.write() as s:
            try:
                entries.update_entry(s, pair, 1, activities=["planning instruction", "analyzing student work"])
                raise AssertionError("a new activity the list does not offer was taken")
            except Invalid as refused:
                assert "must be among co-teaching, modeling a lesson" in str(refused)
    finally:
        journal.close()
