"""Run in a child process by run.py: time a headless TUI from launch to its first full frames.

`python tui_probe.py SPAWNED mentorlog DB [PAIR]` or `python tui_probe.py SPAWNED minimal`; with
MENTORLOG_PROBE_FIRST=1 in the environment, only the first frame is timed (run.py's figure).
PAIR opens that pair's dashboard (`mentorlog --pair PAIR`); without it, a journal of several open
pairs opens on the caseload. SPAWNED is the parent's `time.time()` when it started this process, so the times
include the interpreter starting and every import, as a user waits for them.
Prints one JSON object.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path
from typing import Any, ClassVar

TODAY = dt.date(2026, 11, 22)
FIRST_ONLY = os.environ.get("MENTORLOG_PROBE_FIRST") == "1"
SCROLL = 1_000


async def minimal(spawned: float) -> dict[str, Any]:
    """The baselines: a minimal app's first frame, and a plain DataTable moved through 1,000 rows."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header, Static

    class Minimal(App[None]):
        BINDINGS: ClassVar = [("j", "down")]

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("hello")
            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("date", "kind", "title")
            table.add_rows([("2026-11-22", "note", f"row {n}") for n in range(SCROLL + 50)])
            table.focus()

        def action_down(self) -> None:
            self.query_one(DataTable).action_cursor_down()

    app = Minimal()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        result = {"first_frame": time.time() - spawned}
        if FIRST_ONLY:
            return result
        started = time.perf_counter()
        for _ in range(SCROLL // 50):
            await pilot.press(*(["j"] * 50))
        await pilot.pause()
        result["scroll"] = time.perf_counter() - started
        return result


async def mentorlog(spawned: float, path: Path, pair: str | None) -> dict[str, Any]:
    from textual.widgets import DataTable

    from mentorlog.db import open_journal
    from mentorlog.journal import timeline
    from mentorlog.tui.app import MentorlogApp
    from mentorlog.tui.screens.journal import PAGE

    fetched: list[int] = []
    page = timeline.page

    def counted(*args: Any, **kwargs: Any) -> Any:
        rows = page(*args, **kwargs)
        fetched.append(len(rows))
        return rows

    timeline.page = counted  # type: ignore[assignment]  # the screen reads through the module
    from mentorlog.cli.unlocking import Unlocker

    journal = open_journal(path, unlock=Unlocker())  # an encrypted journal: unlocked, as a user's would be
    app = MentorlogApp(journal, today=TODAY, pair=pair)
    result: dict[str, Any] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        result["dashboard"] = time.time() - spawned
        result["screen"] = type(app.screen).__name__  # which first frame was timed: the dashboard, the caseload
        if FIRST_ONLY:
            return result  # the process ends here: the journal closes with it
        started = time.perf_counter()
        await pilot.press("3")
        await pilot.pause()
        table = app.screen.query_one("#timeline", DataTable)
        result["journal"] = result["dashboard"] + time.perf_counter() - started
        result["journal_rows"] = table.row_count
        started = time.perf_counter()
        for _ in range(SCROLL // 50):
            await pilot.press(*(["j"] * 50))
        await pilot.pause()
        result["scroll"] = time.perf_counter() - started
        result["scroll_rows"] = table.row_count
        result["cursor"] = table.cursor_row
        result["page"] = PAGE
        result["largest_fetch"] = max(fetched, default=0)
    journal.close()
    return result


def main() -> None:
    spawned, what = float(sys.argv[1]), sys.argv[2]
    if what == "minimal":
        probe = minimal(spawned)
    else:
        probe = mentorlog(spawned, Path(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else None)
    result = asyncio.run(probe)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
