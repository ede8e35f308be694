"""The built site in a real browser: Debian's Chromium driven by Playwright, served locally."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from transcriber.site.build import build_site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SAMPLE = [
    "2021-11-03-健保署啟舜訪問.md",
    "2019-07-10-建議營養照護納入健保給付案-專家諮詢會議.md",
    "2018-09-20-Conversation-at-New-York-University.md",
    "2020-10-08-Interview-with-Ailsa-Chang.md",
    "2026-03-24-為何唐鳳不害怕-AI-智慧體與-OpenClaw.md",
    "2017-05-19-歐台會傅佩芬來訪.md",
]
HOSTILE = "2024-01-01-Hostile.md"
FRENCH = "2024-02-02-Entretien.md"
ENGLISH_EXTRA = "2017-08-28-Interview-with-Danny-Lämmerhirt.md"  # English, for an English-majority site
LONG_URL = "https://example.org/" + "/".join(["averyveryverylongpathsegmentwithoutbreaks"] * 6)
# A 19-character query (the title of SAMPLE[1]) and a page, of another year, that says only
# its first 10 characters: search looks a query up by its first 10 words.
LONG_CHINESE = "建議營養照護納入健保給付案專家諮詢會議"
CHINESE_START_ONLY = ("2023-05-05-營養照護座談.md",
                      "# 2023-05-05 營養照護座談\n\n### 唐鳳：\n\n我們建議營養照護納入健保範圍，再作討論。\n")
# The same in English: 12 words, the second page says the first 10 but not "Zanzibar". Both
# pages are mostly Chinese, as the site is (its language is its pages' majority).
LONG_ENGLISH = "every citizen can read the whole record of this meeting about Zanzibar"
MOSTLY_CHINESE = "### 唐鳳：\n\n今天的會議紀錄會全文公開，每一位公民都可以查閱，也可以在公開的檔案庫中提出更正，讓紀錄更完整。\n\n"
ENGLISH_WHOLE = ("2022-06-01-紀錄座談.md",
                 f"# 2022-06-01 紀錄座談\n\n{MOSTLY_CHINESE}### Audrey Tang:\n\nEvery citizen can read the "
                 "whole record of this meeting about marmalade and government in Zanzibar.\n")
ENGLISH_START_ONLY = ("2023-06-01-紀錄後續.md",
                      f"# 2023-06-01 紀錄後續\n\n{MOSTLY_CHINESE}### Audrey Tang:\n\nEvery citizen can read the "
                      "whole record of this meeting about marmalade, but not here.\n")

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (install.sh)")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def _serving(site: Path) -> Iterator[str]:
    """``site`` over HTTP on a free local port: yields its address; stopped and joined after."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _archive(root: Path, corpus_dir: Path, names: list[str], written: tuple = ()) -> Path:
    """An archive folder under ``root``: these corpus files, and (name, text) pairs written."""
    archive = root / "archive"
    archive.mkdir()
    for name in names:
        shutil.copyfile(corpus_dir / name, archive / name)
    for name, text in written:
        (archive / name).write_text(text, encoding="utf-8")
    return archive


