"""Charts as inline SVG for the HTML report: a handful of shapes, drawn here rather than by a library.

Why our own: the report must open with no network and no script, print on paper, and be the same
bytes for the same journal. The charting libraries that emit static SVG (matplotlib, pygal, altair
through vl-convert) each cost tens of megabytes and a second of import for five small charts, and
pygal's output wants its JavaScript for tooltips. Each chart here is a few rectangles, lines and
labels with a `viewBox`, so it scales to the page and prints crisply; text is escaped, and every
chart has a `<title>` a screen reader reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

INK, MUTED, GRID = "#1f2937", "#6b7280", "#e5e7eb"
SELF, MENTOR, BAR, TARGET = "#2563eb", "#d97706", "#0f766e", "#b91c1c"


def _svg(width: int, height: int, title: str, body: list[str], css: str = "chart") -> str:
    return (
        f'<svg class="{css}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img"'
        f' xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{"".join(body)}</svg>'
    )


def _text(x: float, y: float, text: str, *, size: int = 11, anchor: str = "start", fill: str = MUTED) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}">{escape(text)}</text>'
    )


def progress_bar(percent: float | None, title: str, *, width: int = 240) -> str:
    """A goal's progress, 0 to 100, as a filled bar with its percentage."""
    shown = max(0.0, min(100.0, percent or 0.0))
    filled = (width - 50) * shown / 100
    body = [
        f'<rect x="0" y="4" width="{width - 50}" height="12" rx="3" fill="{GRID}"/>',
        f'<rect x="0" y="4" width="{filled:.1f}" height="12" rx="3" fill="{BAR}"/>',
        _text(width - 44, 14, "—" if percent is None else f"{shown:.0f}%", fill=INK),
    ]
    return _svg(width, 20, title, body, "bar")


def line_chart(
    points: Sequence[tuple[dt.date, float]],
    title: str,
    *,
    low: float | None = None,
    high: float | None = None,
    marks: Sequence[tuple[float, str]] = (),
    width: int = 520,
    height: int = 160,
) -> str:
    """Values over time: a line with a dot per point, the axis from `low` to `high`, `marks` as dashed
    lines (a goal's baseline and target)."""
    left, right, top, bottom = 36, 12, 10, 24
    values = [v for _, v in points] + [v for v, _ in marks]
    lo = min(values) if low is None else low
    hi = max(values) if high is None else high
    if hi == lo:
        hi = lo + 1
    first, last = points[0][0], points[-1][0]
    days = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return left + (width - left - right) * ((day - first).days / days if len(points) > 1 else 0.5)

    def y(value: float) -> float:
        return top + (height - top - bottom) * (1 - (value - lo) / (hi - lo))

    body = [f'<line x1="{left}" y1="{y(lo):.1f}" x2="{width - right}" y2="{y(lo):.1f}" stroke="{GRID}"/>']
    for value in (lo, hi):
        body.append(_text(left - 6, y(value) + 4, f"{value:g}", anchor="end"))
    for value, label in marks:
        body.append(
            f'<line x1="{left}" y1="{y(value):.1f}" x2="{width - right}" y2="{y(value):.1f}" stroke="{TARGET}"'
            ' stroke-dasharray="4 3"/>'
        )
        body.append(_text(width - right, y(value) - 3, label, anchor="end", fill=TARGET, size=10))
    path = " ".join(f"{x(day):.1f},{y(value):.1f}" for day, value in points)
    body.append(f'<polyline points="{path}" fill="none" stroke="{BAR}" stroke-width="2"/>')
    body += [f'<circle cx="{x(day):.1f}" cy="{y(value):.1f}" r="3" fill="{BAR}"/>' for day, value in points]
    body.append(_text(left, height - 6, str(first)))
    if len(points) > 1:
        body.append(_text(width - right, height - 6, str(last), anchor="end"))
    return _svg(width, height, title, body)


