"""The user's config is theirs, and dates are read in the order the user set.

config.toml is changed in place (comments, other keys and layout kept), written whole
and privately; a file that cannot be read is named in one warning, never silently reset.
The day order setting (date_order, or an older dayfirst) reaches every date field.
"""

from __future__ import annotations

import datetime as dt
import os
import stat

import pytest

from mentorlog import config, paths
from mentorlog.dates import parse_date
from mentorlog.errors import DateError
from tests.conftest import TODAY, Run

USERS_OWN = """# my mentorlog settings, tuned by hand
theme = "nord"   # the one I like

[my-notes]
keep = "this"
"""


def test_changing_a_setting_keeps_the_users_file() -> None:
    path = paths.config_path()
    path.parent.mkdir(parents=True)
    path.write_text(USERS_OWN)
    config.save({"theme": "gruvbox"})
    written = path.read_text()
    assert "# my mentorlog settings, tuned by hand" in written and "# the one I like" in written
    assert 'keep = "this"' in written and 'theme = "gruvbox"' in written
    assert config.load().theme == "gruvbox"


def test_a_value_with_a_newline_stays_valid_toml() -> None:
    config.save({"theme": 'odd "name"\nsecond line'})
    found = config.load()
    assert found.problem is None and found.theme == 'odd "name"\nsecond line'


def test_the_file_is_private_and_written_whole_whatever_the_umask() -> None:
    old = os.umask(0)
    try:
        config.save({"theme": "nord"})
    finally:
        os.umask(old)
    path = paths.config_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]


@pytest.mark.parametrize("content", ['theme = "unclosed\n', b"\xff\xfe not utf-8", "date_order = 'ymd'\n"])
def test_a_config_that_cannot_be_read_is_one_warning_never_a_silent_reset(
    run_with_pair: Run, content: str | bytes
) -> None:
    path = paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = path.read_bytes()
    assert config.load().problem is not None
    result = run_with_pair("log", "note", "Noted. body", "--on", "yesterday")
    assert result.code == 0
    warnings = [line for line in result.err.splitlines() if str(path) in line]
    assert len(warnings) == 1, result.err
    if isinstance(content, bytes) or "unclosed" in content:
        with pytest.raises(config.ConfigError, match="left as it was"):
            config.save({"theme": "nord"})
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("env", "order"),
    [({"LANG": "en_GB.UTF-8"}, "dmy"), ({"LANG": "de_DE.UTF-8"}, "dmy"), ({"LANG": "en_US.UTF-8"}, "mdy"),
     ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "dmy"), ({"LC_TIME": "en_PH"}, "mdy"),
     ({"LANG": "C.UTF-8"}, "mdy"), ({}, "mdy")],
)  # fmt: skip
def test_the_default_day_order_follows_the_locale(env: dict[str, str], order: str) -> None:
    assert config.locale_date_order(env) == order


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [("3/4", "mdy", dt.date(2026, 3, 4)), ("3/4", "dmy", dt.date(2026, 4, 3)),
     ("31/12", "dmy", dt.date(2025, 12, 31)), ("12/31/2026", "mdy", dt.date(2026, 12, 31)),
     ("03.04.2026", "dmy", dt.date(2026, 4, 3)), ("2026/04/03", "dmy", dt.date(2026, 4, 3))],
)  # fmt: skip
def test_numeric_dates_follow_the_day_order(text: str, order: str, expected: dt.date) -> None:
    assert parse_date(text, today=TODAY, order=order) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "order"), [("31/12", "mdy"), ("12/31/2026", "dmy"), ("3/4/26", "dmy")])
def test_a_date_impossible_in_that_order_is_an_error_naming_it(text: str, order: str) -> None:
    with pytest.raises(DateError) as raised:
        parse_date(text, today=TODAY, order=order)  # type: ignore[arg-type]
    assert repr(text) in str(raised.value)


@pytest.mark.parametrize("text", ["1899-12-31", "2101-01-01", "9999-12-31", "1 Jan 1850", "+100y"])
def test_years_outside_1900_to_2100_are_not_journal_dates(text: str) -> None:
    with pytest.raises(DateError, match="1900 to 2100"):
        parse_date(text, today=TODAY)


@pytest.mark.parametrize(
    ("setting", "on"),
    [
        ('date_order = "dmy"\n', "2026-04-03"),
        ("dayfirst = true\n", "2026-04-03"),
        ('date_order = "mdy"\n', "2026-03-04"),
    ],
)
def test_the_setting_reaches_the_command_line(run_with_pair: Run, setting: str, on: str) -> None:
    path = paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(setting)
    result = run_with_pair("log", "note", "Dated. body", "--on", "3/4")
    assert result.code == 0 and f"on {on}" in result.out, result.err
    assert run_with_pair("todo", "add", "Call", "--due", "31/12").code == (
        0 if "dmy" in setting or "true" in setting else 1
    )


def test_an_entry_is_never_dated_in_the_future(run_with_pair: Run) -> None:
    before = run_with_pair("timeline", "--json").out
    for argv in (
        ("log", "session", "Next one. soon", "--on", "in 3 weeks"),
        ("log", "note", "x", "--on", "tomorrow"),
        ("assess", "classroom=3", "--on", "next friday"),
        ("todo", "done", "1", "--on", "tomorrow"),
    ):
        result = run_with_pair(*argv)
        assert result.code == 1 and "in the future" in result.err, (argv, result.err)
    assert run_with_pair("timeline", "--json").out == before
    status = run_with_pair("status").out
    assert "-" not in status.split("last session")[-1].split("\n")[0]
