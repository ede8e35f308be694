"""Publishing: a meeting becomes one commit in a git-backed public archive.

The archive is the user's own clone, often with their own uncommitted work in it,
so publishing touches nothing but the files it owns: the transcript file(s) and the
two metadata files ``.alternates`` and ``.redirects``. Every step that changes the
archive is undone when a later step fails, so a publication either happens entirely
(file written, commit made, push accepted, library updated) or not at all.

A rejected push (someone else pushed first) is fetched and rebased once. The rebase
runs in a temporary worktree, because ``git rebase`` refuses to run in a worktree
with uncommitted changes and must never touch the user's files; on a conflict the
rebase is aborted there and the user's branch goes back to where it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import git
from git import GitCommandError, PushInfo, Repo

from transcriber.archive.convert import (
    archive_layout,
    blob_sha,
    content_fingerprints,
    effective_choices,
    mark_synced,
    meeting_locale,
    meeting_markdown,
    unfilled_gaps,
)
from transcriber.archive.filenames import archive_filename, safe_archive_path
from transcriber.archive.profile import ArchiveProfile, load_profile
from transcriber.errors import TitleError, TranscriberError
from transcriber.library.store import Library
from transcriber.model import Meeting, MeetingStatus
from transcriber.publish.review import review_blocker

ALTERNATES = ".alternates"
REDIRECTS = ".redirects"
# Used only when neither the archive nor the user's git configuration names a committer:
# CI machines and fresh installs have no identity, and git refuses to commit without one.
FALLBACK_NAME = "transcriber"
FALLBACK_EMAIL = "transcriber@localhost"
OUTGOING_REF = "refs/transcriber/outgoing"
# Any of these on a pushed ref means the remote did not take the commit.
PUSH_FAILED = (
    PushInfo.ERROR | PushInfo.REJECTED | PushInfo.REMOTE_REJECTED | PushInfo.REMOTE_FAILURE
)


class PublishError(TranscriberError):
    """The meeting cannot be published; nothing was changed."""


class NothingToPublish(PublishError):
    """The archive already holds exactly this version of the meeting."""


class PushConflict(PublishError):
    """Someone else changed the same file on the remote; library and archive are as before."""


@dataclass
class Publication:
    """What one ``publish`` did, for the CLI to report and the tests to check."""

    commit_sha: str
    paths: list[str]
    remote: str | None = None
    pushed: bool = False
    retried: bool = False
    renamed: dict[str, str] = field(default_factory=dict)  # old file name -> new file name
    warning: str = ""
    gaps: int = 0  # unfilled gaps left out of the published files (the editor should fill them)


def slug_of(filename: str) -> str:
    """The permanent slug of an archive file: its name without ``.md``."""
    return filename[:-3] if filename.endswith(".md") else filename


# -- the archive repository -----------------------------------------------------------


def open_archive(path: str | os.PathLike[str]) -> Repo:
    """The git repository whose top folder is ``path``, or a ``PublishError`` saying why not."""
    root = Path(path).expanduser()
    if not root.is_dir():
        raise PublishError(f"The archive folder {root} does not exist.")
    try:
        repo = Repo(root)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise PublishError(
            f"The archive folder {root} is not a git repository; clone the archive "
            "(or run `git init` there) first."
        ) from None
    if repo.bare or repo.working_tree_dir is None:
        raise PublishError(f"The archive {root} is a bare repository; publish into a clone of it.")
    if Path(repo.working_tree_dir).resolve() != root.resolve():
        raise PublishError(
            f"The archive folder {root} is inside the git repository {repo.working_tree_dir}; "
            "give the repository's top folder as the archive."
        )
    git_dir = Path(repo.git_dir)
    busy = [name for name in ("rebase-merge", "rebase-apply", "MERGE_HEAD", "CHERRY_PICK_HEAD")
            if (git_dir / name).exists()]
    if busy:
        raise PublishError(
            f"The archive {root} is in the middle of a git merge or rebase; finish or abort it first."
        )
    if repo.head.is_detached:
        raise PublishError(f"The archive {root} is not on a branch (detached HEAD); check out a branch first.")
    return repo


@contextmanager
def _identity(repo: Repo) -> Iterator[None]:
    """Commit as the configured user; fall back to a neutral committer when there is none."""
    reader = repo.config_reader()  # system, global and repository levels together
    env = {"GIT_EDITOR": "true", "GIT_TERMINAL_PROMPT": "0"}
    if not reader.get_value("user", "name", default=""):
        env.update(GIT_AUTHOR_NAME=FALLBACK_NAME, GIT_COMMITTER_NAME=FALLBACK_NAME)
    if not reader.get_value("user", "email", default=""):
        env.update(GIT_AUTHOR_EMAIL=FALLBACK_EMAIL, GIT_COMMITTER_EMAIL=FALLBACK_EMAIL)
    with repo.git.custom_environment(**env):
        yield


def _head_sha(repo: Repo) -> str | None:
    return repo.head.commit.hexsha if repo.head.is_valid() else None


def _head_bytes(repo: Repo, name: str) -> bytes | None:
    """The committed content of ``name`` at HEAD, ``None`` when HEAD has no such file."""
    if not repo.head.is_valid():
        return None
    try:
        return repo.head.commit.tree[name].data_stream.read()
    except KeyError:
        return None


def _dirty(repo: Repo, names: Sequence[str]) -> list[str]:
    """Which of ``names`` have uncommitted changes (staged, unstaged or untracked)."""
    out = repo.git.status("--porcelain", "-z", "--untracked-files=all", "--", *names)
    return [entry[3:] for entry in out.split("\0") if entry]


# -- .alternates and .redirects -----------------------------------------------------------


def _lines(data: bytes | None) -> list[str]:
    try:
        return data.decode("utf-8").splitlines() if data else []
    except UnicodeDecodeError:
        raise PublishError(
            "The archive's .alternates or .redirects is not UTF-8 text; repair it before publishing."
        ) from None


def _joined(lines: list[str], like: bytes | None = None) -> bytes:
    """Lines with the line ending the file already uses (CRLF stays CRLF)."""
    end = "\r\n" if like and b"\r\n" in like else "\n"
    return "".join(f"{line}{end}" for line in lines).encode("utf-8")


def updated_alternates(current: bytes | None, renamed: dict[str, str],
                       pair: tuple[str, str] | None) -> bytes | None:
    """``.alternates`` with renamed files followed and ``pair`` (English file first) added.

    Every other line stays as it is. A pair already listed the other way round is put
    English-first; a file that already belongs to another pair is refused, because the
    archive allows each file in one pair only. ``None`` if the file need not exist.
    """
    if not renamed and not pair:
        return current  # untouched, byte for byte
    lines = []
    for line in _lines(current):
        names = [renamed.get(name, name) for name in line.split("\t")]
        lines.append("\t".join(names))
    if pair:
        wanted = "\t".join(pair)
        for number, line in enumerate(lines):
            if line.startswith("#"):
                continue
            names = line.split("\t")
            if set(names) == set(pair):
                lines[number] = wanted
                break
            clash = set(names) & set(pair)
            if clash:
                raise PublishError(
                    f"{sorted(clash)[0]} is already paired in .alternates with another file; "
                    "a file can be in one pair only, so remove that line first."
                )
        else:
            lines.append(wanted)
    if current is None and not lines:
        return None
    return _joined(lines, current)


def updated_redirects(current: bytes | None, renamed: dict[str, str]) -> bytes | None:
    """``.redirects`` gains ``old<TAB>new`` per rename; older redirects to ``old`` follow it,
    so every old permalink resolves in one hop, and a slug in use again stops redirecting."""
    if not renamed:
        return current  # untouched, byte for byte
    moves = {slug_of(old): slug_of(new) for old, new in renamed.items()}
    live = set(moves.values())
    lines = []
    for line in _lines(current):
        source, _, target = line.partition("\t")
        if source in live:
            continue
        lines.append(f"{source}\t{moves.get(target, target)}" if target else line)
    lines += [f"{old}\t{new}" for old, new in moves.items()]
    if current is None and not lines:
        return None
    return _joined(lines, current)


# -- what HEAD holds ---------------------------------------------------------------------


class _HeadTree:
    """HEAD's top-level entries, read once per publication: name -> (mode, blob sha).

    ``git ls-tree`` once, instead of a tree lookup per file, keeps publishing a whole
    2,000-file archive within seconds.
    """

    def __init__(self, repo: Repo) -> None:
        self.repo = repo
        self.entries: dict[str, tuple[str, str]] = {}
        if repo.head.is_valid():
            out = repo.git.ls_tree("-z", "HEAD", strip_newline_in_stdout=False)
            for entry in out.split("\0"):
                if entry:
                    meta, _, name = entry.partition("\t")
                    mode, _, sha = meta.split(" ")
                    self.entries[name] = (mode, sha)

    def has(self, name: str) -> bool:
        return name in self.entries

    def is_link(self, name: str) -> bool:
        return self.entries.get(name, ("",))[0] == "120000"

    def same(self, name: str, data: bytes) -> bool:
        entry = self.entries.get(name)
        return entry is not None and entry[1] == blob_sha(data)

    def read(self, name: str) -> bytes | None:
        entry = self.entries.get(name)
        if entry is None:
            return None
        return self.repo.git.cat_file("blob", entry[1], stdout_as_string=False,
                                      strip_newline_in_stdout=False)


# -- planning the change ----------------------------------------------------------------

# A commit names the meetings it publishes, so that a publication retried after a crash
# finds its own earlier commit (in the branch, the outgoing ref or on the remote) and
# writes the same file instead of a second one.
TRAILER = "Transcriber-Meeting:"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def meeting_key(meeting: Meeting) -> str:
    """A short, stable name of one library meeting that says nothing about its content."""
    return hashlib.sha1(f"{meeting.id}@{meeting.created_at}".encode()).hexdigest()[:16]


@dataclass
class _Entry:
    meeting_id: int
    name: str
    data: bytes
    previous: str | None  # the file it replaces after a rename
    verb: str  # Add, Correct, Rename, or "" when HEAD already holds exactly this
    label: str  # "YYYY-MM-DD Title"
    key: str
    choices: tuple[str, str] = ("", "")  # (licence, style) the file is written with


@dataclass
class _Plan:
    entries: list[_Entry]
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
                    rename: bool = False, head: _HeadTree | None = None,
                    recovered: str | None = None) -> str:
    """This meeting's file name.

    The name is the record's URL: a meeting already in the archive keeps its file's
    name, whatever its title says now, unless ``rename`` (the editor's explicit
    request). A new meeting gets ``YYYY-MM-DD-<title>.md``, with ``-2``, ``-3``… when
    another file already has that name.
    """
    head = head or _HeadTree(repo)
    own = recovered or previous_filename(library, meeting_id)
    if own and not rename:
        safe_archive_path(root, own)
        return own
    meeting = library.meeting(meeting_id)
    name = archive_filename(meeting.date, meeting.title)
    stem, number = slug_of(name), 1
    # Only committed files belong to other meetings; an uncommitted file at this name is
    # the user's work in progress, which the dirty check refuses to overwrite.
    while name in taken or (name != own and head.has(name)):
        number += 1
        name = f"{stem}-{number}.md"
    safe_archive_path(root, name)
    return name


def _check_title(meeting: Meeting) -> None:
    if _CONTROL.search(meeting.title):
        raise TitleError(
            f"The title of meeting {meeting.id} contains a control character (such as NUL or "
            "a line break); correct the title and publish again."
        )


def _english_first(library: Library, entries: list[_Entry]) -> tuple[str, str]:
    """The pair as ``.alternates`` wants it: the English file first, whatever the order given."""
    def is_english(entry: _Entry) -> bool:
        meeting = library.meeting(entry.meeting_id)
        layout = archive_layout(library, entry.meeting_id)
        return meeting_locale(meeting, library.bullets(entry.meeting_id), layout) == "en"

    first, second = entries
    if is_english(second) and not is_english(first):
        first, second = second, first
    return first.name, second.name


def _plan(library: Library, repo: Repo, meeting_ids: Sequence[int], *, rename: bool = False,
          pair: bool = False, profile: ArchiveProfile | None = None,
          recovered: dict[int, str] | None = None, head: _HeadTree | None = None) -> _Plan:
    root = Path(repo.working_tree_dir)
    head = head or _HeadTree(repo)
    profile = profile or load_profile(root)
    recovered = recovered or {}
    entries: list[_Entry] = []
    taken: set[str] = set()
    for meeting_id in meeting_ids:
        meeting = library.meeting(meeting_id)
        _check_title(meeting)
        name = target_filename(library, repo, root, meeting_id, taken, rename, head,
                               recovered.get(meeting_id))
        taken.add(name)
        data = meeting_markdown(library, meeting_id, profile=profile).encode("utf-8")
        if b"\0" in data:
            raise PublishError(
                f"Meeting {meeting_id} has a NUL character in its text; remove it and publish again."
            )
        before = recovered.get(meeting_id) or previous_filename(library, meeting_id)
        previous = before if before and before != name and head.has(before) else None
        if previous:
            verb = "Rename"
        elif head.same(name, data):
            verb = ""
        else:
            verb = "Correct" if head.has(name) else "Add"
        choices = effective_choices(meeting, archive_layout(library, meeting_id), profile)
        entries.append(_Entry(meeting_id, name, data, previous, verb,
                              f"{meeting.date} {_CONTROL.sub(' ', meeting.title)}",
                              meeting_key(meeting), choices))
    couple = _english_first(library, entries) if pair and len(entries) == 2 else None
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
    return _Plan(entries, meta)


def commit_message(entries: list[_Entry], pair: bool = False) -> str:
    """"Add …", "Correct …" or "Rename …" and the meeting (or the bilingual pair);
    more meetings are counted in the subject and listed in the body."""
    changed = [e for e in entries if e.verb] or entries
    if pair and not any(e.verb for e in entries):  # only .alternates changes
        subject = "Pair " + " / ".join(e.label for e in entries)
        trailers = [f"{TRAILER} {e.key} {e.name}" for e in entries]
        return subject + "\n\n" + "\n".join(trailers)
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
    trailers = [f"{TRAILER} {e.key} {e.name}" for e in entries]
    return "\n\n".join(part for part in (subject, "\n".join(body), "\n".join(trailers)) if part)


# -- changing the archive -----------------------------------------------------------------


def _refuse_links(root: Path, head: _HeadTree, names: Sequence[str]) -> None:
    """Never write through a symbolic link: it could point at another transcript."""
    for name in names:
        if (root / name).is_symlink() or head.is_link(name):
            raise PublishError(
                f"{name} in the archive is a symbolic link, which publishing never writes "
                "through; nothing was changed."
            )


def _commit(repo: Repo, writes: dict[str, bytes], removals: list[str], message: str) -> str:
    """Write, stage (explicit paths only) and commit; return the new commit's sha."""
    root = Path(repo.working_tree_dir)
    for name, data in writes.items():
        safe_archive_path(root, name).write_bytes(data)
    paths = [*writes, *removals]
    if writes:
        repo.git.add("--", *writes)
    if removals:
        repo.git.rm("--quiet", "--", *removals)
    # --only commits exactly these paths, whatever else the user has staged.
    with _identity(repo):
        repo.git.commit("--only", "--quiet", "-m", message, "--", *paths)
    return repo.head.commit.hexsha