@contextlib.contextmanager
def _desktop_page(browser) -> Iterator:
    """A page in a fresh desktop-sized context (the year filter shows at this width)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory, corpus_dir):
    root = tmp_path_factory.mktemp("browser")
    hostile = (
        "# 2024-01-01 Hostile\n\n<script>alert('script')</script>\n\n### 唐鳳：\n\n"
        "<img src=x onerror=\"alert('img')\"> [click](javascript:alert('link')) "
        "<a href=\"javascript:alert('a')\">a</a> <svg onload=\"alert('svg')\"></svg>\n\n"
        f"### Audrey Tang:\n\nSee {LONG_URL} and <{LONG_URL}> for details.\n\n"
        f"| a | b |\n|---|---|\n| {LONG_URL} | {'很長的表格內容' * 20} |\n"
    )
    french = ("# 2024-02-02 Entretien\n\n### Journaliste :\n\nQu’avez-vous répondu ?\n\n"
              "### Audrey Tang:\n\nMoi, j'ai dit non, et j’ai expliqué pourquoi aux gouvernements.\n")
    archive = _archive(root, corpus_dir, SAMPLE, [(HOSTILE, hostile), (FRENCH, french), CHINESE_START_ONLY,
                                                  ENGLISH_WHOLE, ENGLISH_START_ONLY])
    site = root / "site"
    build_site(archive, site, title="逐字稿", base_url="https://example.org/")
    with _serving(site) as base:
        yield site, base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    opened.dialogs = dialogs
    yield opened
    context.close()


def _search(page, base: str, query: str) -> list[dict]:
    page.goto(base + "search/")
    page.fill(".pagefind-ui__search-input", query)
    page.wait_for_selector(".pagefind-ui__result-excerpt", timeout=60_000)
    page.wait_for_load_state("networkidle")
    return page.eval_on_selector_all(
        ".pagefind-ui__result",
        "items => items.map(i => ({title: i.querySelector('.pagefind-ui__result-title').innerText,"
        " excerpt: (i.querySelector('.pagefind-ui__result-excerpt') || {}).innerText || ''}))",
    )


def _year_counts(page) -> dict[str, int]:
    """The year filter's count for each year, as the search page shows them."""
    page.locator("details.pagefind-ui__filter-block").evaluate("group => { group.open = true; }")
    return page.eval_on_selector_all(
        ".pagefind-ui__filter-value",
        "values => Object.fromEntries(values.map(v => [v.querySelector('input').value,"
        " Number((v.innerText.match(/\\((\\d+)\\)/) || [0, -1])[1])]))")


def test_a_chinese_word_finds_every_transcript_that_says_it_in_a_traditional_ui(served, page):
    site, base = served
    results = _search(page, base, "健保")
    titles = " ".join(r["title"] for r in results)
    assert "健保署啟舜訪問" in titles and "建議營養照護納入健保給付案" in titles
    assert all("健保" in r["excerpt"] for r in results), results
    assert all("\u200b" not in r["excerpt"] for r in results)
    message = page.inner_text(".pagefind-ui__message")
    assert "個" in message and "个" not in message  # Traditional, not Simplified
    assert "Year" not in page.inner_text("#search")  # the filter is named in the site's language
    assert not any(r["excerpt"].startswith(("2021-", "2019-")) for r in results)  # no date junk


def test_an_english_phrase_finds_its_transcripts_with_excerpts(served, page):
    site, base = served
    results = _search(page, base, "open government")
    assert any("New York University" in r["title"] for r in results)
    assert all(r["excerpt"].strip() for r in results)
    assert any("government" in r["excerpt"].lower() for r in results)


def test_the_year_filter_narrows_the_results(served, browser):
    site, base = served
    with _desktop_page(browser) as page:
        _search(page, base, "健保")
        before = page.locator(".pagefind-ui__result").count()
        page.locator("details.pagefind-ui__filter-block").evaluate("group => { group.open = true; }")
        page.click("label.pagefind-ui__filter-label[for$='-2019']")
        page.wait_for_function(
            "n => document.querySelectorAll('.pagefind-ui__result').length < n", arg=before, timeout=10_000)
        titles = page.eval_on_selector_all(
            ".pagefind-ui__result", "r => r.map(x => x.querySelector('.pagefind-ui__result-title').innerText)")
    assert titles and all(t.startswith("2019-") for t in titles)


def test_the_year_counts_of_a_several_word_query_count_its_results(served, browser):
    """'marmalade' is on a 2022 and a 2023 page, 'government' on the 2022 one and others:
    the query finds the 2022 page alone, so 2023 counts none (it counted the rarer word's pages)."""
    site, base = served
    with _desktop_page(browser) as page:
        titles = [r["title"] for r in _search(page, base, "marmalade government")]
        counts = _year_counts(page)
    assert len(titles) == 1 and "紀錄座談" in titles[0]
    assert counts["2022"] == 1 and counts["2023"] == 0, counts
    assert sum(counts.values()) == len(titles), counts


@pytest.mark.parametrize(("query", "whole", "start_only"), [
    (LONG_CHINESE, SAMPLE[1], CHINESE_START_ONLY[0]),
    (LONG_ENGLISH, ENGLISH_WHOLE[0], ENGLISH_START_ONLY[0]),
], ids=["chinese", "english"])
def test_a_query_longer_than_its_lookups_matches_in_full(served, browser, query, whole, start_only):
    """A page that says only the first 10 words of the query is not a result, nor counted in
    its year; the page that says all of it is."""
    site, base = served
    with _desktop_page(browser) as page:
        titles = [r["title"] for r in _search(page, base, query)]
        counts = _year_counts(page)
        note = page.locator("#search-unchecked")
        assert note.is_hidden()
    assert len(titles) == 1 and titles[0].startswith(whole[:10]), titles
    assert counts[start_only[:4]] == 0 and counts[whole[:4]] == 1, counts


