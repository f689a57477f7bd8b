"""iCalendar export (RFC 5545): the next session as an event; goals, milestones and action items as to-dos.

Written by hand rather than with a library: the subset is small, and the CLI
should not pay an import for it. UIDs come from record uids, and DTSTAMP from
the record's `updated_at`, so exporting twice gives the same file and a
calendar that imported the first one updates its items instead of doubling them.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TextIO

from mentorlog.exchange.options import ExportOptions
from mentorlog.exchange.document import PairRecords, read
from mentorlog.kinds import GoalStatus
from mentorlog.rules.calendar import shift

if TYPE_CHECKING:
    from mentorlog.models import ActionItem

PRODID = "-//mentorlog//mentorlog//EN"
DOMAIN = "mentorlog"
LINE_OCTETS = 75


def export(connection: sqlite3.Connection, options: ExportOptions, out: TextIO) -> None:
    with read(connection, options) as doc:
        for line in calendar(doc.records, options):
            out.write(fold(line) + "\r\n")


def calendar(r: PairRecords, options: ExportOptions) -> Iterator[str]:
    pair = r.pair
    yield from ("BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN")
    yield f"X-WR-CALNAME:{text(f'Mentoring: {pair.mentor_name} and {pair.mentee_name}')}"
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
        if goal.achieved_on:
            props.append(f"COMPLETED:{_date(goal.achieved_on)}T000000Z")
        yield from _component("VTODO", goal.uid, goal.updated_at, props)
        for milestone in view.milestones:
            props = [
                f"SUMMARY:{text(f'Milestone: {milestone.title}')}",
                f"STATUS:{'COMPLETED' if milestone.done_on else 'NEEDS-ACTION'}",
                f"RELATED-TO:{_uid(goal.uid)}",
                "CATEGORIES:mentorlog,milestone",
            ]
            if milestone.due_on:
                props.append(f"DUE;VALUE=DATE:{_date(milestone.due_on)}")
            if milestone.done_on:
                props.append(f"COMPLETED:{_date(milestone.done_on)}T000000Z")
            yield from _component("VTODO", milestone.uid, milestone.updated_at, props)
    for item in r.actions:
        yield from _action(item)
    yield "END:VCALENDAR"


def _next_session(r: PairRecords) -> Iterator[str]:
    """The one planned next session: from the last session's own plan, else the cadence."""
    last = r.last_session
    on = r.next_session_on()
    # Keyed to the pair, so a calendar moves the one event when the plan changes.
    stamp = last.updated_at if last else r.pair.updated_at
    props = [
        f"SUMMARY:{text(f'Mentoring session: {r.pair.mentor_name} and {r.pair.mentee_name}')}",
        f"DTSTART;VALUE=DATE:{_date(on)}",
        f"DTEND;VALUE=DATE:{_date(shift(on, 1))}",
        "TRANSP:TRANSPARENT",
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
    if item.done_on:
        props.append(f"COMPLETED:{_date(item.done_on)}T000000Z")
    yield from _component("VTODO", item.uid, item.updated_at, props)


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
