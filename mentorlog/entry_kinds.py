"""What each kind of entry holds, described once: its fields, how each is asked for, shown and searched.

Read by the entry form, the entry view, `show`, `log` (its options and their checks), the
Markdown export, the JSON import's checks, the search index, the new-entry picker, the
dashboard and the palette; how each field is typed, checked and laid out is its type's
(field_types.py). A field is an entry column of models.Entry (tests/test_entry_kinds.py
holds the two together); adding a kind is a spec here, its columns in models.py and the
schema, and a migration.
"""

# No `from __future__ import annotations`: NamedTuple checks string annotations by compiling
# each one, which cost quick capture a millisecond here.
from collections.abc import Callable
from typing import NamedTuple

from mentorlog.field_types import (
    BY,
    FACT,
    LIST,
    NEXT,
    SECTION,
    Checklist,
    Choice,
    Date,
    FieldType,
    Items,
    Line,
    Minutes,
    Scale,
    Text,
    Time,
)
from mentorlog.kinds import EntryKind, Rater, SessionMode


def session_activities() -> tuple[str, ...]:
    """The activities a session's checklist offers: the CAL's, or the program's list in config.toml."""
    from mentorlog import config

    return config.load().activities


# The types the kinds below use (field_types.py says what each does).
TEXT, LINE, ITEMS, MINUTES, DATE, TIME = Text(), Line(), Items(), Minutes(), Date(), Time()
ACTIVITIES = Checklist(session_activities)
FEELING = Scale(("very low", "low", "medium", "high", "very high"))  # how useful, how confident
MODE = Choice(tuple(SessionMode))
RATER = Choice(tuple(Rater), ("the mentee (self)", "the mentor"), place=BY)


class Field(NamedTuple):
    name: str  # the entry column
    label: str  # its heading in show, the entry view and the Markdown export
    type: FieldType
    prompt: str = ""  # the form's label, when it asks otherwise than the heading reads
    option: str = ""  # `mentorlog log --OPTION`
    help: str = ""  # the option's help, before what the type takes
    placed: str = ""  # where it is laid out, when not where its type places it (field_types)
    hint: str = ""  # the form's placeholder; {cadence} is the pair's days between sessions
    start: object = None  # what a new entry's form holds before anything is typed
    tall: bool = False  # a text the form gives room to (written at length)

    @property
    def asked(self) -> str:
        return self.prompt or self.label

    @property
    def dest(self) -> str:
        return self.option.removeprefix("--").replace("-", "_")

    @property
    def place(self) -> str:
        return self.placed or self.type.place

    @property
    def what(self) -> str:
        """The field as a message names it: "glow", "duration (minutes)", "next session"."""
        if self.type.repeated and self.option:
            return self.dest.replace("_", " ")
        name = self.name.removesuffix("_on").replace("_min", " (minutes)")
        return name.replace("_", " ")

    @property
    def option_help(self) -> str:
        hint = self.type.hint()
        return f"{self.help} ({hint})" if self.help and hint else self.help or hint

    def fact(self, value: object) -> str:
        """The field in an entry's one-line facts: `45 min`, `video`, `usefulness 4/5`."""
        return self.type.fact(self.name, value)


class Spec(NamedTuple):
    kind: str
    key: str  # its key in the new-entry picker
    summary: str  # what it holds, in the picker
    palette: str  # what it is for, in the palette
    fields: tuple[Field, ...] = ()
    loggable: bool = True  # `mentorlog log KIND` writes one (an assessment has `assess`)
    steps: bool = False  # agrees next steps (action items) and follows up open ones
    mark: str = "·"  # its mark in the dashboard's recent entries

    def placed(self, place: str) -> list[Field]:
        return [f for f in self.fields if f.place == place]

    def sections(self) -> list[Field]:
        return self.placed(SECTION)

    def lists(self) -> list[Field]:
        return self.placed(LIST)

    def facts(self, entry: object) -> list[str]:
        found = [(f, getattr(entry, f.name)) for f in self.placed(FACT)]
        return [f.fact(value) for f, value in found if value]

    def next_line(self, entry: object, escape: Callable[[str], str] = str) -> str:
        """ "Next session on DATE: focus" (or "date not set"), or "" when the kind has none or says nothing."""
        fields = self.placed(NEXT)
        day = next((getattr(entry, f.name) for f in fields if isinstance(f.type, Date)), None)
        focus = next((getattr(entry, f.name) for f in fields if not isinstance(f.type, Date)), "")
        if not fields or not (day or focus):
            return ""
        return f"Next session {f'on {day}' if day else 'date not set'}" + (f": {escape(focus)}" if focus else "")


