"""One text rule for every way in: an argument, standard input, an import (and the forms, which call the
journal functions the command line calls) normalise then check text the same way. (Typed text is trimmed
first; an import stores what the export held, which typing trimmed when it was written.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Run

PIECES = st.sampled_from(["a", "é", "e\u0301", "\u0958", "\r\n", "\n", "\t", "\x07", "\u202e", "🎉", " ", "#", "|"])
TEXT = st.lists(PIECES, min_size=1, max_size=260).map("".join)


def _stored_title(db: Path) -> str | None:
    import sqlite3

    if not db.exists():
        return None
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT title FROM entry ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    return row[0] if row else None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_argv_stdin_and_import_store_or_refuse_a_title_alike(run: Run, tmp_path_factory: object, text: str) -> None:
    folder = Path(tmp_path_factory.mktemp("ways"))  # type: ignore[attr-defined]
    verdicts: dict[str, tuple[int, str | None]] = {}
    for way in ("argv", "stdin", "import"):
        db = folder / f"{way}.db"
        assert run("--db", str(db), "init", "--mentor", "Ana", "--mentee", "Sam").code == 0
        if way == "argv":
            result = run("--db", str(db), "log", "note", "body", "--title", text)
        elif way == "stdin":
            result = run("--db", str(db), "log", "note", "-", "--title", "x", stdin="body")
            result = run("--db", str(db), "log", "note", text + "\n\nbody") if "\n" not in text else result
        else:
            exported = json.loads(run("--db", str(db), "export", "--format", "json").out)
            entry = {"uid": "0f5e2b8c-5f4e-4c1a-9a53-2b0d6f0e8a11", "kind": "note", "on": "2026-11-20",
                     "title": text.strip(), "body": "body", "created_at": "2026-11-20T10:00:00.000000+00:00",
                     "updated_at": "2026-11-20T10:00:00.000000+00:00"}  # fmt: skip
            exported["pairs"][0]["entries"] = [entry]
            shared = folder / "shared.json"
            shared.write_text(json.dumps(exported))
            result = run("--db", str(db), "import", str(shared), "--as", "mentor")
        assert "Traceback" not in result.err and "unexpected" not in result.err
        assert result.err.count("\n") <= 1
        verdicts[way] = (result.code, _stored_title(db) if result.code == 0 else None)
    assert verdicts["argv"] == verdicts["import"], (text, verdicts)


def test_bytes_that_are_not_utf8_on_stdin_are_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "MENTORLOG_DB": str(tmp_path / "j.db")}
    made = subprocess.run([sys.executable, "-m", "mentorlog", "init", "--mentor", "A", "--mentee", "B"], env=env)
    assert made.returncode == 0
    result = subprocess.run(
        [sys.executable, "-m", "mentorlog", "log", "note", "-"], input=b"bad \xff byte.", env=env,
        capture_output=True,
    )  # fmt: skip
    assert result.returncode == 1 and result.stderr.count(b"\n") == 1, result.stderr
    assert b"not UTF-8 text (byte 0xff at position 4)" in result.stderr
