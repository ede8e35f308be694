"""``transcriber site build``: the archive as a static web site the public can browse.

Layout (permanent; permalinks must never break):
``/<file-name>/``       one page per transcript, the file name without ``.md``; every
                        speech turn has an id (``#t-3f9a2c``), every paragraph an id
                        (``#p-…``) and a copy-link anchor
``/<year>/``            the transcripts of a year by date, the one in the file name
                        (``name_date``); ``/`` lists the years and the undated
``/speakers/<slug>/``   the transcripts a person speaks in, under every name the person
                        goes by (aliases and ``.alternates`` twins merged, see site_people;
                        roles left out); a merged name's own folder redirects there
``/feed.xml``           Atom feed of the latest transcripts (needs the site's public URL)
``/search/``            Pagefind search over the full index in ``/pagefind/`` and the
                        pages changed since, in ``/pagefind-delta/`` (see site_search)
``/<old-slug>/``        a redirect page for every other URL archive.tw serves a transcript
                        at: its key, both columns of ``.redirects`` (see archive.links), so
                        shared links keep working; a ``.redirects`` line that leads to
                        no transcript is named in a warning

Nothing is written or deleted outside the output folder: every path that comes from
the archive (``.redirects``, file names) or from the output folder (the manifest) is
resolved and refused unless it lies inside, with a warning naming it. A rebuild
deletes only files the manifest says this builder wrote, and only while their bytes
are still the bytes it wrote.

Incremental: ``OUT/.transcriber-site.json`` records each source file's hash with what
the aggregate pages need to know about it, and the hash of every page written. A
rebuild parses and renders only changed files (or files whose links changed: a new
alternate, a speaker page renamed), rewrites only pages whose bytes change, and runs
Pagefind only over the transcript pages changed since its full index was made.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from transcriber.archive import links as archive_links
from transcriber.archive.filenames import NAME_PATTERN, name_date, transcript_files
from transcriber.archive.links import read_pairs, resolve_names
from transcriber.errors import TranscriberError
from transcriber.messages import message
from transcriber.site import content as site_content
from transcriber.site import pages as site_pages
from transcriber.site import people as site_people
from transcriber.site.pages import CHINESE, WORDS, Entry, PageLinks, Site
from transcriber.site.people import identify
from transcriber.site.search import SEARCH_PAGES, search_copy
from transcriber.text import text_language

MANIFEST = ".transcriber-site.json"
ASSETS = Path(__file__).with_name("assets")
FEED_SIZE = 50
HOME_LATEST = 20
# Top-level names the site itself uses; a transcript or redirect may not take them.
RESERVED = frozenset({"assets", "speakers", "search", "pagefind", "pagefind-delta", "feed.xml",
                      "index.html"})
# More workers than this rarely pays for the process start-up on small rebuilds.
PARALLEL_FROM = 48


class SiteError(TranscriberError):
    """The site cannot be built from this archive into this folder."""


@dataclass
class BuildReport:
    files: int = 0
    rendered: list[str] = field(default_factory=list)  # source files rendered into pages
    written: list[str] = field(default_factory=list)  # output pages whose bytes changed
    deleted: list[str] = field(default_factory=list)
    indexed: int = 0  # pages Pagefind indexed in this build; 0 when the index was current
    index_seconds: float = 0.0  # of which the Pagefind run took this long
    skipped: list[str] = field(default_factory=list)  # "file: why" for sources left out
    warnings: list[str] = field(default_factory=list)  # refused paths, missing feed URL, ...


# -- paths -----------------------------------------------------------------------------------


def inside(out: Path, rel: str) -> Path | None:
    """``out/rel`` if that names a path inside ``out`` once resolved (links followed), else None.

    ``out`` must already be resolved (``Path.resolve()``): the builder resolves it once.
    """
    if not rel or "\x00" in rel or "\\" in rel or rel.startswith("/"):
        return None
    parts = rel.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return None
    path = root = out
    for part in parts:
        path = path / part
        # Only a link can lead elsewhere once ".." is ruled out: follow each one found.
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            return None
    return path


def _exists(out: Path, rel: str) -> bool:
    path = inside(out, rel)
    return path is not None and path.is_file()


def _page_name_problem(out: Path, name: str) -> str | None:
    """Why ``name`` cannot be a top-level page folder of the site, or None."""
    if not name or name.startswith(".") or "/" in name or "\\" in name or "\x00" in name:
        return "is not a page name inside the site"
    if name.casefold() in RESERVED or re.fullmatch(r"\d{4}", name):
        return "is a name the site uses for its own pages"
    if inside(out, f"{name}/index.html") is None:
        return "is not a page name inside the site"
    return None


def _case_sensitive(out: Path) -> bool:
    probe = out / ".Case-Probe"
    probe.write_bytes(b"")
    try:
        return not (out / ".case-probe").exists()
    finally:
        probe.unlink()


# -- reading one transcript ---------------------------------------------------------------


def page_lang(text: str) -> str:
    """The page's ``lang``: its first 4,000 characters are plenty to tell."""
    return CHINESE if text_language(text[:4000]) == "zh" else "en"


