"""The Textual application: a pair's screens as modes (a set a pair), the caseload, forms pushed on top.

The pair the user works on is the app's state (`pair_id`); each pair has its own set of main
screens (`mode_of`: "dashboard:3"), built when first shown, so switching pairs shows that
pair's screens, and a form half typed stays with the pair it was opened for (tui.pair_bound).
Opening a pair here is choosing it: it is the pair commands without --pair are about too.

A screen reads with one journal function at a time on the UI thread: each is a few
indexed queries (a timeline page is ~6 ms at 100,000 entries), cheaper than a
worker's hand-off. Writes go through `writes` (a worker when another writer holds
the journal); what can take longer runs in a worker on a connection of its own while
the screen says so: an export and a backup behind a progress bar (screens/working.py),
a search behind the journal list's loading indicator (screens/journal.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.filter import LineFilter
from textual.screen import ModalScreen, Screen

from mentorlog import config, paths
from mentorlog.crashlog import log_exception
from mentorlog.db import Journal, damage, open_journal
from mentorlog.journal import pairs
from mentorlog.tui.commands import MentorlogCommands
from mentorlog.tui.safe_output import TerminalSafe
from mentorlog.tui.writes import Writes

if TYPE_CHECKING:
    from mentorlog.models import Pair

SCREENS_BY_KEY = (("1", "dashboard", "Dashboard"), ("2", "goals", "Goals"), ("3", "journal", "Journal"),
                  ("4", "growth", "Growth"), ("5", "pair", "Pair"))  # fmt: skip
# Each pair's main screens: (module, class), made for one pair each (mode_of).
PAIR_SCREENS = {
    "dashboard": ("dashboard", "DashboardScreen"), "goals": ("goals", "GoalsScreen"),
    "journal": ("journal", "JournalScreen"), "growth": ("growth", "GrowthScreen"),
    "pair": ("pair_details", "PairDetailsScreen"),
}  # fmt: skip
CASELOAD = "caseload"


SCREENS_GROUP = Binding.Group("Screens", compact=True)  # 1234 in the footer, one item not four


def captures_keys(screen: Screen[Any]) -> bool:
    """Whether the user types into `screen` (a form, a dialog, the live capture, an open filter)."""
    found = getattr(screen, "captures_keys", None)
    return bool(found) if found is not None else isinstance(screen, ModalScreen)


def _screen(module: str, name: str, *args: Any) -> Screen[Any]:
    """A main screen, imported when first shown (start-up pays only for the dashboard)."""
    screen: Screen[Any] = getattr(importlib.import_module(f"mentorlog.tui.screens.{module}"), name)(*args)
    return screen


class MentorlogApp(App[None]):
    CSS_PATH = "mentorlog.tcss"
    TITLE = "mentorlog"
    COMMANDS = App.COMMANDS | {MentorlogCommands}
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {
        CASELOAD: lambda: _screen("caseload", "CaseloadScreen"),
    }
    # Screen classes for the layout: one column below 110 cells, two from there (mentorlog.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012 - Textual's own attribute
    VERTICAL_BREAKPOINTS = [(0, "-short"), (50, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "0",
            "caseload",
            "Caseload",
            key_display="0",
            group=SCREENS_GROUP,
            id="app.caseload",
            tooltip="The caseload: every pair, who needs a check-in first",
        ),
        *(
            Binding(
                key,
                f"go('{mode}')",
                label,
                key_display=key,
                group=SCREENS_GROUP,
                id=f"app.go-{mode}",
                tooltip=f"Go to the {label.lower()}",
            )
            for key, mode, label in SCREENS_BY_KEY
        ),
        Binding(
            "ctrl+o",
            "switch_pair",
            "Switch pair",
            show=False,  # the footer is for this screen's keys; 0 (the caseload) shows every pair
            id="app.switch-pair",
            tooltip="Switch pair…: open another pair, found by name",
        ),
        Binding("n", "new_entry", "New entry", id="app.new-entry", tooltip="Write a new entry: choose its kind"),
        Binding(
            "ctrl+e",
            "export",
            "Export",
            show=False,
            id="app.export",
            tooltip="Export the pair's history to a file (Markdown, JSON or iCalendar)",
        ),
        Binding(
            "ctrl+b",
            "backup",
            "Back up",
            show=False,
            id="app.backup",
            tooltip="Back up the journal now: a consistent copy into backups/ beside it",
        ),
        Binding(
            "ctrl+t",
            "trash",
            "Trash",
            show=False,
            id="app.trash",
            tooltip="The trash: deleted records, restore one or empty it",
        ),
        Binding(
            "question_mark", "help_key", "Help", key_display="?", id="app.help-key", tooltip="Every key on this screen"
        ),
        Binding("f1", "help", "Help", show=False, id="app.help", tooltip="Every key on this screen"),
        Binding("q", "quit_key", "Quit", id="app.quit", tooltip="Quit mentorlog (asks first if a form holds text)"),
    ]
    # One-key actions of the app: never while the user types into a form, a dialog or a filter
    # (there the key is theirs; F1 and ctrl+q still work).
    ONE_KEY_ACTIONS = frozenset({"go", "caseload", "new_entry", "help_key", "quit_key"})

    def __init__(
        self,
        journal: Journal,
        *,
        today: dt.date | None = None,
        pair: str | None = None,
        observe: str | None = None,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        super().__init__()
        self.journal = journal
        self.fixed_today = today
        self.asked_pair = pair  # `mentorlog --pair N|NAME`: the pair to open on
        self.start_observing = observe  # `mentorlog observe`: the context of a new capture ("" for none)
        self.clock = clock
        self.settings = config.load()
        self.pair_id: int | None = None  # the pair the window works on (open_pair sets it)
        self._made_modes: set[str] = set()
        self._left_on: dict[int, str] = {}  # a pair's mode when another was opened
        self._gone: set[int] = set()  # pairs found deleted (until opened again: restored from the trash)
        self.crash_log: Path | None = None
        # Set when the journal file was replaced from here (a restore): open it afresh, saying this.
        self.reopen: str | None = None
        self.told: str | None = None  # what to say once open (how the last window ended: a restore)
        self._terminal_safe = TerminalSafe()
        self.writes = Writes(self)

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then mentorlog.terminal's rules on every line any screen shows."""
        return [*super().get_line_filters(), self._terminal_safe]

    # -- the journal, as screens see it ---------------------------------------------------

    @property
    def today(self) -> dt.date:
        return self.fixed_today or dt.date.today()  # noqa: DTZ011 - the user's calendar day

    def now(self) -> dt.datetime:
        """The wall clock a live observation stamps lines with (local time; tests fix it)."""
        if self.clock:
            return self.clock()
        wall = dt.datetime.now().replace(microsecond=0)  # noqa: DTZ005 - the classroom's clock is local
        return dt.datetime.combine(self.fixed_today, wall.time()) if self.fixed_today else wall

    @property
    def connection(self) -> sqlite3.Connection:
        """The journal's connection for the UI thread (a worker thread gets its own)."""
        return self.journal.connection

    def current_pair(self, connection: sqlite3.Connection | None = None) -> Pair:
        """The pair this window works on now, read on `connection` (a write's), else the UI thread's."""
        assert self.pair_id is not None, "no pair is open"
        return pairs.get_pair(connection or self.connection, self.pair_id)

    @property
    def is_demo(self) -> bool:
        return self.journal.path.resolve() == paths.demo_journal_path().resolve()

    # -- start-up ---------------------------------------------------------------------------

    def _clean_edits(self) -> None:
        """A text a crash left in the private folder while it was in the user's editor goes (editing.py)."""
        from mentorlog import editing

        # Nothing to clean, or nowhere to look: an edit still removes its own file.
        with contextlib.suppress(OSError, editing.EditorFailed):
            editing.clean_leftovers()

    def _apply_keymap(self) -> None:
        """config.toml's [keymap]: a binding, by its id, on other keys (posting's way); an id no binding has
        is named, not silently ignored."""
        keymap = self.settings.keymap
        if not keymap:
            return
        from mentorlog.tui.keys import binding_ids

        unknown = sorted(set(keymap) - binding_ids())
        if unknown:
            self.notify(f"[keymap] in config.toml: no key is called {', '.join(unknown)} (see 'mentorlog config "
                        "list' and help: ? for the ids)", title="Settings", severity="warning", timeout=10)  # fmt: skip
        self.set_keymap({name: keys for name, keys in keymap.items() if name not in unknown})

    def on_mount(self) -> None:
        self._clean_edits()
        for problem in (self.settings.problem, self.settings.requirement_problem):
            if problem:
                self.notify(problem, title="Settings", severity="warning", timeout=10)
        self._apply_keymap()
        if self.told:
            self.notify(self.told, title="Journal", timeout=10)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        refused = damage.refusal(self.journal.path)
        if refused:
            self._show_damage(refused)
            return
        try:
            if not pairs.has_pair(self.connection):
                from mentorlog.tui.screens.setup import SetupScreen

                self.push_screen(SetupScreen())
                return
            self.start()
        except sqlite3.DatabaseError as exc:
            self.journal_failed(exc)

    def journal_failed(self, exc: sqlite3.Error) -> None:
        """An error of the journal file: damage is remembered (no window writes to it again) and shown on
        a screen of its own, with the way out; anything else is one line, as the command line says it."""
        from mentorlog.db.explain import explain

        if damage.note(self.journal.path, exc):
            self._show_damage(explain(exc, self.journal.path))
        else:
            self.notify(explain(exc, self.journal.path), title="Journal", severity="error")

    def _show_damage(self, reason: str) -> None:
        from mentorlog.tui.screens.damaged import DamagedScreen

        if not any(isinstance(screen, DamagedScreen) for screen in self.screen_stack):
            self.push_screen(DamagedScreen(reason))

    def start(self) -> None:
        """What the window opens on: a live observation cut short (with its pair), the pair asked for
        (`--pair`), the caseload when several pairs are open, else the only (or chosen) pair."""
        from mentorlog.journal import live_observation

        capture = live_observation.load(self.journal)
        if capture is not None and not capture.lines:
            live_observation.discard(self.journal)  # started and left with nothing typed: not worth resuming
            capture = None
        if capture is not None and pairs.find_pair(self.connection, capture.pair_id) is not None:
            self.open_pair(capture.pair_id, then=lambda: self.observe(self.start_observing or ""))
            return
        then = (lambda: self.observe(self.start_observing or "")) if self.start_observing is not None else None
        if self.asked_pair:
            self.open_pair(pairs.resolve_pair(self.connection, self.asked_pair).id or 0, then=then)
            return
        found = pairs.live_pairs(self.connection, archived=False)
        open_ones = [pair for pair in found if pair.ended_on is None]
        if len(open_ones) > 1 and self.start_observing is None:
            self.switch_mode(CASELOAD)
            return
        try:
            pair_id = pairs.default_pair(self.connection).id or 0
        except pairs.NoPairChosen:
            self.switch_mode(CASELOAD)
            if then is not None:  # `mentorlog observe` with several pairs and none chosen: ask whose lesson
                from mentorlog.tui.screens.switcher import Switcher

                self.push_screen(Switcher("Observe which pair's lesson?"),
                                 lambda chosen: self.open_pair(chosen, then=then) if chosen else None)  # fmt: skip
            return
        self.open_pair(pair_id, then=then)

    def open_pair(self, pair_id: int, *, then: Callable[[], object] | None = None) -> None:
        """Work on `pair_id` now: its screens as they were left (its dashboard the first time), and the
        journal's chosen pair (where it can be written); then `then`, or the offer of a draft the pair's
        form left at an earlier start."""
        if pair_id != self.pair_id and self.journal.writable:
            self.writes.run(lambda s: pairs.choose_pair(s, str(pair_id)))
        self._gone.discard(pair_id)
        if self.pair_id is not None and self.current_mode in self._made_modes:
            self._left_on[self.pair_id] = self.current_mode  # where this pair was, for when it comes back
        self.pair_id = pair_id
        self.sub_title = self._subtitle()
        first_time = f"dashboard:{pair_id}" not in self._made_modes  # else its forms are still open, as left
        self.switch_mode(self._left_on.get(pair_id) or self.mode_of("dashboard"))
        if then is not None or first_time:
            self.call_after_refresh(then or self.offer_draft)

    def mode_of(self, screen: str, pair_id: int | None = None) -> str:
        """The mode of `screen` ("goals") for a pair (by default the open one), made when first asked."""
        pair = pair_id or self.pair_id
        name = f"{screen}:{pair}"
        if name not in self._made_modes:
            module, class_name = PAIR_SCREENS[screen]
            self.add_mode(name, lambda: _screen(module, class_name, pair))
            self._made_modes.add(name)
        return name

    def forget_pair_screens(self, pair_id: int | None = None) -> None:
        """Drop the screens made for a pair (every pair's, by default): a pair deleted, another journal
        opened. The caseload is shown meanwhile (a mode cannot be dropped while it is shown)."""
        self.switch_mode(CASELOAD)
        for name in sorted(self._made_modes):
            if pair_id is None or name.endswith(f":{pair_id}"):
                self.remove_mode(name)
                self._made_modes.discard(name)
        self._left_on = {} if pair_id is None else {k: v for k, v in self._left_on.items() if k != pair_id}

    def pair_gone(self, pair_id: int, said: str = "") -> None:
        """A pair is no longer in the journal (deleted here, or by another mentorlog): its screens are
        dropped, and the caseload shown, once the screen that found it out has finished its event.
        `said`: what to tell the user (the first to find out says it; by default, that it is gone)."""
        if pair_id in self._gone:
            return
        self._gone.add(pair_id)
        self.notify(said or "The pair is no longer in this journal (ctrl+t on another pair: the trash)", title="Pair")
        if self.pair_id == pair_id:
            self.pair_id = None
            self.sub_title = self._subtitle()
        self.call_later(self.forget_pair_screens, pair_id)

    def action_caseload(self) -> None:
        if pairs.has_pair(self.connection):
            self.switch_mode(CASELOAD)

    def action_switch_pair(self) -> None:
        if not pairs.has_pair(self.connection):
            return
        from mentorlog.tui.screens.switcher import Switcher

        self.push_screen(Switcher(), lambda pair_id: self.open_pair(pair_id) if pair_id else None)

    def observe(self, context: str = "") -> None:
        """The live observation in progress for this journal, or a new one."""
        from mentorlog.journal import live_observation
        from mentorlog.tui.screens.observe import ObservationScreen

        capture = live_observation.load(self.journal)
        if capture is None:
            capture = live_observation.start(self.journal, self.current_pair(), now=self.now(), context=context)
        elif capture.pair_id != self.pair_id:
            if pairs.find_pair(self.connection, capture.pair_id) is not None:
                self.open_pair(capture.pair_id, then=lambda: self.observe(context))  # the capture's own pair
                return
            capture.pair_id = self.pair_id or 0  # its pair is gone: keep the lines, with this pair
            live_observation.save(capture, self.journal.sealing)
        else:
            self.notify(f"Resumed the observation started at {capture.started:%H:%M}", title="Observation")
        self.push_screen(ObservationScreen(capture), lambda _: self._reload_screen())

    def prep(self) -> None:
        from mentorlog.tui.screens.prep import PrepScreen

        if self.pair_id is not None:
            self.push_screen(PrepScreen(self.pair_id), lambda _: self._reload_screen())

    def _reload_screen(self) -> None:
        reload = getattr(self.screen, "reload", None)
        if callable(reload):
            reload()

    def offer_draft(self) -> None:
        """Text typed into a form that was never saved (a crash, a closed terminal): offer it back. Leaving
        the question keeps it for later; only an explicit, confirmed discard that names it deletes it."""
        from mentorlog.tui import drafts
        from mentorlog.tui.screens.confirm import Choose, Confirm

        if self.pair_id is None:
            return
        pair = self.current_pair()
        found = drafts.load(self.journal, pair.uid)
        if found is None:
            return
        spec = found.get("spec") or {}
        named = drafts.describe(found)

        def reopen() -> None:
            from mentorlog.tui.screens.form import FormMixin

            form: FormMixin
            if spec.get("form") == "entry":
                from mentorlog.tui.screens.entry_form import EntryForm

                form = EntryForm(str(spec.get("kind", "note")), spec.get("entry_id"))
            else:
                from mentorlog.tui.screens.goal_form import GoalForm

                form = GoalForm(spec.get("goal_id"))
            form.restore_values = found["values"]
            self.push_screen(form)

        def discard(sure: bool | None) -> None:
            if sure:
                drafts.clear(self.journal, pair.uid)
                self.notify(f"Discarded {named}", title="Draft")
            else:
                self.offer_draft()

        def answer(choice: str | None) -> None:
            if choice == "open":
                reopen()
            elif choice == "discard":
                self.push_screen(
                    Confirm(f"Discard {named} for good? It cannot be brought back.", yes="Discard it", no="Keep it"),
                    discard,
                )
            else:
                self.notify("Your unsaved text is kept: it is offered again at the next start", title="Draft")

        choices = [("d", "Discard it…", "discard"), ("l", "Later: keep it for the next start", ""),
                   ("o", "Open it again", "open")]  # fmt: skip
        question = f"You have unsaved text: {named}. Open it again?"
        self.push_screen(Choose(question, choices, danger=frozenset({"discard"})), answer)

    def _subtitle(self) -> str:
        """The pair being worked on (none on the caseload), and whether this is the demo."""
        found = pairs.find_pair(self.connection, self.pair_id) if self.pair_id is not None else None
        return " · ".join(part for part in (found.label if found else "", "demo" if self.is_demo else "") if part)

    def open_demo(self) -> None:
        """Swap this window over to a freshly built demo journal."""
        from mentorlog.demo import write_demo_file

        path = paths.demo_journal_path()
        write_demo_file(path, today=self.today)
        self.journal.close()
        self.journal = open_journal(path)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.pair_id = None
        self.forget_pair_screens()
        self.start()

    # -- actions -----------------------------------------------------------------------------

    def action_go(self, screen: str) -> None:
        if self.pair_id is not None:
            self.switch_mode(self.mode_of(screen))

    def action_new_entry(self) -> None:
        if self.pair_id is None:
            return
        from mentorlog.tui.screens.pickers import KindPicker

        self.push_screen(KindPicker(group=len(self._other_open_pairs()) > 0), self.new_entry)

    def _other_open_pairs(self) -> list[Pair]:
        return [
            p for p in pairs.live_pairs(self.connection, archived=False) if p.ended_on is None and p.id != self.pair_id
        ]

    def new_entry(self, kind: str | None) -> None:
        from mentorlog.tui.screens.entry_form import EntryForm
        from mentorlog.tui.screens.pickers import GROUP, TEMPLATE_MARK, GroupPicker

        if kind == GROUP:
            others = [(p.id or 0, pairs.called(self.connection, p)) for p in self._other_open_pairs()]

            def chosen(pair_ids: list[int] | None) -> None:
                if pair_ids:
                    self.push_screen(EntryForm("session", group_with=pair_ids))

            self.push_screen(GroupPicker(others), chosen)
        elif kind and TEMPLATE_MARK in kind:  # "session:debrief": from that template (templates.py)
            kind, name = kind.split(TEMPLATE_MARK, 1)
            self.push_screen(EntryForm(kind, template=name))
        elif kind:
            self.push_screen(EntryForm(kind))

    def new_goal(self) -> None:
        from mentorlog.tui.screens.goal_form import GoalForm

        self.push_screen(GoalForm())

    def new_action(self) -> None:
        from mentorlog.tui.screens.small_forms import ActionForm

        self.push_screen(ActionForm())

    def show_entry(self, entry_id: int) -> None:
        """The journal screen, with this entry selected and shown."""
        self.action_go("journal")
        self.call_after_refresh(lambda: self.screen.show_entry(entry_id))  # type: ignore[attr-defined]

    def show_goal(self, goal_id: int) -> None:
        self.action_go("goals")
        self.call_after_refresh(lambda: self.screen.select_goal(goal_id))  # type: ignore[attr-defined]

    def search_journal(self) -> None:
        self.action_go("journal")
        self.call_after_refresh(lambda: self.screen.action_search())  # type: ignore[attr-defined]

    def on_app_focus(self) -> None:
        """Back in this terminal: another one may have written to the journal meanwhile."""
        reload = getattr(self.screen, "reload", None)
        if self.pair_id is not None and callable(reload):
            try:
                reload()
            except sqlite3.DatabaseError as exc:
                self.journal_failed(exc)

    def action_export(self) -> None:
        if self.pair_id is None:
            return
        from mentorlog.tui.screens.export import ExportDialog

        self.push_screen(ExportDialog())

    def action_trash(self) -> None:
        if self.pair_id is None:
            return
        from mentorlog.tui.screens.trash import TrashScreen

        def refreshed(_: object) -> None:
            reload = getattr(self.screen, "reload", None)
            if reload is not None:
                reload()

        self.push_screen(TrashScreen(self.pair_id), refreshed)

    def action_backup(self) -> None:
        """A consistent copy into backups/ beside the journal, as `mentorlog backup` makes."""
        from mentorlog.exchange.backup import make_backup
        from mentorlog.tui.screens.working import Working

        def job(progress: Callable[[float], None]) -> str:
            made = make_backup(self.journal.path, progress=progress, key=self.journal.found.key)
            return f"Backed up to {made.path}"

        self.push_screen(Working("Backing up the journal", job, done_title="Backup", failed_title="Not backed up"))

    # What needs a pair open (on the caseload, none is): not offered there.
    PAIR_ACTIONS = frozenset({"go", "new_entry", "export", "trash"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.PAIR_ACTIONS and (self.pair_id is None or self.current_mode == CASELOAD):
            return False
        if action == "caseload" and self.current_mode == CASELOAD:
            return False
        # Not fired, and not in the footer, while the user types.
        return not (action in self.ONE_KEY_ACTIONS and self.screen_stack and captures_keys(self.screen))

    def action_help_key(self) -> None:
        self.action_help()

    async def action_quit_key(self) -> None:
        await self.action_quit()

    async def action_quit(self) -> None:
        """Quit; if a form holds unsaved text, ask first (its draft is kept either way)."""
        from mentorlog.tui.screens.form import FormMixin

        dirty = [screen for screen in self.screen_stack if isinstance(screen, FormMixin) and screen.dirty]
        if not dirty:
            self.exit()
            return
        from mentorlog.tui.screens.confirm import Confirm

        def answer(sure: bool | None) -> None:
            if sure:
                self.exit()

        self.push_screen(Confirm("Quit and leave what you typed unsaved?", yes="Quit", no="Keep editing"), answer)

    def action_help(self) -> None:
        from mentorlog.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def watch_theme(self, theme: str) -> None:
        if theme != self.settings.theme:
            self.settings = self.settings._replace(theme=theme)
            try:
                config.save({"theme": theme})
            except config.ConfigError as exc:
                self.notify(f"The theme is not remembered: {exc}", title="Settings", severity="warning")

    # -- crashes: the terminal is restored by Textual; the details go to the log -------------

    def _handle_exception(self, error: Exception) -> None:
        if isinstance(error, sqlite3.DatabaseError) and damage.is_damage(error):
            # Met while reading a screen: no crash, but the one screen that says what to do.
            self.call_later(self.journal_failed, error)
            return
        self.crash_log = log_exception(error, "the terminal UI")
        save_draft = getattr(self.screen, "save_draft", None) if self.screen_stack else None
        if callable(save_draft):
            with contextlib.suppress(Exception):  # already failing: keep what was typed if we can
                save_draft()
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        self.bell()
        where = self.crash_log or paths.log_dir() / "mentorlog.log"
        self._exit_renderables.append(f"mentorlog: unexpected error; the details are in {where}")
        self._close_messages_no_wait()
