"""What the user can do where they are, by name: one list, read from the bindings, for help and the palette.

Every binding of mentorlog's has an id (`journal.undo`), a short description for the footer and,
where the description is terse, a tooltip that names the action in full ("Undo the last edit of
the entry"). Help (? and F1) and the command palette (ctrl+p) both read `actions_of(screen)`: the
bindings active on that screen now (the app's, the screen's, the focused widget's; hidden ones
too, disabled ones not), mentorlog's own only, so Textual's internals ("Page Left", "Focus Next")
never show. A key remapped in config.toml shows as remapped, since Textual applies a keymap to
the bindings themselves.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple

from textual.binding import Binding
from textual.screen import Screen

if TYPE_CHECKING:
    from mentorlog.tui.app import MentorlogApp

# Moving in a list is what every list does: not an action to find by name.
MOVING = frozenset({"move", "list_move"})


class Action(NamedTuple):
    id: str
    key: str  # as the footer shows it
    name: str  # the action in full
    run: Callable[[], object]


def actions_of(screen: Screen[Any]) -> list[Action]:
    """The actions bound on `screen` now, in the order their bindings were declared, each once."""
    app = screen.app
    found: dict[str, Action] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.id or not active.enabled or not binding.description:
            continue
        if binding.action.split("(")[0] in MOVING:
            continue
        name = binding.tooltip or binding.description
        if name in found:
            continue
        shown = binding.key_display or app.get_key_display(binding) or key
        found[name] = Action(binding.id, shown, name, partial(app.run_action, binding.action, active.node))
    return list(found.values())


# The main screens, by mode: (module, class, title). Their own bindings are found from anywhere.
MAIN_SCREENS = {
    "dashboard": ("dashboard", "DashboardScreen", "Dashboard"),
    "goals": ("goals", "GoalsScreen", "Goals"),
    "journal": ("journal", "JournalScreen", "Journal"),
    "growth": ("growth", "GrowthScreen", "Growth"),
}


def actions_elsewhere(app: MentorlogApp, here: str | None) -> list[Action]:
    """The actions of the other main screens (`Goals: Record progress on the goal`): run from anywhere,
    they go to that screen first, then do it there, on what is selected there."""
    found = []
    for mode, (module, name, title) in MAIN_SCREENS.items():
        if mode == here:
            continue
        screen_class = getattr(importlib.import_module(f"mentorlog.tui.screens.{module}"), name)
        for binding in screen_class.__dict__.get("BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.id or binding.action.split("(")[0] in MOVING:
                continue
            key = binding.key_display or app.get_key_display(binding)
            found.append(Action(binding.id, key, f"{title}: {binding.tooltip or binding.description}",
                                partial(_there, app, mode, binding.action)))  # fmt: skip
    return found


def _there(app: MentorlogApp, mode: str, action: str) -> None:
    app.action_go(mode)
    app.call_after_refresh(lambda: app.run_action(action, app.screen))


def binding_ids() -> set[str]:
    """Every binding id of mentorlog's screens and widgets (what a [keymap] in config.toml can name)."""
    import pkgutil

    import mentorlog.tui

    found: set[str] = set()
    for module in pkgutil.walk_packages(mentorlog.tui.__path__, "mentorlog.tui."):
        for value in vars(importlib.import_module(module.name)).values():
            if isinstance(value, type):
                found |= {b.id for b in vars(value).get("BINDINGS", []) if isinstance(b, Binding) and b.id}
    return found
