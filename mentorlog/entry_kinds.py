"""What each kind of entry holds, described once: its fields, how each is asked for, shown and searched.

Read by the entry form, the entry view, `show`, `log` (its options and their checks), the
Markdown export, the search index, the new-entry picker and the palette. A field is an
entry column of models.Entry (tests/test_entry_kinds.py holds the two together); adding
a kind is a spec here, its columns in models.py and a migration.
"""

# No `from __future__ import annotations`: NamedTuple checks string annotations by compiling
# each one, which cost quick capture a millisecond here.
from typing import NamedTuple

from mentorlog.kinds import EntryKind

# How a field is typed, checked and shown.
TEXT = "text"  # several lines: a section of its own
LINE = "line"  # one line: a section of its own
LIST = "list"  # one item a line: bullets
MINUTES = "minutes"  # a whole number of minutes, in the facts line
MODE = "mode"  # a session mode, in the facts line
SCALE = "scale"  # 1-5, in the facts line
DATE = "date"  # a day to come
RATER = "rater"  # who rated an assessment
SECTIONED = (TEXT, LINE)
FACTS = (MINUTES, MODE, SCALE)


class Field(NamedTuple):
    name: str  # the entry column
    label: str  # its heading in show, the entry view and the Markdown export
    type: str
    prompt: str = ""  # the form's label, when it asks otherwise than the heading reads
    option: str = ""  # `mentorlog log --OPTION`
    help: str = ""  # the option's help
    metavar: str = "T"

    @property
    def asked(self) -> str:
        return self.prompt or self.label

    @property
    def dest(self) -> str:
        return self.option.removeprefix("--").replace("-", "_")

    def fact(self, value: object) -> str:
        """The field in an entry's one-line facts: `45 min`, `video`, `usefulness 4/5`."""
        if self.type == MINUTES:
            return f"{value} min"
        if self.type == SCALE:
            return f"{self.name} {value}/5"
        return str(value)


class Spec(NamedTuple):
    kind: EntryKind
    key: str  # its key in the new-entry picker
    summary: str  # what it holds, in the picker
    palette: str  # what it is for, in the palette
    fields: tuple[Field, ...] = ()
    loggable: bool = True  # `mentorlog log KIND` writes one (an assessment has `assess`)
    steps: bool = False  # agrees next steps (action items) and follows up open ones

    def sections(self) -> list[Field]:
        return [f for f in self.fields if f.type in SECTIONED]

    def lists(self) -> list[Field]:
        return [f for f in self.fields if f.type == LIST]

    def facts(self, entry: object) -> list[str]:
        found = [(f, getattr(entry, f.name)) for f in self.fields if f.type in FACTS]
        return [f.fact(value) for f, value in found if value]


SPECS: dict[str, Spec] = {
    EntryKind.SESSION: Spec(
        EntryKind.SESSION, "s", "agenda, notes, next steps, next date",
        "Log a session: agenda, notes, next steps and the next date",
        (
            Field("duration_min", "Duration", MINUTES, "Minutes", "--duration", "minutes", "MIN"),
            Field("mode", "Mode", MODE, "Mode", "--mode", "in-person, video, phone or async", "M"),
            Field("agenda", "Agenda", TEXT),
            Field("whats_working", "What's working", TEXT),
            Field("focus", "Challenges and concerns", TEXT),
            Field("next_session_on", "Next session", DATE, "", "--next", "the next session's date", "DATE"),
            Field("next_session_focus", "Next session's focus", LINE),
            Field("usefulness", "Usefulness", SCALE, "How useful was it?", "--usefulness", "how useful it felt, 1-5",
                  "N"),
        ),
        steps=True,
    ),
    EntryKind.OBSERVATION: Spec(
        EntryKind.OBSERVATION, "o", "glows and grows from a lesson", "Glows and grows from a lesson you watched",
        (
            Field("context", "Context", LINE, "Context: class, subject, period", "--context", "class, subject, period"),
            Field("focus", "Focus", LINE, "Focus of the observation"),
            Field("strengths", "Glows", LIST, "Glows: strengths, one per line", "--glow", "a strength"),
            Field("growth_areas", "Grows", LIST, "Grows: areas for growth, one per line", "--grow",
                  "an area for growth"),
            Field("agreed_next_step", "Agreed next step", TEXT),
        ),
    ),
    EntryKind.REFLECTION: Spec(
        EntryKind.REFLECTION, "r", "four prompts and your confidence", "Four prompts and a confidence rating",
        (
            Field("went_well", "What went well", TEXT, "What went well?"),
            Field("challenging", "What was challenging", TEXT, "What was challenging?"),
            Field("learned", "What I learned", TEXT, "What did I learn?"),
            Field("next_step", "Next step", TEXT, "What will I try next?"),
            Field("confidence", "Confidence", SCALE, "How confident do I feel?", "--confidence", "confidence 1-5", "N"),
        ),
    ),
    EntryKind.ASSESSMENT: Spec(
        EntryKind.ASSESSMENT, "a", "rate the competency rubric", "Rate the competency rubric",
        (Field("rater", "Rated by", RATER),),
        loggable=False,
    ),
    EntryKind.NOTE: Spec(EntryKind.NOTE, "t", "anything else", "Anything else worth keeping"),
}  # fmt: skip

LOGGABLE = tuple(kind for kind, spec in SPECS.items() if spec.loggable)


def spec_of(kind: str) -> Spec:
    """The kind's spec; a kind this version does not know (a newer journal's, an odd stored value)
    holds nothing of its own, so its entries still show their title, body and facts."""
    found = SPECS.get(kind)
    return found if found is not None else Spec(kind, "", "", "")  # type: ignore[arg-type]


def searched() -> tuple[str, ...]:
    """The entry columns the full-text index covers beside the body: every text a kind holds."""
    names = [f.name for spec in SPECS.values() for f in spec.fields if f.type in (*SECTIONED, LIST)]
    return tuple(dict.fromkeys(names))


def options() -> dict[str, tuple[Field, list[str]]]:
    """`log`'s kind options: dest -> (the field, the kinds that take it)."""
    found: dict[str, tuple[Field, list[str]]] = {}
    for kind, spec in SPECS.items():
        for f in spec.fields:
            if f.option:
                found.setdefault(f.dest, (f, []))[1].append(kind)
    return found
