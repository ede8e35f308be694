"""What a transcript page shows: sanitized HTML, citable turns, people, twins, old links."""

from __future__ import annotations

import re
import shutil

import pytest

from transcriber.archive.document import parse
from transcriber.archive.filenames import archive_key
from transcriber.archive.links import collision_key
from transcriber.site.build import build_site
from transcriber.site.content import render_body, sanitize
from transcriber.site.people import speaker_slugs

PAIR = ("2026-03-24-Why-Audrey-Tang-Has-No-Fear-for-AI-Agents-and-the-OpenClaw.md",
        "2026-03-24-為何唐鳳不害怕-AI-智慧體與-OpenClaw.md")


@pytest.mark.parametrize("hostile", [
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<iframe src="https://evil.example/embed"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<svg onload="alert(1)"></svg>',
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">x</p>',
    '<object data="x.swf"></object><embed src="x.swf">',
])
def test_the_sanitizer_removes_what_runs(hostile):
    clean = sanitize(hostile).lower()
    for bad in ("<script", "onerror", "onload", "onclick", "javascript:", "evil.example", "srcdoc",
                "<object", "<embed", "style="):
        assert bad not in clean


def test_the_sanitizer_keeps_players_links_and_emphasis():
    youtube = ('<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/GIWlfh4gO5A" '
               'title="YouTube video player" allowfullscreen></iframe>')
    vimeo = '<iframe src="https://player.vimeo.com/video/123456"></iframe>'
    assert 'src="https://www.youtube-nocookie.com/embed/GIWlfh4gO5A"' in sanitize(youtube)
    assert 'src="https://player.vimeo.com/video/123456"' in sanitize(vimeo)
    link = sanitize('<a href="https://www.isattentionallyouneed.com/">site</a> <em>a</em> <strong>b</strong>')
    assert 'href="https://www.isattentionallyouneed.com/"' in link and "<em>a</em>" in link
    assert "<strong>b</strong>" in link


def _ids(text: str) -> list[str]:
    return render_body(parse(text), copy_label="copy").turn_ids


def test_every_turn_has_an_id_that_survives_edits_before_it():
    text = ("# 2024-01-01 Meeting\n\n### 唐鳳：\n\n第一段。\n\n### 問：\n\n第二段？\n\n"
            "### 唐鳳：\n\n第三段。\n\n### 唐鳳：\n\n第三段。\n")
    ids = _ids(text)
    assert len(ids) == 4 and len(set(ids)) == 4  # the same words twice still get two ids
    assert all(re.fullmatch(r"t-[0-9a-f]{6}(-\d+)?", i) for i in ids)
    edited = text.replace("第一段。", "第一段，改過了。").replace("### 問：\n\n第二段？\n\n", "")
    assert _ids(edited)[1:] == ids[2:]  # later turns keep their links
    assert _ids(text) == ids  # and a rebuild gives the same ids
    html = render_body(parse(text), copy_label="copy").html
    for ident in ids:
        assert f'<h3 id="{ident}">' in html


def test_every_paragraph_of_every_turn_has_its_own_stable_id_and_anchor():
    text = ("# 2024-01-01 Meeting\n\n### 唐鳳：\n\n第一段。\n\n第二段。\n\n第三段。\n\n"
            "### Audrey Tang:\n\n* one\n* two\n\n> (laughter)\n")
    body = render_body(parse(text), copy_label="copy")
    assert len(body.paragraph_ids) == 6 and len(set(body.paragraph_ids)) == 6
    for ident in body.paragraph_ids:
        assert re.fullmatch(r"p-[0-9a-f]{6}(-\d+)?", ident)
        assert f' id="{ident}"' in body.html and f'<a class="cite" href="#{ident}"' in body.html
    assert re.search(r'<p id="p-[0-9a-f]{6}">第二段。 <a class="cite"', body.html)
    # Inserting a paragraph before one keeps that one's id.
    edited = render_body(parse(text.replace("第二段。", "新的一段。\n\n第二段。")), copy_label="copy")
    assert set(body.paragraph_ids) < set(edited.paragraph_ids)



