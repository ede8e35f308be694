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
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import git
from git import GitCommandError, PushInfo, Repo

from transcriber.errors import TranscriberError
from transcriber.library.store import Library
from transcriber.model import MeetingStatus
from transcriber.publish.convert import meeting_markdown
from transcriber.publish.filenames import archive_filename, safe_archive_path
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
    return data.decode("utf-8").splitlines() if data else []


def _joined(lines: list[str]) -> bytes:
    return "".join(f"{line}\n" for line in lines).encode("utf-8")


def updated_alternates(current: bytes | None, renamed: dict[str, str],
                       pair: tuple[str, str] | None) -> bytes | None:
    """``.alternates`` with renamed files followed and ``pair`` added; ``None`` if it need not exist."""
    lines = []
    for line in _lines(current):
        names = [renamed.get(name, name) for name in line.split("\t")]
        lines.append("\t".join(names))
    if pair and not any(set(pair) <= set(line.split("\t")) for line in lines):
        lines.append("\t".join(pair))
    if current is None and not lines:
        return None
    return _joined(lines)


def updated_redirects(current: bytes | None, renamed: dict[str, str]) -> bytes | None:
    """``.redirects`` gains ``old<TAB>new`` per rename; older redirects to ``old`` follow it,
    so every old permalink resolves in one hop, and a slug in use again stops redirecting."""
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
    return _joined(lines)


# -- planning the change ----------------------------------------------------------------


@dataclass
class _Plan:
    writes: dict[str, bytes]  # file name at the archive root -> new content
    removals: list[str]
    renamed: dict[str, str]
    message: str
    meeting_files: dict[int, str]


def previous_filename(library: Library, meeting_id: int) -> str | None:
    publications = library.publications(meeting_id)
    if publications:
        return Path(publications[-1]["path"]).name
    slug = library.meeting(meeting_id).slug
    return f"{slug}.md" if slug else None


def target_filename(library: Library, repo: Repo, root: Path, meeting_id: int, taken: set[str]) -> str:
    """This meeting's file name; ``-2``, ``-3``… when another meeting already has that name."""
    meeting = library.meeting(meeting_id)
    name = archive_filename(meeting.date, meeting.title)
    own = {previous_filename(library, meeting_id)}
    stem, number = slug_of(name), 1
    # Only committed files belong to other meetings; an uncommitted file at this name is
    # the user's work in progress, which the dirty check refuses to overwrite.
    while name in taken or (name not in own and _head_bytes(repo, name) is not None):
        number += 1
        name = f"{stem}-{number}.md"
    safe_archive_path(root, name)
    return name


def _plan(library: Library, repo: Repo, meeting_ids: Sequence[int]) -> _Plan:
    root = Path(repo.working_tree_dir)
    writes: dict[str, bytes] = {}
    removals: list[str] = []
    renamed: dict[str, str] = {}
    meeting_files: dict[int, str] = {}
    verbs = []
    for meeting_id in meeting_ids:
        name = target_filename(library, repo, root, meeting_id, set(writes))
        meeting_files[meeting_id] = name
        writes[name] = meeting_markdown(library, meeting_id).encode("utf-8")
        previous = previous_filename(library, meeting_id)
        if previous and previous != name and _head_bytes(repo, previous) is not None:
            removals.append(previous)
            renamed[previous] = name
        meeting = library.meeting(meeting_id)
        verb = "Update" if library.publications(meeting_id) else "Publish"
        verbs.append((verb, f"{meeting.date} {meeting.title}"))
    pair = tuple(meeting_files.values()) if len(meeting_ids) == 2 else None
    for meta, content in (
        (ALTERNATES, updated_alternates(_head_bytes(repo, ALTERNATES), renamed, pair)),
        (REDIRECTS, updated_redirects(_head_bytes(repo, REDIRECTS), renamed)),
    ):
        if content is not None:
            writes[meta] = content
    # Files whose content is what HEAD already has are left out of the commit entirely.
    writes = {name: data for name, data in writes.items() if _head_bytes(repo, name) != data}
    if not writes and not removals:
        raise NothingToPublish(
            "Nothing changed: the archive already holds this version of "
            + ", ".join(meeting_files.values()) + "."
        )
    verb = verbs[0][0] if len({v for v, _ in verbs}) == 1 else "Publish"
    message = f"{verb} {' / '.join(title for _, title in verbs)}"
    if renamed:
        message += "\n\n" + "\n".join(f"Renamed {old} -> {new}" for old, new in renamed.items())
    return _Plan(writes, removals, renamed, message, meeting_files)


