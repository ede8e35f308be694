"""An existing archive stays the public record: import, republish, correct, recover.

Real git in tmp folders with a bare remote; the sample corpus plus files carrying each
awkward shape of the real archive (no-date H1, no-break space, U+2011 hyphens, two H1s,
a typo'd H1 year, CRLF, NFD text, a committed symlink).
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import docx
import pytest
from archive_support import CORPUS_DIR
from click.testing import CliRunner
from publish_support import git, identify, make_meeting, state

from transcriber.archive.convert import archive_source, import_archive
from transcriber.archive.profile import load_profile
from transcriber.cli import cli
from transcriber.errors import TitleError
from transcriber.exports.formats import export_meeting
from transcriber.library.editing.editor import MeetingEditor
from transcriber.model import Bullet, BulletKind
from transcriber.publish.git import (
    NothingToPublish,
    PublishError,
    archive_meetings,
    publish_archive,
    publish_meeting,
    publish_meetings,
)
from transcriber.publish.review import send_for_review

# Each awkward shape the real archive has, as its own file.
AWKWARD = {
    "2019-12-24-Interview-with-Leen.md": "# 2019\u201112\u201124 Interview with Leen\n\n### Leen:\n\nHello.\n",
    "2020-03-01-No-break-space.md": "# 2020-03-01\u00a0No break space\n\n### 唐鳳：\n\n大家好。\n\n",
    "2020-03-02-無日期.md": "# 無日期的標題\n\n### 唐鳳：\n你好。\n",
    "2020-03-03-Two-H1s.md": "# 2020-03-03 Two H1s\n\n### A:\n\nfirst\n\n# 2020-03-03 Part two\n\n### A:\n\nsecond\n",
    "2015-11-07-課發會.md": "# 2025-11-07 課發會\n\n### 主席：\n開會。\n",
    "2020-03-04-CRLF.md": "# 2020-03-04 CRLF\r\n\r\n### Audrey Tang:\r\n\r\nWindows lines.\r\n",
    "2020-03-05-Café.md": unicodedata.normalize("NFD", "# 2020-03-05 Café\n\n### Renée:\n\nCafé crème.\n"),
    # Names the archive's validator grandfathers: U+2011 in the date, no date at all.
    "2019\u201112\u201125-Interview.md": "# 2019\u201112\u201125 Interview\n\n### Q:\n\nWhy?\n",
    "1999年全國司法改革會議.md": "# 1999年全國司法改革會議\n\n### 主席：\n\n開會。\n",
}
LINK = "2020-03-06-Link.md"


def make_archive(tmp_path: Path) -> tuple[Path, Path]:
    """A bare remote and its clone holding the sample corpus, the awkward files and a link."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(remote))
    archive = tmp_path / "archive"
    git(tmp_path, "clone", "--quiet", str(remote), str(archive))
    identify(archive)
    git(archive, "config", "core.autocrlf", "false")
    for path in CORPUS_DIR.iterdir():
        shutil.copyfile(path, archive / path.name)
    for name, text in AWKWARD.items():
        (archive / name).write_bytes(text.encode("utf-8"))
    (archive / LINK).symlink_to("2020-03-04-CRLF.md")
    (archive / "README").write_text("# Transcript\n\n## License\n\nCC0 1.0 Universal\n", encoding="utf-8")
    (archive / "AGENTS.md").write_text("# Agent Guide\n\nDo not introduce `〔〕`.\n", encoding="utf-8")
    git(archive, "add", ".")
    git(archive, "commit", "--quiet", "-m", "The archive")
    git(archive, "push", "--quiet", "-u", "origin", "main")
    return remote, archive


@pytest.fixture
def archive(tmp_path):
    return make_archive(tmp_path)


def remote_files(remote: Path) -> list[str]:
    return git(remote, "ls-tree", "--name-only", "main").splitlines()


