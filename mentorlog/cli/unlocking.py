"""How a command has an encrypted journal's data key: the one policy, for every command and the TUI.

In this order: a key this run already unwrapped; `MENTORLOG_PASSPHRASE` (for scripts: anything that
can read this process's environment can read it); a key kept by `mentorlog unlock` (db.unlocked);
else the passphrase is asked on the terminal, never echoed. A wrong passphrase is told as only that,
after a delay that grows with each wrong one in a row (kept across runs, per journal), so guessing at
the prompt is slow; a right one resets it. Nothing here is asked when no terminal is there to ask
on: the command says how to give the passphrase instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import time
from pathlib import Path

from mentorlog.db import keyfile
from mentorlog.errors import Invalid, JournalRefused, MentorlogError

PASSPHRASE_ENV = "MENTORLOG_PASSPHRASE"
NEW_PASSPHRASE_ENV = "MENTORLOG_NEW_PASSPHRASE"
TRIES = 3  # at the prompt, in one run
MIN_LENGTH = 8
FIRST_DELAY, LONGEST_DELAY = 0.5, 16.0  # seconds, doubled with each wrong passphrase in a row
_FAILURES = "unlock-failures.json"


class Unlocker:
    """db.identity.Unlock for the command line: given the journal as shown and its header, its data key."""

    def __init__(self, journal: Path | None = None) -> None:
        # The command's journal: a copy of it (a backup, with the same header) opens with its unlock too.
        self._journal = None if journal is None else Path(os.path.realpath(journal))
        self._known: dict[str, bytes] = {}  # by header digest: a journal reopened in this run is not asked again

    def ready(self, shown: Path, header: keyfile.Header) -> bool:
        """Whether the journal opens without asking: its key known to this run, given in the environment,
        or kept by an unlock."""
        if header.digest() in self._known or os.environ.get(PASSPHRASE_ENV) is not None:
            return True
        return self._kept(Path(os.path.realpath(shown)), header.digest()) is not None

    def learn(self, header: keyfile.Header, key: bytes) -> None:
        """A key had elsewhere (the terminal UI's own prompt, the one `encrypt` made): it opens unasked."""
        self._known[header.digest()] = key

    def __call__(self, shown: Path, header: keyfile.Header) -> bytes:
        digest = header.digest()
        if digest in self._known:
            return self._known[digest]
        key = self._unlock(shown, header, digest)
        self._known[digest] = key
        return key

    def _unlock(self, shown: Path, header: keyfile.Header, digest: str) -> bytes:
        real = Path(os.path.realpath(shown))
        given = os.environ.get(PASSPHRASE_ENV)
        if given is not None:
            return unwrap(header, given, shown)
        kept = self._kept(real, digest)
        if kept is not None:
            return kept
        if not can_ask():
            raise JournalRefused(
                f"{shown} is encrypted: give its passphrase in {PASSPHRASE_ENV}, or unlock it first with "
                "'mentorlog unlock' (no terminal here to ask on)"
            )
        for attempt in range(1, TRIES + 1):
            try:
                return unwrap(header, ask(f"Passphrase for {shown}: "), shown)
            except JournalRefused as exc:
                if attempt == TRIES:
                    raise
                print(f"mentorlog: {exc}", file=sys.stderr)
        raise AssertionError("unreachable")

    def _kept(self, real: Path, digest: str) -> bytes | None:
        """The key `mentorlog unlock` kept for this journal (or for the command's journal, whose copy this is)."""
        from mentorlog import unlocked

        now = dt.datetime.now(dt.UTC)
        for place in dict.fromkeys(p for p in (real, self._journal) if p is not None):
            kept = unlocked.find(place, digest, now)
            if kept is not None:
                return kept
        return None


def unwrap(header: keyfile.Header, passphrase: str, shown: Path) -> bytes:
    """The data key, or WrongPassphrase after the growing delay."""
    from mentorlog.db import keywrap

    real = str(Path(os.path.realpath(shown)))
    try:
        key = keywrap.unwrap(header, passphrase, str(shown))
    except keywrap.WrongPassphrase:
        time.sleep(_failed(real))
        raise
    _succeeded(real)
    return key


def new_passphrase(shown: Path, *, env: tuple[str, ...] = (NEW_PASSPHRASE_ENV, PASSPHRASE_ENV)) -> str:
    """A passphrase being set: from the first of `env` that is given, else asked twice at the terminal."""
    for name in env:
        given = os.environ.get(name)
        if given is not None:
            return checked(given, name)
    if not can_ask():
        raise Invalid(f"no terminal to ask the new passphrase on: give it in {env[0]}")
    first = checked(ask(f"New passphrase for {shown}: "), "the passphrase")
    if ask("The same passphrase again: ") != first:
        raise Invalid("the two passphrases differ; nothing was changed")
    return first


def old_passphrase(shown: Path) -> str:
    """The journal's passphrase as it is, asked for even when the journal is unlocked: a change needs it."""
    given = os.environ.get(PASSPHRASE_ENV)
    if given is not None:
        return given
    if not can_ask():
        raise Invalid(f"no terminal to ask the passphrase on: give it in {PASSPHRASE_ENV}")
    return ask(f"Passphrase for {shown}: ")


def checked(passphrase: str, where: str) -> str:
    if len(passphrase) < MIN_LENGTH:
        raise Invalid(f"{where} is too short: a passphrase has at least {MIN_LENGTH} characters (a few words is best)")
    return passphrase


def can_ask() -> bool:
    """Whether a terminal is there to ask on (getpass reads /dev/tty; without one it would echo from stdin)."""
    try:
        fd = os.open("/dev/tty", os.O_RDWR | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return False
    os.close(fd)
    return True


def ask(prompt: str) -> str:
    import getpass

    return getpass.getpass(prompt)


def _failures() -> Path:
    from mentorlog import paths

    return paths.state_dir() / _FAILURES


def _failed(real: str) -> float:
    from mentorlog.state_files import read_map, write_map

    found = read_map(_failures())
    before = found.get(real)
    count = (before if isinstance(before, int) and before > 0 else 0) + 1  # an odd value counts as none
    found[real] = count
    with contextlib.suppress(OSError, MentorlogError):  # the count is a courtesy: never the error said
        write_map(_failures(), found)
    return min(LONGEST_DELAY, FIRST_DELAY * 2 ** min(count - 1, 16))


def _succeeded(real: str) -> None:
    from mentorlog.state_files import read_map, write_map

    found = read_map(_failures())
    if found.pop(real, None) is not None:
        with contextlib.suppress(OSError, MentorlogError):
            write_map(_failures(), found)
