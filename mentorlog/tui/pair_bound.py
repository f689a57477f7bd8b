"""A screen about one pair: the pair the window was on when it opened, whatever is chosen later.

The app's pair (MentorlogApp.pair_id) is the one the user is working on; each screen and form
keeps the pair it was opened for, so switching pairs never moves a form half typed, or a list
being read, to another mentee: a form saves into its own pair, and each pair's screens show
that pair (the app keeps a set of screens a pair: MentorlogApp.go).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, cast

from mentorlog.journal import pairs

if TYPE_CHECKING:
    from mentorlog.models import Pair
    from mentorlog.tui.app import MentorlogApp


class PairBound:
    _bound_pair: int | None = None

    def bind_pair(self, pair_id: int) -> None:
        self._bound_pair = pair_id

    @property
    def pair_id(self) -> int:
        """This screen's pair: given when it was made, else the app's when first asked (as it opened)."""
        if self._bound_pair is None:
            app = cast("MentorlogApp", getattr(self, "app"))  # noqa: B009 - a mixin of Textual screens
            assert app.pair_id is not None, "a pair's screen opened with no pair open"
            self._bound_pair = app.pair_id
        return self._bound_pair

    def pair(self, connection: sqlite3.Connection | None = None) -> Pair:
        """The pair, read on `connection` (a write's), else the UI thread's."""
        app = cast("MentorlogApp", getattr(self, "app"))  # noqa: B009
        return pairs.get_pair(connection or app.connection, self.pair_id)
