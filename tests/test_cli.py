"""The real command line against a temporary journal: every command, every error."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

import pytest

from mentorlog.db import schema, writes
from mentorlog.db.tables import ENTRY
from tests.conftest import Run


def dump(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return "\n".join(line for line in conn.iterdump() if "chosen_at" not in line)
    finally:
        conn.close()


@pytest.fixture
def db() -> Path:
    return Path(os.environ["MENTORLOG_DB"])


def test_init_and_pairs(run: Run, db: Path) -> None:
    result = run(
        "init",
        "--mentor",
        "Ana Lopez",
        "--mentee",
        "Sam Rivera",
        "--cadence",
        "7",
        "--started",
        "2026-09-01",
        "--program",
        "peer",
        "--role",
        "mentee",
        "--agreement",
        "Fridays at 3",
    )
    assert result.code == 0, result.err
    assert "Created pair #1: Ana Lopez (mentor) & Sam Rivera (mentee)" in result.out
    assert "every 7 days from 2026-09-01" in result.out and "mentee's journal" in result.out
    assert db.exists() and oct(db.stat().st_mode & 0o777) == "0o600"
    listed = run("pairs")
    assert "#1 Ana Lopez & Sam Rivera · peer" in listed.out and "next session" in listed.out
    data = json.loads(run("pairs", "--json").out)
    assert data[0]["mentee_name"] == "Sam Rivera" and data[0]["cadence_days"] == 7


def test_db_option_and_env_override(run: Run, tmp_path: Path, db: Path) -> None:
    other = tmp_path / "elsewhere.db"
    assert run("--db", str(other), "init", "--mentor", "A", "--mentee", "B").code == 0
    assert other.exists() and not db.exists()
    # --db after the command works as well as before it
    assert "A & B" in run("pairs", "--db", str(other)).out


def test_goal_commands_end_to_end(run_with_pair: Run) -> None:
    run = run_with_pair
    added = run(
        "goal",
        "add",
        "Faster transitions",
        "--specific",
        "Cut transition time in period 3 with a timer",
        "--measure",
        "average transition time",
        "--unit",
        "min",
        "--baseline",
        "6",
        "--target",
        "2",
        "--achievable",
        "timer and signal",
        "--competency",
        "Classroom management",
        "--due",
        "2027-01-31",
    )
    assert added.code == 0, added.err
    assert "Goal #1 added (active): Faster transitions" in added.out
    assert "SMART  S✓ M✓ A✓ R✓ T✓" in added.out

    vague = run("goal", "add", "Be better")
    assert vague.code == 0  # SMART failures warn, never block
    assert "S✗" in vague.out and "T Time-bound: set a due date" in vague.out

    progress = run("goal", "progress", "1", "4", "--note", "timer helps", "--on", "yesterday", "--confidence", "4")
    assert progress.code == 0, progress.err
    assert "Recorded 4 min on 2026-11-21 for #1" in progress.out and "50%" in progress.out

    assert run("goal", "milestone", "2", "Write it down", "--due", "next fri").code == 0
    ticked = run("goal", "tick", "1")
    assert ticked.code == 0 and "Milestone #1 done on 2026-11-22" in ticked.out and "100%" in ticked.out

    listing = run("goal", "list")
    assert "#1   active" in listing.out and "50%" in listing.out
    data = json.loads(run("goal", "list", "--json").out)
    assert data[0]["percent"] == 50.0 and data[0]["smart"] == dict.fromkeys("SMART", True)

    shown = run("goal", "show", "#1")
    assert shown.code == 0
    for fragment in ("Goal #1: Faster transitions", "baseline    6", "target      2", "timer helps", "confidence 4/5"):
        assert fragment in shown.out

    achieved = run("goal", "status", "1", "achieved")
    assert achieved.code == 0 and "now achieved on 2026-11-22" in achieved.out
    refused = run("goal", "status", "1", "paused")
    assert (
        refused.code == 1 and refused.err.strip() == "mentorlog: a goal that is achieved can become active, not paused"
    )


def test_log_every_kind(run_with_pair: Run) -> None:
    run = run_with_pair
    run("goal", "add", "Transitions", "--target", "2", "--unit", "min")
    session = run(
        "log",
        "session",
        "Debrief after period 3. Timer works; noise after lunch.",
        "--duration",
        "45",
        "--usefulness",
        "5",
        "--mode",
        "video",
        "--next",
        "in 2 weeks",
        "--todo",
        "Time three transitions",
        "--mentor-todo",
        "Send stems",
        "--goal",
        "1",
        "--tag",
        "labs",
    )
    assert session.code == 0, session.err
    assert "Logged session #1 on 2026-11-22: Debrief after period 3." in session.out
    assert "2 action items added" in session.out
    obs = run(
        "log",
        "observation",
        "Period 3 lab",
        "--context",
        "Grade 7 science",
        "--glow",
        "clear safety briefing",
        "--grow",
        "transitions",
        "--on",
        "last monday",
    )
    assert obs.code == 0 and "on 2026-11-16" in obs.out
    refl = run("log", "reflection", "Calmer week", "--confidence", "3", "--author", "mentee")
    assert refl.code == 0
    note = run("log", "note", "Check workload", "--private", "--title", "Workload")
    assert note.code == 0 and "(private)" in note.out and "Workload" in note.out

    todo = json.loads(run("todo", "list", "--json").out)
    assert [(t["text"], t["owner"], t["due_on"]) for t in todo] == [
        ("Send stems", "mentor", "2026-12-06"),  # the mentor's journal: the mentor's own items first
        ("Time three transitions", "mentee", "2026-12-06"),
    ]
    shown = run("goal", "show", "1")
    assert "session     #1 Debrief after period 3." in shown.out


def test_assess_and_growth_data(run_with_pair: Run) -> None:
    run = run_with_pair
    result = run("assess", "classroom=2:students wander", "3=Applying", "reflective=4", "--rater", "self")
    assert result.code == 0, result.err
    assert "Recorded self-assessment #1" in result.out
    assert "Classroom management: 2 (Exploring)" in result.out
    assert "Instructional strategies: 3 (Applying)" in result.out
    timeline = json.loads(run("timeline", "--kind", "assessment", "--json").out)
    assert timeline[0]["author"] == "mentee"


def test_todo_commands(run_with_pair: Run) -> None:
    run = run_with_pair
    assert (
        "Added action item #1 for the mentor, due 2026-11-27"
        in run("todo", "add", "Share stems", "--owner", "mentor", "--due", "fri").out
    )
    run("todo", "add", "Overdue thing", "--due", "2026-11-01")
    run("todo", "add", "Mine, overdue", "--owner", "mentor", "--due", "2026-11-02")
    listing = run("todo", "list")
    assert [line.split()[0] for line in listing.out.splitlines()] == ["#3", "#1", "#2"], "yours first, overdue first"
    assert "overdue 21 d" in listing.out
    done = run("todo", "done", "2")
    assert done.code == 0 and "Done on 2026-11-22: #2 Overdue thing" in done.out
    assert "Overdue thing" not in run("todo", "list").out
    assert "[x]" in run("todo", "list", "--all").out
    again = run("todo", "done", "2")
    assert again.code == 1 and "already done" in again.err


def test_timeline_filters_search_and_json(run_with_pair: Run) -> None:
    run = run_with_pair
    run("goal", "add", "Transitions", "--target", "2", "--unit", "min", "--baseline", "6")
    run("log", "session", "Timer introduced", "--on", "2026-11-02", "--goal", "1", "--tag", "routines")
    run("log", "reflection", "Noisy afternoon", "--on", "2026-11-10", "--author", "mentee")
    run("log", "note", "Parent email about homework", "--on", "2026-11-15", "--private")
    run("goal", "progress", "1", "4", "--on", "2026-11-12")

    everything = run("timeline")
    lines = everything.out.splitlines()
    assert lines[0].startswith("2026-11-22  goal") and "Goal #1 set: Transitions" in lines[0]
    assert "[private]" in everything.out

    def titles(*args: str) -> list[str]:
        return [item["title"] for item in json.loads(run("timeline", "--json", *args).out)]

    assert titles("--kind", "reflection") == ["Noisy afternoon"]
    assert titles("--tag", "routines") == ["Timer introduced"]
    assert titles("--author", "mentee") == ["Noisy afternoon"]
    assert titles("--from", "2026-11-09", "--to", "2026-11-12", "--kind", "reflection", "--kind", "goal") == [
        "Progress on #1 Transitions: 4 min",
        "Noisy afternoon",
    ]
    assert titles("--goal", "1", "--kind", "session") == ["Timer introduced"]
    assert titles("--search", "homework") == ["Parent email about homework"]
    assert titles("--search", "home*") == ["Parent email about homework"]
    assert titles("--limit", "2") == titles()[:2]
    assert "Nothing in the timeline matches." in run("timeline", "--search", "zebra").out


def test_check_reports_ok_and_exit_zero(run_with_pair: Run) -> None:
    result = run_with_pair("check")
    assert result.code == 0, result.out
    assert (
        "ok   integrity: ok" in result.out
        and f"schema: v{schema.SCHEMA_VERSION}" in result.out
        and "BAD" not in result.out
    )


def test_bare_command_shows_the_journal(run_with_pair: Run) -> None:
    run_with_pair("todo", "add", "Time transitions", "--due", "2026-11-20")
    result = run_with_pair()
    assert result.code == 0
    assert "Ana Lopez & Sam Rivera" in result.out
    assert "Next session 2026-09-01 (no sessions yet, 82 d late)" in result.out
    assert "Time transitions  due 2026-11-20 (overdue 2 d)" in result.out


def test_demo_writes_a_separate_file(run: Run, tmp_path: Path, db: Path) -> None:
    result = run("demo", "--no-tui")
    assert result.code == 0, result.err
    demo_file = tmp_path / "xdg" / "xdg_data_home" / "mentorlog" / "demo.db"
    assert str(demo_file) in result.out
    assert not db.exists(), "the demo never touches the user's journal"
    again = run("demo", "--no-tui")  # the demo file is rebuilt, not added to
    assert again.code == 0 and "7 sessions" in again.out
    mine = tmp_path / "mine.db"
    run("--db", str(mine), "init", "--mentor", "A", "--mentee", "B")
    refused = run("demo", "--no-tui", "--db", str(mine))
    assert refused.code == 1 and "already exists" in refused.err


# --- errors: one line on stderr, the right status, and nothing changed -------------------


ERRORS = [
    (["goal", "show", "9223372036854775808"], 2, "not a record number"),
    (["goal", "show", "²"], 2, "not a record number"),
    (["timeline", "--limit", "1" + "0" * 30], 2, "too large"),
    (["log", "note", "x", "--on", "32 march"], 1, "--on: not a date: '32 march'"),
    (["log", "note", "x", "--on", "2026-02-30"], 1, "February 2026 has no day 30"),
    (["todo", "add", "x", "--due", "25:00"], 1, "looks like a time"),
    (["goal", "progress", "42", "3"], 1, "no goal #42"),
    (["goal", "show", "42"], 1, "no goal #42"),
    (["log", "note", "x", "--goal", "42"], 1, "no goal #42"),
    (["log", "reflection", "x", "--confidence", "7"], 1, "confidence must be a whole number from 1 to 5 (not 7)"),
    (["log", "session", "x", "--usefulness", "0"], 1, "usefulness must be a whole number from 1 to 5"),
    (["assess", "classroom=6"], 1, "a level is on the rubric's scale (1 Beginning, 2 Exploring, 3 Applying, 4 Integ"),
    (["goal", "add", "   "], 1, "title must not be empty"),
    (["log", "note", "   "], 1, "title must not be empty"),
    (["todo", "add", ""], 1, "action item must not be empty"),
    (["goal", "add", "x", "--target", "nan"], 1, "target must be a finite number"),
    (["goal", "status", "1", "finished"], 1, "status must be one of"),
    (["todo", "done", "99"], 1, "no action item #99"),
    (["goal", "tick", "99"], 1, "no milestone #99"),
    (["--pair", "nobody", "goal", "list"], 1, "no pair with a mentor or mentee named 'nobody'"),
    (["--pair", "7", "goal", "list"], 1, "no pair #7"),
    (["log", "diary", "x"], 2, "KIND must be session, observation, reflection or note"),
    (["log", "assessment", "x"], 2, "use 'mentorlog assess"),
    (["log", "note", "x", "--confidence", "3"], 2, "--confidence is only for reflection entries, not a note"),
    (["log", "note", "x", "--glow", "y"], 2, "--glow is only for observation entries"),
    (
        ["log", "observation", "x", "--usefulness", "3"],
        2,
        "--usefulness is only for session entries, not an observation",
    ),
    (["assess", "classroom"], 2, "COMPETENCY=LEVEL"),
    (["timeline", "--kind", "meeting"], 2, "--kind is one of"),
    (["timeline", "--from", "2026-11-10", "--to", "2026-11-01"], 2, "is after --to"),
    (["goal", "progress", "1", "lots"], 1, "a value is a number, such as 4.5 (not 'lots')"),
    (["goal", "show", "abc"], 2, "not a record number"),
    (["todo", "list", "--bogus"], 2, "unrecognized arguments"),
    (["frobnicate"], 2, "invalid choice"),
]


@pytest.mark.parametrize(("argv", "code", "message"), ERRORS, ids=[" ".join(e[0]) for e in ERRORS])
def test_bad_input_is_one_line_and_changes_nothing(
    run_with_pair: Run, db: Path, argv: list[str], code: int, message: str
) -> None:
    run_with_pair("goal", "add", "Existing goal", "--target", "2", "--unit", "min")
    before = dump(db)
    result = run_with_pair(*argv)
    assert result.code == code
    assert message in result.err
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert "Traceback" not in result.err and result.out == ""
    assert dump(db) == before


@pytest.mark.parametrize("argv", [["goal", "list"], ["log", "note", "x"], ["timeline"], ["todo", "list"], ["status"]])
def test_no_pair_is_a_clear_error(run: Run, argv: list[str]) -> None:
    run("init", "--mentor", "A", "--mentee", "B")
    conn = sqlite3.connect(os.environ["MENTORLOG_DB"])
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("DELETE FROM pair")
    conn.commit()
    conn.close()
    assert "Welcome to mentorlog" in run().out  # bare mentorlog guides rather than fails
    result = run(*argv)
    assert result.code == 1
    assert result.err.strip() == (
        "mentorlog: no mentoring pair in this journal yet: create one with "
        "'mentorlog init --mentor NAME --mentee NAME' (or try 'mentorlog demo')"
    )


def test_no_journal_file_is_a_clear_error_and_creates_nothing(run: Run, db: Path) -> None:
    result = run("goal", "list")
    assert result.code == 1 and "no journal at" in result.err and "mentorlog init" in result.err
    assert not db.exists()


@pytest.mark.parametrize(
    "content",
    [b"", b"not a database at all\n" * 10, b"SQLite format 3\x00" + os.urandom(2000)],
    ids=["empty", "text", "corrupt"],
)
def test_a_bad_file_is_refused_untouched(run: Run, db: Path, content: bytes) -> None:
    db.write_bytes(content)
    result = run("init", "--mentor", "A", "--mentee", "B")
    assert result.code == 1
    assert result.err.startswith(f"mentorlog: {db}") and len(result.err.strip().splitlines()) == 1
    assert db.read_bytes() == content


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_directory_is_a_clear_error(run: Run, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    result = run("--db", str(locked / "j.db"), "init", "--mentor", "A", "--mentee", "B")
    assert result.code == 1 and "cannot create" in result.err


def test_read_only_journal_is_a_clear_error(run_with_pair: Run, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # query_only makes SQLite refuse writes exactly as it does for a read-only file or mount
    # (this also works as root, whom chmod does not stop).
    # Every connection, quick capture's and the ORM's, is set up by pragmas.apply.
    from mentorlog.db import pragmas

    original = pragmas.apply

    def read_only(dbapi_connection: sqlite3.Connection, **options: bool) -> None:
        original(dbapi_connection, **options)
        dbapi_connection.execute("PRAGMA query_only = ON")

    before = dump(db)
    monkeypatch.setattr(pragmas, "apply", read_only)
    result = run_with_pair("log", "note", "x")
    assert result.code == 1
    assert result.err.strip() == f"mentorlog: cannot write to {db}: it is read-only; nothing was saved"
    assert dump(db) == before


def test_unexpected_errors_are_logged_not_shown(
    run_with_pair: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from mentorlog.journal import goals

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("b" + "oom")

    monkeypatch.setattr(goals, "list_goals", explode)
    result = run_with_pair("goal", "list")
    assert result.code == 1
    assert "unexpected error: RuntimeError: boom" in result.err and "Traceback" not in result.err
    log = next((tmp_path / "xdg").rglob("mentorlog.log"))
    logged = log.read_text()
    assert "Traceback" in logged and "RuntimeError" in logged and "in explode" in logged
    assert "boom" not in logged, "a message may quote journal text: it stays out of the log"
    assert "mentorlog goal list" in logged


def test_help_and_version(run: Run) -> None:
    assert run("--help").code == 0
    assert run("--version").code == 0
    assert run("goal", "add", "--help").code == 0


def test_first_run_welcomes_and_creates_nothing(run: Run, db: Path) -> None:
    result = run()
    assert result.code == 0 and "Welcome to mentorlog" in result.out and str(db) in result.out
    assert "mentorlog init --mentor NAME --mentee NAME" in result.out
    assert not db.exists()


def test_show_prints_an_entry_in_full(run_with_pair: Run) -> None:
    run = run_with_pair
    run("goal", "add", "Transitions", "--target", "2", "--unit", "min")
    run(
        "log",
        "session",
        "Debrief. Timer helps a lot.\n\n## Notes\nNoise after lunch.",
        "--usefulness",
        "4",
        "--duration",
        "40",
        "--next",
        "2026-12-06",
        "--todo",
        "Time three transitions",
        "--goal",
        "1",
        "--tag",
        "labs",
    )
    run("log", "observation", "Period 3", "--glow", "clear briefing", "--grow", "pacing", "--context", "Grade 7")
    run("assess", "classroom=2:wanders", "--rater", "mentor")

    session = run("show", "1")
    assert session.code == 0
    for fragment in (
        "Session #1 · 2026-11-22 · by the mentor",
        "40 min · usefulness 4/5\n",
        "Next session on 2026-12-06",
        "Tags: #labs",
        "Evidence for: #1 Transitions",
        "#1 [ ] mentee: Time three transitions",
        "## Notes\nNoise after lunch.",
    ):
        assert fragment in session.out
    observation = run("show", "2").out
    assert "Glows:\n  - clear briefing" in observation and "Grows:\n  - pacing" in observation
    assert "Period 3\nGrade 7\n" in observation  # the context, in its facts line
    assert "Classroom management: 2 (Exploring)" in run("show", "3").out
    missing = run("show", "99")
    assert missing.code == 1 and missing.err.strip() == "mentorlog: no entry #99 for pair #1 (Ana Lopez & Sam Rivera)"


def test_a_damaged_page_is_reported_in_one_line_and_left_alone(run_with_pair: Run, db: Path) -> None:
    conn = sqlite3.connect(db)
    for n in range(400):  # the other columns as a new entry holds them (db.tables)
        writes.insert(conn, ENTRY, {"pair_id": 1, "kind": "note", "on": dt.date(2026, 11, 1), "title": f"bulk {n}",
                                    "body": "filler text " * 50})  # fmt: skip
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(db.read_bytes())
    page = 4096
    # Scribble over the newest data pages: the schema (at the front) still reads, the rows do not.
    for offset in range(len(data) - page * 30, len(data) - page * 5):
        data[offset] = 0xA5
    db.write_bytes(bytes(data))
    before = db.read_bytes()

    listed = run_with_pair("timeline", "--limit", "500")
    assert listed.code == 1 and len(listed.err.strip().splitlines()) == 1
    assert "is damaged" in listed.err and "mentorlog check" in listed.err
    checked = run_with_pair("check")
    assert checked.code == 1 and "BAD" in checked.out
    assert db.read_bytes() == before


def test_trash_lists_restores_and_empties(run_with_pair: Run, db: Path) -> None:
    assert run_with_pair("log", "session", "Debrief. Notes.", "--todo", "Time transitions").code == 0
    assert run_with_pair("todo", "add", "Bring the rubric").code == 0
    assert run_with_pair("trash").out.strip() == "The trash is empty."
    from mentorlog.db import open_journal
    from mentorlog.journal import actions, entries, pairs

    journal = open_journal(db)
    with journal.write() as s:
        pair = pairs.resolve_pair(s, None)
        entries.delete_entry(s, pair, 1)
        actions.delete_action(s, pair, 2)
    journal.close()
    listed = run_with_pair("trash", "list")
    assert listed.code == 0
    lines = listed.out.splitlines()
    assert "action item" in lines[0] and "Bring the rubric" in lines[0]
    assert "entry" in lines[1] and "session 2026-11-22: Debrief" in lines[1]
    entry_item = lines[1].split()[0].lstrip("#")
    restored = run_with_pair("trash", "restore", entry_item)
    assert restored.code == 0 and "Restored entry: session 2026-11-22: Debrief" in restored.out
    assert "Debrief" in run_with_pair("timeline").out
    assert "Time transitions" in run_with_pair("todo", "list").out
    missing = run_with_pair("trash", "restore", "99")
    assert missing.code == 1 and "no item #99 in the trash" in missing.err
    emptied = run_with_pair("trash", "empty")
    assert emptied.code == 0 and "1 item deleted for good" in emptied.out


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Met Mr. Ortiz about the labs. Then planning.", "Met Mr. Ortiz about the labs."),
        ("Try e.g. a timer for transitions. It helped.", "Try e.g. a timer for transitions."),
        ("Dr. Patel observed period 3", "Dr. Patel observed period 3"),
        ("J. Lee led the starter. Calm.", "J. Lee led the starter."),
        ("Why so loud? After lunch.", "Why so loud?"),
    ],
)
def test_a_title_is_not_cut_at_an_abbreviation(run_with_pair: Run, text: str, title: str) -> None:
    result = run_with_pair("log", "note", text)
    assert result.code == 0 and result.out.splitlines()[0].endswith(f": {title}"), result.out


def test_log_reads_its_text_from_stdin_for_a_dash(run_with_pair: Run) -> None:
    result = run_with_pair("log", "reflection", "-", "--author", "mentee", stdin="From the pipe. The rest\nof it.\n")
    assert result.code == 0 and result.out.splitlines()[0].endswith(": From the pipe."), result.out
    shown = run_with_pair("show", "1").out
    assert "The rest\nof it." in shown


def test_todo_and_goal_alone_list_as_trash_does(run_with_pair: Run) -> None:
    assert run_with_pair("todo", "add", "Call the office").code == 0
    assert run_with_pair("goal", "add", "Transitions").code == 0
    assert (
        run_with_pair("todo").out == run_with_pair("todo", "list").out
        and "Call the office" in run_with_pair("todo").out
    )
    assert run_with_pair("goal").out == run_with_pair("goal", "list").out and "Transitions" in run_with_pair("goal").out


def test_an_unknown_export_format_is_a_usage_error(run_with_pair: Run) -> None:
    result = run_with_pair("export", "--format", "pdf")
    assert result.code == 2 and "format must be one of" in result.err and len(result.err.strip().splitlines()) == 1
    assert run_with_pair("export", "--format", "md").code == 0  # an alias is still the format


def test_a_date_option_takes_a_signed_relative_date(run_with_pair: Run) -> None:
    """`--on -3d` was refused as a command-line error (argparse took -3d for an option)."""
    logged = run_with_pair("log", "note", "Three days ago", "--on", "-3d")
    assert logged.code == 0 and "on 2026-11-19" in logged.out, logged.err
    assert run_with_pair("todo", "add", "Soon", "--due", "+3d").code == 0
    listed = run_with_pair("timeline", "--from", "-5d", "--json")
    assert listed.code == 0 and "Three days ago" in listed.out


def test_a_day_without_a_year_that_no_month_has_names_no_year(run_with_pair: Run) -> None:
    result = run_with_pair("todo", "add", "x", "--due", "feb 30")
    assert result.code == 1 and "(February has no day 30)" in result.err and "2026" not in result.err


def test_a_json_error_names_its_place_once(run_with_pair: Run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "mentorlog", "version": 1, "pairs": [\n\n  "unterminated')
    result = run_with_pair("import", str(broken), "--as", "mentor")
    assert result.code == 1 and "Unterminated string starting at line 3" in result.err and "at at" not in result.err
