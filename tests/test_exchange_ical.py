"""iCalendar export: valid RFC 5545 (parsed by the icalendar package), stable UIDs, safe text."""

from __future__ import annotations

import datetime as dt
import io

import icalendar

from mentorlog.db import Journal
from mentorlog.exchange.ical import export, fold, text
from mentorlog.exchange.options import ExportOptions
from mentorlog.journal import actions, entries, goals
from mentorlog.models import Pair
from tests.journals import TODAY


def ics(journal: Journal, pair: Pair) -> str:
    out = io.StringIO(newline="")
    with journal.read() as s:
        export(s, ExportOptions(pair, TODAY), out)
    return out.getvalue()


def test_demo_calendar_parses_with_every_kind_of_item(demo: tuple[Journal, Pair]) -> None:
    journal, pair = demo
    raw = ics(journal, pair)
    assert raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    todos = calendar.walk("VTODO")
    assert len(events) == 1
    assert events[0]["DTSTART"].dt == dt.date(2026, 12, 1)  # the last session's planned next one
    summaries = [str(t["SUMMARY"]) for t in todos]
    assert "Goal: Tighten transitions between activities" in summaries
    assert any(s.startswith("Milestone: ") for s in summaries)
    assert "Plan exit tickets into every lesson plan template" in summaries
    goal = next(t for t in todos if str(t["SUMMARY"]).startswith("Goal: Tighten"))
    assert goal["DUE"].dt == dt.date(2026, 12, 22)
    assert str(goal["STATUS"]) == "NEEDS-ACTION"
    uids = [str(c["UID"]) for c in [*events, *todos]]
    assert len(uids) == len(set(uids))
    assert all(c.get("DTSTAMP") for c in [*events, *todos])


def test_uids_are_stable_across_exports_and_edits(demo: tuple[Journal, Pair]) -> None:
    journal, pair = demo
    first = ics(journal, pair)
    assert ics(journal, pair) == first, "the same journal gives the same file"
    with journal.write() as s:
        entries.add_entry(
            s, pair, kind="session", on=TODAY, title="Extra", next_session_on=TODAY + dt.timedelta(days=10)
        )
    before = {str(c["UID"]) for c in icalendar.Calendar.from_ical(first).walk() if "UID" in c}
    after_calendar = icalendar.Calendar.from_ical(ics(journal, pair))
    after = {str(c["UID"]) for c in after_calendar.walk() if "UID" in c}
    assert before == after, "a moved next session keeps its UID"
    assert after_calendar.walk("VEVENT")[0]["DTSTART"].dt == TODAY + dt.timedelta(days=10)


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


def test_text_and_fold() -> None:
    assert text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    folded = fold("SUMMARY:" + "é" * 100)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "SUMMARY:" + "é" * 100
