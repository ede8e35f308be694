"""``archive check``: the file rules of DESIGN.md over a whole archive folder."""

from __future__ import annotations

import shutil
import unicodedata

import pytest
from click.testing import CliRunner

from transcriber.archive import check as check_module
from transcriber.archive.check import CheckError, check_archive
from transcriber.cli import cli

GOOD = "# 2024-01-02 Good\n\n### 唐鳳：\n你好。\n"


def _archive(tmp_path, files: dict[str, bytes | str]):
    root = tmp_path / "archive"
    root.mkdir(exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (root / name).write_bytes(data)
    return root


def _problems(root) -> list[tuple[str, int, str]]:
    return [(p.file, p.line, p.message) for p in check_archive(root).problems]


def test_the_real_corpus_passes(corpus_dir):
    result = check_archive(corpus_dir)
    assert result.files == len(list(corpus_dir.glob("*.md")))
    assert result.problems == [] and result.ok


def test_a_generated_archive_of_hundreds_of_copies_passes_and_one_bad_file_is_found(
    tmp_path, corpus_dir
):
    root = tmp_path / "big"
    root.mkdir()
    sources = sorted(corpus_dir.glob("*.md"))
    for number in range(350):
        source = sources[number % len(sources)]
        date = f"{2000 + number // 28:04d}-{number % 12 + 1:02d}-{number % 28 + 1:02d}"
        text = source.read_text("utf-8")
        text = f"# {date}{text.split(chr(10), 1)[0][12:]}\n{text.split(chr(10), 1)[1]}"
        (root / f"{date}-{source.name[11:]}").write_text(text, encoding="utf-8")
    shutil.copy(corpus_dir / ".alternates", root / ".alternates")
    alternates = (corpus_dir / ".alternates").read_text("utf-8").strip().split("\t")
    for name in alternates:  # the pair the .alternates line names must exist
        shutil.copy(corpus_dir / name, root / name)
    result = check_archive(root)
    assert result.files == 352 and result.problems == []
    victim = sorted(root.glob("*.md"))[123]
    victim.write_text(victim.read_text("utf-8").replace("\n", " \n", 3), encoding="utf-8")
    assert [(p.file, p.line) for p in check_archive(root).problems] == [(victim.name, 1)]


ERROR, WARNING = "error", "warning"


@pytest.mark.parametrize(
    ("name", "content", "line", "words", "kind"),
    [
        # The archive's own rules: errors.
        ("2024-01-02-bom.md", b"\xef\xbb\xbf" + GOOD.encode(), 1, "byte order mark", ERROR),
        ("2024-02-30-unreal.md", GOOD.replace("2024-01-02", "2024-02-30"), 1, "in the name is not a real date",
         ERROR),
        ("notes.md", GOOD, 1, "pattern", ERROR),
        (unicodedata.normalize("NFD", "2024-01-02-Lämmerhirt.md"), GOOD, 1, "not in Unicode NFC", ERROR),
        (
            "2024-01-02-latin1.md",
            GOOD.replace("你好。", "café").encode("latin-1", "replace"),
            4,
            "UTF-8",
            ERROR,
        ),
        # What the public record may keep: warnings. (Trailing whitespace is an error only
        # in a change, as in the validator's --changed run: see test_archive_validator.py.)
        ("2024-01-02-trailing.md", GOOD.replace("你好。", "你好。  "), 4, "ends in whitespace", WARNING),
        (
            "2024-01-02-ideographic.md",
            GOOD.replace("你好。", "你好。\u3000"),
            4,
            "ends in whitespace",
            WARNING,
        ),
        ("2024-01-02-crlf.md", GOOD.replace("\n", "\r\n"), 1, "CRLF", WARNING),
        (
            "2024-01-02-nfd.md",
            GOOD.replace("你好。", unicodedata.normalize("NFD", "Lämmerhirt")),
            4,
            "NFC",
            WARNING,
        ),
        ("2024-01-02-two-h1.md", GOOD + "\n# 2024-01-02 Again\n", 6, "second H1", WARNING),
        ("2024-01-02-no-h1.md", "### 唐鳳：\n你好。\n", 1, "not an H1", WARNING),
        ("2024-01-02-nbsp.md", GOOD.replace("2024-01-02 ", "2024-01-02\u00a0"), 1, "H1", WARNING),
        (
            "2024-01-02-other-date.md",
            GOOD.replace("2024-01-02", "2024-01-03"),
            1,
            "differs from the date",
            WARNING,
        ),
        ("2024-01-02-a b.md", GOOD, 1, "spaces", WARNING),
        ("2024-01-02-q?.md", GOOD, 1, "not allowed", WARNING),
    ],
)
def test_each_rule_is_reported_with_file_line_and_weight(tmp_path, name, content, line, words, kind):
    root = _archive(tmp_path, {"2024-01-02-fine.md": GOOD, name: content})
    result = check_archive(root)
    found = result.errors if kind == ERROR else result.warnings
    other = result.warnings if kind == ERROR else result.errors
    assert found, "the broken file must be reported"
    assert all(p.file == name for p in result.problems)
    assert any(p.line == line and words in p.message for p in found), result.problems
    assert not any(words in p.message for p in other)
    assert result.ok == (kind == WARNING)


def test_grandfathered_names_and_maintainer_documents(tmp_path):
    nfd = unicodedata.normalize("NFD", "2016-01-26-tout-numérique.md")
    odd = "1999年全國司法改革會議.md"
    root = _archive(tmp_path, {odd: GOOD, nfd: GOOD, "AGENTS.md": "# Guide  \n", "README": "x",
                               "CONTRIBUTING.md": "How to help. \n"})
    assert {p.file for p in check_archive(root).errors} == {odd, nfd}
    # The archive's own validator names its exceptions; so can .transcriber.toml.
    (root / "scripts").mkdir()
    (root / "scripts" / "validate.ts").write_text(
        'export const GRANDFATHERED_FILENAME: Record<string, true> = {\n  "1999年全國司法改革會議.md": true,\n};\n'
        'export const GRANDFATHERED_NFC_DRIFT = new Set([\n  "2016-01-26-tout-numérique.md",\n]);\n',
        encoding="utf-8",
    )
    result = check_archive(root)
    assert result.errors == [] and result.files == 2
    (root / "scripts" / "validate.ts").unlink()
    (root / ".transcriber.toml").write_text(
        f'grandfathered = ["{odd}"]\ngrandfathered_nfc = ["2016-01-26-tout-numérique.md"]\n',
        encoding="utf-8")
    assert check_archive(root).errors == []


def test_alternates_put_english_first_and_each_file_in_one_pair(tmp_path):
    english = "# 2024-01-02 Meeting\n\n### Audrey Tang:\nWe met and talked about open data.\n"
    # As in the archive's validator, a Chinese file is one whose name has Chinese characters.
    root = _archive(tmp_path, {"2024-01-02-會議.md": GOOD, "2024-01-02-en.md": english,
                               "2024-01-02-other.md": GOOD,
                               ".alternates": "2024-01-02-會議.md\t2024-01-02-en.md\n"
                                              "2024-01-02-en.md\t2024-01-02-other.md\n"})
    messages = [(p.line, p.message) for p in check_archive(root).errors]
    assert (1, "the English file 2024-01-02-en.md must come first") in messages
    assert any(line == 2 and "one pair only" in message for line, message in messages)
    (root / ".alternates").write_text("2024-01-02-en.md\t2024-01-02-會議.md\n", encoding="utf-8")
    assert check_archive(root).errors == []


def test_blank_lines_at_the_end_are_allowed_as_in_the_real_archive(tmp_path):
    root = _archive(
        tmp_path, {"2024-01-02-a.md": GOOD + "\n\n", "2024-01-02-b.md": GOOD.rstrip("\n")}
    )
    assert _problems(root) == []


def test_alternates_must_pair_existing_files(tmp_path):
    root = _archive(
        tmp_path,
        {
            "2024-01-02-a.md": GOOD,
            "2024-01-02-b.md": GOOD,
            ".alternates": "# pairs\n2024-01-02-a.md\t2024-01-02-b.md\n2024-01-02-a.md\t2024-01-02-gone.md\n"
            "2024-01-02-a.md 2024-01-02-b.md\n",
        },
    )
    assert _problems(root) == [
        (".alternates", 3, "2024-01-02-a.md is already in the pair on line 2; a file may be in one pair only"),
        (".alternates", 3, "2024-01-02-gone.md is not in the archive, but its pair 2024-01-02-a.md is"),
        (".alternates", 4, "a line must be two file names separated by one tab, not 1 fields"),
    ]


def test_redirects_must_be_well_formed(tmp_path):
    root = _archive(
        tmp_path,
        {
            "2024-01-02-a.md": GOOD,
            ".redirects": "# old\tnew\n\n2024-01-01-old\t2024-01-02-a\nonly-one-field\nsame\tsame\n",
        },
    )
    result = check_archive(root)
    assert result.errors == []  # the archive's validator does not read .redirects
    assert [(p.file, p.line) for p in result.warnings] == [(".redirects", 4), (".redirects", 5)]


def test_a_file_that_does_not_round_trip_is_reported(tmp_path, monkeypatch):
    root = _archive(tmp_path, {"2024-01-02-a.md": GOOD})
    assert _problems(root) == []
    # A writer that loses the blank line after the H1 must not go unnoticed.
    monkeypatch.setattr(check_module, "write", lambda doc: GOOD.replace("\n\n", "\n", 1))
    assert _problems(root) == [
        ("2024-01-02-a.md", 2, "the file does not round-trip through the archive reader and writer")
    ]


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CheckError, match="no archive folder"):
        check_archive(tmp_path / "nowhere")
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(CheckError, match="is not a transcript archive"):
        check_archive(tmp_path / "photos")
    git_dir = tmp_path / "new-archive" / ".git"
    git_dir.mkdir(parents=True)  # a new, still empty archive is one
    assert check_archive(git_dir.parent).files == 0


