"""``transcriber site build``: the archive as a static web site the public can browse.

Layout (permanent; permalinks must never break):
``/<slug>/``            one page per transcript, slug = file name without ``.md``
``/<year>/``            the transcripts of a year by date; ``/`` lists the years
``/speakers/<name>/``   the transcripts a speaker (an H3 label) appears in
``/feed.xml``           Atom feed of the latest transcripts
``/search/``            Pagefind search over ``/pagefind/<shard>/`` bundles
``/<old-slug>/``        a redirect page for each line of the archive's ``.redirects``

Incremental: ``OUT/.transcriber-site.json`` records the content hash of each source
file with what the aggregate pages need to know about it, and the hash of every page
written. A rebuild parses and renders only changed files, rewrites only pages whose
bytes change, and re-indexes only the search shards holding a changed page. The
search index is sharded by year (split further when a year is large) because
Pagefind cannot update an index in place and indexing dominates a full build.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt

from transcriber.errors import TranscriberError
from transcriber.model import Licence
from transcriber.publish import site_pages
from transcriber.publish.filenames import NAME_PATTERN, transcript_files
from transcriber.publish.site_pages import Entry, Site
from transcriber.text import text_language

MANIFEST = ".transcriber-site.json"
ASSETS = Path(__file__).with_name("site_assets")
FEED_SIZE = 50
HOME_LATEST = 20
# Pages per search shard before a year is split into halves, quarters, then months:
# a rebuild re-indexes one shard, so this bounds the cost of a one-file change, while
# the browser merges every shard per search, so shards should not be too many either.
SHARD_PAGES = 75
_SPLITS = (("", 12), ("h", 6), ("q", 3), ("m", 1))  # shard suffix, months per part
# More workers than this rarely pays for the process start-up on small rebuilds.
PARALLEL_FROM = 48


class SiteError(TranscriberError):
    """The site cannot be built from this archive into this folder."""


@dataclass
class BuildReport:
    files: int = 0
    rendered: list[str] = field(default_factory=list)  # source files parsed and rendered
    written: list[str] = field(default_factory=list)  # output pages whose bytes changed
    deleted: list[str] = field(default_factory=list)
    shards_indexed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "file: why" for sources left out


# -- reading one transcript ---------------------------------------------------------------


def page_lang(text: str) -> str:
    """The page's ``lang``: its first 4,000 characters are plenty to tell."""
    return "zh-Hant" if text_language(text[:4000]) == "zh" else "en"


def _summary(doc, limit: int = 200) -> str:
    for turn in doc.turns:
        for item in turn.items:
            if item.kind in ("paragraph", "bullet", "ordered") and item.text.strip():
                text = re.sub(r"\s+", " ", item.text).strip()
                return text if len(text) <= limit else text[: limit - 1] + "…"
    return ""


_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")


def render_source(name: str, text: str, default_licence: str, site: Site) -> tuple[Entry, str]:
    """(entry, page html) for the archive file ``name`` with contents ``text``."""
    from transcriber.publish.archive import parse

    doc = parse(text)
    match = NAME_PATTERN.match(name)
    date = doc.date or match.group(1)
    title = doc.title or match.group(2).replace("-", " ")
    counts: dict[str, int] = defaultdict(int)
    for turn in doc.turns:
        if turn.label:
            counts[turn.label.strip()] += 1
    entry = Entry(
        file=name, slug=name[:-3], date=date, title=title, lang=page_lang(text),
        licence=doc.licence or default_licence, summary=_summary(doc),
        speakers=[[speaker, counts[speaker]] for speaker in dict.fromkeys(s.strip() for s in doc.speakers())],
    )
    # The H1 becomes the page's own heading; the rest is the transcript as written.
    body = text[len(doc.h1):] if doc.head is not None else text
    return entry, site_pages.transcript_page(site, entry, _markdown.render(body))


def _render_path(args: tuple[str, str, str, Site]) -> tuple[Entry | None, str]:
    """Worker: read and render one file; (None, why) when it cannot be read."""
    path, name, licence, site = args
    try:
        text = Path(path).read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None, f"{name}: not UTF-8 text"
    except OSError as exc:
        return None, f"{name}: {exc.strerror or exc}"
    return render_source(name, text, licence, site)


# -- the archive and the output folder ---------------------------------------------------


def archive_licence(root: Path) -> str:
    """The archive's licence from its LICENSE/COPYING file; CC BY 4.0, the app's default, if none."""
    for name in ("LICENSE", "LICENSE.md", "LICENSE.txt", "COPYING", "UNLICENSE"):
        path = root / name
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            if "CC0" in text or "publicdomain/zero" in text:
                return Licence.CC0.value
            if "Attribution 4.0" in text or "licenses/by/4.0" in text:
                return Licence.CC_BY_4.value
    return Licence.CC_BY_4.value


