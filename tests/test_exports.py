"""Exports: md, txt, srt, vtt, json, docx and Akoma Ntoso; redacted text never leaves."""

from __future__ import annotations

import io
import json
import re
import zipfile

import docx
import pytest
from click.testing import CliRunner
from lxml import etree

from transcriber.archive.convert import import_file, meeting_markdown
from transcriber.cli import cli
from transcriber.exports.formats import FORMATS, export_meeting, markdown_to_plain
from transcriber.model import Bullet, BulletKind

SECRET = "SECRET-PASSPORT-123"
REASON = "passport number of a third party"


@pytest.fixture
def meeting_id(library):
    meeting = library.create_meeting("Interview with Ailsa Chang", "2020-10-08", language="en")
    tang = library.speaker(meeting.id, "Audrey Tang").id
    chang = library.speaker(meeting.id, "Ailsa Chang").id

    def bullet(text, speaker=None, kind=BulletKind.SPEECH, start=None, end=None, **extra):
        return Bullet(
            None, 0, 0, text, kind=kind, speaker_id=speaker, start=start, end=end, **extra
        )

    library.append_bullets(
        meeting.id,
        [
            bullet("Oh, wow. It’s made in the world.", tang, start=0.5, end=2.25),
            bullet("", kind=BulletKind.OTHER_SIDE),
            bullet(
                "What else would you call me? \\[laughs\\] See [the page](https://example.org).",
                tang,
                start=3.0,
                end=3661.5,
            ),
            bullet(
                f"My passport number is {SECRET}.",
                tang,
                start=3662.0,
                end=3664.0,
                redacted=True,
                redaction_reason=REASON,
            ),
            bullet("A line without times, A --> B & <C>.", tang),
            bullet("(laughter)", kind=BulletKind.NARRATIVE),
            bullet(
                "What do you think about AI?", kind=BulletKind.QUESTION, start=3670.0, end=3672.0
            ),
            bullet("Thank you, Audrey.", chang, start=3680.0, end=3681.0),
        ],
    )
    return meeting.id


def _text(data: str | bytes) -> str:
    return data if isinstance(data, str) else data.decode("utf-8")


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def _akn(data: bytes) -> etree._Element:
    parser = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)
    return etree.fromstring(data, parser)


def test_redacted_text_and_reason_never_appear_in_any_export(library, meeting_id):
    for fmt in FORMATS:
        data = export_meeting(library, meeting_id, fmt)
        if fmt == "docx":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                data = b"".join(archive.read(name) for name in archive.namelist())
        raw = data if isinstance(data, bytes) else data.encode("utf-8")
        assert SECRET.encode() not in raw and REASON.encode() not in raw, fmt
        assert b"passport" not in raw.lower(), fmt


def test_md_is_the_archive_file(library, meeting_id):
    assert export_meeting(library, meeting_id, "md") == meeting_markdown(library, meeting_id)


def test_txt_reads_as_plain_text(library, meeting_id):
    text = export_meeting(library, meeting_id, "txt")
    assert text.startswith("2020-10-08 Interview with Ailsa Chang\n\nLicense: CC BY 4.0 ")
    assert (
        "Audrey Tang:\nOh, wow. It’s made in the world.\n\n(interviewer speaks)\n\nAudrey Tang:\n"
        in text
    )
    assert "What else would you call me? [laughs] See the page (https://example.org)." in text
    assert "[redacted]" in text
    assert "Question:\nWhat do you think about AI?" in text


def test_srt_has_numbered_cues_for_timed_bullets_only(library, meeting_id):
    srt = export_meeting(library, meeting_id, "srt")
    cues = srt.strip().split("\n\n")
    assert (
        cues[0] == "1\n00:00:00,500 --> 00:00:02,250\nAudrey Tang:Oh, wow. It’s made in the world."
    )
    assert cues[1].startswith("2\n00:00:03,000 --> 01:01:01,500\nAudrey Tang:What else")
    assert cues[2] == "3\n01:01:02,000 --> 01:01:04,000\nAudrey Tang:[redacted]"
    assert cues[-1] == "5\n01:01:20,000 --> 01:01:21,000\nAilsa Chang:Thank you, Audrey."
    assert "without times" not in srt and len(cues) == 5


