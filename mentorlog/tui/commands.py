"""The command palette (ctrl+p): every action of the app by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from mentorlog.entry_kinds import SPECS
from mentorlog.exchange import FORMATS
from mentorlog.words import listed

if TYPE_CHECKING:
    from mentorlog.tui.app import MentorlogApp


class MentorlogCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app: MentorlogApp = self.app  # type: ignore[assignment]
        if app.pair_id is None:
            return [("Open the demo", "A sample pair with three months of history", app.open_demo)]
        commands: list[tuple[str, str, Callable[[], object]]] = [
            (f"New {kind}", spec.palette, partial(app.new_entry, kind)) for kind, spec in SPECS.items()
        ]
        commands += [
            ("Live observation", "Capture a lesson as it happens, line by line (o)", app.observe),
            ("Session prep", "What the next session should pick up; start it from there (p)", app.prep),
            ("New goal", "Set a SMART goal", app.new_goal),
            ("New action item", "A next step for the mentor or the mentee", app.new_action),
            ("Go to dashboard", "The pair at a glance", partial(app.action_go, "dashboard")),
            ("Go to goals", "Goals, progress and milestones", partial(app.action_go, "goals")),
            ("Go to journal", "The timeline, filters and search", partial(app.action_go, "journal")),
            ("Go to growth", "Competency levels over time", partial(app.action_go, "growth")),
            ("Search the journal", "Full-text search of every entry", app.search_journal),
            ("Export…", f"{listed([f.title for f in FORMATS.values()])}, to a file (ctrl+e)", app.action_export),
            ("Trash", "Deleted records: restore one, or empty it (ctrl+t)", app.action_trash),
            ("Back up the journal", "A consistent copy into backups/ beside it (ctrl+b)", app.action_backup),
            ("Help: keys", "Every key on this screen", app.action_help),
        ]
        return commands

    async def discover(self) -> Hits:
        for name, help_, command in self._commands():
            yield DiscoveryHit(name, command, help=help_)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_, command in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, text=name, help=help_)