def _restore(repo: Repo, names: Sequence[str], orig_head: str | None, committed: bool) -> None:
    """Put the branch, index and worktree of ``names`` back as they were.

    Best effort, step by step: a failure here must not hide the error that caused it.
    """
    branch = repo.head.ref.path  # refs/heads/<name>
    try:
        if committed:
            if orig_head is None:
                repo.git.update_ref("-d", branch)
            else:
                repo.git.update_ref(branch, orig_head)
    except GitCommandError:
        pass
    root = Path(repo.working_tree_dir)
    original = _HeadTree(repo) if orig_head is not None else None
    for name in names:
        try:
            if original is not None and original.has(name):
                repo.git.restore("--source", orig_head, "--staged", "--worktree", "--", name)
            else:  # the file is new: it must not stay behind, staged or not
                repo.git.rm("--cached", "--quiet", "--ignore-unmatch", "--", name)
                (root / name).unlink(missing_ok=True)
        except (GitCommandError, OSError):
            continue


# -- pushing ---------------------------------------------------------------------------------


def _push(repo: Repo, remote: str, sha: str, branch: str) -> tuple[str, str]:
    """Push ``sha`` to ``remote``'s ``branch`` without force: ("ok" | "rejected" | "failed", why)."""
    # GitPython can only parse the push report of a named ref, not of a bare sha, and the
    # rebased commit is on no branch yet: push it through a private, temporary ref.
    repo.git.update_ref(OUTGOING_REF, sha)
    try:
        infos = repo.remote(remote).push(refspec=f"{OUTGOING_REF}:refs/heads/{branch}")
    except GitCommandError as exc:
        return "failed", (exc.stderr or str(exc)).strip()
    finally:
        repo.git.update_ref("-d", OUTGOING_REF)
    if not infos:
        error = getattr(infos, "error", None)
        return "failed", str(error or "git push reported nothing")
    for info in infos:
        if info.flags & PushInfo.REJECTED:
            return "rejected", info.summary.strip()
        if info.flags & PUSH_FAILED:
            return "failed", info.summary.strip()
    return "ok", ""


