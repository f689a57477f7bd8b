"""What an entry holds and how its fields are checked, apart from how it is stored.

The fields of each kind are entry_kinds.SPECS'; this is how the journal checks them.
"""

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from mentorlog import validate
from mentorlog.entry_kinds import SPECS, Field
from mentorlog.errors import Invalid
from mentorlog.kinds import Role

TITLE_LENGTH = 80


def held(kind: str) -> dict[str, Field]:
    """The kind-specific fields an entry of `kind` may carry (entry_kinds.SPECS)."""
    spec = SPECS.get(kind)
    return {f.name: f for f in spec.fields} if spec else {}


def kind_named(kind: str) -> str:
    """An entry kind SPECS holds, as typed in any case; Invalid names the kinds."""
    found = kind.strip().lower() if isinstance(kind, str) else ""
    if found not in SPECS:
        raise Invalid(f"kind must be one of {', '.join(SPECS)} (not {kind!r})")
    return found


class NextStep(NamedTuple):
    """An action item agreed in a session."""

    text: str
    owner: str = Role.MENTEE
    due_on: dt.date | None = None


# Words whose full stop does not end a sentence ("Dr. Patel", "e.g. the timer"); a single capital
# letter ("J. Lee") is an initial.
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "mx", "dr", "prof", "st", "sr", "jr", "mt", "fr", "rev", "gen", "capt", "lt", "sgt",
    "e.g", "i.e", "eg", "ie", "vs", "cf", "approx", "fig", "no", "nos", "vol", "ch", "pp", "p", "ca",
    "a.m", "p.m", "ph.d", "u.s", "u.k",
})  # fmt: skip
_SENTENCE_END = re.compile(r"[.?!]+(?=\s)")


def split_title(text: str) -> tuple[str, str]:
    """Quick capture: the first sentence or line is the title, the rest the body."""
    text = text.strip()
    first_line, _, rest = text.partition("\n")
    for end in _SENTENCE_END.finditer(first_line):
        head = first_line[: end.start()]
        if len(head) >= TITLE_LENGTH:
            break
        if end.group() == "." and _abbreviated(head):
            continue
        tail = first_line[end.end() :]
        return head + end.group(), (tail + ("\n" + rest if rest else "")).strip()
    if len(first_line) <= TITLE_LENGTH:
        return first_line, rest.strip()
    cut = first_line.rfind(" ", 0, TITLE_LENGTH)
    cut = cut if cut > 20 else TITLE_LENGTH
    return first_line[:cut].rstrip() + "…", text


def _abbreviated(head: str) -> bool:
    word = head.rsplit(maxsplit=1)[-1] if head.strip() else ""
    return word.casefold() in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def kind_fields(kind: str, fields: dict[str, Any], stored: object | None = None) -> dict[str, Any]:
    """The kind-specific fields, each checked as the journal stores it; Invalid names one it has not. `stored`:
    the entry an edit changes (what it already holds stays valid: field_types.FieldType.kept)."""
    own = held(kind)
    unknown = set(fields) - set(own)
    if unknown:
        raise Invalid(f"a {kind} has no {', '.join(sorted(unknown))}")
    if stored is None:
        return {name: own[name].type.check(value, own[name].what) for name, value in fields.items()}
    return {name: own[name].type.kept(value, own[name].what, getattr(stored, name)) for name, value in fields.items()}


class NewEntry(NamedTuple):
    """An entry as it will be stored: every field checked, nothing written yet."""

    kind: str
    on: dt.date
    author: str
    private: bool
    title: str
    body: str
    fields: dict[str, Any]
    tags: list[str]
    next_steps: list[NextStep]
    group_uid: str | None = None  # a session held with other pairs too
    closing: bool = False  # part of the pair's closing (a final assessment, the closing reflection)

    def columns(self) -> dict[str, Any]:
        """The entry row's own columns (all but the pair), as both writers store them."""
        common = {"kind": self.kind, "on": self.on, "author": self.author, "private": self.private}
        marks = {"group_uid": self.group_uid, "closing": self.closing}
        return common | {"title": self.title, "body": self.body, **self.fields} | marks


def check_new_entry(
    *,
    kind: str,
    on: dt.date,
    title: str,
    body: str = "",
    author: str,
    private: bool = False,
    tags: Sequence[str] = (),
    next_steps: Sequence[NextStep] = (),
    group_uid: str | None = None,
    closing: bool = False,
    **fields: Any,
) -> NewEntry:
    """Check a new entry of any kind; raises Invalid with the first thing wrong."""
    kind = kind_named(kind)
    if next_steps and not SPECS[kind].steps:
        raise Invalid("only a session creates action items")
    checked = kind_fields(kind, fields)
    steps = [
        NextStep(
            validate.line(step.text, "action item", required=True),
            validate.choice(step.owner, Role, "owner"),
            validate.day(step.due_on, "due date") or checked.get("next_session_on"),
        )
        for step in next_steps
    ]
    return NewEntry(
        kind=kind,
        on=validate.day(on, "date") or on,
        author=validate.choice(author, Role, "author"),
        private=bool(private),
        title=validate.line(title, "title", required=True),
        body=validate.text(body, "body"),
        fields=checked,
        tags=validate.tags(tags),
        next_steps=steps,
        group_uid=group_uid,
        closing=bool(closing),
    )
