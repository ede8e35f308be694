"""HTML of each kind of page of the static site, as plain functions of their data.

Every page is a pure function of what it shows (no clock, no build order), so the
builder can tell whether a page changed by hashing it, and a rebuild rewrites only
the pages whose data changed. Links are relative (``../slug/``) so the site works
under any path prefix, such as a GitHub Pages project site.
"""

from __future__ import annotations

import html
import json
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import quote

from transcriber.model import Licence
from transcriber.site.search import HAN

LICENCES = {
    Licence.CC_BY_4.value: ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    Licence.CC0.value: ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
}
CHINESE = "zh-TW"  # the lang of Chinese pages: Pagefind's UI then speaks Traditional Chinese
WORDS = {
    CHINESE: {
        "search": "搜尋", "speakers": "發言者", "feed": "訂閱", "licence": "授權",
        "archive_licence": "本站授權", "page_licence": "本篇授權",
        "years": "年份", "latest": "最新", "moved": "此頁已移至", "undated": "其他逐字稿",
        "copy": "複製此段連結", "copied": "已複製連結", "year_filter": "年份",
        "one_timers": "另有 {count} 位發言者只出現在一篇逐字稿，請見該篇。",
        "transcripts": "{count} 篇", "also": "也稱", "undated_note": "檔名未載日期",
        "choose": "這個連結可能是指：",
        "unchecked": "另有 {count} 篇含有這段搜尋詞的開頭，未逐篇核對全文，所以未列出；請縮短搜尋詞。",
    },
    "en": {
        "search": "Search", "speakers": "Speakers", "feed": "Atom feed", "licence": "Licence",
        "archive_licence": "Site licence", "page_licence": "This transcript",
        "years": "Years", "latest": "Latest", "moved": "This page moved to", "undated": "Other transcripts",
        "copy": "Copy a link to this turn", "copied": "Link copied", "year_filter": "Year",
        "one_timers": "{count} more speakers appear in one transcript each; see that transcript.",
        "transcripts": "{count} transcripts", "also": "Also", "undated_note": "No date in its file name",
        "choose": "This link may mean:",
        "unchecked": ("{count} more transcripts contain the start of this query but were not checked "
                      "for all of it, so they are not listed; shorten the query to see them."),
    },
}
LANGUAGE_NAMES = {CHINESE: "中文", "en": "English"}
HAN_CLASS = HAN.encode("unicode_escape").decode("ascii")  # for a JS RegExp
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Entry:
    """What the aggregate pages know about one transcript (kept in the build manifest)."""

    file: str
    slug: str
    date: str  # YYYY-MM-DD from the file name (the one date of a meeting), or "" for none
    title: str
    lang: str  # zh-TW or en
    licence: str
    summary: str
    speakers: list[list] = field(default_factory=list)  # [label as written, number of turns]
    turns: list[int] = field(default_factory=list)  # each labelled turn's index in speakers
    h1_date: str = ""  # the H1's date where it differs from the file name's

    @property
    def year(self) -> str:
        return self.date[:4]


@dataclass
class Site:
    title: str
    lang: str
    licence: str
    base_url: str = ""  # absolute URL of the site root, for the feed; "" means no feed


@dataclass
class PageLinks:
    """What a transcript page links to besides itself; decided from the whole archive."""

    speakers: list[list] = field(default_factory=list)  # [person, speaker page slug or ""]
    alternate: list[str] | None = None  # [slug, lang] of the other-language twin


def href(depth: int, target: str) -> str:
    """Link from a page ``depth`` folders below the root to root-relative ``target``."""
    return "../" * depth + quote(target, safe="/-._~")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def licence_html(licence: str) -> str:
    name, url = LICENCES.get(licence, LICENCES[Licence.CC_BY_4.value])
    return f'<a rel="license" href="{url}">{name}</a>'


_COPY_SCRIPT = """<script>
document.addEventListener('click', event => {
  const link = event.target.closest('a.cite');
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  history.replaceState(null, '', link.hash);
  navigator.clipboard.writeText(link.href).then(() => { link.dataset.copied = '1'; },
    () => { location.hash = link.hash; });
});
</script>
"""