def by_file(library, archive_root: Path) -> dict[str, int]:
    return {archive_source(library, m.id)[1]: m.id for m in library.meetings()}


def test_every_file_imports_and_republishing_changes_nothing(library, archive):
    remote, root = archive
    before = state(root)
    report = import_archive(library, root)
    names = by_file(library, root)
    assert report.problems == []
    assert set(names) == {p.name for p in CORPUS_DIR.glob("*.md")} | set(AWKWARD)
    assert LINK in {w.file for w in report.warnings}  # a link is never followed
    for meeting_id in names.values():
        with pytest.raises(NothingToPublish):
            publish_meeting(library, meeting_id, root, push=True)
    with pytest.raises(NothingToPublish):
        publish_archive(library, root, push=True)
    assert state(root) == before
    assert git(root, "status", "--porcelain") == ""
    assert git(remote, "rev-list", "--count", "main") == "1"


def test_a_correction_changes_one_line_and_never_the_name(library, archive):
    _, root = archive
    import_archive(library, root)
    names = by_file(library, root)
    typo = names["2015-11-07-課發會.md"]
    assert library.meeting(typo).date == "2015-11-07"  # the name's date, not the H1's typo
    assert library.meeting(names["2019\u201112\u201125-Interview.md"]).date == "2019-12-25"
    assert library.meeting(names["1999年全國司法改革會議.md"]).date == ""  # none in its name: none invented
    bullet = library.bullets(typo)[0]
    library.update_bullet(bullet.id, text="開會了。")
    crlf = names["2020-03-04-CRLF.md"]

    result = publish_meeting(library, typo, root)

    assert result.paths == ["2015-11-07-課發會.md"] and not result.renamed
    assert git(root, "log", "-1", "--format=%s") == "Correct 2015-11-07 課發會"
    assert git(root, "show", "--name-only", "--format=", "HEAD") == "2015-11-07-課發會.md"
    assert (root / "2015-11-07-課發會.md").read_text("utf-8") == "# 2025-11-07 課發會\n\n### 主席：\n開會了。\n"
    assert not (root / ".redirects").exists()
    with pytest.raises(NothingToPublish):
        publish_meeting(library, crlf, root)


def test_a_symlink_is_never_written_through(library, archive):
    _, root = archive
    meeting = make_meeting(library, "Link", "2020-03-06", [("Audrey Tang", "New words.")])
    library.db["meetings"].update(meeting, {"archive_file": LINK, "archive_root": str(root)})
    target = root / "2020-03-04-CRLF.md"
    target.write_bytes(target.read_bytes() + b"An uncommitted edit.\r\n")
    before = state(root)
    with pytest.raises(PublishError, match="symbolic link"):
        publish_meeting(library, meeting, root, now=True)
    assert state(root) == before


def test_stale_lock_and_control_characters_are_one_sentence(library, archive):
    _, root = archive
    runner = CliRunner()
    meeting = make_meeting(library, "Locked", "2024-01-02", [("Audrey Tang", "Hi.")])
    lock = root / ".git" / "index.lock"
    lock.write_text("")
    before = state(root)
    base = ["--library", str(library.path), "publish", "--archive", str(root), "--now"]
    locked = runner.invoke(cli, [*base, str(meeting)])
    assert locked.exit_code != 0 and "index.lock" in locked.stderr
    assert "Traceback" not in locked.output and locked.stderr.count("\n") == 1
    assert state(root) == before
    lock.unlink()
    # The library cleans titles as they are typed; one that reached it some other way
    # (an older library, a script) is still refused here.
    nul = make_meeting(library, "Bad title", "2024-01-03", [("Audrey Tang", "Hi.")])
    library.db["meetings"].update(nul, {"title": "Bad\x00title"})
    library.db.conn.commit()
    refused = runner.invoke(cli, [*base, str(nul)])
    assert refused.exit_code != 0 and "characters a reader cannot see (U+0000" in refused.stderr
    assert "Traceback" not in refused.output
    library.db["meetings"].update(nul, {"title": "Two\nlines\x07"})
    library.db.conn.commit()
    with pytest.raises(TitleError):
        publish_meeting(library, nul, root, now=True)
    assert state(root) == before


