"""What every command needs: the journal, today's date, the pair, and where to print."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from mentorlog.errors import DateError, Invalid
from mentorlog.terminal import safe

# What only some commands need is imported when they need it: the settings file, date parsing,
# the default journal's place and the crash log each cost quick capture part of its start-up.
if TYPE_CHECKING:
    from mentorlog import config, dates
    from mentorlog.cli.unlocking import Unlocker
    from mentorlog.db import Journal, keyfile
    from mentorlog.models import Pair

TODAY_ENV = "MENTORLOG_TODAY"  # a fixed "today" for tests and demos
MAX_STDIN_CHARS = 1_000_000  # the longest text a field holds; one more is read, so the journal says too long


class Context:
    def __init__(
        self,
        args: argparse.Namespace,
        *,
        out: TextIO,
        err: TextIO,
        argv: Sequence[str] = (),
        stdin: TextIO | None = None,
    ) -> None:
        self.args = args
        self.argv = list(argv)
        self.stdin = stdin
        self.out = out
        self.err = err
        self._journal: Journal | None = None

    @functools.cached_property
    def today(self) -> dt.date:
        fixed = os.environ.get(TODAY_ENV)
        if not fixed:
            return dt.date.today()  # noqa: DTZ011 - the user's local calendar day is what "today" means
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            raise Invalid(f"{TODAY_ENV} must be an ISO date such as 2026-11-22 (not {fixed!r})") from None

    @property
    def journal_path(self) -> Path:
        given = getattr(self.args, "db", None)
        if given:
            return Path(given).expanduser()
        from mentorlog import paths

        return paths.default_journal_path()

    def journal(self, *, create: bool = False) -> Journal:
        if self._journal is None:
            from mentorlog.db import open_journal

            self._journal = open_journal(self.journal_path, create=create, unlock=self.unlock)
            if self._journal.migrated_from is not None:
                self.note(
                    f"upgraded {self._journal.path} from schema v{self._journal.migrated_from}; "
                    f"the old file is kept at {self._journal.backup}"
                )
        return self._journal

    @functools.cached_property
    def unlocker(self) -> Unlocker:
        """How an encrypted journal's key is had in this run (cli.unlocking): asked once, whatever opens it."""
        from mentorlog.cli.unlocking import Unlocker

        return Unlocker(self.journal_path)

    def unlock(self, shown: Path, header: keyfile.Header) -> bytes:
        """db.identity.Unlock: what opens an encrypted journal (cli.unlocking is loaded only for one)."""
        return self.unlocker(shown, header)

    def reader(self) -> sqlite3.Connection:
        """The journal's connection, for a command that only reads."""
        return self.journal().connection

    def writer(self, *, create: bool = False) -> sqlite3.Connection:
        """The journal's connection, for a command that writes: refused, before anything, if it is read-only."""
        return self.journal(create=create).writing()

    def pair(self, connection: sqlite3.Connection) -> Pair:
        """The pair `--pair` names, else the journal's default (the only pair, or the one chosen)."""
        from mentorlog.journal import pairs

        return pairs.resolve_pair(connection, getattr(self.args, "pair", None))

    def named(self, connection: sqlite3.Connection, pair: Pair) -> str | None:
        """How a write's confirmation names its pair in a journal of several ("Priya Shah"): a note must
        never land on the wrong mentee unseen. None in a journal of one pair, where it goes without saying."""
        from mentorlog.journal import pairs

        return pairs.called(connection, pair) if pairs.pair_count(connection) > 1 else None

    def whose(self, connection: sqlite3.Connection, pair: Pair) -> str:
        """ " for Priya Shah" in a journal of several pairs, else nothing (see `named`)."""
        name = self.named(connection, pair)
        return f" for {name}" if name else ""

    @functools.cached_property
    def settings(self) -> config.Settings:
        from mentorlog import config

        found = config.load()
        if found.problem:
            self.note(found.problem)  # once a run, and only when a setting is needed
        return found

    def date(
        self, text: str | None, what: str, *, prefer: dates.Prefer = "past", happened: bool = False
    ) -> dt.date | None:
        """The date typed for an option; `happened`: the day something took place, so not after today."""
        if text is None:
            return None
        from mentorlog import dates

        try:
            day = dates.parse_date(text, today=self.today, prefer=prefer, order=self.settings.date_order)
        except DateError as exc:
            raise DateError(f"{what}: {exc}") from None
        if happened and day > self.today:
            raise DateError(f"{what}: {day} is in the future ({text!r}); give the day it happened")
        return day

    def read_text(self, given: str) -> str:
        """An argument's text, or standard input's when it is `-` (as `log note -`): read as bytes and
        decoded as UTF-8 here, so bytes that are not text are one line, as they are in an argument."""
        if given != "-":
            return given
        source = self.stdin or sys.stdin
        try:
            raw = getattr(source, "buffer", None)
            if raw is None:  # a text stream of the caller's (the tests'): already text
                return str(source.read(MAX_STDIN_CHARS + 1))
            data = raw.read(4 * MAX_STDIN_CHARS + 4)  # a character is at most four bytes
        except OSError as exc:
            raise Invalid(f"cannot read standard input: {exc.strerror or exc}") from None
        try:
            return str(data.decode("utf-8-sig"))[: MAX_STDIN_CHARS + 1]
        except UnicodeDecodeError as exc:
            raise Invalid(
                f"standard input is not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start:,})"
            ) from None

    def print(self, text: str = "") -> None:
        print(safe(text), file=self.out)

    def note(self, text: str) -> None:
        print(safe(f"mentorlog: {text}"), file=self.err)

    def plaintext_note(self, written: str) -> None:
        """What an export of an encrypted journal says: the copy it wrote is not encrypted."""
        if self._journal is not None and self._journal.encrypted:
            where = "the output" if written == "-" else written
            self.note(f"{where} is plaintext: the journal is encrypted, this export is not; keep it as carefully")

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()

    def explain_database_error(self, exc: sqlite3.Error) -> str:
        """The error in one line; a damaged journal is remembered as such, so no later command writes to it."""
        from mentorlog.db import damage
        from mentorlog.db.explain import explain

        damage.note(self.journal_path, exc)
        return explain(exc, self.journal_path)

    def log_crash(self, exc: BaseException) -> Path:
        """Write the traceback to the log file and say where it is."""
        from mentorlog.crashlog import log_exception, redacted_command

        words = [w for w in (self.args.command, getattr(self.args, f"{self.args.command}_command", None)) if w]
        return log_exception(exc, redacted_command(self.argv, words))
