"""What a CLI call loads: run in a fresh interpreter, so nothing an earlier test imported counts."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("sqlalchemy", "sqlmodel", "textual")


def heavy_after(*calls: list[str]) -> tuple[list[int], list[str]]:
    """The exit codes of `mentorlog` run with each argv in one fresh interpreter, and the heavy
    packages (SQLAlchemy, SQLModel, Textual) it had loaded by the end."""
    script = (
        "import io, json, sys; from mentorlog.cli import main\n"
        f"codes = [main(argv, out=io.StringIO()) for argv in {json.dumps(list(calls))}]\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})\n"
        "print(json.dumps([codes, heavy]))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    codes, heavy = json.loads(done.stdout.strip().splitlines()[-1])
    return codes, heavy
