"""What an export was asked for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from mentorlog.exchange.records import Scope
from mentorlog.models import Pair


@dataclass(frozen=True)
class ExportOptions:
    pair: Pair
    today: dt.date
    scope: Scope = field(default_factory=Scope)
    with_history: bool = False  # the trash and earlier versions too (JSON only)
