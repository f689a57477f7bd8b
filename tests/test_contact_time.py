"""Contact time: a figure computed from the sessions, per week and month, by mode and activity, against
the program's requirement (config.toml), on its edge cases, and `report hours` in each of its shapes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from mentorlog.db import Journal
from mentorlog.journal import entries
from mentorlog.journal.contact import pair_contact
from mentorlog.journal.sharing import Scope
from mentorlog.models import Pair
from mentorlog.rules.contact import Requirement, Session, contact_time, minutes_words
from tests.conftest import TODAY, Run

D = dt.date


def test_no_sessions_is_zero_every_week_and_behind_the_whole_requirement() -> None:
    figure = contact_time([], start=D(2026, 11, 2), end=D(2026, 11, 15), requirement=Requirement(per_week=1))
    assert figure.total == 0 and figure.sessions == 0
    assert figure.weeks == [(D(2026, 11, 2), 0), (D(2026, 11, 9), 0)]
    assert figure.standing is not None and figure.standing.behind == 120
    assert "behind by 2 h" in figure.line()


def test_sessions_without_minutes_count_as_sessions_but_add_no_time() -> None:
    found = [Session(D(2026, 11, 3), None, "video"), Session(D(2026, 11, 4), 30, "video")]
    figure = contact_time(found, start=D(2026, 11, 2), end=D(2026, 11, 8))
    assert (figure.total, figure.sessions, figure.untimed) == (30, 2, 1)
    assert figure.by_mode == [("video", 30)]
    assert "1 session without minutes" in figure.line() and "no requirement set" in figure.line()


def test_a_week_across_a_month_end_is_one_week_and_its_minutes_split_between_the_months() -> None:
    found = [Session(D(2026, 11, 30), 40, "in-person"), Session(D(2026, 12, 2), 20, "phone")]
    figure = contact_time(found, start=D(2026, 11, 30), end=D(2026, 12, 6))
    assert figure.weeks == [(D(2026, 11, 30), 60)]
    assert figure.months == [(D(2026, 11, 1), 40), (D(2026, 12, 1), 20)]
    assert figure.by_mode == [("in-person", 40), ("phone", 20)]


def test_minutes_count_for_each_activity_done_and_group_sessions_are_told_apart() -> None:
    found = [
        Session(D(2026, 11, 3), 45, "in-person", ("planning instruction", "analyzing student work")),
        Session(D(2026, 11, 5), 30, "video", ("planning instruction",), group=True),
    ]
    figure = contact_time(found, start=D(2026, 11, 2), end=D(2026, 11, 8))
    assert figure.by_activity == [("planning instruction", 75), ("analyzing student work", 45)]
    assert figure.group_minutes == 30


def test_an_average_per_week_on_track_or_behind_with_what_catches_up() -> None:
    weekly = [Session(D(2026, 11, 2) + dt.timedelta(days=7 * n), 60, "in-person") for n in range(4)]
    on_track = contact_time(weekly, start=D(2026, 11, 2), end=D(2026, 11, 29), requirement=Requirement(per_week=1))
    assert on_track.standing is not None and on_track.standing.behind == 0 and "on track" in on_track.line()
    behind = contact_time(weekly[:2], start=D(2026, 11, 2), end=D(2026, 11, 29), requirement=Requirement(per_week=1))
    assert behind.standing is not None and behind.standing.behind == 120
    # Two hours short, caught up over four weeks: the hour a week plus half an hour.
    assert behind.standing.catch_up_per_week == 90 and "1 h 30 min a week for the next 4 weeks" in behind.line()


def test_a_total_over_a_period_met_on_track_behind_or_ended_short() -> None:
    req = Requirement(total=10, start=D(2026, 9, 1), end=D(2026, 12, 31))  # 600 minutes over 122 days
    sessions = [Session(D(2026, 9, 1) + dt.timedelta(days=7 * n), 60, "in-person") for n in range(10)]
    met = contact_time(sessions, start=D(2026, 9, 1), end=D(2026, 11, 22), requirement=req)
    assert met.standing is not None and met.standing.behind == 0 and "met: 10 h reached" in met.line()
    few = contact_time(sessions[:3], start=D(2026, 9, 1), end=D(2026, 11, 22), requirement=req)
    assert few.standing is not None and few.standing.behind > 0
    assert few.standing.catch_up_per_week is not None and "a week until 2026-12-31" in few.line()
    ended = contact_time(sessions[:3], start=D(2026, 9, 1), end=D(2026, 12, 31), requirement=req)
    assert ended.standing is not None and ended.standing.catch_up_per_week is None
    assert "short by 7 h: the period has ended" in ended.line()


def test_minutes_words() -> None:
    assert [minutes_words(m) for m in (0, 45, 60, 90, 600)] == ["0 min", "45 min", "1 h", "1 h 30 min", "10 h"]


def _session(journal: Journal, pair: Pair, on: dt.date, minutes: int | None, **more: object) -> None:
    with journal.write() as s:
        entries.add_entry(s, pair, kind="session", on=on, title="A session", duration_min=minutes, **more)


def test_private_sessions_count_at_home_and_leave_only_when_asked(journal: Journal, pair: Pair) -> None:
    _session(journal, pair, TODAY, 45)
    _session(journal, pair, TODAY, 30, private=True)
    with journal.read() as s:
        home = pair_contact(s, pair, today=TODAY)
        shared = pair_contact(s, pair, today=TODAY, scope=Scope())
        asked = pair_contact(s, pair, today=TODAY, scope=Scope(include_private=True))
        brief = pair_contact(s, pair, today=TODAY, scope=Scope(), brief=True)
    assert (home.total, shared.total, asked.total) == (75, 45, 75)
    assert (brief.total, brief.sessions) == (45, 1), "the one-line figure is the same figure"


def test_a_closed_pair_counts_to_its_end(run_with_pair: Run) -> None:
    run = run_with_pair
    for on in ("2026-10-01", "2026-11-10"):
        assert run("log", "session", "Met.", "--on", on, "--duration", "60").code == 0
    closed = run("pair", "close", "--on", "2026-11-01", "--reason", "completed")
    assert closed.code == 0, closed.err
    shown = json.loads(run("report", "hours", "--json").out)
    assert shown["to"] == "2026-11-01" and shown["total_minutes"] == 60


def test_a_group_session_counts_for_each_pair(run_with_pair: Run) -> None:
    run = run_with_pair
    assert run("init", "--mentor", "Ana Lopez", "--mentee", "Kim Park", "--started", "2026-09-01").code == 0
    logged = run("log", "session", "Group debrief.", "--pair", "1", "--with", "2", "--duration", "50")
    assert logged.code == 0, logged.err
    for pair in ("1", "2"):
        shown = json.loads(run("report", "hours", "--pair", pair, "--json").out)
        assert shown["total_minutes"] == 50 and shown["group_minutes"] == 50


@pytest.fixture
def logged(run_with_pair: Run) -> Run:
    run = run_with_pair
    for args in (
        ("2026-11-02", "45", "in-person", "15:30", "planning instruction"),
        ("2026-11-04", "30", "video", "8am", "analyzing student work"),
        ("2026-11-16", "60", "in-person", "15:30", "observing and conferencing"),
    ):
        on, minutes, mode, start, activity = args
        result = run("log", "session", "=HYPERLINK(\"x\") a note that stays home.", "--on", on, "--duration", minutes,
                     "--mode", mode, "--start", start, "--activity", activity)  # fmt: skip
        assert result.code == 0, result.err
    assert run("log", "session", "Private one.", "--on", "2026-11-18", "--duration", "90", "--private").code == 0
    assert run("config", "set", "hours_per_week", "1").code == 0
    return run


def test_report_hours_in_text_against_the_requirement(logged: Run) -> None:
    shown = logged("report", "hours", "--from", "2026-11-02")
    assert shown.code == 0, shown.err
    assert "2 h 15 min in 3 sessions" in shown.out and "the program asks 1 h a week" in shown.out
    assert "Private sessions: left out" in shown.out and "planning instruction" in shown.out
    with_private = logged("report", "hours", "--from", "2026-11-02", "--include-private")
    assert "3 h 45 min in 4 sessions" in with_private.out


def test_report_hours_as_json_is_the_documented_shape(logged: Run) -> None:
    found = json.loads(logged("report", "hours", "--from", "2026-11-02", "--to", "2026-11-22", "--json").out)
    assert found["total_minutes"] == 135 and found["sessions"] == 3
    assert found["weeks"][0] == {"week": "2026-11-02", "minutes": 75}
    assert found["by_mode"] == [{"mode": "in-person", "minutes": 105}, {"mode": "video", "minutes": 30}]
    assert found["requirement"]["hours_per_week"] == 1 and found["requirement"]["on_track"] is False
    assert set(found) >= {"from", "to", "months", "by_activity", "average_minutes_per_week", "summary"}


def test_the_log_has_no_content_and_lines_to_sign(logged: Run) -> None:
    text = logged("report", "hours", "--log", "--from", "2026-11-01").out
    assert "2026-11-04  08:00  30       video      analyzing student work" in text
    assert "HYPERLINK" not in text and "stays home" not in text and "Private one" not in text
    assert "Mentor: ____" in text and "Program coordinator: ____" in text
    markdown = logged("report", "hours", "--log", "--format", "markdown", "--from", "2026-11-01").out
    assert markdown.startswith("# Mentoring log: Ana Lopez &amp; Sam Rivera")
    assert "| 2026-11-02 | 15:30 | 45 |" in markdown
    rows = list(csv.DictReader(io.StringIO(logged("report", "hours", "--log", "--format", "csv").out)))
    assert [r["date"] for r in rows] == ["2026-11-02", "2026-11-04", "2026-11-16"]
    assert rows[1]["start"] == "08:00" and rows[1]["activities"] == "analyzing student work"
    logs = json.loads(logged("report", "hours", "--log", "--json").out)["log"]
    assert logs[0] == {"date": "2026-11-02", "start": "15:30", "minutes": 45, "mode": "in-person",
                       "activities": ["planning instruction"], "group": False}  # fmt: skip


def test_report_hours_as_csv_is_a_row_a_week_with_the_running_total(logged: Run) -> None:
    out = logged("report", "hours", "--format", "csv", "--from", "2026-11-02", "--to", "2026-11-22").out
    assert out.startswith("week,week_end,minutes,hours,running_total_minutes\r\n")
    rows = list(csv.reader(io.StringIO(out)))[1:]
    assert rows == [["2026-11-02", "2026-11-08", "75", "1.25", "75"], ["2026-11-09", "2026-11-15", "0", "0.0", "75"],
                    ["2026-11-16", "2026-11-22", "60", "1.0", "135"]]  # fmt: skip


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ('hours_per_week = "lots"', "hours_per_week must be a number"),
        ('hours_from = "soon"', "hours_from must be a date"),
    ],
)
def test_a_requirement_that_is_not_a_number_is_one_line(
    logged: Run, tmp_path: Path, setting: str, expected: str
) -> None:
    config = tmp_path / "xdg" / "xdg_config_home" / "mentorlog" / "config.toml"
    config.write_text(setting + "\n")
    result = logged("report", "hours")
    assert result.code == 1 and expected in result.err and result.err.count("\n") == 1 and not result.out


def test_report_hours_refuses_bad_input_and_writes_nothing(logged: Run, tmp_path: Path) -> None:
    backwards = logged("report", "hours", "--from", "2026-11-20", "--to", "2026-11-01")
    assert backwards.code == 1 and "--from 2026-11-20 is after --to 2026-11-01" in backwards.err
    unknown = logged("report", "hours", "--format", "pdf")
    assert unknown.code == 2 and "invalid choice" in unknown.err
    journal = tmp_path / "journal.db"
    before = journal.read_bytes()
    over = logged("report", "hours", "--out", str(journal))
    assert over.code == 1 and journal.read_bytes() == before
    folder = logged("report", "hours", "--format", "csv", "--out", str(tmp_path))
    assert folder.code == 1 and folder.err.count("\n") == 1


def test_status_and_the_caseload_show_the_same_line(logged: Run) -> None:
    status = logged("status").out
    assert "Contact time since 2026-09-01: 3 h 45 min in 4 sessions" in status  # the journal's own: private too
    caseload = json.loads(logged("pairs", "--json").out)[0]["contact"]
    assert caseload["minutes"] == 225 and caseload["on_track"] is False


def test_every_export_carries_the_line_without_what_stays_home(logged: Run) -> None:
    line = "Contact time since 2026-09-01: 2 h 15 min in 3 sessions"  # the private session's 90 min stay home
    markdown = logged("export").out
    assert line in markdown
    assert line in json.loads(logged("export", "--format", "json").out)["contact_time"]
    assert "Contact time since 2026-09-01: 2 h 15 min" in logged("export", "--format", "html").out
    assert "X-WR-CALDESC:Contact time since 2026-09-01: 2 h 15 min" in logged("export", "--format", "ics").out
    with_private = logged("export", "--include-private").out
    assert "Contact time since 2026-09-01: 3 h 45 min in 4 sessions" in with_private
