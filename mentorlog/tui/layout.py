"""What every screen measures itself by, and how a pace and a private record are shown."""

from __future__ import annotations

from mentorlog.rules.progress import Pace

WIDE = 110  # the app's breakpoint (MentorlogApp.HORIZONTAL_BREAKPOINTS): from here, two columns
TALL = 50  # and from this many rows, longer lists
PRIVATE = " 🔒"  # private: never leaves this file unless asked
PACE_STYLE = {Pace.AHEAD: "green", Pace.ON_TRACK: "green", Pace.BEHIND: "yellow", Pace.OVERDUE: "red", Pace.DONE: "dim"}
