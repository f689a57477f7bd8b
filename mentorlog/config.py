"""User settings in config.toml: the theme, the day order of a numeric date, the session activities a
program checks, the contact time it asks for, and the TUI's keys (`[keymap]`).

Every setting is described once, in SETTINGS: `config get|set|list`, the README's table and the
checks on reading the file all read it.

The file is the user's: reading it never changes it, and a setting is changed in
place with a format-preserving TOML library (tomlkit), so their comments, other
keys and layout stay as they wrote them. It is written whole (temporary file,
rename), 0600 in a 0700 folder. A file that cannot be read is never replaced and
never silently ignored: `Settings.problem` names it in one line, and the defaults
hold for this run only.
"""

import datetime as dt
import os
from pathlib import Path
from typing import Any, Literal, NamedTuple

from mentorlog import paths
from mentorlog.errors import MentorlogError
from mentorlog.rules.contact import Requirement

DateOrder = Literal["mdy", "dmy"]
DATE_ORDERS: tuple[DateOrder, ...] = ("mdy", "dmy")
# Where the calendar's month comes first (3/4 is March 4); everywhere else the day does.
MONTH_FIRST = frozenset({"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "UM", "VI", "BZ"})
# The Collaborative Assessment Log's "what we did" checklist (New Teacher Center, 2009).
CAL_ACTIVITIES = (
    "analyzing student work",
    "assembling class profiles",
    "communicating with families",
    "determining instructional groups",
    "developing/reviewing the individual learning plan",
    "observing and conferencing",
    "planning instruction",
    "reflecting/problem-solving",
)


class Setting(NamedTuple):
    """One key of config.toml: what it holds and what it means (the README's table)."""

    kind: str  # "text", "choice", "number", "date", "list"
    default: str  # as `config get` shows it when unset
    means: str
    choices: tuple[str, ...] = ()


SETTINGS: dict[str, Setting] = {
    "theme": Setting("text", "textual-dark", "the TUI's colours (any Textual theme; ctrl+p → Change theme)"),
    "date_order": Setting(
        "choice", "from the locale", "how 3/4/2026 is read: mdy (March 4) or dmy (3 April)", DATE_ORDERS
    ),
    "activities": Setting(
        "list", "; ".join(CAL_ACTIVITIES), "what a session's checklist offers (the CAL's; a program may replace it)"
    ),
    "hours_per_week": Setting("number", "not set", "contact time the program asks for: an average per week"),
    "hours_total": Setting("number", "not set", "or a total over the program's period (hours_from to hours_to)"),
    "hours_from": Setting("date", "the pair's start", "when the program's period starts"),
    "hours_to": Setting("date", "a year after it starts", "when the program's period ends"),
}
KEYS = tuple(SETTINGS)


class ConfigError(MentorlogError):
    """config.toml could not be read or written; it was left as it was."""


class Settings(NamedTuple):
    theme: str = "textual-dark"
    date_order: DateOrder = "mdy"
    problem: str | None = None  # why the file could not be read (its settings then do not apply)
    activities: tuple[str, ...] = CAL_ACTIVITIES
    requirement: Requirement = Requirement()
    requirement_problem: str | None = None  # the contact-time settings, when they are not numbers or dates
    keymap: dict[str, str] = {}  # noqa: RUF012 - a NamedTuple's default: binding id -> keys


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
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return defaults  # most users: no file, and no TOML parser to import
    except (OSError, UnicodeDecodeError) as exc:
        return defaults._replace(problem=_unreadable(path, exc))
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return defaults._replace(problem=_unreadable(path, exc))
    problems = []
    theme = data.get("theme", defaults.theme)
    if not isinstance(theme, str) or not theme.strip():
        problems.append("theme must be a name in quotes")
        theme = defaults.theme
    order = _date_order(data, defaults.date_order, problems)
    activities = data.get("activities", CAL_ACTIVITIES)
    if not isinstance(activities, list | tuple) or not all(isinstance(a, str) and a.strip() for a in activities):
        problems.append("activities must be a list of names in quotes")
        activities = CAL_ACTIVITIES
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict) or not all(isinstance(v, str) for v in keymap.values()):
        problems.append('keymap must be a table of binding ids and keys (journal.undo = "ctrl+u")')
        keymap = {}
    requirement, wrong = _requirement(data)
    problem = f"{path}: {'; '.join(problems)}" if problems else None
    return Settings(
        theme=theme,
        date_order=order,
        problem=problem,
        activities=tuple(a.strip() for a in activities),
        requirement=requirement,
        requirement_problem=f"{path}: {wrong}" if wrong else None,
        keymap=dict(keymap),
    )


def _unreadable(path: Path, exc: Exception) -> str:
    reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
    return f"{path} could not be read ({reason}); its settings are not used"


def _requirement(data: dict[str, Any]) -> tuple[Requirement, str | None]:
    """The program's contact-time requirement; a value that is not a number (or a date) is named."""
    numbers: dict[str, float | None] = {}
    for key in ("hours_per_week", "hours_total"):
        value = data.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float) or value <= 0):
            return Requirement(), f"{key} must be a number of hours above 0 (not {value!r:.40})"
        numbers[key] = float(value) if value is not None else None
    days: dict[str, dt.date | None] = {}
    for key in ("hours_from", "hours_to"):
        value = data.get(key)
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                return Requirement(), f"{key} must be a date such as 2026-08-15 (not {value!r:.40})"
        if value is not None and (isinstance(value, dt.datetime) or not isinstance(value, dt.date)):
            return Requirement(), f"{key} must be a date such as 2026-08-15 (not {value!r:.40})"
        days[key] = value
    start, end = days["hours_from"], days["hours_to"]
    if start and end and end < start:
        return Requirement(), f"hours_to ({end}) is before hours_from ({start})"
    return Requirement(numbers["hours_per_week"], numbers["hours_total"], start, end), None


