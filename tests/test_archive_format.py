"""The archive format: lossless reading and writing, file names, and new meetings."""

from __future__ import annotations

import random
import unicodedata

import pytest
from archive_support import CORPUS_FILES, mutated

from transcriber.archive.convert import import_file, meeting_markdown
from transcriber.archive.document import (
    Item,
    LicenceNotice,
    Quote,
    Raw,
    Turn,
    parse,
    write,
)
from transcriber.archive.filenames import archive_filename, filename_problems, safe_archive_path
from transcriber.errors import TitleError
from transcriber.model import Bullet, BulletKind

CORPUS = CORPUS_FILES[0].parent


def test_the_corpus_sample_is_there(corpus_dir):
    assert len(list(corpus_dir.glob("*.md"))) == len(CORPUS_FILES) >= 35


# -- lossless round trip -----------------------------------------------------------------


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name[:40])
def test_every_corpus_file_round_trips_byte_for_byte(path):
    data = path.read_bytes()
    doc = parse(data.decode("utf-8"))
    assert write(doc).encode("utf-8") == data
    assert doc.problems() == []
    assert doc.date == path.name[:10]
    assert doc.turns, "a transcript has speaker turns"


@pytest.mark.parametrize("seed", range(40))
def test_any_text_round_trips(seed):
    rng = random.Random(seed)
    text = mutated(CORPUS_FILES[seed % len(CORPUS_FILES)].read_text("utf-8")[:6000], rng)
    assert write(parse(text)) == text


@pytest.mark.parametrize(
    "text", ["", "\n", "# 2020-01-01 T", "no heading at all\n", "\ufeff# 2020-01-01 T\n"]
)
def test_edge_texts_round_trip(text):
    assert write(parse(text)) == text


# -- what the reader understands -----------------------------------------------------------


def test_reader_finds_labels_items_and_blockquotes():
    doc = parse((CORPUS / "2020-10-08-Interview-with-Ailsa-Chang.md").read_text("utf-8"))
    assert doc.title == "Interview with Ailsa Chang"
    assert doc.speakers() == ["Audrey Tang"]
    quotes = [b for b in doc.blocks if isinstance(b, Quote)]
    assert {q.text for q in quotes} == {"(interviewer speaks)"}
    assert doc.turns[0].colon == ":"
    assert doc.turns[0].items[0].text == "Oh, wow. It’s made in the world."


def test_reader_keeps_list_markers_and_nested_items():
    doc = parse((CORPUS / "2020-12-09-臺灣茶風味輪案-第一次工作會議.md").read_text("utf-8"))
    present = next(t for t in doc.turns if t.label == "出席")
    assert present.colon == "："
    assert [i.kind for i in present.items] == ["bullet"] * 5
    assert present.items[0].marker == "*   "
    assert present.items[0].text == "PDIS 黃子維、賴致翔、蔡玉琪、詹壹雯、許恩恩"
    todo = next(t for t in doc.turns if t.label == "待辦事項")
    assert todo.items[0].kind == "ordered"
    nested = parse(
        (CORPUS / "2019-07-10-建議營養照護納入健保給付案-專家諮詢會議.md").read_text("utf-8")
    )
    item = next(i for t in nested.turns for i in t.items if i.text.startswith("1.診療項目概要說明"))
    assert "\n    *   (1) 病患營養評估" in item.text  # the sub-list stays inside its item


def test_reader_keeps_raw_html_and_text_before_the_first_label():
    doc = parse((CORPUS / "2026-03-24-為何唐鳳不害怕-AI-智慧體與-OpenClaw.md").read_text("utf-8"))
    first = doc.blocks[0]
    assert isinstance(first, Turn) and first.label is None
    assert first.items[0].kind == "raw" and first.items[0].text.startswith("<iframe")
    assert doc.speakers() == ["劉光瑩", "唐鳳"]


def test_licence_notice_is_recognised_in_both_languages():
    zh = "# 2024-01-02 會議\n\n> (授權：[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.zh-hant))\n"
    en = "# 2024-01-02 Talk\n\n> (License: [CC0 1.0](https://creativecommons.org/publicdomain/zero/1.0/deed.en))\n"
    assert parse(zh).licence == "CC-BY-4.0"
    assert parse(en).licence == "CC0-1.0"
    assert parse("# 2024-01-02 T\n\n> （笑）\n").licence is None


