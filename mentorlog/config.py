"""User settings in config.toml: the theme, and in which order to read a numeric date.

The file is the user's: reading it never changes it, and a setting is changed in
place with a format-preserving TOML library (tomlkit), so their comments, other
keys and layout stay as they wrote them. It is written whole (temporary file,
rename), 0600 in a 0700 folder. A file that cannot be read is never replaced and
never silently ignored: `Settings.problem` names it in one line, and the defaults
hold for this run only.
"""

import os
import tomllib
from pathlib import Path
from typing import Any, Literal, NamedTuple

from mentorlog import paths
from mentorlog.errors import MentorlogError

DateOrder = Literal["mdy", "dmy"]
DATE_ORDERS: tuple[DateOrder, ...] = ("mdy", "dmy")
# Where the calendar's month comes first (3/4 is March 4); everywhere else the day does.
MONTH_FIRST = frozenset({"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "UM", "VI", "BZ"})
KEYS = ("theme", "date_order")


class ConfigError(MentorlogError):
    """config.toml could not be read or written; it was left as it was."""


class Settings(NamedTuple):
    theme: str = "textual-dark"
    date_order: DateOrder = "mdy"
    problem: str | None = None  # why the file could not be read (its settings then do not apply)


def locale_date_order(environ: dict[str, str] | os._Environ[str] | None = None) -> DateOrder:
    """The day order the user's locale writes dates in (LC_ALL, LC_TIME, LANG): `en_GB` is dmy, `en_US` mdy."""
    environ = os.environ if environ is None else environ
    name = environ.get("LC_ALL") or environ.get("LC_TIME") or environ.get("LANG") or ""
    territory = name.split(".")[0].split("@")[0].partition("_")[2].upper()
    if not territory or territory in MONTH_FIRST:
        return "mdy"  # C, POSIX or no locale: the order mentorlog has always read
    return "dmy"


def load(path: Path | None = None) -> Settings:
    """The saved settings, defaults for anything not set; a file that cannot be read is named in `problem`."""
    path = path or paths.config_path()
    defaults = Settings(date_order=locale_date_order())
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return defaults
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        return defaults._replace(problem=f"{path} could not be read ({reason}); its settings are not used")
    problems = []
    theme = data.get("theme", defaults.theme)
    if not isinstance(theme, str) or not theme.strip():
        problems.append("theme must be a name in quotes")
        theme = defaults.theme
    order = _date_order(data, defaults.date_order, problems)
    problem = f"{path}: {'; '.join(problems)}" if problems else None
    return Settings(theme=theme, date_order=order, problem=problem)


def _date_order(data: dict[str, Any], default: DateOrder, problems: list[str]) -> DateOrder:
    if "date_order" in data:
        order = data["date_order"]
        if order in DATE_ORDERS:
            return "dmy" if order == "dmy" else "mdy"
        problems.append(f'date_order must be "mdy" or "dmy" (not {order!r})')
        return default
    dayfirst = data.get("dayfirst")  # what earlier versions wrote
    if isinstance(dayfirst, bool):
        return "dmy" if dayfirst else "mdy"
    if dayfirst is not None:
        problems.append("dayfirst must be true or false")
    return default


def save(changes: dict[str, str], path: Path | None = None) -> None:
    """Set these keys in config.toml, keeping everything else in the file as it is."""
    import tomlkit

    from mentorlog.files import WriteFailed, private_folder, text_out

    path = path or paths.config_path()
    unknown = set(changes) - set(KEYS)
    if unknown:
        raise ConfigError(f"no setting called {', '.join(sorted(unknown))} (settings: {', '.join(KEYS)})")
    try:
        current = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = "# mentorlog settings\n"
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"{path} could not be read ({getattr(exc, 'strerror', None) or exc}); left as it was"
        ) from None
    try:
        document = tomlkit.parse(current)
    except tomlkit.exceptions.ParseError as exc:
        raise ConfigError(f"{path} is not valid TOML ({exc}); left as it was") from None
    for key, value in changes.items():
        document[key] = value  # tomlkit quotes and escapes the value: a newline stays inside the string
    if "date_order" in changes and "dayfirst" in document:
        del document["dayfirst"]  # one setting for one thing
    try:
        private_folder(path.parent)
        with text_out(path) as handle:
            handle.write(tomlkit.dumps(document))
    except WriteFailed as exc:
        raise ConfigError(str(exc)) from None
