"""The site builder writes and deletes only inside its output folder, whatever the archive
or the output folder's manifest says."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from transcriber.site.build import MANIFEST, build_site

CHINESE = "2021-11-03-健保署啟舜訪問.md"
ENGLISH = "2020-10-08-Interview-with-Ailsa-Chang.md"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def world(tmp_path, corpus_dir):
    """tmp_path/work/{archive,site} beside files that must survive: tmp_path/precious.txt, work/keep/."""
    work = tmp_path / "work"
    archive = work / "archive"
    archive.mkdir(parents=True)
    for name in (CHINESE, ENGLISH):
        shutil.copyfile(corpus_dir / name, archive / name)
    (tmp_path / "precious.txt").write_text("precious", encoding="utf-8")
    (work / "keep").mkdir()
    (work / "keep" / "index.html").write_text("mine", encoding="utf-8")
    return tmp_path, archive, work / "site"


def _outside(tmp_path: Path, site: Path) -> dict[str, bytes]:
    return {k: v for k, v in _tree(tmp_path).items() if not k.startswith(("work/site/", "work/archive/"))}


def test_redirect_lines_that_leave_the_site_are_refused_and_named(world):
    tmp_path, archive, site = world
    before = _outside(tmp_path, site)
    target = CHINESE[:-3]
    (archive / ".redirects").write_text(
        f"../../escaped\t{target}\n"
        f"../keep\t{target}\n"
        f"/tmp/absolute\t{target}\n"
        f"a/../../b\t{target}\n"
        f"speakers\t{target}\n"
        f"old-name\t{target}\n",
        encoding="utf-8",
    )
    report = build_site(archive, site, search=False)
    assert _outside(tmp_path, site) == before  # nothing written outside, nothing changed
    assert not (tmp_path.parent / "escaped").exists()
    for line in (1, 2, 3, 4, 5):
        assert any(w.startswith(f".redirects line {line}: ") for w in report.warnings), report.warnings
    assert (site / "old-name" / "index.html").is_file()  # the good line still works

    (archive / ".redirects").write_text("", encoding="utf-8")  # removing the lines later
    report = build_site(archive, site, search=False)
    assert _outside(tmp_path, site) == before  # deletes nothing outside either
    assert "old-name/index.html" in report.deleted


def test_an_edited_manifest_cannot_delete_outside_or_files_it_did_not_write(world):
    tmp_path, archive, site = world
    build_site(archive, site, search=False)
    precious = tmp_path / "precious.txt"
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    digest = hashlib.sha256(precious.read_bytes()).hexdigest()
    (site / "notes.txt").write_text("the user's own notes", encoding="utf-8")
    manifest["outputs"].update({
        "../../precious.txt": digest,
        str(precious): digest,
        "../keep/index.html": hashlib.sha256(b"mine").hexdigest(),
        "notes.txt": hashlib.sha256(b"something else").hexdigest(),
    })
    (site / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    before = _outside(tmp_path, site)

    report = build_site(archive, site, search=False)

    assert _outside(tmp_path, site) == before
    assert (site / "notes.txt").read_text(encoding="utf-8") == "the user's own notes"
    assert any("../../precious.txt" in w and "outside" in w for w in report.warnings)
    assert any("notes.txt" in w and "not deleted" in w for w in report.warnings)


def test_links_inside_the_site_folder_are_not_followed_out(world):
    tmp_path, archive, site = world
    build_site(archive, site, search=False)
    os.symlink(tmp_path / "work" / "keep", site / "escape")
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    manifest["outputs"]["escape/index.html"] = hashlib.sha256(b"mine").hexdigest()
    (site / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    (archive / ".redirects").write_text(f"escape\t{CHINESE[:-3]}\n", encoding="utf-8")

    report = build_site(archive, site, search=False)

    assert (tmp_path / "work" / "keep" / "index.html").read_text(encoding="utf-8") == "mine"
    assert any(w.startswith(".redirects line 1: 'escape'") for w in report.warnings)


def test_transcripts_whose_names_are_not_page_names_are_skipped_with_a_reason(world, corpus_dir):
    tmp_path, archive, site = world
    shutil.copyfile(corpus_dir / ENGLISH, archive / "speakers.md")
    shutil.copyfile(corpus_dir / ENGLISH, archive / "..md")
    shutil.copyfile(corpus_dir / ENGLISH, archive / "Meeting-notes.md")  # no date: still a page
    report = build_site(archive, site, search=False)
    assert sorted(s.split(":")[0] for s in report.skipped) == ["..md", "speakers.md"]
    assert (site / "Meeting-notes" / "index.html").is_file()
    assert "Meeting-notes/" in (site / "index.html").read_text(encoding="utf-8")
    assert not (site / "speakers" / "index.html").read_text(encoding="utf-8").startswith("# ")