def test_new_files_follow_the_archive_profile(library, archive):
    _, root = archive
    meeting = make_meeting(library, "數位部會議", "2026-04-01",
                           [("唐鳳", "第一段。"), ("唐鳳", "第二段。"), ("?", "問題是什麼？")])
    secret = library.bullets(meeting)[1]
    library.update_bullet(secret.id, redacted=True)
    publish_meeting(library, meeting, root, now=True)
    text = (root / "2026-04-01-數位部會議.md").read_text("utf-8")
    # CC0 (README), paragraphs with a blank line after each label (the newest files),
    # and no 〔〕, which the archive's AGENTS.md forbids.
    assert "creativecommons.org/licenses/by" not in text
    assert "〔" not in text and "〕" not in text
    assert "### 唐鳳：\n\n第一段。\n\n（已遮蔽）\n\n### 問：\n\n問題是什麼？\n" in text
    assert git(root, "log", "-1", "--format=%s") == "Add 2026-04-01 數位部會議"
    # The library now says what the file says, for exports and the next publication.
    assert (library.meeting(meeting).licence, library.meeting(meeting).style) == (
        "CC0-1.0", "paragraphs")


def test_a_licence_the_editor_chose_is_published_and_kept(library, archive):
    """In a CC0 archive, a new meeting whose editor chose CC BY 4.0 in its header is
    published under CC BY 4.0, and the library keeps that choice; a meeting whose licence
    nobody chose follows the archive."""
    _, root = archive  # CC0 by its README
    chosen = make_meeting(library, "Chosen licence", "2026-04-05", [("Audrey Tang", "Hello.")])
    left = make_meeting(library, "Archive licence", "2026-04-06", [("Audrey Tang", "Hi.")])
    MeetingEditor(library, chosen).update_meeting_header(licence="CC-BY-4.0")
    publish_meeting(library, chosen, root, now=True)
    publish_meeting(library, left, root, now=True)
    text = (root / "2026-04-05-Chosen-licence.md").read_text("utf-8")
    assert "[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.en)" in text
    assert library.meeting(chosen).licence == "CC-BY-4.0"
    assert "License: CC BY 4.0" in export_meeting(library, chosen, "txt")
    assert "creativecommons" not in (root / "2026-04-06-Archive-licence.md").read_text("utf-8")
    assert library.meeting(left).licence == "CC0-1.0"
    with pytest.raises(NothingToPublish):  # the published file is what the library says
        publish_meeting(library, chosen, root, now=True)


def test_exports_of_a_new_meeting_say_what_its_archive_will_publish(library, archive, tmp_path):
    """Before its first publication, a new meeting's exports and review copy carry the
    licence and the redaction marker its archive file will have (CC0, no 〔〕)."""
    _, root = archive
    meeting = make_meeting(library, "數位部會議", "2026-04-07",
                           [("唐鳳", "第一段很長的一段話。"), ("唐鳳", "第二段。")])
    editor = MeetingEditor(library, meeting)
    editor.redact(library.bullets(meeting)[0].id, 0, 3)
    editor.redact(library.bullets(meeting)[1].id)
    profile = load_profile(root)
    for fmt in ("txt", "json", "docx", "akn"):
        text = _export_text(export_meeting(library, meeting, fmt, profile), fmt)
        assert "CC BY" not in text and "CC-BY" not in text, fmt
        assert "CC0" in text or fmt == "akn", fmt  # Akoma Ntoso carries no licence
        assert "〔" not in text and "（已遮蔽）很長的一段話。" in text, fmt
    copy = send_for_review(library, meeting, tmp_path / "review", archive=root)
    text = _export_text(copy.docx_path.read_bytes(), "docx")
    assert "CC BY" not in text and "CC0" in text and "〔" not in text
    html = copy.html_path.read_text("utf-8")
    assert "licenses/by" not in html and "〔" not in html
    published = publish_meeting(library, meeting, root, now=True)
    assert "（已遮蔽）很長的一段話。" in (root / published.paths[0]).read_text("utf-8")


