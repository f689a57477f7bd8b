"""Writing a file without destroying what is at its path: the one way mentorlog writes files.

What a path names decides how it is written:

- nothing, or a regular file: the new content is written beside it and moved into
  place whole (0600, fsynced), so a crash leaves the old file or the new one;
- a symlink: written through, whole, beside the file it points to (the link stays);
- a FIFO, a terminal or another character device, or a descriptor of this process
  (`/dev/stdout`, `/dev/fd/N`): streamed to, never replaced;
- a directory, a socket or a block device: refused, untouched;
- an SQLite database (a journal, a backup, another program's), a file SQLite keeps beside
  one (`-wal`, `-shm`, `-journal`) or a file with a `-wal`/`-shm` beside it: refused,
  untouched, whatever is being written (an export, a backup, the settings, a draft).

Where the system allows it (Linux), the new content lives in an unnamed file until it
is complete, so a process killed while writing leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple, TextIO, cast

from mentorlog.errors import MentorlogError

PART = ".part"
# Paths that name a descriptor of this process: written to as they are, whatever they lead to.
_DESCRIPTOR_PATHS = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/self/fd/")


class WriteFailed(MentorlogError):
    """The destination could not be written; what was there is as it was, and nothing was left behind."""


class Destination(NamedTuple):
    """Where bytes for `given` go: `target` replaced whole, or streamed into."""

    given: Path
    target: Path
    stream: bool


def destination(path: str | Path) -> Destination:
    """How `path` will be written; WriteFailed (nothing touched) when it must not be."""
    given = Path(path).expanduser()
    text = str(given)
    if text.startswith(_DESCRIPTOR_PATHS) or _is_descriptor_link(given):
        return Destination(given, given, stream=True)
    target = Path(os.path.realpath(given))
    try:
        found = os.stat(target)
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise WriteFailed(f"cannot write {given}: the folder {target.parent} does not exist") from None
        return Destination(given, target, stream=False)
    except OSError as exc:
        raise WriteFailed(f"cannot write {given}: {exc.strerror or exc}") from None
    mode = found.st_mode
    if stat.S_ISREG(mode):
        return Destination(given, target, stream=False)
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return Destination(given, target, stream=True)
    what = "a directory" if stat.S_ISDIR(mode) else "a socket" if stat.S_ISSOCK(mode) else "a block device"
    raise WriteFailed(f"cannot write {given}: it is {what}, not a file; left untouched")


def writable(path: str | Path, *, refuse: Callable[[Path], str | None] | None = None) -> Destination:
    """Where `path` would be written, or WriteFailed (nothing touched): `destination`'s refusals,
    `refuse(target)`'s own reason not to write there (the open journal), and any database or file of
    one (`database_reason`)."""
    where = destination(path)
    if not where.stream:
        reason = (refuse(where.target) if refuse is not None else None) or database_reason(where.target)
        if reason:
            raise WriteFailed(f"cannot write {where.given}: {reason}; left untouched")
    return where


SQLITE_MAGIC = b"SQLite format 3\x00"
# An encrypted journal's first bytes and its key file's (db.keyfile): never written over either.
ENCRYPTED_MAGIC = b"MentorlogCrypt\x00"
KEY_FILE_MAGIC = b"MLOGKEY\x00"
KEY_SUFFIX = "-key"  # an encrypted journal's key file: journal.db-key
WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
SIDECARS = ("-wal", "-shm", "-journal")


def database_reason(target: Path) -> str | None:
    """Why nothing mentorlog writes may replace `target`: it is an SQLite database (a journal, a backup,
    another program's), a file SQLite keeps beside one, or a file with a -wal or -shm beside it (a
    database in use, whose header may not be written yet). None where it is not."""
    for suffix in SIDECARS:
        if target.name.endswith(suffix) and _exists(target.with_name(target.name.removesuffix(suffix))):
            return f"it is the {suffix} file SQLite keeps beside a database"
    if any(_exists(Path(f"{target}{suffix}")) for suffix in ("-wal", "-shm")):
        return "a -wal or -shm file beside it says it is a database in use"
    try:
        with target.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return None
    if head == SQLITE_MAGIC or head[:4] in WAL_MAGIC:
        return "it is an SQLite database (a journal or a backup): mentorlog never writes over one"
    if head.startswith((ENCRYPTED_MAGIC, KEY_FILE_MAGIC)):
        return "it is an encrypted journal (or its key file): mentorlog never writes over one"
    return None


def _is_descriptor_link(path: Path) -> bool:
    """A link into /proc/self/fd (as /dev/stdout is) points at this process's own descriptors."""
    try:
        return path.is_symlink() and os.readlink(path).startswith(("/proc/self/fd/", "/dev/fd/"))
    except OSError:
        return False


