"""mentorlog at scale: every hot path on journals of 1,000, 10,000 and 100,000 entries.

    python benchmarks/run.py                      # all three sizes (about twenty minutes)
    python benchmarks/run.py --sizes 1000 10000   # quicker
    python benchmarks/run.py --keep DIR           # keep (and reuse) the generated journals in DIR

The interactive paths run on a journal of N entries shared by several pairs (as a
mentor's would be); export and import, which work on one pair, on a journal whose
one pair holds all N entries.

Every figure is a whole process as a user runs it (wall time, peak memory from the
kernel's rusage), beside a baseline measured in the same run: `python -c "import
sqlmodel"` for the command line, a minimal Textual app for the TUI. The quick
commands and their baseline take the median of nine rounds, each round running
every size in turn: this machine is shared and noisy, and interleaving lets a busy
minute fall on all sizes alike. Query times are measured in this process. The
targets of issue 6 are checked on the largest size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
MENTORLOG = [PYTHON, "-m", "mentorlog"]
SEED = 1
WORD = "transitions"  # in about one entry in four of a generated journal
TODAY = "2026-11-22"


@dataclass
class Run:
    seconds: float
    peak_mb: float
    output: str = ""


def run(argv: list[str]) -> None:
    done = subprocess.run(argv, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")


def timed(argv: list[str], *, env: dict[str, str] | None = None) -> Run:
    """Like run(), with the child's peak memory (ru_maxrss, KB on Linux)."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    assert child.stdout is not None
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {child.returncode}")
    return Run(seconds, usage.ru_maxrss / 1024, out)


@dataclass
class Size:
    entries: int
    figures: dict[str, Run] = field(default_factory=dict)
    query_ms: dict[str, float] = field(default_factory=dict)
    tui: dict[str, Any] = field(default_factory=dict)


def journal_for(entries: int, folder: Path, *, pairs: int | None = None) -> tuple[Path, Run]:
    """A generated journal: several pairs share the entries, as a mentor's journal would, unless `pairs`."""
    shared = "" if pairs is None else f"-{pairs}pair"
    path = folder / f"journal-{entries}{shared}-seed{SEED}.db"
    if path.exists():
        return path, Run(0.0, 0.0)
    demo = [*MENTORLOG, "demo", "--no-tui", "--entries", str(entries), "--seed", str(SEED), "--db", str(path)]
    made = timed(demo + ([] if pairs is None else ["--pairs", str(pairs)]))
    return path, made


def query_times(path: Path) -> dict[str, float]:
    """The timeline page and a search, as the CLI and the TUI ask for them: best of five, in ms."""
    from mentorlog.db import open_journal
    from mentorlog.journal import pairs, timeline

    journal = open_journal(path)
    result: dict[str, float] = {}
    try:
        with journal.read() as s:
            pair = pairs.resolve_pair(s, "1")
            for name, filters in (("timeline", timeline.Filters()), ("search", timeline.Filters(search=WORD))):
                times = []
                for _ in range(5):
                    started = time.perf_counter()
                    timeline.page(s, pair, filters, limit=50)
                    times.append((time.perf_counter() - started) * 1000)
                result[name] = min(times)
    finally:
        journal.close()
    return result


QUICK = ("log (quick capture)", "timeline --limit 50", f"timeline --search {WORD}")


BASELINE = (0, "import sqlmodel")


def quick_commands(sizes: list[Size], folder: Path, rounds: int = 9) -> Run:
    """The sub-second commands, every size in each round, so the machine's noise falls on all sizes alike.

    Measured one size after another, minutes apart, a busy minute on this shared machine
    made a flat path look 1.4x slower at one size; interleaved, the comparison is fair.
    """
    with tempfile.TemporaryDirectory() as scratch:  # captures go to a copy: a kept journal stays as generated
        commands: dict[tuple[int, str], list[str]] = {BASELINE: [PYTHON, "-c", "import sqlmodel"]}
        for size in sizes:
            path, _ = journal_for(size.entries, folder)
            copy = Path(scratch) / path.name
            shutil.copyfile(path, copy)
            db = ["--db", str(path)]
            commands[(size.entries, QUICK[0])] = [*MENTORLOG, "--db", str(copy), "log", "note", "Timer routine worked",
                                                  "--pair", "1"]  # fmt: skip
            commands[(size.entries, QUICK[1])] = [*MENTORLOG, *db, "timeline", "--limit", "50", "--pair", "1"]
            commands[(size.entries, QUICK[2])] = [*MENTORLOG, *db, "timeline", "--search", WORD, "--limit", "50",
                                                  "--pair", "1"]  # fmt: skip
        runs: dict[tuple[int, str], list[Run]] = {key: [] for key in commands}
        for _ in range(rounds):
            for key, argv in commands.items():
                runs[key].append(timed(argv))

    def summary(found: list[Run]) -> Run:
        return Run(statistics.median(r.seconds for r in found), max(r.peak_mb for r in found))

    for size in sizes:
        for name in QUICK:
            size.figures[name] = summary(runs[(size.entries, name)])
    return summary(runs[BASELINE])


