"""The rubric editor (r on the Pair screen): the pair's level scale and competencies, edited in place.

a adds a competency, e or Enter edits the one under the cursor (its name, code, group,
description and what each level looks like), shift+up/down move it, x retires it (its
ratings stay), p takes a published standard's rubric, l loads one from a CSV or TOML file;
h and ctrl+z show and undo a competency's edits, as for every record.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Header, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from mentorlog.journal import rubric
from mentorlog.rubric_presets import PRESETS
from mentorlog.tui.layout import WIDE
from mentorlog.tui.screens.form import FormMixin, labelled
from mentorlog.tui.screens.records import Focused, RecordScreen
from mentorlog.tui.widgets.tables import LIST_KEYS, keeping_cursor, list_move
from mentorlog.words import plural


class RubricScreen(RecordScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", id="rubric.add", tooltip="Add a competency at the end of the rubric"),
        Binding("e", "edit", "Edit", id="rubric.edit",
                tooltip="Edit the competency: name, code, group, description, what each level looks like"),
        Binding("shift+up", "move(-1)", "Move up", show=False, id="rubric.up", tooltip="Move the competency up"),
        Binding("shift+down", "move_down", "Move down", show=False, id="rubric.down",
                tooltip="Move the competency down"),
        Binding("x", "retire", "Retire", id="rubric.retire", tooltip="Retire the competency: no longer rated"),
        Binding("p", "preset", "Preset", id="rubric.preset", tooltip="Take a published standard's rubric"),
        Binding("l", "load", "Load file", id="rubric.load", tooltip="Load a rubric of your own: CSV or TOML"),
        Binding("escape", "back", "Back", id="rubric.back", tooltip="Back to the Pair screen"),
    ]  # fmt: skip

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="rubric-layout"):
            yield DataTable(id="rubric-competencies", cursor_type="row")
            with VerticalScroll(id="rubric-detail"):
                yield Label("", id="rubric-title", classes="form-title")
                yield Static(id="rubric-levels")
                yield Static(id="competency-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#rubric-competencies", DataTable)
        table.add_columns("#", "code", "competency", "")
        self.reload()
        table.focus()

    def read_journal(self) -> None:
        found = rubric.rubric_of(self.mlapp.connection, self.pair())
        self.found = found
        title = PRESETS[found.preset].title if found.preset in PRESETS else found.preset
        self.query_one("#rubric-title", Label).update(f"Rubric: {title}")
        levels = " · ".join(f"{n} {name}" for n, name in enumerate(found.levels, start=1))
        self.query_one("#rubric-levels", Static).update(Text(f"Levels: {levels}"))
        table = self.query_one("#rubric-competencies", DataTable)
        narrow = self.app.size.width < WIDE
        with keeping_cursor(table):
            table.clear()
            number = 0
            for c in found.competencies:
                retired = c.retired_on is not None
                number += 0 if retired else 1
                mark = "retired" if retired else ("◆" * sum(1 for d in c.descriptors if d))
                name = Text(c.name if narrow or not c.group_name else f"{c.name}  ({c.group_name})",
                            style="dim" if retired else "")  # fmt: skip
                # An empty cell in a row of auto height breaks DataTable's measuring: a space instead.
                cells = (" " if retired else str(number), c.code or " ", name, mark or " ")
                table.add_row(*cells, key=str(c.id), height=None)
        self._detail()

    def _selected(self) -> int | None:
        table = self.query_one("#rubric-competencies", DataTable)
        if not table.row_count:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0)

    @on(DataTable.RowHighlighted, "#rubric-competencies")
    def _detail(self) -> None:
        chosen = self._selected()
        c = next((c for c in getattr(self, "found", rubric.Rubric("", (), [])).competencies if c.id == chosen), None)
        if c is None:
            self.query_one("#competency-detail", Static).update("")
            return
        lines = [Text(f"{c.code} {c.name}".strip(), style="bold")]
        if c.group_name:
            lines.append(Text(f"under {c.group_name}", style="dim"))
        if c.description:
            lines.append(Text(c.description))
        for n, level in enumerate(self.found.levels, start=1):
            said = c.descriptors[n - 1] if n <= len(c.descriptors) else ""
            lines.append(Text.assemble((f"{n} {level}: ", "bold"), said or ("not described yet: e", "dim")))
        if c.retired_on:
            lines.append(Text(f"Retired on {c.retired_on}: no longer rated; its ratings stay", style="yellow"))
        self.query_one("#competency-detail", Static).update(Text("\n").join(lines))

    def focused_record(self) -> Focused | None:
        chosen = self._selected()
        c = next((c for c in self.found.competencies if c.id == chosen), None) if chosen else None
        return Focused("competency", c.id or 0, f"the competency “{c.name}”") if c else None

    @on(DataTable.RowSelected, "#rubric-competencies")
    def _open(self) -> None:
        self.action_edit()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_add(self) -> None:
        self.app.push_screen(CompetencyForm(None, self.found.levels), lambda _: self.reload())

    def action_edit(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            self.app.push_screen(CompetencyForm(chosen, self.found.levels), lambda _: self.reload())

    def action_move_down(self) -> None:
        self.action_move(1)

    def action_move(self, step: int) -> None:
        """shift+up/down move the competency; j and k (PairScreen) still move the cursor."""
        chosen = self._selected()
        active = self.found.active
        index = next((i for i, c in enumerate(active) if c.id == chosen), None)
        if index is None or not 0 <= index + step < len(active):
            return
        ref = str(index + 1)
        self._write(lambda s: rubric.move_competency(s, self.pair(s), ref, index + 1 + step), "Moved")

    def action_retire(self) -> None:
        from mentorlog.tui.screens.confirm import Confirm

        chosen = self._selected()
        c = next((c for c in self.found.active if c.id == chosen), None)
        if c is None:
            return
        ref = str(self.found.active.index(c) + 1)

        def answer(sure: bool | None) -> None:
            if sure:
                app = self.mlapp
                self._write(lambda s: rubric.retire_competency(s, self.pair(s), ref, on=app.today), "Retired")

        self.app.push_screen(Confirm(f"Retire “{c.name}”? It is no longer rated; its ratings stay.", yes="Retire"),
                             answer)  # fmt: skip

    def action_preset(self) -> None:
        def chosen(name: str | None) -> None:
            if name:
                self._apply(lambda: rubric.preset_named(name))

        self.app.push_screen(PresetPicker(self.found.preset), chosen)

    def action_load(self) -> None:
        from mentorlog.exchange.rubric_file import read_rubric

        def chosen(path: str | None) -> None:
            if path:
                self._apply(lambda: read_rubric(Path(path).expanduser(), self.found.levels))

        self.app.push_screen(RubricFileDialog(), chosen)

    def _apply(self, read: Callable[[], rubric.Preset]) -> None:
        from mentorlog.errors import MentorlogError
        from mentorlog.tui.screens.confirm import Confirm

        try:
            preset = read()
        except MentorlogError as exc:
            self.notify(str(exc), title="Not loaded", severity="error")
            return
        kept = {item.name.casefold() for item in preset.items}
        retiring = [c.name for c in self.found.active if c.name.casefold() not in kept]
        question = (f"Make the rubric {preset.title}: {plural(len(preset.items), 'competency', 'competencies')}, "
                    f"levels {', '.join(preset.levels)}?")  # fmt: skip
        if retiring:
            question += (f" {plural(len(retiring), 'competency', 'competencies')} of today's retire (their ratings "
                         f"stay): {', '.join(retiring)}.")  # fmt: skip

        def answer(sure: bool | None) -> None:
            if sure:
                app = self.mlapp
                self._write(lambda s: rubric.apply_preset(s, self.pair(s), preset, on=app.today), "The rubric is new")

        self.app.push_screen(Confirm(question, yes="Make it so"), answer)

    def _write(self, write: Callable[[sqlite3.Connection], object], said: str) -> None:
        def done(_: object) -> None:
            self.notify(said)
            self.reload()

        self.mlapp.writes.run(write, done=done)


class CompetencyForm(FormMixin, ModalScreen[int | None]):
    """A new competency, or an edit of one: name, code, group, description, and each level's descriptor."""

    def __init__(self, competency_id: int | None, levels: tuple[str, ...]) -> None:
        super().__init__()
        self.competency_id, self.levels = competency_id, levels

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form"):
            yield Label("Edit competency" if self.competency_id else "New competency", classes="dialog-question")
            yield from labelled("Name", Input(placeholder="Partnering with families"), "name")
            yield from labelled("Code (as the standard numbers it)", Input(placeholder="3b, CSTP 2.3"), "code")
            yield from labelled("Group (the standard or domain it sits under)", Input(), "group")
            yield from labelled("Description", TextArea(), "description")
            for n, level in enumerate(self.levels, start=1):
                yield from labelled(f"{n} {level}: what it looks like", Input(), f"descriptor-{n}")

    def on_mount(self) -> None:
        if self.competency_id:
            c = rubric.get_competency(self.mlapp.connection, self.pair(), self.competency_id)
            self.opened_at = c.updated_at
            self.query_one("#name", Input).value = c.name
            self.query_one("#code", Input).value = c.code
            self.query_one("#group", Input).value = c.group_name
            self.query_one("#description", TextArea).text = c.description
            for n, said in enumerate(c.descriptors[: len(self.levels)], start=1):
                self.query_one(f"#descriptor-{n}", Input).value = said
        self.query_one("#name", Input).focus()
        self.filled()

    def prepare(self) -> Callable[[sqlite3.Connection], int | None]:
        name = self.query_one("#name", Input).value
        code = self.query_one("#code", Input).value
        group = self.query_one("#group", Input).value
        description = self.query_one("#description", TextArea).text
        said = [self.query_one(f"#descriptor-{n}", Input).value for n in range(1, len(self.levels) + 1)]
        while said and not said[-1].strip():
            said.pop()
        competency_id, expected = self.competency_id, self.opened_at

        def write(s: sqlite3.Connection) -> int | None:
            pair = self.pair(s)
            fields: dict[str, Any] = {"code": code, "group": group, "description": description, "descriptors": said}
            if competency_id:
                return rubric.update_competency(s, pair, competency_id, name=name, expected=expected, **fields).id
            return rubric.add_competency(s, pair, name, **fields).id

        return write


class PresetPicker(ModalScreen[str | None]):
    """Which published standard's rubric to take."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="preset-picker.cancel"),
        *LIST_KEYS,
    ]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def action_list_move(self, step: int) -> None:
        list_move(self.focused, step)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label("Take the rubric of:", classes="dialog-question")
            yield OptionList(*(
                Option(f"{p.title} ({plural(len(p.items), 'competency', 'competencies')}; "
                       f"{', '.join(p.levels)})" + ("  ← now" if name == self.current else ""), id=name)
                for name, p in PRESETS.items()
            ), id="presets")  # fmt: skip

    def on_mount(self) -> None:
        options = self.query_one("#presets", OptionList)
        options.focus()
        options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class RubricFileDialog(ModalScreen[str | None]):
    """The path of a rubric file (CSV or TOML; rubric_file says the format)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel", id="rubric-file.cancel")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label("Load a rubric from a CSV or TOML file (columns: name, code, group, description, "
                        "'level: NAME'...; see the README)", classes="dialog-question")  # fmt: skip
            yield Input(placeholder="~/district-rubric.csv", id="rubric-path")

    def on_mount(self) -> None:
        self.query_one("#rubric-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)
