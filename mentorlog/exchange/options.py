"""What an export was asked for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, NamedTuple

from mentorlog.journal.sharing import Scope
from mentorlog.rules.contact import Requirement

# What a CSV export can hold (`--what`): one file per kind of record (csv_export.TABLES), or all of them.
CSV_TABLES = ("sessions", "entries", "actions", "goals", "ratings", "hours")
EVERY = "all"


class ExportOptions(NamedTuple):
    pair: Any  # the pair's row (models.Pair)
    today: dt.date
    scope: Scope = Scope()
    with_history: bool = False  # the trash and earlier versions too (JSON only)
    progress: Callable[[float], None] | None = None  # how far, 0 to 1 (the TUI)
    requirement: Requirement = Requirement()  # the contact time the program asks for (config.toml)
    order: str = "newest"  # the Markdown timeline: newest first, or oldest
    what: str = ""  # the CSV export: which records (csv_export.TABLES)

    def ticker(self, total: int) -> Ticker:
        return Ticker(self.progress, total)

    @property
    def pair_id(self) -> int:
        return int(self.pair.id)


class Ticker:
    """Counts what an export has written of `total` records, telling `progress` every hundredth."""

    __slots__ = ("done", "next", "progress", "step", "total")

    def __init__(self, progress: Callable[[float], None] | None, total: int) -> None:
        self.progress, self.total, self.done = progress, max(total, 1), 0
        self.step = max(1, self.total // 100)
        self.next = self.step if progress is not None else -1

    def tick(self, count: int = 1) -> None:
        self.done += count
        if 0 <= self.next <= self.done or (self.next >= 0 and self.done == self.total):  # and at the end
            self.next = self.done + self.step
            assert self.progress is not None
            self.progress(min(1.0, self.done / self.total))