def test_editing_one_item_changes_one_line_only():
    path = CORPUS / "2017-01-06-蔡曜隆來訪.md"
    text = path.read_text("utf-8")
    doc = parse(text)
    item = doc.turns[2].items[0]
    item.text = "還算熟。"
    doc.turns[5].label = "蔡先生"
    before, after = text.split("\n"), write(doc).split("\n")
    changed = [n for n, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [item.line - 1, doc.turns[5].line - 1]
    assert after[item.line - 1] == "還算熟。"
    assert after[doc.turns[5].line - 1] == "### 蔡先生："


def test_a_new_document_is_written_in_the_canonical_form():
    doc = parse("# 2024-05-01 訪談\n")
    doc.blocks = [
        LicenceNotice("CC-BY-4.0", "zh", before="\n\n"),
        Turn(
            "唐鳳", [Item("第一點", "bullet", "* "), Item("第二點", "bullet", "* ")], "：", "\n\n"
        ),
        Quote("（笑）", before="\n\n"),
        Raw("## 附錄", before="\n\n"),
    ]
    assert write(doc) == (
        "# 2024-05-01 訪談\n\n"
        "> (授權：[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.zh-hant))\n\n"
        "### 唐鳳：\n* 第一點\n* 第二點\n\n> （笑）\n\n## 附錄\n"
    )


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("### 唐鳳：\n你好\n", 1, "not an H1"),
        ("# 2021-02-30 Title\n", 1, "not a real date"),
        ("# Title without date\n", 1, "does not start with a date"),
        ("# 2021-02-03 T\n\n### A:\nx\n\n# 2021-02-03 Again\n", 6, "second H1"),
    ],
)
def test_problems_name_their_line(text, line, words):
    problems = parse(text).problems()
    assert problems and problems[0][0] == line and words in problems[0][1]


# -- file names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "title", "name"),
    [
        (
            "2019-07-10",
            "建議營養照護納入健保給付案 專家諮詢會議",
            "2019-07-10-建議營養照護納入健保給付案-專家諮詢會議.md",
        ),
        (
            "2017-09-15",
            "vTaiwan 線上諮詢會議「違反本人意願而散布本人的身體私密影像」",
            "2017-09-15-vTaiwan-線上諮詢會議「違反本人意願而散布本人的身體私密影像」.md",
        ),
        (
            "2017-08-28",
            "Interview with Danny Lämmerhirt",
            "2017-08-28-Interview-with-Danny-Lämmerhirt.md",
        ),
        (
            "2024-06-13",
            "Q&A: Can Shrimps Turn Whales Around?",
            "2024-06-13-Q-and-A-Can-Shrimps-Turn-Whales-Around.md",
        ),
        ("2024-01-01", "  ../../etc/passwd  ", "2024-01-01-etc-passwd.md"),
        ("2024-01-01", 'a/b\\c*d?e"f<g>h|i', "2024-01-01-a-b-c-d-e-f-g-h-i.md"),
        ("2024-01-01", "...Title...", "2024-01-01-Title.md"),
    ],
)
def test_archive_filename_follows_the_corpus_and_design(date, title, name):
    assert archive_filename(date, title) == name
    assert filename_problems(name) == []


def test_corpus_file_names_are_what_archive_filename_makes_of_their_titles():
    matching = 0
    for path in CORPUS_FILES:
        doc = parse(path.read_text("utf-8"))
        matching += archive_filename(doc.date, doc.title) == path.name
    # One real file was named by hand (its H1 says 111年度第2次會議逐字稿).
    assert matching >= len(CORPUS_FILES) - 1


def test_archive_filename_is_nfc():
    decomposed = unicodedata.normalize("NFD", "Lämmerhirt")
    assert archive_filename("2017-08-28", decomposed) == "2017-08-28-Lämmerhirt.md"


@pytest.mark.parametrize(
    ("date", "title", "words"),
    [
        ("2024-01-01", "???", "no letters or digits"),
        ("2024-01-01", "   ", "no letters or digits"),
        ("2024-01-01", "CON", "reserved device name"),
        ("2024-01-01", "lpt1", "reserved device name"),
        ("2021-02-30", "Title", "not a real date"),
        ("24-1-1", "Title", "not a real date"),
    ],
)
def test_titles_that_cannot_be_file_names_are_refused(date, title, words):
    with pytest.raises(TitleError, match=words):
        archive_filename(date, title)


def test_long_titles_are_cut_to_a_safe_length():
    name = archive_filename("2024-01-01", "很長的標題" * 100)
    assert len(name.encode("utf-8")) <= 240 < len(("很長的標題" * 100).encode("utf-8"))
    assert name.startswith("2024-01-01-很長的標題很長") and name.endswith(".md")
    assert filename_problems(name) == []


def test_safe_archive_path_refuses_escapes(tmp_path):
    assert safe_archive_path(tmp_path, "2024-01-01-a.md") == tmp_path.resolve() / "2024-01-01-a.md"
    for bad in ["../x.md", "sub/x.md", "..", "", "a\\b.md", "/etc/passwd"]:
        with pytest.raises(TitleError):
            safe_archive_path(tmp_path, bad)
    (tmp_path / "link.md").symlink_to(tmp_path.parent / "elsewhere.md")
    with pytest.raises(TitleError, match="outside"):
        safe_archive_path(tmp_path, "link.md")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("2021-02-30-x.md", "not a real date"),
        ("notes.md", "pattern"),
        ("2021-02-03-a?b.md", "not allowed"),
        ("2021-02-03-a b.md", "spaces"),
        (unicodedata.normalize("NFD", "2021-02-03-Lämmerhirt.md"), "NFC"),
    ],
)
def test_filename_problems(name, words):
    assert any(words in problem for problem in filename_problems(name))