def _fetch(repo: Repo, remote: str, branch: str) -> str:
    """Fetch ``remote``'s ``branch`` into its tracking ref and return that ref's name."""
    tracking = f"refs/remotes/{remote}/{branch}"
    try:
        infos = repo.remote(remote).fetch(refspec=f"+refs/heads/{branch}:{tracking}")
    except GitCommandError as exc:
        raise PublishError(f"Could not fetch from the remote {remote!r}: {(exc.stderr or str(exc)).strip()}") from exc
    if any(info.flags & (git.FetchInfo.ERROR | git.FetchInfo.REJECTED) for info in infos):
        raise PublishError(f"Could not fetch {branch!r} from the remote {remote!r}.")
    return tracking


def _try_fetch(repo: Repo, remote: str, branch: str) -> str | None:
    """``_fetch``, or None when the remote has no such branch yet (a brand-new archive)."""
    try:
        return _fetch(repo, remote, branch)
    except PublishError:
        return None


def _rebase_elsewhere(repo: Repo, commit: str, onto: str) -> str:
    """Rebase ``commit`` onto ``onto`` in a throw-away worktree; the new sha, or ``PushConflict``."""
    scratch = Path(tempfile.mkdtemp(prefix="transcriber-rebase-"))
    worktree = scratch / "archive"
    repo.git.worktree("add", "--detach", "--quiet", str(worktree), commit)
    try:
        other = Repo(worktree)
        with _identity(other):
            try:
                other.git.rebase("--quiet", onto)
            except GitCommandError:
                conflicted = [n for n in other.git.diff("--name-only", "-z", "--diff-filter=U").split("\0") if n]
                other.git.rebase("--abort")
                raise PushConflict(
                    "Someone else changed " + (", ".join(conflicted) or "the same file")
                    + " on the remote at the same time; nothing was published and the library and "
                    "the archive are as before. Pull their change into the archive (git pull), "
                    "look at it, then publish again."
                ) from None
        return other.head.commit.hexsha
    finally:
        repo.git.worktree("remove", "--force", str(worktree))
        shutil.rmtree(scratch, ignore_errors=True)


