"""Where the journal, the config, the logs and the backups live."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import ModuleType

APP = "mentorlog"
DB_ENV = "MENTORLOG_DB"


def _dirs() -> ModuleType:
    """platformdirs, imported when a place is first asked for (a journal named by MENTORLOG_DB needs none)."""
    import platformdirs

    return platformdirs


def default_journal_path() -> Path:
    """The journal a user gets when they name none: `MENTORLOG_DB`, else the data dir."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    return _dirs().user_data_path(APP) / "journal.db"


def demo_journal_path() -> Path:
    """The demo lives in a file of its own, never in the user's journal."""
    return _dirs().user_data_path(APP) / "demo.db"


def config_path() -> Path:
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        # What platformdirs answers on these (the XDG base directory rule), without its import: an export and
        # a report read the settings, and platformdirs (with the tempfile it brings) cost them 6 ms.
        return Path(os.environ.get("XDG_CONFIG_HOME", "").strip() or Path.home() / ".config") / APP / "config.toml"
    return _dirs().user_config_path(APP) / "config.toml"


def drafts_path() -> Path:
    """Unsaved form text, kept so a crash or a closed terminal loses nothing typed."""
    return _dirs().user_state_path(APP) / "drafts.json"


def observations_path() -> Path:
    """Live observations in progress: every line as it is typed, until filed as an entry."""
    return _dirs().user_state_path(APP) / "observations.json"


def state_dir() -> Path:
    """What mentorlog keeps between runs that is no journal (drafts, observations, an edit in progress)."""
    return _dirs().user_state_path(APP)


def log_dir() -> Path:
    return _dirs().user_log_path(APP)
