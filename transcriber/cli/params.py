"""Click parameter types and checks shared by every command: bad input becomes one sentence.

- ``MEETING_ID``: a meeting id is a positive whole number SQLite can hold; anything
  else is a usage error (exit 2) instead of a traceback deep in the store.
- ``MEETING_DATE``: a real day written YYYY-MM-DD (``2024-02-30`` and ``nan`` are refused).
- ``SecondsType``: a finite positive number of seconds (``nan`` and ``inf`` are refused).
- ``LIBRARY_FOLDER``: the ``--library`` folder; an empty name is refused rather
  than silently meaning the current folder.
- ``check_output_path``: where a command will write a file, checked before any work
  starts: never the input, never inside the library folder, never a folder, a device,
  a FIFO, a socket or a symbolic link (only regular files are ever replaced), a folder
  the command can write into, and an existing file only with ``--force`` unless this
  app wrote it and it is unchanged since (``Library.wrote``).
"""

from __future__ import annotations

import math
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

import click

from transcriber.errors import TranscriberError
from transcriber.messages import message

# SQLite integers are signed 64-bit; a larger id cannot name any row.
MAX_ID = 2**63 - 1


class OutputPathError(TranscriberError):
    """An output path that would destroy something (the input, the library, another file)."""


class MeetingIdType(click.ParamType):
    name = "MEETING"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            text = str(value).strip()
            if not text.isascii() or not text.isdigit():
                self.fail(f"{value!r} is not a meeting id; ids are whole numbers such as 12 "
                          "(see `transcriber meetings list`).", param, ctx)
            number = int(text)
        if number > MAX_ID:
            self.fail(f"{value} is too large to be a meeting id (see `transcriber meetings "
                      "list`).", param, ctx)
        if number < 1:
            self.fail(f"{value} is not a meeting id; ids start at 1 (see `transcriber meetings "
                      "list`).", param, ctx)
        return number


MEETING_ID = MeetingIdType()


class MeetingDateType(click.ParamType):
    name = "DATE"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from transcriber.errors import TitleError
        from transcriber.library.store import check_meeting_date

        try:
            return check_meeting_date(value)
        except TitleError as exc:
            self.fail(exc.message, param, ctx)


MEETING_DATE = MeetingDateType()


class SecondsType(click.ParamType):
    name = "SECONDS"

    def __init__(self, minimum: float = 0.0) -> None:
        self.minimum = minimum

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of seconds.", param, ctx)
        if not math.isfinite(seconds) or seconds <= 0 or seconds < self.minimum:
            least = f"at least {self.minimum:g}" if self.minimum else "more than 0"
            self.fail(f"{value!r} is not a usable number of seconds; give a finite number, "
                      f"{least}.", param, ctx)
        return seconds



class LibraryFolderType(click.Path):
    """``click.Path`` for the library folder, refusing an empty name."""

    def __init__(self) -> None:
        super().__init__(file_okay=False)

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None):
        if value is None or not str(value).strip():
            self.fail("the library folder is an empty name; give a folder, or leave --library "
                      "out for the default one.", param, ctx)
        return super().convert(value, param, ctx)


LIBRARY_FOLDER = LibraryFolderType()


def bounded_int(minimum: int, maximum: int) -> click.IntRange:
    """An int option with a sensible range, so huge numbers are a usage error, not an overflow."""
    return click.IntRange(min=minimum, max=maximum)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output_path(
    out: str | os.PathLike[str],
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
    library_path: str | os.PathLike[str] | None = None,
    force: bool = False,
    written_by_us: bool = False,
) -> Path:
    """``out`` if writing a file there destroys nothing; otherwise ``OutputPathError``.

    Refused always: a folder, a path whose folder does not exist, one of ``inputs``,
    anything inside ``library_path`` (its database, audio and locks are not files to
    overwrite). Refused unless ``force``: an existing file, except one this app wrote
    and nobody changed since (``written_by_us``).
    """
    path = Path(out).expanduser()
    if not str(out).strip():
        raise OutputPathError(message("The output file name is empty; give a file."))
    resolved = path.resolve()
    for source in inputs:
        source_path = Path(source).expanduser()
        if resolved == source_path.resolve() or _same_file(path, source_path):
            raise OutputPathError(
                message("{path} is the input file; choose another file to write to.", path=path)
            )
    if library_path is not None:
        library = Path(library_path).expanduser().resolve()
        if resolved == library or _inside(resolved, library):
            raise OutputPathError(
                message("{path} is inside the library folder {library}; write exports elsewhere.", path=path, library=library)
            )
    if path.is_dir():
        raise OutputPathError(message("{path} is a folder; give a file name to write to.", path=path))
    if path.is_symlink():
        raise OutputPathError(
            message("{path} is a symbolic link; give the file itself (a link is never replaced).", path=path)
        )
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        raise OutputPathError(
            message("{path} is not a regular file (a device, FIFO or socket); transcriber only "
                    "ever replaces regular files.", path=path)
        )
    if not resolved.parent.is_dir():
        raise OutputPathError(
            message("Cannot write {path}: No such file or directory (the folder {parent} "
                    "does not exist).", path=path, parent=path.parent)
        )
    check_writable_folder(resolved.parent, path)
    if path.exists() and not force and not written_by_us:
        raise OutputPathError(
            message("{path} already exists and was not written by transcriber; add --force to "
                    "replace it.", path=path)
        )
    return path


def check_writable_folder(folder: Path, path: Path) -> None:
    """Refuse, before any work, a folder this process cannot create a file in (the
    output is written beside its name, then renamed)."""
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".transcriber-probe-"):
            pass
    except OSError as exc:
        raise OutputPathError(
            message("Cannot write {path}: {detail} (in the folder {folder}).", path=path, detail=exc.strerror or exc, folder=folder)
        ) from None


def check_output_folder(
    folder: str | os.PathLike[str], *, library_path: str | os.PathLike[str] | None = None
) -> Path:
    """A folder to write files into: not the library folder or inside it, not a file."""
    path = Path(folder).expanduser()
    if not str(folder).strip():
        raise OutputPathError(message("The output folder name is empty; give a folder."))
    resolved = path.resolve()
    if library_path is not None:
        library = Path(library_path).expanduser().resolve()
        if resolved == library or _inside(resolved, library):
            raise OutputPathError(
                message("{path} is inside the library folder {library}; write elsewhere.", path=path, library=library)
            )
    if path.exists() and not path.is_dir():
        raise OutputPathError(message("{path} is a file, not a folder.", path=path))
    return path


FORCE_OPTION = click.option(
    "--force", is_flag=True, help="Replace an existing file that transcriber did not write."
)