# -- changing the archive -----------------------------------------------------------------


def _commit(repo: Repo, plan: _Plan) -> str:
    """Write, stage (explicit paths only) and commit the plan; return the new commit's sha."""
    root = Path(repo.working_tree_dir)
    for name, data in plan.writes.items():
        safe_archive_path(root, name).write_bytes(data)
    paths = [*plan.writes, *plan.removals]
    repo.git.add("--", *plan.writes)
    if plan.removals:
        repo.git.rm("--quiet", "--", *plan.removals)
    # --only commits exactly these paths, whatever else the user has staged.
    with _identity(repo):
        repo.git.commit("--only", "--quiet", "-m", plan.message, "--", *paths)
    return repo.head.commit.hexsha


def _restore(repo: Repo, plan: _Plan, orig_head: str | None, committed: bool) -> None:
    """Put the branch, index and worktree of the planned paths back as they were."""
    branch = repo.head.ref.path  # refs/heads/<name>
    if committed:
        if orig_head is None:
            repo.git.update_ref("-d", branch)
        else:
            repo.git.update_ref(branch, orig_head)
    root = Path(repo.working_tree_dir)
    for name in [*plan.writes, *plan.removals]:
        if orig_head is not None and _head_bytes(repo, name) is not None:
            repo.git.restore("--source", orig_head, "--staged", "--worktree", "--", name)
        else:  # the file is new: it must not stay behind, staged or not
            repo.git.rm("--cached", "--quiet", "--ignore-unmatch", "--", name)
            (root / name).unlink(missing_ok=True)


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


# -- the whole publication ----------------------------------------------------------------


def publish_meetings(
    library: Library,
    meeting_ids: Sequence[int],
    archive: str | os.PathLike[str],
    *,
    push: bool = False,
    remote: str | None = None,
    now: bool = False,
    today: dt.date | None = None,
) -> Publication:
    """Publish one meeting, or a bilingual pair (two ids, paired in ``.alternates``), as one commit."""
    if not 1 <= len(meeting_ids) <= 2 or len(set(meeting_ids)) != len(meeting_ids):
        raise PublishError("Publish one meeting, or two different meetings as a bilingual pair.")
    today = today or dt.date.today()
    for meeting_id in meeting_ids:
        blocker = review_blocker(library.meeting(meeting_id), today)
        if blocker and not now:
            raise PublishError(blocker)
    repo = open_archive(archive)
    remote = remote or ("origin" if push else None)
    if remote is not None and remote not in [r.name for r in repo.remotes]:
        raise PublishError(
            f"The archive has no remote called {remote!r}"
            + (f" (it has: {', '.join(r.name for r in repo.remotes)})." if repo.remotes else "; add one with `git remote add`.")
        )
    plan = _plan(library, repo, meeting_ids)
    touched = [*plan.writes, *plan.removals]
    dirty = _dirty(repo, touched)
    if dirty:
        raise PublishError(
            f"The archive has uncommitted changes to {', '.join(dirty)}; commit or discard them "
            "first so that publishing does not overwrite them."
        )
    orig_head = _head_sha(repo)
    committed = False
    try:
        sha = _commit(repo, plan)
        committed = True
        result = Publication(sha, sorted(plan.meeting_files.values()), remote, renamed=plan.renamed)
        if remote is not None:
            branch = _remote_branch(repo, remote)
            pushed, retried = _push_with_retry(repo, remote, sha, branch)
            result.commit_sha, result.pushed, result.retried = pushed, True, retried
            if pushed != sha:
                _catch_up(repo, pushed, result)
    except BaseException as exc:
        _restore(repo, plan, orig_head, committed and _head_sha(repo) != orig_head)
        if isinstance(exc, GitCommandError):
            raise PublishError(f"git failed while publishing: {(exc.stderr or str(exc)).strip()}") from exc
        raise
    with library.atomic():
        for meeting_id, name in plan.meeting_files.items():
            library.add_publication(meeting_id, result.commit_sha, name, remote)
            # archive_root/archive_file tell a later `archive import` that this file is this meeting.
            library.update_meeting(
                meeting_id, status=MeetingStatus.PUBLISHED.value, slug=slug_of(name),
                archive_root=str(Path(repo.working_tree_dir).resolve()), archive_file=name,
            )
    return result


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
