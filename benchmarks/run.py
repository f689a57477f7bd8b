"""mentorlog against its baselines, side by side in one run (the targets of issue 16).

    python benchmarks/run.py                       # 100,000 entries for the commands, 10,000 for exports
    python benchmarks/run.py --entries 20000       # quicker
    python benchmarks/run.py --keep DIR            # keep (and reuse) the generated journals in DIR
    python benchmarks/run.py --jrnl PATH           # a jrnl 4.6 to compare with (else one is installed into DIR)

Every figure is a whole process as a user runs it (wall time): the commands that read
or write a few records on a journal of N entries shared by six pairs; quick capture
against `python -c "import sqlite3"`; the TUI's first frame against a minimal Textual
app's; the Markdown and JSON exports of one pair of 10,000 entries against jrnl 4.6
exporting a journal of 10,000 entries (and the Markdown export with nothing escaped,
markdown_floor.py: the least any escaping could cost); the JSON import of those 10,000
into a new journal and into one that already holds the pair. jrnl lives in a throwaway virtual
environment, never beside mentorlog. This machine is shared and noisy: every round
runs every command once, in turn, and a figure is the median of the rounds, so a busy
minute falls on all of them alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
MENTORLOG = [str(Path(PYTHON).with_name("mentorlog"))]
TODAY = "2026-11-22"
JRNL = "jrnl==4.6"
FLOOR = "the same, nothing escaped (markdown_floor.py)"
CSV = "mentorlog export --format csv --what entries"
HTML = "mentorlog export --format html"


def timed(argv: list[str], *, env: dict[str, str] | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr}")
    return seconds, done.stdout


def demo(path: Path, entries: int, *pairs: str) -> Path:
    if not path.exists():
        timed([*MENTORLOG, "demo", "--no-tui", "--entries", str(entries), "--seed", "1", "--db", str(path), *pairs])
    return path


def rounds(commands: dict[str, Callable[[], list[str]]], n: int, env: dict[str, str]) -> dict[str, float]:
    """Each command's median over `n` rounds, every round running all of them in turn."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(n):
        for name, argv in commands.items():
            times[name].append(timed(argv(), env=env)[0])
    return {name: statistics.median(found) for name, found in times.items()}


def commands_on(journal: Path, scratch: Path) -> dict[str, Callable[[], list[str]]]:
    """The everyday commands on a copy of `journal` whose pair 1 rates against the 38 elements of the CSTP
    (the largest preset); those that write, on a second copy made once."""
    rated = scratch / "rubric-38.db"
    shutil.copyfile(journal, rated)
    timed([*MENTORLOG, "--db", str(rated), "--pair", "1", "rubric", "preset", "cstp-elements"])
    for ratings in (["CSTP 2.3=3", "CSTP 1.5=2"], ["CSTP 2.3=4", "CSTP 5.2=3"]):
        timed([*MENTORLOG, "--db", str(rated), "--pair", "1", "assess", *ratings])
    journal, copy = rated, scratch / "written.db"
    shutil.copyfile(journal, copy)
    with sqlite3.connect(journal) as connection:
        (goal,) = connection.execute(
            "SELECT min(id) FROM goal WHERE pair_id = 1 AND status = 'active' AND kind = 'number'"
        ).fetchone()
        (entry,) = connection.execute("SELECT max(id) FROM entry WHERE pair_id = 1").fetchone()
    read, write = [*MENTORLOG, "--db", str(journal)], [*MENTORLOG, "--db", str(copy)]
    one = ["--pair", "1"]
    every = {
        "log (quick capture)": [*write, "log", "note", "Timer routine worked", *one],
        "todo list": [*read, "todo", "list", *one],
        "status": [*read, "status", *one],
        "goal list": [*read, "goal", "list", *one],
        "goal show": [*read, "goal", "show", str(goal), *one],
        "show": [*read, "show", str(entry), *one],
        "prep": [*read, "prep", *one],
        "todo add": [*write, "todo", "add", "Book the lab", *one],
        "goal progress": [*write, "goal", "progress", str(goal), "1", *one],
        "assess": [*write, "assess", "CSTP 2.3=3", "routines=2", *one],
        "goal edit": [*write, "goal", "edit", str(goal), "--due", "2027-06-30", *one],
        "rubric list": [*read, "rubric", "list", *one],
        "timeline": [*read, "timeline", "--limit", "50", *one],
        "pairs": [*read, "pairs"],
        "trash list": [*read, "trash", "list", *one],
        "report hours": [*read, "report", "hours", *one],
    }
    commands: dict[str, Callable[[], list[str]]] = {
        "python -c 'import sqlite3'": lambda: [PYTHON, "-c", "import sqlite3"]
    }
    commands |= {name: (lambda argv=argv: argv) for name, argv in every.items()}
    return commands


