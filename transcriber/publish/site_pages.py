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

LICENCES = {
    Licence.CC_BY_4.value: ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    Licence.CC0.value: ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
}
WORDS = {
    "zh-Hant": {
        "search": "搜尋", "speakers": "發言者", "feed": "訂閱", "licence": "授權",
        "years": "年份", "latest": "最新", "transcripts": "篇", "moved": "此頁已移至",
        "source": "Markdown 原始檔",
    },
    "en": {
        "search": "Search", "speakers": "Speakers", "feed": "Atom feed", "licence": "Licence",
        "years": "Years", "latest": "Latest", "transcripts": "transcripts", "moved": "This page moved to",
        "source": "Markdown source",
    },
}
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Entry:
    """What the aggregate pages know about one transcript (kept in the build manifest)."""

    file: str
    slug: str
    date: str
    title: str
    lang: str  # zh-Hant or en
    licence: str
    summary: str
    speakers: list[list] = field(default_factory=list)  # [name, number of turns]

    @property
    def year(self) -> str:
        return self.date[:4]


@dataclass
class Site:
    title: str
    lang: str
    licence: str
    base_url: str = ""  # absolute URL of the site root, for the feed; "" keeps links relative


def href(depth: int, target: str) -> str:
    """Link from a page ``depth`` folders below the root to root-relative ``target``."""
    return "../" * depth + quote(target, safe="/-._~")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def licence_html(licence: str, lang: str) -> str:
    name, url = LICENCES.get(licence, LICENCES[Licence.CC_BY_4.value])
    return f'{WORDS[lang]["licence"]}: <a rel="license" href="{url}">{name}</a>'


def page(site: Site, *, title: str, lang: str, depth: int, body: str, licence: str,
         head: str = "") -> str:
    """The frame every page shares: header links, the licence in the footer."""
    words = WORDS[lang]
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n"
        f'<link rel="stylesheet" href="{href(depth, "assets/style.css")}">\n'
        f'<link rel="alternate" type="application/atom+xml" href="{href(depth, "feed.xml")}">\n'
        f"{head}</head>\n<body>\n"
        f'<header class="site"><a class="name" href="{href(depth, "") or "./"}">{esc(site.title)}</a>'
        f'<a href="{href(depth, "speakers/")}">{words["speakers"]}</a>'
        f'<a href="{href(depth, "search/")}">{words["search"]}</a>'
        f'<a href="{href(depth, "feed.xml")}">{words["feed"]}</a></header>\n'
        f"{body}"
        f'<footer class="site"><p class="licence">{licence_html(licence, lang)}</p></footer>\n'
        "</body>\n</html>\n"
    )


def speaker_slug(name: str) -> str:
    from transcriber.publish.filenames import slugify

    return slugify(name) or "speaker-" + uuid.uuid5(uuid.NAMESPACE_URL, name).hex[:8]


def transcript_page(site: Site, entry: Entry, body_html: str) -> str:
    """One transcript at ``/<slug>/``; only the part inside data-pagefind-body is searchable."""
    words = WORDS[entry.lang]
    speakers = " · ".join(
        f'<a href="{href(1, "speakers/" + speaker_slug(name) + "/")}">{esc(name)}</a>'
        for name, _ in entry.speakers
    )
    body = (
        f'<main data-pagefind-body data-pagefind-sort="date:{esc(entry.date)}">\n'
        f'<h1 data-pagefind-meta="title">{esc(entry.title)}</h1>\n'
        f'<p class="meta"><time datetime="{esc(entry.date)}" data-pagefind-meta="date">'
        f'{esc(entry.date)}</time><span hidden data-pagefind-filter="year">{entry.year}</span></p>\n'
        + (f'<p class="speakers" data-pagefind-ignore>{words["speakers"]}: {speakers}</p>\n' if speakers else "")
        + body_html
        + "</main>\n"
    )
    return page(site, title=f"{entry.date} {entry.title}", lang=entry.lang, depth=1, body=body,
                licence=entry.licence, head=f'<link rel="canonical" href="{href(1, entry.slug + "/")}">\n')


def _entry_list(entries: list[Entry], depth: int) -> str:
    items = "".join(
        f'<li><time datetime="{e.date}">{e.date}</time>'
        f'<a href="{href(depth, e.slug + "/")}">{esc(e.title)}</a></li>\n'
        for e in entries
    )
    return f'<ul class="entries">\n{items}</ul>\n'


