"""``archive import``: an existing archive into the library, and back out unchanged."""

from __future__ import annotations

import difflib
import random
import shutil
import unicodedata

import pytest
from archive_support import CORPUS_FILES, mutated
from click.testing import CliRunner

from transcriber.archive.convert import (
    ArchiveError,
    archive_name,
    archive_source,
    import_archive,
    import_file,
    meeting_markdown,
)
from transcriber.cli import cli
from transcriber.model import BulletKind

AILSA = "2020-10-08-Interview-with-Ailsa-Chang.md"
TEA = "2021-01-07-臺灣茶風味輪案-會前會.md"


def _changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


@pytest.fixture(scope="module")
def imported(tmp_path_factory, corpus_dir):
    """The whole corpus sample imported once (the module's tests only read it)."""
    from transcriber.library.store import Library

    library = Library(tmp_path_factory.mktemp("library"))
    report = import_archive(library, corpus_dir)
    yield library, report
    library.close()


def test_every_corpus_file_becomes_a_meeting(imported, corpus_dir):
    library, report = imported
    assert report.problems == [] and report.skipped == []
    assert len(report.meetings) == len(list(corpus_dir.glob("*.md")))
    by_file = {archive_source(library, m.id)[1]: m for m in report.meetings}
    ailsa = by_file[AILSA]
    assert (ailsa.title, ailsa.date, ailsa.language, ailsa.status) == (
        "Interview with Ailsa Chang",
        "2020-10-08",
        "en",
        "published",
    )
    assert archive_source(library, ailsa.id) == (str(corpus_dir.resolve()), AILSA)
    assert [s.name for s in library.speakers(ailsa.id)] == ["Audrey Tang"]
    kinds = [b.kind for b in library.bullets(ailsa.id)]
    assert kinds.count(BulletKind.OTHER_SIDE) == 17 and kinds[1] == BulletKind.OTHER_SIDE
    tea = by_file[TEA]
    assert tea.language == "zh" and tea.style == "bullets"
    first_list_item = next(
        b for b in library.bullets(tea.id) if b.source and b.source.startswith("*")
    )
    assert (
        first_list_item.source == "*   **唐鳳政委辦公室** 黃子維 賴致翔 詹壹雯 蔡玉琪 許恩恩 張皓婷"
    )
    assert first_list_item.text == "**唐鳳政委辦公室** 黃子維 賴致翔 詹壹雯 蔡玉琪 許恩恩 張皓婷"
    questions = [
        b
        for b in library.bullets(by_file["2021-11-03-健保署啟舜訪問.md"].id)
        if b.kind == BulletKind.QUESTION
    ]
    assert questions and questions[0].text == "單一認證或多元認證必要性？"


def test_republishing_an_unedited_import_gives_the_same_bytes(imported, corpus_dir):
    library, report = imported
    for meeting in report.meetings:
        name = archive_source(library, meeting.id)[1]
        assert (
            meeting_markdown(library, meeting.id).encode("utf-8")
            == (corpus_dir / name).read_bytes()
        ), name
        assert archive_name(library, meeting.id) == name


def test_an_import_keeps_its_file_name_even_when_the_title_differs(imported):
    library, report = imported
    meeting = next(m for m in report.meetings if m.date == "2022-12-27")
    assert meeting.title == "行政院政府資料開放諮詢小組111年度第2次會議逐字稿"
    assert (
        archive_name(library, meeting.id)
        == "2022-12-27-行政院政府資料開放諮詢小組-111-年度第-2-次會議.md"
    )
    library.update_meeting(meeting.id, title="資料開放諮詢小組")
    try:
        # The name is the record's URL: a new title renames only when the editor asks.
        assert (
            archive_name(library, meeting.id)
            == "2022-12-27-行政院政府資料開放諮詢小組-111-年度第-2-次會議.md"
        )
        assert archive_name(library, meeting.id, rename=True) == "2022-12-27-資料開放諮詢小組.md"
    finally:
        library.update_meeting(meeting.id, title=meeting.title)


