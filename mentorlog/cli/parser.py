"""The command line's grammar (PRODUCT.md §3), kept apart from what the commands do."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from enum import StrEnum
from typing import Any, NoReturn

from mentorlog import __version__, validate
from mentorlog.errors import Invalid
from mentorlog.kinds import GoalKind, GoalStatus, Program, Rater, Role
from mentorlog.words import listed


class UsageError(Exception):
    """The command line itself is wrong: exit status 2."""


def terminal_width() -> int:
    """The width help is wrapped to, as shutil finds it (COLUMNS, else the terminal, else 80), without
    importing shutil: argparse asks for a formatter on every add_argument, and shutil's imports cost
    quick capture a twentieth of its start-up."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class Formatter(argparse.HelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=terminal_width() - 2)

    def _get_help_string(self, action: argparse.Action) -> str | None:
        # A help whose values are the user's (the activities in config.toml) is written only when shown:
        # reading config.toml for it would cost every quick capture.
        shown: Callable[[], str] | None = getattr(action, "shown_help", None)
        return shown() if shown is not None else action.help


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line instead of the usage block."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def check_text_arguments(arguments: list[str]) -> None:
    """Refuse, in one line, an argument the shell could not decode as UTF-8 (Python keeps such
    bytes as lone surrogates, which nothing can store or print)."""
    for position, argument in enumerate(arguments, start=1):
        if validate.SURROGATE.search(argument):
            shown = argument.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            raise UsageError(f"mentorlog: argument {position} ({shown!r}) is not valid UTF-8 text")


_SIGNED_DATE = re.compile(r"^-\d")  # `-3d`: three days ago, which argparse would take for an option


def glue_signed_dates(parser: argparse.ArgumentParser, arguments: list[str]) -> list[str]:
    """`--on -3d` as `--on=-3d`: a date option's value may start with a minus (PRODUCT.md's `-3d`),
    which argparse reads as another option and refuses."""
    dated = {option for action in _actions(parser) if action.metavar == "DATE" for option in action.option_strings}
    glued: list[str] = []
    tokens = iter(arguments)
    for token in tokens:
        if token in dated:
            value = next(tokens, None)
            if value is not None and _SIGNED_DATE.match(value):
                glued.append(f"{token}={value}")
                continue
            glued.append(token)
            if value is not None:
                glued.append(value)
            continue
        glued.append(token)
    return glued


def _actions(parser: argparse.ArgumentParser) -> Iterator[argparse.Action]:
    for action in parser._actions:
        yield action
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _actions(sub)


LARGEST = validate.LARGEST_ID
LARGEST_COUNT = 10**9  # beyond it, no sensible count


def record_id(text: str) -> int:
    """An id as shown in lists: `3` or `#3`."""
    cleaned = text.strip().lstrip("#")
    if not cleaned.isdecimal() or not 1 <= int(cleaned) <= LARGEST:
        raise argparse.ArgumentTypeError(f"not a record number: {text!r}")
    return int(cleaned)


