"""export, import and backup: the pair's history leaving and re-entering the journal."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mentorlog.cli.context import Context
from mentorlog.errors import Invalid
from mentorlog.exchange import get_format, with_history, write_export
from mentorlog.exchange.atomic import STDOUT
from mentorlog.exchange.options import EVERY, ExportOptions
from mentorlog.files import destination
from mentorlog.journal.sharing import Scope
from mentorlog.kinds import Role
from mentorlog.terminal import safe
from mentorlog.words import plural

if TYPE_CHECKING:
    from mentorlog.exchange.import_report import Report


def export(ctx: Context) -> int:
    a = ctx.args
    fmt = get_format(a.format)
    start, end = ctx.date(a.start, "--from"), ctx.date(a.end, "--to")
    if start and end and start > end:
        raise Invalid(f"--from {start} is after --to {end}: nothing would be exported")
    if a.with_history and not fmt.history:
        carriers = " or ".join(f.name for f in with_history())
        raise Invalid(f"--with-history needs --format {carriers} (a {fmt.name} export has no place for the trash)")
    if a.what is not None and fmt.name != "csv":
        raise Invalid(f"--what is for --format csv (a {fmt.name} export holds everything it carries)")
    if a.order != "newest" and fmt.name != "markdown":
        raise Invalid(f"--order is for --format markdown (not {fmt.name})")
    what = a.what or ("sessions" if fmt.name == "csv" else "")
    if what == EVERY and a.out == STDOUT:
        raise Invalid(f"--what {EVERY} writes a file each into a folder: name it with --out FOLDER")
    scope = Scope(start, end, a.include_private)
    connection = ctx.reader()
    pair = ctx.pair(connection)
    options = ExportOptions(pair, ctx.today, scope, with_history=a.with_history, order=a.order, what=what)
    if what == EVERY:
        from mentorlog.exchange.csv_export import export_folder

        written = export_folder(connection, options, Path(a.out), journal=ctx.journal_path)
        private = "with private entries" if a.include_private else "private entries left out"
        names = ", ".join(path.name for path in written)
        ctx.print(
            f"Exported {pair.mentor_name} & {pair.mentee_name} as CSV into {written[0].parent}: {names} ({private})"
        )
        ctx.plaintext_note(str(written[0].parent))
        return 0
    write_export(connection, fmt, options, a.out, journal=ctx.journal_path, stdout=ctx.out)
    if a.out != STDOUT:
        private = "with private entries" if a.include_private else "private entries left out"
        history = ", with the trash and earlier versions" if a.with_history else ""
        label = f"{pair.mentor_name} & {pair.mentee_name}"
        _confirm(ctx, a.out, f"Exported {label} as {fmt.name} to {Path(a.out).expanduser()} ({private}{history})")
    ctx.plaintext_note(a.out)
    return 0


def _confirm(ctx: Context, out: str, line: str) -> None:
    """Say what was written: on stdout, unless the file was a stream (/dev/stdout, a FIFO) it may be part of."""
    if destination(out).stream:
        print(safe(line), file=ctx.err)
    else:
        ctx.print(line)


def import_file(ctx: Context) -> int:
    from mentorlog.exchange.import_report import REPORT_ORDER

    a = ctx.args
    role = a.role and Role(_role(a.role))
    source = "standard input" if a.file == STDOUT else a.file
    report, path = _merge(ctx, _read_export(a.file, source), source, role)
    if a.json:
        from mentorlog.cli.json_out import dumps

        counts = {kind: vars(report.counts[kind]) for kind in REPORT_ORDER}
        ctx.print(dumps({"source": source, "journal": str(path), "changed": report.changed, "counts": counts,
                         "future_stamps_clamped": report.clamped}))  # fmt: skip
        return 0
    ctx.print(f"Merged {source} into {path}: {plural(report.changed, 'record')} added or updated")
    ctx.print(f"  {'':<18}{'added':>8}{'updated':>9}{'unchanged':>11}")
    for kind in REPORT_ORDER:
        c = report.counts[kind]
        if kind in ("history", "trash") and not c.added + c.unchanged:
            continue  # the file did not carry them (export --with-history does)
        ctx.print(f"  {kind.replace('_', ' '):<18}{c.added:>8}{c.updated:>9}{c.unchanged:>11}")
    if report.clamped:
        ctx.print(
            f"  {report.clamped} time stamp{'s' if report.clamped != 1 else ''} in the future (a wrong clock?) "
            "set to when the file was exported, so later edits here still win"
        )
    return 0


MAX_IMPORT_BYTES = 1 << 30  # 1 GiB: a 100,000-entry pair exports to about 150 MB


def _read_export(name: str, source: str) -> bytes:
    """The file's bytes: a regular file (or standard input) no larger than an export can be, checked first."""
    if name == STDOUT:
        raw = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
        if len(raw) > MAX_IMPORT_BYTES:
            raise Invalid(f"{source} holds more than {MAX_IMPORT_BYTES >> 20:,} MB: not a mentorlog export")
        return raw
    path = Path(name).expanduser()
    try:
        found = path.stat()
        if not stat.S_ISREG(found.st_mode):
            kind = "a directory" if stat.S_ISDIR(found.st_mode) else "not a regular file (a FIFO or a device)"
            raise Invalid(f"cannot read {source}: it is {kind}")
        if found.st_size > MAX_IMPORT_BYTES:
            raise Invalid(f"{source} is {found.st_size >> 20:,} MB: too large to be a mentorlog export")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # swapped for a FIFO since: no wait
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise Invalid(f"cannot read {source}: it is not a regular file")
            return handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise Invalid(f"cannot read {source}: {exc.strerror or exc}") from None


