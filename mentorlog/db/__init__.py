"""Storage: opening journal files, their engine, schema and migrations.

`Journal` and `open_journal` load SQLAlchemy, so they are imported on first use:
quick capture (db.quick) must be able to use this package without paying for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mentorlog.db.opening import Journal, open_journal

__all__ = ["Journal", "open_journal"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from mentorlog.db import opening

        return getattr(opening, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