def weekly_bars(weeks: Sequence[tuple[dt.date, int]], title: str, *, per_week: float | None = None) -> str:
    """Minutes a week as bars, with the program's weekly requirement as a dashed line."""
    width, height, left, bottom, top = 560, 170, 40, 24, 10
    shown = list(weeks)[-52:]  # a year of weeks at most: a chart, not a ledger
    peak = max([m for _, m in shown] + [per_week or 0, 60])
    step = (width - left - 8) / max(len(shown), 1)

    def y(minutes: float) -> float:
        return top + (height - top - bottom) * (1 - minutes / peak)

    body = [
        _text(left - 6, y(peak) + 4, f"{peak / 60:g} h", anchor="end"),
        _text(left - 6, y(0) + 4, "0", anchor="end"),
    ]
    body.append(f'<line x1="{left}" y1="{y(0):.1f}" x2="{width - 8}" y2="{y(0):.1f}" stroke="{GRID}"/>')
    for i, (_, minutes) in enumerate(shown):
        bar_top = y(minutes)
        body.append(
            f'<rect x="{left + i * step + 1:.1f}" y="{bar_top:.1f}" width="{max(step - 2, 1):.1f}"'
            f' height="{y(0) - bar_top:.1f}" fill="{BAR}"/>'
        )
    if per_week:
        body.append(
            f'<line x1="{left}" y1="{y(per_week):.1f}" x2="{width - 8}" y2="{y(per_week):.1f}" stroke="{TARGET}"'
            ' stroke-dasharray="4 3"/>'
        )
        body.append(_text(width - 8, y(per_week) - 3, "required a week", anchor="end", fill=TARGET, size=10))
    if shown:
        body.append(_text(left, height - 6, f"week of {shown[0][0]}"))
        body.append(_text(width - 8, height - 6, f"week of {shown[-1][0]}", anchor="end"))
    return _svg(width, height, title, body)


def growth_dumbbells(
    rows: Sequence[tuple[str, tuple[int, int] | None, tuple[int, int] | None]], levels: Sequence[str], title: str
) -> str:
    """Each competency's first and latest level by the mentee (self) and by the mentor: a line from the first
    to the latest, a dot at the latest, the two raters a row each."""
    label_width, width, row = 210, 600, 24
    scale = len(levels)
    height = 34 + row * len(rows)
    span = width - label_width - 50

    def x(level: float) -> float:
        return label_width + span * (level - 1) / max(scale - 1, 1)

    body = []
    for i, name in enumerate(levels, start=1):
        body.append(f'<line x1="{x(i):.1f}" y1="14" x2="{x(i):.1f}" y2="{height - 4}" stroke="{GRID}"/>')
        body.append(_text(x(i), 11, f"{i} {name}", anchor="middle", size=9))
    for n, (competency, own, mentor) in enumerate(rows):
        top = 24 + n * row
        body.append(_text(0, top + 14, competency[:34] + ("…" if len(competency) > 34 else ""), fill=INK))
        for offset, ends, colour in ((8, own, SELF), (18, mentor, MENTOR)):
            if ends is None:
                continue
            first, latest = ends
            body.append(
                f'<line x1="{x(first):.1f}" y1="{top + offset * 0.8}" x2="{x(latest):.1f}" y2="{top + offset * 0.8}"'
                f' stroke="{colour}" stroke-width="3"/>'
            )
            body.append(f'<circle cx="{x(latest):.1f}" cy="{top + offset * 0.8}" r="4" fill="{colour}"/>')
    return _svg(width, height, title, body)


def calendar(days: dict[dt.date, int], *, start: dt.date, end: dt.date, title: str) -> str:
    """Sessions on a calendar: a square a day, a column a week (Monday at the top), darker for more minutes."""
    first = start - dt.timedelta(days=start.weekday())
    weeks = (end - first).days // 7 + 1
    size, gap, top, left = 11, 2, 16, 4
    width, height = left + weeks * (size + gap) + 4, top + 7 * (size + gap) + 4
    body = []
    month = None
    for w in range(weeks):
        monday = first + dt.timedelta(days=7 * w)
        if monday.month != month:
            month = monday.month
            body.append(_text(left + w * (size + gap), 11, f"{monday:%b}", size=9))
        for d in range(7):
            day = monday + dt.timedelta(days=d)
            if day < start or day > end:
                continue
            minutes = days.get(day, 0)
            fill = GRID if not minutes else "#99d5cf" if minutes < 30 else "#2aa198" if minutes < 60 else BAR
            body.append(
                f'<rect x="{left + w * (size + gap)}" y="{top + d * (size + gap)}" width="{size}" height="{size}"'
                f' rx="2" fill="{fill}"><title>{day}: {minutes} min</title></rect>'
            )
    return _svg(width, height, title, body)
