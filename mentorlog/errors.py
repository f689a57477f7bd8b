"""The domain errors: each carries a message fit to show a user as it is."""

from __future__ import annotations


class MentorlogError(Exception):
    """Base of every error a user may see; `str(err)` is the one-line message."""


class NotFound(MentorlogError):
    """A record named by the user does not exist."""


class Invalid(MentorlogError):
    """Input that breaks a rule; nothing was changed."""


class DateError(Invalid):
    """Text that is not a date we can read without guessing."""


class JournalRefused(MentorlogError):
    """The journal file cannot be opened safely; it was left untouched."""
