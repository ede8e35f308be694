"""The site's one Pagefind index, built with Pagefind's Python API.

One full index, not shards: the browser then fetches one entry file, one metadata file
and only the index chunks and fragments a query needs (a few hundred KB), where merged
shards cost a download of every shard per query. Pagefind cannot update an index in
place, and indexing a whole archive takes most of a minute (2,000 transcripts, 2 cores),
so a rebuild indexes only the pages changed since the full index was made, into a small
second bundle, ``/pagefind-delta/``, that the search page merges; the search page's own
``/search/pagefind.js`` wraps Pagefind's module and drops the full index's results for
pages changed or removed since (it knows their ids from the full index's fragments).
Once more than ``DELTA_LIMIT`` pages changed, the full index is made again and the
delta goes. Pagefind reads the pages from disk (``add_directory``): feeding them one by
one through ``add_html_file`` waits 0.1 s per page in the Python client's reply loop.

Latin words match whole words. Pagefind matches a bare term as a prefix ("AI" finds
"aide") and, with the site's Chinese segmenter, indexes French "j'ai" as "j" and "ai";
so the copies write an apostrophe inside a word as U+02BC, a letter (``jʼai`` stays one
word, and looks the same in an excerpt), and ``/search/pagefind.js`` searches each word
of a query as an exact term (``"ai"``), intersecting the results of several.

Each word of a query (each character of Chinese) costs the browser one index chunk, so
a query is looked up by its first ``LOOKUPS`` (10) words: with the page, Pagefind's own
files and a few results' fragments, a visit stays within about 30 requests and 800 KB on
2,000 transcripts (bench/site_build.py), however long the query. A longer query is then
checked in full in the text of the pages found (their fragments, which the results list
shows anyway), best first, at most ``CHECKED`` (5) of them; the search page says how many
more were found by the query's start and left unchecked, so none is shown that does not
say the whole query, and none is left out without a word. When a query is answered by
more than one Pagefind search, the year counts are counted from its results (one search
of a phrase per year, in memory), not taken from one of the searches.

Every page goes into one language, the site's: Pagefind otherwise builds one index per
language and the search page searches only its own, so a Chinese site would never find
its English transcripts.

Chinese is indexed character by character. Pagefind's indexer segments Chinese with a
Simplified-Chinese dictionary, which leaves most Traditional text as single characters
and a few two-character words, while the browser segments the query with ICU into real
Traditional words (健保, 開放, 政府): the two rarely agree, so a search for 健保 missed
nearly every page that says it. The index is therefore built from copies of the pages
with a zero-width space between adjacent Han characters (invisible in excerpts), and the
search page splits a Chinese query the same way and searches it as a phrase: a Chinese
query then finds exactly the pages that contain it. The builder writes those copies
when it renders a page, into ``OUT/.search-pages/`` (kept, like the pages, between
builds), so a rebuild only hands them to Pagefind. The web server never needs that
folder; a deployment may leave it out.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import re
import shutil
import tempfile
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from transcriber.errors import TranscriberError
from transcriber.messages import message

BUNDLE = "pagefind"  # the full index
DELTA_BUNDLE = "pagefind-delta"  # the pages changed since the full index was made
# Past this many pages changed or removed since the full index was made, everything is
# indexed again: the delta's own Pagefind run, and what a query loads of it, grow with it.
DELTA_LIMIT = 100
SEARCH_PAGES = ".search-pages"  # the copies Pagefind reads, /<slug>/index.html as on the site
PAGES_GLOB = "*/index.html"
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RUN = re.compile(f"[{HAN}]{{2,}}")
_INNER_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['’](?=[^\W\d_])")
LETTER_APOSTROPHE = "\u02bc"
ZERO_WIDTH_SPACE = "\u200b"
_TAG = re.compile(r"(<[^>]*>)")


_MAIN = re.compile(r"<main\b.*</main>", re.DOTALL)
_LANG = re.compile(r'<html lang="([^"]*)"')
_LINK = re.compile(r"<a\b[^>]*>")


def search_copy(page: str, chinese_index: bool = True) -> str:
    """What Pagefind needs of a transcript page: its ``<main>``, links without their
    targets (a result never shows them), Han characters split (see the module docstring):
    by a zero-width space in a Chinese index, whose segmenter splits there, by a space in
    any other, which splits only at white space (the search page joins them again)."""
    main = _MAIN.search(page)
    lang = _LANG.search(page)
    body = _LINK.sub(lambda tag: "<a data-pagefind-ignore>" if "data-pagefind-ignore" in tag.group()
                     else "<a>", main.group() if main else "")
    text = segmented(body, ZERO_WIDTH_SPACE if chinese_index else " ")
    return (f'<!doctype html>\n<html lang="{lang.group(1) if lang else ""}">\n<body>\n'
            f"{text}\n</body>\n</html>\n")


def segmented(page: str, separator: str = ZERO_WIDTH_SPACE) -> str:
    """``page`` with a zero-width space between adjacent Han characters of its text (not its
    tags), and an apostrophe inside a word written as the letter U+02BC (module docstring)."""
    parts = _TAG.split(page)
    for i in range(0, len(parts), 2):
        text = _INNER_APOSTROPHE.sub(LETTER_APOSTROPHE, parts[i])
        parts[i] = _HAN_RUN.sub(lambda run: separator.join(run.group()), text)
    return "".join(parts)


class SearchIndexError(TranscriberError):
    """Pagefind could not index the site."""


@dataclass
class IndexUpdate:
    state: dict  # for the manifest: the full index's pages (hash, id, year) and the delta's
    indexed: int  # pages Pagefind indexed in this update
    stale: dict[str, str]  # id in the full index -> year, of pages changed or removed since
    delta: bool  # whether /pagefind-delta/ holds pages the search page must merge


async def _index(site: Path, bundle: Path, language: str) -> int:
    from pagefind.index import IndexConfig
    from pagefind.service import PagefindService

    config = IndexConfig(force_language=language, output_path=str(bundle))
    async with PagefindService() as service:
        index = await service.create_index(config)
        result = await index.add_directory(str(site), glob=PAGES_GLOB)
        await index.write_files()
        # Pagefind answers before its last files are on disk; stopping it then (as its
        # context manager does) left pagefind-ui.js cut short on a busy machine.
        await _written(bundle)
        return int(result.get("page_count", 0))


async def _written(bundle: Path, quiet: int = 3, step: float = 0.25, limit: float = 60.0) -> None:
    """Return once no file in ``bundle`` has appeared or grown for ``quiet`` looks in a row."""
    def sizes() -> dict[str, int]:
        return {str(path): path.stat().st_size for path in bundle.rglob("*") if path.is_file()}

    last, calm, waited = sizes(), 0, 0.0
    while calm < quiet and waited < limit:
        await asyncio.sleep(step)
        waited += step
        now = sizes()
        calm = calm + 1 if now == last else 0
        last = now


def update_index(out: Path, language: str, year_filter: str, pages: dict[str, str],
                 state: object) -> IndexUpdate:
    """Bring the search index up to date with ``pages`` (slug -> hash of its search copy).

    ``state`` is what the last build returned (``IndexUpdate.state``), or anything else
    for none. The full index is made again when there is none yet, the language changed,
    or more than ``DELTA_LIMIT`` pages changed or went since it was made; otherwise only
    the pages changed since then are indexed, into ``/pagefind-delta/``.
    """
    version = _pagefind_version()
    usable = isinstance(state, dict) and state.get("language") == language and state.get("pagefind") == version
    base = state.get("base") if usable else None  # type: ignore[union-attr]
    if isinstance(base, dict) and (out / BUNDLE / "pagefind.js").is_file():
        # [hash of its search copy, id in the full index, year]; anything else was edited
        base = {slug: entry for slug, entry in base.items() if isinstance(entry, list) and len(entry) == 3}
    else:
        base = None
    changed: dict[str, str] = {}
    gone: list[str] = []
    if base is not None:
        changed = {slug: sha for slug, sha in pages.items() if base.get(slug, [None])[0] != sha}
        gone = [slug for slug in base if slug not in pages]
        if len(changed) + len(gone) > DELTA_LIMIT:
            base = None
    if base is None:
        indexed = _index_pages(out, BUNDLE, list(pages), language)
        found = _fragment_ids(out / BUNDLE, year_filter)
        base = {slug: [sha, *found.get(slug, ("", ""))] for slug, sha in pages.items()}
        _remove_bundle(out / DELTA_BUNDLE)
        return IndexUpdate({"language": language, "pagefind": version, "base": base, "delta": {}},
                           indexed, {}, False)
    indexed = 0
    delta_current = (state.get("delta") == changed  # type: ignore[union-attr]
                     and (out / DELTA_BUNDLE / "pagefind.js").is_file() == bool(changed))
    if not delta_current:
        if changed:
            indexed = _index_pages(out, DELTA_BUNDLE, list(changed), language)
        else:
            _remove_bundle(out / DELTA_BUNDLE)
    stale = {base[slug][1]: base[slug][2] for slug in [*changed, *gone] if slug in base and base[slug][1]}
    return IndexUpdate({"language": language, "pagefind": version, "base": base, "delta": changed},
                       indexed, stale, bool(changed))


def _pagefind_version() -> str:
    """A full index and a delta must come from the same Pagefind to be merged."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind")
    except PackageNotFoundError:
        return ""