def test_pages_past_the_checked_ones_are_said_not_hidden(tmp_path, corpus_dir, browser):
    """More pages say the start of a long query than are checked in full: those shown say
    all of it, and the page says how many were left unchecked."""
    start_only = [(f"2015-01-{day:02d}-營養照護座談-{day}.md",
                   f"# 2015-01-{day:02d} 營養照護座談 {day}\n\n### 唐鳳：\n\n建議營養照護納入健保範圍。\n")
                  for day in range(1, 11)]
    archive = _archive(tmp_path, corpus_dir, [SAMPLE[1]], start_only)
    build_site(archive, tmp_path / "site", title="逐字稿")
    with _serving(tmp_path / "site") as base, _desktop_page(browser) as page:
        page.goto(base + "search/")
        page.fill(".pagefind-ui__search-input", LONG_CHINESE)
        page.wait_for_selector("#search-unchecked:not([hidden])", timeout=60_000)
        page.wait_for_load_state("networkidle")
        note = page.inner_text("#search-unchecked")
        titles = page.eval_on_selector_all(".pagefind-ui__result-title", "ts => ts.map(t => t.innerText)")
    assert all("建議營養照護納入健保給付案" in t for t in titles), titles
    assert "另有 6 篇" in note, note  # 11 pages say the start, 5 were checked


def test_hostile_content_runs_nothing(served, page):
    site, base = served
    page.goto(base + quote(HOSTILE[:-3]) + "/")
    page.wait_for_load_state("networkidle")
    for link in page.locator("main a").all():
        href = link.get_attribute("href") or ""
        assert not href.lower().startswith("javascript:")
    assert page.dialogs == []
    assert page.locator("script", has_text="alert").count() == 0


def test_latin_queries_match_whole_words(served, page):
    site, base = served
    titles = " ".join(r["title"] for r in _search(page, base, "AI"))
    assert "為何唐鳳不害怕" in titles  # "AI 智慧體"
    assert "Entretien" not in titles  # French "j'ai" is not the word AI
    assert "Entretien" in " ".join(r["title"] for r in _search(page, base, "j'ai"))
    assert "Entretien" in " ".join(r["title"] for r in _search(page, base, "gouvernements"))
    # A word is not a prefix: "gouvernement" is not in the French file, "gouvernements" is.
    assert "Entretien" not in " ".join(_settled_titles(page, base, "gouvernement"))
    both = " ".join(_settled_titles(page, base, "open government"))
    assert "New York University" in both and "Entretien" not in both


def test_a_long_chinese_query_stays_within_its_request_budget(served, browser):
    """A 19-character query (each character a word of the index): at most 30 requests and
    800 KB for the whole visit, and still the transcript that says it (the bench measures
    the same on 2,000 transcripts)."""
    site, base = served
    context = browser.new_context()
    try:
        page = context.new_page()
        finished: list = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(base + "search/")
        page.fill(".pagefind-ui__search-input", LONG_CHINESE)
        page.wait_for_selector(".pagefind-ui__result-excerpt", timeout=60_000)
        page.wait_for_load_state("networkidle")
        size = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in finished)
        titles = page.eval_on_selector_all(".pagefind-ui__result-title", "ts => ts.map(t => t.innerText)")
    finally:
        context.close()
    assert titles and all("建議營養照護納入健保給付案" in t for t in titles), titles
    assert len(finished) <= 30, [r.url for r in finished]
    assert size <= 800 * 1024