def page(site: Site, *, title: str, lang: str, depth: int, body: str,
         page_licence: str | None = None, head: str = "", script: str = "") -> str:
    """The frame every page shares: header links, the licences in the footer."""
    words = WORDS[lang]
    feed = (f'<a href="{href(depth, "feed.xml")}">{words["feed"]}</a>' if site.base_url else "")
    feed_head = (f'<link rel="alternate" type="application/atom+xml" href="{href(depth, "feed.xml")}">\n'
                 if site.base_url else "")
    lines = [f'{words["archive_licence"]}: {licence_html(site.licence)}']
    if page_licence:
        lines.append(f'{words["page_licence"]}: {licence_html(page_licence)}')
    footer = "".join(f'<p class="licence">{line}</p>' for line in lines)
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n"
        f'<link rel="stylesheet" href="{href(depth, "assets/style.css")}">\n'
        f"{feed_head}{head}</head>\n<body>\n"
        f'<header class="site"><a class="name" href="{href(depth, "") or "./"}">{esc(site.title)}</a>'
        f'<a href="{href(depth, "speakers/")}">{words["speakers"]}</a>'
        f'<a href="{href(depth, "search/")}">{words["search"]}</a>{feed}</header>\n'
        f"{body}"
        f'<footer class="site">{footer}</footer>\n{script}'
        "</body>\n</html>\n"
    )


def transcript_page(site: Site, entry: Entry, body_html: str, links: PageLinks) -> str:
    """One transcript at ``/<slug>/``; only the part inside data-pagefind-body is searchable.

    The date and year reach Pagefind as attributes, not text, so they never show up in
    an excerpt; the title and the transcript are the searchable text.
    """
    words = WORDS[entry.lang]
    people = " · ".join(
        f'<a href="{href(1, "speakers/" + slug + "/")}">{esc(name)}</a>' if slug else esc(name)
        for name, slug in links.speakers
    )
    details = []
    if entry.date:
        details.append(f'<time datetime="{esc(entry.date)}">{esc(entry.date)}</time>')
    else:  # said, not guessed: the public record has no date for it
        details.append(f'<span class="undated">{words["undated_note"]}</span>')
    if links.alternate:
        twin, twin_lang = links.alternate
        details.append(f'<a class="alternate" hreflang="{twin_lang}" lang="{twin_lang}" '
                       f'href="{href(1, twin + "/")}">{LANGUAGE_NAMES[twin_lang]}</a>')
    search_attrs = ""
    if entry.date:
        search_attrs = (f' data-pagefind-filter="{esc(WORDS[site.lang]["year_filter"])}:{entry.year}"'
                        f' data-pagefind-meta="date:{esc(entry.date)}"'
                        f' data-pagefind-sort="date:{esc(entry.date)}"')
    body = (
        f"<main data-pagefind-body{search_attrs}>\n"
        f'<h1 data-pagefind-meta="title">{esc(entry.title)}</h1>\n'
        f'<p class="meta" data-pagefind-ignore>{" · ".join(details)}</p>\n'
        + (f'<p class="speakers" data-pagefind-ignore>{words["speakers"]}: {people}</p>\n' if people else "")
        + body_html
        + "</main>\n"
    )
    head = f'<link rel="canonical" href="{href(1, entry.slug + "/")}">\n'
    if links.alternate:
        head += f'<link rel="alternate" hreflang="{links.alternate[1]}" href="{href(1, links.alternate[0] + "/")}">\n'
    title = f"{entry.date} {entry.title}".strip()
    return page(site, title=title, lang=entry.lang, depth=1, body=body, page_licence=entry.licence,
                head=head, script=_COPY_SCRIPT)


def _entry_list(entries: list[Entry], depth: int) -> str:
    items = "".join(
        (f'<li><time datetime="{e.date}">{e.date}</time>' if e.date else "<li>")
        + f'<a href="{href(depth, e.slug + "/")}">{esc(e.title)}</a></li>\n'
        for e in entries
    )
    return f'<ul class="entries">\n{items}</ul>\n'