def test_archive_tw_keys_are_cut_at_50_utf16_units_and_keep_a_trailing_hyphen():
    # The long corpus name: lower-cased, cut at 50 code units, punctuation kept as archive.tw keeps it.
    key = archive_key("2017-09-15-vTaiwan-線上諮詢會議「違反本人意願而散布本人的身體私密影像」.md")
    assert key == "2017-09-15-vtaiwan-線上諮詢會議「違反本人意願而散布本人的身體私密影像」"[:50]
    # A cut that ends on a hyphen keeps it (the builder used to strip it: a 404).
    name = "2022-01-12-Roundtable-with-Beth-S.-Noveck-and-Hal-Seki.md"
    assert archive_key(name) == "2022-01-12-roundtable-with-beth-s.-noveck-and-hal-"
    assert archive_key("2016-11-23-開放資料聯盟：資料科學.md") == "2016-11-23-開放資料聯盟-資料科學"
    # Outside the BMP a character is two units, as JavaScript counts.
    assert archive_key("2024-01-01-" + "𠀀" * 30) == "2024-01-01-" + "𠀀" * 19
    # archive.tw's key for the second of two names cut alike: 42 units, a hyphen, a hash.
    long = "2020-12-08-Rino-A-Nugroho,-Dachi-Liao-and-Septyanto-Galan-Prakoso-visit"
    assert collision_key(long).startswith(long.lower()[:42] + "-") and len(collision_key(long)) == 50
    assert collision_key("2021-11-03-健保署啟舜訪問") == "2021-11-03-健保署啟舜訪問"


def test_speaker_slugs_are_unique_even_when_names_collide():
    slugs = speaker_slugs(["A/B", "A B", "Audrey Tang", "audrey tang", "唐鳳"])
    assert len(set(slugs.values())) == 5
    assert len({s.casefold() for s in slugs.values()}) == 5  # also on case-insensitive disks
    assert slugs["唐鳳"] == "唐鳳"


@pytest.fixture
def built(tmp_path, corpus_dir):
    archive = tmp_path / "archive"
    archive.mkdir()
    for name in (*PAIR, "2020-10-08-Interview-with-Ailsa-Chang.md", "2019-04-26-美國華府聯訪.md"):
        shutil.copyfile(corpus_dir / name, archive / name)
    shutil.copyfile(corpus_dir / ".alternates", archive / ".alternates")
    (archive / ".transcriber.toml").write_text(
        'licence = "CC0-1.0"\ntitle = "逐字稿"\n[aliases]\n"唐鳳" = "Audrey Tang"\n', encoding="utf-8")
    (archive / "2024-05-05-Roles.md").write_text(
        "# 2024-05-05 Roles\n\n### 問：\n\nA question?\n\n### Q:\n\nAnother?\n\n### 主持人：\n\n"
        "Welcome.\n\n### Audrey Tang:\n\nAn answer with https://example.org/a/very/long/url/that/"
        "never/ends/and/keeps/going/on/and/on/without/any/place/to/break/it\n", encoding="utf-8")
    out = tmp_path / "site"
    build_site(archive, out, search=False, base_url="https://example.org/")
    return out


def test_one_person_per_identity_and_no_pages_for_roles(built):
    people = sorted(p.name for p in (built / "speakers").iterdir() if p.is_dir())
    assert "Audrey-Tang" in people and "唐鳳" not in people
    audrey = (built / "speakers" / "Audrey-Tang" / "index.html").read_text(encoding="utf-8")
    assert "為何唐鳳不害怕" in audrey and "Interview with Ailsa Chang" in audrey
    for role in ("問", "Q", "主持人"):
        assert role not in people
    roles = (built / "2024-05-05-Roles" / "index.html").read_text(encoding="utf-8")
    assert "### 問" not in roles and "問：" in roles  # the label is still shown as written
    index = (built / "speakers" / "index.html").read_text(encoding="utf-8")
    assert "Audrey Tang" in index


