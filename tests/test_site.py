"""The static site built from an archive of real corpus files."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urljoin

import pytest
from click.testing import CliRunner

from transcriber.cli import cli
from transcriber.site.build import SiteError, build_site

CHINESE = "2021-11-03-健保署啟舜訪問.md"
ENGLISH = "2020-10-08-Interview-with-Ailsa-Chang.md"
SMALL = ["2017-05-19-歐台會傅佩芬來訪.md", "2021-01-07-臺灣茶風味輪案-會前會.md"]
OLD_SLUG = "2021-11-03-健保署訪問"
CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
BASE = "https://transcripts.example.org/"


@pytest.fixture
def archive(tmp_path, corpus_dir):
    root = tmp_path / "archive"
    root.mkdir()
    for name in [CHINESE, ENGLISH, *SMALL]:
        shutil.copyfile(corpus_dir / name, root / name)
    (root / "LICENSE").write_text("CC0 1.0 Universal\n", encoding="utf-8")
    (root / ".transcriber.toml").write_text('[aliases]\n"Audrey Tang" = "唐鳳"\n', encoding="utf-8")
    (root / ".redirects").write_text(f"{OLD_SLUG}\t{CHINESE[:-3]}\n", encoding="utf-8")
    (root / "README.md").write_text("# Not a transcript\n", encoding="utf-8")
    return root


@pytest.fixture
def site(tmp_path, archive):
    out = tmp_path / "site"
    build_site(archive, out, title="Transcripts", base_url=BASE)
    return out


class _Page(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.attrs: list[tuple[str, dict]] = []
        self.title = ""
        self._in_title = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.attrs.append((tag, attrs))
        if tag in ("a", "link") and attrs.get("href"):
            self.links.append(attrs["href"])
        self._in_title = tag == "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        self._in_title = False


def _page(out: Path, rel: str) -> _Page:
    return _Page((out / rel).read_text(encoding="utf-8"))


def _target(out: Path, page: Path, href: str) -> Path:
    url = urljoin("http://site/" + page.relative_to(out).as_posix(), href)
    path = out / unquote(url.removeprefix("http://site/").split("#")[0])
    return path / "index.html" if url.endswith("/") else path


def test_every_page_links_resolve_and_carry_the_licence(site):
    pages = sorted(site.rglob("*.html"))
    pages = [p for p in pages if not {"pagefind", ".search-pages"} & set(p.relative_to(site).parts)]
    assert len(pages) > 10
    for path in pages:
        parsed = _page(site, path.relative_to(site).as_posix())
        for href in parsed.links:
            if href.startswith(("http://", "https://")):
                continue
            assert _target(site, path, href).is_file(), f"{path.relative_to(site)} links to missing {href}"
        licence = [a["href"] for tag, a in parsed.attrs if tag == "a" and a.get("rel") == "license"]
        assert licence[0] == CC0, path  # the archive's licence, on every page
        assert licence[1:] in ([], [CC0], [CC_BY]), path  # and a transcript's own line


def test_transcripts_have_permalinks_titles_languages_and_speakers(site):
    chinese = _page(site, f"{CHINESE[:-3]}/index.html")
    assert chinese.title == "2021-11-03 健保署啟舜訪問"
    html_tag = next(a for tag, a in chinese.attrs if tag == "html")
    assert html_tag["lang"] == "zh-TW"
    assert any("data-pagefind-body" in a for tag, a in chinese.attrs if tag == "main")
    text = (site / CHINESE[:-3] / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h3 id="t-[0-9a-f]{6}(-\d+)?"><a class="speaker" href="../speakers/%E5%94%90%E9%B3%B3/">唐鳳：</a>', text)
    assert "單一認證或多元認證必要性？" in text
    english = _page(site, f"{ENGLISH[:-3]}/index.html")
    assert next(a for tag, a in english.attrs if tag == "html")["lang"] == "en"

    # 唐鳳 and Audrey Tang are one person (the profile's alias): one page with both.
    tang = (site / "speakers" / "唐鳳" / "index.html").read_text(encoding="utf-8")
    assert "健保署啟舜訪問" in tang and "Interview with Ailsa Chang" in tang
    assert "Audrey Tang" in tang  # the other name, shown on the page
    index = (site / "speakers" / "index.html").read_text(encoding="utf-8")
    assert "Audrey-Tang/" not in index


def test_index_by_year_and_date(site):
    home = _page(site, "index.html")
    assert {"2017/", "2020/", "2021/"} <= set(home.links)
    year = (site / "2021" / "index.html").read_text(encoding="utf-8")
    assert year.index("2021-11-03") < year.index("2021-01-07")  # newest first
    assert not (site / "README").exists()


def test_old_slugs_redirect_to_the_new_permalink(site):
    redirect = (site / OLD_SLUG / "index.html").read_text(encoding="utf-8")
    page = _Page(redirect)
    refresh = next(a for tag, a in page.attrs if tag == "meta" and a.get("http-equiv") == "refresh")
    target = refresh["content"].split("url=", 1)[1]
    assert _target(site, site / OLD_SLUG / "index.html", target) == site / CHINESE[:-3] / "index.html"


def test_atom_feed_is_valid_and_lists_every_transcript(site):
    assert ET.parse(site / "feed.xml").getroot().find("{http://www.w3.org/2005/Atom}link").get("href") == BASE + "feed.xml"
    feed = ET.parse(site / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    titles = [e.findtext("a:title", namespaces=ns) for e in entries]
    assert titles[0] == "2021-11-03 健保署啟舜訪問" and len(titles) == 4
    assert len({e.findtext("a:id", namespaces=ns) for e in entries}) == 4
    for entry in entries:
        href = entry.find("a:link", ns).get("href")
        assert href.startswith(BASE)
        assert _target(site, site / "feed.xml", href.removeprefix(BASE)).is_file()


def test_one_search_index_holds_every_transcript(site):
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["zh-TW"]  # one index, in the site's language
    assert entry["languages"]["zh-TW"]["page_count"] == 4
    search = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-TW">' in search and "pagefind/pagefind-ui.js" in search


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run Pagefind's own search")
def test_pagefind_finds_a_chinese_word(site, tmp_path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    script = tmp_path / "search.mjs"
    script.write_text(
        "import { pathToFileURL } from 'node:url';\n"
        "const [,, site, base, term] = process.argv;\n"
        "const pf = await import(pathToFileURL(`${site}/pagefind/pagefind.js`).href);\n"
        "await pf.options({ basePath: `${base}pagefind/`, baseUrl: '/' });\n"
        "const r = await pf.search(term);\n"
        "console.log(JSON.stringify(await Promise.all(r.results.map(async x => (await x.data()).url))));\n"
    )
    try:
        found = {}
        for term in ('"健 保 署"', "Ailsa"):  # Chinese as the search page sends it
            done = subprocess.run(["node", str(script), str(site), base, term],
                                  capture_output=True, text=True, timeout=60, check=True)
            found[term] = [unquote(url) for url in json.loads(done.stdout)]
    finally:
        server.shutdown()
    assert any(CHINESE[:-3] in url for url in found['"健 保 署"'])
    assert not any(ENGLISH[:-3] in url for url in found['"健 保 署"'])
    assert any(ENGLISH[:-3] in url for url in found["Ailsa"])


def _mtimes(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


def test_a_rebuild_after_one_edit_redoes_only_what_depends_on_it(site, archive):
    assert build_site(archive, site, title="Transcripts", base_url=BASE).written == []  # nothing changed
    before = _mtimes(site)
    path = archive / ENGLISH
    path.write_text(path.read_text(encoding="utf-8").replace("Yes.", "Yes, indeed.", 1), encoding="utf-8")

    report = build_site(archive, site, title="Transcripts", base_url=BASE)

    assert report.rendered == [ENGLISH]
    assert report.written[:2] == [f"{ENGLISH[:-3]}/index.html", f".search-pages/{ENGLISH[:-3]}/index.html"]
    assert report.indexed == 1  # the edited page, into the delta; the full index is kept
    after = _mtimes(site)
    changed = {rel for rel in after if before.get(rel) != after[rel]}
    assert {rel for rel in changed if not rel.startswith("pagefind-delta/")} <= {
        f"{ENGLISH[:-3]}/index.html", f".search-pages/{ENGLISH[:-3]}/index.html", ".transcriber-site.json",
        "search/index.html", "search/pagefind.js"}
    assert "Yes, indeed." in (site / ENGLISH[:-3] / "index.html").read_text(encoding="utf-8")
    assert "pagefind-delta/" in (site / "search" / "index.html").read_text(encoding="utf-8")
    again = CliRunner().invoke(cli, ["site", "build", str(archive), str(site), "--title", "Transcripts",
                                     "--base-url", BASE])
    assert again.exit_code == 0 and "search index current" in again.stdout  # nothing more to index


def test_past_the_delta_limit_everything_is_indexed_again(site, archive, monkeypatch):
    from transcriber.site import search as site_search

    monkeypatch.setattr(site_search, "DELTA_LIMIT", 0)
    path = archive / ENGLISH
    path.write_text(path.read_text(encoding="utf-8").replace("Yes.", "Yes, indeed.", 1), encoding="utf-8")

    report = build_site(archive, site, title="Transcripts", base_url=BASE)

    assert report.indexed == 4
    assert not (site / "pagefind-delta").exists()
    assert "pagefind-delta/" not in (site / "search" / "index.html").read_text(encoding="utf-8")
    assert "new Map(Object.entries({}))" in (site / "search" / "pagefind.js").read_text(encoding="utf-8")


def test_a_removed_transcript_disappears_everywhere(site, archive):
    (archive / ENGLISH).unlink()
    report = build_site(archive, site, title="Transcripts", base_url=BASE)
    assert f"{ENGLISH[:-3]}/index.html" in report.deleted
    assert not (site / ENGLISH[:-3]).exists() and not (site / "2020").exists()
    assert not (site / "speakers" / "Ailsa-Chang").exists()
    assert "Ailsa" not in (site / "feed.xml").read_text(encoding="utf-8")


def test_refuses_to_build_into_a_folder_it_did_not_make(archive, tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.txt").write_text("precious", encoding="utf-8")
    with pytest.raises(SiteError, match="not empty"):
        build_site(archive, out)
    assert (out / "thesis.txt").read_text(encoding="utf-8") == "precious"
    result = CliRunner().invoke(cli, ["site", "build", str(archive), str(out)])
    assert result.exit_code != 0 and result.stderr.startswith("Error: ")
    result = CliRunner().invoke(cli, ["site", "build", str(archive), str(tmp_path / "new"), "--no-search"])
    assert result.exit_code == 0, result.output
    assert "4 transcripts: 4 rendered" in result.stdout
    assert "--base-url" in result.stderr  # no public address: no feed, and it says so


def _opens(out: Path, name: str) -> str | None:
    """The transcript page the URL ``/<name>/`` ends on, following redirect pages; None for a 404."""
    for _ in range(3):
        path = out / name / "index.html"
        if not path.is_file():
            return None
        refresh = [a for tag, a in _page(out, f"{name}/index.html").attrs
                   if tag == "meta" and a.get("http-equiv") == "refresh"]
        if not refresh:
            return name
        target = _target(out, path, refresh[0]["content"].split("url=", 1)[1])
        name = target.parent.relative_to(out).as_posix()
    return None


def test_every_url_archive_tw_serves_for_a_transcript_resolves(tmp_path, corpus_dir):
    """archive.tw's key of each file (lower-cased, cut at 50 UTF-16 units, a trailing hyphen
    kept) and both columns of .redirects, merged keys included, open the transcript."""
    archive = tmp_path / "archive"
    archive.mkdir()
    vtaiwan = "2017-09-15-vTaiwan-線上諮詢會議「違反本人意願而散布本人的身體私密影像」.md"
    shutil.copyfile(corpus_dir / vtaiwan, archive / vtaiwan)
    shutil.copyfile(corpus_dir / ENGLISH, archive / ENGLISH)
    body = (corpus_dir / SMALL[0]).read_text(encoding="utf-8").split("\n", 1)[1]
    hyphen = "2022-01-12-Roundtable-with-Beth-S.-Noveck-and-Hal-Seki.md"  # cut ends on "-"
    twins = ["2020-12-08-Rino-A-Nugroho,-Dachi-Liao-and-Septyanto-Galan-Prakoso-visit.md",
             "2020-12-08-Rino-A-Nugroho,-Dachi-Liao-and-Septyanto-Galan-Prakoso-visit-2.md"]
    for name in (hyphen, *twins):
        (archive / name).write_text(f"# {name[:10]} {name[11:-3]}\n{body}", encoding="utf-8")
    # Lines as the real .redirects has them: a file's key merged into a key no file has,
    # a second old key merged into that one, and a chain through a renamed file.
    (archive / ".redirects").write_text(
        "# comment\n"
        "2017-09-15-vtaiwan-線上諮詢會議「違反本人意願而散布本人的身體私密影像」\t"
        "2017-09-15-vtaiwan-線上諮詢會議違反本人意願而散布本人的身體私密影像\n"
        "2017-09-15-vtaiwan-線上諮詢會議違反本人意願而散布本人的身體私密影像-2\t"
        "2017-09-15-vtaiwan-線上諮詢會議違反本人意願而散布本人的身體私密影像\n"
        "2022-01-12-roundtable-with-beth-s.-noveck-and-hal-\t2022-01-12-roundtable-with-beth-s-noveck-and-hal-s\n"
        "2020-10-08-Interview-with-Ailsa-Chang-old\t2020-10-08-interview-with-ailsa-chang\n",
        encoding="utf-8")
    out = tmp_path / "site"
    report = build_site(archive, out, search=False)

    from transcriber.archive.filenames import archive_key
    from transcriber.archive.links import collision_key, read_pairs

    for name in (vtaiwan, ENGLISH, hyphen):
        assert _opens(out, name[:-3]) == name[:-3]
        assert _opens(out, archive_key(name)) == name[:-3], archive_key(name)
    assert archive_key(hyphen).endswith("-")
    for number, old, new in read_pairs(archive, ".redirects"):
        assert _opens(out, old) is not None, f"line {number}: {old}"
        assert _opens(out, old) == _opens(out, new), f"line {number}: {new}"
    assert _opens(out, "2022-01-12-roundtable-with-beth-s-noveck-and-hal-s") == hyphen[:-3]
    # Two names cut to one key: each has its collision key, and the shared key lists both.
    for name in twins:
        assert _opens(out, collision_key(name[:-3])) == name[:-3]
    shared = (out / archive_key(twins[0]) / "index.html").read_text(encoding="utf-8")
    assert all(quote(name[:-3]) in shared for name in twins)
    assert not [w for w in report.warnings if ".redirects" in w]


def test_archive_check_and_the_site_name_the_same_redirects_lines_that_lead_nowhere(tmp_path, corpus_dir):
    """A merged key no file has is a live URL (archive.tw serves both columns), so neither
    tool complains of it; a line that reaches no transcript, directly or through other
    lines, is named by both: a warning of ``archive check``, a warning of ``site build``."""
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copyfile(corpus_dir / ENGLISH, archive / ENGLISH)
    slug = ENGLISH[:-3]
    (archive / ".redirects").write_text(
        f"{slug.lower()}\tailsa-chang-merged\n"  # the file's key merged into a key no file has
        "ailsa-chang-older\tailsa-chang-merged\n"  # another old key merged into that one
        "2019-01-01-gone\t2019-01-01-also-gone\n"  # leads nowhere
        "just-one-field\n"  # not a line at all
        "2019-01-02-gone\t2019-01-01-gone\n"  # leads only to the dead line 3
        f"ailsa-chang-merged\t{slug}-renamed\n",  # a right column reached from the left
        encoding="utf-8")
    out = tmp_path / "site"

    checked = CliRunner().invoke(cli, ["archive", "check", str(archive)])
    built = CliRunner().invoke(cli, ["site", "build", str(archive), str(out), "--no-search"])

    assert checked.exit_code == 0 and built.exit_code == 0, checked.output + built.output
    assert re.findall(r"^\.redirects:(\d+): warning: ", checked.stdout, re.M) == ["3", "4", "5"]
    assert re.findall(r"^Warning: \.redirects line (\d+): ", built.stderr, re.M) == ["3", "4", "5"]
    assert "neither 2019-01-01-gone nor 2019-01-01-also-gone" in checked.stdout
    for name in (slug.lower(), "ailsa-chang-merged", "ailsa-chang-older", f"{slug}-renamed"):
        assert _opens(out, name) == slug, name
    assert _opens(out, "2019-01-01-gone") is None


def test_one_date_per_meeting_from_the_file_name_in_the_site_and_the_library(tmp_path, library):
    from transcriber.archive.convert import import_archive

    archive = tmp_path / "archive"
    archive.mkdir()
    files = {
        "2015-11-07-課發會.md": "# 2025-11-07 課發會\n\n### 主席：\n\n開會。\n",  # an H1 typo
        "1999年全國司法改革會議.md": "# 1999年全國司法改革會議\n\n### 主席：\n\n開會。\n",  # no date
        "2019\u201112\u201125-Interview.md": "# 2019\u201112\u201125 Interview\n\n### Q:\n\nWhy?\n",
    }
    for name, text in files.items():
        (archive / name).write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    report = build_site(archive, out, search=False)
    imported = import_archive(library, archive)

    dates = {m.slug + ".md": m.date for m in imported.meetings}
    assert dates == {"2015-11-07-課發會.md": "2015-11-07", "1999年全國司法改革會議.md": "",
                     "2019\u201112\u201125-Interview.md": "2019-12-25"}
    # The site lists each meeting under that same date, and nothing under the H1's year.
    assert "課發會" in (out / "2015" / "index.html").read_text(encoding="utf-8")
    assert not (out / "2025").exists() and not (out / "1999").exists()
    assert "Interview" in (out / "2019" / "index.html").read_text(encoding="utf-8")
    # The undated file says so, on its page and in both reports; no date is made up.
    page = (out / "1999年全國司法改革會議" / "index.html").read_text(encoding="utf-8")
    assert "<time" not in page and "檔名未載日期" in page
    assert "1999-01-01" not in page and "1999-01-01" not in (out / "index.html").read_text(encoding="utf-8")
    for warnings in (report.warnings, [f"{w.file}: {w.message}" for w in imported.warnings]):
        text = "\n".join(warnings)
        assert re.search(r"1999年全國司法改革會議.md: no date in (its|the) file name", text), text
        assert re.search(r"2015-11-07-課發會.md: (its|the) H1 says 2025-11-07", text), text
