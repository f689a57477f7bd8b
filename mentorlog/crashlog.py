"""Where unexpected errors go: the log file, never the user's screen."""

from __future__ import annotations

import logging
from pathlib import Path

from mentorlog import paths


def log_exception(error: BaseException, context: str) -> Path:
    """Append the traceback to the log file; returns where it went (even if writing failed)."""
    log_file = paths.log_dir() / "mentorlog.log"
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError:
        return log_file
    logger = logging.getLogger("mentorlog.crash")
    logger.addHandler(handler)
    try:
        logger.error("unexpected error in %s", context, exc_info=error)
    finally:
        logger.removeHandler(handler)
        handler.close()
    return log_file