SPECS: dict[str, Spec] = {
    EntryKind.SESSION: Spec(
        EntryKind.SESSION, "s", "agenda, notes, next steps, next date",
        "Log a session: agenda, notes, next steps and the next date",
        (
            Field("starts_at", "Start", TIME, "Started at (HH:MM)", "--start", "when it started", hint="15:30"),
            Field("duration_min", "Duration", MINUTES, "Minutes", "--duration", "minutes", start=45),
            Field("mode", "Mode", MODE, "Mode", "--mode", start=SessionMode.IN_PERSON.value),
            Field("activities", "What we did", ACTIVITIES, "What we did", "--activity", "what you did"),
            Field("agenda", "Agenda", TEXT, tall=True),
            Field("whats_working", "What's working", TEXT),
            Field("focus", "Challenges and concerns", TEXT),
            # Left empty, the next session is the cadence's days after this one (rules.cadence), counted
            # from the session's own date: a session logged late does not move it.
            Field("next_session_on", "Next session", DATE, "", "--next", "the next session's date",
                  hint="empty: {cadence} after this session; or next fri, in 2 weeks…"),
            Field("next_session_focus", "Next session's focus", LINE, placed=NEXT),
            Field("usefulness", "Usefulness", FEELING, "How useful was it?", "--usefulness", "how useful it felt"),
        ),
        steps=True,
        mark="◆",
    ),
    EntryKind.OBSERVATION: Spec(
        EntryKind.OBSERVATION, "o", "glows and grows from a lesson", "Glows and grows from a lesson you watched",
        (
            Field("context", "Context", LINE, "Context: class, subject, period", "--context", "class, subject, period",
                  placed=FACT),
            Field("focus", "Focus", LINE, "Focus of the observation"),
            Field("strengths", "Glows", ITEMS, "Glows: strengths, one per line", "--glow", "a strength"),
            Field("growth_areas", "Grows", ITEMS, "Grows: areas for growth, one per line", "--grow",
                  "an area for growth"),
            Field("agreed_next_step", "Agreed next step", TEXT),
        ),
        mark="◉",
    ),
    EntryKind.REFLECTION: Spec(
        EntryKind.REFLECTION, "r", "four prompts and your confidence", "Four prompts and a confidence rating",
        (
            Field("went_well", "What went well", TEXT, "What went well?"),
            Field("challenging", "What was challenging", TEXT, "What was challenging?"),
            Field("learned", "What I learned", TEXT, "What did I learn?"),
            Field("next_step", "Next step", TEXT, "What will I try next?"),
            Field("confidence", "Confidence", FEELING, "How confident do I feel?", "--confidence", "confidence"),
        ),
        mark="✎",
    ),
    EntryKind.ASSESSMENT: Spec(
        EntryKind.ASSESSMENT, "a", "rate the competency rubric", "Rate the competency rubric",
        (Field("rater", "Rated by", RATER),),
        loggable=False,
        mark="▦",
    ),
    EntryKind.NOTE: Spec(EntryKind.NOTE, "t", "anything else", "Anything else worth keeping", mark="•"),
}  # fmt: skip


def loggable() -> tuple[str, ...]:
    """The kinds `mentorlog log KIND` writes."""
    return tuple(kind for kind, spec in SPECS.items() if spec.loggable)


def spec_of(kind: str) -> Spec:
    """The kind's spec; a kind this version does not know (a newer journal's, an odd stored value)
    holds nothing of its own, so its entries still show their title, body and facts."""
    found = SPECS.get(kind)
    return found if found is not None else Spec(kind, "", "", "")


def searched() -> tuple[str, ...]:
    """The entry columns the full-text index covers beside the body: every text a kind holds."""
    names = [f.name for spec in SPECS.values() for f in spec.fields if f.type.searched]
    return tuple(dict.fromkeys(names))


def field_named(name: str) -> Field | None:
    """The first kind's field stored in column `name` (a column two kinds share is typed alike)."""
    return next((f for spec in SPECS.values() for f in spec.fields if f.name == name), None)


def options() -> dict[str, tuple[Field, list[str]]]:
    """`log`'s kind options: dest -> (the field, the kinds that take it)."""
    found: dict[str, tuple[Field, list[str]]] = {}
    for kind, spec in SPECS.items():
        for f in spec.fields:
            if f.option:
                found.setdefault(f.dest, (f, []))[1].append(kind)
    return found