def home_page(site: Site, by_year: dict[str, list[Entry]], latest: list[Entry]) -> str:
    words = WORDS[site.lang]
    years = "".join(
        f'<li><a href="{year}/">{year}</a> <span class="count">{len(entries)}</span></li>'
        for year, entries in sorted(by_year.items(), reverse=True)
    )
    body = (
        f"<main>\n<h1>{esc(site.title)}</h1>\n<h2>{words['years']}</h2>\n"
        f'<ul class="years">{years}</ul>\n<h2>{words["latest"]}</h2>\n{_entry_list(latest, 0)}</main>\n'
    )
    return page(site, title=site.title, lang=site.lang, depth=0, body=body, licence=site.licence)


def year_page(site: Site, year: str, entries: list[Entry]) -> str:
    body = f"<main>\n<h1>{year}</h1>\n{_entry_list(entries, 1)}</main>\n"
    return page(site, title=f"{year} · {site.title}", lang=site.lang, depth=1, body=body,
                licence=site.licence)


def speakers_page(site: Site, speakers: dict[str, list[tuple[Entry, int]]]) -> str:
    words = WORDS[site.lang]
    items = "".join(
        f'<li><span class="count">{len(appearances)}</span>'
        f'<a href="{quote(speaker_slug(name), safe="-._~")}/">{esc(name)}</a></li>\n'
        for name, appearances in sorted(speakers.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    )
    body = f'<main>\n<h1>{words["speakers"]}</h1>\n<ul class="entries">\n{items}</ul>\n</main>\n'
    return page(site, title=f'{words["speakers"]} · {site.title}', lang=site.lang, depth=1,
                body=body, licence=site.licence)


def speaker_page(site: Site, name: str, appearances: list[tuple[Entry, int]]) -> str:
    entries = sorted((entry for entry, _ in appearances), key=lambda e: (e.date, e.slug), reverse=True)
    body = f"<main>\n<h1>{esc(name)}</h1>\n{_entry_list(entries, 2)}</main>\n"
    return page(site, title=f"{name} · {site.title}", lang=site.lang, depth=2, body=body,
                licence=site.licence)


def redirect_page(site: Site, target_slug: str) -> str:
    """An old permalink: a meta refresh (works without JavaScript) and a canonical link."""
    target = href(1, target_slug + "/")
    body = f'<main>\n<p>{WORDS[site.lang]["moved"]} <a href="{target}">{esc(target_slug)}</a></p>\n</main>\n'
    head = (f'<meta http-equiv="refresh" content="0; url={target}">\n'
            f'<link rel="canonical" href="{target}">\n<meta name="robots" content="noindex">\n')
    return page(site, title=target_slug, lang=site.lang, depth=1, body=body, licence=site.licence,
                head=head)


def search_page(site: Site, bundles: list[str]) -> str:
    """Pagefind's UI over every shard of the index, merged in the browser."""
    words = WORDS[site.lang]
    config = json.dumps(bundles)
    head = (
        f'<link rel="stylesheet" href="../pagefind/{bundles[0]}/pagefind-ui.css">\n'
        f'<script src="../pagefind/{bundles[0]}/pagefind-ui.js"></script>\n'
    ) if bundles else ""
    script = (
        "<script>\n"
        "window.addEventListener('DOMContentLoaded', () => {\n"
        "  const root = new URL('../', location.href).pathname;\n"
        f"  const bundles = {config}.map(name => root + 'pagefind/' + name + '/');\n"
        "  new PagefindUI({element: '#search', baseUrl: root, bundlePath: bundles[0],\n"
        "    mergeIndex: bundles.slice(1).map(bundlePath => ({bundlePath})), showSubResults: true});\n"
        "});\n</script>\n"
    ) if bundles else ""
    body = f'<main>\n<h1>{words["search"]}</h1>\n<div id="search"></div>\n{script}</main>\n'
    return page(site, title=f'{words["search"]} · {site.title}', lang=site.lang, depth=1, body=body,
                licence=site.licence, head=head)


def atom_feed(site: Site, entries: list[Entry]) -> str:
    """The latest transcripts as Atom; ids are derived from slugs so they never change."""
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ns}}}{tag}", attrs)
        if text is not None:
            node.text = _XML_UNSAFE.sub("", text)
        return node

    feed = ET.Element(f"{{{ns}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": site.lang})
    base = site.base_url.rstrip("/") + "/" if site.base_url else ""
    sub(feed, "title", site.title)
    sub(feed, "id", "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "transcriber-site:" + site.title)))
    sub(feed, "updated", (entries[0].date if entries else "1970-01-01") + "T00:00:00Z")
    sub(feed, "link", rel="self", href=base + "feed.xml")
    sub(feed, "link", href=base or "./")
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
