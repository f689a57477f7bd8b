"""What every form shares: ctrl+s saves, Escape asks before throwing text away,
and a refused field is marked with its message; nothing is half-saved."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy.exc import DBAPIError
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Label, SelectionList, TextArea

from mentorlog.errors import MentorlogError

if TYPE_CHECKING:
    from mentorlog.tui.app import MentorlogApp


class FieldError(Exception):
    """A field's input is wrong: shown under that field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def labelled(label: str, widget: Widget, field: str) -> Iterator[Widget]:
    """A field: its label, the widget, and a place for its error."""
    yield Label(label, classes="field-label")
    widget.add_class("field")
    widget.id = widget.id or field
    yield widget
    yield Label("", id=f"{field}-error", classes="field-error")


class FormMixin(Screen[Any]):
    """The base of every form (full screen, or with ModalScreen for a dialog): subclasses implement `save()`.

    It is a Screen itself, not a bare mixin, because Textual only collects BINDINGS
    and @on handlers from classes that are DOM nodes.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    _initial: tuple[object, ...] | None = None

    @property
    def mlapp(self) -> MentorlogApp:
        return self.app  # type: ignore[return-value]

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

    @property
    def dirty(self) -> bool:
        return self._initial is not None and self._field_values() != self._initial

    def save(self) -> object:
        raise NotImplementedError

    def action_save(self) -> None:
        screen = self
        for label in screen.query(".field-error"):
            label.remove_class("-shown")
        for field in screen.query(".-invalid-field"):
            field.remove_class("-invalid-field")
        try:
            result = self.save()
        except FieldError as exc:
            self._mark(exc.field, str(exc))
            return
        except MentorlogError as exc:
            self._mark(_field_named_in(str(exc), screen), str(exc))
            return
        except DBAPIError as exc:
            screen.notify(f"Not saved: {exc.orig or exc}", severity="error")
            return
        self.saved(result)

    def saved(self, result: object) -> None:
        """After a successful save: by default, close the form with its result."""
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
            screen.dismiss(None)
            return
        from mentorlog.tui.screens.confirm import Confirm

        def answer(discard: bool | None) -> None:
            if discard:
                screen.dismiss(None)

        screen.app.push_screen(Confirm("Throw away what you typed?", yes="Discard", no="Keep editing"), answer)


def _field_named_in(message: str, screen: Screen[Any]) -> str | None:
    """The journal names a field at the start of its message ("title must not be empty")."""
    for field in screen.query(".field"):
        name = (field.id or "").replace("-", " ").replace("_", " ")
        if name and message.startswith(name):
            return field.id
    return None