def _push_with_retry(repo: Repo, remote: str, sha: str, branch: str) -> tuple[str, bool]:
    """Push, and after one rejection fetch, rebase and push again: (pushed sha, retried)."""
    status, why = _push(repo, remote, sha, branch)
    if status == "ok":
        return sha, False
    if status == "failed":
        raise PublishError(f"The remote {remote!r} refused the push: {why}. Nothing was published.")
    onto = _fetch(repo, remote, branch)
    rebased = _rebase_elsewhere(repo, sha, onto)
    status, why = _push(repo, remote, rebased, branch)
    if status != "ok":
        raise PublishError(
            f"The remote {remote!r} refused the push again after a rebase: {why}. Nothing was "
            "published; pull the archive and publish again."
        )
    return rebased, True


def _remote_branch(repo: Repo, remote: str) -> str:
    tracking = repo.head.ref.tracking_branch()
    if tracking is not None and tracking.remote_name == remote:
        return tracking.remote_head
    return repo.head.ref.name


# -- finding an earlier, interrupted publication --------------------------------------------


@dataclass
class _Earlier:
    sha: str
    name: str
    in_head: bool
    on_remote: bool


def _is_ancestor(repo: Repo, sha: str, ref: str | None) -> bool:
    if ref is None:
        return False
    try:
        repo.git.merge_base("--is-ancestor", sha, ref)
    except GitCommandError:
        return False
    return True