@contextlib.contextmanager
def text_out(
    path: str | Path, *, newline: str | None = None, refuse: Callable[[Path], str | None] | None = None
) -> Iterator[TextIO]:
    """A text handle whose content reaches `path` whole (or, for a stream, as it is written).

    `refuse(target)` may name a reason not to write to a target, there or not (the journal, its -wal).
    """
    with binary_out(path, refuse=refuse) as raw:
        handle = open(raw.fileno(), "w", encoding="utf-8", newline=newline, closefd=False)  # noqa: SIM115
        try:
            yield handle
        finally:
            handle.flush()


@contextlib.contextmanager
def binary_out(path: str | Path, *, refuse: Callable[[Path], str | None] | None = None) -> Iterator[BinaryIO]:
    """A binary handle whose content reaches `path` whole (or streamed, for a FIFO or device)."""
    where = writable(path, refuse=refuse)
    if where.stream:
        with _streamed(where) as handle:
            yield handle
        return
    with _replaced(where) as handle:
        yield handle


def replace_whole(target: Path, source: BinaryIO) -> None:
    """What `source` holds, at `target` whole, over what is there even if it is a database: for the files of a
    journal mentorlog itself replaces, having verified what it puts there (a journal decrypted in place, an
    encrypted journal's key file)."""
    import shutil

    source.seek(0)
    with _replaced(Destination(target, target, stream=False)) as handle:
        shutil.copyfileobj(source, handle, 1024 * 1024)


@contextlib.contextmanager
def _streamed(where: Destination) -> Iterator[BinaryIO]:
    try:
        fd = os.open(where.given, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise WriteFailed(f"cannot write {where.given}: {exc.strerror or exc}") from None
    with os.fdopen(fd, "wb") as handle:
        try:
            yield cast(BinaryIO, handle)
            handle.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise WriteFailed(f"cannot write {where.given}: {exc.strerror or exc}") from None


@contextlib.contextmanager
def _replaced(where: Destination) -> Iterator[BinaryIO]:
    target = where.target
    fd, named = _new_file_beside(target, where.given)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield cast(BinaryIO, handle)
            handle.flush()
            os.fsync(handle.fileno())
            if named is None:
                named = _name_unnamed(handle.fileno(), target)
        os.replace(named, target)
        sync_folder(target.parent)
    except OSError as exc:
        _discard(named)
        raise WriteFailed(f"cannot write {where.given}: {exc.strerror or exc}; nothing was written") from None
    except BaseException:
        _discard(named)
        raise


def _exists(path: Path) -> bool:
    """Whether anything is at `path`; a name too long to be a file there names nothing."""
    try:
        os.lstat(path)
    except OSError:
        return False
    return True


def _new_file_beside(target: Path, given: Path) -> tuple[int, Path | None]:
    """A new file in the target's folder, 0600: unnamed where the system allows (None), else named
    (and a named one a killed process left behind is cleared away by the next write there)."""
    if _unnamed_files_work(target.parent):
        try:
            return os.open(target.parent, os.O_TMPFILE | os.O_WRONLY, 0o600), None
        except OSError as exc:
            raise WriteFailed(f"cannot write {given}: {exc.strerror or exc}") from None
    for leftover in leftovers(target.parent, target.name):
        with contextlib.suppress(OSError):
            leftover.unlink()
    for _ in range(100):
        name = temporary_name(target.parent, target.name)
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), name
        except FileExistsError:
            continue
        except OSError as exc:
            raise WriteFailed(f"cannot write {given}: {exc.strerror or exc}") from None
    raise WriteFailed(f"cannot write {given}: no free temporary name beside it")


