"""Planning a publication: which file each meeting becomes, its bytes, and the commit message.

Nothing here changes the archive; ``plan_publication`` reads HEAD and the library only.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from git import Repo

from transcriber.archive.convert import (
    archive_layout,
    effective_choices,
    meeting_locale,
    meeting_markdown,
)
from transcriber.archive.filenames import archive_filename, safe_archive_path, title_problem
from transcriber.archive.profile import ArchiveProfile, load_profile
from transcriber.errors import TitleError
from transcriber.library.store import Library
from transcriber.messages import message
from transcriber.model import Meeting
from transcriber.publish.metadata import (
    ALTERNATES,
    REDIRECTS,
    slug_of,
    updated_alternates,
    updated_redirects,
)
from transcriber.publish.repository import HeadTree, PublishError

# A commit names the meetings it publishes, so that a publication retried after a crash
# finds its own earlier commit (in the branch, the outgoing ref or on the remote) and
# writes the same file instead of a second one.
TRAILER = "Transcriber-Meeting:"
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def meeting_key(meeting: Meeting) -> str:
    """A short, stable name of one library meeting that says nothing about its content."""
    return hashlib.sha1(f"{meeting.id}@{meeting.created_at}".encode()).hexdigest()[:16]


@dataclass
class Entry:
    meeting_id: int
    name: str
    data: bytes
    previous: str | None  # the file it replaces after a rename
    verb: str  # Add, Correct, Rename, or "" when HEAD already holds exactly this
    label: str  # "YYYY-MM-DD Title"
    key: str
    choices: tuple[str, str] = ("", "")  # (licence, style) the file is written with


@dataclass
class Plan:
    entries: list[Entry]
    meta: dict[str, bytes]  # .alternates / .redirects -> new content

    @property
    def meeting_files(self) -> dict[int, str]:
        return {e.meeting_id: e.name for e in self.entries}

    @property
    def renamed(self) -> dict[str, str]:
        return {e.previous: e.name for e in self.entries if e.previous}

    @property
    def writes(self) -> dict[str, bytes]:
        found = {e.name: e.data for e in self.entries if e.verb}
        found.update(self.meta)
        return found

    @property
    def removals(self) -> list[str]:
        return [e.previous for e in self.entries if e.previous]

    @property
    def changed(self) -> bool:
        return bool(self.writes or self.removals)


def previous_filename(library: Library, meeting_id: int) -> str | None:
    """The file the meeting is already published as (or was imported from), if any."""
    row = library.db["meetings"].get(meeting_id)
    if row.get("archive_file"):
        return row["archive_file"]
    publications = library.publications(meeting_id)
    if publications:
        return Path(publications[-1]["path"]).name
    slug = row.get("slug")
    return f"{slug}.md" if slug else None


def target_filename(library: Library, repo: Repo, root: Path, meeting_id: int, taken: set[str],
                    rename: bool = False, head: HeadTree | None = None,
                    recovered: str | None = None, data: bytes | None = None) -> str:
    """This meeting's file name.

    The name is the record's URL: a meeting already in the archive keeps its file's
    name, whatever its title says now, unless ``rename`` (the editor's explicit
    request). A new meeting gets ``YYYY-MM-DD-<title>.md``, with ``-2``, ``-3``… when
    another file already has that name, unless that file holds exactly ``data``, this
    meeting's own text (committed by hand after a publication was killed).
    """
    head = head or HeadTree(repo)
    own = recovered or previous_filename(library, meeting_id)
    if own and not rename:
        safe_archive_path(root, own)
        return own
    meeting = library.meeting(meeting_id)
    name = archive_filename(meeting.date, meeting.title)
    stem, number = slug_of(name), 1
    # Only committed files belong to other meetings; an uncommitted file at this name is
    # the user's work in progress, which the dirty check refuses to overwrite.
    while name in taken or (name != own and head.has(name)
                            and not (data is not None and head.same(name, data))):
        number += 1
        name = f"{stem}-{number}.md"
    safe_archive_path(root, name)
    return name


def check_title(meeting: Meeting, layout: dict) -> None:
    """Refuse a title with characters a reader cannot see, unless it is the H1 of an
    imported file as the archive already has it (the record stays as it was)."""
    problem = title_problem(meeting.title)
    if problem and meeting.title != layout.get("title"):
        raise TitleError(problem)


def english_first(library: Library, entries: list[Entry]) -> tuple[str, str]:
    """The pair as ``.alternates`` wants it: the English file first, whatever the order given."""
    def is_english(entry: Entry) -> bool:
        meeting = library.meeting(entry.meeting_id)
        layout = archive_layout(library, entry.meeting_id)
        return meeting_locale(meeting, library.bullets(entry.meeting_id), layout) == "en"

    first, second = entries
    if is_english(second) and not is_english(first):
        first, second = second, first
    return first.name, second.name


def plan_publication(library: Library, repo: Repo, meeting_ids: Sequence[int], *, rename: bool = False,
          pair: bool = False, profile: ArchiveProfile | None = None,
          recovered: dict[int, str] | None = None, head: HeadTree | None = None) -> Plan:
    root = Path(repo.working_tree_dir)
    head = head or HeadTree(repo)
    profile = profile or load_profile(root)
    recovered = recovered or {}
    entries: list[Entry] = []
    taken: set[str] = set()
    for meeting_id in meeting_ids:
        meeting = library.meeting(meeting_id)
        check_title(meeting, archive_layout(library, meeting_id))
        data = meeting_markdown(library, meeting_id, profile=profile).encode("utf-8")
        if b"\0" in data:
            raise PublishError(
                message("Meeting {meeting_id} has a NUL character in its text; remove it and publish again.", meeting_id=meeting_id)
            )
        name = target_filename(library, repo, root, meeting_id, taken, rename, head,
                               recovered.get(meeting_id), data)
        taken.add(name)
        before = recovered.get(meeting_id) or previous_filename(library, meeting_id)
        previous = before if before and before != name and head.has(before) else None
        if previous:
            verb = "Rename"
        elif head.same(name, data):
            verb = ""
        else:
            verb = "Correct" if head.has(name) else "Add"
        choices = effective_choices(meeting, archive_layout(library, meeting_id), profile)
        entries.append(Entry(meeting_id, name, data, previous, verb,
                              f"{meeting.date} {CONTROL.sub(' ', meeting.title)}",
                              meeting_key(meeting), choices))
    couple = english_first(library, entries) if pair and len(entries) == 2 else None
    renamed = {e.previous: e.name for e in entries if e.previous}
    meta: dict[str, bytes] = {}
    current = head.read(ALTERNATES)
    alternates = updated_alternates(current, renamed, couple)
    if alternates is not None and alternates != current:
        meta[ALTERNATES] = alternates
    current = head.read(REDIRECTS)
    redirects = updated_redirects(current, renamed)
    if redirects is not None and redirects != current:
        meta[REDIRECTS] = redirects
    return Plan(entries, meta)


def commit_message(entries: list[Entry], pair: bool = False, prefix: str = "") -> str:
    """"Add …", "Correct …" or "Rename …" and the meeting (or the bilingual pair);
    more meetings are counted in the subject and listed in the body. With the archive's
    own ``prefix`` (``docs(transcript): ``) the subject follows its convention:
    ``docs(transcript): add 2024-06-01 Title``."""
    subject, body = _subject_and_body(entries, pair)
    if prefix:
        subject = prefix + subject[:1].lower() + subject[1:]
    trailers = [f"{TRAILER} {e.key} {e.name}" for e in entries]
    return "\n\n".join(part for part in (subject, "\n".join(body), "\n".join(trailers)) if part)


def _subject_and_body(entries: list[Entry], pair: bool) -> tuple[str, list[str]]:
    changed = [e for e in entries if e.verb] or entries
    if pair and not any(e.verb for e in entries):  # only .alternates changes
        return "Pair " + " / ".join(e.label for e in entries), []
    if len(changed) == 1 or pair:
        parts = []
        for entry in changed:
            if entry.verb == "Rename":
                parts.append(f"Rename {entry.previous} to {entry.name}")
            else:
                parts.append(f"{entry.verb or 'Correct'} {entry.label}")
        subject = " / ".join(parts)
        body = []
    else:
        counts: dict[str, int] = {}
        for entry in changed:
            counts[entry.verb or "Correct"] = counts.get(entry.verb or "Correct", 0) + 1
        words = [f"{verb.lower()} {n}" for verb, n in counts.items()]
        subject = (", ".join(words) + f" transcript{'s' if len(changed) > 1 else ''}").capitalize()
        body = [f"{e.verb or 'Correct'} {e.label}" for e in changed]
    return subject, body