def _ref_exists(repo: Repo, ref: str) -> bool:
    try:
        repo.git.rev_parse("--verify", "--quiet", ref)
    except GitCommandError:
        return False
    return True


def _earlier_commits(repo: Repo, keys: dict[str, int], tracking: str | None) -> dict[int, _Earlier]:
    """Each meeting's newest commit by this app in the branch, the outgoing ref (left by a
    publication killed while pushing) or the remote branch, from its trailer."""
    refs = [r for r in ("HEAD", OUTGOING_REF, tracking) if r and _ref_exists(repo, r)]
    if not refs:
        return {}
    # Only commits this app made carry the trailer: git filters the whole history fast.
    args = ["-z", "--format=%H%x01%B", "-F", f"--grep={TRAILER}", *refs]
    found: dict[int, _Earlier] = {}
    for record in repo.git.log(*args).split("\0"):
        sha, _, body = record.strip("\n").partition("\x01")
        for line in body.splitlines():
            if not line.startswith(TRAILER):
                continue
            parts = line[len(TRAILER):].strip().split(" ", 1)
            if len(parts) == 2 and parts[0] in keys and keys[parts[0]] not in found:
                found[keys[parts[0]]] = _Earlier(sha, parts[1], False, False)
    for earlier in found.values():
        earlier.in_head = _is_ancestor(repo, earlier.sha, "HEAD")
        earlier.on_remote = _is_ancestor(repo, earlier.sha, tracking)
    return found


def _fast_forward(repo: Repo, target: str) -> None:
    """Bring the user's branch up to ``target`` (it descends from HEAD), files included,
    the way ``git merge --ff-only`` does, refusing rather than overwrite their edits."""
    local = repo.head.commit.hexsha
    try:
        repo.git.read_tree("-m", "-u", local, target)
    except GitCommandError:
        raise PublishError(
            "The remote already has this meeting's earlier publication, but your archive has "
            "uncommitted changes in the way; commit them, run git pull, then publish again."
        ) from None
    repo.git.update_ref(repo.head.ref.path, target, local)


