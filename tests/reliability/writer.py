"""A process that writes sessions (each with two action items) as fast as it can,
printing `saved N` only after each commit returns. The crash tests kill it."""

from __future__ import annotations

import datetime as dt
import sys

from mentorlog.db import open_journal
from mentorlog.journal import entries, pairs
from mentorlog.journal.entries import NextStep

TODAY = dt.date(2026, 11, 22)


def main(path: str, label: str, count: int) -> None:
    journal = open_journal(path)
    for n in range(count):
        with journal.write() as s:
            pair = pairs.resolve_pair(s, None)
            entries.add_entry(
                s,
                pair,
                kind="session",
                on=TODAY,
                title=f"{label} {n}",
                body="x" * 2000,
                tags=["load"],
                next_steps=[NextStep(f"{label} {n} step a"), NextStep(f"{label} {n} step b")],
            )
        print(f"saved {n}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
