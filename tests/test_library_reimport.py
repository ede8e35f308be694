"""Importing an archive the library already holds, from another folder, adds nothing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from transcriber.archive.convert import import_archive
from transcriber.library.store import Library


def _sample(corpus_dir: Path) -> list[Path]:
    return sorted(corpus_dir.glob("*.md"))[:6]


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _archive(folder: Path, files: list[Path]) -> Path:
    folder.mkdir(parents=True)
    for file in files:
        shutil.copyfile(file, folder / file.name)
    return folder


def test_the_same_archive_copied_elsewhere_is_recognised(tmp_path, corpus_dir) -> None:
    library = Library(tmp_path / "lib")
    files = _sample(corpus_dir)
    first = import_archive(library, _archive(tmp_path / "here", files))
    assert len(first.meetings) == len(files)

    again = import_archive(library, _archive(tmp_path / "moved" / "there", files))
    assert again.meetings == []
    assert sorted(name for name, _ in again.skipped) == sorted(f.name for f in files)
    assert len(library.meetings()) == len(files)
    library.close()


def test_another_clone_of_the_same_remote_is_recognised_even_where_files_differ(
    tmp_path, corpus_dir
) -> None:
    files = _sample(corpus_dir)
    source = _archive(tmp_path / "source", files)
    _git("init", "-q", "-b", "main", cwd=source)
    _git("add", ".", cwd=source)
    _git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "add", cwd=source)
    bare = tmp_path / "remote.git"
    _git("clone", "-q", "--bare", str(source), str(bare), cwd=tmp_path)
    for clone in ("one", "two"):
        _git("clone", "-q", str(bare), clone, cwd=tmp_path)
    # The second clone has a later correction in one file: same archive all the same.
    changed = tmp_path / "two" / files[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n* 補充。\n", encoding="utf-8")

    library = Library(tmp_path / "lib")
    assert len(import_archive(library, tmp_path / "one").meetings) == len(files)
    again = import_archive(library, tmp_path / "two")
    assert again.meetings == [] and len(again.skipped) == len(files)
    assert len(library.meetings()) == len(files)
    library.close()


def test_a_link_that_leaves_the_archive_is_not_followed(tmp_path, corpus_dir) -> None:
    secret = tmp_path / "outside" / "2020-01-01-secret.md"
    secret.parent.mkdir()
    secret.write_text("# 2020-01-01 Secret\n\n### A：\n\n* private words\n", encoding="utf-8")
    archive = _archive(tmp_path / "archive", _sample(corpus_dir)[:1])
    (archive / "2020-01-02-link.md").symlink_to(secret)

    library = Library(tmp_path / "lib")
    report = import_archive(library, archive)
    assert len(report.meetings) == 1
    assert all("private words" not in b.text for m in library.meetings()
               for b in library.bullets(m.id))
    library.close()