# -- the whole publication ----------------------------------------------------------------


def _open_for_publishing(archive: str | os.PathLike[str], remote: str | None) -> Repo:
    repo = open_archive(archive)
    if (Path(repo.git_dir) / "index.lock").exists():
        raise PublishError(
            "The archive's git index is locked (.git/index.lock): another git program is "
            "working in it or one crashed, so if none is running delete that file and publish again."
        )
    if remote is not None and remote not in [r.name for r in repo.remotes]:
        raise PublishError(
            f"The archive has no remote called {remote!r}"
            + (f" (it has: {', '.join(r.name for r in repo.remotes)})." if repo.remotes
               else "; add one with `git remote add`.")
        )
    return repo


def _record(library: Library, repo: Repo, shas: dict[int, str], files: dict[int, str],
            remote: str | None, choices: dict[int, tuple[str, str]] | None = None,
            blobs: dict[int, str] | None = None) -> None:
    """Remember where each meeting now is, and the licence and style its file has (the
    archive profile's, for a new file); publishing is not an edit, so ``updated_at`` stays."""
    root = str(Path(repo.working_tree_dir).resolve())
    choices = choices or {}
    with library.atomic():
        for meeting_id, name in files.items():
            library.add_publication(meeting_id, shas[meeting_id], name, remote)
            # archive_root/archive_file tell a later import or publish that this file is this meeting.
            fields = {"status": MeetingStatus.PUBLISHED.value, "slug": slug_of(name),
                      "archive_root": root, "archive_file": name}
            licence, style = choices.get(meeting_id, ("", ""))
            if licence and style:
                fields.update(licence=licence, style=style)
            library.db["meetings"].update(meeting_id, fields)
        mark_synced(library, content_fingerprints(library, list(files)), blobs)


def _publish(library: Library, repo: Repo, groups: list[list[int]], *, push: bool,
             remote: str | None, rename: bool, pair: bool, whole_archive: bool = False,
             profile: ArchiveProfile | None = None) -> Publication:
    """Plan, commit (one commit per group), push and record; all or nothing."""
    root = Path(repo.working_tree_dir)
    profile = profile or load_profile(root)
    remote = remote or ("origin" if push else None)
    branch = _remote_branch(repo, remote) if remote else None
    tracking = _try_fetch(repo, remote, branch) if remote else None
    ids = [meeting_id for group in groups for meeting_id in group]
    keys = {meeting_key(library.meeting(m)): m for m in ids}
    earlier = _earlier_commits(repo, keys, tracking)
    behind = [e for e in earlier.values() if e.on_remote and not e.in_head]
    if behind:
        if not _is_ancestor(repo, "HEAD", tracking):
            raise PublishError(
                "The remote already has this meeting's earlier publication; pull it into the "
                "archive (git pull) and publish again."
            )
        _fast_forward(repo, tracking)
        for e in earlier.values():
            e.in_head = _is_ancestor(repo, e.sha, "HEAD")
    recovered = {m: e.name for m, e in earlier.items() if e.in_head and not previous_filename(library, m)}
    head = _HeadTree(repo)
    left_out = _changed_in_archive(library, head, ids, whole_archive)
    if left_out:
        groups = [[m for m in group if m not in left_out] for group in groups]
        groups = [group for group in groups if group]
        ids = [m for group in groups for m in group]
        if not ids:
            raise NothingToPublish(
                "Nothing to publish: the meetings you edited were all changed in the archive "
                "since you imported or last published them (" + ", ".join(sorted(left_out.values())[:5])
                + "); nothing was published so as not to undo those changes.")
    whole = _plan(library, repo, ids, rename=rename, pair=pair, profile=profile,
                  recovered=recovered, head=head)
    if whole_archive:  # only the meetings whose file changes
        whole.entries = [e for e in whole.entries if e.verb]
    if len(groups) == 1:
        plans = [whole]
    else:
        by_id = {e.meeting_id: e for e in whole.entries}
        plans = [_Plan([by_id[m] for m in group if m in by_id], {}) for group in groups]
        plans = [p for p in plans if p.entries]
        if whole.meta:
            if not plans:
                plans = [_Plan([], {})]
            plans[-1].meta = whole.meta
    plans = [p for p in plans if p.changed]
    touched = [name for p in plans for name in [*p.writes, *p.removals]]
    _refuse_links(root, head, touched)
    dirty = _dirty(repo, touched) if touched else []
    if dirty:
        raise PublishError(
            f"The archive has uncommitted changes to {', '.join(dirty[:5])}"
            + (f" and {len(dirty) - 5} more" if len(dirty) > 5 else "")
            + "; commit or discard them first so that publishing does not overwrite them."
        )
    files = {e.meeting_id: e.name for p in plans for e in p.entries}
    if not plans:
        return _finish_earlier(library, repo, ids, earlier, head, remote, branch, tracking)
    orig_head = _head_sha(repo)
    committed = False
    shas: dict[int, str] = {}
    result = Publication("", sorted(files.values()), remote)
    try:
        for plan in plans:
            sha = _commit(repo, plan.writes, plan.removals, commit_message(plan.entries, pair))
            committed = True
            shas.update({e.meeting_id: sha for e in plan.entries})
            result.renamed.update(plan.renamed)
        result.commit_sha = sha
        if remote is not None:
            pushed, retried = _push_with_retry(repo, remote, sha, branch)
            result.commit_sha, result.pushed, result.retried = pushed, True, retried
            if pushed != sha:
                _catch_up(repo, pushed, result)
                shas = dict.fromkeys(shas, pushed)
    except BaseException as exc:
        _restore(repo, touched, orig_head, committed and _head_sha(repo) != orig_head)
        if isinstance(exc, GitCommandError):
            raise PublishError(f"git failed while publishing: {_git_reason(exc)}") from None
        raise
    _record(library, repo, shas, files, remote,
            {e.meeting_id: e.choices for p in plans for e in p.entries},
            {e.meeting_id: blob_sha(e.data) for p in plans for e in p.entries})
    if _ref_exists(repo, OUTGOING_REF):  # left by an interrupted publication, now finished
        repo.git.update_ref("-d", OUTGOING_REF)
    result.gaps = sum(unfilled_gaps(library, m) for m in files)
    if left_out:
        result.warning = _left_out_warning(left_out)
    return result


