"""Markdown export: one readable document per pair (PRODUCT.md §5).

The outline is fixed: `#` title, then `## Overview`, `## Goals`, `## Timeline`,
`## Growth` and `## Action items`; each goal and each entry is a `###` heading
starting with its goal number or ISO date. Every piece of user text goes through
md_text, so nothing typed can add to or break that outline or a table.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from mentorlog.entry_kinds import SPECS
from mentorlog.exchange import md_timeline
from mentorlog.exchange.document import Closing, Document, PairRecords, read
from mentorlog.exchange.md_text import block, inline, table
from mentorlog.exchange.options import ExportOptions
from mentorlog.journal.goal_view import GoalView
from mentorlog.kinds import REASON_WORDS, EntryKind
from mentorlog.rules import health
from mentorlog.rules.contact import ContactTime
from mentorlog.rules.growth import CompetencyGrowth
from mentorlog.rules.health import Health
from mentorlog.rules.progress import sparkline
from mentorlog.words import plural

if TYPE_CHECKING:
    from mentorlog.models import ActionItem, Milestone

DOCUMENT_SECTIONS = ("Overview", "Relationship health", "Goals", "Timeline", "Growth", "Action items")
CLOSED_SECTIONS = (*DOCUMENT_SECTIONS, "Closing")  # a closed pair's document ends with its closing


def export(connection: sqlite3.Connection, options: ExportOptions, out: TextIO) -> None:
    with read(connection, options) as doc:  # the records and the figures from one moment of the journal
        for chunk in document(doc, doc.timeline(options.order), options):
            out.write(chunk)


def document(doc: Document, timeline: Sequence[Any], options: ExportOptions) -> Iterable[str]:
    """The document in pieces, each ending with a blank line, so a long journal streams out."""
    r = doc.records
    pair = r.pair
    views = [r.view(goal, options.today) for goal in r.goals]
    mentor, mentee = inline(pair.mentor_name, line_start=False), inline(pair.mentee_name, line_start=False)
    yield f"# Mentoring journal: {mentor} and {mentee}\n\n"
    yield "## Overview\n\n"
    yield from _overview(r, views, options)
    yield "## Relationship health\n\n"
    yield from _health(r, doc.health, doc.contact_totals)
    yield "## Goals\n\n"
    if not views:
        yield "No goals set yet.\n\n"
    for view in views:
        yield from _goal(view, r)
    yield "## Timeline\n\n"
    if not timeline:
        yield "No entries in this export.\n\n"
    # Newest first, as the journal screen shows it, unless the export was asked for oldest first.
    tick = options.ticker(len(timeline)).tick
    yield from md_timeline.sections(timeline, doc.links, tick, lambda item: _action_line(item, options.today))
    yield "## Growth\n\n"
    yield from _growth(doc.growth, tuple(options.pair.rubric_levels))
    yield "## Action items\n\n"
    yield from _actions(r, options.today)
    if doc.closing is not None:
        yield "\n## Closing\n\n"
        yield from _closed(r, views, doc.closing)


def _closed(r: PairRecords, views: list[GoalView], closing: Closing) -> Iterable[str]:
    """How the pairing ended: when and why, its final assessments, its closing reflection, its goals at the end."""
    pair = r.pair
    reason = REASON_WORDS.get(pair.end_reason, inline(pair.end_reason or "no reason given", line_start=False))
    statuses = Counter(view.goal.status for view in views)
    facts = [
        f"Closed on {pair.ended_on}: {reason}",
        "Goals at the close: " + (", ".join(f"{n} {s}" for s, n in statuses.items()) if statuses else "none"),
    ]
    for on, kind, rater, title, _, _ in closing.entries:
        if kind == EntryKind.ASSESSMENT:
            who = "the mentee's self-assessment" if rater == "self" else "the mentor's assessment"
            facts.append(f"Final assessment: {who} of {on} ({inline(title, line_start=False)})")
    yield "".join(f"- {fact}\n" for fact in facts) + "\n"
    for on, kind, _, _, achieved, next_step in closing.entries:
        if kind == EntryKind.REFLECTION:
            if achieved:
                yield f"**What we achieved** ({on})\n\n{block(achieved)}\n\n"
            if next_step:
                yield f"**What comes next**\n\n{block(next_step)}\n\n"


def _overview(r: PairRecords, views: list[GoalView], options: ExportOptions) -> Iterable[str]:
    pair, scope = r.pair, options.scope
    kinds, last = r.kinds, r.last_session
    next_on = r.next_session_on()
    statuses = Counter(view.goal.status for view in views)
    if scope.start or scope.end:
        period = f"{scope.start or 'the start'} to {scope.end or 'today'}"
    else:
        period = "the whole journal"
    facts = [
        f"Mentor: {inline(pair.mentor_name, line_start=False)}; mentee: {inline(pair.mentee_name, line_start=False)}; "
        f"program: {inline(pair.program, line_start=False)}",
        f"Started on {pair.started_on}; sessions planned every {plural(pair.cadence_days, 'day')}"
        + (f"; ended on {pair.ended_on}" if pair.ended_on else ""),
        f"Period: {period}",
        f"Entries: {r.entries}" + (f" ({_kind_counts(kinds)})" if kinds else ""),
        f"Sessions held: {r.sessions}" + (f"; last on {last.on}" if last else "") + f"; next planned {next_on}",
        "Goals: " + (", ".join(f"{n} {status}" for status, n in statuses.items()) if statuses else "none"),
    ]
    if scope.include_private:
        facts.append("Private entries: included (this document holds private entries)")
    else:
        facts.append(
            f"Private entries: {r.private_left_out} left out (export with --include-private to include them)"
            if r.private_left_out
            else "Private entries: none left out (there are none)"
        )
    facts.append(f"Exported on {options.today} by mentorlog")
    yield "".join(f"- {fact}\n" for fact in facts) + "\n"
    if pair.agreement:
        yield f"**Agreement**\n\n{block(pair.agreement)}\n\n"


def _health(r: PairRecords, figures: Health, contact: ContactTime) -> Iterable[str]:
    lines = [*health.describe(figures, cadence_days=r.pair.cadence_days), contact.line()]
    yield "".join(f"- {line}\n" for line in lines) + "\n"
    if figures.months:
        rows = [
            (f"{m.first_day:%Y-%m}", str(m.held), f"{m.planned:.1f}", health.heat(m).strip()) for m in figures.months
        ]
        yield "**Sessions against the cadence**\n\n" + table(("Month", "Held", "Planned", ""), rows) + "\n"


def _kind_counts(kinds: dict[str, int]) -> str:
    counted = [(n, k) for k in SPECS if (n := kinds.get(k, 0))]
    return ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for n, k in counted)


def _goal(view: GoalView, r: PairRecords) -> Iterable[str]:
    goal = view.goal
    yield f"### Goal {goal.id}: {inline(goal.title, line_start=False)}\n\n"
    status, kind = inline(goal.status, line_start=False), inline(goal.kind, line_start=False)
    facts = [f"Status: {status}" + (f" on {goal.achieved_on}" if goal.achieved_on else "")]
    facts.append(f"Kind: {kind}; set on {goal.set_on}" + (f"; due {goal.due_on}" if goal.due_on else ""))
    if view.met is not None:
        facts.append(f"Progress: {'met' if view.met else 'not met'}")
    elif view.percent is not None:
        spark = sparkline([u.value for u in view.updates])
        pace = f" ({view.pace})" if view.pace else ""
        facts.append(f"Progress: {view.percent:.0f}%{pace}" + (f" {spark}" if spark else ""))
    facts.append("SMART: " + view.smart.badge())  # the check, not its hints: advice is for the app
    if goal.measure or goal.target is not None:
        unit = f" {inline(goal.unit, line_start=False)}" if goal.unit else ""
        span = f"{_num(goal.target)}{unit}" if goal.target is not None else ""
        if span and goal.baseline is not None:
            span = f"{_num(goal.baseline)}{unit} → {span}"
        measure = inline(goal.measure, line_start=False)
        facts.append(f"Measure: {measure}{'; ' if measure and span else ''}{span}")
    if goal.competency:
        facts.append(f"Competency: {inline(goal.competency, line_start=False)}")
    yield "".join(f"- {fact}\n" for fact in facts) + "\n"
    for label, text in (("Specific", goal.specific), ("Achievable", goal.achievable), ("Relevant", goal.relevant)):
        if text:
            yield f"**{label}**\n\n{block(text)}\n\n"
    if view.milestones:
        yield "**Milestones**\n\n" + "".join(_milestone(m) for m in view.milestones) + "\n"
    if view.updates:
        rows = [
            (str(u.on), f"{_num(u.value)} {goal.unit}".strip(), f"{u.confidence}/5" if u.confidence else "", u.note)
            for u in view.updates
        ]
        yield "**Progress**\n\n" + table(("Date", "Value", "Confidence", "Note"), rows) + "\n"


def _milestone(m: Milestone) -> str:
    when = f" (done {m.done_on})" if m.done_on else f" (due {m.due_on})" if m.due_on else ""
    return f"- [{'x' if m.done_on else ' '}] {inline(m.title)}{when}\n"


def _growth(growth: list[CompetencyGrowth], levels: tuple[str, ...]) -> Iterable[str]:
    rows = [row for row in growth if row.self_levels or row.mentor_levels]
    if not rows:
        yield "No assessments in this export.\n\n"
        return
    body = [
        (
            row.competency,
            _series(row.self_levels),
            _signed(row.self_change),
            _series(row.mentor_levels),
            _signed(row.mentor_change),
            _signed(row.gap),
        )
        for row in rows
    ]
    header = ("Competency", "Self: first → latest", "Change", "Mentor: first → latest", "Change", "Gap (self − mentor)")
    scale = ", ".join(f"{i} {inline(name, line_start=False)}" for i, name in enumerate(levels, start=1))
    yield f"Levels: {scale}.\n\n" + table(header, body) + "\n"


def _series(levels: Sequence[tuple[dt.date, int]]) -> str:
    if not levels:
        return ""
    first, latest = levels[0][1], levels[-1][1]
    return f"{first}" if len(levels) == 1 else f"{first} → {latest}"


def _signed(value: int | None) -> str:
    return "" if value is None else f"{value:+d}"


def _actions(r: PairRecords, today: dt.date) -> Iterable[str]:
    open_items = sorted(
        (a for a in r.actions if a.done_on is None),
        key=lambda a: (a.due_on is None, a.due_on or dt.date.max, a.created_at),
    )
    done = sum(1 for a in r.actions if a.done_on is not None)
    if not open_items:
        yield "No open action items.\n\n"
    else:
        yield "".join(_action_line(item, today) for item in open_items) + "\n"
    if done:
        yield f"{done} done action item{'s' if done != 1 else ''} not listed.\n"


def _action_line(item: ActionItem, today: dt.date) -> str:
    parts = [inline(item.owner, line_start=False)]
    if item.done_on:
        parts.append(f"done {item.done_on}")
    elif item.due_on:
        parts.append(f"due {item.due_on}" + (", overdue" if item.due_on < today else ""))
    return f"- [{'x' if item.done_on else ' '}] {inline(item.text)} ({', '.join(parts)})\n"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"
