"""A publication killed (SIGKILL, for real) at each step is finished by the next publish.

Git hooks in the test archive kill the publishing process at an exact point: after it
staged the file, after it committed, after the remote took the push. The retry, by
``publish`` or ``publish --all``, must leave exactly one file and one commit for the
meeting, on the remote and in the library, nothing staged and no false conflict.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from archive_support import CORPUS_DIR
from publish_support import git, identify, install_kill_hook, make_meeting, run_killed, state

from transcriber.archive.convert import archive_source, import_archive
from transcriber.model import MeetingStatus
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
    meeting, name = _meeting(library, archive[1], which)
    target = ["--all"] if command == "publish --all" else [str(meeting), "--now"]
    _kill_then_finish(library, archive, tmp_path, step, meeting, name, target, command)


@pytest.mark.parametrize("step", ["committed", "pushed"])
def test_a_new_meeting_killed_once_public_is_finished_by_publish_all(library, archive, tmp_path,
                                                                     step):
    """The meeting was never in the library's archive: only its commit's trailer says it
    is public now, and ``publish --all`` must find it there rather than leave it a draft."""
    meeting, name = _meeting(library, archive[1], "new")
    _kill_then_finish(library, archive, tmp_path, step, meeting, name, [str(meeting), "--now"],
                      "publish --all")


def _kill_then_finish(library, archive, tmp_path, step: str, meeting: int, name: str,
                      target: list[str], retry: str) -> None:
    """Kill ``publish <target>`` at ``step``, retry with ``retry``, and check that the
    meeting is published exactly once, pushed, recorded and with nothing left staged."""
    remote, root = archive
    before = _commits_touching(remote, name)
    library.close()
    hook = install_kill_hook(root, step, tmp_path / "publisher.pid")
    status = run_killed(library.path, ["publish", *target, "--archive", str(root), "--push"],
                        tmp_path / "publisher.pid")
    assert status == -9, "the hook never killed the publication"
    hook.unlink()

    if retry == "publish --all":
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
    assert library.meeting(meeting).status == MeetingStatus.PUBLISHED
    with pytest.raises(NothingToPublish):
        publish_meeting(library, meeting, root, push=True)
    with pytest.raises(NothingToPublish):
        publish_archive(library, root, push=True)


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


FULL_DISK = """
import resource, signal, sys
from transcriber.cli import cli
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, as on a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
cli.main(sys.argv[2:], prog_name="transcriber")
"""


def test_a_publish_that_cannot_write_says_so_in_one_sentence_and_loses_nothing(library, archive):
    remote, root = archive
    long_text = "這是一段很長的發言。" * 60000  # 1.8 MB: more than the archive can take
    meeting = make_meeting(library, "JFK", "2024-06-01", [("Audrey Tang", long_text)])
    library.close()
    before = state(root)
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK, "1000000", "--library", str(library.path), "publish",
         str(meeting), "--now", "--archive", str(root), "--push"],
        capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.count("\n") == 1 and "nothing was published" in done.stderr, done.stderr
    assert state(root) == before
    assert library.publications(meeting) == []

    result = publish_meeting(library, meeting, root, push=True, now=True)
    assert result.paths == [NEW] and git(remote, "rev-parse", "main") == result.commit_sha