def shown(settings: Settings, key: str) -> str:
    """A setting's value as `config get` prints it."""
    if key not in SETTINGS:
        raise ConfigError(f"no setting called {key} (settings: {', '.join(KEYS)})")
    r = settings.requirement
    value: object = {
        "theme": settings.theme,
        "date_order": settings.date_order,
        "activities": "; ".join(settings.activities),
        "hours_per_week": r.per_week,
        "hours_total": r.total,
        "hours_from": r.start,
        "hours_to": r.end,
    }[key]
    if value is None:
        return SETTINGS[key].default
    return f"{value:g}" if isinstance(value, float) else str(value)


def typed(key: str, text: str) -> object:
    """`config set KEY VALUE`'s text as the TOML value the key holds; ConfigError naming what is wrong."""
    setting = SETTINGS.get(key)
    if setting is None:
        raise ConfigError(f"no setting called {key} (settings: {', '.join(KEYS)})")
    text = text.strip()
    if setting.kind == "choice" and text not in setting.choices:
        raise ConfigError(f"{key} must be {' or '.join(setting.choices)} (not {text!r})")
    if setting.kind == "number":
        try:
            number = float(text)
        except ValueError:
            raise ConfigError(f"{key} must be a number of hours (not {text!r})") from None
        if not 0 < number < 10_000:
            raise ConfigError(f"{key} must be a number of hours above 0 (not {text!r})")
        return int(number) if number.is_integer() else number
    if setting.kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ConfigError(f"{key} must be a date such as 2026-08-15 (not {text!r})") from None
    if setting.kind == "list":
        items = [item.strip() for item in text.split(";") if item.strip()]
        if not items:
            raise ConfigError(f"{key} must name at least one, separated by ';'")
        return items
    if not text:
        raise ConfigError(f"{key} must not be empty")
    return text


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


def save(changes: dict[str, object], path: Path | None = None) -> None:
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