def home_page(site: Site, by_year: dict[str, list[Entry]], latest: list[Entry], undated: list[Entry]) -> str:
    words = WORDS[site.lang]
    years = "".join(
        f'<li><a href="{year}/">{year}</a> <span class="count">{len(entries)}</span></li>'
        for year, entries in sorted(by_year.items(), reverse=True)
    )
    other = f'<h2>{words["undated"]}</h2>\n{_entry_list(undated, 0)}' if undated else ""
    body = (
        f"<main>\n<h1>{esc(site.title)}</h1>\n<h2>{words['years']}</h2>\n"
        f'<ul class="years">{years}</ul>\n<h2>{words["latest"]}</h2>\n{_entry_list(latest, 0)}{other}</main>\n'
    )
    return page(site, title=site.title, lang=site.lang, depth=0, body=body)


def year_page(site: Site, year: str, entries: list[Entry]) -> str:
    body = f"<main>\n<h1>{year}</h1>\n{_entry_list(entries, 1)}</main>\n"
    return page(site, title=f"{year} · {site.title}", lang=site.lang, depth=1, body=body)


def speakers_page(site: Site, people: list[tuple[str, str, int]], one_timers: int) -> str:
    """The speaker index: (name, slug, transcripts) of people in more than one transcript.

    The thousands of people who appear once are reached from their transcript; listing
    them all would make this page as heavy as the archive's longest transcript.
    """
    words = WORDS[site.lang]
    items = "".join(
        f'<li><a href="{quote(slug, safe="-._~")}/">{esc(name)}</a> <span class="count">{count}</span></li>\n'
        for name, slug, count in people
    )
    note = f'<p class="note">{words["one_timers"].format(count=one_timers)}</p>\n' if one_timers else ""
    body = f'<main>\n<h1>{words["speakers"]}</h1>\n<ul class="people">\n{items}</ul>\n{note}</main>\n'
    return page(site, title=f'{words["speakers"]} · {site.title}', lang=site.lang, depth=1, body=body)


def speaker_page(site: Site, name: str, entries: list[Entry], other_names: list[str] = ()) -> str:
    """A person's transcripts, newest first, with the other names the person goes by."""
    words = WORDS[site.lang]
    entries = sorted(entries, key=lambda e: (e.date, e.slug), reverse=True)
    count = words["transcripts"].format(count=len(entries))
    also = (f'<p class="also">{words["also"]}: {" · ".join(esc(other) for other in other_names)}</p>\n'
            if other_names else "")
    body = (f'<main>\n<h1>{esc(name)}</h1>\n{also}<p class="meta">{count}</p>\n'
            f"{_entry_list(entries, 2)}</main>\n")
    return page(site, title=f"{name} · {site.title}", lang=site.lang, depth=2, body=body)


def redirect_page(site: Site, target_slug: str, depth: int = 1) -> str:
    """An old permalink ``depth`` folders down: a meta refresh (works without JavaScript)
    and a canonical link to root-relative ``target_slug``.

    The fragment (``#t-…``) of a cited turn is carried over by the script.
    """
    target = href(depth, target_slug + "/")
    body = f'<main>\n<p>{WORDS[site.lang]["moved"]} <a href="{target}">{esc(target_slug)}</a></p>\n</main>\n'
    head = (f"<script>location.replace({json.dumps(target)} + location.hash);</script>\n"
            f'<meta http-equiv="refresh" content="0; url={target}">\n'
            f'<link rel="canonical" href="{target}">\n<meta name="robots" content="noindex">\n')
    return page(site, title=target_slug, lang=site.lang, depth=depth, body=body, head=head)


def choice_page(site: Site, entries: list[Entry]) -> str:
    """A name two transcripts share (archive.tw cut both to it): a link to each, no guess."""
    body = f'<main>\n<p>{WORDS[site.lang]["choose"]}</p>\n{_entry_list(entries, 1)}</main>\n'
    head = '<meta name="robots" content="noindex">\n'
    return page(site, title=site.title, lang=site.lang, depth=1, body=body, head=head)


