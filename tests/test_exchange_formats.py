"""One registry of export formats: the CLI's choices and help, the TUI's export dialog and its
palette all read it, so a format added there is offered everywhere and nowhere else needs it."""

from __future__ import annotations

import pytest

from mentorlog.cli.parser import COMMANDS
from mentorlog.exchange import DEFAULT, FORMATS, get_format
from mentorlog.words import listed
from tests.conftest import Run


def test_the_cli_help_offers_every_format(run: Run, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", "--help").code == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert f"{DEFAULT} (default)" in help_text
    for fmt in FORMATS.values():
        assert fmt.name in help_text
    carriers = listed([f.title for f in FORMATS.values() if f.history])
    assert f"{carriers} only: the trash" in help_text
    assert listed([f.title for f in FORMATS.values()]) in COMMANDS["export"][0]


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_exports_and_history_goes_only_where_it_is_carried(name: str, run_with_pair: Run) -> None:
    assert run_with_pair("log", "note", "Hello there").code == 0
    assert run_with_pair("export", "--format", name).code == 0
    with_history = run_with_pair("export", "--format", name, "--with-history")
    if get_format(name).history:
        assert with_history.code == 0
    else:
        assert with_history.code != 0
        assert with_history.err.count("\n") == 1 and "--with-history needs --format" in with_history.err


def test_the_tui_offers_the_same_formats() -> None:
    from mentorlog.tui.screens.export import FORMAT_CHOICES

    assert [(f.label, f.name) for f in FORMATS.values()] == FORMAT_CHOICES


@pytest.mark.parametrize("name", ["markdown", "json"])
def test_an_export_tells_how_far_it_is(name: str, demo: tuple[object, object]) -> None:
    """What the TUI's progress bar shows: fractions that only grow, up to the whole."""
    import datetime as dt
    import io

    from mentorlog.exchange import exporter
    from mentorlog.exchange.options import ExportOptions
    from mentorlog.journal.sharing import Scope

    journal, pair = demo
    told: list[float] = []
    options = ExportOptions(pair, dt.date(2026, 11, 22), Scope(include_private=True), progress=told.append)
    exporter(get_format(name))(journal.connection, options, io.StringIO())  # type: ignore[attr-defined]
    assert told and told == sorted(told) and told[-1] == 1.0 and all(0 < f <= 1 for f in told)
