"""The installed command as a separate process: import hygiene and no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def mentorlog(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mentorlog", *args],
        capture_output=True,
        text=True,
        env=env or dict(os.environ),
        timeout=60,
        check=False,
    )


def test_the_cli_never_imports_textual() -> None:
    code = (
        "import sys, mentorlog.cli, mentorlog.cli.handlers as h\n"
        "for key in h.HANDLERS: h.handler(*key)\n"
        "import mentorlog.exchange as x, mentorlog.exchange.json_import, mentorlog.exchange.backup\n"
        "for f in x.FORMATS.values(): x.exporter(f)\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if m.startswith('textual'))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_a_real_run_and_its_errors_show_no_traceback(tmp_path: Path) -> None:
    db = str(tmp_path / "j.db")
    assert mentorlog("--db", db, "init", "--mentor", "Ana", "--mentee", "Sam").returncode == 0
    logged = mentorlog("--db", db, "log", "session", "First meeting. Went well.", "--on", "yesterday")
    assert logged.returncode == 0 and "Logged session #1 on 2026-11-21" in logged.stdout
    for args, code in (
        (["log", "note", "x", "--on", "Feb 30"], 1),
        (["goal", "show", "9"], 1),
        (["log", "nope", "x"], 2),
    ):
        result = mentorlog("--db", db, *args)
        assert result.returncode == code
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    (tmp_path / "junk.db").write_bytes(b"\x00garbage" * 100)
    junk = mentorlog("--db", str(tmp_path / "junk.db"), "timeline")
    assert junk.returncode == 1 and "not a mentorlog journal" in junk.stderr and "Traceback" not in junk.stderr