def _changed_in_archive(library: Library, head: _HeadTree, ids: Sequence[int],
                        whole_archive: bool) -> dict[int, str]:
    """Meetings whose archive file someone else changed since this library imported or
    published it (pulled from a colleague): publishing would undo their change.

    For one meeting that is refused in one sentence; a whole-archive publication leaves
    those meetings out and says which.
    """
    fingerprints: dict[int, str] | None = None
    found: dict[int, str] = {}
    for meeting_id in ids:
        layout = archive_layout(library, meeting_id)
        name = previous_filename(library, meeting_id)
        synced = layout.get("synced_blob")
        if not synced or not name or not head.has(name) or head.entries[name][1] == synced:
            continue
        if whole_archive:
            found[meeting_id] = name
            continue
        fingerprints = fingerprints or content_fingerprints(library, list(ids))
        if fingerprints.get(meeting_id) == layout.get("synced"):
            raise NothingToPublish(
                f"{name} was changed in the archive since you imported or last published it, "
                "and the library has no edit of yours to publish."
            )
        raise PublishError(
            f"{name} was changed in the archive since you imported or last published it, and "
            "you edited it in the library too; nothing was published, so as not to undo that "
            "change: compare the two (git log -p on the file) and make your edit on the new version."
        )
    return found


def _left_out_warning(left_out: dict[int, str]) -> str:
    names = sorted(left_out.values())
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return (f"Left out {shown}: changed in the archive since imported or last published; "
            "publishing the library's copy would undo that change.")


def _finish_earlier(library: Library, repo: Repo, ids: Sequence[int], earlier: dict[int, _Earlier],
                    head: _HeadTree, remote: str | None, branch: str | None,
                    tracking: str | None) -> Publication:
    """Nothing left to commit: finish what an interrupted publication began (push its
    commit, record it), or say that the archive already holds this version."""
    names = [previous_filename(library, m) or earlier[m].name for m in ids if m in earlier
             or previous_filename(library, m)]
    mine = {m: e for m, e in earlier.items() if e.in_head}
    unpushed = [e for e in mine.values() if remote is not None and not e.on_remote]
    known = {m: {p["commit_sha"] for p in library.publications(m)} for m in mine}
    unrecorded = [m for m, e in mine.items() if e.sha not in known[m]]
    if not unpushed and not unrecorded:
        raise NothingToPublish(
            "Nothing changed: the archive already holds this version of "
            + ", ".join(sorted(set(names))) + "."
        )
    result = Publication(repo.head.commit.hexsha, sorted({e.name for e in mine.values()}), remote)
    shas = {m: e.sha for m, e in mine.items()}
    if unpushed:
        pushed, retried = _push_with_retry(repo, remote, result.commit_sha, branch)
        result.commit_sha, result.pushed, result.retried = pushed, True, retried
        if pushed != repo.head.commit.hexsha:
            _catch_up(repo, pushed, result)
            shas = dict.fromkeys(shas, pushed)
    elif remote is not None:
        result.pushed = True
    _record(library, repo, shas, {m: e.name for m, e in mine.items()}, remote,
            blobs={m: head.entries[e.name][1] for m, e in mine.items() if head.has(e.name)})
    if _ref_exists(repo, OUTGOING_REF):  # left by the interrupted publication
        repo.git.update_ref("-d", OUTGOING_REF)
    return result


