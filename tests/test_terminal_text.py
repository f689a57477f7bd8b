"""Nothing from a file reaches the terminal as a command: the rules of mentorlog.terminal, and the CLI's
output and error paths that go through them (the TUI's are in tests/tui/test_terminal_output.py)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mentorlog.terminal import UNSAFE, json_safe, safe, safe_line, unsafe_in, visible
from tests.conftest import Run

ESC_TITLE = "Bad \x1b]0;PWNED\x07 title \x1b[31mred \x1b]52;c;ZXZpbA==\x07 clip"
HOSTILE = [
    "\x1b[2J",
    "\x1b]52;c;aGk=\x07",
    "a\rb",
    "x\u202ey",
    "\u2066i\u2069",
    "z\u200bw",
    "l\u2028m",
    "\x9b31m",
    "\U000e0041",
]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain words", "plain words"),
        ("two\nlines\ttab", "two\nlines\ttab"),
        ("\x1b[31mred", "␛[31mred"),
        ("bell\x07", "bell␇"),
        ("del\x7f", "del␡"),
        ("csi\x9b", "csi\ufffd"),
        ("over\rwrite", "over\nwrite"),
        ("crlf\r\nend", "crlf\nend"),
        ("sep\u2028par\u2029", "sep\npar\n"),
        ("\u202eevil\u202c", "evil"),
        ("\u2067isolated\u2069 \u200fmark", "isolated mark"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("tag\U000e0069\U000e0067", "tag"),
        ("שלום עולם", "שלום עולם"),  # right-to-left text reads right without any override
        ("🧑‍🏫 teacher", "🧑\u200d🏫 teacher"),  # the joiner emoji need stays
        ("lone \udcff byte", "lone \ufffd byte"),
    ],
)
def test_safe_shows_controls_and_drops_overrides(text: str, shown: str) -> None:
    assert safe(text) == shown
    assert not UNSAFE.search(safe(text))


def test_one_line_and_laid_out_forms() -> None:
    assert safe_line("a\x1b\nb  c") == "a␛ b c"
    assert visible("a\nb\x1b\u202e") == "a␤b␛"  # one character for one, none for what takes no cell


def test_json_safe_is_exact_and_printable() -> None:
    value = {"t": "".join(HOSTILE) + " שלום"}
    document = json_safe(json.dumps(value, ensure_ascii=False))
    assert not UNSAFE.search(document)
    assert json.loads(document) == value


def test_unsafe_in_names_the_character() -> None:
    assert unsafe_in("ok") is None
    assert unsafe_in("a\u202eb") == "U+202E"


@pytest.fixture
def db() -> Path:
    return Path(os.environ["MENTORLOG_DB"])


def _write_raw(db: Path, sql: str, *params: object) -> None:
    """Text put into the file by something other than mentorlog."""
    connection = sqlite3.connect(db)
    connection.execute(sql, params)
    connection.commit()
    connection.close()


def test_stored_escape_sequences_are_shown_never_sent(run_with_pair: Run, db: Path) -> None:
    assert run_with_pair("log", "session", "Plain. body", "--todo", "a step").code == 0
    hostile = "".join(HOSTILE)
    _write_raw(db, "UPDATE entry SET title = ?, body = ?, agenda = ?", ESC_TITLE, hostile, hostile)
    _write_raw(db, "UPDATE action_item SET text = ?", hostile)
    _write_raw(db, "UPDATE pair SET mentor_name = ?", "Ana \x1b[8mLopez")
    outputs = {
        command: run_with_pair(*command.split())
        for command in ("timeline", "show 1", "status", "prep", "todo list", "pairs", "timeline --json", "goal list")
    }
    for command, result in outputs.items():
        assert result.code == 0, (command, result.err)
        assert not UNSAFE.search(result.out), command
        assert not UNSAFE.search(result.err), command
    assert "␛]0;PWNED" in outputs["timeline"].out
    assert json.loads(outputs["timeline --json"].out)[0]["title"] == ESC_TITLE  # exact, as \u escapes


def test_an_escape_typed_in_an_argument_is_not_echoed_raw(run_with_pair: Run) -> None:
    result = run_with_pair("log", "session", "x", "--on", "\x1b]0;gotcha\x07")
    assert result.code == 1
    assert not UNSAFE.search(result.err) and "]0;gotcha" in result.err  # shown (as \\x1b), never sent
    usage = run_with_pair("timeline", "--kind", "\x1b[2J")
    assert usage.code == 2 and "\x1b" not in usage.err


def test_an_argument_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    env = os.environ | {"MENTORLOG_DB": str(tmp_path / "j.db")}
    done = subprocess.run(
        [sys.executable, "-m", "mentorlog", "init", "--mentor", b"Ana \xff".decode("utf-8", "surrogateescape"),
         "--mentee", "Sam"],
        capture_output=True, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    lines = done.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "not valid UTF-8" in lines[0] and "Traceback" not in done.stderr.decode()
    assert not (tmp_path / "j.db").exists()


def test_check_reports_stored_text_a_terminal_would_act_on(run_with_pair: Run, db: Path) -> None:
    assert run_with_pair("log", "note", "Fine. body").code == 0
    assert run_with_pair("check").code == 0
    _write_raw(db, "UPDATE entry SET body = ?", "hidden \u202e override")
    result = run_with_pair("check")
    assert result.code == 1
    assert "entry #1 body holds U+202E" in result.out


def test_carriage_returns_from_an_import_are_line_ends_as_typed(run_with_pair: Run, tmp_path: Path) -> None:
    assert run_with_pair("log", "reflection", "Week one. fine", "--author", "mentee").code == 0
    exported = json.loads(run_with_pair("export", "--format", "json").out)
    exported["pairs"][0]["entries"][0]["body"] = "first\rsecond\r\nthird"
    exported["pairs"][0]["entries"][0]["went_well"] = "a\rb"
    shared = tmp_path / "shared.json"
    shared.write_text(json.dumps(exported))
    fresh = tmp_path / "fresh.db"
    assert run_with_pair("import", str(shared), "--as", "mentor", "--db", str(fresh)).code == 0
    stored = sqlite3.connect(fresh).execute("SELECT body, went_well FROM entry").fetchone()
    assert stored == ("first\nsecond\nthird", "a\nb")


def test_every_character_safe_would_change_is_unprintable() -> None:
    """safe() and json_safe() return printable text as it is, without a search: that holds only
    because nothing they change is printable to Python (Cc, Cf, Cs, Zl, Zp). Checked for every
    code point."""
    from mentorlog import terminal

    rules = terminal._rules()
    printable = (chr(c) for c in range(0x110000) if chr(c).isprintable())
    changed = [ch for ch in printable if ord(ch) in rules.table or rules.unsafe.match(ch) or rules.line_ends.match(ch)]
    assert changed == []