def tui(what: str, *args: str) -> dict[str, Any]:
    probe = timed([PYTHON, str(HERE / "tui_probe.py"), repr(time.time()), what, *args])
    result: dict[str, Any] = json.loads(probe.output)
    result["peak_mb"] = probe.peak_mb
    return result


def measure(entries: int, folder: Path) -> Size:
    size = Size(entries)
    path, made = journal_for(entries, folder)
    if made.seconds:
        size.figures["generate (demo --entries)"] = made
    # log, timeline and search are measured for every size together (quick_commands), interleaved.
    size.query_ms = query_times(path)
    # An export is of one pair: these run on a journal whose one pair holds all N entries.
    one_pair, _ = journal_for(entries, folder, pairs=1)
    one = ["--db", str(one_pair)]
    with tempfile.TemporaryDirectory() as scratch:
        markdown, document = Path(scratch) / "all.md", Path(scratch) / "all.json"
        every = ["--pair", "1", "--include-private"]
        size.figures["export --format markdown"] = timed([*MENTORLOG, *one, "export", *every, "--out", str(markdown)])
        size.figures["export --format json"] = timed(
            [*MENTORLOG, *one, "export", "--format", "json", *every, "--out", str(document)]
        )
        size.figures["import (that JSON, empty file)"] = timed(
            [*MENTORLOG, "--db", str(Path(scratch) / "into.db"), "import", str(document), "--as", "mentor"]
        )
    size.tui = tui("mentorlog", str(path))
    return size


def row(label: str, cells: list[str], extra: str = "") -> str:
    return f"{label:<34}" + "".join(f"{c:>20}" for c in cells) + (f"   {extra}" if extra else "")


def _cell(figure: Run | None) -> str:
    return "-" if figure is None else f"{figure.seconds:.2f} s / {figure.peak_mb:.0f} MB"


def report(sizes: list[Size], base_cli: Run, base_tui: dict[str, Any], empty_tui: dict[str, Any]) -> list[str]:
    heads = [f"{s.entries:,} entries" for s in sizes]
    lines = [row("", heads, "baseline (same run)"), row("", ["time / peak memory"] * len(sizes))]
    order = ["generate (demo --entries)", *QUICK, "export --format markdown", "export --format json",
             "import (that JSON, empty file)"]  # fmt: skip
    for name in (name for name in order if any(name in s.figures for s in sizes)):
        cells = [_cell(s.figures.get(name)) for s in sizes]
        extra = ""
        if name in ("log (quick capture)", "timeline --limit 50", f"timeline --search {WORD}"):
            extra = f"import sqlmodel {base_cli.seconds:.2f} s / {base_cli.peak_mb:.0f} MB"
        lines.append(row(name, cells, extra))
    for name in ("timeline", "search"):
        lines.append(row(f"  query: {name} page", [f"{s.query_ms[name]:.1f} ms" for s in sizes]))
    tui_base = f"minimal Textual app {base_tui['first_frame']:.2f} s / {base_tui['peak_mb']:.0f} MB"
    empty = f"empty journal {empty_tui['dashboard']:.2f} s"
    seconds = {key: [f"{s.tui[key]:.2f} s" for s in sizes] for key in ("dashboard", "journal", "scroll")}
    lines += [
        row("TUI launch -> dashboard frame", seconds["dashboard"], f"{tui_base}; {empty}"),
        row("TUI launch -> journal frame", seconds["journal"], f"empty journal {empty_tui['journal']:.2f} s"),
        row("TUI scroll journal 1,000 rows", seconds["scroll"], f"plain DataTable {base_tui['scroll']:.2f} s"),
        row("  largest fetch / rows held", [f"{s.tui['largest_fetch']} / {s.tui['scroll_rows']}" for s in sizes]),
        row("TUI peak memory", [f"{s.tui['peak_mb']:.0f} MB" for s in sizes]),
    ]
    return lines