def _export_text(data: str | bytes, fmt: str) -> str:
    if fmt == "docx":
        return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    return data.decode("utf-8") if isinstance(data, bytes) else data


def test_a_new_archive_gets_cc_by_and_bullets(library, tmp_path):
    root = tmp_path / "fresh"
    git(tmp_path, "init", "--quiet", "--initial-branch=main", str(root))
    identify(root)
    meeting = make_meeting(library, "First meeting", "2026-04-02", [("Audrey Tang", "Hello.")])
    publish_meeting(library, meeting, root, now=True)
    text = (root / "2026-04-02-First-meeting.md").read_text("utf-8")
    assert "[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.en)" in text
    assert "### Audrey Tang:\n* Hello.\n" in text
    # The editor can still choose per meeting.
    chosen = make_meeting(library, "Second meeting", "2026-04-03", [("Audrey Tang", "Hi.")],
                          licence="CC0-1.0", style="paragraphs")
    publish_meeting(library, chosen, root, now=True)
    text = (root / "2026-04-03-Second-meeting.md").read_text("utf-8")
    assert "[CC0 1.0](https://creativecommons.org/publicdomain/zero/1.0/deed.en)" in text
    assert "### Audrey Tang:\nHi.\n" in text


def test_unfilled_gaps_are_never_published_and_warned(library, archive):
    _, root = archive
    meeting = make_meeting(library, "Gappy", "2026-04-03", [("Audrey Tang", "Before the gap.")])
    library.append_bullets(meeting, [
        Bullet(None, meeting, 0, "", start=10.0, end=20.0, flagged=True,
               flag_reason="No words were heard here.", extra={"gap": True},
               speaker_id=library.bullets(meeting)[0].speaker_id),
        Bullet(None, meeting, 0, "After the gap.", kind=BulletKind.SPEECH,
               speaker_id=library.bullets(meeting)[0].speaker_id),
        Bullet(None, meeting, 0, "", kind=BulletKind.OTHER_SIDE, flagged=True,
               flag_reason="No words were heard here.", extra={"gap": True}),
    ])
    result = CliRunner().invoke(cli, ["--library", str(library.path), "publish", str(meeting),
                                      "--archive", str(root), "--now"])
    assert result.exit_code == 0, result.output
    assert "2 stretches of speech still without text were left out" in result.stderr
    text = (root / "2026-04-03-Gappy.md").read_text("utf-8")
    assert text.endswith("### Audrey Tang:\n\nBefore the gap.\n\nAfter the gap.\n")
    for fmt in ("txt", "srt", "vtt", "json", "akn"):
        exported = export_meeting(library, meeting, fmt)
        exported = exported.decode() if isinstance(exported, bytes) else exported
        assert "speaks" not in exported and "No words were heard" not in exported, fmt


def test_publish_all_commits_only_the_edited_meetings(library, archive):
    remote, root = archive
    import_archive(library, root)
    names = by_file(library, root)
    edited = ["2020-03-01-No-break-space.md", "2020-03-03-Two-H1s.md"]
    for name in edited:
        bullet = library.bullets(names[name])[0]
        library.update_bullet(bullet.id, text=bullet.text + "（更正）")
    assert sorted(archive_meetings(library, root, changed_only=True)) == sorted(
        names[name] for name in edited)
    result = publish_archive(library, root, changed_only=True, push=True)
    assert sorted(result.paths) == edited and result.pushed
    assert sorted(git(root, "show", "--name-only", "--format=", "HEAD").splitlines()) == edited
    assert git(root, "log", "-1", "--format=%s") == "Correct 2 transcripts"
    assert git(root, "status", "--porcelain") == ""
    # One commit per meeting on request.
    for name in edited:
        bullet = library.bullets(names[name])[0]
        library.update_bullet(bullet.id, text=bullet.text + "！")
    publish_archive(library, root, commit_per_meeting=True, push=True)
    assert git(remote, "log", "-2", "--format=%s", "main").splitlines() == [
        "Correct 2020-03-03 Two H1s", "Correct 2020-03-01 No break space"]