def _index_pages(out: Path, bundle: str, slugs: list[str], language: str) -> int:
    """Index the search copies of ``slugs`` into ``out/bundle``, replaced in one rename.

    The copies are linked into a scratch folder first, so Pagefind sees exactly these
    pages (never a copy a removed transcript left behind). ``out/bundle`` is only ever
    replaced, never followed: a link there is removed, not deleted through.
    """
    try:
        from pagefind.service import get_executable
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise SearchIndexError(message("Pagefind is not installed; install pagefind[extended] or use --no-search.")) from exc
    if get_executable() is None:
        raise SearchIndexError(message("Pagefind is not installed; install pagefind[extended] or use --no-search."))
    scratch = Path(tempfile.mkdtemp(prefix=".index-", dir=out))
    try:
        pages = scratch / "pages"
        root = out.resolve()
        for slug in slugs:
            source = out / SEARCH_PAGES / slug / "index.html"
            if source.is_symlink() or not source.is_file() or not source.resolve().is_relative_to(root):
                continue  # never index a file from outside the site folder
            (pages / slug).mkdir(parents=True)
            try:
                os.link(source, pages / slug / "index.html")
            except OSError:  # a file system without hard links
                shutil.copyfile(source, pages / slug / "index.html")
        try:
            count = _run(_index(pages, scratch / "bundle", language))
        except Exception as exc:  # the service reports its failures as bare Exceptions
            raise SearchIndexError(message("Pagefind could not index the site: {detail}", detail=exc)) from exc
        target = out / bundle
        if target.is_symlink() or target.is_file():
            target.unlink()
        elif target.exists():
            target.rename(scratch / "old")
        (scratch / "bundle").rename(target)
        return count
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _run(coroutine: Coroutine[object, object, int]) -> int:
    """Run Pagefind's client to the end, also from a thread whose event loop is running
    (a notebook, Playwright's sync API), where ``asyncio.run`` refuses."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _remove_bundle(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def _fragment_ids(bundle: Path, year_filter: str) -> dict[str, tuple[str, str]]:
    """slug -> (Pagefind's id of its page, its year), read from the bundle's fragments.

    A fragment is gzip of ``pagefind_dcd`` and the page's JSON; its file name is the id
    a search result carries.
    """
    found: dict[str, tuple[str, str]] = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        if not data.startswith(b"pagefind_dcd"):
            continue
        fragment = json.loads(data[len(b"pagefind_dcd"):])
        years = fragment.get("filters", {}).get(year_filter) or [""]
        slug = unquote(str(fragment.get("url", "")).strip("/"))
        found[slug] = (path.name.removesuffix(".pf_fragment"), str(years[0]))
    return found


_QUERY_SCRIPT = r"""
// A query as Pagefind phrases: each run of Han characters one phrase of its characters
// (the index holds one word per character), each other word one whole word, a quoted
// part one phrase. Pagefind searches a quoted term exactly, never as a prefix.
const HAN = new RegExp(`[${HAN_CLASS}]`, 'u');
const PARTS = new RegExp(`[${HAN_CLASS}]+|[^\\s${HAN_CLASS}]+`, 'gu');
const APOSTROPHE = /(?<=\p{L})['\u2019](?=\p{L})/gu;
const phrase = text => (text.match(PARTS) || [])
  .map(part => HAN.test(part) ? [...part].join(' ') : part.replace(APOSTROPHE, '\u02bc'))
  .join(' ').replace(/["\\]/g, ' ').trim();
// Every phrase of a query in full, as lists of index words.
const wholePhrases = term => {
  const found = [];
  for (const token of term.match(/"[^"]*"|[^\s"]+/g) || []) {
    const parts = token.startsWith('"') ? [token.slice(1, -1)] : token.match(PARTS) || [];
    for (const part of parts) {
      const words = phrase(part).split(' ').filter(Boolean);
      if (words.length) found.push(words);
    }
  }
  return found;
};
// Each word of a phrase costs the browser one index chunk: a query is looked up by its
// first LOOKUPS words, which keeps any query within about 30 requests.
const LOOKUPS = 10;
const lookups = wanted => {
  const found = [];
  let left = LOOKUPS;
  for (const words of wanted) {
    const taken = words.slice(0, left);
    if (taken.length) { found.push(taken.join(' ')); left -= taken.length; }
  }
  return found;
};
// A query longer than its lookups is checked in full in the text of each page found
// (its fragment), best first, at most CHECKED pages: the five the results list shows
// first and loads anyway, so checking costs no request (one more page each would put a
// 19-character query on 2,000 transcripts past 30). Pages found past those are left out,
// and the search page says how many.
const CHECKED = 5;
const LETTERS = new RegExp(`[${HAN_CLASS}]|(?:(?![${HAN_CLASS}])[\\p{L}\\p{N}])+`, 'gu');
const words = text => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().match(LETTERS) || [];
const has = (text, needle) => {
  next: for (let i = 0; i + needle.length <= text.length; i++) {
    for (let j = 0; j < needle.length; j++) if (text[i + j] !== needle[j]) continue next;
    return true;
  }
  return false;
};
const saysAll = (content, wanted) => {
  const text = words(content);
  return wanted.every(phraseWords => has(text, words(phraseWords.join(' '))));
};
// The year counts of a query Pagefind did not answer as one search, counted from its
// results: a result's year is the one under which a phrase it says finds it (a search by
// a year alone would load every chunk of the index).
const yearCounts = async (results, term, listed) => {
  const ids = new Set(results.map(x => x.id));
  const counts = Object.fromEntries(Object.keys(listed).map(year => [year, 0]));
  await Promise.all(Object.keys(counts).filter(year => ids.size && listed[year] > 0).map(async year => {
    const response = await pagefind.search(term, {filters: {[YEAR]: [year]}});
    counts[year] = response.results.filter(x => ids.has(x.id)).length;
  }));
  return counts;
};
const exact = async (term, options) => {
  const wanted = typeof term === 'string' ? wholePhrases(term) : [];  // null: filters alone
  const searched = lookups(wanted);
  const cut = searched.join(' ').split(' ').length < wanted.flat().length;
  if (searched.length < 2 && !cut) {
    const response = await pagefind.search(searched.length ? `"${searched[0]}"` : term, options);
    return {...response, unchecked: 0};
  }
  // Several phrases: every one must be on the page.
  const responses = await Promise.all(searched.map(p => pagefind.search(`"${p}"`, options)));
  const sets = responses.map(r => new Set(r.results.map(x => x.id)));
  const score = new Map();
  for (const r of responses) for (const x of r.results) score.set(x.id, (score.get(x.id) || 0) + x.score);
  const rarest = responses.reduce((a, b) => (b.results.length < a.results.length ? b : a));
  const rarestTerm = `"${searched[responses.indexOf(rarest)]}"`;
  let results = rarest.results.filter(x => sets.every(s => s.has(x.id)));
  results.sort((a, b) => score.get(b.id) - score.get(a.id));
  let unchecked = 0;
  if (cut) {
    const checked = results.slice(0, CHECKED);
    unchecked = results.length - checked.length;
    const pages = await Promise.all(checked.map(x => x.data()));
    results = checked.filter((x, i) => saysAll(pages[i].content || '', wanted));
  }
  // The year counts are those of these results, not of any one phrase's.
  const listed = (rarest.filters || {})[YEAR];
  const filters = listed ? {...rarest.filters, [YEAR]: await yearCounts(results, rarestTerm, listed)}
    : rarest.filters;
  return {...rarest, results, filters, unfilteredResultCount: results.length, unchecked};
};
// The search page preloads the chunks of a query as it is typed: only those looked up.
export const preload = (term, options) =>
  pagefind.preload(typeof term === 'string' ? lookups(wholePhrases(term)).join(' ') : term, options);
// The search page shows how many pages were left unchecked (see CHECKED).
const tell = response => {
  if (response && typeof document !== 'undefined') {
    document.dispatchEvent(new CustomEvent('transcriber-unchecked', {detail: response.unchecked || 0}));
  }
  return response;
};
let latest = 0;
export const search = async (term, options) => tell(fresh(await exact(term, options)));
export const debouncedSearch = async (term, options, wait = 300) => {
  const mine = ++latest;
  await new Promise(resolve => setTimeout(resolve, wait));
  if (mine !== latest) return null;
  const response = await search(term, options);
  return mine === latest ? response : null;
};
"""


def search_module(stale: dict[str, str], year_filter: str) -> str:
    """``/search/pagefind.js``: Pagefind's module as the search page uses it: queries
    searched as whole words and phrases (``_QUERY_SCRIPT``), and the results of the full
    index for pages changed or removed since it was made (``stale``: id -> year)
    dropped, and their year counts with them."""
    han_class = HAN.encode("unicode_escape").decode("ascii")
    return (
        "// Pagefind for the search page: the full index in /pagefind/ and, merged by the page,\n"
        "// /pagefind-delta/ with the pages changed since. The full index's results for pages\n"
        "// changed or removed since it was made are dropped here (transcriber site build).\n"
        'import * as pagefind from "../pagefind/pagefind.js";\n'
        'export { createInstance, destroy, init, mergeIndex, options } from "../pagefind/pagefind.js";\n'
        f"const STALE = new Map(Object.entries({json.dumps(stale, ensure_ascii=False, sort_keys=True)}));\n"
        f"const YEAR = {json.dumps(year_filter, ensure_ascii=False)};\n"
        f"const HAN_CLASS = {json.dumps(han_class)};\n"
        "const uncount = (counts, year) => {\n"
        "  if (year && counts && counts[YEAR] && counts[YEAR][year] > 0) counts[YEAR][year] -= 1;\n"
        "};\n"
        "const fresh = response => {\n"
        "  if (!response || !STALE.size) return response;\n"
        "  const kept = [];\n"
        "  for (const result of response.results) {\n"
        "    if (!STALE.has(result.id)) { kept.push(result); continue; }\n"
        "    uncount(response.filters, STALE.get(result.id));\n"
        "    response.unfilteredResultCount -= 1;\n"
        "  }\n"
        "  response.results = kept;\n"
        "  return response;\n"
        "};\n"
        + _QUERY_SCRIPT +
        "export const filters = async () => {\n"
        "  const counts = await pagefind.filters();\n"
        "  for (const year of STALE.values()) uncount(counts, year);\n"
        "  return counts;\n"
        "};\n"
    )
