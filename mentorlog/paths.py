"""Where the journal, the config, the logs and the backups live."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "mentorlog"
DB_ENV = "MENTORLOG_DB"


def default_journal_path() -> Path:
    """The journal a user gets when they name none: `MENTORLOG_DB`, else the data dir."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP) / "journal.db"


def demo_journal_path() -> Path:
    """The demo lives in a file of its own, never in the user's journal."""
    return platformdirs.user_data_path(APP) / "demo.db"


def config_path() -> Path:
    return platformdirs.user_config_path(APP) / "config.toml"


def drafts_path() -> Path:
    """Unsaved form text, kept so a crash or a closed terminal loses nothing typed."""
    return platformdirs.user_state_path(APP) / "drafts.json"


def observations_path() -> Path:
    """Live observations in progress: every line as it is typed, until filed as an entry."""
    return platformdirs.user_state_path(APP) / "observations.json"


def log_dir() -> Path:
    return platformdirs.user_log_path(APP)
