"""The site's one Pagefind index, built with Pagefind's Python API.

One index, not shards: the browser then fetches one entry file, one metadata file and
only the index chunks and fragments a query needs (a few hundred KB), where merged
shards cost a download of every shard per query. Pagefind cannot update an index in
place, so any change to a transcript page re-indexes them all; the pages are already
on disk, so the index reads them from there (``add_directory``): feeding them one by
one through ``add_html_file`` waits 0.1 s per page in the Python client's reply loop,
minutes for a real archive.

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
import re
import shutil
import tempfile
from pathlib import Path

from transcriber.errors import TranscriberError

BUNDLE = "pagefind"
SEARCH_PAGES = ".search-pages"  # the copies Pagefind reads, /<slug>/index.html as on the site
PAGES_GLOB = "*/index.html"
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RUN = re.compile(f"[{HAN}]{{2,}}")
_TAG = re.compile(r"(<[^>]*>)")


_MAIN = re.compile(r"<main\b.*</main>", re.DOTALL)
_LANG = re.compile(r'<html lang="([^"]*)"')
_LINK = re.compile(r"<a\b[^>]*>")


def search_copy(page: str) -> str:
    """What Pagefind needs of a transcript page: its ``<main>``, links without their
    targets (a result never shows them), Han characters split (see the module docstring)."""
    main = _MAIN.search(page)
    lang = _LANG.search(page)
    body = _LINK.sub(lambda tag: "<a data-pagefind-ignore>" if "data-pagefind-ignore" in tag.group()
                     else "<a>", main.group() if main else "")
    return (f'<!doctype html>\n<html lang="{lang.group(1) if lang else ""}">\n<body>\n'
            f"{segmented(body)}\n</body>\n</html>\n")


def segmented(page: str) -> str:
    """``page`` with a zero-width space between adjacent Han characters of its text (not its tags)."""
    parts = _TAG.split(page)
    for i in range(0, len(parts), 2):
        parts[i] = _HAN_RUN.sub(lambda run: "\u200b".join(run.group()), parts[i])
    return "".join(parts)


class SearchIndexError(TranscriberError):
    """Pagefind could not index the site."""


async def _index(site: Path, bundle: Path, language: str) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(force_language=language, output_path=str(bundle))
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(site), glob=PAGES_GLOB)
        return int(result.get("page_count", 0))


def build_index(out: Path, language: str) -> int:
    """Index the pages in ``out/.search-pages/`` into ``out/pagefind/``, replaced in one rename.

    Returns the number of pages indexed. ``out/pagefind`` is only ever replaced, never
    followed: a link there is removed, not deleted through.
    """
    try:
        from pagefind.service import get_executable
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise SearchIndexError("Pagefind is not installed; install pagefind[extended] or use --no-search.") from exc
    if get_executable() is None:
        raise SearchIndexError("Pagefind is not installed; install pagefind[extended] or use --no-search.")
    scratch = Path(tempfile.mkdtemp(prefix=".index-", dir=out))
    try:
        try:
            pages = asyncio.run(_index(out / SEARCH_PAGES, scratch / "bundle", language))
        except Exception as exc:  # the service reports its failures as bare Exceptions
            raise SearchIndexError(f"Pagefind could not index the site: {exc}") from exc
        target = out / BUNDLE
        if target.is_symlink() or target.is_file():
            target.unlink()
        elif target.exists():
            target.rename(scratch / "old")
        (scratch / "bundle").rename(target)
        return pages
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
