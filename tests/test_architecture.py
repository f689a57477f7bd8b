"""The layers hold: import-linter's contracts (pyproject.toml) pass, and each one can fail.

Rules and the codec know nothing above them; the store knows no journal, exchange, CLI
or TUI; the journal no exchange, CLI or TUI; nothing but the TUI imports Textual; no
import cycles. The CLI reaches the TUI only inside `mentorlog tui`, never at import.
"""

from __future__ import annotations

import ast
import shutil
import sys
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mentorlog"


def lint(root: Path) -> int:
    return lint_imports(config_filename=str(root / "pyproject.toml"), no_cache=True, no_logo=True)


def test_the_contracts_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.syspath_prepend(str(ROOT))
    assert lint(ROOT) == 0


# A breach of each contract, written into a copy of the package: each must break the lint.
BREACHES = {
    "rules import the journal": ("rules/progress.py", "from mentorlog.journal import goals"),
    "the codec imports the store": ("codec.py", "from mentorlog.db import tables"),
    "the store imports the journal": ("db/tables.py", "from mentorlog.journal import pairs"),
    "the journal imports an exchange format": ("journal/pairs.py", "from mentorlog.exchange import markdown"),
    "the CLI imports Textual": ("cli/render.py", "import textual"),
    "the journal imports the TUI": ("journal/pairs.py", "from mentorlog.tui import app"),
    "a cycle inside the journal": ("journal/tags.py", "from mentorlog.journal import goals"),
}


@pytest.mark.parametrize("breach", BREACHES, ids=list(BREACHES))
def test_a_breach_breaks_the_lint(breach: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "project"
    shutil.copytree(PACKAGE, copy / "mentorlog", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    module, line = BREACHES[breach]
    target = copy / "mentorlog" / module
    target.write_text(target.read_text() + f"\n\ndef _breach() -> None:\n    {line}  # noqa\n")
    monkeypatch.chdir(copy)
    monkeypatch.syspath_prepend(str(copy))
    # The copy, not the installed package, is what grimp must find.
    for name in [m for m in sys.modules if m == "mentorlog" or m.startswith("mentorlog.")]:
        monkeypatch.delitem(sys.modules, name)
    assert lint(copy) == 1


def test_no_cli_module_imports_the_tui_at_import() -> None:
    """`mentorlog log` never pays for Textual: the TUI is imported inside the function that opens it."""
    found = []
    for path in sorted((PACKAGE / "cli").glob("*.py")):
        for node in ast.parse(path.read_text()).body:  # module level only
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            found += [f"{path.name}: {n}" for n in names if n.split(".")[:2] == ["mentorlog", "tui"]]
            found += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "textual"]
    assert found == []


def test_every_connection_is_made_by_the_one_factory() -> None:
    """db/connecting.connect is the one way in (an encrypted journal is keyed there): no other module of
    mentorlog calls sqlite3.connect, whatever it imports the function as."""
    import ast

    package = Path(__file__).parents[1] / "mentorlog"
    found = []
    for path in sorted(package.rglob("*.py")):
        if path == package / "db" / "connecting.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = node.func if isinstance(node, ast.Call) else None
            named = (
                isinstance(called, ast.Attribute) and called.attr == "connect" and isinstance(called.value, ast.Name)
                and called.value.id == "sqlite3"
            )  # fmt: skip
            imported = (
                isinstance(node, ast.ImportFrom)
                and node.module in ("sqlite3", "sqlite3.dbapi2")
                and any(alias.name == "connect" for alias in node.names)
            )
            if named or imported:
                found.append(f"{path.relative_to(package)}:{node.lineno}")
    assert not found, "sqlite3.connect outside db/connecting.py: " + ", ".join(found)
