"""Long text in the user's own editor ($VISUAL, else $EDITOR): a private file that never outlives the edit.

The text goes into a file only its owner can read (0600), in a folder of mentorlog's own
that only its owner can enter (0700): the user's runtime folder where the system keeps one
in memory ($XDG_RUNTIME_DIR), else /dev/shm, else mentorlog's state folder on disk. The file
is removed when the editor returns — saved, failed or killed — and a file a crash left
behind is removed the next time the terminal UI starts (jrnl's users lost notes exactly
there: a plaintext temporary file left in /tmp). Nothing here knows the terminal UI: it runs
the editor through the `run` it is given (the app suspends itself around it).
"""

from __future__ import annotations

import contextlib
import os
import shlex
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from mentorlog.errors import MentorlogError

PREFIX = "mentorlog-edit-"
SUFFIX = ".md"


class EditorFailed(MentorlogError):
    """The editor did not hand the text back (none set, not found, failed or killed): the text is untouched."""


def editor_command() -> list[str]:
    """$VISUAL, else $EDITOR, split as a shell would (`code --wait`); EditorFailed if neither is set."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            try:
                found = shlex.split(value)
            except ValueError:
                raise EditorFailed(f"${name} ({value!r}) is not a command a shell could run") from None
            if found:
                return found
    raise EditorFailed("no editor is set: set $VISUAL or $EDITOR (e.g. export EDITOR=nano), then try again")


def private_folder() -> tuple[Path, bool]:
    """Where the text is written while edited, made 0700 if need be, and whether it is held in memory."""
    from mentorlog import paths

    candidates = [*((folder, True) for folder in _in_memory()), (paths.state_dir() / "editing", False)]
    for folder, in_memory in candidates:
        try:
            return _own_folder(folder), in_memory
        except OSError:
            continue
    raise EditorFailed("no private folder could be made for the text to edit")


def memory_folder(*, create: bool = True) -> Path | None:
    """The private folder in memory, made 0700 if `create` (else only named); None where there is none. What
    must never reach a disk (an unlocked key, a decrypted copy being made) goes there or nowhere."""
    for folder in _in_memory():
        if not create:
            return folder
        try:
            return _own_folder(folder)
        except OSError:
            continue
    return None


def _in_memory() -> list[Path]:
    """The user's runtime folder where the system keeps one ($XDG_RUNTIME_DIR), else /dev/shm."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        return [Path(runtime) / "mentorlog"]
    if Path("/dev/shm").is_dir() and not runtime:
        return [Path(f"/dev/shm/mentorlog-{os.getuid()}")]
    return []


def _own_folder(folder: Path) -> Path:
    """`folder`, made 0700; refused (OSError) if it is a link, or another user's, or others may enter it."""
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    found = folder.lstat()
    if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid():
        raise OSError(f"{folder} is not a folder of this user's")
    if stat.S_IMODE(found.st_mode) != 0o700:
        folder.chmod(0o700)
    return folder


IN_MEMORY_ONLY = (
    "the journal is encrypted, and no folder in memory (XDG_RUNTIME_DIR or /dev/shm) is here for the editor's "
    "file: it would be plaintext on the disk, so the text is edited here instead"
)


@contextlib.contextmanager
def text_file(text: str, *, in_memory_only: bool = False) -> Iterator[Path]:
    """The text in a new private file for as long as the block runs; the file is gone afterwards, whatever
    happened inside. `in_memory_only` (an encrypted journal's text): EditorFailed where the folder would be
    on a disk."""
    folder, in_memory = private_folder()
    if in_memory_only and not in_memory:
        raise EditorFailed(IN_MEMORY_ONLY)
    path = folder / f"{PREFIX}{os.getpid()}-{os.urandom(8).hex()}{SUFFIX}"  # whose: see clean_leftovers
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        yield path
    finally:
        # The file, and what an editor kept beside it (vim's .NAME.swp, a NAME~ backup): text all of them.
        for kept in (path, *folder.glob(f"*{path.name}*")):
            with contextlib.suppress(OSError):
                kept.unlink(missing_ok=True)


def edit(text: str, run: Callable[[list[str]], int], *, in_memory_only: bool = False) -> str:
    """The text as the user's editor left it; EditorFailed (the text untouched) if the editor did not save it.
    `run(argv)` runs the editor and gives its exit status (negative: killed by that signal); `in_memory_only`:
    refused (EditorFailed) unless the file the editor opens is held in memory."""
    command = editor_command()
    with text_file(text, in_memory_only=in_memory_only) as path:
        try:
            status = run([*command, str(path)])
        except FileNotFoundError:
            raise EditorFailed(f"the editor {command[0]!r} was not found: check $VISUAL or $EDITOR") from None
        except OSError as exc:
            raise EditorFailed(f"the editor {command[0]!r} could not start ({exc.strerror or exc})") from None
        if status < 0:
            raise EditorFailed(f"the editor {command[0]!r} was stopped (signal {-status}): the text is as it was")
        if status != 0:
            raise EditorFailed(f"the editor {command[0]!r} failed (exit status {status}): the text is as it was")
        try:
            edited = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise EditorFailed(f"the edited text could not be read back ({exc}): the text is as it was") from None
    # Editors end a file with a newline the field did not have.
    return edited[:-1] if edited.endswith("\n") and not text.endswith("\n") else edited


def clean_leftovers() -> int:
    """Remove the files that edits a crash interrupted left behind (their mentorlog is gone; another one's
    edit in progress is left alone); how many there were."""
    from mentorlog.files import process_alive

    removed = 0
    try:
        folder, _ = private_folder()
    except EditorFailed:
        return 0
    for leftover in folder.glob(f"*{PREFIX}*"):  # an editor's swap or backup file beside it too
        pid = leftover.name.split(PREFIX, 1)[1].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and process_alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed += 1
    return removed
