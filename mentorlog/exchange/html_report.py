"""HTML report: one self-contained file a program coordinator reads, forwards and prints (PRODUCT.md §5).

No network and no script: the styles are inline, the charts inline SVG (svg_charts.py), so the file
opens the same from an email, a USB stick or a shared drive, and prints on A4 and Letter (each
section starts a page and keeps its figures whole). Everything is read through the read model
(document.py), so private entries, and what hangs off them, are in it only when asked for. Every
piece of user text is escaped: a title reads exactly as typed, never as markup.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from html import escape
from typing import TextIO

from mentorlog.exchange import svg_charts
from mentorlog.exchange.document import Document, read
from mentorlog.exchange.options import ExportOptions
from mentorlog.kinds import REASON_WORDS, EntryKind, GoalStatus
from mentorlog.rules.contact import minutes_words
from mentorlog.words import plural

STYLE = """
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1f2937;
       max-width: 50rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; border-bottom: 2px solid #0f766e; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
.sub { color: #6b7280; margin: 0 0 1rem; }
.facts { list-style: none; padding: 0; }
.facts li { margin: .15rem 0; }
.status { font-weight: 600; }
.behind { color: #b91c1c; } .ok { color: #0f766e; }
table { border-collapse: collapse; width: 100%; font-size: .95em; }
th, td { text-align: left; padding: .25rem .4rem; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
svg { max-width: 100%; height: auto; display: block; margin: .4rem 0; }
svg.bar { display: inline-block; vertical-align: middle; margin: 0; }
.legend span { display: inline-block; margin-right: 1rem; }
.key { display: inline-block; width: .8em; height: .8em; border-radius: 50%; margin-right: .3em; }
.goal { break-inside: avoid; page-break-inside: avoid; }
footer { color: #6b7280; font-size: .85em; margin-top: 2rem; }
@page { margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  section { break-before: page; page-break-before: always; }
  section:first-of-type { break-before: auto; page-break-before: auto; }
  svg, tr, .goal { break-inside: avoid; page-break-inside: avoid; }
  .goal svg.chart { max-height: 26mm; width: auto; }
  h3 { margin: .5rem 0 .1rem; } p { margin: .3rem 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
}
"""

# A report, not a ledger: the most a section lists, so each prints on a page.
MOST_GOALS = 8
MOST_ACTIONS = 20
CALENDAR_DAYS = 7 * 26


def export(connection: sqlite3.Connection, options: ExportOptions, out: TextIO) -> None:
    with read(connection, options) as doc:
        for chunk in report(doc):
            out.write(chunk)


def report(doc: Document) -> Iterator[str]:
    r, o = doc.records, doc.options
    pair = r.pair
    names = f"{pair.mentor_name} and {pair.mentee_name}"
    yield '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    yield '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    yield "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
    yield f"<title>Mentoring report: {escape(names)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    yield f"<h1>Mentoring report: {escape(names)}</h1>\n"
    yield f'<p class="sub">{escape(pair.program)} · prepared on {o.today} with mentorlog</p>\n'
    for section in (_overview, _contact, _goals, _growth, _confidence, _calendar, _actions, _closing):
        yield from section(doc)
    yield "<footer>" + escape(_privacy(doc)) + "</footer>\n</body>\n</html>\n"


def _privacy(doc: Document) -> str:
    if doc.options.scope.include_private:
        return "This report includes private entries."
    left = doc.records.private_left_out
    return f"Private entries are not in this report ({left} left out)." if left else "No entry is private."


def _section(title: str, body: str, css: str = "") -> str:
    return f"<section{f' class={css!r}' if css else ''}>\n<h2>{escape(title)}</h2>\n{body}</section>\n"


def _overview(doc: Document) -> Iterator[str]:
    r, scope = doc.records, doc.options.scope
    pair = r.pair
    period = f"{scope.start or pair.started_on} to {scope.end or pair.ended_on or doc.options.today}"
    statuses = Counter(goal.status for goal in r.goals)
    facts = [
        f"Mentor: {pair.mentor_name}; mentee: {pair.mentee_name}",
        f"Started on {pair.started_on}; a session planned every {plural(pair.cadence_days, 'day')}"
        + (f"; ended on {pair.ended_on}" if pair.ended_on else ""),
        f"Period of this report: {period}",
        f"Sessions held: {r.sessions}"
        + (f"; last on {r.last_session.on}" if r.last_session else "")
        + (f"; next planned {r.next_session_on()}" if not pair.ended_on else ""),
        "Goals: " + (", ".join(f"{n} {status}" for status, n in statuses.items()) if statuses else "none yet"),
    ]
    body = '<ul class="facts">' + "".join(f"<li>{escape(fact)}</li>" for fact in facts) + "</ul>\n"
    if pair.agreement:
        body += f"<h3>Agreement</h3>\n<p>{_paragraphs(pair.agreement)}</p>\n"
    yield _section("Overview", body)


def _contact(doc: Document) -> Iterator[str]:
    c = doc.contact
    standing = c.standing
    css = "" if standing is None else "behind" if standing.behind else "ok"
    body = f'<p class="status {css}">{escape(c.line())}</p>\n'
    if c.weeks:
        per_week = doc.options.requirement.per_week
        body += svg_charts.weekly_bars(c.weeks, "Contact time per week", per_week=per_week and per_week * 60)
    rows = [(f"{m:%B %Y}", minutes_words(n)) for m, n in c.months]
    body += _table(("Month", "Contact time"), rows)
    if c.by_activity:
        body += "<h3>What the sessions did</h3>\n" + _table(
            ("Activity", "Time"), [(a, minutes_words(n)) for a, n in c.by_activity]
        )
    yield _section("Contact time", body)


def _goals(doc: Document) -> Iterator[str]:
    r, today = doc.records, doc.options.today
    shown = [g for g in r.goals if g.status != GoalStatus.DRAFT][:MOST_GOALS]
    if not shown:
        yield _section("Goals", "<p>No goals set yet.</p>\n")
        return
    parts = []
    for goal in shown:
        view = r.view(goal, today)
        if view.met is not None:
            progress = "met" if view.met else "not met yet"
        else:
            progress = "no progress recorded" if view.percent is None else f"{view.percent:.0f}%"
        facts = (
            [goal.status] + ([f"due {goal.due_on}"] if goal.due_on else []) + ([str(view.pace)] if view.pace else [])
        )
        part = f'<div class="goal"><h3>{escape(goal.title)}</h3>\n<p>{escape(" · ".join(facts))} · {escape(progress)}'
        if view.met is None:
            part += " " + svg_charts.progress_bar(view.percent, f"Progress of {goal.title}")
        part += "</p>\n"
        if goal.specific:
            part += f"<p>{escape(goal.specific)}</p>\n"
        points = [(u.on, u.value) for u in view.updates]
        if len(points) > 1 and view.met is None:
            marks = [(v, label) for v, label in ((goal.baseline, "baseline"), (goal.target, "target")) if v is not None]
            part += svg_charts.line_chart(points, f"Progress of {goal.title} over time", marks=marks, height=110)
        parts.append(part + "</div>\n")
    more = len([g for g in r.goals if g.status != GoalStatus.DRAFT]) - len(shown)
    tail = f"<p>{plural(more, 'more goal')} in the journal.</p>\n" if more > 0 else ""
    yield _section("Goals", "".join(parts) + tail)


def _growth(doc: Document) -> Iterator[str]:
    rows = []
    for row in doc.growth:
        own = (row.self_levels[0][1], row.self_levels[-1][1]) if row.self_levels else None
        mentor = (row.mentor_levels[0][1], row.mentor_levels[-1][1]) if row.mentor_levels else None
        if own or mentor:
            rows.append((row.competency, own, mentor))
    if not rows:
        yield _section("Competency growth", "<p>No assessments yet.</p>\n")
        return
    levels = tuple(doc.options.pair.rubric_levels)
    legend = (
        f'<p class="legend"><span><i class="key" style="background:{svg_charts.SELF}"></i>the mentee (self)</span>'
        f'<span><i class="key" style="background:{svg_charts.MENTOR}"></i>the mentor</span>'
        " each line from the first assessment to the latest (the dot)</p>\n"
    )
    yield _section("Competency growth", legend + svg_charts.growth_dumbbells(rows, levels, "Competency growth"))


def _confidence(doc: Document) -> Iterator[str]:
    points = [(on, float(level)) for on, level in doc.confidence]
    if not points:
        yield _section("Confidence", "<p>No reflection has rated confidence yet.</p>\n")
        return
    words = f"From {points[0][1]:g} to {points[-1][1]:g} of 5 over {plural(len(points), 'reflection')}."
    chart = svg_charts.line_chart(points, "The mentee's confidence, 1 to 5", low=1, high=5)
    yield _section("Confidence", f"<p>{escape(words)}</p>\n{chart}")


def _calendar(doc: Document) -> Iterator[str]:
    c = doc.contact
    days: dict[dt.date, int] = {}
    for s in doc.sessions:
        days[s.on] = days.get(s.on, 0) + (s.minutes or 1)
    start = max(c.start, c.end - dt.timedelta(days=CALENDAR_DAYS))
    held = sum(1 for day in days if day >= start)
    body = f"<p>{held} session days from {start} to {c.end}; darker for longer sessions.</p>\n"
    body += svg_charts.calendar(days, start=start, end=c.end, title="Sessions on the calendar")
    yield _section("Sessions", body)


def _actions(doc: Document) -> Iterator[str]:
    today = doc.options.today
    open_items = sorted((a for a in doc.records.actions if a.done_on is None),
                        key=lambda a: (a.due_on is None, a.due_on or today, a.id))  # fmt: skip
    if not open_items:
        yield _section("Open action items", "<p>None open.</p>\n")
        return
    rows = [
        (a.text, a.owner, "" if a.due_on is None else f"{a.due_on}" + (" (overdue)" if a.due_on < today else ""))
        for a in open_items[:MOST_ACTIONS]
    ]
    more = len(open_items) - len(rows)
    tail = f"<p>{plural(more, 'more open item')} in the journal.</p>\n" if more > 0 else ""
    yield _section("Open action items", _table(("Action item", "Whose", "Due"), rows) + tail)


def _closing(doc: Document) -> Iterator[str]:
    closing, pair = doc.closing, doc.records.pair
    if closing is None:
        return
    reason = REASON_WORDS.get(pair.end_reason, pair.end_reason or "no reason given")
    body = f"<p>Closed on {pair.ended_on}: {escape(str(reason))}.</p>\n"
    for on, kind, rater, title, achieved, next_step in closing.entries:
        if kind == EntryKind.ASSESSMENT:
            who = "The mentee's self-assessment" if rater == "self" else "The mentor's assessment"
            body += f"<p>{who} of {on}: {escape(title)}</p>\n"
        elif kind == EntryKind.REFLECTION:
            if achieved:
                body += f"<h3>What we achieved</h3>\n<p>{_paragraphs(achieved)}</p>\n"
            if next_step:
                body += f"<h3>What comes next</h3>\n<p>{_paragraphs(next_step)}</p>\n"
    yield _section("Closing summary", body)


def _paragraphs(text: str) -> str:
    return "<br>\n".join(escape(line) for line in text.splitlines())


def _table(header: tuple[str, ...], rows: Sequence[Sequence[object]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>\n" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n"
