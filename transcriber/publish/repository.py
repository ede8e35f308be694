"""The archive's git repository: opening it, who commits, what HEAD holds.

The lowest floor of publishing: it knows git, not meetings.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import git
from git import GitCommandError, Repo

from transcriber.archive.convert import blob_sha
from transcriber.errors import TranscriberError
from transcriber.messages import message

# Used only when neither the archive nor the user's git configuration names a committer:
# CI machines and fresh installs have no identity, and git refuses to commit without one.
FALLBACK_NAME = "transcriber"
FALLBACK_EMAIL = "transcriber@localhost"


class PublishError(TranscriberError):
    """The meeting cannot be published; nothing was changed."""


class NothingToPublish(PublishError):
    """The archive already holds exactly this version of the meeting."""


class PushConflict(PublishError):
    """Someone else changed the same file on the remote; library and archive are as before."""


def open_archive(path: str | os.PathLike[str]) -> Repo:
    """The git repository whose top folder is ``path``, or a ``PublishError`` saying why not."""
    root = Path(path).expanduser()
    if not root.is_dir():
        raise PublishError(message("The archive folder {root} does not exist.", root=root))
    try:
        repo = Repo(root)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise PublishError(
            message("The archive folder {root} is not a git repository; clone the archive "
                    "(or run `git init` there) first.", root=root)
        ) from None
    if repo.bare or repo.working_tree_dir is None:
        raise PublishError(message("The archive {root} is a bare repository; publish into a clone of it.", root=root))
    if Path(repo.working_tree_dir).resolve() != root.resolve():
        raise PublishError(
            message("The archive folder {root} is inside the git repository {working_tree_dir}; "
                    "give the repository's top folder as the archive.", root=root, working_tree_dir=repo.working_tree_dir)
        )
    git_dir = Path(repo.git_dir)
    busy = [name for name in ("rebase-merge", "rebase-apply", "MERGE_HEAD", "CHERRY_PICK_HEAD")
            if (git_dir / name).exists()]
    if busy:
        raise PublishError(
            message("The archive {root} is in the middle of a git merge or rebase; finish or abort it first.", root=root)
        )
    if repo.head.is_detached:
        raise PublishError(message("The archive {root} is not on a branch (detached HEAD); check out a branch first.", root=root))
    return repo


def open_for_publishing(archive: str | os.PathLike[str], remote: str | None) -> Repo:
    repo = open_archive(archive)
    if (Path(repo.git_dir) / "index.lock").exists():
        raise PublishError(
            message("The archive's git index is locked (.git/index.lock): another git program is "
                    "working in it or one crashed, so if none is running delete that file and publish again.")
        )
    if remote is not None and remote not in [r.name for r in repo.remotes]:
        if repo.remotes:
            raise PublishError(message("The archive has no remote called {remote!r} (it has: {remotes}).",
                                       remote=remote, remotes=", ".join(r.name for r in repo.remotes)))
        raise PublishError(message("The archive has no remote called {remote!r}; add one with "
                                   "`git remote add`.", remote=remote))
    return repo


@contextmanager
def identity(repo: Repo) -> Iterator[None]:
    """Commit as the configured user; fall back to a neutral committer when there is none."""
    reader = repo.config_reader()  # system, global and repository levels together
    env = {"GIT_EDITOR": "true", "GIT_TERMINAL_PROMPT": "0"}
    if not reader.get_value("user", "name", default=""):
        env.update(GIT_AUTHOR_NAME=FALLBACK_NAME, GIT_COMMITTER_NAME=FALLBACK_NAME)
    if not reader.get_value("user", "email", default=""):
        env.update(GIT_AUTHOR_EMAIL=FALLBACK_EMAIL, GIT_COMMITTER_EMAIL=FALLBACK_EMAIL)
    with repo.git.custom_environment(**env):
        yield


def head_sha(repo: Repo) -> str | None:
    return repo.head.commit.hexsha if repo.head.is_valid() else None


def dirty_paths(repo: Repo, names: Sequence[str]) -> list[str]:
    """Which of ``names`` have uncommitted changes (staged, unstaged or untracked)."""
    out = repo.git.status("--porcelain", "-z", "--untracked-files=all", "--", *names)
    return [entry[3:] for entry in out.split("\0") if entry]


class HeadTree:
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


def is_ancestor(repo: Repo, sha: str, ref: str | None) -> bool:
    if ref is None:
        return False
    try:
        repo.git.merge_base("--is-ancestor", sha, ref)
    except GitCommandError:
        return False
    return True


def ref_exists(repo: Repo, ref: str) -> bool:
    try:
        repo.git.rev_parse("--verify", "--quiet", ref)
    except GitCommandError:
        return False
    return True


def git_reason(exc: GitCommandError) -> str:
    lines = [line.strip() for line in (exc.stderr or str(exc)).splitlines() if line.strip()]
    return (lines[-1] if lines else "unknown error").removeprefix("stderr: ").strip("'")