def _git_reason(exc: GitCommandError) -> str:
    lines = [line.strip() for line in (exc.stderr or str(exc)).splitlines() if line.strip()]
    return (lines[-1] if lines else "unknown error").removeprefix("stderr: ").strip("'")


def publish_meetings(
    library: Library,
    meeting_ids: Sequence[int],
    archive: str | os.PathLike[str],
    *,
    push: bool = False,
    remote: str | None = None,
    now: bool = False,
    today: dt.date | None = None,
    rename: bool = False,
) -> Publication:
    """Publish one meeting, or a bilingual pair (two ids, paired in ``.alternates`` with
    the English file first), as one commit.

    A meeting already in the archive keeps its file name unless ``rename`` is true, the
    editor's explicit request; a rename writes ``.redirects``. A publication that was
    interrupted (killed while pushing) is found again and finished, never duplicated.
    """
    if not 1 <= len(meeting_ids) <= 2 or len(set(meeting_ids)) != len(meeting_ids):
        raise PublishError("Publish one meeting, or two different meetings as a bilingual pair.")
    today = today or dt.date.today()
    for meeting_id in meeting_ids:
        blocker = review_blocker(library.meeting(meeting_id), today)
        if blocker and not now:
            raise PublishError(blocker)
    remote = remote or ("origin" if push else None)
    repo = _open_for_publishing(archive, remote)
    return _publish(library, repo, [list(meeting_ids)], push=push, remote=remote, rename=rename,
                    pair=len(meeting_ids) == 2)


def archive_meetings(library: Library, root: Path, changed_only: bool = False) -> list[int]:
    """The library's meetings that belong to the archive at ``root`` (imported from it or
    published to it); with ``changed_only``, those edited since they were imported or
    last published."""
    rows = list(library.db.query(
        "SELECT id, archive_layout FROM meetings WHERE archive_root = ? ORDER BY date, id",
        [str(root.resolve())],
    ))
    if not changed_only:
        return [row["id"] for row in rows]
    now = content_fingerprints(library, [row["id"] for row in rows])
    return [row["id"] for row in rows
            if json.loads(row["archive_layout"] or "{}").get("synced") != now.get(row["id"])]


def publish_archive(
    library: Library,
    archive: str | os.PathLike[str],
    *,
    changed_only: bool = False,
    commit_per_meeting: bool = False,
    push: bool = False,
    remote: str | None = None,
) -> Publication:
    """Publish every meeting of the archive whose file would change, in one commit (or
    one per meeting): the archive's profile and HEAD are read once, not per meeting."""
    remote = remote or ("origin" if push else None)
    repo = _open_for_publishing(archive, remote)
    root = Path(repo.working_tree_dir)
    ids = archive_meetings(library, root, changed_only)
    if not ids:
        raise NothingToPublish("Nothing changed: no meeting of this archive was edited.")
    groups = [[m] for m in ids] if commit_per_meeting else [ids]
    return _publish(library, repo, groups, push=push, remote=remote, rename=False, pair=False,
                    whole_archive=True)


def _catch_up(repo: Repo, pushed: str, result: Publication) -> None:
    """Move the user's branch from our local commit to its rebased copy, now on the remote.

    A two-tree ``read-tree -m -u`` is what ``git checkout`` does: it updates only the files
    that differ between the two commits, keeps whatever the user staged, and refuses
    rather than overwrite a file the user changed.
    """
    local = repo.head.commit.hexsha
    try:
        repo.git.read_tree("-m", "-u", local, pushed)
    except GitCommandError:
        # The push succeeded; only the local branch lags because of the user's own edits.
        result.warning = (
            "Published, but your archive branch still has the commit from before the rebase "
            "because you have uncommitted changes to files the remote changed; commit them "
            "and run git pull --rebase."
        )
        return
    repo.git.update_ref(repo.head.ref.path, pushed, local)


def publish_meeting(library: Library, meeting_id: int, archive: str | os.PathLike[str], **options) -> Publication:
    """Publish one meeting; see ``publish_meetings``."""
    return publish_meetings(library, [meeting_id], archive, **options)