def _summary(doc, limit: int = 200) -> str:
    for turn in doc.turns:
        for item in turn.items:
            if item.kind in ("paragraph", "bullet", "ordered") and item.text.strip():
                text = re.sub(r"\s+", " ", item.text).strip()
                return text if len(text) <= limit else text[: limit - 1] + "…"
    return ""


def read_entry(name: str, text: str, default_licence: str):  # -> tuple[Entry, ArchiveDocument]
    """What the site knows of the archive file ``name`` with contents ``text``.

    The date is the file name's alone (``name_date``), as archive.tw and the library
    read it; an H1 that says otherwise is kept in ``h1_date`` for a warning.
    """
    from transcriber.archive.document import parse

    doc = parse(text)
    date = name_date(name) or ""
    match = NAME_PATTERN.match(name)
    title = doc.title or (match.group(2).replace("-", " ") if match else name[:-3])
    index: dict[str, int] = {}
    counts: list[list] = []
    turns: list[int] = []
    for turn in doc.turns:
        if turn.label and turn.label.strip():
            label = turn.label.strip()
            if label not in index:
                index[label] = len(counts)
                counts.append([label, 0])
            counts[index[label]][1] += 1
            turns.append(index[label])
    h1_date = doc.date if doc.date and doc.date != date else ""
    entry = Entry(file=name, slug=name[:-3], date=date, title=title, lang=page_lang(text),
                  licence=doc.licence or default_licence, summary=_summary(doc),
                  speakers=counts, turns=turns, h1_date=h1_date)
    return entry, doc


def _read_text(path: str) -> str:
    return Path(path).read_bytes().decode("utf-8").removeprefix("\ufeff")


def _entry_job(args: tuple[str, str, str]) -> tuple[Entry | None, str]:
    """Worker: read one file's entry; (None, why) when it cannot be read."""
    path, name, licence = args
    try:
        return read_entry(name, _read_text(path), licence)[0], ""
    except UnicodeDecodeError:
        return None, f"{name}: not UTF-8 text"
    except OSError as exc:
        return None, f"{name}: {exc.strerror or exc}"


def _render_job(args: tuple[str, str, str, Site, PageLinks, dict[str, str]]) -> tuple[str, str] | None:
    """Worker: (the page, its copy for the search index), or None when the file cannot be read."""
    path, name, licence, site, links, label_slugs = args
    try:
        text = _read_text(path)
    except (OSError, UnicodeDecodeError):
        return None
    entry, doc = read_entry(name, text, licence)
    body = site_content.render_body(
        doc, copy_label=WORDS[entry.lang]["copy"],
        speaker_href=lambda label: site_pages.href(1, "speakers/" + label_slugs[label.strip()] + "/")
        if label_slugs.get(label.strip()) else None,
    )
    page = site_pages.transcript_page(site, entry, body.html, links)
    return page, search_copy(page, chinese_index=site.lang == CHINESE)


