"""What an import did, kind by kind (standard library only: the import reports it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from mentorlog.db.relations import KINDS
from mentorlog.errors import Invalid

REPORT_ORDER = ("pairs", *(kind.name for kind in KINDS), "history", "trash")


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class Report:
    counts: dict[str, Counts] = field(default_factory=lambda: {name: Counts() for name in REPORT_ORDER})
    clamped: int = 0  # time stamps from the future, set to the time of the import

    def count(self, kind: str, outcome: str, n: int = 1) -> None:
        counts = self.counts[kind]
        setattr(counts, outcome, getattr(counts, outcome) + n)

    @property
    def changed(self) -> int:
        return sum(c.added + c.updated for c in self.counts.values())


def contradiction(reason: object) -> Invalid:
    """Two records claiming one place (a competency rated twice in one assessment, two rubric rows
    of one name): the file contradicts itself or this journal. The caller rolls back."""
    return Invalid(f"the file contradicts itself or this journal ({reason}); nothing was imported")
