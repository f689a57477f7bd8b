"""iCalendar export: valid RFC 5545 (parsed by the icalendar package), stable UIDs, safe text."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import icalendar
import pytest

from mentorlog.db import Journal
from mentorlog.exchange.ical import export, fold, text
from mentorlog.exchange.options import ExportOptions
from mentorlog.journal import actions, goals
from mentorlog.models import Pair
from tests.journals import TODAY


def ics(journal: Journal, pair: Pair) -> str:
    out = io.StringIO(newline="")
    with journal.read() as s:
        export(s, ExportOptions(pair, TODAY), out)
    return out.getvalue()


def test_demo_calendar_shows_every_session_and_due_date_as_events(demo: tuple[Journal, Pair]) -> None:
    journal, pair = demo
    raw = ics(journal, pair)
    assert raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    held = [e for e in events if str(e["SUMMARY"]).startswith("Mentoring session: ")]
    with journal.read() as s:
        sessions = s.execute("SELECT uid, \"on\", starts_at, duration_min FROM entry WHERE kind = 'session'"
                             " AND private = 0 ORDER BY \"on\"").fetchall()  # fmt: skip
    assert [str(e["UID"]) for e in held] == [f"{uid}@mentorlog" for uid, *_ in sessions]
    first = held[0]
    assert first["DTSTART"].dt == dt.datetime(2026, 8, 25, 15, 30)  # noqa: DTZ001 - floating: 15:30 wherever the calendar is
    assert first["DURATION"].dt == dt.timedelta(minutes=45)
    (planned,) = [e for e in events if str(e["SUMMARY"]).startswith("Next mentoring session")]
    assert planned["DTSTART"].dt == dt.datetime(2026, 12, 1, 15, 30)  # noqa: DTZ001 - the last session's plan, at its time
    dues = {str(e["SUMMARY"]): e["DTSTART"].dt for e in events if "due" in str(e["CATEGORIES"].to_ical())}
    assert dues["Goal due: Tighten transitions between activities"] == dt.date(2026, 12, 22)
    with journal.read() as s:
        due_milestones = s.execute("SELECT count(*) FROM milestone WHERE due_on IS NOT NULL").fetchone()[0]
    assert sum(summary.startswith("Milestone due: ") for summary in dues) == due_milestones
    assert any(summary.startswith("Due: ") for summary in dues)
    todos = calendar.walk("VTODO")
    goal = next(t for t in todos if str(t["SUMMARY"]).startswith("Goal: Tighten"))
    assert goal["DUE"].dt == dt.date(2026, 12, 22) and str(goal["STATUS"]) == "NEEDS-ACTION"
    uids = [str(c["UID"]) for c in [*events, *todos]]
    assert len(uids) == len(set(uids))
    assert all(c.get("DTSTAMP") for c in [*events, *todos])
    assert "T000000Z" not in raw, "a COMPLETED is the moment it was done, never an invented midnight"


def test_a_second_parser_reads_the_same_calendar(demo: tuple[Journal, Pair]) -> None:
    import vobject

    journal, pair = demo
    raw = ics(journal, pair)
    parsed = vobject.readOne(raw, validate=True)
    first = icalendar.Calendar.from_ical(raw)
    assert [str(e.uid.value) for e in parsed.vevent_list] == [str(e["UID"]) for e in first.walk("VEVENT")]
    assert [str(t.summary.value) for t in parsed.vtodo_list] == [str(t["SUMMARY"]) for t in first.walk("VTODO")]


def test_an_item_done_today_completes_at_the_moment_it_was_ticked(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        item = actions.add_action(s, pair, "Call the family", due_on=TODAY)
        actions.complete_action(s, pair, item.id or 0, on=dt.datetime.now(dt.UTC).date())
    (todo,) = icalendar.Calendar.from_ical(ics(journal, pair)).walk("VTODO")
    completed = todo["COMPLETED"].dt
    assert abs(completed - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)


needs_calcurse = pytest.mark.skipif(shutil.which("calcurse") is None, reason="no calcurse here (CI installs it)")


@needs_calcurse
def test_a_terminal_calendar_imports_it_and_lists_every_session_and_due_date(
    demo: tuple[Journal, Pair], tmp_path: Path
) -> None:
    journal, pair = demo
    path = tmp_path / "pair.ics"
    path.write_text(ics(journal, pair), newline="")
    folder = tmp_path / "calcurse"
    folder.mkdir()
    imported = subprocess.run(["calcurse", "-D", str(folder), "-i", str(path)], capture_output=True, text=True,
                              timeout=60)  # fmt: skip
    assert imported.returncode == 0 and " 0 skipped" in imported.stdout, imported.stdout + imported.stderr
    agenda = subprocess.run(
        ["calcurse", "-D", str(folder), "--input-datefmt", "4", "-Q", "--from", "2026-08-01", "--days", "400"],
        capture_output=True, text=True, timeout=60,
    ).stdout  # fmt: skip
    calendar = icalendar.Calendar.from_ical(path.read_text())
    for event in calendar.walk("VEVENT"):
        assert str(event["SUMMARY"]) in agenda, event["SUMMARY"]


def test_hostile_text_is_escaped(journal: Journal, pair: Pair) -> None:
    hostile = "Plan; then, maybe\\ not\nEND:VCALENDAR 🎉 " + "é" * 80
    with journal.write() as s:
        goals.add_goal(s, pair, title=hostile.replace("\n", " "), specific=hostile, today=TODAY)
        actions.add_action(s, pair, "x" * 200, due_on=TODAY)
    calendar = icalendar.Calendar.from_ical(ics(journal, pair))
    goal = next(t for t in calendar.walk("VTODO") if str(t["SUMMARY"]).startswith("Goal: "))
    assert str(goal["DESCRIPTION"]) == hostile
    assert len(calendar.walk("VCALENDAR")) == 1
    assert str(calendar.walk("VTODO")[-1]["SUMMARY"]) == "x" * 200
    assert str(calendar.walk("VEVENT")[-1]["SUMMARY"]) == "Due: " + "x" * 200


def test_text_and_fold() -> None:
    assert text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    folded = fold("SUMMARY:" + "é" * 100)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "SUMMARY:" + "é" * 100
