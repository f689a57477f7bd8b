"""`mentorlog completion bash|zsh|fish`: a static script (shtab) that knows every command, option and value;
what only the journal knows (pairs, goals, competencies) comes from `mentorlog __complete` as Tab is pressed,
and quick capture imports nothing of it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Run


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_script_for_each_shell_names_the_commands_and_asks_for_names(run: Run, shell: str) -> None:
    result = run("completion", shell)
    assert result.code == 0, result.err
    for command in ("log", "export", "report", "config", "completion"):
        assert command in result.out
    assert "__complete pairs" in result.out and "__complete goals" in result.out
    assert "__complete" not in run("--help").out


def test_the_hidden_command_lists_pairs_goals_and_competencies(run_with_pair: Run) -> None:
    run = run_with_pair
    assert run("goal", "add", "Wait time", "--status", "active").code == 0
    assert run("__complete", "pairs").out.split("\n")[:3] == ["1", "Ana Lopez", "Sam Rivera"]
    assert run("__complete", "goals").out.split() == ["1"]
    assert "Classroom management" in run("__complete", "competencies").out.splitlines()


def test_no_journal_completes_nothing_and_says_nothing(run: Run, tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "none.db"), "__complete", "goals")
    assert result.code == 0 and result.out == "" and result.err == ""
    assert not (tmp_path / "none.db").exists()


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_completes_values_and_a_goal_number(run_with_pair: Run, tmp_path: Path) -> None:
    run = run_with_pair
    assert run("goal", "add", "Wait time", "--status", "active").code == 0
    script = tmp_path / "mentorlog.bash"
    script.write_text(run("completion", "bash").out)

    def complete(line: str) -> list[str]:
        words = line.split(" ")
        quoted = " ".join(repr(w) for w in words)
        program = (f"source {script}; COMP_WORDS=({quoted}); COMP_CWORD={len(words) - 1}; COMP_LINE={line!r};"
                   " COMP_POINT=${#COMP_LINE}; _shtab_mentorlog; printf '%s\\n' \"${COMPREPLY[@]}\"")  # fmt: skip
        env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
        done = subprocess.run(["bash", "-c", program], capture_output=True, text=True, env=env, timeout=60)
        return done.stdout.split()

    assert "report" in complete("mentorlog rep")
    assert set(complete("mentorlog export --format ")) == {"markdown", "json", "ics", "html", "csv"}
    assert complete("mentorlog goal show ") == ["1"]


def test_quick_capture_loads_neither_completion_nor_the_settings(tmp_path: Path) -> None:
    """Nor config.toml: the help of `--activity` (the program's own list) is written only when shown."""
    code = ("import sys; from mentorlog.cli import main; main(['--db', sys.argv[1], 'log', 'note', 'x']);"
            " print(sorted(m for m in sys.modules if 'shtab' in m or 'cmd_completion' in m or m == 'mentorlog.config'"
            " or m == 'tomllib'))")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "j.db")], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