def _overflowing(page) -> list[str]:
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          const wide = [];
          for (const el of document.querySelectorAll('body *')) {
            const box = el.getBoundingClientRect();
            if (box.width > 0 && box.right > width + 1) wide.push(el.tagName + ' ' + el.className + ' ' + Math.round(box.right));
          }
          if (document.documentElement.scrollWidth > width) wide.push('page ' + document.documentElement.scrollWidth);
          return wide;
        }"""
    )


def test_nothing_is_wider_than_a_phone(served, page):
    site, base = served
    pages = ["", "speakers/", "2021/", HOSTILE[:-3] + "/", *[name[:-3] + "/" for name in SAMPLE]]
    for rel in pages:
        page.goto(base + quote(rel))
        page.wait_for_load_state("networkidle")
        assert _overflowing(page) == [], rel
    _search(page, base, "open government")
    assert _overflowing(page) == [], "search results"


def test_a_cited_paragraph_or_turn_opens_at_its_anchor(served, page):
    site, base = served
    page.goto(base + quote(SAMPLE[0][:-3]) + "/")
    anchors = page.eval_on_selector_all("a.cite", "links => links.map(a => a.getAttribute('href'))")
    paragraphs = page.eval_on_selector_all("main section.turn p, main section.turn li", "ps => ps.length")
    assert anchors and all(a.startswith("#p-") for a in anchors) and len(anchors) >= paragraphs
    assert page.locator("a.cite").first.is_visible()
    turns = page.eval_on_selector_all("h3[id^='t-']", "hs => hs.map(h => '#' + h.id)")
    for cited in (anchors[len(anchors) // 2], turns[len(turns) // 2]):  # a paragraph, a whole turn
        page.goto(base + quote(SAMPLE[0][:-3]) + "/" + cited)
        assert page.evaluate("() => document.querySelector(':target').id") == cited[1:]


def _settled_titles(page, base: str, query: str) -> list[str]:
    """The result titles once the search page has answered ``query``, none included."""
    page.goto(base + "search/")
    page.fill(".pagefind-ui__search-input", query)
    page.wait_for_function(
        "() => { const m = document.querySelector('.pagefind-ui__message');"
        " return m && /\\d|找不到|No results/.test(m.innerText); }", timeout=60_000)
    page.wait_for_load_state("networkidle")
    return page.eval_on_selector_all(
        ".pagefind-ui__result",
        "results => results.map(r => r.querySelector('.pagefind-ui__result-title').innerText)")


def test_after_an_edit_and_a_removal_search_finds_the_new_text_only(tmp_path, corpus_dir, browser):
    """A rebuild indexes only the edited page; search must not answer from the old text,
    show the edited page twice, or find a removed transcript."""
    edited, removed = "2020-10-08-Interview-with-Ailsa-Chang.md", SAMPLE[2]
    # A Chinese site before and after.
    archive, site = _archive(tmp_path, corpus_dir, [SAMPLE[0], SAMPLE[1], edited, removed]), tmp_path / "site"
    assert build_site(archive, site, title="逐字稿").indexed == 4
    text = (archive / edited).read_text(encoding="utf-8")
    assert "quarantine" in text and "sequestration" not in text  # in no other file either
    (archive / edited).write_text(text.replace("quarantine", "sequestration"), encoding="utf-8")
    assert build_site(archive, site, title="逐字稿").indexed == 1  # the edited page alone
    (archive / removed).unlink()
    assert build_site(archive, site, title="逐字稿").indexed == 0  # nothing new to index
    assert (site / "pagefind-delta" / "pagefind.js").is_file()

    with _serving(site) as base, _desktop_page(browser) as page:
        assert _settled_titles(page, base, "quarantine") == []
        found = _settled_titles(page, base, "sequestration")
        assert len(found) == 1 and "Ailsa Chang" in found[0]
        assert not any("New York University" in t for t in _settled_titles(page, base, "University"))
        common = _settled_titles(page, base, "Taiwan")
        assert sum("Ailsa Chang" in t for t in common) == 1, common


def test_an_english_site_finds_chinese_words_and_shows_them_unspaced(tmp_path, corpus_dir, browser):
    """Most transcripts English: the index splits only at white space, so the copies split
    Han characters with spaces, and the excerpts join them again."""
    archive = _archive(tmp_path, corpus_dir, [SAMPLE[0], SAMPLE[2], SAMPLE[3], ENGLISH_EXTRA])
    site = tmp_path / "site"
    build_site(archive, site, title="Transcripts")
    assert '<html lang="en">' in (site / "search" / "index.html").read_text(encoding="utf-8")
    with _serving(site) as base, _desktop_page(browser) as page:
        results = _search(page, base, "健保署")
    assert [r for r in results if "健保署啟舜訪問" in r["title"]]
    assert all("健保署" in r["excerpt"] and "健 保" not in r["excerpt"] for r in results), results