def read_redirects(root: Path) -> dict[str, str]:
    path = root / ".redirects"
    if not path.is_file():
        return {}
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#"):
            continue
        old, _, new = line.partition("\t")
        if old.strip() and new.strip():
            pairs[old.strip()] = new.strip()
    return pairs


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fingerprint(site: Site) -> str:
    """Changes when the generator or its options change: then every page is rebuilt."""
    digest = hashlib.sha256(json.dumps(asdict(site), sort_keys=True).encode())
    for path in sorted([Path(__file__), Path(site_pages.__file__), *ASSETS.iterdir()]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _load_manifest(out: Path) -> dict:
    path = out / MANIFEST
    if path.is_file():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass  # a damaged manifest only costs a full rebuild
        return {}
    if out.exists() and any(out.iterdir()):
        raise SiteError(
            f"The folder {out} is not empty and was not built by transcriber; "
            "choose an empty or new folder for the site."
        )
    return {}


def _save_manifest(out: Path, manifest: dict) -> None:
    tmp = out / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    os.replace(tmp, out / MANIFEST)


class _Writer:
    """Writes pages whose bytes differ from the last build; remembers every page it was given."""

    def __init__(self, out: Path, previous: dict[str, str], report: BuildReport) -> None:
        self.out, self.previous, self.report = out, previous, report
        self.outputs: dict[str, str] = {}

    def put(self, rel: str, content: str) -> None:
        data = content.encode("utf-8")
        digest = _sha(data)
        self.outputs[rel] = digest
        path = self.out / rel
        if self.previous.get(rel) == digest and path.is_file():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        self.report.written.append(rel)

    def keep(self, rel: str) -> None:
        self.outputs[rel] = self.previous[rel]

    def remove_stale(self) -> None:
        for rel in sorted(set(self.previous) - set(self.outputs)):
            path = self.out / rel
            path.unlink(missing_ok=True)
            self.report.deleted.append(rel)
            for parent in path.parents:
                if parent == self.out or any(parent.iterdir()):
                    break
                parent.rmdir()


# -- search shards -----------------------------------------------------------------------


def assign_shards(entries: list[Entry]) -> dict[str, list[Entry]]:
    """Group transcripts into search shards: one per year, split by date when a year is big."""
    by_year: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_year[entry.year].append(entry)
    shards: dict[str, list[Entry]] = {}
    for year, members in by_year.items():
        for suffix, months in _SPLITS:
            parts: dict[str, list[Entry]] = defaultdict(list)
            for entry in members:
                month = int(entry.date[5:7]) if entry.date[5:7].isdigit() else 1
                number = (max(month, 1) - 1) // months + 1
                parts[f"{year}-{suffix}{number}" if suffix else year].append(entry)
            if max(len(p) for p in parts.values()) <= SHARD_PAGES or suffix == "m":
                shards.update(parts)
                break
    return dict(sorted(shards.items()))


def _pagefind_binary() -> str:
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise SiteError("Pagefind is not installed; install the pagefind[extended] package or use --no-search.")
    return str(binary)


def _index_shard(out: Path, name: str, slugs: list[str], language: str, binary: str) -> None:
    """Index the pages of one shard into ``pagefind/<name>/``, replacing it in one rename.

    Pagefind's CLI is several times faster than its Python service API, and it indexes a
    folder: the shard's pages are hard-linked into a scratch site with the same layout,
    so result URLs are the pages' real URLs.
    """
    scratch = Path(tempfile.mkdtemp(prefix=f".index-{name}-", dir=out))
    try:
        for slug in slugs:
            (scratch / "site" / slug).mkdir(parents=True)
            page, link = out / slug / "index.html", scratch / "site" / slug / "index.html"
            try:
                os.link(page, link)
            except OSError:  # file systems without hard links
                shutil.copyfile(page, link)
        # One language for every page: the browser then searches Chinese and English
        # transcripts together instead of only those in the search page's language.
        done = subprocess.run(
            [binary, "--site", str(scratch / "site"), "--output-path", str(scratch / "bundle"),
             "--force-language", language, "--silent"],
            capture_output=True, text=True,
        )
        if done.returncode != 0:
            raise SiteError(f"Pagefind could not index {name}: {(done.stderr or done.stdout).strip()}")
        target = out / "pagefind" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            target.rename(scratch / "old")
        (scratch / "bundle").rename(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _index_shards(out: Path, jobs: dict[str, list[str]], language: str) -> None:
    binary = _pagefind_binary()
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        futures = [pool.submit(_index_shard, out, name, slugs, language, binary) for name, slugs in jobs.items()]
        for future in futures:
            future.result()


# -- the build -------------------------------------------------------------------------------


def build_site(
    archive: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    title: str | None = None,
    base_url: str = "",
    licence: str | None = None,
    search: bool = True,
) -> BuildReport:
    """Build or update the static site of ``archive`` in ``out``; see the module docstring."""
    root, out = Path(archive).expanduser(), Path(out).expanduser()
    if not root.is_dir():
        raise SiteError(f"The archive folder {root} does not exist.")
    if out.resolve() == root.resolve():
        raise SiteError("The site folder must not be the archive folder itself.")
    manifest = _load_manifest(out)
    out.mkdir(parents=True, exist_ok=True)
    sources = [p for p in transcript_files(root) if NAME_PATTERN.match(p.name)]
    report = BuildReport(files=len(sources))
    licence = licence or archive_licence(root)
    # The site's language (of its index pages and search) is set below from the transcripts.
    site = Site(title=title or root.resolve().name, lang="", licence=licence, base_url=base_url)
    fingerprint = _fingerprint(site)
    # After a change of generator or options no cached rendering can be trusted; page hashes
    # still can (identical bytes need no rewrite) and old pages must still be cleaned up.
    fresh = manifest.get("fingerprint") == fingerprint
    known: dict[str, dict] = manifest.get("sources", {}) if fresh else {}
    previous_outputs: dict[str, str] = manifest.get("outputs", {})
    writer = _Writer(out, previous_outputs, report)

    # 1. transcripts: render only files whose bytes changed.
    entries: dict[str, Entry] = {}
    hashes: dict[str, str] = {}
    todo = []
    for path in sources:
        digest = _sha(path.read_bytes())
        hashes[path.name] = digest
        cached = known.get(path.name)
        page_rel = f"{path.name[:-3]}/index.html"
        if cached and cached["sha"] == digest and page_rel in previous_outputs and (out / page_rel).is_file():
            entries[path.name] = Entry(**cached["entry"])
            writer.outputs[page_rel] = previous_outputs[page_rel]
        else:
            todo.append((str(path), path.name, licence, site))
    results = _render_all(todo)
    for (_, name, _, _), (entry, page_or_error) in zip(todo, results, strict=True):
        if entry is None:
            report.skipped.append(page_or_error)
            continue
        entries[name] = entry
        report.rendered.append(name)
        writer.put(f"{entry.slug}/index.html", page_or_error)
    ordered = sorted(entries.values(), key=lambda e: (e.date, e.slug), reverse=True)
    chinese = sum(entry.lang == "zh-Hant" for entry in ordered)
    site.lang = "zh-Hant" if chinese * 2 >= len(ordered) and ordered else "en"

    # 2. aggregate pages, from the entries alone.
    by_year: dict[str, list[Entry]] = defaultdict(list)
    speakers: dict[str, list[tuple[Entry, int]]] = defaultdict(list)
    for entry in ordered:
        by_year[entry.year].append(entry)
        for name, turns in entry.speakers:
            speakers[name].append((entry, turns))
    writer.put("index.html", site_pages.home_page(site, by_year, ordered[:HOME_LATEST]))
    for year, members in by_year.items():
        writer.put(f"{year}/index.html", site_pages.year_page(site, year, members))
    writer.put("speakers/index.html", site_pages.speakers_page(site, speakers))
    for name, appearances in speakers.items():
        writer.put(f"speakers/{site_pages.speaker_slug(name)}/index.html",
                   site_pages.speaker_page(site, name, appearances))
    writer.put("feed.xml", site_pages.atom_feed(site, ordered[:FEED_SIZE]))
    writer.put("assets/style.css", (ASSETS / "style.css").read_text(encoding="utf-8"))
    live = {entry.slug for entry in ordered}
    for old, target in _resolved_redirects(read_redirects(root), live).items():
        writer.put(f"{old}/index.html", site_pages.redirect_page(site, target))

    # 3. search: re-index the shards whose pages changed.
    shards = assign_shards(ordered)
    writer.put("search/index.html", site_pages.search_page(site, list(shards) if search else []))
    shard_keys = {
        name: _sha(json.dumps([site.lang] + [writer.outputs[f"{e.slug}/index.html"] for e in members]).encode())
        for name, members in shards.items()
    }
    old_keys = manifest.get("shards", {}) if fresh else {}
    if search:
        jobs = {
            name: [e.slug for e in members]
            for name, members in shards.items()
            if old_keys.get(name) != shard_keys[name] or not (out / "pagefind" / name).is_dir()
        }
        if jobs:
            _index_shards(out, jobs, "zh-hant" if site.lang == "zh-Hant" else "en")
        report.shards_indexed = sorted(jobs)
        for stale in set(old_keys) - set(shards):
            shutil.rmtree(out / "pagefind" / stale, ignore_errors=True)

    writer.remove_stale()
    _save_manifest(out, {
        "fingerprint": fingerprint,
        "sources": {name: {"sha": hashes[name], "entry": asdict(entry)} for name, entry in entries.items()},
        "outputs": writer.outputs,
        "shards": shard_keys if search else {},
    })
    return report


def _resolved_redirects(redirects: dict[str, str], live: set[str]) -> dict[str, str]:
    """Old slug -> live slug, following chains; a slug that is live again is not redirected."""
    resolved = {}
    for old in redirects:
        if old in live:
            continue
        target, hops = redirects[old], 0
        while target not in live and target in redirects and hops < len(redirects):
            target, hops = redirects[target], hops + 1
        if target in live:
            resolved[old] = target
    return resolved


def _render_all(todo: list[tuple[str, str, str, Site]]) -> list[tuple[Entry | None, str]]:
    workers = os.cpu_count() or 1
    if len(todo) < PARALLEL_FROM or workers < 2:
        return [_render_path(args) for args in todo]
    # spawn, not fork: the GUI calls this from a worker thread, and forking a threaded
    # process can deadlock the child.
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(_render_path, todo, chunksize=16))
