"""`mentorlog report hours`: contact time as a program reads it, in text, Markdown, CSV or JSON.

Two documents, both read through the read model (document.py), so private sessions count only
when asked for:

- the report: minutes per week and per month, by mode and by activity, the running total and
  the average per week, against the program's requirement;
- the log (`--log`), what a district keeps: each session's date, start, minutes, mode and
  activities, and nothing of what was said, with lines to sign when it is printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

from mentorlog.exchange.document import Document
from mentorlog.rules.contact import ContactTime, Session, minutes_words
from mentorlog.words import plural

REPORT_FORMATS = ("text", "markdown", "csv")
SIGNATURES = ("Mentor", "Mentee", "Program coordinator")


def title(doc: Document) -> str:
    pair = doc.options.pair
    return f"{pair.mentor_name} & {pair.mentee_name}"


def shape(doc: Document, *, log: bool) -> dict[str, Any]:
    """The report (or the log) as `--json` prints it: a stable shape, minutes as whole numbers."""
    c, pair = doc.contact, doc.options.pair
    found: dict[str, Any] = {
        "pair": {"id": pair.id, "mentor": pair.mentor_name, "mentee": pair.mentee_name, "program": pair.program},
        "from": c.start.isoformat(),
        "to": c.end.isoformat(),
        "private_included": doc.options.scope.include_private,
        "total_minutes": c.total,
        "sessions": c.sessions,
        "sessions_without_minutes": c.untimed,
    }
    if log:
        found["log"] = [
            {"date": s.on.isoformat(), "start": s.starts_at, "minutes": s.minutes, "mode": s.mode,
             "activities": list(s.activities), "group": s.group}
            for s in doc.sessions
        ]  # fmt: skip
        return found
    found |= {
        "average_minutes_per_week": round(c.average_per_week, 1),
        "group_minutes": c.group_minutes,
        "weeks": [{"week": w.isoformat(), "minutes": m} for w, m in c.weeks],
        "months": [{"month": f"{m:%Y-%m}", "minutes": n} for m, n in c.months],
        "by_mode": [{"mode": mode, "minutes": n} for mode, n in c.by_mode],
        "by_activity": [{"activity": a, "minutes": n} for a, n in c.by_activity],
        "requirement": _requirement(doc),
        "summary": c.line(),
    }
    return found


def _requirement(doc: Document) -> dict[str, Any] | None:
    r, standing = doc.options.requirement, doc.contact.standing
    if standing is None:
        return None
    return {
        "hours_per_week": r.per_week,
        "hours_total": r.total,
        "from": r.start.isoformat() if r.start else None,
        "to": r.end.isoformat() if r.end else None,
        "required_minutes_by_now": round(standing.required),
        "behind_minutes": round(standing.behind),
        "on_track": not standing.behind,
        "catch_up_minutes_per_week": None if standing.catch_up_per_week is None else round(standing.catch_up_per_week),
        "words": standing.words,
    }


def write(doc: Document, out: TextIO, *, fmt: str, log: bool) -> None:
    """The report (or the log) in `fmt`: text, markdown or csv (`shape` is the JSON's)."""
    if fmt == "csv":
        from mentorlog.exchange import csv_format

        if log:
            csv_format.write(out, LOG_HEADER, log_rows(doc.sessions))
        else:
            csv_format.write(out, WEEK_HEADER, week_rows(doc.contact))
    else:
        lines = (_log_lines if log else _report_lines)(doc, markdown=fmt == "markdown")
        for line in lines:
            out.write(line + "\n")


LOG_HEADER = ("date", "start", "minutes", "mode", "activities", "group")
WEEK_HEADER = ("week", "week_end", "minutes", "hours", "running_total_minutes")


def log_rows(sessions: Iterable[Session]) -> Iterator[tuple[Any, ...]]:
    for s in sessions:
        yield (s.on, s.starts_at, s.minutes, s.mode, s.activities, s.group)


def week_rows(c: ContactTime) -> Iterator[tuple[Any, ...]]:
    running = 0
    for week, minutes in c.weeks:
        running += minutes
        yield (week, min(week + dt.timedelta(days=6), c.end), minutes, round(minutes / 60, 2), running)


def _private_note(doc: Document) -> str:
    if doc.options.scope.include_private:
        return "Private sessions: included."
    return "Private sessions: left out (report with --include-private to count them)."


def _named(doc: Document, *, markdown: bool) -> str:
    if not markdown:
        return title(doc)
    from mentorlog.exchange.md_text import inline

    return inline(title(doc), line_start=False)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], *, markdown: bool) -> Iterator[str]:
    if markdown:
        from mentorlog.exchange.md_text import table

        yield table(tuple(header), [tuple(row) for row in rows]).rstrip("\n")
    else:
        yield from _columns(header, rows)