def whole(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if abs(value) > LARGEST_COUNT:
        raise argparse.ArgumentTypeError(f"too large: {text!r}")
    return value


def _typed(argument: Callable[[str], Any]) -> Callable[[str], Any]:
    """A field type's reading of an argument as argparse's `type`: what it refuses is a usage error."""

    def typed(text: str) -> Any:
        try:
            return argument(text)
        except Invalid as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return typed


def decimal(text: str) -> float:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None


# The values a few options take, listed by --help and completed by the shell (choices); typed in any case.
def values(kind: type[StrEnum]) -> tuple[str, ...]:
    """An enum's values as argparse lists them (its members would print as <Role.MENTOR: 'mentor'>)."""
    return tuple(member.value for member in kind)


ROLES, RATERS, GOAL_KINDS = values(Role), values(Rater), values(GoalKind)
# What shell completion is written for, and the names it asks the journal for (cmd_completion).
SHELLS = ("bash", "zsh", "fish")
COMPLETED = ("pairs", "goals", "competencies")


def lowered(text: str) -> str:
    return text.strip().lower()


def export_format(text: str) -> str:
    """A format the exporters' registry knows (or an alias of one), as its name."""
    from mentorlog.exchange import get_format

    try:
        return get_format(text).name
    except Invalid as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _common(command: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """A command that takes --db and --pair after its name too (a parent parser would cost a parser more)."""
    # SUPPRESS keeps a subcommand's absent option from hiding one given before it.
    command.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="journal file (or MENTORLOG_DB)")
    command.add_argument(
        "--pair", metavar="ID|NAME", default=argparse.SUPPRESS, help="which pair (default: the only or the chosen one)"
    )
    return command


Command = Callable[[argparse.ArgumentParser], None]


def build_parser(argv: Sequence[str] | None = None) -> Parser:
    """The grammar; given the command line, only the command it names is built (the others cost a
    quick capture a tenth of its start-up), and all of them for help, a version or a mistake."""
    parser = Parser(
        prog="mentorlog",
        description="An offline journal for a mentor-mentee pair. With no command, shows the journal.",
    )
    parser.add_argument("--db", metavar="PATH", help="journal file (default: MENTORLOG_DB or the user data dir)")
    parser.add_argument(
        "--pair", metavar="ID|NAME", help="which pair (default: the only pair, or the one chosen with 'pair use')"
    )
    parser.add_argument("--version", action="version", version=f"mentorlog {__version__}")
    parser.set_defaults(json=False)  # `mentorlog` alone shows the status, as plain text
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    named = _named_command(argv)
    for name, (help_, arguments) in COMMANDS.items():
        if named is None or name == named:
            arguments(_common(commands.add_parser(name, help=help_, description=help_)))
    if named in HIDDEN:
        HIDDEN[named][1](_common(commands.add_parser(named)))
    return parser


def _named_command(argv: Sequence[str] | None) -> str | None:
    """The command the line names, if it plainly names one before any other option."""
    tokens = iter(argv or ())
    for token in tokens:
        if token in ("--db", "--pair"):
            next(tokens, None)
        elif not token.startswith(("--db=", "--pair=")):
            return token if token in COMMANDS or token in HIDDEN else None
    return None


def _nothing(command: argparse.ArgumentParser) -> None:
    """A command without options of its own."""


def _demo(demo: argparse.ArgumentParser) -> None:
    demo.add_argument("--no-tui", action="store_true", help="write the demo journal and stop")
    demo.add_argument(
        "--entries", type=whole, metavar="N", help="instead: a journal of N entries over years, several pairs"
    )
    demo.add_argument("--seed", type=whole, default=1, metavar="S", help="with --entries: the same S, the same journal")
    demo.add_argument("--pairs", type=whole, metavar="K", help="with --entries: shared by K pairs (1 to 6)")


def _init(init: argparse.ArgumentParser) -> None:
    init.add_argument("--mentor", required=True, metavar="NAME")
    init.add_argument("--mentee", required=True, metavar="NAME")
    init.add_argument(
        "--program",
        default="induction",
        type=lowered,
        choices=values(Program),
        help="default: induction",
    )
    init.add_argument("--role", default="mentor", type=lowered, choices=ROLES, help="whose journal this file is")
    init.add_argument("--cadence", type=whole, default=14, metavar="DAYS", help="planned days between sessions")
    init.add_argument("--started", metavar="DATE", help="when the pairing began (default: today)")
    init.add_argument("--agreement", default="", metavar="TEXT|-", help="expectations, boundaries, feedback")
    init.add_argument("--new", action="store_true", help="a second pair of the same two people, on purpose")


def _json_only(command: argparse.ArgumentParser) -> None:
    command.add_argument("--json", action="store_true")


def _observe(observe: argparse.ArgumentParser) -> None:
    observe.add_argument("--context", metavar="TEXT", help="class, subject, period (when starting a new one)")


def _log(log: argparse.ArgumentParser) -> None:
    from mentorlog.entry_kinds import SPECS, loggable, options

    log.add_argument("kind", metavar="KIND", help=" | ".join(loggable()))
    log.add_argument(
        "text", metavar="TEXT", help="first sentence becomes the title, the rest the body; - reads it from stdin"
    )
    log.add_argument("--title", metavar="T", help="a title of its own instead of the first sentence")
    log.add_argument("--on", metavar="DATE", help="when it happened (default: today)")
    log.add_argument("--goal", type=record_id, action="append", default=[], metavar="ID", help="evidence for goal ID")
    log.add_argument("--tag", action="append", default=[], metavar="T")
    log.add_argument("--private", action="store_true", help="never leaves this file unless asked")
    log.add_argument("--template", metavar="NAME", help="prefill the notes from templates/KIND-NAME.md (config folder)")
    log.add_argument("--author", type=lowered, choices=ROLES, help="default: whose journal this is")
    log.add_argument("--with", dest="with_pairs", action="append", default=[], metavar="PAIR",
                     help="session: held with this pair too (a group session: one entry in each pair)")  # fmt: skip
    for field, kinds in options().values():  # each kind's own fields (entry_kinds.SPECS)
        whose = " or ".join(kinds)
        help_ = f"{whose}: {field.help}" if field.type.users_values else f"{whose}: {field.option_help}"
        typed, metavar = _typed(field.type.argument), field.type.metavar
        if field.type.repeated:
            added = log.add_argument(field.option, action="append", default=[], type=typed, metavar=metavar,
                                     help=help_)  # fmt: skip
        else:
            added = log.add_argument(field.option, type=typed, metavar=metavar, help=help_)
        if field.type.users_values:
            added.shown_help = lambda f=field, w=whose: f"{w}: {f.option_help}"  # type: ignore[attr-defined]
    steps = " or ".join(kind for kind, spec in SPECS.items() if spec.steps)
    log.add_argument("--todo", action="append", default=[], metavar="TEXT", help=f"{steps}: a next step for the mentee")
    log.add_argument("--mentor-todo", action="append", default=[], metavar="TEXT", help=f"{steps}: one for the mentor")


def _assess(assess: argparse.ArgumentParser) -> None:
    assess.add_argument("ratings", nargs="+", metavar="COMPETENCY=LEVEL")
    assess.add_argument("--edit", type=record_id, metavar="ID",
                        help="correct assessment ID: these ratings replace its own of those competencies (LEVEL - "
                        "takes one out); the others stay")  # fmt: skip
    assess.add_argument(
        "--rater", type=lowered, choices=RATERS, help="self = the mentee (default: whose journal this is)"
    )
    assess.add_argument("--on", metavar="DATE")
    assess.add_argument("--note", default="", metavar="T")
    assess.add_argument("--private", action="store_true")


def _timeline(timeline: argparse.ArgumentParser) -> None:
    timeline.add_argument("--from", dest="start", metavar="DATE")
    timeline.add_argument("--to", dest="end", metavar="DATE")
    timeline.add_argument("--kind", action="append", default=[], metavar="K", help="an entry kind, or goal")
    timeline.add_argument("--goal", type=record_id, metavar="ID")
    timeline.add_argument("--tag", metavar="T")
    timeline.add_argument("--author", type=lowered, choices=ROLES)
    timeline.add_argument("--search", metavar="QUERY", help="full-text search; word* for a prefix")
    timeline.add_argument("--limit", type=whole, default=50, metavar="N")
    timeline.add_argument("--json", action="store_true")


def _show(show: argparse.ArgumentParser) -> None:
    show.add_argument("id", type=record_id, metavar="ID")
    show.add_argument("--json", action="store_true")


def _export(export: argparse.ArgumentParser) -> None:
    from mentorlog.exchange import DEFAULT, FORMATS, with_history

    names = [f"{name} (default)" if name == DEFAULT else name for name in FORMATS]
    export.add_argument("--format", default=DEFAULT, type=export_format, choices=list(FORMATS), help=listed(names))
    export.add_argument("--out", default="-", metavar="FILE", help="where to write it (default: - for stdout)")
    export.add_argument("--from", dest="start", metavar="DATE", help="leave out entries before this day")
    export.add_argument("--to", dest="end", metavar="DATE", help="leave out entries after this day")
    export.add_argument("--include-private", action="store_true", help="private entries too")
    from mentorlog.exchange.options import CSV_TABLES, EVERY

    export.add_argument("--what", choices=(*CSV_TABLES, EVERY),
                        type=lowered, help="CSV only: sessions (default), or all: one file each into the folder "
                        "--out names")  # fmt: skip
    export.add_argument("--order", choices=("newest", "oldest"), default="newest",
                        help="Markdown only: the timeline newest first (default) or oldest first")  # fmt: skip
    carriers = listed([f.title for f in with_history()])
    export.add_argument(
        "--with-history", action="store_true", help=f"{carriers} only: the trash and every earlier version too"
    )


def _report_commands(report: argparse.ArgumentParser) -> None:
    from mentorlog.exchange.hours import REPORT_FORMATS

    sub = report.add_subparsers(dest="report_command", metavar="REPORT", parser_class=Parser, required=True)
    hours = _common(sub.add_parser("hours", help="contact time per week and month, against the program's requirement"))
    hours.add_argument("--from", dest="start", metavar="DATE", help="from this day (default: the program's period)")
    hours.add_argument("--to", dest="end", metavar="DATE", help="to this day (default: today)")
    hours.add_argument("--format", default="text", choices=REPORT_FORMATS, help="default: text")
    hours.add_argument("--log", action="store_true", help="the log a district keeps: date, start, minutes, mode, "
                       "activities (no content), with lines to sign")  # fmt: skip
    hours.add_argument("--include-private", action="store_true", help="count private sessions too")
    hours.add_argument("--out", default="-", metavar="FILE", help="where to write it (default: - for stdout)")
    hours.add_argument("--json", action="store_true")


def _completion(completion: argparse.ArgumentParser) -> None:
    completion.add_argument("shell", choices=SHELLS, help="the shell the script is for")


def _complete_names(complete: argparse.ArgumentParser) -> None:
    complete.add_argument("kind", choices=COMPLETED)


def _config_commands(config: argparse.ArgumentParser) -> None:
    from mentorlog.config import KEYS

    config.set_defaults(json=False)  # `mentorlog config` alone lists them
    sub = config.add_subparsers(dest="config_command", metavar="ACTION", parser_class=Parser)
    listing = sub.add_parser("list", help="every setting, its value and what it means")
    listing.add_argument("--json", action="store_true")
    get = sub.add_parser("get", help="one setting's value")
    get.add_argument("key", choices=KEYS, metavar="KEY", help=", ".join(KEYS))
    setting = sub.add_parser("set", help="change one setting (the rest of config.toml stays as it is)")
    setting.add_argument("key", choices=KEYS, metavar="KEY", help=", ".join(KEYS))
    setting.add_argument("value", metavar="VALUE", help="a list (activities) separated by ';'")


def _import(merge: argparse.ArgumentParser) -> None:
    merge.add_argument("file", metavar="FILE", help="a file from 'mentorlog export --format json', or - for stdin")
    merge.add_argument(
        "--as", dest="role", type=lowered, choices=ROLES, help="whose journal this is, for a pair new to it"
    )
    merge.add_argument("--json", action="store_true", help="the report as JSON")


def _backup(backup: argparse.ArgumentParser) -> None:
    backup.add_argument("--out", metavar="FILE", help="exactly where (default: backups/ beside the journal)")
    backup.add_argument("--keep", type=whole, default=10, metavar="N", help="timed backups to keep (default: 10)")


def _restore(restore: argparse.ArgumentParser) -> None:
    restore.add_argument("backup", metavar="BACKUP", help="a backup (in backups/ beside the journal, or any copy)")


def _decrypt(decrypt: argparse.ArgumentParser) -> None:
    decrypt.add_argument("--out", metavar="FILE", help="a plaintext copy at this new path; the journal stays encrypted")


def _unlock(unlock: argparse.ArgumentParser) -> None:
    unlock.add_argument(
        "--for", dest="lasting", default="8h", metavar="TIME", help="how long: 8h (default), 30m, 1h30m, up to 7d"
    )


def _plain(command: argparse.ArgumentParser) -> None:
    """A command with no arguments of its own (--db and --pair come with every command)."""


def _trash_commands(trash: argparse.ArgumentParser) -> None:
    trash.set_defaults(json=False)  # `mentorlog trash` alone lists it
    trash_sub = trash.add_subparsers(dest="trash_command", metavar="ACTION", parser_class=Parser)
    _common(trash_sub.add_parser("list", help="what is in the trash, newest first")).add_argument(
        "--json", action="store_true"
    )
    restore = _common(trash_sub.add_parser("restore", help="put one back, with what went with it"))
    restore.add_argument("id", type=record_id, metavar="ID")
    _common(trash_sub.add_parser("empty", help="delete the trash for good"))


def _goal_commands(goal: argparse.ArgumentParser) -> None:
    sub = goal.add_subparsers(dest="goal_command", metavar="ACTION", parser_class=Parser)
    goal.set_defaults(json=False)  # `mentorlog goal` alone lists them, as `goal list` does

    add = _common(sub.add_parser("add", help="set a goal; prints its SMART check"))
    add.add_argument("title", metavar="TITLE")
    add.add_argument("--specific", default="", metavar="T", help="what exactly will change")
    add.add_argument("--kind", type=lowered, choices=GOAL_KINDS, help="default: from --target")
    add.add_argument("--measure", default="", metavar="T", help="what is measured")
    add.add_argument("--unit", default="", metavar="U")
    add.add_argument("--baseline", type=decimal, metavar="N")
    add.add_argument("--target", type=decimal, metavar="N")
    add.add_argument("--achievable", default="", metavar="T", help="the plan and resources")
    add.add_argument("--relevant", default="", metavar="T", help="why it matters")
    add.add_argument("--competency", metavar="C", help="a rubric goal's competency (its number, code or name)")
    add.add_argument("--rater", type=lowered, choices=RATERS, help="a rubric goal: whose ratings measure it")
    add.add_argument("--starts", metavar="DATE", help="when work on it starts; pace counts from it (default: today)")
    add.add_argument("--due", metavar="DATE")
    startable = (GoalStatus.DRAFT.value, GoalStatus.ACTIVE.value)
    add.add_argument("--status", default="active", type=lowered, choices=startable, help="default: active")
    add.add_argument("--milestone", action="append", default=[], metavar="T", help="a step on the way (repeatable)")

    listing = _common(sub.add_parser("list", help="goals with progress, pace and due date"))
    listing.add_argument("--json", action="store_true")

    show = _common(sub.add_parser("show", help="one goal in full"))
    show.add_argument("id", type=record_id, metavar="ID")
    show.add_argument("--json", action="store_true")

    progress = _common(sub.add_parser("progress", help="record a measurement"))
    progress.add_argument("id", type=record_id, metavar="ID")
    progress.add_argument("value", metavar="VALUE", help="a number; a yes-no goal: yes, no, met or not met")
    progress.add_argument("--on", metavar="DATE")
    progress.add_argument("--note", default="", metavar="T")
    progress.add_argument("--confidence", type=whole, metavar="N", help="1-5: how sure we are to make it")

    status = _common(sub.add_parser("status", help="draft, active, paused, achieved or dropped"))
    status.add_argument("id", type=record_id, metavar="ID")
    status.add_argument("status", metavar="STATUS")
    status.add_argument("--on", metavar="DATE", help="when it happened (default: today)")

    milestone = _common(sub.add_parser("milestone", help="add a milestone to a goal"))
    milestone.add_argument("id", type=record_id, metavar="GOAL_ID")
    milestone.add_argument("title", metavar="TITLE")
    milestone.add_argument("--due", metavar="DATE")

    tick = _common(sub.add_parser("tick", help="mark a milestone done"))
    tick.add_argument("id", type=record_id, metavar="MILESTONE_ID")
    tick.add_argument("--on", metavar="DATE")

    edit = _common(sub.add_parser("edit", help="change a goal's fields (what is not given stays)"))
    edit.add_argument("id", type=record_id, metavar="ID")
    edit.add_argument("--title", metavar="T")
    edit.add_argument("--specific", metavar="T", help="what exactly will change")
    edit.add_argument("--kind", type=lowered, choices=GOAL_KINDS)
    edit.add_argument("--measure", metavar="T", help="what is measured")
    edit.add_argument("--unit", metavar="U")
    edit.add_argument("--baseline", type=decimal, metavar="N")
    edit.add_argument("--target", type=decimal, metavar="N")
    edit.add_argument("--achievable", metavar="T", help="the plan and resources")
    edit.add_argument("--relevant", metavar="T", help="why it matters")
    edit.add_argument("--competency", metavar="C")
    edit.add_argument("--rater", type=lowered, choices=RATERS, help="a rubric goal: whose ratings measure it")
    edit.add_argument("--starts", metavar="DATE", help="when work on it starts; pace counts from it")
    edit.add_argument("--due", metavar="DATE", help="the new due date (none: no due date)")

    m_edit = _common(sub.add_parser("milestone-edit", help="change a milestone's words or due date"))
    m_edit.add_argument("id", type=record_id, metavar="MILESTONE_ID")
    m_edit.add_argument("--title", metavar="T")
    m_edit.add_argument("--due", metavar="DATE", help="the new due date (none: no due date)")
    untick = _common(sub.add_parser("untick", help="a milestone ticked by mistake: not done after all"))
    untick.add_argument("id", type=record_id, metavar="MILESTONE_ID")
    m_delete = _common(sub.add_parser("milestone-delete", help="move a milestone to the trash"))
    m_delete.add_argument("id", type=record_id, metavar="MILESTONE_ID")

    p_edit = _common(sub.add_parser("progress-edit", help="correct a progress update (ids: goal show)"))
    p_edit.add_argument("id", type=record_id, metavar="PROGRESS_ID")
    p_edit.add_argument("--value", metavar="N", help="a number; a yes-no goal: yes, no, met or not met")
    p_edit.add_argument("--on", metavar="DATE")
    p_edit.add_argument("--note", metavar="T")
    p_edit.add_argument("--confidence", type=whole, metavar="N", help="1-5: how sure we are to make it")
    p_delete = _common(sub.add_parser("progress-delete", help="move a progress update to the trash"))
    p_delete.add_argument("id", type=record_id, metavar="PROGRESS_ID")


def _pair_commands(pair: argparse.ArgumentParser) -> None:
    from mentorlog.journal.pair_life import GOAL_OUTCOMES, ITEM_OUTCOMES
    from mentorlog.kinds import EndReason

    sub = pair.add_subparsers(dest="pair_command", metavar="ACTION", parser_class=Parser, required=True)
    use = _common(sub.add_parser("use", help="the pair every command without --pair is about (and the TUI opens on)"))
    use.add_argument("ref", metavar="NAME|ID", help="a pair's number, or its mentor's or mentee's name")
    show = _common(sub.add_parser("show", help="the pair in full: names, program, cadence, state, agreement"))
    show.add_argument("--json", action="store_true")
    edit = _common(sub.add_parser("edit", help="change the pair (its earlier version is kept)"))
    edit.add_argument("--mentor", metavar="NAME")
    edit.add_argument("--mentee", metavar="NAME")
    edit.add_argument("--program", metavar="P", choices=values(Program))
    edit.add_argument("--cadence", type=whole, metavar="DAYS", help="planned days between sessions")
    edit.add_argument("--started", metavar="DATE")
    edit.add_argument("--role", type=lowered, choices=ROLES, help="whose journal this is")
    edit.add_argument("--agreement", metavar="TEXT|-", help="the whole agreement (- reads it from standard input)")
    close = _common(sub.add_parser("close", help="close the pairing: read-only from then on, until reopened"))
    close.add_argument("--on", metavar="DATE", help="when it ended (default: today)")
    close.add_argument("--reason", required=True, choices=values(EndReason), metavar="R",
                       help=f"{listed([r.value for r in EndReason])}")  # fmt: skip
    close.add_argument("--note", default="", metavar="TEXT|-", help="the closing reflection: what we achieved")
    close.add_argument("--next", metavar="TEXT", help="what comes next for the mentee")
    close.add_argument("--goals", choices=GOAL_OUTCOMES, metavar="OUTCOME",
                       help=f"what becomes of every open goal: {listed(list(GOAL_OUTCOMES))}")  # fmt: skip
    close.add_argument("--items", choices=ITEM_OUTCOMES, metavar="OUTCOME",
                       help=f"what becomes of every open action item: {listed(list(ITEM_OUTCOMES))}")  # fmt: skip
    _common(sub.add_parser("reopen", help="open a closed pairing again"))
    _common(sub.add_parser("archive", help="put a closed pair out of the caseload and the switcher"))
    _common(sub.add_parser("unarchive", help="bring an archived pair back among the pairs"))
    delete = _common(sub.add_parser("delete", help="move the pair with everything it holds to the trash"))
    delete.add_argument("--yes", action="store_true", help="without asking (for scripts)")


def _pairs(pairs: argparse.ArgumentParser) -> None:
    pairs.add_argument("--all", action="store_true", help="closed and archived pairs too")
    pairs.add_argument("--json", action="store_true")


def _rubric_commands(rubric: argparse.ArgumentParser) -> None:
    sub = rubric.add_subparsers(dest="rubric_command", metavar="ACTION", parser_class=Parser)
    rubric.set_defaults(json=False, retired=False)  # `mentorlog rubric` alone lists it
    listing = _common(sub.add_parser("list", help="the rubric: its levels, and its competencies by number"))
    listing.add_argument("--retired", action="store_true", help="the retired competencies too")
    listing.add_argument("--json", action="store_true")
    add = _common(sub.add_parser("add", help="a competency at the end (a retired one of that name comes back)"))
    add.add_argument("name", metavar="NAME")
    add.add_argument("--code", default="", metavar="C", help="as the standard numbers it: 3b, CSTP 2.3")
    add.add_argument("--group", default="", metavar="G", help="the standard or domain it sits under")
    add.add_argument("--description", default="", metavar="T")
    rename = _common(sub.add_parser("rename", help="a new name (its ratings stay its own)"))
    rename.add_argument("competency", metavar="C", help="its number, code, name or a unique part of it")
    rename.add_argument("name", metavar="NAME")
    group = _common(sub.add_parser("group", help='put a competency under a group ("" for none)'))
    group.add_argument("competency", metavar="C")
    group.add_argument("group", metavar="GROUP")
    group.add_argument("--code", metavar="C", help="and give it this code")
    move = _common(sub.add_parser("move", help="move a competency to a position (1 is first)"))
    move.add_argument("competency", metavar="C")
    move.add_argument("position", type=whole, metavar="POS")
    retire = _common(sub.add_parser("retire", help="no longer rated; its ratings stay"))
    retire.add_argument("competency", metavar="C")
    describe = _common(sub.add_parser("describe", help='what a level looks like for a competency ("" removes)'))
    describe.add_argument("competency", metavar="C")
    describe.add_argument("level", metavar="LEVEL", help="its number or name")
    describe.add_argument("text", metavar="TEXT|-")
    preset = _common(sub.add_parser("preset", help="the rubric a standard publishes (no NAME: list them)"))
    preset.add_argument("name", nargs="?", metavar="NAME")
    load = _common(sub.add_parser("load", help="a rubric of your own, from a CSV or TOML file"))
    load.add_argument("file", metavar="FILE")


def _todo_commands(todo: argparse.ArgumentParser) -> None:
    sub = todo.add_subparsers(dest="todo_command", metavar="ACTION", parser_class=Parser)
    todo.set_defaults(all=False, all_pairs=False, json=False)  # `mentorlog todo` alone lists the open ones
    add = _common(sub.add_parser("add", help="a new action item"))
    add.add_argument("text", metavar="TEXT")
    add.add_argument("--owner", default="mentee", type=lowered, choices=ROLES)
    add.add_argument("--due", metavar="DATE")
    add.add_argument("--private", action="store_true", help="never leaves this file unless asked")
    listing = _common(sub.add_parser("list", help="open action items, overdue first"))
    listing.add_argument("--all", action="store_true", help="done ones too")
    listing.add_argument("--all-pairs", action="store_true", help="what you promised whom, across every open pair")
    listing.add_argument("--json", action="store_true")
    done = _common(sub.add_parser("done", help="mark an action item done"))
    done.add_argument("id", type=record_id, metavar="ID")
    done.add_argument("--on", metavar="DATE")
    edit = _common(sub.add_parser("edit", help="change an action item (what is not given stays)"))
    edit.add_argument("id", type=record_id, metavar="ID")
    edit.add_argument("--text", metavar="T")
    edit.add_argument("--owner", type=lowered, choices=ROLES)
    edit.add_argument("--due", metavar="DATE", help="the new due date (none: no due date)")
    reopen = _common(sub.add_parser("reopen", help="an item ticked done by mistake: open again"))
    reopen.add_argument("id", type=record_id, metavar="ID")
    delete = _common(sub.add_parser("delete", help="move an action item to the trash"))
    delete.add_argument("id", type=record_id, metavar="ID")


# Every command, in the order help lists them: what it does, and its own arguments.
COMMANDS: dict[str, tuple[str, Command]] = {
    "demo": ("a sample pair with about three months of history, in a demo file", _demo),
    "init": ("start a journal for a mentoring pair", _init),
    "pairs": ("the caseload: every pair, who needs a check-in first, and why", _pairs),
    "pair": ("the pair's life: use, show, edit, close, reopen, archive, unarchive, delete", _pair_commands),
    "status": ("the pair at a glance: next session, action items, goals, recent entries, health", _json_only),
    "prep": ("what the next session should pick up, as plain text to print", _json_only),
    "observe": ("open the terminal UI straight into a live observation", _observe),
    "goal": ("SMART goals, progress, milestones and status", _goal_commands),
    "log": ("quick capture: one entry of any kind in one command", _log),
    "assess": ("rate competencies against the rubric: COMPETENCY=LEVEL[:evidence]", _assess),
    "todo": ("action items carried from one session to the next", _todo_commands),
    "rubric": ("the pair's rubric: levels, competencies, presets of published standards", _rubric_commands),
    "timeline": ("entries and goal events, newest first", _timeline),
    "show": ("one entry in full: its fields, tags, goals, ratings and action items", _show),
    "report": ("what a program asks for: report hours (contact time, or the log to sign)", _report_commands),
    "export": ("write the pair's history as Markdown, JSON, iCalendar, HTML or CSV", _export),
    "import": ("merge a JSON export into this journal (importing twice changes nothing)", _import),
    "backup": ("a consistent copy of the journal, even while it is open", _backup),
    "restore": ("put a backup in place of the journal (the journal it replaces is kept beside it)", _restore),
    "trash": ("deleted records: list them, restore one, or empty the trash", _trash_commands),
    "encrypt": ("encrypt the journal with a passphrase (there is no recovery of a forgotten one)", _plain),
    "decrypt": ("make an encrypted journal plain again, or write a plaintext copy (--out)", _decrypt),
    "passphrase": ("change an encrypted journal's passphrase (the data is not re-encrypted)", _plain),
    "unlock": ("keep an encrypted journal's key for a while (the keyring, or memory): no passphrase asked", _unlock),
    "lock": ("forget the key 'unlock' kept: the next command asks for the passphrase", _plain),
    "check": ("integrity and schema report", _json_only),
    "config": ("the settings in config.toml: list, get KEY, set KEY VALUE", _config_commands),
    "completion": (
        "a shell completion script: mentorlog completion bash > ~/.local/share/bash-completion/completions/mentorlog",
        _completion,
    ),
}
# Commands the completion script calls, never listed in help.
HIDDEN: dict[str, tuple[str, Command]] = {
    "__complete": ("the journal's pairs, goals or competencies, for shell completion", _complete_names),
}