PASSPHRASE = "a benchmark passphrase"


def encrypted_commands(journal: Path, scratch: Path) -> dict[str, Callable[[], list[str]]]:
    """Quick capture, the timeline and status on a copy of `journal` encrypted and unlocked (as a user works
    with one), beside the same on a plain copy; and quick capture on the encrypted one locked, given the
    passphrase each time (the key derivation paid every run)."""
    plain, sealed = scratch / "plain.db", scratch / "encrypted.db"
    for copy in (plain, sealed):
        shutil.copyfile(journal, copy)
    env = {**os.environ, "MENTORLOG_PASSPHRASE": PASSPHRASE}
    for step in ("encrypt", "unlock"):
        done = subprocess.run([*MENTORLOG, "--db", str(sealed), step], capture_output=True, text=True, env=env)
        if done.returncode != 0:
            raise SystemExit(f"mentorlog {step} exited {done.returncode}:\n{done.stderr}")
    one = ["--pair", "1"]
    commands: dict[str, Callable[[], list[str]]] = {}
    for how, path in (("plain", plain), ("encrypted", sealed)):
        at = [*MENTORLOG, "--db", str(path)]
        commands[f"{how} log (quick capture)"] = lambda at=at: [*at, "log", "note", "Timer routine worked", *one]
        commands[f"{how} timeline"] = lambda at=at: [*at, "timeline", "--limit", "50", *one]
        commands[f"{how} status"] = lambda at=at: [*at, "status", *one]
    locked = [*MENTORLOG, "--db", str(sealed), "log", "note", "Given the passphrase", *one]
    commands["encrypted log, locked (MENTORLOG_PASSPHRASE)"] = lambda: [
        "env",
        f"MENTORLOG_PASSPHRASE={PASSPHRASE}",
        "XDG_RUNTIME_DIR=/nonexistent",
        *locked,
    ]
    return commands


def jrnl_journal(folder: Path, entries: int) -> dict[str, str]:
    """A jrnl journal of `entries` entries (about the length of mentorlog's), and the env that finds it."""
    config = folder / "jrnl-config" / "jrnl"
    config.mkdir(parents=True, exist_ok=True)
    text = folder / f"jrnl-{entries}.txt"
    if not text.exists():
        rng = random.Random(1)
        words = [
            "students",
            "routines",
            "transitions",
            "timer",
            "exit",
            "tickets",
            "signal",
            "lesson",
            "board",
            "planning",
            "feedback",
        ]
        day = dt.datetime(1990, 1, 1, 9, tzinfo=dt.UTC)
        with text.open("w") as out:
            for n in range(entries):
                day += dt.timedelta(hours=rng.randint(20, 80))
                body = " ".join(rng.choice(words) for _ in range(rng.randint(40, 120)))
                out.write(f"[{day:%Y-%m-%d %I:%M:%S %p}] Entry {n} about {rng.choice(words)}. @tag{n % 7}\n{body}\n\n")
    (config / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\ndefault_hour: 9\ndefault_minute: 0\n"
        "editor: ''\nencrypt: false\nhighlight: false\nindent_character: '|'\n"
        f"journals:\n  default:\n    journal: {text}\nlinewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        "timeformat: '%Y-%m-%d %I:%M:%S %p'\nversion: '4.6'\n"
    )
    return {**os.environ, "XDG_CONFIG_HOME": str(config.parent)}


