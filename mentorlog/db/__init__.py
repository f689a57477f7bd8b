"""Storage: the engine and its pragmas, opening or refusing files, schema and search."""

from mentorlog.db.opening import Journal, open_journal

__all__ = ["Journal", "open_journal"]