def test_an_edit_changes_only_the_edited_line(library, corpus_dir):
    original = (corpus_dir / AILSA).read_text("utf-8")
    meeting = import_file(library, corpus_dir / AILSA)
    bullets = library.bullets(meeting.id)
    library.update_bullet(bullets[3].id, text="What else would you call me?")
    assert _changed_lines(original, meeting_markdown(library, meeting.id)) == [
        "-What else would you call me? “The Right Honorable”? \\[laughs\\]\n",
        "+What else would you call me?\n",
    ]


def test_deleting_relabelling_and_redacting_touch_only_those_bullets(library, corpus_dir):
    original = (corpus_dir / TEA).read_text("utf-8")
    meeting = import_file(library, corpus_dir / TEA)
    bullets = {b.text: b for b in library.bullets(meeting.id)}
    library.update_bullet(
        bullets["**農委會** 科長/王聞淨 吳映慧"].id, redacted=True, redaction_reason="名單未確認"
    )
    with library.atomic() as db:
        db.execute("DELETE FROM bullets WHERE id = ?", [bullets["議程細節尚待場勘後確認。"].id])
    assert _changed_lines(original, meeting_markdown(library, meeting.id)) == [
        "-*   **農委會** 科長/王聞淨 吳映慧\n",
        "+*   〔已遮蔽〕\n",
        "-3.  議程細節尚待場勘後確認。\n",
    ]
    assert "名單未確認" not in meeting_markdown(library, meeting.id)
    chair = library.speaker(meeting.id, "主席")
    library.update_bullet(bullets["2021/01/07 10:00-11:00"].id, speaker_id=chair.id)
    assert _changed_lines(original, meeting_markdown(library, meeting.id))[:2] == [
        "-### 日期：\n",
        "+### 主席：\n",
    ]


def test_a_licence_change_adds_the_notice_in_the_files_language(library, corpus_dir):
    meeting = import_file(library, corpus_dir / AILSA)
    library.update_meeting(meeting.id, licence="CC0-1.0")
    head, rest = (corpus_dir / AILSA).read_text("utf-8").split("\n\n", 1)
    notice = "> (License: [CC0 1.0](https://creativecommons.org/publicdomain/zero/1.0/deed.en))"
    assert meeting_markdown(library, meeting.id) == f"{head}\n\n{notice}\n\n{rest}"


def test_every_text_file_imports_and_only_non_text_is_refused(library, tmp_path, corpus_dir):
    archive = tmp_path / "archive"
    archive.mkdir()
    for name in (AILSA, TEA):
        shutil.copy(corpus_dir / name, archive / name)
    odd = {
        "2021-02-30-broken.md": "# 2021-02-30 Broken\n\n### A:\nx\n",
        "2021-03-01-no-heading.md": "\n### 唐鳳：\n你好\n",
        "2021-03-03-two.md": "# 2021-03-03 X\n\n### A:\nfine\n\n# 2021-03-03 Again\n",
    }
    for name, text in odd.items():
        (archive / name).write_text(text, encoding="utf-8")
    (archive / "2021-03-02-latin1.md").write_bytes(
        "# 2021-03-02 T\n\n### A:\ncaf\xe9\n".encode("latin-1")
    )
    report = import_archive(library, archive)
    assert len(report.meetings) == 5
    assert [(p.file, p.line) for p in report.problems] == [("2021-03-02-latin1.md", 4)]
    warned = {(w.file, w.line) for w in report.warnings}
    assert {("2021-02-30-broken.md", 1), ("2021-03-03-two.md", 6)} <= warned
    for meeting in report.meetings:
        name = archive_source(library, meeting.id)[1]
        if name in odd:
            assert meeting_markdown(library, meeting.id) == odd[name]
    again = import_archive(library, archive)
    assert again.meetings == [] and len(again.skipped) == 5 and len(library.meetings()) == 5