# Unicode's default-ignorable code points outside category Cf, which display as nothing.
DEFAULT_IGNORABLE = [0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, *range(0x180B, 0x1810), 0x2065, 0x3164,
                     *range(0xFE00, 0xFE10), 0xFFA0, *range(0xFFF0, 0xFFF9), *range(0xE0000, 0xE1000)]
FORMAT_CHARACTERS = [c for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]


def test_every_character_a_reader_cannot_see_is_refused_in_a_title_and_named_in_a_file_name():
    assert 0x00AD in FORMAT_CHARACTERS and 0xE0041 in FORMAT_CHARACTERS and 0x180E in FORMAT_CHARACTERS
    allowed = []
    for code in sorted({*FORMAT_CHARACTERS, *DEFAULT_IGNORABLE}):
        title = f"Open{chr(code)}Data"
        try:
            name = archive_filename("2024-01-01", title)
        except TitleError as refused:
            assert f"characters a reader cannot see (U+{code:04X}:" in str(refused)
            assert "\n" not in str(refused)
        else:
            allowed.append(f"U+{code:04X} as {name!r}")
        problems = filename_problems(f"2024-01-01-Open{chr(code)}Data.md")
        assert any(f"cannot see: U+{code:04X}" in problem for problem in problems), hex(code)
    assert allowed == [], "titles with invisible characters were given file names"


# -- new meetings --------------------------------------------------------------------------


def _meeting(library, language="auto", **fields):
    meeting = library.create_meeting("數位部訪談", "2024-05-01", language=language, **fields)
    tang = library.speaker(meeting.id, "唐鳳", is_default=True)
    reporter = library.speaker(meeting.id, "記者")
    bullets = [
        Bullet(None, 0, 0, "", kind=BulletKind.OTHER_SIDE),
        Bullet(None, 0, 0, "請問您怎麼看 AI？", kind=BulletKind.QUESTION),
        Bullet(None, 0, 0, "我覺得要共好。", speaker_id=tang.id),
        Bullet(None, 0, 0, "# 這不是標題", speaker_id=tang.id),
        Bullet(
            None,
            0,
            0,
            "身分證字號 A123456789",
            speaker_id=tang.id,
            redacted=True,
            redaction_reason="個人資料",
        ),
        Bullet(None, 0, 0, "笑", kind=BulletKind.NARRATIVE),
        Bullet(None, 0, 0, "謝謝。", speaker_id=reporter.id),
    ]
    library.append_bullets(meeting.id, bullets)
    return meeting.id


def test_new_chinese_meeting_in_bullets_style(library):
    text = meeting_markdown(library, _meeting(library))
    assert text == (
        "# 2024-05-01 數位部訪談\n\n"
        "> (授權：[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.zh-hant))\n\n"
        "> （對方發言）\n\n"
        "### 問：\n* 請問您怎麼看 AI？\n\n"
        "### 唐鳳：\n* 我覺得要共好。\n* \\# 這不是標題\n* 〔已遮蔽〕\n\n"
        "> （笑）\n\n"
        "### 記者：\n* 謝謝。\n"
    )
    assert "A123456789" not in text and "個人資料" not in text


def test_new_english_meeting_in_paragraphs_style_with_cc0(library):
    meeting_id = _meeting(library, language="en", licence="CC0-1.0")
    text = meeting_markdown(library, meeting_id, style="paragraphs")
    assert text.startswith(
        "# 2024-05-01 數位部訪談\n\n"
        "> (License: [CC0 1.0](https://creativecommons.org/publicdomain/zero/1.0/deed.en))\n\n"
        "> (interviewer speaks)\n\n### Question:\n請問您怎麼看 AI？\n\n### 唐鳳:\n我覺得要共好。\n\n"
    )
    assert "[redacted]" in text and "A123456789" not in text


def test_language_auto_follows_the_text(library):
    meeting = library.create_meeting("Interview", "2024-05-02")
    speaker = library.speaker(meeting.id, "Audrey Tang")
    library.append_bullets(
        meeting.id, [Bullet(None, 0, 0, "Live long and prosper.", speaker_id=speaker.id)]
    )
    assert "### Audrey Tang:\n* Live long and prosper.\n" in meeting_markdown(library, meeting.id)
    assert "deed.en" in meeting_markdown(library, meeting.id)


def test_a_written_meeting_reads_back_as_the_same_bullets(library, tmp_path):
    meeting_id = _meeting(library)
    text = meeting_markdown(library, meeting_id)
    path = tmp_path / archive_filename("2024-05-01", "數位部訪談")
    path.write_text(text, encoding="utf-8")
    again = import_file(library, path)
    assert again.licence == "CC-BY-4.0"
    original = [(b.kind, b.text) for b in library.bullets(meeting_id)]
    original[4] = (BulletKind.SPEECH, "〔已遮蔽〕")  # only the marker was published
    original[0] = (BulletKind.OTHER_SIDE, "（對方發言）")
    original[5] = (BulletKind.NARRATIVE, "（笑）")
    original[3] = (BulletKind.SPEECH, "\\# 這不是標題")
    assert [(b.kind, b.text) for b in library.bullets(again.id)] == original
    assert meeting_markdown(library, again.id) == text
    for line in text.split("\n"):
        assert line == line.rstrip()
