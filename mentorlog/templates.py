"""Entry templates: Markdown files in the config folder's `templates/` that prefill a new entry's notes.

A template belongs to a kind by its name: `session.md` is the session's template, and
`session-debrief.md` another one named `debrief` (`mentorlog log session --template debrief`,
or the new-entry menu's "Session from a template"). Its text may name these placeholders,
filled when the entry is written (journal.template_values):

    {date}          the entry's day                {pair}         "Ana Lopez & Sam Rivera"
    {mentor}        the mentor's name              {mentee}       the mentee's name
    {last_focus}    the last session's "next session's focus"
    {open_items}    the open action items, one "- " line each (who, and when due)
    {next_session}  the day the next session is planned for

A placeholder it does not know is left as typed, and named in one warning.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from mentorlog.errors import Invalid

PLACEHOLDERS = ("date", "pair", "mentor", "mentee", "last_focus", "open_items", "next_session")
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
MAX_TEMPLATE = 200_000  # characters: a template is a page or two, not a book


class Template(NamedTuple):
    kind: str
    name: str  # "" for the kind's own (`session.md`)
    path: Path

    @property
    def label(self) -> str:
        """As the new-entry menu offers it: "Session from the template “debrief” (session-debrief.md)"."""
        which = f"the template “{self.name}”" if self.name else "its template"
        return f"{self.kind.capitalize()} from {which} ({self.path.name})"


def folder() -> Path:
    from mentorlog import paths

    return paths.config_path().parent / "templates"


def templates(kind: str, where: Path | None = None) -> list[Template]:
    """The kind's templates, its own first, then by name."""
    found: list[Template] = []
    place = where or folder()
    if not place.is_dir():
        return found
    for path in sorted(place.glob(f"{kind}*.md")):
        stem = path.stem
        if stem == kind:
            found.insert(0, Template(kind, "", path))
        elif stem.startswith(f"{kind}-") and len(stem) > len(kind) + 1:
            found.append(Template(kind, stem[len(kind) + 1 :], path))
    return found


def find(kind: str, name: str, where: Path | None = None) -> Template:
    """The kind's template called `name` (`debrief`, `session-debrief`, or `session` for its own)."""
    wanted = name.strip().removesuffix(".md").removeprefix(f"{kind}-").casefold()
    found = templates(kind, where)
    for template in found:
        if template.name.casefold() == wanted or (not template.name and wanted in ("", kind)):
            return template
    known = ", ".join(t.name or kind for t in found) or "none yet"
    raise Invalid(f"no {kind} template {name!r} in {(where or folder())} (the {kind} templates: {known})")


def read(template: Template) -> str:
    try:
        text = template.path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise Invalid(f"{template.path.name} is not UTF-8 text") from None
    except OSError as exc:
        raise Invalid(f"cannot read {template.path}: {exc.strerror or exc}") from None
    if len(text) > MAX_TEMPLATE:
        raise Invalid(f"{template.path.name} is too long for a template ({len(text):,} characters)")
    return text


def fill(text: str, values: Mapping[str, str]) -> tuple[str, list[str]]:
    """The text with each known placeholder filled; the unknown ones (left as typed), in order, once each."""
    unknown: list[str] = []

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in values:
            return values[name]
        if name not in unknown:
            unknown.append(name)
        return match.group(0)

    return _PLACEHOLDER.sub(one, text), unknown


def warning(unknown: list[str]) -> str:
    """One line naming the placeholders a template used that mentorlog does not know."""
    named = ", ".join("{" + name + "}" for name in unknown)
    known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
    return f"left as typed: {named} (a template may use {known})"


# What `mentorlog demo` puts in the templates folder (never over a file of the same name).
DEMO: dict[str, str] = {
    "session-debrief.md": (
        "## Since last time\n\n{open_items}\n\n## Focus\n\nLast time we said: {last_focus}\n\n"
        "## What we agreed\n\n- \n\nNext session: {next_session}\n"
    ),
    "observation-walkthrough.md": (
        "## Walkthrough: {mentee}, {date}\n\n- Entry routine:\n- Objective posted:\n- Students on task:\n"
        "- One glow:\n- One grow:\n"
    ),
}


def ship_demo(where: Path | None = None) -> list[Path]:
    """Write the demo's templates into the templates folder, each only where no file of its name is; the
    files written."""
    import os

    from mentorlog.files import private_folder

    place = private_folder(where or folder())
    written = []
    for name, text in DEMO.items():
        path = place / name
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            continue  # the user's own file of that name stays as it is
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        written.append(path)
    return written
