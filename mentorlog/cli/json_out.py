"""The JSON the commands print: dates as ISO text, Unicode as typed (each command builds its objects)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mentorlog.terminal import json_safe


def dumps(value: Any) -> str:
    """Readable JSON; a character a terminal would act on is a \\u escape, so the value stays exact."""
    import json  # only --json pays for it

    return json_safe(json.dumps(value, ensure_ascii=False, indent=2, default=_default))


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot show {type(value).__name__} as JSON")