def test_vtt_is_webvtt_with_voices_and_escapes(library, meeting_id):
    vtt = export_meeting(library, meeting_id, "vtt")
    assert vtt.startswith("WEBVTT\n\n00:00:00.500 --> 00:00:02.250\n<v Audrey Tang>Oh, wow.")
    timings = re.findall(r"^(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})$", vtt, re.M)
    assert len(timings) == 5 and all(start < end for start, end in timings)
    assert "<v Question>What do you think about AI?" in vtt


def test_cue_text_cannot_break_the_cue_format(library):
    meeting = library.create_meeting("Edge", "2020-01-01", language="en")
    library.append_bullets(
        meeting.id,
        [
            Bullet(None, 0, 0, "first\n\nsecond --> third & <b>", start=1.0, end=2.0),
            Bullet(None, 0, 0, "no end", start=3.0),
            Bullet(None, 0, 0, "backwards", start=5.0, end=4.0),
        ],
    )
    vtt = export_meeting(library, meeting.id, "vtt")
    assert vtt == "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfirst\nsecond → third &amp; &lt;b&gt;\n"
    assert (
        export_meeting(library, meeting.id, "srt")
        == "1\n00:00:01,000 --> 00:00:02,000\nfirst\nsecond → third & <b>\n"
    )


def test_json_has_the_meeting_without_private_fields(library, meeting_id):
    data = json.loads(export_meeting(library, meeting_id, "json"))
    assert (data["title"], data["date"], data["language"], data["licence"]) == (
        "Interview with Ailsa Chang",
        "2020-10-08",
        "en",
        "CC-BY-4.0",
    )
    assert data["speakers"] == ["Audrey Tang", "Question", "Ailsa Chang"]
    assert [b["kind"] for b in data["bullets"]][:2] == ["speech", "other_side"]
    redacted = [b for b in data["bullets"] if b["redacted"]]
    assert redacted == [
        {
            "position": 3,
            "kind": "speech",
            "speaker": "Audrey Tang",
            "text": "[redacted]",
            "start": 3662.0,
            "end": 3664.0,
            "redacted": True,
        }
    ]


def test_docx_opens_with_python_docx(library, meeting_id):
    text = _docx_text(export_meeting(library, meeting_id, "docx"))
    assert text.startswith("2020-10-08 Interview with Ailsa Chang\nLicense: CC BY 4.0")
    assert "Audrey Tang:\nOh, wow. It’s made in the world.\n(interviewer speaks)" in text
    assert "Ailsa Chang:\nThank you, Audrey." in text


def test_akoma_ntoso_is_strict_xml_with_speakers_and_speeches(library, meeting_id):
    root = _akn(export_meeting(library, meeting_id, "akn"))
    assert root.tag == "akomaNtoso" and root.nsmap == {}
    debate = root.find("debate")
    people = {p.get("id"): p for p in debate.iter("TLCPerson")}
    assert sorted(people) == ["Ailsa Chang", "Audrey Tang", "Question"]
    for name, person in people.items():
        assert person.get("showAs") == name and person.get("href") == f"/ontology/person/::/{name}"
    section = debate.find("debateBody/debateSection")
    assert section.findtext("heading") == "2020-10-08 Interview with Ailsa Chang"
    turns = [child for child in section if child.tag != "heading"]
    assert not list(root.iter("from"))
    for turn in turns:
        assert [child.tag for child in turn] == ["p"]  # one paragraph per speech
        if turn.tag == "speech":
            assert turn.get("by")[1:] in people
    speeches = [t for t in turns if t.tag == "speech"]
    texts = ["".join(t.find("p").itertext()) for t in speeches]
    assert "What else would you call me? [laughs] See the page." in texts
    link = next(a for t in speeches for a in t.iter("a"))
    assert (link.get("href"), link.text) == ("https://example.org", "the page")
    assert "[redacted]" in texts and "A line without times, A --> B & <C>." in texts
    narrative = next(t for t in turns if t.tag == "narrative")
    assert narrative.find("p/i").text == "(interviewer speaks)"


