"""A calendar heatmap: one column a week, one row a weekday, sessions marked."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Static

from mentorlog.journal.overview import DayActivity

SHADES = "·░▒▓█"


def heatmap_markup(activity: dict[dt.date, DayActivity], *, start: dt.date, today: dt.date) -> str:
    """Weeks left to right from `start` (a Monday); ● marks a day with a session."""
    weeks = (today - start).days // 7 + 1
    mondays = [start + dt.timedelta(weeks=w) for w in range(weeks)]
    months = "".join(f"{monday:%b}"[0] if monday.day <= 7 else " " for monday in mondays)
    lines = [f"[dim]    {months}[/]"]
    for weekday, name in enumerate(("Mon", "   ", "Wed", "   ", "Fri", "   ", "Sun")):
        cells = []
        for monday in mondays:
            day = monday + dt.timedelta(days=weekday)
            seen = activity.get(day)
            if day > today:
                cells.append(" ")
            elif seen and seen.sessions:
                cells.append("[b $success]●[/]")
            elif seen:
                cells.append(f"[$accent]{SHADES[min(seen.entries, len(SHADES) - 1)]}[/]")
            else:
                cells.append(f"[dim]{SHADES[0]}[/]")
        lines.append(f"[dim]{name}[/] " + "".join(cells))
    lines.append("[dim]    [/][b $success]●[/][dim] session  [/][$accent]░▒▓[/][dim] entries[/]")
    return "\n".join(lines)


class Heatmap(Static):
    def show(self, activity: dict[dt.date, DayActivity], *, start: dt.date, today: dt.date) -> None:
        self.update(heatmap_markup(activity, start=start, today=today))