def _merge(ctx: Context, raw: bytes, source: str, role: str | None) -> tuple[Report, Path]:
    from mentorlog.exchange.json_import import import_pairs, read_document

    incoming = read_document(raw, source)  # every record checked before the journal is opened or made
    connection = ctx.writer(create=True)
    journal = ctx.journal()
    try:
        return import_pairs(connection, incoming, role=role), journal.path
    except BaseException as exc:
        if journal.created:  # made for this import and left empty: it goes again
            journal.forget()
        if isinstance(exc, Invalid):
            raise Invalid(f"{source}: {exc}") from None
        raise


def _role(text: str) -> str:
    value = text.strip().lower()
    if value not in {r.value for r in Role}:
        raise Invalid(f"--as must be mentor or mentee (not {text!r})")
    return value


def backup(ctx: Context) -> int:
    from mentorlog.exchange.backup import make_backup

    a = ctx.args
    if a.keep < 1:
        raise Invalid(f"--keep must be at least 1 (not {a.keep})")
    journal = ctx.journal()  # refuses anything that is not a sound journal before copying it
    # The copy reads through a read-only connection, which cannot tidy away the -wal and -shm it needs;
    # the journal's own connection, open meanwhile and closed last, does (as the TUI's does there).
    ctx.reader()
    made = make_backup(journal.path, out=Path(a.out) if a.out else None, keep=a.keep, key=journal.found.key)
    size = f" ({made.size / 1024:,.0f} KB)" if made.size else ""
    _confirm(ctx, str(made.path), f"Backed up {journal.path} to {made.path}{size}")
    if made.removed:
        ctx.print(f"Kept the newest {plural(a.keep, 'backup')}; removed {len(made.removed)} older")
    return 0


def restore(ctx: Context) -> int:
    """Put a backup in place of the journal: the journal is not opened (it may be damaged past opening)."""
    from mentorlog.db import keyfile
    from mentorlog.exchange.restore import restore_backup

    before = _key_file_bytes(ctx.journal_path)
    done = restore_backup(ctx.journal_path, Path(ctx.args.backup).expanduser(), unlock=ctx.unlock)
    ctx.print(f"Restored {done.journal} from {done.backup}")
    after = _key_file_bytes(ctx.journal_path)
    if after is not None and before is not None and after != before:
        ctx.print(f"  its key file came with it ({keyfile.key_path(done.journal)}): it opens with the passphrase "
                  "the backup had")  # fmt: skip
    if done.kept is not None:
        what = "damaged journal" if done.damaged else "journal it replaced"
        ctx.print(f"  the {what} is kept at {done.kept}")
    return 0


def _key_file_bytes(journal: Path) -> bytes | None:
    from mentorlog.db import keyfile

    try:
        return keyfile.key_path(Path(os.path.realpath(journal))).read_bytes()
    except OSError:
        return None