def test_a_pair_already_paired_elsewhere_is_refused(library, archive):
    _, root = archive
    import_archive(library, root)
    names = by_file(library, root)
    english = names["2026-03-24-Why-Audrey-Tang-Has-No-Fear-for-AI-Agents-and-the-OpenClaw.md"]
    other = names["2020-03-02-無日期.md"]
    before = state(root)
    with pytest.raises(PublishError, match="one pair only"):
        publish_meetings(library, [other, english], root)
    assert state(root) == before
    # Two published files that are not paired yet: one line, English first, nothing else.
    zh, en = names["2020-03-01-No-break-space.md"], names["2019-12-24-Interview-with-Leen.md"]
    publish_meetings(library, [zh, en], root)
    assert git(root, "show", "--name-only", "--format=%s", "HEAD").splitlines() == [
        "Pair 2020-03-01 No break space / 2019-12-24 Interview with Leen", "", ".alternates"]
    assert (root / ".alternates").read_text("utf-8").endswith(
        "2019-12-24-Interview-with-Leen.md\t2020-03-01-No-break-space.md\n")


def _slow_hook(remote: Path, marker: Path) -> None:
    hook = remote / "hooks" / "pre-receive"
    hook.write_text(f"#!/bin/sh\ntouch '{marker}'\nsleep 30\nexit 0\n")
    hook.chmod(0o755)