def test_cli_exit_status(tmp_path, corpus_dir):
    runner = CliRunner()
    good = runner.invoke(
        cli, ["--library", str(tmp_path / "lib"), "archive", "check", str(corpus_dir)]
    )
    assert good.exit_code == 0, good.output
    assert good.stdout == "" and "35 files checked, 0 errors, 0 warnings." in good.stderr
    root = _archive(tmp_path, {"2024-01-02-a.md": GOOD, "2024-01-02-c.md": GOOD.replace("\n", "\r\n")})
    warned = runner.invoke(cli, ["archive", "check", str(root)])
    assert warned.exit_code == 0 and "warning: the file has carriage returns" in warned.stdout
    strict = runner.invoke(cli, ["archive", "check", "--strict", str(root)])
    assert strict.exit_code == 1
    (root / "2024-01-02-c.md").unlink()
    (root / "2024-01-02-b.md").write_text("\ufeff" + GOOD, encoding="utf-8")
    bad = runner.invoke(cli, ["--library", str(tmp_path / "lib"), "archive", "check", str(root)])
    assert bad.exit_code == 1
    assert bad.stdout == "2024-01-02-b.md:1: the file starts with a byte order mark (BOM)\n"
    missing = runner.invoke(
        cli, ["--library", str(tmp_path / "lib"), "archive", "check", str(tmp_path / "x")]
    )
    assert missing.exit_code != 0 and missing.stderr.startswith("Error: There is no archive folder")
