"""Publishing a meeting into a real git archive, with a real bare remote."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from publish_support import git, identify, make_meeting, remote_and_clones, state

from transcriber.cli import cli
from transcriber.errors import TitleError
from transcriber.model import MeetingStatus
from transcriber.publish.git import (
    NothingToPublish,
    PublishError,
    PushConflict,
    publish_meeting,
    publish_meetings,
)

TITLE, DATE = "數位部會議", "2024-05-01"
FILE = f"{DATE}-{TITLE}.md"


@pytest.fixture
def repos(tmp_path):
    return remote_and_clones(tmp_path)


@pytest.fixture
def meeting(library):
    return make_meeting(library, TITLE, DATE, [("?", "請問開放資料的進度？"), ("唐鳳", "我們已經完成第一階段。")])


def changed_files(repo, rev="HEAD") -> list[str]:
    return git(repo, "show", "--no-renames", "--name-only", "--format=", rev).splitlines()


def test_publish_commits_only_the_transcript_and_records_it(library, repos, meeting):
    _, archive, _ = repos
    # The user's own work in progress: an edit, a staged file, an untracked recording.
    (archive / "README.md").write_text("# Transcripts, edited\n", encoding="utf-8")
    (archive / "notes.md").write_text("staged notes\n", encoding="utf-8")
    git(archive, "add", "notes.md")
    (archive / "interview.wav").write_bytes(b"RIFF0000WAVE")
    before_status = git(archive, "status", "--porcelain")

    result = publish_meeting(library, meeting, archive, now=True)

    assert changed_files(archive) == [FILE]
    message = git(archive, "log", "-1", "--format=%s")
    assert TITLE in message and DATE in message
    assert "### 唐鳳：" in (archive / FILE).read_text(encoding="utf-8")
    assert git(archive, "status", "--porcelain") == before_status  # still edited, staged, untracked
    assert result.commit_sha == git(archive, "rev-parse", "HEAD") and not result.pushed
    [publication] = library.publications(meeting)
    assert (publication["commit_sha"], publication["path"]) == (result.commit_sha, FILE)
    assert library.meeting(meeting).status == MeetingStatus.PUBLISHED


def test_republishing_an_edit_is_one_commit_touching_only_that_file(library, repos, meeting):
    _, archive, _ = repos
    other = make_meeting(library, "Another meeting", "2024-04-01", [("Audrey Tang", "Unrelated.")])
    publish_meeting(library, other, archive, now=True)
    first = publish_meeting(library, meeting, archive, now=True)
    bullet = library.bullets(meeting)[1]
    library.update_bullet(bullet.id, text="我們已經完成第二階段。")

    second = publish_meeting(library, meeting, archive)  # already published: no review wait

    assert second.commit_sha != first.commit_sha
    assert changed_files(archive) == [FILE]
    diff = git(archive, "diff", "--unified=0", f"{first.commit_sha}..{second.commit_sha}")
    assert "-* 我們已經完成第一階段。" in diff and "+* 我們已經完成第二階段。" in diff
    assert git(archive, "log", "-1", "--format=%s").startswith("Correct ")
    with pytest.raises(NothingToPublish, match="Nothing changed"):
        publish_meeting(library, meeting, archive)
    assert git(archive, "rev-parse", "HEAD") == second.commit_sha  # no empty commit


def test_a_new_title_renames_only_on_request_and_keeps_a_redirect(library, repos, meeting):
    _, archive, _ = repos
    publish_meeting(library, meeting, archive, now=True)
    library.update_meeting(meeting, title="數位部第一次會議")

    kept = publish_meeting(library, meeting, archive)  # the name is the record's URL
    assert changed_files(archive) == [FILE] and not kept.renamed
    assert git(archive, "log", "-1", "--format=%s") == f"Correct {DATE} 數位部第一次會議"

    result = publish_meeting(library, meeting, archive, rename=True)

    new_file = f"{DATE}-數位部第一次會議.md"
    assert sorted(changed_files(archive)) == sorted([".redirects", FILE, new_file])
    assert not (archive / FILE).exists() and (archive / new_file).is_file()
    assert (archive / ".redirects").read_text(encoding="utf-8") == f"{FILE[:-3]}\t{new_file[:-3]}\n"
    assert result.renamed == {FILE: new_file}
    assert git(archive, "log", "-1", "--format=%s") == f"Rename {FILE} to {new_file}"
    assert library.meeting(meeting).slug == new_file[:-3]


@pytest.mark.parametrize("english_first", [True, False])
def test_a_bilingual_pair_is_listed_in_alternates_english_first(library, repos, meeting,
                                                                 english_first):
    _, archive, _ = repos
    english = make_meeting(library, "Meeting at moda", DATE, [("Audrey Tang", "We finished phase one.")])
    order = [english, meeting] if english_first else [meeting, english]
    publish_meetings(library, order, archive, now=True)
    english_file = f"{DATE}-Meeting-at-moda.md"
    assert (archive / ".alternates").read_text(encoding="utf-8") == f"{english_file}\t{FILE}\n"
    assert sorted(changed_files(archive)) == sorted([".alternates", english_file, FILE])


def test_push_after_someone_else_pushed_rebases_and_retries(library, repos, meeting):
    remote, archive, colleague = repos
    (colleague / "2024-04-30-Their-meeting.md").write_text("# 2024-04-30 Their meeting\n", encoding="utf-8")
    git(colleague, "add", ".")
    git(colleague, "commit", "--quiet", "-m", "Their meeting")
    git(colleague, "push", "--quiet")
    (archive / "draft.txt").write_text("the user's own untracked file\n", encoding="utf-8")

    result = publish_meeting(library, meeting, archive, push=True, now=True)

    assert result.pushed and result.retried
    remote_head = git(remote, "rev-parse", "main")
    assert result.warning == ""
    assert result.commit_sha == remote_head
    assert git(archive, "rev-parse", "HEAD") == remote_head
    assert git(remote, "log", "--format=%s", "main").splitlines()[:2] == [
        f"Add {DATE} {TITLE}", "Their meeting"]
    assert (archive / "draft.txt").is_file() and (archive / "2024-04-30-Their-meeting.md").is_file()
    assert library.publications(meeting)[-1]["commit_sha"] == remote_head
    assert library.publications(meeting)[-1]["remote"] == "origin"


def test_a_conflicting_push_leaves_library_and_archive_as_they_were(library, repos, meeting):
    remote, archive, colleague = repos
    publish_meeting(library, meeting, archive, push=True, now=True)
    # A colleague fixes the same line and pushes first.
    git(colleague, "pull", "--quiet")
    path = colleague / FILE
    path.write_text(path.read_text(encoding="utf-8").replace("第一階段", "第 1 階段"), encoding="utf-8")
    git(colleague, "commit", "--quiet", "-am", "Fix a number")
    git(colleague, "push", "--quiet")
    library.update_bullet(library.bullets(meeting)[1].id, text="我們已經完成第二階段。")
    (archive / "README.md").write_text("# Transcripts, being edited\n", encoding="utf-8")
    archive_before = state(archive)
    meeting_before = library.meeting(meeting)
    remote_before = git(remote, "rev-parse", "main")

    with pytest.raises(PushConflict) as caught:
        publish_meeting(library, meeting, archive, push=True)

    assert FILE in caught.value.message and "git pull" in caught.value.message
    assert state(archive) == archive_before
    assert git(archive, "worktree", "list").count("\n") == 0  # the scratch worktree is gone
    assert library.meeting(meeting) == meeting_before
    assert len(library.publications(meeting)) == 1
    assert git(remote, "rev-parse", "main") == remote_before


def test_bad_archives_and_remotes_are_refused_with_a_reason(library, repos, meeting, tmp_path):
    _, archive, _ = repos
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(PublishError, match="not a git repository"):
        publish_meeting(library, meeting, plain, now=True)
    with pytest.raises(PublishError, match="no remote called 'upstream'"):
        publish_meeting(library, meeting, archive, push=True, remote="upstream", now=True)
    bad = make_meeting(library, "???", DATE, [("Audrey Tang", "Hi.")])
    with pytest.raises(TitleError):
        publish_meeting(library, bad, archive, now=True)
    device = make_meeting(library, "CON", DATE, [("Audrey Tang", "Hi.")])
    with pytest.raises(TitleError):
        publish_meeting(library, device, archive, now=True)
    (archive / FILE).write_text("someone's hand edit\n", encoding="utf-8")
    with pytest.raises(PublishError, match="uncommitted changes"):
        publish_meeting(library, meeting, archive, now=True)
    assert (archive / FILE).read_text(encoding="utf-8") == "someone's hand edit\n"
    assert git(archive, "log", "--format=%s") == "Start the archive"
    assert library.meeting(meeting).status == MeetingStatus.DRAFT and not library.publications(meeting)


def test_a_refused_push_undoes_the_local_commit(library, repos, meeting):
    remote, archive, _ = repos
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'archive is frozen' >&2\nexit 1\n")
    hook.chmod(0o755)
    before = state(archive)
    with pytest.raises(PublishError, match="refused the push"):
        publish_meeting(library, meeting, archive, push=True, now=True)
    assert state(archive) == before
    assert library.meeting(meeting).status == MeetingStatus.DRAFT


def test_publishing_without_a_git_identity_uses_a_fallback(library, tmp_path, meeting, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    archive = tmp_path / "fresh"
    git(tmp_path, "init", "--quiet", "--initial-branch=main", str(archive))
    publish_meeting(library, meeting, archive, now=True)  # the very first commit of the archive
    assert git(archive, "log", "-1", "--format=%an <%ae>") == "transcriber <transcriber@localhost>"
    identify(archive, "Real Editor", "real@example.org")
    library.update_bullet(library.bullets(meeting)[0].id, text="請問開放資料的最新進度？")
    publish_meeting(library, meeting, archive)
    assert git(archive, "log", "-1", "--format=%an") == "Real Editor"


def test_cli_publish_reports_and_refuses(library, repos, meeting):
    _, archive, _ = repos
    runner = CliRunner()
    base = ["--library", str(library.path), "publish", str(meeting), "--archive", str(archive)]
    refused = runner.invoke(cli, base)
    assert refused.exit_code != 0 and "Error: " in refused.stderr and "review" in refused.stderr
    library.update_meeting(meeting, status=MeetingStatus.REVIEW.value,
                           review_deadline=(dt.date.today() - dt.timedelta(days=1)).isoformat())
    done = runner.invoke(cli, [*base, "--push"])
    assert done.exit_code == 0, done.output
    assert FILE in done.stdout and "pushed to origin" in done.stdout


def test_publish_refuses_what_the_archive_rules_reject(library, repos):
    remote, archive, _ = repos
    (archive / "AGENTS.md").write_text("Do not introduce `〔〕`: no root file uses it.\n", encoding="utf-8")
    git(archive, "add", "AGENTS.md")
    git(archive, "commit", "--quiet", "-m", "Rules")
    marked = make_meeting(library, "標記", "2024-05-02", [("唐鳳", "〔笑〕好。")])
    before = state(archive)
    with pytest.raises(PublishError, match="rules reject this publication .*〔〕, which AGENTS.md forbids"):
        publish_meeting(library, marked, archive, now=True)
    assert state(archive) == before


@pytest.mark.parametrize("title", ["Open\u202egpj.exe", "Open\u200bData", "Open\ufeffData",
                                   "Open\u2066Data\u2069"])
def test_a_title_with_characters_a_reader_cannot_see_is_refused_in_one_sentence(library, repos,
                                                                                 title):
    _, archive, _ = repos
    hidden = make_meeting(library, title, DATE, [("Audrey Tang", "Hi.")])
    before = state(archive)
    result = CliRunner().invoke(cli, ["--library", str(library.path), "publish", str(hidden),
                                      "--archive", str(archive), "--now"])
    assert result.exit_code != 0 and "Traceback" not in result.output
    code = next(f"U+{ord(c):04X}" for c in title if not c.isalnum() and c not in ".")
    assert f"characters a reader cannot see ({code}" in result.stderr
    assert result.stderr.count("\n") == 1
    assert state(archive) == before


@pytest.mark.parametrize("code", [0x00AD, 0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x180B, 0x180E,
                                  0x180F, 0xFE00, 0xFE0F, 0xE0001, 0xE0041, 0xE0100, 0xE0FFF, 0x2064,
                                  0xFFF9, 0x1D173], ids=lambda code: f"U+{code:04X}")
def test_a_title_with_a_default_ignorable_character_is_refused_in_one_sentence(library, repos, code):
    _, archive, _ = repos
    hidden = make_meeting(library, f"Open{chr(code)}Data", DATE, [("Audrey Tang", "Hi.")])
    before = state(archive)
    result = CliRunner().invoke(cli, ["--library", str(library.path), "publish", str(hidden),
                                      "--archive", str(archive), "--now"])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert f"characters a reader cannot see (U+{code:04X}:" in result.stderr
    assert result.stderr.count("\n") == 1
    assert state(archive) == before
    assert library.publications(hidden) == []


def test_commits_follow_the_archives_own_convention(library, repos, meeting):
    remote, archive, _ = repos
    for number in (1, 2, 3):
        (archive / f"2024-04-0{number}-Old.md").write_text(f"# 2024-04-0{number} Old\n", encoding="utf-8")
        git(archive, "add", ".")
        git(archive, "commit", "--quiet", "-m", f"docs(transcript): add 2024-04-0{number} Old")
    from transcriber.archive.profile import load_profile

    assert ("commit_prefix", "docs(transcript): ", "git history") in load_profile(archive).describe()
    publish_meeting(library, meeting, archive, push=True, now=True)
    assert git(remote, "log", "-1", "--format=%s", "main") == f"docs(transcript): add {DATE} {TITLE}"
    (archive / ".transcriber.toml").write_text('commit_prefix = ""\n', encoding="utf-8")
    assert load_profile(archive).commit_prefix == ""


def test_cli_publish_all_names_each_file_on_its_own_line(library, repos):
    _, archive, _ = repos
    ids = [make_meeting(library, f"會議{n}", f"2024-05-0{n}", [("唐鳳", "好。")]) for n in (1, 2, 3)]
    publish_meetings(library, ids[:1], archive, now=True)
    for meeting_id in ids[1:]:
        publish_meeting(library, meeting_id, archive, now=True)
    for meeting_id in ids:
        library.update_bullet(library.bullets(meeting_id)[0].id, text="很好。")
    result = CliRunner().invoke(cli, ["--library", str(library.path), "publish", "--all",
                                      "--archive", str(archive)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Published 3 files as ") and lines[0].endswith(":")
    assert lines[1:] == [f"  2024-05-0{n}-會議{n}.md" for n in (1, 2, 3)]


def test_publishing_again_with_push_pushes_and_records_the_earlier_commit(library, repos, meeting):
    remote, archive, _ = repos
    local = publish_meeting(library, meeting, archive, now=True)
    assert not local.pushed and library.publications(meeting)[-1]["remote"] is None

    pushed = publish_meeting(library, meeting, archive, push=True, now=True)

    assert pushed.pushed and pushed.paths == [FILE] and pushed.commit_sha == local.commit_sha
    assert git(remote, "rev-parse", "main") == local.commit_sha
    assert library.publications(meeting)[-1]["remote"] == "origin"
    with pytest.raises(NothingToPublish):
        publish_meeting(library, meeting, archive, push=True, now=True)


def test_a_correction_of_an_old_file_is_not_refused_for_what_it_already_had(library, repos):
    from transcriber.archive.convert import import_archive

    remote, archive, _ = repos
    old = "2015-01-02-舊檔.md"
    (archive / old).write_text("# 2015-01-02 舊檔\n\n### 唐鳳：\n第一段。 \n\n第二段。\n", encoding="utf-8")
    git(archive, "add", old)
    git(archive, "commit", "--quiet", "-m", "An old file with a trailing space")
    meeting = import_archive(library, archive).meetings[0].id
    library.update_bullet(library.bullets(meeting)[-1].id, text="第二段，更正。")

    publish_meeting(library, meeting, archive, push=True, now=True)

    assert git(remote, "show", f"main:{old}").splitlines()[3:] == ["第一段。 ", "", "第二段，更正。"]
