"""The work list: the audio and video files under the sources, hashed, dated, checked.

A file is known by its content (sha256), not its name: a file already in the library
(a recording with the same hash) is skipped, and so is a second copy of one file
within the sources.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from transcriber.audio import AudioReader, sha256_file
from transcriber.errors import TranscriberError
from transcriber.library.store import Library

# What a folder's files are taken as: the formats ffmpeg reads that recorders and
# cameras write. A file named on the command line is taken whatever its name.
MEDIA_SUFFIXES = frozenset(
    ".wav .flac .mp3 .m4a .aac .ogg .oga .opus .wma .amr .aif .aiff .caf .webm .mka "
    ".mp4 .m4v .mov .mkv .avi .wmv .3gp .mpg .mpeg .ts .mts".split()
)
# 2024-03-05, 2024_03_05, 2024.03.05 or 20240305, not inside a longer number.
DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")
METADATA_DATE_KEYS = ("date", "creation_time", "DATE", "CREATION_TIME", "year")


@dataclass
class WorkItem:
    path: Path
    sha256: str
    duration: float  # seconds, from the header (0 when the header does not say)
    date: str  # YYYY-MM-DD; "" when neither the name nor the metadata gives one

    @property
    def title(self) -> str:
        """The file's name; without its date when the date came from it (the meeting
        carries the date, and the archive's file name puts it first anyway)."""
        stem = self.path.stem
        for match in DATE_IN_NAME.finditer(stem):
            if _real_date(*match.groups()) == self.date:
                rest = (stem[:match.start()] + " " + stem[match.end():]).strip(" -_.")
                return re.sub(r"\s+", " ", rest) or stem
        return stem


@dataclass
class Examined:
    """The sources sorted out: files to transcribe, files to skip, files refused."""

    todo: list[WorkItem]
    skipped: list[tuple[Path, str]]
    failed: list[tuple[Path, str]]
    ignored: int  # files in folders that are not audio or video by their name
    unexamined: list[Path]  # left when the run was stopped while examining


def discover(sources: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[tuple[Path, str]], int]:
    """Every media file under ``sources`` (files as given, folders recursively in path
    order, hidden ones left out), each once, in the order of the sources; missing
    sources with their sentence; and how many files folders held that are not media."""
    found: dict[Path, None] = {}
    missing: list[tuple[Path, str]] = []
    ignored = 0
    for source in sources:
        path = Path(source).expanduser()
        if path.is_dir():
            for root, folders, files in os.walk(path):
                folders[:] = sorted(f for f in folders if not f.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    if Path(name).suffix.lower() in MEDIA_SUFFIXES:
                        found[Path(root, name).resolve()] = None
                    else:
                        ignored += 1
        elif path.exists():
            found[path.resolve()] = None
        else:
            missing.append((path, f"The file {path} does not exist."))
    return list(found), missing, ignored


def date_of(path: Path) -> str:
    """The meeting date the file carries: in its name, else in its metadata; else ""."""
    for match in DATE_IN_NAME.finditer(path.name):
        found = _real_date(*match.groups())
        if found:
            return found
    return _metadata_date(path)


def _real_date(year: str, month: str, day: str) -> str:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return ""


def _metadata_date(path: Path) -> str:
    import av

    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            tags = [container.metadata, *(s.metadata for s in container.streams)]
    except (av.error.FFmpegError, OSError, UnicodeDecodeError):
        return ""
    for metadata in tags:
        for key in METADATA_DATE_KEYS:
            match = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", str(metadata.get(key, "")).strip())
            if match and _real_date(*match.groups()):
                return _real_date(*match.groups())
    return ""


def meeting_with_audio(library: Library, sha256: str) -> tuple[int, str] | None:
    """(meeting id, transcript state) of a meeting holding audio with this hash."""
    row = library.db.execute(
        "SELECT m.id, m.transcript_state FROM recordings r JOIN meetings m ON m.id = r.meeting_id "
        "WHERE r.sha256 = ? ORDER BY m.id LIMIT 1", [sha256]
    ).fetchone()
    return (row[0], row[1]) if row else None


def examine(library: Library, sources: Iterable[str | os.PathLike[str]],
            on_file: Callable[[int, int, Path], None] | None = None,
            cancel: threading.Event | None = None) -> Examined:
    """Sort the sources' files into to do, skipped (in the library already, or a copy of
    another source) and failed (not readable as audio: one sentence each)."""
    paths, failed, ignored = discover(sources)
    todo: list[WorkItem] = []
    skipped: list[tuple[Path, str]] = []
    seen: dict[str, Path] = {}
    for number, path in enumerate(paths, start=1):
        if cancel is not None and cancel.is_set():  # hashing a backlog takes a while
            return Examined(todo, skipped, failed, ignored, paths[number - 1:])
        if on_file:
            on_file(number, len(paths), path)
        try:
            duration = AudioReader(path).duration
            sha256 = sha256_file(path)
        except TranscriberError as exc:
            failed.append((path, exc.message))
            continue
        except OSError as exc:
            failed.append((path, f"The file {path} cannot be read: {exc.strerror or exc}."))
            continue
        if sha256 in seen:
            skipped.append((path, f"same content as {seen[sha256]}"))
            continue
        seen[sha256] = path
        existing = meeting_with_audio(library, sha256)
        if existing:
            meeting_id, state = existing
            note = "" if state == "complete" else f" ({state}; re-transcribe it there)"
            skipped.append((path, f"already in the library as meeting {meeting_id}{note}"))
            continue
        todo.append(WorkItem(path, sha256, duration, date_of(path)))
    return Examined(todo, skipped, failed, ignored, [])
