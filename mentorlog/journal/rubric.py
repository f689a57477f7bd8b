"""A pair's rubric: its level scale and its competencies, edited without losing a rating.

The rubric is the pair's own: a preset it started from (rubric_presets) or a file of the
user's, a level scale of 3 to 5 named levels, and competencies in order, optionally under
groups. Nothing here deletes a competency: one taken out is retired (its ratings stay, and
growth still shows them), and a rating keeps the name of the level it was given under
(rating.level_label), so a switch of scale never rewrites what was said. Every change is
an edit the history keeps (versions.edit).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorlog import validate
from mentorlog.db import writes
from mentorlog.db.tables import COMPETENCY, GOAL, PAIR
from mentorlog.db.transactions import reading
from mentorlog.errors import Invalid, NotFound
from mentorlog.journal import pairs, versions
from mentorlog.journal.pair_writes import pair_action
from mentorlog.journal.ratings import find_competency, level_number
from mentorlog.rubric_presets import PRESETS, Item, Preset

if TYPE_CHECKING:
    from mentorlog.models import Competency, Pair

MIN_LEVELS, MAX_LEVELS = 3, 5


class Rubric(NamedTuple):
    preset: str
    levels: tuple[str, ...]
    competencies: list[Competency]  # active ones first, in order; then the retired

    @property
    def active(self) -> list[Competency]:
        return [c for c in self.competencies if c.retired_on is None]

    def level_label(self, level: int) -> str:
        return self.levels[level - 1] if 1 <= level <= len(self.levels) else str(level)


@reading
def rubric_of(connection: sqlite3.Connection, pair: Pair) -> Rubric:
    current = pairs.get_pair(connection, pair.id or 0)
    every = pairs.competencies(connection, current, retired=True)
    return Rubric(current.rubric_preset, pairs.rubric_levels(connection, current), every)


def _find(connection: sqlite3.Connection, pair: Pair, ref: str) -> Competency:
    return find_competency(pairs.competencies(connection, pair), ref)


def _save(
    connection: sqlite3.Connection, order: list[Competency], changes: dict[int, dict[str, Any]] | None = None
) -> None:
    """Give each competency of `order` its `changes` and its place (the active ones 1..n in that order, the
    retired after them) as one edit of it: one user action keeps one version of each record it changed."""
    changes = changes or {}

    def retired(c: Competency) -> bool:
        return changes.get(c.id or 0, {}).get("retired_on", c.retired_on) is not None

    placed = [c for c in order if not retired(c)] + [c for c in order if retired(c)]
    for position, competency in enumerate(placed, start=1):
        wanted = dict(changes.get(competency.id or 0, {}))
        if competency.position != position:
            wanted["position"] = position
        if wanted:
            versions.edit(connection, COMPETENCY, competency.id or 0, wanted)


def _name(name: str, what: str = "name") -> str:
    return validate.line(name, f"competency {what}", required=True)


def _free(connection: sqlite3.Connection, pair: Pair, name: str, but: int | None = None) -> None:
    """A name no other competency of the pair has (a retired one's too: it is still in the history)."""
    for c in pairs.competencies(connection, pair, retired=True):
        if c.name.casefold() == name.casefold() and c.id != but:
            state = " (retired: `rubric preset` or `add` of its name brings it back)" if c.retired_on else ""
            raise Invalid(f"the rubric has a competency named {c.name!r} already{state}")


@pair_action
def add_competency(
    connection: sqlite3.Connection,
    pair: Pair,
    name: str,
    *,
    code: str = "",
    group: str = "",
    description: str = "",
    descriptors: list[str] | None = None,
) -> Competency:
    """A new competency at the end of the rubric; a retired one of that name comes back instead."""
    name = _name(name)
    levels = pairs.rubric_levels(connection, pair)
    said = [validate.text(text, "descriptor") for text in descriptors or []]
    if len(said) > len(levels):
        raise Invalid(f"{len(said)} level descriptors; the rubric has {len(levels)} levels")
    for c in pairs.competencies(connection, pair, retired=True):
        if c.name.casefold() == name.casefold() and c.retired_on is not None:
            others = [r for r in _retired(connection, pair) if r.id != c.id]
            _save(connection, [*pairs.competencies(connection, pair), c, *others], {c.id or 0: {"retired_on": None}})
            return _get(connection, c.id or 0)
    _free(connection, pair, name)
    found = writes.insert(connection, COMPETENCY, {
        "pair_id": pair.id, "name": name, "position": 10_000, "code": validate.line(code, "code"),
        "group_name": validate.line(group, "group"), "description": validate.text(description, "description"),
        "descriptors": said,
    })  # fmt: skip
    _save(connection, pairs.competencies(connection, pair, retired=True))
    return _get(connection, found)


def _retired(connection: sqlite3.Connection, pair: Pair) -> list[Competency]:
    return [c for c in pairs.competencies(connection, pair, retired=True) if c.retired_on is not None]


def _get(connection: sqlite3.Connection, competency_id: int) -> Competency:
    found = COMPETENCY.get(connection, competency_id)
    assert found is not None
    return found


@pair_action
def rename_competency(connection: sqlite3.Connection, pair: Pair, ref: str, name: str) -> Competency:
    """A new name; its ratings are its still (a rating names it by its record, not its words)."""
    competency = _find(connection, pair, ref)
    name = _name(name)
    _free(connection, pair, name, but=competency.id)
    versions.edit(connection, COMPETENCY, competency.id or 0, {"name": name})
    _goals_follow(connection, pair, competency.name, name)
    return _get(connection, competency.id or 0)


def _goals_follow(connection: sqlite3.Connection, pair: Pair, old: str, new: str) -> None:
    """The goals that name a renamed competency name it as it is called now (an edit of each)."""
    if old == new:
        return
    for goal in GOAL.select(connection, "pair_id = ? AND competency = ?", (pair.id, old)):
        versions.edit(connection, GOAL, goal.id or 0, {"competency": new})


@pair_action
def update_competency(
    connection: sqlite3.Connection,
    pair: Pair,
    competency_id: int,
    *,
    name: str,
    code: str,
    group: str,
    description: str,
    descriptors: list[str],
    expected: dt.datetime | None = None,
) -> Competency:
    """Edit a competency whole (the rubric editor's form): one edit, its earlier version kept."""
    competency = get_competency(connection, pair, competency_id)
    name = _name(name)
    _free(connection, pair, name, but=competency.id)
    levels = pairs.rubric_levels(connection, pair)
    if len(descriptors) > len(levels):
        raise Invalid(f"{len(descriptors)} level descriptors; the rubric has {len(levels)} levels")
    changes = {"name": name, "code": validate.line(code, "code"), "group_name": validate.line(group, "group"),
               "description": validate.text(description, "description"),
               "descriptors": [validate.text(text, "descriptor") for text in descriptors]}  # fmt: skip
    versions.edit(connection, COMPETENCY, competency.id or 0, changes, expected=expected)
    _goals_follow(connection, pair, competency.name, name)
    return _get(connection, competency.id or 0)


def get_competency(connection: sqlite3.Connection, pair: Pair, competency_id: int) -> Competency:
    found = COMPETENCY.get(connection, competency_id) if competency_id <= validate.LARGEST_ID else None
    if found is None or found.pair_id != pair.id:
        raise NotFound(f"no competency #{competency_id} in {pair.ref}'s rubric (see 'mentorlog rubric list')")
    return found


@pair_action
def group_competency(connection: sqlite3.Connection, pair: Pair, ref: str, group: str, *, code: str | None = None) -> (
    Competency
):  # fmt: skip
    """Put the competency under a group (a standard, a domain); "" for none; optionally a code of its own."""
    competency = _find(connection, pair, ref)
    changes = {"group_name": validate.line(group, "group")}
    if code is not None:
        changes["code"] = validate.line(code, "code")
    versions.edit(connection, COMPETENCY, competency.id or 0, changes)
    return _get(connection, competency.id or 0)


@pair_action
def move_competency(connection: sqlite3.Connection, pair: Pair, ref: str, position: int) -> Competency:
    """Move it to `position` (1 is first) among the active ones."""
    competency = _find(connection, pair, ref)
    active = pairs.competencies(connection, pair)
    if not 1 <= position <= len(active):
        raise Invalid(f"a position is from 1 to {len(active)} (not {position})")
    order = [c for c in active if c.id != competency.id]
    order.insert(position - 1, competency)
    _save(connection, [*order, *_retired(connection, pair)])
    return _get(connection, competency.id or 0)


@pair_action
def retire_competency(connection: sqlite3.Connection, pair: Pair, ref: str, *, on: dt.date) -> Competency:
    """No longer rated: it leaves the forms, its ratings stay (growth shows them)."""
    competency = _find(connection, pair, ref)
    if len(pairs.competencies(connection, pair)) == 1:
        raise Invalid(f"{competency.name!r} is the rubric's last competency: add another before retiring it")
    retiring = {competency.id or 0: {"retired_on": validate.day(on, "retired on")}}
    _save(connection, pairs.competencies(connection, pair, retired=True), retiring)
    return _get(connection, competency.id or 0)


@pair_action
def describe_competency(connection: sqlite3.Connection, pair: Pair, ref: str, level: str, text: str) -> Competency:
    """What `level` (its number or name) looks like for this competency; an empty text removes it."""
    competency = _find(connection, pair, ref)
    levels = pairs.rubric_levels(connection, pair)
    n = level_number(level, levels)
    descriptors = list(competency.descriptors) + [""] * max(0, len(levels) - len(competency.descriptors))
    descriptors[n - 1] = validate.text(text, "descriptor")
    versions.edit(connection, COMPETENCY, competency.id or 0, {"descriptors": descriptors})
    return _get(connection, competency.id or 0)


def preset_named(name: str) -> Preset:
    found = PRESETS.get(name.strip().lower())
    if found is None:
        raise NotFound(f"no rubric preset {name!r}: the presets are {', '.join(PRESETS)}")
    return found


@pair_action
def apply_preset(connection: sqlite3.Connection, pair: Pair, preset: Preset, *, on: dt.date) -> Rubric:
    """Make `preset` (one of PRESETS, or a file's) the pair's rubric: its competencies in its order (one the
    pair had of the same name comes back, ratings and all), the others retired, its level scale the pair's.
    Every past rating keeps the competency and the level name it was given."""
    checked = check_preset(preset)
    every = pairs.competencies(connection, pair, retired=True)
    by_name = {c.name.casefold(): c for c in every}
    order: list[Competency] = []
    changes: dict[int, dict[str, Any]] = {}
    for item in checked.items:
        known = by_name.get(item.name.casefold())
        fields: dict[str, Any] = {"code": item.code, "group_name": item.group, "retired_on": None}
        if item.description:
            fields["description"] = item.description
        if any(item.descriptors):
            fields["descriptors"] = list(item.descriptors)
        if known is None:
            found = writes.insert(connection, COMPETENCY, {"pair_id": pair.id, "name": item.name, "position": 10_000,
                                                           **fields})  # fmt: skip
            order.append(_get(connection, found))
        else:
            changes[known.id or 0] = {k: v for k, v in fields.items() if getattr(known, k) != v}
            order.append(known)
    kept = {c.id for c in order}
    for c in every:
        if c.id not in kept and c.retired_on is None:
            changes[c.id or 0] = {"retired_on": validate.day(on, "retired on")}
    _save(connection, [*order, *(c for c in every if c.id not in kept)], changes)
    versions.edit(
        connection, PAIR, pair.id or 0, {"rubric_preset": checked.name, "rubric_levels": list(checked.levels)}
    )
    return rubric_of(connection, pair)


def check_preset(preset: Preset) -> Preset:
    """A preset as a rubric may hold it: 3 to 5 distinct named levels, at least one competency, names unique."""
    levels = tuple(validate.line(level, "level", required=True) for level in preset.levels)
    if not MIN_LEVELS <= len(levels) <= MAX_LEVELS:
        raise Invalid(f"a rubric has {MIN_LEVELS} to {MAX_LEVELS} levels (not {len(levels)})")
    if len({level.casefold() for level in levels}) != len(levels):
        raise Invalid("a rubric's levels have different names")
    if not preset.items:
        raise Invalid("a rubric has at least one competency")
    seen: set[str] = set()
    items = []
    for item in preset.items:
        name = _name(item.name)
        if name.casefold() in seen:
            raise Invalid(f"the competency {name!r} is in the rubric twice")
        seen.add(name.casefold())
        descriptors = tuple(validate.text(text, "descriptor") for text in item.descriptors)
        if len(descriptors) > len(levels):
            raise Invalid(f"{name!r} describes {len(descriptors)} levels; the rubric has {len(levels)}")
        items.append(Item(validate.line(item.code, "code"), name, validate.line(item.group, "group"),
                          validate.text(item.description, "description"), descriptors))  # fmt: skip
    return Preset(validate.line(preset.name, "preset", required=True), preset.title, levels, tuple(items))
