"""Benchmark: import, then republish unchanged, an archive of 2,000 real transcripts.

The archive is the corpus sample replicated byte for byte under new names
(``<name>-<n>.md``) in a git repository with a bare remote. The benchmark imports it
into a fresh library, republishes every meeting unchanged (``publish --all``: nothing
may change, not one path), then corrects one meeting and publishes ``--all --changed``
(one path must change). Prints files per second for import and republish, the count of
changed paths, and each time as a ratio of a baseline measured in the same run: reading,
parsing and writing back every file once (the least any republish must do). Target: the
whole republish under 60 s.

    .venv/bin/python bench/publish.py [--files 2000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from transcriber.archive.convert import import_archive
from transcriber.archive.document import parse, write
from transcriber.library.store import Library
from transcriber.publish.git import NothingToPublish, publish_archive

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "transcript-sample"


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout


def make_archive(root: Path, count: int) -> Path:
    remote = root / "remote.git"
    git(root, "init", "--quiet", "--bare", "--initial-branch=main", str(remote))
    archive = root / "archive"
    git(root, "clone", "--quiet", str(remote), str(archive))
    git(archive, "config", "user.name", "Bench")
    git(archive, "config", "user.email", "bench@example.org")
    sources = sorted(CORPUS.glob("*.md"))
    for number in range(count):
        source = sources[number % len(sources)]
        copy = number // len(sources)
        name = source.name if copy == 0 else f"{source.name[:-3]}-{copy}.md"
        shutil.copyfile(source, archive / name)
    shutil.copyfile(CORPUS / ".alternates", archive / ".alternates")
    git(archive, "add", ".")
    git(archive, "commit", "--quiet", "-m", "The archive")
    git(archive, "push", "--quiet", "-u", "origin", "main")
    return archive


def cpu_seconds() -> float:
    """CPU time of this process and the git processes it ran: what the work costs,
    whatever else the machine is busy with (wall times on a shared machine vary)."""
    own, children = os.times(), os.times()
    return own.user + own.system + children.children_user + children.children_system


def changed_paths(archive: Path, since: str) -> int:
    status = git(archive, "status", "--porcelain").splitlines()
    committed = git(archive, "diff", "--name-only", since, "HEAD").splitlines()
    return len(set(status) | set(committed))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="build the archive in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-publish-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        archive = make_archive(work, args.files)
        files = sorted(archive.glob("*.md"))

        started, cpu = time.perf_counter(), cpu_seconds()
        for path in files:
            text = path.read_bytes().decode("utf-8")
            assert write(parse(text)) == text
        baseline, baseline_cpu = time.perf_counter() - started, cpu_seconds() - cpu

        library = Library(work / "library")
        started, cpu = time.perf_counter(), cpu_seconds()
        report = import_archive(library, archive)
        imported, imported_cpu = time.perf_counter() - started, cpu_seconds() - cpu
        assert not report.problems, report.problems[:3]

        head = git(archive, "rev-parse", "HEAD").strip()
        started, cpu = time.perf_counter(), cpu_seconds()
        try:
            publish_archive(library, archive, push=True)
            unchanged_note = "published something"
        except NothingToPublish:
            unchanged_note = "nothing to publish"
        republished, republished_cpu = time.perf_counter() - started, cpu_seconds() - cpu
        unchanged = changed_paths(archive, head)

        meeting = report.meetings[len(report.meetings) // 2]
        bullet = next(b for b in library.bullets(meeting.id) if b.text.strip() and b.speaker_id)
        library.update_bullet(bullet.id, text=bullet.text + " (corrected)")
        started = time.perf_counter()
        publish_archive(library, archive, changed_only=True, push=True)
        corrected = time.perf_counter() - started
        after_correction = changed_paths(archive, head)

        count = len(files)
        print(f"files: {count}")
        print(f"baseline (read, parse, write back every file): {baseline:.2f} s "
              f"({baseline_cpu:.2f} s CPU), {count / baseline:.0f} files/s")
        print(f"import: {imported:.2f} s ({imported_cpu:.2f} s CPU), {count / imported:.0f} files/s "
              f"({count / imported_cpu:.0f} per CPU second), ratio to baseline "
              f"{imported / baseline:.1f} (CPU {imported_cpu / baseline_cpu:.1f})")
        print(f"republish unchanged (--all, push): {republished:.2f} s ({republished_cpu:.2f} s CPU), "
              f"{count / republished:.0f} files/s ({count / republished_cpu:.0f} per CPU second), "
              f"ratio to baseline {republished / baseline:.1f} (CPU "
              f"{republished_cpu / baseline_cpu:.1f}), {unchanged_note}; "
              f"target < 60 s: {'ok' if republished < 60 else 'MISSED'}")
        print(f"changed paths after republishing unchanged: {unchanged} (must be 0)")
        print(f"one correction (--all --changed, push): {corrected:.2f} s, "
              f"changed paths {after_correction} (must be 1)")
        library.close()
        return 0 if unchanged == 0 and after_correction == 1 and republished < 60 else 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