def test_twins_link_to_each_other_and_titles_and_licences_come_from_the_profile(built):
    english = (built / PAIR[0][:-3] / "index.html").read_text(encoding="utf-8")
    chinese = (built / PAIR[1][:-3] / "index.html").read_text(encoding="utf-8")
    assert 'class="alternate" hreflang="zh-TW"' in english and ">中文</a>" in english
    assert 'class="alternate" hreflang="en"' in chinese and ">English</a>" in chinese
    assert '<a class="name" href="../">逐字稿</a>' in chinese
    assert "本站授權: <a rel=\"license\" href=\"https://creativecommons.org/publicdomain/zero/1.0/\"" in chinese
    # The file's own notice (CC BY 4.0 in this sample) is its page's licence line.
    if "licenses/by/4.0" in (built.parent / "archive" / PAIR[1]).read_text(encoding="utf-8"):
        assert '本篇授權: <a rel="license" href="https://creativecommons.org/licenses/by/4.0/"' in chinese
    assert '<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/GIWlfh4gO5A"' in chinese


def test_names_paired_by_twins_and_aliases_make_one_speaker_page_with_the_other_names(tmp_path, corpus_dir):
    archive = tmp_path / "archive"
    archive.mkdir()
    for name in (*PAIR, "2020-10-08-Interview-with-Ailsa-Chang.md", "2019-04-26-美國華府聯訪.md"):
        shutil.copyfile(corpus_dir / name, archive / name)
    shutil.copyfile(corpus_dir / ".alternates", archive / ".alternates")
    (archive / ".transcriber.toml").write_text('[aliases]\n"唐鳳召集人" = "唐鳳"\n', encoding="utf-8")
    (archive / "2024-05-05-Convener.md").write_text(
        "# 2024-05-05 Convener\n\n### 唐鳳召集人：\n\n開會。\n\n### 劉光瑩：\n\n好。\n", encoding="utf-8")
    out = tmp_path / "site"
    build_site(archive, out, search=False)

    pages = {p.parent.name: p.read_text(encoding="utf-8") for p in (out / "speakers").glob("*/index.html")}
    people = {name: text for name, text in pages.items() if 'http-equiv="refresh"' not in text}
    # One page for Audrey Tang, named for the name most transcripts use, listing every transcript.
    tang = [name for name, text in people.items() if "Interview with Ailsa Chang" in text]
    assert tang == ["唐鳳"], sorted(people)
    for title in ("為何唐鳳不害怕", "Why Audrey Tang Has No Fear", "美國華府聯訪", "Convener"):
        assert title in people["唐鳳"], title
    assert re.search(r'<p class="also">也稱: .*Audrey Tang', people["唐鳳"])
    assert "唐鳳召集人" in people["唐鳳"]
    # The interviewer of the twins: one person under two names too.
    liu = [name for name, text in people.items() if "劉光瑩" in text and "Kwangyin Liu" in text]
    assert len(liu) == 1 and not {"Kwangyin-Liu", "劉光瑩"} <= set(people)
    # The other name's own page address (from an earlier build) leads to the one page.
    assert 'url=../../speakers/%E5%94%90%E9%B3%B3/' in pages["Audrey-Tang"]
    index = (out / "speakers" / "index.html").read_text(encoding="utf-8")
    assert index.count('href="唐鳳/"') + index.count('href="%E5%94%90%E9%B3%B3/"') == 1
    assert "Audrey-Tang/" not in index
    # Every label on a transcript links to the merged page.
    english = (out / PAIR[0][:-3] / "index.html").read_text(encoding="utf-8")
    assert 'href="../speakers/%E5%94%90%E9%B3%B3/">Audrey Tang:</a>' in english


def test_twins_that_do_not_line_up_merge_no_one():
    from transcriber.site.people import twin_names

    assert twin_names(["A", "B", "A"], ["甲", "乙", "甲"]) == [("A", "甲"), ("B", "乙")]
    assert twin_names(["A", "A", "B"], ["甲", "乙"]) == [("A", "甲"), ("B", "乙")]  # a turn split in two
    assert twin_names(["A", "B", "A"], ["甲", "乙", "丙"]) == []  # A would be two people
    assert twin_names(["A", "B"], ["甲", "甲"]) == []  # two people would be one
    assert twin_names(["A", None], ["甲", "乙"]) == []  # a role against a person
    assert twin_names(["A", "B", "C"], ["甲", "乙"]) == []
