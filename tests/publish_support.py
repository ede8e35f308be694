"""Helpers for the publishing tests: library meetings and real git repositories."""

from __future__ import annotations

import subprocess
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
