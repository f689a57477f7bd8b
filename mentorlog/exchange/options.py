"""What an export was asked for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from mentorlog.exchange.records import Scope


@dataclass(frozen=True)
class ExportOptions:
    pair: Any  # the pair's row (models.Pair)
    today: dt.date
    scope: Scope = field(default_factory=Scope)
    with_history: bool = False  # the trash and earlier versions too (JSON only)

    @property
    def pair_id(self) -> int:
        return int(self.pair.id)