def _pool_map(function, jobs: list) -> list:
    workers = os.cpu_count() or 1
    if len(jobs) < PARALLEL_FROM or workers < 2:
        return [function(job) for job in jobs]
    # spawn, not fork: the GUI calls this from a worker thread, and forking a threaded
    # process can deadlock the child.
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(function, jobs, chunksize=16))


# -- the output folder ------------------------------------------------------------------------


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _code_fingerprint() -> str:
    """Changes when the generator changes: then nothing cached can be trusted."""
    digest = hashlib.sha256()
    modules = [Path(__file__), Path(site_pages.__file__), Path(site_content.__file__),
               Path(archive_links.__file__), Path(site_people.__file__)]
    for path in sorted([*modules, *ASSETS.iterdir()]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _fingerprint(code: str, site: Site) -> str:
    """Changes when the generator or the site's options change: then every page is rebuilt."""
    return _sha((code + json.dumps(asdict(site), sort_keys=True)).encode())


def _load_manifest(out: Path) -> dict:
    path = out / MANIFEST
    if path.is_file() and not path.is_symlink():
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
            return manifest if isinstance(manifest, dict) else {}
        except (OSError, ValueError):
            return {}  # a damaged manifest only costs a full rebuild
    if out.exists() and any(out.iterdir()):
        raise SiteError(
            message("The folder {out} is not empty and was not built by transcriber; "
                    "choose an empty or new folder for the site.", out=out)
        )
    # A first build marks the folder as the builder's before any page: one cut off (a
    # full disk) leaves a folder the next build finishes instead of refusing.
    out.mkdir(parents=True, exist_ok=True)
    try:
        _save_manifest(out, {})
    except OSError:
        (out / (MANIFEST + ".tmp")).unlink(missing_ok=True)
        raise
    return {}


def _save_manifest(out: Path, manifest: dict) -> None:
    tmp = out / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    os.replace(tmp, out / MANIFEST)


class _Writer:
    """Writes pages whose bytes differ from the last build; remembers every page it was given."""

    def __init__(self, out: Path, previous: dict, report: BuildReport) -> None:
        self.out, self.report = out, report
        self.previous = {k: v for k, v in previous.items() if isinstance(k, str) and isinstance(v, str)}
        self.outputs: dict[str, str] = {}

    def put(self, rel: str, content: str) -> None:
        path = inside(self.out, rel)
        if path is None:  # every caller checked its names; this is the last line of defence
            raise SiteError(message("The page {rel!r} would be written outside the site folder.", rel=rel))
        data = content.encode("utf-8")
        digest = _sha(data)
        self.outputs[rel] = digest
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
        """Delete the pages of the last build that this build did not make again.

        Only files inside the folder, and only while they hold the bytes that were written:
        an edited manifest cannot make the builder delete anything else.
        """
        root = self.out.resolve()
        for rel in sorted(set(self.previous) - set(self.outputs)):
            path = inside(self.out, rel)
            if path is None:
                self.report.warnings.append(f"{MANIFEST} names {rel!r}, which is outside the site folder; not deleted.")
                continue
            if path.is_symlink() or not path.is_file():
                continue
            if _sha(path.read_bytes()) != self.previous[rel]:
                self.report.warnings.append(f"{rel} was changed after it was built; not deleted.")
                continue
            path.unlink()
            self.report.deleted.append(rel)
            for parent in path.parents:
                if parent == root or not parent.is_relative_to(root) or any(parent.iterdir()):
                    break
                parent.rmdir()


# -- the build -------------------------------------------------------------------------------


def _feed_url(root: Path, base_url: str) -> str:
    """The site's public URL: given, or from the archive's GitHub Pages ``CNAME`` file."""
    if base_url:
        return base_url.rstrip("/") + "/"
    cname = root / "CNAME"
    if cname.is_file():
        host = cname.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        if host and re.fullmatch(r"[A-Za-z0-9.-]+", host[0].strip()):
            return f"https://{host[0].strip()}/"
    return ""


def build_site(
    archive: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    title: str | None = None,
    base_url: str = "",
    licence: str | None = None,
    search: bool = True,
    profile=None,
) -> BuildReport:
    """Build or update the static site of ``archive`` in ``out``; see the module docstring.

    ``profile`` (an ``ArchiveProfile``) defaults to the archive's own; ``title`` and
    ``licence`` override it.
    """
    build = _Build(Path(archive).expanduser(), Path(out).expanduser(), title=title,
                   base_url=base_url, licence=licence, profile=profile)
    build.read_entries()
    build.link_people_and_twins()
    build.render_transcripts()
    build.write_lists()
    build.write_redirects()
    build.index_search(search)
    build.finish()
    return build.report


class _Build:
    """One build, step by step: each step reads what the ones before it left here."""

    def __init__(self, root: Path, out: Path, *, title: str | None, base_url: str,
                 licence: str | None, profile) -> None:
        from transcriber.archive.profile import load_profile

        if not root.is_dir():
            raise SiteError(message("The archive folder {root} does not exist.", root=root))
        if out.resolve() == root.resolve():
            raise SiteError(message("The site folder must not be the archive folder itself."))
        self.root, self.profile = root, profile or load_profile(root)
        self.manifest = _load_manifest(out)
        out.mkdir(parents=True, exist_ok=True)
        self.out = out.resolve()  # once: every path below is checked against it
        self.report = BuildReport()
        value = self.profile.licence
        self.licence = licence or str(value.value if hasattr(value, "value") else value)
        # The site's language (of its index pages and search) is set from the transcripts.
        self.site = Site(title=title or self.profile.title or root.resolve().name, lang="",
                         licence=self.licence, base_url=_feed_url(root, base_url))
        if not self.site.base_url:
            self.report.warnings.append("No feed: give the site's public address with --base-url "
                                        "(or put a CNAME file in the archive).")
        # Cached entries hold each file's licence, which falls back to the site's.
        self.code = _sha((_code_fingerprint() + self.licence).encode())
        known = self.manifest.get("sources", {}) if self.manifest.get("code") == self.code else {}
        self.known: dict = known if isinstance(known, dict) else {}
        outputs = self.manifest.get("outputs")
        self.writer = _Writer(self.out, outputs if isinstance(outputs, dict) else {}, self.report)
        self.paths: dict[str, Path] = {}
        self.hashes: dict[str, str] = {}
        self.entries: dict[str, Entry] = {}
        self.links_keys: dict[str, str] = {}

    # 1. which files are transcripts with a usable page name, and what each is about.
    def read_entries(self) -> None:
        for path in transcript_files(self.root):
            problem = _page_name_problem(self.out, path.name[:-3])
            if problem:
                self.report.skipped.append(f"{path.name}: the name {problem}")
                continue
            self.paths[path.name] = path
        self.report.files = len(self.paths)
        self.hashes = {name: _sha(path.read_bytes()) for name, path in self.paths.items()}
        todo = []
        for name, path in self.paths.items():
            cached = self.known.get(name)
            try:
                if isinstance(cached, dict) and cached.get("sha") == self.hashes[name]:
                    self.entries[name] = Entry(**cached["entry"])
                    continue
            except TypeError:
                pass  # a manifest from elsewhere: read the file again
            todo.append((str(path), name, self.licence))
        for (_, name, _), (entry, why) in zip(todo, _pool_map(_entry_job, todo), strict=True):
            if entry is None:
                self.report.skipped.append(why)
            else:
                self.entries[name] = entry
        for name, entry in sorted(self.entries.items()):
            if not entry.date:
                self.report.warnings.append(f"{name}: no date in its file name; listed as undated.")
            elif entry.h1_date:
                self.report.warnings.append(f"{name}: its H1 says {entry.h1_date}; the file name's "
                                            f"{entry.date} is the meeting's date.")
        chinese = sum(entry.lang == CHINESE for entry in self.entries.values())
        self.site.lang = CHINESE if chinese * 2 >= len(self.entries) else "en"
        self.fingerprint = _fingerprint(self.code, self.site)
        if self.manifest.get("fingerprint") != self.fingerprint:
            self.known = {name: {"sha": cached["sha"], "entry": cached["entry"]}  # entries stay good,
                          for name, cached in self.known.items() if isinstance(cached, dict)}  # pages do not

    # 2. what links each page: people (names merged), their pages, the other-language twin.
    def link_people_and_twins(self) -> None:
        by_slug = {entry.slug: entry for entry in self.entries.values()}
        self.twins: dict[str, Entry] = {}
        pairs = []
        for number, first, second in read_pairs(self.root, ".alternates"):
            a, b = by_slug.get(first.removesuffix(".md")), by_slug.get(second.removesuffix(".md"))
            if a is None or b is None:
                self.report.warnings.append(f".alternates line {number}: names a file that is not in "
                                            "the archive; ignored.")
                continue
            self.twins[a.slug], self.twins[b.slug] = b, a
            pairs.append((a, b))
        self.people = identify(list(self.entries.values()), pairs, self.profile)

    def _links(self, entry: Entry) -> PageLinks:
        people: list[list] = []
        for label, _ in entry.speakers:
            person = self.people.person[label]
            if person is not None and [person, self.people.slugs[person]] not in people:
                people.append([person, self.people.slugs[person]])
        twin = self.twins.get(entry.slug)
        return PageLinks(speakers=people, alternate=[twin.slug, twin.lang] if twin else None)

    # 3. transcript pages: render those whose file or links changed.
    def render_transcripts(self) -> None:
        jobs, names = [], []
        for name, entry in self.entries.items():
            links = self._links(entry)
            self.links_keys[name] = _sha(json.dumps([links.speakers, links.alternate],
                                                    ensure_ascii=False).encode())
            rels = (f"{entry.slug}/index.html", f"{SEARCH_PAGES}/{entry.slug}/index.html")
            cached = self.known.get(name)
            if (isinstance(cached, dict) and cached.get("sha") == self.hashes[name]
                    and cached.get("links") == self.links_keys[name]
                    and all(rel in self.writer.previous and _exists(self.out, rel) for rel in rels)):
                for rel in rels:
                    self.writer.keep(rel)
                continue
            label_slugs = {label: self.people.slugs[self.people.person[label]]
                           for label, _ in entry.speakers if self.people.person[label] is not None}
            jobs.append((str(self.paths[name]), name, self.licence, self.site, links, label_slugs))
            names.append(name)
        for name, pages in zip(names, _pool_map(_render_job, jobs), strict=True):
            if pages is None:
                self.report.skipped.append(f"{name}: could not be read")
                del self.entries[name]
                continue
            self.report.rendered.append(name)
            self.writer.put(f"{self.entries[name].slug}/index.html", pages[0])
            self.writer.put(f"{SEARCH_PAGES}/{self.entries[name].slug}/index.html", pages[1])

    # 4. the lists: home, years, speakers, feed; from the entries alone.
    def write_lists(self) -> None:
        site, put = self.site, self.writer.put
        self.ordered = sorted(self.entries.values(), key=lambda e: (e.date, e.slug), reverse=True)
        dated = [entry for entry in self.ordered if entry.date]
        undated = sorted((entry for entry in self.ordered if not entry.date), key=lambda e: e.slug)
        by_year: dict[str, list[Entry]] = defaultdict(list)
        for entry in dated:
            by_year[entry.year].append(entry)
        put("index.html", site_pages.home_page(site, by_year, dated[:HOME_LATEST], undated))
        for year, members in by_year.items():
            put(f"{year}/index.html", site_pages.year_page(site, year, members))
        people = self.people
        index = sorted(((person, people.slugs[person], len(found))
                        for person, found in people.appearances.items() if len(found) > 1),
                       key=lambda row: (-row[2], row[0]))
        one_timers = sum(1 for found in people.appearances.values() if len(found) == 1)
        put("speakers/index.html", site_pages.speakers_page(site, index, one_timers))
        for person, found in people.appearances.items():
            put(f"speakers/{people.slugs[person]}/index.html",
                site_pages.speaker_page(site, person, list(found.values()), people.other_names[person]))
        for old, slug in people.moved.items():
            if inside(self.out, f"speakers/{old}/index.html") is not None:
                put(f"speakers/{old}/index.html", site_pages.redirect_page(site, f"speakers/{slug}", depth=2))
        if site.base_url:
            put("feed.xml", site_pages.atom_feed(site, dated[:FEED_SIZE]))
        put("assets/style.css", (ASSETS / "style.css").read_text(encoding="utf-8"))

    # 5. every other name a transcript is known by: .redirects and archive.tw's URLs.
    def write_redirects(self) -> None:
        live = sorted(entry.slug for entry in self.entries.values())
        sensitive = _case_sensitive(self.out)

        def fold(name: str) -> str:
            return name if sensitive else name.casefold()

        years = {entry.year for entry in self.entries.values() if entry.date}
        names = resolve_names(live, read_pairs(self.root, ".redirects"),
                              taken={fold(name) for name in {*live, *years, *RESERVED}}, fold=fold,
                              problem=lambda name: _page_name_problem(self.out, name))
        self.report.warnings.extend(names.warnings)
        self.report.warnings.extend(f".redirects line {dead.line}: {dead.problem}; ignored."
                                    for dead in names.dead)
        by_slug = {entry.slug: entry for entry in self.entries.values()}
        for name, slug in names.targets.items():
            self.writer.put(f"{name}/index.html", site_pages.redirect_page(self.site, slug))
        for name, slugs in names.choices.items():
            self.writer.put(f"{name}/index.html",
                            site_pages.choice_page(self.site, [by_slug[slug] for slug in slugs]))

    # 6. the search index over this build's pages, and the search page that reads it.
    def index_search(self, search: bool) -> None:
        self.index_state: dict = {}
        delta = False
        if search:
            from transcriber.site.search import SearchIndexError, search_module, update_index

            year_filter = WORDS[self.site.lang]["year_filter"]
            copies = {entry.slug: self.writer.outputs[f"{SEARCH_PAGES}/{entry.slug}/index.html"]
                      for entry in self.ordered}
            begin = time.perf_counter()
            try:
                update = update_index(self.out, self.site.lang, year_filter, copies,
                                      self.manifest.get("search_index"))
            except SearchIndexError as exc:
                raise SiteError(exc.message) from exc
            self.report.indexed = update.indexed
            self.report.index_seconds = time.perf_counter() - begin if update.indexed else 0.0
            self.index_state, delta = update.state, update.delta
            self.writer.put("search/pagefind.js", search_module(update.stale, year_filter))
        self.writer.put("search/index.html", site_pages.search_page(self.site, search, delta=delta))

    # 7. the pages of the last build that are gone, and the manifest of this one.
    def finish(self) -> None:
        self.writer.remove_stale()
        _save_manifest(self.out, {
            "code": self.code,
            "fingerprint": self.fingerprint,
            "sources": {name: {"sha": self.hashes[name], "links": self.links_keys[name],
                               "entry": dict(vars(entry))}
                        for name, entry in self.entries.items()},
            "outputs": self.writer.outputs,
            "search_index": self.index_state,
        })