def test_a_publish_killed_during_the_push_is_finished_by_the_retry(library, archive, tmp_path):
    remote, root = archive
    meeting = make_meeting(library, "JFK", "2024-06-01", [("Audrey Tang", "Ask not.")])
    library.close()
    marker = tmp_path / "hook-started"
    _slow_hook(remote, marker)
    env = {**os.environ, "TRANSCRIBER_LIBRARY": str(library.path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "transcriber", "publish", str(meeting), "--archive", str(root),
         "--push", "--now"],
        env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert marker.exists(), "the push never reached the remote's hook"
    os.killpg(process.pid, signal.SIGKILL)  # the app, git push and the remote's hook
    process.wait()
    (remote / "hooks" / "pre-receive").unlink()

    result = publish_meeting(library, meeting, root, push=True, now=True)

    assert result.pushed and result.paths == ["2024-06-01-JFK.md"]
    assert [n for n in remote_files(remote) if "JFK" in n] == ["2024-06-01-JFK.md"]
    assert git(root, "for-each-ref", "refs/transcriber") == ""
    assert git(root, "status", "--porcelain") == ""
    assert library.publications(meeting)[-1]["commit_sha"] == git(remote, "rev-parse", "main")
    with pytest.raises(NothingToPublish):
        publish_meeting(library, meeting, root, push=True)


def test_a_retry_finds_its_commit_already_on_the_remote(library, archive):
    remote, root = archive
    meeting = make_meeting(library, "JFK", "2024-06-01", [("Audrey Tang", "Ask not.")])
    first = publish_meeting(library, meeting, root, push=True, now=True)
    # As if the app died after the remote took the push but before it recorded anything,
    # and the local commit was undone.
    git(root, "reset", "--quiet", "--hard", "HEAD~1")
    library.db.execute("DELETE FROM publications")
    library.db["meetings"].update(meeting, {"archive_file": None, "archive_root": None,
                                            "slug": None, "status": "draft"})
    library.db.conn.commit()

    result = publish_meeting(library, meeting, root, push=True, now=True)

    assert result.commit_sha == first.commit_sha
    assert [n for n in remote_files(remote) if "JFK" in n] == ["2024-06-01-JFK.md"]
    assert git(root, "rev-parse", "HEAD") == first.commit_sha
    assert library.publications(meeting)[-1]["commit_sha"] == first.commit_sha


def test_cli_publish_all_and_rename(library, archive):
    remote, root = archive
    import_archive(library, root)
    runner = CliRunner()
    base = ["--library", str(library.path), "publish", "--archive", str(root)]
    nothing = runner.invoke(cli, [*base, "--all", "--changed", "--push"])
    assert nothing.exit_code == 0 and "Nothing changed" in nothing.stdout
    meeting = by_file(library, root)["2015-11-07-課發會.md"]
    library.update_meeting(meeting, title="課程發展委員會")
    kept = runner.invoke(cli, [*base, "--all", "--changed", "--push"])
    assert kept.exit_code == 0, kept.output
    assert "2015-11-07-課發會.md" in kept.stdout and "Renamed" not in kept.stdout
    renamed = runner.invoke(cli, [*base, str(meeting), "--rename", "--push"])
    assert renamed.exit_code == 0, renamed.output
    assert "Renamed 2015-11-07-課發會.md -> 2015-11-07-課程發展委員會.md" in renamed.stdout
    assert git(remote, "show", "main:.redirects") == "2015-11-07-課發會\t2015-11-07-課程發展委員會"
    assert git(root, "log", "-1", "--format=%s") == (
        "Rename 2015-11-07-課發會.md to 2015-11-07-課程發展委員會.md")


def test_a_retry_after_the_push_but_before_the_record_only_records(library, archive):
    remote, root = archive
    meeting = make_meeting(library, "JFK", "2024-06-01", [("Audrey Tang", "Ask not.")])
    first = publish_meeting(library, meeting, root, push=True, now=True)
    library.db.execute("DELETE FROM publications")
    library.db["meetings"].update(meeting, {"archive_file": None, "slug": None, "status": "draft"})
    library.db.conn.commit()

    result = publish_meeting(library, meeting, root, push=True, now=True)

    assert result.commit_sha == first.commit_sha == git(remote, "rev-parse", "main")
    assert [n for n in remote_files(remote) if "JFK" in n] == ["2024-06-01-JFK.md"]
    assert library.meeting(meeting).status == "published"


def test_a_file_a_colleague_changed_is_never_undone(library, archive, tmp_path):
    remote, root = archive
    import_archive(library, root)
    names = by_file(library, root)
    colleague = tmp_path / "colleague"
    git(tmp_path, "clone", "--quiet", str(remote), str(colleague))
    identify(colleague, "Colleague", "colleague@example.org")
    theirs = colleague / "2020-03-02-無日期.md"
    theirs.write_text(theirs.read_text("utf-8").replace("你好。", "大家好。"), encoding="utf-8")
    git(colleague, "commit", "--quiet", "-am", "Correct a greeting")
    git(colleague, "push", "--quiet")
    git(root, "pull", "--quiet")

    with pytest.raises(NothingToPublish):  # unchanged here: nothing of ours to publish
        publish_meeting(library, names["2020-03-02-無日期.md"], root)
    mine = names["2020-03-03-Two-H1s.md"]
    library.update_bullet(library.bullets(mine)[0].id, text="first, corrected")
    result = publish_archive(library, root, push=True)
    assert result.paths == ["2020-03-03-Two-H1s.md"]
    assert "2020-03-02-無日期.md" in result.warning
    assert "大家好。" in (root / "2020-03-02-無日期.md").read_text("utf-8")
    stale = names["2020-03-02-無日期.md"]
    library.update_bullet(library.bullets(stale)[0].id, text="各位好。")
    before = state(root)
    with pytest.raises(PublishError, match="changed in the archive"):
        publish_meeting(library, stale, root, push=True)
    assert state(root) == before
