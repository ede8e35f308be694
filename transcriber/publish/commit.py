"""Changing the archive: write, stage and commit exactly the planned files, or put them back."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from git import GitCommandError, Repo

from transcriber.archive.convert import blob_sha
from transcriber.archive.filenames import safe_archive_path
from transcriber.messages import message
from transcriber.publish.repository import HeadTree, PublishError, identity


def refuse_links(root: Path, head: HeadTree, names: Sequence[str]) -> None:
    """Never write through a symbolic link: it could point at another transcript."""
    for name in names:
        if (root / name).is_symlink() or head.is_link(name):
            raise PublishError(
                message("{name} in the archive is a symbolic link, which publishing never writes "
                        "through; nothing was changed.", name=name)
            )


def commit_files(repo: Repo, writes: dict[str, bytes], removals: list[str], message: str) -> str:
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
    with identity(repo):
        repo.git.commit("--only", "--quiet", "-m", message, "--", *paths)
    return repo.head.commit.hexsha


def restore(repo: Repo, names: Sequence[str], orig_head: str | None, committed: bool) -> None:
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
    original = HeadTree(repo) if orig_head is not None else None
    for name in names:
        try:
            if original is not None and original.has(name):
                repo.git.restore("--source", orig_head, "--staged", "--worktree", "--", name)
            else:  # the file is new: it must not stay behind, staged or not
                repo.git.rm("--cached", "--quiet", "--ignore-unmatch", "--", name)
                (root / name).unlink(missing_ok=True)
        except (GitCommandError, OSError):
            continue



def left_by_publishing(repo: Repo, writes: dict[str, bytes], removals: Sequence[str], name: str) -> bool:
    """Whether the uncommitted change to ``name`` is exactly what this publication would
    make: the file holds the planned bytes (or is gone, for a removal) and nothing else is
    staged for it. That is what a publication killed after writing or staging leaves, and
    committing it changes nothing the user wrote."""
    path = Path(repo.working_tree_dir) / name
    entry = repo.git.ls_files("-s", "-z", "--", name).split("\0")[0]
    staged = entry.split(" ")[1] if entry else None
    if name in removals:
        return staged is None and not path.exists() and not path.is_symlink()
    if name not in writes or path.is_symlink() or not path.is_file():
        return False
    if path.read_bytes() != writes[name]:
        return False
    try:
        committed = repo.git.rev_parse("--verify", "--quiet", f"HEAD:{name}")
    except GitCommandError:
        committed = None
    return staged in (None, blob_sha(writes[name]), committed)
