"""A rubric of the user's own, from a CSV or TOML file: read into a preset (rubric_presets.Preset).

CSV (UTF-8, a header row): `name` (required), then any of `code`, `group`, `description`,
and one column per level named `level: NAME`, in order, holding what that level looks like
for each competency (3 to 5 of them; none keeps the rubric's scale as it is).

    code,name,group,level: Beginning,level: Developing,level: Proficient
    1.1,Knows the students,Standard 1,Learns names,Knows interests,Plans from them

TOML: `levels = ["Beginning", "Developing", "Proficient"]` (optional, as above), and one
`[[competency]]` table each with `name` and any of `code`, `group`, `description`,
`descriptors = [...]` (one per level).

Every error names the line it is on; nothing is written until the whole file reads.
"""

from __future__ import annotations

import csv
import io
import tomllib
from pathlib import Path
from typing import Any

from mentorlog.errors import Invalid
from mentorlog.rubric_presets import Item, Preset

KNOWN = ("code", "name", "group", "description")
LEVEL_PREFIX = "level:"


def read_rubric(path: Path, current_levels: tuple[str, ...]) -> Preset:
    """The file at `path` as a preset named for the file; `current_levels` when it names no levels."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid(f"{path.name} is not UTF-8 text") from None
    except OSError as exc:
        raise Invalid(f"cannot read {path}: {exc.strerror or exc}") from None
    suffix = path.suffix.lower()
    if suffix == ".toml":
        levels, items = _toml(text, path.name)
    elif suffix in (".csv", ".txt"):
        levels, items = _csv(text, path.name)
    else:
        raise Invalid(f"{path.name}: a rubric file is .csv or .toml")
    _unique(items, path.name)
    return Preset(path.stem, path.name, levels or current_levels, tuple(item for _, item in items))


def _csv(text: str, name: str) -> tuple[tuple[str, ...], list[tuple[int, Item]]]:
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip() for cell in next(rows)]
    except StopIteration:
        raise Invalid(f"{name}: the file is empty (line 1 is the header: name, code, group, ...)") from None
    except csv.Error as exc:
        raise Invalid(f"{name}, line 1: {exc}") from None
    lowered = [cell.casefold() for cell in header]
    if "name" not in lowered:
        raise Invalid(f"{name}, line 1: the header has no 'name' column (it has: {', '.join(header)})")
    levels = tuple(cell[len(LEVEL_PREFIX) :].strip() for cell in header if cell.casefold().startswith(LEVEL_PREFIX))
    unknown = [cell for cell in header if cell.casefold() not in KNOWN and not cell.casefold().startswith(LEVEL_PREFIX)]
    if unknown:
        raise Invalid(f"{name}, line 1: unknown column {unknown[0]!r} (columns: {', '.join(KNOWN)}, 'level: NAME')")
    items: list[tuple[int, Item]] = []
    try:
        for row in rows:
            line = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise Invalid(f"{name}, line {line}: {len(row)} cells, the header has {len(header)}")
            cells = dict(zip(lowered, [*row, *[""] * (len(header) - len(row))], strict=True))
            descriptors = tuple(cells[h] for h in lowered if h.startswith(LEVEL_PREFIX))
            items.append((line, _item(cells, descriptors, f"{name}, line {line}")))
    except csv.Error as exc:
        raise Invalid(f"{name}, line {rows.line_num}: {exc}") from None
    return levels, items


def _toml(text: str, name: str) -> tuple[tuple[str, ...], list[tuple[int, Item]]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise Invalid(f"{name}: {exc}") from None  # tomllib says "(at line N, column M)"
    levels = data.get("levels", [])
    if not isinstance(levels, list) or not all(isinstance(level, str) for level in levels):
        raise Invalid(f"{name}, line {_line_of(text, 'levels')}: levels is a list of names")
    tables = data.get("competency")
    if not isinstance(tables, list) or not tables:
        raise Invalid(f"{name}: no [[competency]] tables (each with a name)")
    starts = [n for n, line in enumerate(text.splitlines(), start=1) if line.strip() == "[[competency]]"]
    items: list[tuple[int, Item]] = []
    for i, table in enumerate(tables):
        line = starts[i] if i < len(starts) else 0
        where = f"{name}, line {line}"
        unknown = sorted(set(table) - {*KNOWN, "descriptors"})
        if unknown:
            raise Invalid(f"{where}: unknown key {unknown[0]!r} (keys: {', '.join(KNOWN)}, descriptors)")
        descriptors = table.get("descriptors", [])
        if not isinstance(descriptors, list) or not all(isinstance(d, str) for d in descriptors):
            raise Invalid(f"{where}: descriptors is a list of texts, one per level")
        items.append((line, _item(table, tuple(descriptors), where)))
    return tuple(levels), items


def _item(cells: dict[str, Any], descriptors: tuple[str, ...], where: str) -> Item:
    values = {key: cells.get(key, "") for key in KNOWN}
    wrong = [key for key, value in values.items() if not isinstance(value, str)]
    if wrong:
        raise Invalid(f"{where}: {wrong[0]} is text")
    if not values["name"].strip():
        raise Invalid(f"{where}: the competency has no name")
    return Item(values["code"].strip(), values["name"].strip(), values["group"].strip(), values["description"].strip(),
                tuple(d.strip() for d in descriptors))  # fmt: skip


def _unique(items: list[tuple[int, Item]], name: str) -> None:
    seen: dict[str, int] = {}
    for line, item in items:
        key = " ".join(item.name.split()).casefold()
        if key in seen:
            raise Invalid(f"{name}, line {line}: {item.name!r} is named on line {seen[key]} too")
        seen[key] = line


def _line_of(text: str, key: str) -> int:
    return next((n for n, line in enumerate(text.splitlines(), start=1) if line.strip().startswith(key)), 1)
