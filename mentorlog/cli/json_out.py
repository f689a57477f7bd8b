"""The JSON the commands print: dates as ISO text, dataclasses as objects, Unicode as typed.

Kept apart from render.py, which needs the ORM, so `timeline --json` prints without it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from mentorlog.terminal import json_safe


def dumps(value: Any) -> str:
    """Readable JSON; a character a terminal would act on is a \\u escape, so the value stays exact."""
    return json_safe(json.dumps(value, ensure_ascii=False, indent=2, default=_default))


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(f"cannot show {type(value).__name__} as JSON")
