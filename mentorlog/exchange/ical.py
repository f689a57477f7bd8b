"""iCalendar export (RFC 5545): a calendar people see (PRODUCT.md §5).

Most calendar programs show events and ignore to-dos, so everything dated is an event: each
session held (timed from its start and minutes where they were recorded, all day otherwise)
and the next one planned, and the due date of each goal, milestone and action item (all day).
Goals, milestones and action items are to-dos too, for the programs that keep tasks, each with
its status; a `COMPLETED` is the moment it was marked done, never an invented midnight.

Written by hand rather than with a library: the subset is small, and the CLI should not pay an
import for it. A start time is floating (RFC 5545 §3.3.5 form #1): 15:30 is 15:30 wherever the
calendar is. UIDs come from record uids, and DTSTAMP from the record's `updated_at`, so
exporting twice gives the same file and a calendar that imported the first one updates its
items instead of doubling them.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TextIO

from mentorlog.exchange.document import Document, PairRecords, read
from mentorlog.exchange.options import ExportOptions
from mentorlog.kinds import EntryKind, GoalStatus
from mentorlog.rules.calendar import shift

if TYPE_CHECKING:
    from mentorlog.models import ActionItem

PRODID = "-//mentorlog//mentorlog//EN"
DOMAIN = "mentorlog"
LINE_OCTETS = 75


SESSION_COLUMNS = ("uid", "on", "title", "starts_at", "duration_min", "mode", "updated_at")


def export(connection: sqlite3.Connection, options: ExportOptions, out: TextIO) -> None:
    with read(connection, options) as doc:
        for line in calendar(doc, options):
            out.write(fold(line) + "\r\n")


def calendar(doc: Document, options: ExportOptions) -> Iterator[str]:
    r = doc.records
    pair = r.pair
    yield from ("BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN")
    yield f"X-WR-CALNAME:{text(f'Mentoring: {pair.mentor_name} and {pair.mentee_name}')}"
    yield f"X-WR-CALDESC:{text(doc.contact_totals.line())}"
    for row in doc.entries(SESSION_COLUMNS, EntryKind.SESSION):
        yield from _held(*row, names=f"{pair.mentor_name} and {pair.mentee_name}")
    if not pair.ended_on:
        yield from _next_session(r)
    for goal in r.goals:
        view = r.view(goal, options.today)
        if goal.status == GoalStatus.DRAFT:
            continue
        status = {GoalStatus.ACHIEVED: "COMPLETED", GoalStatus.DROPPED: "CANCELLED"}.get(goal.status, "NEEDS-ACTION")
        props = [f"SUMMARY:{text(f'Goal: {goal.title}')}", f"STATUS:{status}", "CATEGORIES:mentorlog,goal"]
        if goal.specific:
            props.append(f"DESCRIPTION:{text(goal.specific)}")
        if goal.due_on:
            props.append(f"DUE;VALUE=DATE:{_date(goal.due_on)}")
        if view.percent is not None:
            props.append(f"PERCENT-COMPLETE:{round(view.percent)}")
        props += _completed(goal.achieved_on, goal.updated_at)
        yield from _component("VTODO", goal.uid, goal.updated_at, props)
        if goal.due_on:
            yield from _due(goal.uid, goal.updated_at, goal.due_on, f"Goal due: {goal.title}", "goal", goal.specific)
        for milestone in view.milestones:
            props = [
                f"SUMMARY:{text(f'Milestone: {milestone.title}')}",
                f"STATUS:{'COMPLETED' if milestone.done_on else 'NEEDS-ACTION'}",
                f"RELATED-TO:{_uid(goal.uid)}",
                "CATEGORIES:mentorlog,milestone",
            ]
            if milestone.due_on:
                props.append(f"DUE;VALUE=DATE:{_date(milestone.due_on)}")
            props += _completed(milestone.done_on, milestone.updated_at)
            yield from _component("VTODO", milestone.uid, milestone.updated_at, props)
            if milestone.due_on:
                due = f"Milestone due: {milestone.title}"
                yield from _due(milestone.uid, milestone.updated_at, milestone.due_on, due, "milestone", goal.title)
    for item in r.actions:
        yield from _action(item)
    yield "END:VCALENDAR"


def _held(
    uid: str,
    on: str,
    title: str,
    starts_at: str | None,
    minutes: int | None,
    mode: str | None,
    stamp: str,
    *,
    names: str,
) -> Iterator[str]:
    """A session held: timed where its start was recorded (for its minutes, or an hour), else all day."""
    day = dt.date.fromisoformat(on)
    summary = f"Mentoring session: {title}" if title else f"Mentoring session: {names}"
    props = [f"SUMMARY:{text(summary)}", *_when(day, starts_at, minutes), "STATUS:CONFIRMED",
             "CATEGORIES:mentorlog,session"]  # fmt: skip
    facts = [f"{minutes} min" if minutes else "", mode or ""]
    if any(facts):
        props.append(f"DESCRIPTION:{text(', '.join(f for f in facts if f))}")
    yield from _component("VEVENT", uid, dt.datetime.fromisoformat(stamp), props)


def _when(day: dt.date, starts_at: str | None, minutes: int | None) -> list[str]:
    if not starts_at:
        return [f"DTSTART;VALUE=DATE:{_date(day)}", f"DTEND;VALUE=DATE:{_date(shift(day, 1))}", "TRANSP:TRANSPARENT"]
    hour, minute = (int(part) for part in starts_at.split(":"))
    start = dt.datetime.combine(day, dt.time(hour, minute))
    return [f"DTSTART:{start:%Y%m%dT%H%M%S}", f"DURATION:PT{minutes or 60}M"]


def _due(uid: str, stamp: dt.datetime, on: dt.date, summary: str, what: str, description: str = "") -> Iterator[str]:
    """A due date as an all-day event (calendar programs show events; most ignore a to-do's DUE)."""
    props = [f"SUMMARY:{text(summary)}", f"DTSTART;VALUE=DATE:{_date(on)}", f"DTEND;VALUE=DATE:{_date(shift(on, 1))}",
             "TRANSP:TRANSPARENT", f"CATEGORIES:mentorlog,{what},due"]  # fmt: skip
    if description:
        props.append(f"DESCRIPTION:{text(description)}")
    yield from _component("VEVENT", f"due-{uid}", stamp, props)


def _completed(done_on: dt.date | None, stamp: dt.datetime) -> list[str]:
    """When it was marked done, as the moment it was recorded (RFC 5545: a UTC date-time), if that was the
    day it was done; a day entered afterwards has no true moment, and none is made up."""
    if done_on is None or stamp.astimezone(dt.UTC).date() != done_on:
        return []
    return [f"COMPLETED:{stamp.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"]


def _next_session(r: PairRecords) -> Iterator[str]:
    """The one planned next session: from the last session's own plan, else the cadence; at the last one's
    time and length, when those were recorded."""
    last = r.last_session
    on = r.next_session_on()
    # Keyed to the pair, so a calendar moves the one event when the plan changes.
    stamp = last.updated_at if last else r.pair.updated_at
    props = [
        f"SUMMARY:{text(f'Next mentoring session: {r.pair.mentor_name} and {r.pair.mentee_name}')}",
        *_when(on, last.starts_at if last else None, last.duration_min if last else None),
        "STATUS:TENTATIVE",
        "CATEGORIES:mentorlog,session",
    ]
    if last and last.next_session_focus:
        props.append(f"DESCRIPTION:{text(last.next_session_focus)}")
    yield from _component("VEVENT", f"next-session-{r.pair.uid}", stamp, props)


def _action(item: ActionItem) -> Iterator[str]:
    props = [
        f"SUMMARY:{text(item.text)}",
        f"STATUS:{'COMPLETED' if item.done_on else 'NEEDS-ACTION'}",
        f"CATEGORIES:mentorlog,action item,{item.owner}",
    ]
    if item.due_on:
        props.append(f"DUE;VALUE=DATE:{_date(item.due_on)}")
    props += _completed(item.done_on, item.updated_at)
    yield from _component("VTODO", item.uid, item.updated_at, props)
    if item.due_on:
        yield from _due(
            item.uid, item.updated_at, item.due_on, f"Due: {item.text}", "action item", f"for the {item.owner}"
        )


def _component(name: str, uid: str, stamp: dt.datetime, props: Iterable[str]) -> Iterator[str]:
    yield f"BEGIN:{name}"
    yield f"UID:{_uid(uid)}"
    yield f"DTSTAMP:{stamp.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"
    yield from props
    yield f"END:{name}"


def _uid(uid: str) -> str:
    return f"{uid}@{DOMAIN}"


def _date(day: dt.date) -> str:
    return f"{day:%Y%m%d}"


def text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, `;` and `,` escaped, line breaks as `\\n`."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(ch for ch in value if ch in "\n\t" or not (ord(ch) < 32 or ord(ch) == 127))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next with a leading space, never inside a character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= LINE_OCTETS:
        return line
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, LINE_OCTETS
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # continuation lines start with a space
        current.append(ch)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)
