"""The command palette (ctrl+p): every action of the app by name.

What can be done on the screen the palette was opened from is read from its bindings (tui.keys,
the one source help reads too); to that come the few commands no key holds everywhere (a new entry
of each kind, the journal's search from any screen, the demo).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from mentorlog.entry_kinds import SPECS
from mentorlog.tui.keys import actions_elsewhere, actions_of

if TYPE_CHECKING:
    from mentorlog.tui.app import MentorlogApp

Command = tuple[str, str, Callable[[], object]]  # name, what it does (its key), how to run it


class MentorlogCommands(Provider):
    def _commands(self) -> list[Command]:
        app: MentorlogApp = self.app  # type: ignore[assignment]
        if app.pair_id is None:
            return [("Open the demo", "A sample pair with three months of history", app.open_demo)]
        commands: list[Command] = [
            (f"New {kind}", spec.palette, partial(app.new_entry, kind)) for kind, spec in SPECS.items()
        ]
        commands.append(("Search the journal", "Full-text search of every entry", app.search_journal))
        commands += [(action.name, f"key: {action.key}", action.run) for action in actions_of(self.screen)]
        here = app.current_mode if app.screen_stack and self.screen is app.screen_stack[0] else None
        commands += [(action.name, f"key: {action.key} there", action.run) for action in actions_elsewhere(app, here)]
        return list({name: (name, help_, run) for name, help_, run in reversed(commands)}.values())[::-1]

    async def discover(self) -> Hits:
        for name, help_, command in self._commands():
            yield DiscoveryHit(name, command, help=help_)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_, command in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, text=name, help=help_)
