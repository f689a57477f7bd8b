"""User settings in config.toml (the theme, and how to read numeric dates)."""

from __future__ import annotations

import os
import tempfile
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

from mentorlog import paths


@dataclass
class Settings:
    theme: str = "textual-dark"
    dayfirst: bool = False  # read 3/12/2026 as 3 December rather than March 12


def load(path: Path | None = None) -> Settings:
    """The saved settings; defaults for anything missing or unreadable (a bad file never stops the app)."""
    path = path or paths.config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return Settings()
    defaults = Settings()
    theme = data.get("theme")
    dayfirst = data.get("dayfirst")
    return Settings(
        theme=theme if isinstance(theme, str) and theme else defaults.theme,
        dayfirst=dayfirst if isinstance(dayfirst, bool) else defaults.dayfirst,
    )


def save(settings: Settings, path: Path | None = None) -> None:
    """Write the settings whole (temporary file, then rename)."""
    path = path or paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for name, value in asdict(settings).items():
        if isinstance(value, bool):
            lines.append(f"{name} = {'true' if value else 'false'}")
        else:
            escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'{name} = "{escaped}"')
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".config.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("# mentorlog settings\n" + "\n".join(lines) + "\n")
    os.replace(temp, path)
