"""Storage: one journal file, opened (created, migrated or refused) by open_journal, spoken to in SQL."""

from __future__ import annotations

from mentorlog.db.opening import Journal as Journal
from mentorlog.db.opening import open_journal as open_journal

__all__ = ["Journal", "open_journal"]