def test_a_missing_archive_folder_is_a_clear_error(library, tmp_path):
    with pytest.raises(ArchiveError, match="no archive folder"):
        import_archive(library, tmp_path / "nowhere")


def test_cli_import_reports_problems_and_exits_nonzero(tmp_path, corpus_dir):
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(corpus_dir / AILSA, archive / AILSA)
    (archive / "2021-02-30-broken.md").write_text("# 2021-02-30 Broken\n", encoding="utf-8")
    (archive / "2021-03-02-latin1.md").write_bytes("# 2021-03-02 caf\xe9\n".encode("latin-1"))
    runner = CliRunner()
    library = str(tmp_path / "library")
    result = runner.invoke(cli, ["--library", library, "archive", "import", str(archive)])
    assert result.exit_code == 1
    assert "Interview with Ailsa Chang" in result.stdout and "Broken" in result.stdout
    assert "2021-02-30-broken.md:1: the H1 date 2021-02-30 is not a real date" in result.stderr
    assert "Not imported: 2021-03-02-latin1.md:1: the file is not UTF-8 text" in result.stderr
    missing = runner.invoke(
        cli, ["--library", library, "archive", "import", str(tmp_path / "nowhere")]
    )
    assert missing.exit_code != 0 and missing.stderr.startswith("Error: There is no archive folder")


@pytest.mark.parametrize("seed", range(25))
def test_any_importable_file_is_republished_unchanged(library, tmp_path, seed):
    """Shuffled real lines with odd blocks: import, then write back the same text."""
    rng = random.Random(seed)
    source = CORPUS_FILES[seed % len(CORPUS_FILES)].read_text("utf-8")
    start = rng.randrange(max(1, len(source) - 2500))
    body = mutated(source[start : start + 2500], rng)
    # Second H1s, NFD text: whatever the shape, the file comes back byte for byte.
    text = "# 2021-01-01 Fuzz\n" + (unicodedata.normalize("NFD", body) if seed % 2 else body)
    path = tmp_path / "2021-01-01-Fuzz.md"
    path.write_text(text, encoding="utf-8")
    meeting = import_file(library, path)
    assert meeting_markdown(library, meeting.id) == text


def test_repository_documents_are_not_transcripts(tmp_path, corpus_dir, library) -> None:
    from transcriber.archive.check import check_archive
    from transcriber.archive.convert import import_archive

    name = "2017-01-06-蔡曜隆來訪.md"
    (tmp_path / name).write_bytes((corpus_dir / name).read_bytes())
    (tmp_path / "README.md").write_text("# The archive\n\nHow to contribute.\n")
    report = import_archive(library, tmp_path)
    assert report.problems == [] and len(report.meetings) == 1
    assert check_archive(tmp_path).problems == []


def test_an_imported_meeting_keeps_its_archive_licence_in_every_export(library, tmp_path, corpus_dir):
    from transcriber.exports.formats import export_meeting

    root = tmp_path / "archive"
    root.mkdir()
    shutil.copyfile(corpus_dir / TEA, root / TEA)
    noticed = "2024-01-02-有授權說明.md"
    (root / noticed).write_text(
        "# 2024-01-02 有授權說明\n\n"
        "> (授權：[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.zh-hant))\n\n"
        "### 唐鳳：\n\n大家好。\n", encoding="utf-8")
    (root / "README").write_text("# Transcript\n\n## License\n\nCC0 1.0 Universal\n", encoding="utf-8")
    report = import_archive(library, root)
    by_name = {archive_source(library, m.id)[1]: m for m in report.meetings}

    cc0 = by_name[TEA]
    assert cc0.licence == "CC0-1.0"
    assert "CC0 1.0" in export_meeting(library, cc0.id, "txt")
    assert '"licence": "CC0-1.0"' in export_meeting(library, cc0.id, "json")
    assert meeting_markdown(library, cc0.id) == (root / TEA).read_text("utf-8")
    assert by_name[noticed].licence == "CC-BY-4.0"  # the file's own notice says so