def test_akoma_ntoso_of_a_real_chinese_transcript(library, corpus_dir):
    path = corpus_dir / "2021-03-29-第十一次社創聯繫會議.md"
    meeting = import_file(library, path)
    root = _akn(export_meeting(library, meeting.id, "akn"))
    people = {p.get("id") for p in root.iter("TLCPerson")}
    assert {"唐鳳", "司儀"} <= people
    speeches = list(root.iter("speech"))
    assert speeches[0].get("by") == "#唐鳳"
    assert speeches[0].findtext("p") == "大家都到，我們就準時開始。"
    narratives = ["".join(n.itertext()).strip() for n in root.iter("narrative")]
    assert "（影片播放）" in narratives
    assert narratives[0] == "（ 本案會議簡報參考 ）"
    assert root.find("debate/debateBody/debateSection/narrative/p/i/a").get("href") == (
        "https://issuu.com/pdis.tw/stacks/eb3647d460e14e2e98940d8647de2c0f")


def test_raw_html_from_an_archive_is_not_exported_as_text(library, corpus_dir):
    meeting = import_file(library, corpus_dir / "2026-01-20-末日辯論.md")
    for fmt in ("txt", "srt", "akn"):
        assert "<iframe" not in _text(export_meeting(library, meeting.id, fmt)).replace(
            "&lt;iframe", "<iframe"
        )
    assert "<iframe" in export_meeting(library, meeting.id, "md")


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("\\[laughs\\] Q&#x26;A &quot;yes&quot;", '[laughs] Q&A "yes"'),
        ("**bold** and *em* and `code`", "bold and em and code"),
        (
            "[https://a.tw](https://a.tw) and [site](https://b.tw)",
            "https://a.tw and site (https://b.tw)",
        ),
        (
            "*   1.診療項目:\n    *   (1) 評估。\n    *   (2) 追蹤。",
            "1.診療項目:\n(1) 評估。\n(2) 追蹤。",
        ),
        ("1.  本次問題\n2.  時間地點", "1. 本次問題\n2. 時間地點"),
        ("A --> B & <C>", "A --> B & <C>"),
    ],
)
def test_markdown_to_plain(markdown, plain):
    assert markdown_to_plain(markdown) == plain


def test_cli_export_to_stdout_and_file(library, meeting_id, tmp_path):
    runner = CliRunner()
    args = ["--library", str(library.path), "export", str(meeting_id)]
    result = runner.invoke(cli, [*args, "--format", "srt"])
    assert result.exit_code == 0 and result.stdout.startswith("1\n00:00:00,500 --> ")
    out = tmp_path / "meeting.docx"
    result = runner.invoke(cli, [*args, "--format", "docx", "--out", str(out)])
    assert result.exit_code == 0
    assert "Thank you, Audrey." in _docx_text(out.read_bytes())
    missing = runner.invoke(
        cli, ["--library", str(library.path), "export", "999", "--format", "txt"]
    )
    assert (
        missing.exit_code != 0
        and missing.stderr == "Error: There is no meeting 999 in the library.\n"
    )
    unknown = runner.invoke(cli, [*args, "--format", "pdf"])
    assert unknown.exit_code != 0 and "pdf" in unknown.output


def test_imported_list_items_keep_their_numbers_and_sub_items(library, corpus_dir):
    meeting = import_file(library, corpus_dir / "2021-01-07-臺灣茶風味輪案-會前會.md")
    text = export_meeting(library, meeting.id, "txt")
    assert (
        "會議小結：\n1. 本次協作會議核心問題：「為了彰顯台灣茶的特色，如何精進系統性的風味說明。」\n\n2. 協作會議"
        in text
    )
    nested = import_file(
        library, corpus_dir / "2019-07-10-建議營養照護納入健保給付案-專家諮詢會議.md"
    )
    assert "1.診療項目概要說明:\n(1) 病患營養評估、營養診斷與支持。\n(2) 依病況" in export_meeting(
        library, nested.id, "txt"
    )


def test_cli_export_to_an_unwritable_place_is_a_clear_error(library, meeting_id, tmp_path):
    target = tmp_path / "no-such-folder" / "meeting.txt"
    result = CliRunner().invoke(
        cli,
        [
            "--library",
            str(library.path),
            "export",
            str(meeting_id),
            "--format",
            "txt",
            "--out",
            str(target),
        ],
    )
    assert result.exit_code != 0
    assert result.stderr.startswith(f"Error: Cannot write {target}: No such file or directory")
