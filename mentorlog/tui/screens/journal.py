"""Journal: the timeline newest first, a page at a time; filters, search, and the entry as Markdown."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Label, Markdown, Select

from mentorlog.errors import DateError, MentorlogError
from mentorlog.journal import entries, goals, timeline
from mentorlog.journal.timeline import Filters, TimelineItem
from mentorlog.tui.layout import WIDE
from mentorlog.tui.screens.base import guarded, reported
from mentorlog.tui.screens.records import Focused, RecordScreen
from mentorlog.tui.widgets.date_input import DateInput
from mentorlog.tui.widgets.entry_view import entry_markdown
from mentorlog.tui.widgets.tables import keeping_cursor
from mentorlog.words import plural

PAGE = 50
DETAIL_DELAY = 0.1  # seconds the cursor rests before the entry under it is shown
SEARCH_DELAY = 0.3  # seconds typing rests before the search runs
KIND_CHOICES = [(kind, kind) for kind in timeline.entry_kinds()]
AUTHOR_CHOICES = [("mentor", "mentor"), ("mentee", "mentee")]

if TYPE_CHECKING:
    pass


class JournalScreen(RecordScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash",
            "search",
            "Search",
            key_display="/",
            id="journal.search",
            tooltip="Search every entry (words, word* for a prefix)",
        ),
        Binding(
            "f",
            "filters",
            "Filters",
            id="journal.filters",
            tooltip="Filter the journal by kind, goal, author, tag or dates",
        ),
        Binding("e", "edit", "Edit", id="journal.edit", tooltip="Edit the entry"),
        Binding(
            "delete",
            "delete",
            "Delete",
            show=False,
            id="journal.delete",
            tooltip="Delete the entry, to the trash (asks)",
        ),
        Binding("escape", "clear", "Close the filters; again: clear them, then back", show=False, id="journal.clear"),
    ]
    # Keys of this screen that are letters: while the filters are open, letters are typed, not commands.
    ONE_KEY_ACTIONS = frozenset({"search", "filters", "edit", "history", "move", "delete"})

    @property
    def captures_keys(self) -> bool:
        """The filter panel is open: what the user types goes to it (the app's letters wait too)."""
        return self.is_mounted and not self.query_one("#journal-filters").has_class("-hidden")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in self.ONE_KEY_ACTIONS and self.captures_keys)

    def __init__(self, pair_id: int) -> None:
        super().__init__(pair_id)
        self.filters = Filters()
        self.items: dict[str, TimelineItem] = {}
        self.last_key: timeline.Key | None = None
        self.exhausted = False
        self.searching: Filters | None = None  # the filters a search worker is fetching pages for
        self.detail_timer: Timer | None = None
        self.typing_timer: Timer | None = None
        self._title_width: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="journal-filters", classes="-hidden"):
            yield Input(placeholder="search every entry as you type: words, word* (Enter runs it now)", id="search")
            with Horizontal(id="filter-row"):
                yield Select(KIND_CHOICES, prompt="any kind", id="filter-kind")
                yield Select([], prompt="any goal", id="filter-goal")
                yield Select(AUTHOR_CHOICES, prompt="anyone", id="filter-author")
                yield Input(placeholder="#tag", id="filter-tag")
            with Horizontal(id="filter-dates"):
                yield Label("from", classes="filter-label")
                yield DateInput(today=self.mlapp.today, optional=True, placeholder="any date", id="filter-from")
                yield Label("to", classes="filter-label")
                yield DateInput(today=self.mlapp.today, optional=True, placeholder="any date", id="filter-to")
        with Horizontal(id="journal-layout"):
            yield DataTable(id="timeline", cursor_type="row")
            with VerticalScroll(id="entry-detail"):
                yield Markdown(id="entry-markdown")
        yield Label("", id="journal-status")
        yield Footer()

    @guarded
    def on_mount(self) -> None:
        self._columns()
        app = self.mlapp
        listed = goals.list_goals(app.connection, self.pair(), today=app.today)
        self.query_one("#filter-goal", Select).set_options(
            [(f"#{v.goal.id} {v.goal.title}", v.goal.id) for v in listed]
        )
        self.reload()
        self.query_one("#timeline", DataTable).focus()

    def on_resize(self) -> None:
        if self._columns():
            self.reload()

    def _columns(self) -> bool:
        """The title takes what the date and kind leave of the timeline's width (55% beside the entry)."""
        width = self.app.size.width
        room = width * 55 // 100 if width >= WIDE else width
        title_width = max(16, room - 9 - 11 - 6 - 3)
        if title_width == self._title_width:
            return False
        self._title_width = title_width
        table = self.query_one("#timeline", DataTable)
        table.clear(columns=True)
        table.add_column("date", width=9)
        table.add_column("kind", width=11)
        table.add_column("title", width=title_width)
        return True

    # -- loading, a page at a time ----------------------------------------------------------------

    def read_journal(self) -> None:
        table = self.query_one("#timeline", DataTable)
        keep = table.cursor_row
        self.searching = None  # a search still running is for filters no longer asked for
        with keeping_cursor(table):
            table.clear()
            self.items.clear()
            self.last_key = None
            self.exhausted = False
            if self.filters.search:
                self._search_pages(keep)  # in a worker: a prefix search of a long journal takes a while
                return
            self.load_page()
            while table.row_count <= keep and not self.exhausted:  # as far down as the cursor was
                self.load_page()
        self._loaded()

    def _loaded(self) -> None:
        table = self.query_one("#timeline", DataTable)
        if table.row_count:
            self._show(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        else:
            self.query_one("#entry-markdown", Markdown).update("*Nothing in the journal matches.*")

    @guarded
    def load_page(self) -> None:
        if self.exhausted or self.searching is not None:
            return
        if self.filters.search:
            self._search_pages(0)
            return
        app = self.mlapp
        with reported(self):
            self._add_page(timeline.page(app.connection, self.pair(), self.filters, after=self.last_key,
                                         limit=PAGE))  # fmt: skip

    def _add_page(self, page: list[TimelineItem]) -> None:
        table = self.query_one("#timeline", DataTable)
        for item in page:
            row_key = f"{item.event}:{item.ref_id}"
            self.items[row_key] = item
            title = Text(item.title + (" 🔒" if item.private else ""))
            table.add_row(f"{item.on:%d %b %y}", item.kind, title, key=row_key, height=None)
        if page:
            self.last_key = page[-1].key
        self.exhausted = len(page) < PAGE
        self._status()

    def _search_pages(self, keep: int) -> None:
        """The next pages of a search, fetched in a worker on its own connection, down to row `keep`."""
        app, filters = self.mlapp, self.filters
        self.searching = filters
        table = self.query_one("#timeline", DataTable)
        table.loading = True  # Textual's loading indicator over the list, until the page is in
        pair, after = self.pair(), self.last_key

        def fetch() -> None:
            found: list[TimelineItem] = []
            error: Exception | None = None
            try:
                with app.journal.own_connection() as connection:
                    cursor = after
                    while True:
                        page = timeline.page(connection, pair, filters, after=cursor, limit=PAGE)
                        found += page
                        if len(page) < PAGE or len(found) > keep:
                            break
                        cursor = page[-1].key
            except (MentorlogError, sqlite3.Error) as exc:
                error = exc
            app.call_from_thread(self._searched, filters, found, error)

        self.run_worker(fetch, thread=True, exclusive=True, group="search", description="searching the journal")

    def _searched(self, filters: Filters, found: list[TimelineItem], error: Exception | None) -> None:
        if filters != self.searching or not self.is_attached:
            return  # the user has asked for something else since
        self.searching = None
        table = self.query_one("#timeline", DataTable)
        table.loading = False
        if error is not None:
            self.notify(f"The search could not be run: {error}", title="Not searched", severity="error")
            return
        fresh = not table.row_count
        with keeping_cursor(table):
            for start in range(0, len(found), PAGE):
                self._add_page(found[start : start + PAGE])
            if not found:
                self.exhausted = True
                self._status()
        if fresh:
            self._loaded()

    def _status(self) -> None:
        shown = len(self.items)
        more = "" if self.exhausted else " so far (more load as you scroll)"
        active = self._describe_filters()
        self.query_one("#journal-status", Label).update(f" {plural(shown, 'item')}{more}{active}")

    def _describe_filters(self) -> str:
        f = self.filters
        parts = [
            f"“{f.search}”" if f.search else "", ", ".join(sorted(f.kinds)), f"goal #{f.goal_id}" if f.goal_id else "",
            f"#{f.tag}" if f.tag else "", f.author or "", f"from {f.start}" if f.start else "",
            f"to {f.end}" if f.end else "",
        ]  # fmt: skip
        shown = [p for p in parts if p]
        return f" · filtered: {' · '.join(shown)} (escape clears)" if shown else ""

    @on(DataTable.RowHighlighted, "#timeline")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        # Rendering an entry costs a query and a Markdown rebuild: while a key is held, render
        # only where the cursor comes to rest (each press used to cost a third of a second).
        if self.detail_timer is not None:
            self.detail_timer.stop()
        row_key = event.row_key.value
        self.detail_timer = self.set_timer(DETAIL_DELAY, lambda: self._show(row_key))
        if event.cursor_row >= event.data_table.row_count - 5:
            self.load_page()

    @guarded
    def _show(self, row_key: str | None) -> None:
        item = self.items.get(row_key or "")
        markdown = self.query_one("#entry-markdown", Markdown)
        if item is None:
            return
        if item.event != "entry":
            markdown.update(f"## {item.on:%a %d %b %Y}\n\n{_escape(item.title)}\n\n*A goal event: see Goals (2).*")
            return
        app = self.mlapp
        markdown.update(entry_markdown(entries.get_entry(app.connection, self.pair(), item.ref_id)))

    def show_entry(self, entry_id: int) -> None:
        """Select an entry, clearing filters that would hide it."""
        key = f"entry:{entry_id}"
        if key not in self.items:
            self.filters = Filters()
            self.reload()
            while key not in self.items and not self.exhausted:
                self.load_page()
        table = self.query_one("#timeline", DataTable)
        if key in self.items:
            table.move_cursor(row=table.get_row_index(key))
            self._show(key)
        table.focus()

    # -- search and filters ------------------------------------------------------------------------

    def action_search(self) -> None:
        self._show_filters()
        self.query_one("#search", Input).focus()

    def action_filters(self) -> None:
        self._show_filters()
        self.query_one("#filter-kind", Select).focus()

    def _show_filters(self) -> None:
        self.query_one("#journal-filters").remove_class("-hidden")
        self.refresh_bindings()  # the footer shows only what works while the user types

    def action_clear(self) -> None:
        """Escape: close the filter panel (the filters stay); again, clear them; again, go home."""
        panel = self.query_one("#journal-filters")
        if not panel.has_class("-hidden"):
            panel.add_class("-hidden")
            self.refresh_bindings()
            self.query_one("#timeline", DataTable).focus()
            return
        if self.filters == Filters():
            self.action_home()
            return
        self.query_one("#search", Input).value = ""
        self.query_one("#filter-tag", Input).value = ""
        for select in ("#filter-kind", "#filter-goal", "#filter-author"):
            self.query_one(select, Select).clear()
        for date_input in ("#filter-from", "#filter-to"):
            self.query_one(date_input, DateInput).query_one(Input).value = ""
        self.query_one("#journal-filters").add_class("-hidden")
        self.filters = Filters()
        self.reload()
        self.query_one("#timeline", DataTable).focus()

    @on(Input.Submitted, "#search, #filter-tag")
    @on(Input.Submitted, "#filter-from Input, #filter-to Input")
    def _submitted(self) -> None:
        # The focus stays where the user types: the next letters are more of the search, never
        # commands (they used to land on the list and open an edit). Escape goes to the results.
        if self.typing_timer is not None:
            self.typing_timer.stop()
        self.apply_filters()

    @on(Input.Changed, "#search, #filter-tag")
    def _typed(self) -> None:
        """The search runs as you type, once you pause (a search of years of entries takes a moment)."""
        if self.typing_timer is not None:
            self.typing_timer.stop()
        self.typing_timer = self.set_timer(SEARCH_DELAY, lambda: self.apply_filters(quietly=True))

    @on(Select.Changed)
    def _select_changed(self) -> None:
        if self.is_mounted:
            self.apply_filters()

    def apply_filters(self, *, quietly: bool = False) -> None:
        """The filters as typed; `quietly` (while typing): a search half typed (`"tim`) waits for more
        rather than being refused."""
        kind = self.query_one("#filter-kind", Select).value
        goal_id = self.query_one("#filter-goal", Select).value
        author = self.query_one("#filter-author", Select).value
        try:
            start = self.query_one("#filter-from", DateInput).date
            end = self.query_one("#filter-to", DateInput).date
        except DateError as exc:
            self.notify(str(exc), title="Filter not applied", severity="error")
            return
        search = self.query_one("#search", Input).value.strip()
        tag = self.query_one("#filter-tag", Input).value.strip().lstrip("#")
        try:
            if search:
                timeline.fts_query(search)
        except MentorlogError as exc:
            if quietly:
                return
            self.notify(str(exc), severity="warning")
            search = ""
        self.filters = Filters(
            start=start, end=end, kinds=frozenset({kind}) if isinstance(kind, str) else frozenset(),
            goal_id=goal_id if isinstance(goal_id, int) else None, tag=tag or None,
            author=author if isinstance(author, str) else None, search=search or None,
        )  # fmt: skip
        self.reload()

    # -- edit and delete ---------------------------------------------------------------------------

    def _selected_entry(self) -> TimelineItem | None:
        table = self.query_one("#timeline", DataTable)
        if not table.row_count:
            return None
        item = self.items.get(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or "")
        if item is None or item.event != "entry":
            self.notify("Goal events are changed from the Goals screen (2)")
            return None
        return item

    def action_edit(self) -> None:
        from mentorlog.tui.screens.entry_form import EntryForm

        item = self._selected_entry()
        if item is not None:
            self.app.push_screen(EntryForm(item.kind, item.ref_id), lambda _: self.reload())

    def action_delete(self) -> None:
        """Delete the entry (to the trash), asking first; a session with open action items asks what
        becomes of them too: deleted with it, or kept (as items of no session)."""
        from mentorlog.tui.screens.confirm import Choose, Confirm

        item = self._selected_entry()
        if item is None:
            return
        app = self.mlapp

        def delete(open_actions: str) -> None:
            app.writes.run(
                lambda s: entries.delete_entry(s, self.pair(s), item.ref_id, open_actions=open_actions),
                done=lambda _: self.reload(),
            )

        view = entries.get_entry(app.connection, self.pair(), item.ref_id)
        still_open = [a.text for a in view.actions if a.done_on is None]
        what = f"the {item.kind} “{item.title}” of {item.on}"
        if not still_open:
            self.app.push_screen(
                Confirm(f"Delete {what}? (It goes to the trash.)"), lambda sure: delete("keep") if sure else None
            )
            return
        listed = "\n".join(f"  • {text}" for text in still_open)  # every one named: they may go with it
        question = f"Delete {what}? It has {plural(len(still_open), 'open action item')}:\n{listed}"
        choices = [("d", "Delete it and its open items", "delete"), ("k", "Delete it, keep the items", "keep"),
                   ("n", "Cancel", "")]  # fmt: skip
        self.app.push_screen(Choose(question, choices), lambda answer: delete(answer) if answer else None)

    def focused_record(self) -> Focused | None:
        table = self.query_one("#timeline", DataTable)
        item = self.items.get(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or "") if (
            table.row_count) else None  # fmt: skip
        if item is None or item.event != "entry":
            return None
        return Focused("entry", item.ref_id, f"the {item.kind} “{item.title}”")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("#", "\\#")
