"""Pushing without force: one rejected push is fetched, rebased elsewhere and pushed again.

The rebase runs in a temporary worktree, because ``git rebase`` refuses to run in a
worktree with uncommitted changes and must never touch the user's files; on a conflict
the rebase is aborted there and the user's branch goes back to where it was.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import git
from git import GitCommandError, PushInfo, Repo

from transcriber.messages import message
from transcriber.publish.repository import PublishError, PushConflict, identity

# The temporary ref a push goes through; one left behind marks a publication killed while pushing.
OUTGOING_REF = "refs/transcriber/outgoing"
# Any of these on a pushed ref means the remote did not take the commit.
PUSH_FAILED = (
    PushInfo.ERROR | PushInfo.REJECTED | PushInfo.REMOTE_REJECTED | PushInfo.REMOTE_FAILURE
)


def push_commit(repo: Repo, remote: str, sha: str, branch: str) -> tuple[str, str]:
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


def fetch_branch(repo: Repo, remote: str, branch: str) -> str:
    """Fetch ``remote``'s ``branch`` into its tracking ref and return that ref's name."""
    tracking = f"refs/remotes/{remote}/{branch}"
    try:
        infos = repo.remote(remote).fetch(refspec=f"+refs/heads/{branch}:{tracking}")
    except GitCommandError as exc:
        raise PublishError(message("Could not fetch from the remote {remote!r}: {detail}", remote=remote, detail=(exc.stderr or str(exc)).strip())) from exc
    if any(info.flags & (git.FetchInfo.ERROR | git.FetchInfo.REJECTED) for info in infos):
        raise PublishError(message("Could not fetch {branch!r} from the remote {remote!r}.", branch=branch, remote=remote))
    return tracking


def try_fetch(repo: Repo, remote: str, branch: str) -> str | None:
    """``fetch_branch``, or None when the remote has no such branch yet (a brand-new archive)."""
    try:
        return fetch_branch(repo, remote, branch)
    except PublishError:
        return None


def rebase_elsewhere(repo: Repo, commit: str, onto: str) -> str:
    """Rebase ``commit`` onto ``onto`` in a throw-away worktree; the new sha, or ``PushConflict``."""
    scratch = Path(tempfile.mkdtemp(prefix="transcriber-rebase-"))
    worktree = scratch / "archive"
    repo.git.worktree("add", "--detach", "--quiet", str(worktree), commit)
    try:
        other = Repo(worktree)
        with identity(other):
            try:
                other.git.rebase("--quiet", onto)
            except GitCommandError:
                conflicted = [n for n in other.git.diff("--name-only", "-z", "--diff-filter=U").split("\0") if n]
                other.git.rebase("--abort")
                if not conflicted:
                    raise PushConflict(message(
                        "Someone else changed the same file on the remote at the same time; nothing "
                        "was published and the library and the archive are as before. Pull their "
                        "change into the archive (git pull), look at it, then publish again.")) from None
                raise PushConflict(message(
                    "Someone else changed {files} on the remote at the same time; nothing was "
                    "published and the library and the archive are as before. Pull their change "
                    "into the archive (git pull), look at it, then publish again.",
                    files=", ".join(conflicted))) from None
        return other.head.commit.hexsha
    finally:
        repo.git.worktree("remove", "--force", str(worktree))
        shutil.rmtree(scratch, ignore_errors=True)


def push_with_retry(repo: Repo, remote: str, sha: str, branch: str) -> tuple[str, bool]:
    """Push, and after one rejection fetch, rebase and push again: (pushed sha, retried)."""
    status, why = push_commit(repo, remote, sha, branch)
    if status == "ok":
        return sha, False
    if status == "failed":
        raise PublishError(message("The remote {remote!r} refused the push: {detail}. Nothing was published.", remote=remote, detail=why))
    onto = fetch_branch(repo, remote, branch)
    rebased = rebase_elsewhere(repo, sha, onto)
    status, why = push_commit(repo, remote, rebased, branch)
    if status != "ok":
        raise PublishError(
            message("The remote {remote!r} refused the push again after a rebase: {detail}. Nothing was "
                    "published; pull the archive and publish again.", remote=remote, detail=why)
        )
    return rebased, True


def remote_branch(repo: Repo, remote: str) -> str:
    tracking = repo.head.ref.tracking_branch()
    if tracking is not None and tracking.remote_name == remote:
        return tracking.remote_head
    return repo.head.ref.name


def fast_forward(repo: Repo, target: str) -> None:
    """Bring the user's branch up to ``target`` (it descends from HEAD), files included,
    the way ``git merge --ff-only`` does, refusing rather than overwrite their edits."""
    local = repo.head.commit.hexsha
    try:
        repo.git.read_tree("-m", "-u", local, target)
    except GitCommandError:
        raise PublishError(
            message("The remote already has this meeting's earlier publication, but your archive has "
                    "uncommitted changes in the way; commit them, run git pull, then publish again.")
        ) from None
    repo.git.update_ref(repo.head.ref.path, target, local)


def catch_up(repo: Repo, pushed: str) -> str:
    """Move the user's branch from our local commit to its rebased copy, now on the remote;
    a warning when the user's own edits keep it from moving, else "".

    A two-tree ``read-tree -m -u`` is what ``git checkout`` does: it updates only the files
    that differ between the two commits, keeps whatever the user staged, and refuses
    rather than overwrite a file the user changed.
    """
    local = repo.head.commit.hexsha
    try:
        repo.git.read_tree("-m", "-u", local, pushed)
    except GitCommandError:
        # The push succeeded; only the local branch lags because of the user's own edits.
        return message("Published, but your archive branch still has the commit from before the rebase "
                       "because you have uncommitted changes to files the remote changed; commit them "
                       "and run git pull --rebase.")
    repo.git.update_ref(repo.head.ref.path, pushed, local)
    return ""