def _report_lines(doc: Document, *, markdown: bool) -> Iterator[str]:
    c = doc.contact
    name = _named(doc, markdown=markdown)
    yield f"# Contact time: {name}" if markdown else f"Contact time: {name}"
    yield ""
    yield f"{c.start} to {c.end}: {c.summary()}."
    if c.group_minutes:
        yield f"Of which in group sessions: {minutes_words(c.group_minutes)}."
    yield _private_note(doc)
    running = 0
    month_rows: list[tuple[str, ...]] = []
    for month, minutes in c.months:
        running += minutes
        month_rows.append((f"{month:%Y-%m}", minutes_words(minutes), minutes_words(running)))
    week_rows_: list[tuple[str, ...]] = []
    running = 0
    for week, minutes in c.weeks:
        running += minutes
        week_rows_.append((str(week), minutes_words(minutes), minutes_words(running)))
    sections: list[tuple[str, Sequence[str], Sequence[Sequence[str]]]] = [
        ("Per month", ("Month", "Time", "Running total"), month_rows),
        ("By mode", ("Mode", "Time"), [(mode, minutes_words(n)) for mode, n in c.by_mode]),
        ("By activity", ("Activity", "Time"), [(a, minutes_words(n)) for a, n in c.by_activity]),
        ("Per week (from Monday)", ("Week of", "Time", "Running total"), week_rows_),
    ]
    for heading, header, rows in sections:
        yield ""
        yield f"## {heading}" if markdown else heading
        yield ""
        if not rows:
            yield "None recorded."
        else:
            yield from _table(header, rows, markdown=markdown)


def _columns(header: Sequence[str], rows: Sequence[Sequence[str]]) -> Iterator[str]:
    """Aligned columns: one format made for the table, then a call a row (a 36-year pair has 1,900 weeks)."""
    widths = [max(map(len, column)) for column in zip(header, *rows, strict=True)]
    line = "  " + "  ".join(f"{{:<{width}}}" for width in widths[:-1]) + ("  {}" if len(widths) > 1 else "{}")
    for row in (header, *rows):
        yield line.format(*row).rstrip()


def _log_lines(doc: Document, *, markdown: bool) -> Iterator[str]:
    c, pair = doc.contact, doc.options.pair
    name = _named(doc, markdown=markdown)
    yield f"# Mentoring log: {name}" if markdown else f"Mentoring log: {name}"
    yield ""
    yield f"Program: {pair.program}. Period: {c.start} to {c.end}. Dates, times and activities only."
    yield _private_note(doc)
    yield ""
    header = ("Date", "Start", "Minutes", "Mode", "Activities")
    rows = [
        (str(s.on), s.starts_at or "", str(s.minutes or ""), s.mode or "", "; ".join(s.activities))
        for s in doc.sessions
    ]
    if not rows:
        yield "No sessions in this period."
    else:
        yield from _table(header, rows, markdown=markdown)
    yield ""
    yield f"Total: {minutes_words(c.total)} in {plural(c.sessions, 'session')}."
    for who in SIGNATURES:
        yield ""
        line = f"{who}: ______________________________   Date: ____________"
        yield line.replace("_", "\\_") if markdown else line