def targets(sizes: list[Size], base_cli: Run, empty_tui: dict[str, Any]) -> list[tuple[str, bool, str]]:
    big = sizes[-1]
    log = big.figures["log (quick capture)"].seconds
    ratio = log / base_cli.seconds
    checks = [("quick capture within 1.25x of import sqlmodel", ratio <= 1.25, f"{ratio:.2f}x")]
    for name, command in (("timeline", "timeline --limit 50"), ("search", f"timeline --search {WORD}")):
        whole = big.figures[command].seconds
        checks.append((f"{name} query under 50 ms", big.query_ms[name] < 50, f"{big.query_ms[name]:.1f} ms"))
        checks.append((f"{command} within 1.3x of quick capture", whole <= 1.3 * log, f"{whole / log:.2f}x"))
    dash = big.tui["dashboard"] / empty_tui["dashboard"]
    fetch = big.tui["largest_fetch"]
    checks += [
        ("TUI first frame within 1.5x of an empty journal", dash <= 1.5, f"{dash:.2f}x"),
        ("journal fetches at most a page at a time", big.tui["largest_fetch"] <= big.tui["page"], f"{fetch} rows"),
        ("TUI memory under 250 MB", big.tui["peak_mb"] < 250, f"{big.tui['peak_mb']:.0f} MB"),
    ]
    small = sizes[0]
    if len(sizes) > 1:
        growth = big.entries / small.entries
        for name in ("log (quick capture)", "timeline --limit 50", f"timeline --search {WORD}"):
            ratio = big.figures[name].seconds / small.figures[name].seconds
            checks.append((f"{name} flat from {small.entries:,} to {big.entries:,}", ratio <= 1.3, f"{ratio:.2f}x"))
        tui_ratio = big.tui["journal"] / small.tui["journal"]
        checks.append((f"TUI journal frame flat from {small.entries:,}", tui_ratio <= 1.5, f"{tui_ratio:.2f}x"))
        for name in ("export --format markdown", "export --format json", "import (that JSON, empty file)"):
            ratio = big.figures[name].seconds / small.figures[name].seconds
            memory = big.figures[name].peak_mb / small.figures[name].peak_mb
            checks.append(
                (f"{name} no worse than linear ({growth:,.0f}x entries)", ratio <= growth, f"{ratio:.1f}x time")
            )
            checks.append((f"{name} memory no worse than linear", memory <= growth, f"{memory:.1f}x memory"))
    ten = next((s for s in sizes if s.entries == 10_000), None)
    if ten is not None:
        md, imp = ten.figures["export --format markdown"].seconds, ten.figures["import (that JSON, empty file)"].seconds
        checks += [
            ("Markdown export of 10,000 under 2 s", md < 2, f"{md:.2f} s"),
            ("JSON import of 10,000 under 5 s", imp < 5, f"{imp:.2f} s"),
        ]
    return checks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--keep", type=Path, help="keep the generated journals here and reuse them next time")
    args = parser.parse_args()
    os.environ["MENTORLOG_TODAY"] = TODAY
    folder = args.keep or Path(tempfile.mkdtemp(prefix="mentorlog-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["XDG_STATE_HOME"] = str(folder / "state")  # drafts and logs stay out of the user's dirs
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    try:
        base_tui = tui("minimal")
        empty = folder / "empty.db"
        if not empty.exists():
            run([*MENTORLOG, "--db", str(empty), "init", "--mentor", "Ana Lopez", "--mentee", "Sam Rivera"])
        empty_tui = tui("mentorlog", str(empty))
        sizes = []
        for entries in sorted(args.sizes):
            print(f"measuring {entries:,} entries ...", file=sys.stderr, flush=True)
            sizes.append(measure(entries, folder))
        print("measuring the quick commands, every size in each round ...", file=sys.stderr, flush=True)
        base_cli = quick_commands(sizes, folder)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    when = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    print(f"mentorlog benchmark, {when}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print("\n".join(report(sizes, base_cli, base_tui, empty_tui)))
    print(f"\nTargets, on {sizes[-1].entries:,} entries:")
    for name, ok, figure in targets(sizes, base_cli, empty_tui):
        print(f"  {'PASS' if ok else 'MISS'}  {name}: {figure}")


if __name__ == "__main__":
    main()
