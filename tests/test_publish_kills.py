"""A publication killed (SIGKILL, for real) at each step is finished by the next publish.

Git hooks in the test archive kill the publishing process at an exact point: after it
staged the file, after it committed, after the remote took the push. The retry, by
``publish`` or ``publish --all``, must leave exactly one file and one commit for the
meeting, on the remote and in the library, nothing staged and no false conflict.
"""

from __future__ import annotations

import shutil

import pytest
from archive_support import CORPUS_DIR
from publish_support import git, identify, install_kill_hook, make_meeting, run_killed

from transcriber.archive.convert import archive_source, import_archive
from transcriber.publish.git import NothingToPublish, publish_archive, publish_meeting

IMPORTED = "2019-11-14-工商時報來訪.md"
NEW = "2024-06-01-JFK.md"


@pytest.fixture
def archive(tmp_path):
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(remote))
    root = tmp_path / "archive"
    git(tmp_path, "clone", "--quiet", str(remote), str(root))
    identify(root)
    shutil.copyfile(CORPUS_DIR / IMPORTED, root / IMPORTED)
    (root / "README").write_text("# Transcript\n\nCC0 1.0 Universal\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "--quiet", "-m", "The archive")
    git(root, "push", "--quiet", "-u", "origin", "main")
    return remote, root


def _meeting(library, root, which: str) -> tuple[int, str]:
    """A new meeting, or a corpus file imported and corrected: (its id, its file name)."""
    if which == "new":
        return make_meeting(library, "JFK", "2024-06-01", [("Audrey Tang", "Ask not.")]), NEW
    import_archive(library, root)
    meeting = next(m.id for m in library.meetings() if archive_source(library, m.id)[1] == IMPORTED)
    first = library.bullets(meeting)[0]
    library.update_bullet(first.id, text=first.text + "（更正）")
    return meeting, IMPORTED


def _commits_touching(repo, name: str) -> int:
    return len(git(repo, "log", "--format=%H", "main", "--", name).splitlines())


@pytest.mark.parametrize("step", ["staged", "committed", "pushed"])
@pytest.mark.parametrize(("which", "command"), [("new", "publish"), ("imported", "publish"),
                                                ("imported", "publish --all")])
def test_a_publish_killed_at_each_step_is_finished_by_the_next(library, archive, tmp_path,
                                                                step, which, command):
    remote, root = archive
    meeting, name = _meeting(library, root, which)
    before = _commits_touching(remote, name)
    library.close()
    hook = install_kill_hook(root, step, tmp_path / "publisher.pid")
    target = ["--all"] if command == "publish --all" else [str(meeting), "--now"]
    status = run_killed(library.path, ["publish", *target, "--archive", str(root), "--push"],
                        tmp_path / "publisher.pid")
    assert status == -9, "the hook never killed the publication"
    hook.unlink()

    if command == "publish --all":
        result = publish_archive(library, root, push=True)
    else:
        result = publish_meeting(library, meeting, root, push=True, now=True)

    assert result.pushed and name in result.paths
    assert sorted(git(remote, "ls-tree", "--name-only", "main").splitlines()) == sorted(
        {IMPORTED, name, "README"})
    assert _commits_touching(remote, name) == before + 1
    assert git(root, "status", "--porcelain") == ""
    assert git(root, "rev-parse", "HEAD") == git(remote, "rev-parse", "main")
    assert git(root, "for-each-ref", "refs/transcriber") == ""
    assert library.publications(meeting)[-1]["commit_sha"] == git(remote, "rev-parse", "main")
    with pytest.raises(NothingToPublish):
        publish_meeting(library, meeting, root, push=True)


def test_a_staged_file_committed_by_hand_after_a_kill_is_not_published_twice(library, archive,
                                                                              tmp_path):
    remote, root = archive
    meeting = make_meeting(library, "JFK", "2024-06-01", [("Audrey Tang", "Ask not.")])
    library.close()
    hook = install_kill_hook(root, "staged", tmp_path / "publisher.pid")
    run_killed(library.path, ["publish", str(meeting), "--now", "--archive", str(root)],
               tmp_path / "publisher.pid")
    hook.unlink()
    git(root, "commit", "--quiet", "-m", "What the user did with the staged file")

    result = publish_meeting(library, meeting, root, push=True, now=True)

    assert result.paths == [NEW]
    assert sorted(git(remote, "ls-tree", "--name-only", "main").splitlines()) == [
        IMPORTED, NEW, "README"]
    assert library.publications(meeting)[-1]["path"] == NEW