# A name's longest part in a temporary name: what a folder allows (255 bytes) less the rest of
# `.NAME.PID.RANDOM.part-journal` (SQLite's own journal of a temporary copy is the longest).
_NAME_BYTES = 255 - len(".") - len(".4194304.") - 8 - len(PART) - len("-journal")


def temporary_name(folder: Path, name: str) -> Path:
    """The one form of a temporary file beside `name`, `.NAME.PID.RANDOM.part`: unique, marked as this
    process's (a later write clears it away once the process is gone), and as long as a folder allows,
    however long `name` is (the name is cut, never the room the file needs)."""
    return folder / f".{_short(name)}.{os.getpid()}.{os.urandom(4).hex()}{PART}"


def _short(name: str) -> str:
    raw = name.encode("utf-8", "surrogateescape")
    return name if len(raw) <= _NAME_BYTES else raw[:_NAME_BYTES].decode("utf-8", "ignore")


_UNNAMED: dict[int, bool] = {}  # by file system (st_dev): whether an unnamed file can be given a name


def _unnamed_files_work(folder: Path) -> bool:
    """O_TMPFILE and linking it into place, tried once per file system (some refuse the link)."""
    tmpfile = getattr(os, "O_TMPFILE", 0)
    if not tmpfile:
        return False
    try:
        device = os.stat(folder).st_dev
    except OSError:
        return False
    if device not in _UNNAMED:
        works = False
        try:
            fd = os.open(folder, tmpfile | os.O_WRONLY, 0o600)
        except OSError:
            fd = -1
        if fd >= 0:
            try:
                probe = _name_unnamed(fd, folder / "mentorlog-probe")
                probe.unlink()
                works = True
            except OSError:
                works = False
            finally:
                os.close(fd)
        _UNNAMED[device] = works
    return _UNNAMED[device]


def _name_unnamed(fd: int, target: Path) -> Path:
    """Give the unnamed file a name beside the target, for the rename that puts it in place."""
    for _ in range(100):
        name = temporary_name(target.parent, target.name)
        try:
            os.link(f"/proc/self/fd/{fd}", name, follow_symlinks=True)
        except FileExistsError:
            continue
        return name
    raise FileExistsError(errno.EEXIST, "no free temporary name")


def _discard(named: Path | None) -> None:
    if named is not None:
        with contextlib.suppress(OSError):
            named.unlink()


def sync_folder(folder: Path) -> None:
    """The rename itself must survive a power cut: the folder's entry is synced too."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def leftovers(folder: Path, name: str) -> list[Path]:
    """Temporary files a killed mentorlog left beside `name` (their process is gone)."""
    found = []
    prefix = f".{_short(name)}."
    with contextlib.suppress(OSError):
        for candidate in folder.iterdir():
            if not (candidate.name.startswith(prefix) and PART in candidate.name):
                continue  # a copy's own -journal file ends in .part-journal
            pid = candidate.name[len(prefix) :].split(".")[0]  # .NAME.PID.RANDOM.part
            if pid.isdigit() and not process_alive(int(pid)):
                found.append(candidate)
    return found


def process_alive(pid: int) -> bool:
    """Whether a process of that number runs (one of another user's counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def private_folder(folder: Path) -> Path:
    """`folder` made if missing and kept 0700 whatever the umask (the state, log and config folders).

    Every folder made on the way is 0700 too (XDG asks that of its base folders), and so is an
    existing one of mentorlog's own (named mentorlog) on the way to it.
    """
    try:
        missing = []
        current = folder
        while not current.exists():
            missing.append(current)
            current = current.parent
        for made in reversed(missing):
            made.mkdir(mode=0o700, exist_ok=True)
            made.chmod(0o700)  # mkdir's mode is cut by the umask; 0700 is meant whatever it is
        for ours in (folder, *folder.parents):
            mine = ours == folder or ours.name == "mentorlog"
            if mine and ours.exists() and stat.S_IMODE(ours.stat().st_mode) != 0o700:
                ours.chmod(0o700)
    except OSError as exc:
        raise WriteFailed(f"cannot make {folder}: {exc.strerror or exc}") from None
    return folder
