"""A form per entry kind, new or edited: ctrl+s saves, Escape asks before discarding."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Checkbox, Footer, Header, Input, Label, Select, SelectionList, TextArea

from mentorlog.entry_kinds import spec_of
from mentorlog.field_types import BY, NEXT
from mentorlog.journal import assessments, entries, group_sessions, pairs
from mentorlog.journal.assessments import RatingInput
from mentorlog.journal.entries import NextStep
from mentorlog.kinds import EntryKind, Role, own_rater
from mentorlog.tui.field_widgets import Asking, lines, widget_for
from mentorlog.tui.fields import FieldError, read_date
from mentorlog.tui.screens.form import FormMixin, labelled
from mentorlog.tui.widgets.choices import choose
from mentorlog.tui.widgets.date_input import DateInput
from mentorlog.words import listed, plural

if TYPE_CHECKING:
    import sqlite3

    from mentorlog.models import Competency, Entry

AUTHORS = [("the mentor", Role.MENTOR.value), ("the mentee", Role.MENTEE.value)]


class EntryForm(FormMixin, Screen[int | None]):
    def __init__(
        self,
        kind: str,
        entry_id: int | None = None,
        *,
        agenda: str = "",
        follow_up: list[tuple[int, str]] | None = None,
        rater: str | None = None,
        group_with: Sequence[int] = (),
        template: str | None = None,
    ) -> None:
        """`agenda` and `follow_up` (open action items to tick off) come from session prep; `rater` is who
        an assessment's ratings are by (a pair's closing asks for each); `group_with`: the other pairs of
        a group session, each of which gets a session of its own (journal.group_sessions)."""
        super().__init__()
        self.kind = kind
        self.entry_id = entry_id
        self.agenda = agenda
        self.follow_up = follow_up or []
        self.rater = rater
        self.group_with = list(group_with)
        self.group_uid: str | None = None  # an edited session's group, if it was one
        self.template = template  # a new entry's notes start from this template (templates.py)

    def draft_spec(self) -> dict[str, object]:
        return {"form": "entry", "kind": self.kind, "entry_id": self.entry_id}  # a template's text is in the draft

    def compose(self) -> ComposeResult:
        app = self.mlapp
        choices = entries.entry_choices(app.connection, self.pair())
        self.rubric, active = choices.rubric, choices.goals
        self.levels = tuple(choices.pair.rubric_levels)
        self.owner_role, self.cadence_days = choices.pair.owner_role, choices.pair.cadence_days
        verb = "Edit" if self.entry_id else "New"
        yield Header()
        with VerticalScroll(classes="form", id="entry-form"):
            yield Label(f"{verb} {'group session' if self.group_with else self.kind}", classes="form-title")
            if self.group_with:
                others = [
                    pairs.called(app.connection, pairs.get_pair(app.connection, other)) for other in self.group_with
                ]
                yield Label(f"With {listed(others, 'and')} too: each pair gets this session as its own (its next "
                            "steps and private flag too).", classes="form-help")  # fmt: skip
            yield from labelled("Title", Input(placeholder=f"What this {self.kind} was about"), "title")
            yield from labelled("When", DateInput("today", today=app.today, happened=True), "on")
            author = Role.MENTEE.value if self.kind == EntryKind.REFLECTION else self.owner_role
            yield from labelled("Written by", Select(AUTHORS, allow_blank=False, value=author), "author")
            yield from self._kind_fields()
            yield from labelled("Notes (Markdown)", TextArea(classes="tall"), "body")
            yield from labelled("Tags (space-separated)", Input(placeholder="routines planning"), "tags")
            if active:
                yield from labelled(
                    "Evidence for goals", SelectionList[int](*((goal.title, goal.id or 0) for goal in active)), "goals"
                )
            yield Checkbox("Private: never leaves this file unless asked", id="private")
        yield Footer()

    def _kind_fields(self) -> Iterator[Widget]:
        """The kind's own fields, as entry_kinds.SPECS lists them, each asked for with its type's widget;
        a session's next steps lead to its next date."""
        spec = spec_of(self.kind)
        asking = Asking(self.mlapp.today, self.cadence_days)
        stepped = False
        for field in spec.fields:
            if field.place == NEXT and spec.steps and not stepped:
                stepped = True
                yield from self._steps()
            # A new entry starts from the field's usual value; an edited one shows what it holds, unsaid too.
            start = self._rater() if field.place == BY else (None if self.entry_id else field.start)
            yield from labelled(field.asked, widget_for(field).make(field, asking, start), field.name)
        if self.kind == EntryKind.ASSESSMENT:
            for competency in self.rubric:
                code = f"{competency.code} " if competency.code else ""
                yield Label(code + competency.name, classes="field-label")
                with Horizontal(classes="rating-row"):
                    yield Select(self._levels(competency), prompt="(not rated)", id=f"level-{competency.position}")
                    yield Input(placeholder="evidence", id=f"evidence-{competency.position}")
                yield Label("", id=f"descriptor-{competency.position}", classes="form-help descriptor")

    def _levels(self, competency: Competency) -> list[tuple[str, int]]:
        """The rubric's levels, each with what it looks like for this competency where that is written."""
        said = list(competency.descriptors)
        return [(f"{n} {name}" + (f": {said[n - 1]}" if n <= len(said) and said[n - 1] else ""), n)
                for n, name in enumerate(self.levels, start=1)]  # fmt: skip

    @on(Select.Changed, ".rating-row Select")
    def _show_descriptor(self, event: Select.Changed) -> None:
        """Beside the chosen level: what it looks like for this competency (the rubric's descriptor)."""
        position = (event.select.id or "").removeprefix("level-")
        competency = next((c for c in self.rubric if str(c.position) == position), None)
        if competency is None or not self.query(f"#descriptor-{position}"):
            return
        level = _chosen(event.select)
        said = list(competency.descriptors)
        text = said[level - 1] if isinstance(level, int) and 1 <= level <= len(said) else ""
        shown = f"{self.levels[level - 1]}: {text}" if text and level <= len(self.levels) else ""
        self.query_one(f"#descriptor-{position}", Label).update(shown)

    def _rater(self) -> str:
        """Whose ratings a new assessment holds: as asked, else whose journal this is."""
        return self.rater or own_rater(self.owner_role).value

    def _steps(self) -> Iterator[Widget]:
        if self.follow_up:
            yield from labelled(
                "Action items followed up: tick the ones done (they close when this is saved)",
                SelectionList[int](*((text, item_id) for item_id, text in self.follow_up)),
                "close_actions",
            )
        if not self.entry_id:
            yield from labelled("The mentee's next steps, one per line", TextArea(), "mentee_steps")
            yield from labelled("The mentor's next steps, one per line", TextArea(), "mentor_steps")

    def on_mount(self) -> None:
        if self.entry_id:
            self._fill()
        if self.agenda:
            self.query_one("#agenda", TextArea).text = self.agenda
        if self.template is not None and not self.entry_id:
            self._from_template(self.template)
        self.query_one("#title", Input).focus()
        self.filled()

    def _from_template(self, name: str) -> None:
        """The notes start from the template, its placeholders filled from the pair's journal; a placeholder
        mentorlog does not know is left as typed and named in one notice."""
        from mentorlog import templates
        from mentorlog.errors import MentorlogError
        from mentorlog.journal.template_values import template_values

        app = self.mlapp
        try:
            text = templates.read(templates.find(self.kind, name))
        except MentorlogError as exc:
            self.notify(str(exc), title="Template", severity="warning")
            return
        values = template_values(app.connection, self.pair(), on=app.today, today=app.today)
        filled, unknown = templates.fill(text, values)
        self.query_one("#body", TextArea).text = filled
        if unknown:
            self.notify(templates.warning(unknown), title=f"Template {name or self.kind}", severity="warning")

    def _fill(self) -> None:
        app = self.mlapp
        view = entries.get_entry(app.connection, self.pair(), self.entry_id or 0)
        ratings = view.ratings
        e = view.entry
        self.opened_at = e.updated_at
        self.group_uid = e.group_uid
        self.query_one("#title", Input).value = e.title
        self.query_one("#on", DateInput).query_one(Input).value = str(e.on)
        choose(self.query_one("#author", Select), AUTHORS, e.author)
        self.query_one("#body", TextArea).text = e.body
        self.query_one("#tags", Input).value = " ".join(view.tags)
        self.query_one("#private", Checkbox).value = e.private
        if self.query("#goals"):
            selection = self.query_one("#goals", SelectionList)
            for goal in view.goals:
                selection.select(goal.id or 0)
        for field in spec_of(self.kind).fields:
            widget_for(field).fill(self.query_one(f"#{field.name}"), field, getattr(e, field.name, None))
        shown = {c.id for c in self.rubric}
        for competency, rating in ratings:
            if competency.id not in shown:
                continue  # retired since: it keeps its rating, which no form changes
            choose(self.query_one(f"#level-{competency.position}", Select), self._levels(competency), rating.level)
            self.query_one(f"#evidence-{competency.position}", Input).value = rating.evidence

    # -- reading the form -----------------------------------------------------------------------

    def _fields(self) -> dict[str, Any]:
        """The kind's own fields, as the journal takes them (an assessment's rater goes with its ratings)."""
        fields = [f for f in spec_of(self.kind).fields if f.place != BY]
        return {f.name: widget_for(f).read(self.query_one(f"#{f.name}"), f) for f in fields}

    def _ratings(self) -> list[RatingInput]:
        ratings = []
        for competency in self.rubric:
            level = _chosen(self.query_one(f"#level-{competency.position}", Select))
            evidence = self.query_one(f"#evidence-{competency.position}", Input).value
            if level is not None:
                ratings.append(RatingInput(str(competency.position), level, evidence))
            elif evidence.strip():
                raise FieldError("title", f"{competency.name}: evidence without a level; choose a level")
        if not ratings:
            raise FieldError("title", "rate at least one competency")
        return ratings

    def prepare(self) -> Callable[[sqlite3.Connection], Entry]:
        common: dict[str, Any] = {
            "on": read_date(self.query_one("#on", DateInput), "on"),
            "title": self.query_one("#title", Input).value,
            "body": self.query_one("#body", TextArea).text,
            "author": str(self.query_one("#author", Select).value),
            "private": self.query_one("#private", Checkbox).value,
            "tags": self.query_one("#tags", Input).value.replace(",", " ").split(),
            "goal_ids": list(self.query_one("#goals", SelectionList).selected) if self.query("#goals") else [],
        }
        fields = self._fields()
        ratings = self._ratings() if self.kind == EntryKind.ASSESSMENT else []
        rater = str(self.query_one("#rater", Select).value) if self.query("#rater") else ""
        steps = [NextStep(t, Role.MENTEE) for t in lines(self._text("mentee_steps"))]
        steps += [NextStep(t, Role.MENTOR) for t in lines(self._text("mentor_steps"))]
        ticked = self._ticked()
        expected, reach_group = self.opened_at, self.reach_group

        def write(connection: sqlite3.Connection) -> Entry:
            pair = self.pair(connection)
            if self.entry_id and self.group_uid:  # a group's session: its shared fields may reach the others
                return group_sessions.update_session(connection, pair, self.entry_id, reach_group=reach_group,
                                                     **common, **fields, expected=expected)  # fmt: skip
            if self.entry_id:  # one edit, one earlier version: undo brings back all of it
                return entries.update_entry(
                    connection, pair, self.entry_id, **common, **fields, ratings=ratings or None, expected=expected
                )
            if self.group_with:  # one session in each pair of the group, in one transaction
                held = [pair, *(pairs.get_pair(connection, other) for other in self.group_with)]
                return group_sessions.add_group_session(connection, held, next_steps=steps, **common, **fields)[0]
            if self.kind == EntryKind.ASSESSMENT:
                return assessments.record_assessment(
                    connection, pair, ratings, rater=rater, on=common["on"], note=common["body"],
                    private=common["private"], title=common["title"], tags=common["tags"], goal_ids=common["goal_ids"],
                )  # fmt: skip
            # The open items ticked as followed up close with the session, in its transaction.
            return entries.add_entry(connection, pair, kind=self.kind, next_steps=steps, close_actions=ticked,
                                     **common, **fields)  # fmt: skip

        return write

    def take_theirs(self) -> None:
        self._fill()
        self.filled()

    reach_group = False  # the user said an edit of this group session's shared fields reaches the others

    def action_save(self) -> None:
        """An edit of a group session's shared fields (date, minutes, agenda, notes) asks first whether it
        reaches the group's other sessions too."""
        if not (self.entry_id and self.group_uid) or not self._shared_changed():
            self.reach_group = False
            super().action_save()
            return
        from mentorlog.tui.screens.confirm import Choose

        others = group_sessions.siblings(self.mlapp.connection, entries.get_entry(self.mlapp.connection, self.pair(),
                                                                                  self.entry_id).entry)  # fmt: skip
        names = listed([pairs.called(self.mlapp.connection, pairs.get_pair(self.mlapp.connection, o.pair_id))
                        for o in others], "and") if others else ""  # fmt: skip

        def answer(choice: str | None) -> None:
            if choice is None:
                return
            self.reach_group = choice == "all"
            super(EntryForm, self).action_save()

        if not others:
            super().action_save()
            return
        question = (f"This session was held with {names} too. Change its date, minutes, agenda and notes in "
                    f"their {plural(len(others), 'session')} as well?")  # fmt: skip
        choices = [("a", f"All {plural(len(others) + 1, 'session')}", "all"), ("o", "Only this one", "one"),
                   ("n", "Back to the form", "")]  # fmt: skip
        self.app.push_screen(Choose(question, choices, danger=frozenset()), answer)

    def _shared_changed(self) -> bool:
        """Whether a field the group shares differs from what the form opened with."""
        if self._initial is None:
            return False
        before = dict(zip(self._shared_names(), self._initial_shared, strict=False))
        return before != dict(zip(self._shared_names(), self._shared_now(), strict=False))

    def _shared_names(self) -> list[str]:
        return [name for name in group_sessions.SHARED if self.query(f"#{name}")]

    def _shared_now(self) -> list[object]:
        found: list[object] = []
        for name in self._shared_names():
            widget = self.query_one(f"#{name}")
            found.append(widget.text if isinstance(widget, TextArea | DateInput) else getattr(widget, "value", None))
        return found

    def filled(self) -> None:
        super().filled()
        self._initial_shared = self._shared_now()

    def saved(self, result: object) -> None:
        entry_id, title = getattr(result, "id", None), getattr(result, "title", "")
        if entry_id is not None:
            self.notify(title, title=f"{self.kind.capitalize()} saved")
        super().saved(entry_id)

    def _ticked(self) -> list[int]:
        found = self.query("#close_actions")
        return list(found.first(SelectionList).selected) if found else []

    def _text(self, field: str) -> str:
        found = self.query(f"#{field}")
        return found.first().text if found else ""  # type: ignore[attr-defined]


def _chosen(select: Select[Any]) -> Any:
    value = select.value
    return None if value is Select.NULL else value
