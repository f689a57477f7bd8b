"""What every form shares: ctrl+s saves, Escape asks before throwing text away,
and a refused field is marked with its message; nothing is half-saved."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, TextArea

from mentorlog.errors import MentorlogError
from mentorlog.journal import versions
from mentorlog.tui import drafts
from mentorlog.tui.fields import FieldError as FieldError
from mentorlog.tui.pair_bound import PairBound

if TYPE_CHECKING:
    from mentorlog.tui.app import MentorlogApp


T = TypeVar("T")


class FieldRefused(MentorlogError):
    """Raised inside a form's transaction to refuse it on one field (the transaction is rolled back)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def labelled(label: str, widget: Widget, field: str) -> Iterator[Widget]:
    """A field: its label, the widget, and a place for its error."""
    yield Label(label, classes="field-label", id=f"{field}-label")
    widget.add_class("field")
    widget.id = widget.id or field
    yield widget
    yield Label("", id=f"{field}-error", classes="field-error")


class FormMixin(PairBound, Screen[Any]):
    """The base of every form (full screen, or with ModalScreen for a dialog): subclasses implement `save()`.

    It is a Screen itself, not a bare mixin, because Textual only collects BINDINGS
    and @on handlers from classes that are DOM nodes.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="form.save", tooltip="Save this form"),
        Binding(
            "escape", "cancel", "Cancel", id="form.cancel", tooltip="Leave the form (asks first if you typed anything)"
        ),
        # Where a key is not text (a select, a checkbox has focus), q leaves the form as Escape does;
        # in a text field it is typed.
        Binding("q", "cancel", "Cancel", show=False, id="form.cancel-q"),
        Binding("f1", "app.help", "Help", key_display="F1", id="form.help", tooltip="Every key of this form"),
        Binding("f4", "external_editor", "Editor", key_display="F4", id="form.editor",
                tooltip="Write the text field that has the focus in your editor ($VISUAL or $EDITOR)"),
    ]  # fmt: skip
    captures_keys = True
    _initial: tuple[object, ...] | None = None
    # Values of a draft to put back once the form has filled itself (see MentorlogApp.offer_draft).
    restore_values: dict[str, Any] | None = None
    _draft_timer: Timer | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if isinstance(self, ModalScreen):
            self.add_class("-modal")  # styled as a dialog (mentorlog.tcss says why the class is needed)

    async def _on_compose(self, event: events.Compose) -> None:
        # Before the form composes itself (Textual calls each class's handler, this one first): the form
        # is about the pair the window is on as it opens, and stays so whatever is chosen later.
        if self.mlapp.pair_id is not None:
            self.bind_pair(self.mlapp.pair_id)

    @property
    def mlapp(self) -> MentorlogApp:
        return self.app  # type: ignore[return-value]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F4 is offered where a text field has the focus (the footer shows it there only)."""
        if action == "external_editor":
            return isinstance(self.focused, TextArea) or None
        return True

    def action_external_editor(self) -> None:
        """The focused text field's text in the user's editor: the app hands the terminal over, and takes the
        text back when the editor is saved and closed (editing.py keeps the file private and removes it)."""
        from mentorlog import editing

        area = self.focused
        if not isinstance(area, TextArea):
            self.notify("Move to a text field first (a field of several lines)", title="Editor")
            return

        def run(argv: list[str]) -> int:
            import subprocess

            from textual.app import SuspendNotSupported

            try:
                with self.app.suspend():
                    return subprocess.call(argv)
            except SuspendNotSupported:
                if not self.app.is_headless:
                    raise OSError("this terminal cannot be handed to another program") from None
                return subprocess.call(argv, stdin=subprocess.DEVNULL)  # a test's editor, with no terminal

        try:
            area.text = editing.edit(area.text, run, in_memory_only=self.mlapp.journal.encrypted)
        except editing.EditorFailed as exc:
            self.notify(str(exc), title="Editor", severity="warning", timeout=8)
        self.refresh()

    def _field_values(self) -> tuple[object, ...]:
        values: list[object] = []
        for widget in self.query("Input, TextArea, Select, Checkbox, SelectionList"):
            if isinstance(widget, TextArea):
                values.append(widget.text)
            elif isinstance(widget, SelectionList):
                values.append(tuple(widget.selected))
            else:
                values.append(getattr(widget, "value", None))
        return tuple(values)

    def filled(self) -> None:
        """Call at the end of on_mount: what the form holds now is what 'unchanged' means."""
        self._initial = self._field_values()
        if self.restore_values:
            self._put_values(self.restore_values)
            self.restore_values = None

    # -- drafts: what is typed is on disk within a moment, so a crash loses nothing ------------

    def draft_spec(self) -> dict[str, Any] | None:
        """How to open this form again (None: this form keeps no drafts)."""
        return None

    def _named_fields(self) -> Iterator[tuple[str, Widget]]:
        for widget in self.query("Input, TextArea, Select, Checkbox"):
            name = widget.id or (widget.parent.id if isinstance(widget.parent, Widget) else None)
            if name:
                yield name, widget

    def _draft_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, widget in self._named_fields():
            value = widget.text if isinstance(widget, TextArea) else getattr(widget, "value", None)
            values[name] = value if isinstance(value, str | bool | int | float) or value is None else str(value)
        return values

    def _put_values(self, values: dict[str, Any]) -> None:
        for name, widget in self._named_fields():
            if name not in values:
                continue
            try:
                if isinstance(widget, TextArea):
                    widget.load_text(str(values[name]))
                else:
                    widget.value = values[name]  # type: ignore[attr-defined]
            except Exception:  # a choice that no longer exists: leave the field as it is
                continue

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _typed(self) -> None:
        if self._initial is None or self.draft_spec() is None:
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(0.3, self.save_draft)

    def save_draft(self) -> None:
        spec = self.draft_spec()
        if spec is None:
            return
        # A draft is a safety net: failing to write one must not stop the typing.
        with contextlib.suppress(OSError, MentorlogError, sqlite3.Error):
            if self.dirty:
                drafts.save(self.mlapp.journal, self.pair().uid, spec, self._draft_values())
            else:
                drafts.clear(self.mlapp.journal, self.pair().uid)

    def _forget_draft(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        if self.draft_spec() is not None:
            with contextlib.suppress(OSError, MentorlogError, sqlite3.Error):
                drafts.clear(self.mlapp.journal, self.pair().uid)

    @property
    def dirty(self) -> bool:
        return self._initial is not None and self._field_values() != self._initial

    def prepare(self) -> Callable[[sqlite3.Connection], object]:
        """Read the form (FieldError names a field it cannot read) and return the one journal call that saves
        it: the app runs it (waiting in a worker if another mentorlog is writing), then `saved(result)`."""
        raise NotImplementedError

    def action_save(self) -> None:
        self._clear_marks()
        action = self.read(self.prepare)
        if action is not None:
            self.mlapp.writes.run(action, done=self.saved, refused=self._refused)

    def read(self, reading: Callable[[], T]) -> T | None:
        """What `reading` makes of the form, or None once a field it cannot read is marked (or the
        refusal shown)."""
        try:
            return reading()
        except FieldError as exc:
            self._mark(exc.field, str(exc))
        except MentorlogError as exc:
            self._refused(exc)
        return None

    def _clear_marks(self) -> None:
        for label in self.query(".field-error"):
            label.remove_class("-shown")
        for field in self.query(".-invalid-field"):
            field.remove_class("-invalid-field")

    def _refused(self, exc: MentorlogError) -> None:
        """The journal's refusal, on the field it names (or as a notification); nothing was saved, and the
        form stays as the user left it."""
        if isinstance(exc, versions.Changed):
            self._conflict(exc)
        elif isinstance(exc, FieldRefused):
            self._mark(exc.field, str(exc))
        else:
            self._mark(_field_named_in(str(exc), self), str(exc))

    # -- two windows, one record: the one saved last must not silently win -------------------------

    # The record's `updated_at` when this form read it (forms that edit a record set it): saving checks the
    # record still has it (versions.Changed otherwise).
    opened_at: dt.datetime | None = None

    def _conflict(self, exc: versions.Changed) -> None:
        from mentorlog.tui.screens.conflict import MINE, THEIRS, ConflictDialog

        def answer(choice: str | None) -> None:
            if choice == MINE:
                self.opened_at = None  # the user has seen theirs: this save goes over it (theirs is a version)
                self.action_save()
            elif choice == THEIRS:
                self.take_theirs()
                self.notify("The form now shows what was saved in the other window", title="Reloaded")

        what = str(exc).split(" was changed")[0].capitalize()
        self.app.push_screen(ConflictDialog(what, self.conflict_rows(exc.current)), answer)

    def conflict_rows(self, current: dict[str, Any]) -> list[tuple[str, str, str]]:
        """The fields where what is stored now and what the form holds differ: (field, theirs, yours)."""
        rows = []
        for name, widget in self._named_fields():
            if name not in current:
                continue
            theirs, mine = _as_text(current[name]), _as_text(_widget_value(widget))
            if " ".join(theirs.split()) != " ".join(mine.split()):
                rows.append((name.replace("_", " ").capitalize(), theirs, mine))
        return rows

    def take_theirs(self) -> None:
        """Fill the form again from what is stored (forms that edit a record implement it)."""

    def saved(self, result: object) -> None:
        """After a successful save: by default, close the form with its result."""
        self._forget_draft()
        self.dismiss(result)

    def _mark(self, field: str | None, message: str) -> None:
        screen = self
        errors = screen.query(f"#{field}-error") if field else None
        if field and errors:
            errors.first().update(message)  # type: ignore[attr-defined]
            errors.first().add_class("-shown")
            widget = screen.query(f"#{field}")
            if widget:
                widget.first().add_class("-invalid-field")
                widget.first().focus()
        else:
            screen.notify(message, title="Not saved", severity="error")

    def action_cancel(self) -> None:
        screen = self
        if not self.dirty:
            self._forget_draft()
            screen.dismiss(None)
            return
        from mentorlog.tui.screens.confirm import Confirm

        def answer(discard: bool | None) -> None:
            if discard:
                self._forget_draft()
                screen.dismiss(None)

        question = f"Throw away what you typed into {self.what_is_typed()}?"
        screen.app.push_screen(Confirm(question, yes="Discard", no="Keep editing"), answer)

    def what_is_typed(self) -> str:
        """The form's record in words (`the session entry “Debrief of the lab”`), for a question that
        names what it throws away."""
        spec = self.draft_spec()
        if spec is None:
            return "this form"
        return drafts.describe({"spec": spec, "values": self._draft_values()})


def _field_named_in(message: str, screen: Screen[Any]) -> str | None:
    """The journal names a field at the start of its message ("title must not be empty")."""
    for field in screen.query(".field"):
        name = (field.id or "").replace("-", " ").replace("_", " ")
        if name and message.startswith(name):
            return field.id
    return None


def _widget_value(widget: Widget) -> object:
    return widget.text if isinstance(widget, TextArea) else getattr(widget, "value", None)


def _as_text(value: object) -> str:
    if isinstance(value, list | tuple):
        return "\n".join(str(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or value is Select.NULL:
        return ""
    return str(value)