def search_page(site: Site, search: bool, delta: bool = False) -> str:
    """Pagefind's UI in the site's language, over the full index in ``/pagefind/`` and,
    when ``delta``, the pages changed since in ``/pagefind-delta/``, through
    ``/search/pagefind.js`` (see ``site_search``)."""
    words = WORDS[site.lang]
    head = ('<link rel="stylesheet" href="../pagefind/pagefind-ui.css">\n'
            '<script src="../pagefind/pagefind-ui.js"></script>\n') if search else ""
    # The date is shown in the title, not as an untranslated "date:" line; no result has
    # an image, so no empty thumbnail column either.
    script = (
        "<script>\n"
        # Han characters were split for the index (see site_search): joined again here.
        f"const HAN = '{HAN_CLASS}';\n"
        "const joined = new RegExp(`([${HAN}](?:</mark>)?) (?=(?:<mark>)?[${HAN}])`, 'gu');\n"
        "const unspace = text => typeof text === 'string' ?\n"
        "  text.replace(/\\u200b/g, '').replace(joined, '$1') : text;\n"
        "window.addEventListener('DOMContentLoaded', () => {\n"
        "  const root = new URL('../', location.href).pathname;\n"
        # Pagefind counts a Chinese character as a word: 30 of them say too little.
        f"  const excerptLength = {60 if site.lang == CHINESE else 30};\n"
        "  const ui = new PagefindUI({element: '#search', baseUrl: root, bundlePath: root + 'search/',\n"
        + ("    mergeIndex: [{bundlePath: root + 'pagefind-delta/', baseUrl: root, excerptLength}],\n"
           if delta else "") +
        "    showImages: false, showSubResults: true, autofocus: true, excerptLength,\n"
        # Queries become whole words and phrases in /search/pagefind.js (see site_search).
        "    processResult: result => {\n"
        "      const date = result.meta && result.meta.date;\n"
        "      result.meta.title = (date ? date + ' ' : '') + unspace(result.meta.title);\n"
        "      delete result.meta.date;\n"
        "      result.excerpt = unspace(result.excerpt);\n"
        "      for (const sub of result.sub_results || []) {\n"
        "        sub.title = unspace(sub.title); sub.excerpt = unspace(sub.excerpt);\n"
        "      }\n"
        "      return result;\n"
        "    }});\n"
        "  const query = new URLSearchParams(location.search).get('q');\n"
        "  if (query) ui.triggerSearch(query);\n"
        "});\n"
        # Pages found by a long query's start but not checked for all of it (site_search).
        f"const UNCHECKED = {json.dumps(words['unchecked'], ensure_ascii=False)};\n"
        "document.addEventListener('transcriber-unchecked', event => {\n"
        "  const note = document.getElementById('search-unchecked');\n"
        "  note.textContent = event.detail ? UNCHECKED.replace('{count}', event.detail) : '';\n"
        "  note.hidden = !event.detail;\n"
        "});\n</script>\n"
    ) if search else ""
    note = '<p id="search-unchecked" class="meta" hidden></p>\n' if search else ""
    body = f'<main>\n<h1>{words["search"]}</h1>\n<div id="search"></div>\n{note}{script}</main>\n'
    return page(site, title=f'{words["search"]} · {site.title}', lang=site.lang, depth=1, body=body, head=head)


def atom_feed(site: Site, entries: list[Entry]) -> str:
    """The latest transcripts as Atom with absolute links; ids derive from slugs so they never change."""
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ns}}}{tag}", attrs)
        if text is not None:
            node.text = _XML_UNSAFE.sub("", text)
        return node

    feed = ET.Element(f"{{{ns}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": site.lang})
    base = site.base_url.rstrip("/") + "/"
    sub(feed, "title", site.title)
    sub(feed, "id", "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "transcriber-site:" + site.title)))
    sub(feed, "updated", (entries[0].date if entries else "1970-01-01") + "T00:00:00Z")
    sub(feed, "link", rel="self", href=base + "feed.xml")
    sub(feed, "link", href=base)
    author = sub(feed, "author")
    sub(author, "name", site.title)
    sub(feed, "rights", LICENCES.get(site.licence, LICENCES[Licence.CC_BY_4.value])[0])
    for entry in entries:
        node = sub(feed, "entry")
        sub(node, "title", f"{entry.date} {entry.title}")
        sub(node, "id", "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "transcriber:" + entry.slug)))
        sub(node, "link", href=base + quote(entry.slug, safe="-._~") + "/")
        sub(node, "updated", entry.date + "T00:00:00Z")
        sub(node, "summary", entry.summary)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
