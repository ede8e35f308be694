"""The archive profile: what new files of an archive look like, detected or configured."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from archive_support import CORPUS_DIR
from click.testing import CliRunner

from transcriber.archive.profile import ProfileError, is_maintainer_document, load_profile
from transcriber.cli import cli
from transcriber.model import Licence, Style


def corpus_archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(CORPUS_DIR, root)
    for path in root.iterdir():
        path.chmod(0o644)
    return root


def test_new_archive_gets_cc_by_and_bullets(tmp_path):
    profile = load_profile(tmp_path)
    assert profile.licence == Licence.CC_BY_4
    assert profile.style == Style.BULLETS
    assert not profile.blank_after_label


def test_corpus_archive_follows_readme_agents_and_recent_files(tmp_path):
    root = corpus_archive(tmp_path)
    (root / "README").write_text(
        "# Transcript\n\nPublic transcripts, CC BY in 2016.\n\n## License\n\n"
        "[CC0 1.0 Universal](https://creativecommons.org/publicdomain/zero/1.0/)\n",
        encoding="utf-8",
    )
    (root / "AGENTS.md").write_text(
        "# Agent Guide\n\n- Do not introduce `〔〕`: no root file uses it.\n", encoding="utf-8"
    )
    profile = load_profile(root)
    assert profile.licence == Licence.CC0
    # The three newest sample files put a blank line after each label; older ones do not.
    assert profile.style == Style.PARAGRAPHS and profile.blank_after_label
    assert "〔" not in profile.redaction_marker and "〕" not in profile.redaction_marker
    assert "〔" not in profile.redaction_marker_for("en")
    assert profile.question_label == "問"
    assert profile.title == "Transcript"


def test_config_file_overrides_detection(tmp_path):
    root = corpus_archive(tmp_path)
    (root / ".transcriber.toml").write_text(
        'licence = "CC0-1.0"\nstyle = "bullets"\nblank_after_label = false\n'
        'redaction_marker = "（略）"\nquestion_label = "提問"\n'
        'grandfathered = ["1999年全國司法改革會議.md"]\n[aliases]\n"Audrey" = "唐鳳"\n',
        encoding="utf-8",
    )
    profile = load_profile(root)
    assert (profile.licence, profile.style, profile.blank_after_label) == (
        Licence.CC0, Style.BULLETS, False,
    )
    assert profile.redaction_marker == "（略）" and profile.question_label == "提問"
    assert "1999年全國司法改革會議.md" in profile.grandfathered
    assert profile.canonical_speaker("Audrey") == "唐鳳"


def test_bad_config_is_one_sentence(tmp_path):
    (tmp_path / ".transcriber.toml").write_text('style = "poems"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="poems"):
        load_profile(tmp_path)
    result = CliRunner().invoke(cli, ["archive", "profile", str(tmp_path)])
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_profile_command_prints_each_setting(tmp_path):
    root = corpus_archive(tmp_path)
    result = CliRunner().invoke(cli, ["archive", "profile", str(root)])
    assert result.exit_code == 0, result.output
    assert "style\tparagraphs\t(recent transcripts)" in result.output
    assert "licence\tCC-BY-4.0" in result.output


def test_maintainer_documents_are_not_transcripts():
    for name in ("README.md", "AGENTS.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "CLAUDE.md"):
        assert is_maintainer_document(name)
    for name in ("2017-01-06-蔡曜隆來訪.md", "1999年全國司法改革會議.md"):
        assert not is_maintainer_document(name)