def install_jrnl(folder: Path) -> Path:
    venv = folder / "jrnl-venv"
    if not (venv / "bin" / "jrnl").exists():
        subprocess.run([PYTHON, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", JRNL], check=True)
    return venv / "bin" / "jrnl"


def exports(one_pair: Path, jrnl: Path, jrnl_env: dict[str, str], scratch: Path, n: int) -> dict[str, float]:
    md, js, csv, html = scratch / "pair.md", scratch / "pair.json", scratch / "pair.csv", scratch / "pair.html"
    every = ["--db", str(one_pair), "export", "--pair", "1", "--include-private"]
    commands: dict[str, Callable[[], list[str]]] = {
        "mentorlog export --format markdown": lambda: [*MENTORLOG, *every, "--out", str(md)],
        FLOOR: lambda: [PYTHON, str(HERE / "markdown_floor.py"), *every, "--out", str(scratch / "floor.md")],
        "jrnl --format markdown": lambda: [str(jrnl), "--format", "markdown", "--file", str(scratch / "jrnl.md")],
        "mentorlog export --format json": lambda: [*MENTORLOG, *every, "--format", "json", "--out", str(js)],
        "jrnl --format json": lambda: [str(jrnl), "--format", "json", "--file", str(scratch / "jrnl.json")],
        CSV: lambda: [*MENTORLOG, *every, "--format", "csv", "--what", "entries", "--out", str(csv)],
        HTML: lambda: [*MENTORLOG, *every, "--format", "html", "--out", str(html)],
    }
    for name in [name for name in commands if not name.startswith("jrnl")]:  # a file there is replaced
        commands[name]()
    env = {**jrnl_env, "MENTORLOG_TODAY": TODAY}
    return rounds(commands, n, env)


def imports(one_pair: Path, scratch: Path, n: int, env: dict[str, str]) -> dict[str, float]:
    document = scratch / "import.json"
    timed([*MENTORLOG, "--db", str(one_pair), "export", "--pair", "1", "--include-private", "--format", "json",
           "--out", str(document)], env=env)  # fmt: skip
    counter = iter(range(1_000_000))

    def into_new() -> list[str]:
        return [*MENTORLOG, "--db", str(scratch / f"new-{next(counter)}.db"), "import", str(document), "--as", "mentor"]

    def into_existing() -> list[str]:
        copy = scratch / f"existing-{next(counter)}.db"
        shutil.copyfile(one_pair, copy)
        return [*MENTORLOG, "--db", str(copy), "import", str(document)]

    return rounds({"import into a new journal": into_new, "import into one holding the pair": into_existing}, n, env)


def tui(what: str, *args: str, screen: str | None = None) -> float:
    """The first frame's time; `screen`: the screen it must be (the caseload, the dashboard)."""
    env = {**os.environ, "MENTORLOG_PROBE_FIRST": "1"}
    _, out = timed([PYTHON, str(HERE / "tui_probe.py"), repr(time.time()), what, *args], env=env)
    found: dict[str, Any] = json.loads(out)
    if screen is not None and found.get("screen") != screen:
        raise SystemExit(f"the TUI opened on {found.get('screen')}, not {screen}")
    return float(found["first_frame" if what == "minimal" else "dashboard"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=100_000, help="the journal the commands run on")
    parser.add_argument("--export-entries", type=int, default=10_000, help="the one pair exported and imported")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--keep", type=Path, help="keep the generated journals here and reuse them next time")
    parser.add_argument("--jrnl", type=Path, help="a jrnl 4.6 executable (default: installed into a throwaway venv)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="mentorlog-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "MENTORLOG_TODAY": TODAY, "XDG_STATE_HOME": str(folder / "state"),
           "XDG_CONFIG_HOME": str(folder / "config")}  # fmt: skip
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's interpreter caches bytecode
    os.environ.update(env)
    lines: list[str] = []
    checks: list[tuple[str, float, float]] = []  # (target, measured ratio or seconds, limit)
    try:
        print("generating journals ...", file=sys.stderr, flush=True)
        journal = demo(folder / f"journal-{args.entries}.db", args.entries)
        one_pair = demo(folder / f"one-pair-{args.export_entries}.db", args.export_entries, "--pairs", "1")
        jrnl = args.jrnl or install_jrnl(folder)
        jrnl_env = jrnl_journal(folder, args.export_entries)
        with tempfile.TemporaryDirectory() as scratch_dir:
            scratch = Path(scratch_dir)
            print("the commands ...", file=sys.stderr, flush=True)
            found = rounds(commands_on(journal, scratch), args.rounds, env)
            base, log = found.pop("python -c 'import sqlite3'"), found["log (quick capture)"]
            lines.append(f"On {args.entries:,} entries (six pairs; pair 1 on the 38-element CSTP rubric), "
                         f"median of {args.rounds} rounds:")  # fmt: skip
            baseline = 'python -c "import sqlite3"'
            lines.append(f"  {baseline:<34}{base * 1000:8.0f} ms")
            for name, seconds in found.items():
                ratio = f"{seconds / base:.2f}x sqlite3" if name.startswith("log") else f"{seconds / log:.2f}x log"
                lines.append(f"  mentorlog {name:<24}{seconds * 1000:8.0f} ms   {ratio}")
            checks.append(("quick capture within 2x of python -c 'import sqlite3'", log / base, 2.0))
            checks += [(f"{name} within 1.5x of quick capture", s / log, 1.5) for name, s in found.items()
                       if not name.startswith("log")]  # fmt: skip
            print("exports, against jrnl ...", file=sys.stderr, flush=True)
            made = exports(one_pair, jrnl, jrnl_env, scratch, max(3, args.rounds // 2))
            lines.append(f"\nOne pair of {args.export_entries:,} entries; jrnl 4.6 on a journal of as many:")
            for name, seconds in made.items():
                lines.append(f"  {name:<44}{seconds:8.2f} s")
            for fmt, limit in (("markdown", 0.33), ("json", 0.2)):
                ratio = made[f"mentorlog export --format {fmt}"] / made[f"jrnl --format {fmt}"]
                checks.append((f"{fmt} export at most {limit}x of jrnl's", ratio, limit))
            checks.append((f"CSV of {args.export_entries:,} entries under 0.5 s", made[CSV], 0.5))
            checks.append((f"HTML report of a pair of {args.export_entries:,} entries under 2 s", made[HTML], 2.0))
            floor = made[FLOOR] / made["jrnl --format markdown"]
            lines.append(f"  (the Markdown export with nothing escaped: {floor:.2f}x of jrnl's; no escaping beats it)")
            print("imports ...", file=sys.stderr, flush=True)
            for name, seconds in imports(one_pair, scratch, 3, env).items():
                lines.append(f"  {name:<44}{seconds:8.2f} s")
                checks.append((f"JSON {name} of {args.export_entries:,} within 2 s", seconds, 2.0))
            print("an encrypted journal ...", file=sys.stderr, flush=True)
            found = rounds(encrypted_commands(journal, scratch), args.rounds, env)
            lines.append(
                f"\nThe same {args.entries:,} entries encrypted (SQLCipher), unlocked, beside the plain journal:"
            )
            for name in ("log (quick capture)", "timeline", "status"):
                plain, sealed = found[f"plain {name}"], found[f"encrypted {name}"]
                lines.append(f"  {name:<34}{plain * 1000:8.0f} ms plain {sealed * 1000:8.0f} ms encrypted "
                             f"  {sealed / plain:.2f}x")  # fmt: skip
                if name.startswith("log"):
                    checks.append(("quick capture on an unlocked encrypted journal within 1.2x of a plain one",
                                   sealed / plain, 1.2))  # fmt: skip
            locked = found["encrypted log, locked (MENTORLOG_PASSPHRASE)"]
            lines.append(f"  {'log, locked (the passphrase each time)':<34}{locked * 1000:8.0f} ms")
            encrypted_journal = scratch / "encrypted.db"
            sealed_frames = [tui("mentorlog", str(encrypted_journal), "1", screen="DashboardScreen") for _ in range(5)]
        print("the TUI ...", file=sys.stderr, flush=True)
        frames: dict[str, list[float]] = {"minimal": [], "dashboard": [], "caseload": []}
        for _ in range(5):  # in turn, as the commands are, so a busy minute falls on all three alike
            frames["minimal"].append(tui("minimal"))
            frames["dashboard"].append(tui("mentorlog", str(journal), "1", screen="DashboardScreen"))
            frames["caseload"].append(tui("mentorlog", str(journal), screen="CaseloadScreen"))
        minimal, first, caseload = (statistics.median(frames[name]) for name in ("minimal", "dashboard", "caseload"))
        lines.append(
            f"\nTUI first frame: minimal Textual app {minimal:.2f} s; mentorlog on {args.entries:,}: a pair's "
            f"dashboard {first:.2f} s, the caseload of six pairs {caseload:.2f} s"
        )
        sealed_first = statistics.median(sealed_frames)
        lines.append(f"TUI first frame on the encrypted journal (unlocked): {sealed_first:.2f} s "
                     f"({sealed_first / first:.2f}x the plain one's)")  # fmt: skip
        checks.append(("TUI first frame within 1.5x of a minimal Textual app's", first / minimal, 1.5))
        checks.append(("the caseload's first frame within 1.5x of the dashboard's", caseload / first, 1.5))
        checks.append(("the caseload's first frame within 1.5x of a minimal Textual app's", caseload / minimal, 1.5))
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    when = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    print(f"mentorlog benchmark, {when}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs\n")
    print("\n".join(lines))
    print("\nTargets:")
    for name, value, limit in checks:
        print(f"  {'PASS' if value <= limit else 'MISS'}  {name}: {value:.2f}")


if __name__ == "__main__":
    main()
