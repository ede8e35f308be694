"""Helpers for the publishing tests: library meetings and real git repositories."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from transcriber.library.store import Library
from transcriber.model import Bullet, BulletKind


def make_meeting(library: Library, title: str, date: str, turns: list[tuple[str, str]], **fields) -> int:
    """A meeting whose bullets are ``(speaker, text)`` turns; speaker ``"?"`` is a question."""
    meeting = library.create_meeting(title, date, **fields)
    bullets = []
    for speaker, text in turns:
        kind = BulletKind.QUESTION if speaker == "?" else BulletKind.SPEECH
        speaker_id = None if speaker == "?" else library.speaker(meeting.id, speaker).id
        bullets.append(Bullet(None, meeting.id, 0, text, kind=kind, speaker_id=speaker_id))
    library.append_bullets(meeting.id, bullets)
    return meeting.id


def git(cwd: Path, *args: str) -> str:
    """Run real git; the output without its final newline."""
    done = subprocess.run(["git", "-c", "core.quotepath=false", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout.rstrip("\n")


def identify(repo: Path, name: str = "Test Editor", email: str = "editor@example.org") -> None:
    # CI has no global git identity: every test repository names its own.
    git(repo, "config", "user.name", name)
    git(repo, "config", "user.email", email)


def remote_and_clones(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A bare remote with one commit, the user's archive clone and a colleague's clone."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(remote))
    archive = tmp_path / "archive"
    git(tmp_path, "clone", "--quiet", str(remote), str(archive))
    identify(archive)
    (archive / "README.md").write_text("# Transcripts\n", encoding="utf-8")
    (archive / "LICENSE").write_text("CC0 1.0 Universal\n", encoding="utf-8")
    git(archive, "add", "README.md", "LICENSE")
    git(archive, "commit", "--quiet", "-m", "Start the archive")
    git(archive, "push", "--quiet", "-u", "origin", "main")
    other = tmp_path / "colleague"
    git(tmp_path, "clone", "--quiet", str(remote), str(other))
    identify(other, "Colleague", "colleague@example.org")
    return remote, archive, other


def state(repo: Path) -> tuple[str, str, dict[str, bytes]]:
    """HEAD, ``git status`` and every worktree file's bytes: what "unchanged" means."""
    files = {
        str(p.relative_to(repo)): p.read_bytes()
        for p in sorted(repo.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(repo).parts
    }
    return git(repo, "rev-parse", "HEAD"), git(repo, "status", "--porcelain"), files


# -- killing a publication for real at an exact step ------------------------------------------

# Git hooks in the archive stop the publishing process at one exact point: each kills the
# process whose id the test wrote to ``pidfile`` with SIGKILL, as a crash or power cut would.
# (hook name, stdin filter, exit status after the kill). A pre-commit hook that exits 1
# leaves the file staged and no commit; a post-commit one leaves the commit made; the
# reference-transaction hook fires when the pushed commit's temporary ref is deleted, that
# is after the remote took the push and before the library recorded anything.
KILL_STEPS = {
    "staged": ("pre-commit", "", 1),
    "committed": ("post-commit", "", 0),
    "pushed": ("reference-transaction", 'grep -q "^0\\{40\\} refs/transcriber/outgoing$" || exit 0', 0),
}


def install_kill_hook(archive: Path, step: str, pidfile: Path) -> Path:
    name, condition, status = KILL_STEPS[step]
    hook = archive / ".git" / "hooks" / name
    if name == "reference-transaction":  # only once the deletion is committed, not prepared
        condition = f'[ "$1" = committed ] || exit 0\nsed "s/^[0-9a-f]* //" | {condition}'
    hook.write_text(
        "#!/bin/sh\n"
        f"{condition}\n"
        f"while [ ! -s '{pidfile}' ]; do sleep 0.05; done\n"
        f"kill -9 \"$(cat '{pidfile}')\"\n"
        f"exit {status}\n",
        encoding="utf-8",
    )
    hook.chmod(0o755)
    return hook


def run_killed(library_path: Path, args: list[str], pidfile: Path, timeout: float = 120) -> int:
    """Run ``transcriber <args>`` in its own process group, wait for the hook to kill it and
    for its git children to end; its exit status (-9 when killed)."""
    env = {**os.environ, "TRANSCRIBER_LIBRARY": str(library_path)}
    process = subprocess.Popen([sys.executable, "-m", "transcriber", *args], env=env,
                               start_new_session=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    pidfile.write_text(str(process.pid), encoding="utf-8")
    status = process.wait(timeout=timeout)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:  # orphaned git children finish their step
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    return status
