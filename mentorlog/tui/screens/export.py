"""The export dialog: a format, a file, a date range, whether private entries go too, and (JSON) the history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select

from mentorlog.exchange import DEFAULT, FORMATS, check_destination, default_name, get_format, write_export
from mentorlog.exchange.options import ExportOptions
from mentorlog.files import WriteFailed
from mentorlog.journal.sharing import Scope
from mentorlog.tui.fields import FieldError, read_date
from mentorlog.tui.screens.form import FormMixin, labelled
from mentorlog.tui.screens.working import Job, Working
from mentorlog.tui.widgets.date_input import DateInput

PLAINTEXT = "The journal is encrypted; this file will not be: anyone who can read it can read what it holds."
FORMAT_CHOICES = [(f.label, f.name) for f in FORMATS.values()]


class ExportDialog(FormMixin, ModalScreen[Path | None]):
    """ctrl+s (or the button) writes the file whole; the result is where it went."""

    def __init__(self, folder: Path | None = None) -> None:
        super().__init__()
        self.folder = folder or Path.home()
        self._replace_ok = False  # the user has said the file there may go

    def compose(self) -> ComposeResult:
        today = self.mlapp.today
        # The buttons stay in sight at any height (80x24 too): only the fields scroll.
        with Vertical(classes="dialog form", id="export-dialog"):
            yield Label("Export the pair's history", classes="dialog-question")
            if self.mlapp.journal.encrypted:
                yield Label(PLAINTEXT, id="export-plaintext", classes="dialog-warning")
            with VerticalScroll(id="export-fields") as fields:
                fields.styles.max_height = self._room()
                yield from labelled("Format", Select(FORMAT_CHOICES, value=DEFAULT, allow_blank=False), "format")
                yield from labelled("File", Input(placeholder="~/mentorlog.md"), "file")
                with Horizontal(id="export-dates"):
                    with Vertical():
                        yield from labelled("From (optional)", DateInput(today=today, optional=True), "start")
                    with Vertical():
                        yield from labelled("To (optional)", DateInput(today=today, optional=True), "end")
                yield Checkbox("Include private entries", id="private")
                yield Checkbox("Include the trash and earlier versions", id="history", disabled=True)
            with Horizontal(classes="form-buttons", id="export-buttons"):
                yield Button("Export (ctrl+s)", variant="primary", id="export")
                yield Button("Cancel (esc)", id="cancel")

    _suggested = ""  # the file name the dialog offered (it follows the format until the user types one)

    # What the dialog needs besides its fields: its border, its title, its buttons.
    CHROME = 2 + 3 + 3

    @property
    def chrome(self) -> int:
        return self.CHROME + (2 if self.mlapp.journal.encrypted else 0)  # the line saying the file is plaintext

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        self.query_one("#export-fields").styles.max_height = self._room()

    def _room(self) -> int:
        """The rows the fields may take: they scroll within the room the terminal leaves, so the title and
        the buttons always show."""
        return max(3, self.app.size.height - self.chrome)

    def on_mount(self) -> None:
        self._suggested = _shown(self.folder / self._file_name(DEFAULT))
        self.query_one("#file", Input).value = self._suggested
        self.query_one("#format", Select).focus()
        self.filled()

    def _file_name(self, fmt: str) -> str:
        app = self.mlapp
        mentee = self.pair().mentee_name
        return default_name(get_format(fmt), mentee, app.today)

    @property
    def dirty(self) -> bool:
        """Only what the user typed is worth asking about: a file name or a date, not a format chosen (which
        renames the suggested file itself)."""
        if not self.is_mounted:
            return False
        typed = self.query_one("#file", Input).value != self._suggested
        dates = any(self.query_one(f"#{name}", DateInput).text.strip() for name in ("start", "end"))
        return typed or dates

    @on(Select.Changed, "#format")
    def _suffix_follows_format(self, event: Select.Changed) -> None:
        field = self.query_one("#file", Input)
        path = Path(field.value)
        suffixes = {f.suffix for f in FORMATS.values()}
        if path.suffix in suffixes:
            suggested = field.value == self._suggested
            field.value = str(path.with_suffix(get_format(str(event.value)).suffix))
            if suggested:
                self._suggested = field.value
        history = self.query_one("#history", Checkbox)
        history.disabled = not get_format(str(event.value)).history
        if history.disabled:
            history.value = False

    @on(Button.Pressed, "#export")
    def _export_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        """An export writes a file, not the journal: it is read here, and the file written whole.
        A file that is there already is replaced only once the user says so."""
        self._clear_marks()
        target = Path(self.query_one("#file", Input).value.strip()).expanduser()
        if target.is_file() and not self._replace_ok:
            from mentorlog.tui.screens.confirm import Confirm

            def answer(replace: bool | None) -> None:
                if replace:
                    self._replace_ok = True
                    self.action_save()

            self.app.push_screen(Confirm(f"{target} exists. Replace it?", yes="Replace it", no="Keep it"), answer)
            return
        self._replace_ok = False
        result = self.read(self.export)
        if result is not None:
            self.saved(result)

    def export(self) -> tuple[Path, Job]:
        app = self.mlapp
        fmt = get_format(str(self.query_one("#format", Select).value))
        text = self.query_one("#file", Input).value.strip()
        if not text:
            raise FieldError("file", "say where to write the export")
        target = Path(text).expanduser()
        start = read_date(self.query_one("#start", DateInput), "start")
        end = read_date(self.query_one("#end", DateInput), "end")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and start > end:
            raise FieldError("end", f"{end} is before {start}: nothing would be exported")
        scope = Scope(start, end, self.query_one("#private", Checkbox).value)
        try:
            check_destination(target, journal=app.journal.path)
        except WriteFailed as exc:
            raise FieldError("file", str(exc)) from None
        with_history = self.query_one("#history", Checkbox).value
        pair = self.pair()

        def job(progress: Callable[[float], None]) -> str:
            options = ExportOptions(pair, app.today, scope, with_history=with_history, progress=progress,
                                    requirement=app.settings.requirement)  # fmt: skip
            with app.journal.own_connection() as connection:
                write_export(connection, fmt, options, target, journal=app.journal.path)
            return f"Exported to {target}"

        return target, job

    def saved(self, result: object) -> None:
        """The dialog closes and the export goes on in a worker, which says when it is done."""
        assert isinstance(result, tuple)
        target: Path = result[0]
        job: Job = result[1]
        self.dismiss(target)
        self.app.push_screen(Working(f"Exporting to {target}", job, done_title="Export", failed_title="Not exported"))


def _shown(path: Path) -> str:
    """A path as a user writes it: under their home folder, as `~/...` (what the field reads is expanded)."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)
