"""``transcriber site build``: the archive as a static web site the public can browse.

Layout (permanent; permalinks must never break):
``/<file-name>/``       one page per transcript, the file name without ``.md``; every
                        speech turn has an id (``#t-3f9a2c``) and a copy-link anchor
``/<year>/``            the transcripts of a year by date; ``/`` lists the years
``/speakers/<slug>/``   the transcripts a person speaks in (aliases merged, roles left out)
``/feed.xml``           Atom feed of the latest transcripts (needs the site's public URL)
``/search/``            Pagefind search over the full index in ``/pagefind/`` and the
                        pages changed since, in ``/pagefind-delta/`` (see site_search)
``/<old-slug>/``        a redirect page for each line of the archive's ``.redirects`` and
                        for archive.tw's form of each name (lower-cased, punctuation
                        stripped, cut at 50 characters), so shared links keep working

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
import unicodedata
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from transcriber.archive.filenames import NAME_PATTERN, is_real_date, slugify, transcript_files
from transcriber.errors import TranscriberError
from transcriber.site import content as site_content
from transcriber.site import pages as site_pages
from transcriber.site.pages import CHINESE, WORDS, Entry, PageLinks, Site
from transcriber.site.search import SEARCH_PAGES, search_copy
from transcriber.text import text_language

MANIFEST = ".transcriber-site.json"
ASSETS = Path(__file__).with_name("assets")
FEED_SIZE = 50
HOME_LATEST = 20
# archive.tw (sayit-hono) keys a transcript by its lower-cased name cut at 50 characters.
ARCHIVE_TW_LENGTH = 50
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
    """What the site knows of the archive file ``name`` with contents ``text``."""
    from transcriber.archive.document import parse

    doc = parse(text)
    match = NAME_PATTERN.match(name)
    date = doc.date if doc.date and is_real_date(doc.date) else (match.group(1) if match else "")
    title = doc.title or (match.group(2).replace("-", " ") if match else name[:-3])
    counts: dict[str, int] = defaultdict(int)
    for turn in doc.turns:
        if turn.label and turn.label.strip():
            counts[turn.label.strip()] += 1
    entry = Entry(file=name, slug=name[:-3], date=date, title=title, lang=page_lang(text),
                  licence=doc.licence or default_licence, summary=_summary(doc),
                  speakers=[[label, count] for label, count in counts.items()])
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
    return page, search_copy(page)


def _pool_map(function, jobs: list) -> list:
    workers = os.cpu_count() or 1
    if len(jobs) < PARALLEL_FROM or workers < 2:
        return [function(job) for job in jobs]
    # spawn, not fork: the GUI calls this from a worker thread, and forking a threaded
    # process can deadlock the child.
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(function, jobs, chunksize=16))


# -- the archive's side files -----------------------------------------------------------------


def read_pairs(root: Path, name: str) -> list[tuple[int, str, str]]:
    """(line number, first, second) of each tab-separated line of ``.redirects``/``.alternates``."""
    path = root / name
    if not path.is_file():
        return []
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        first, _, second = line.partition("\t")
        pairs.append((number, first.strip(), second.strip()))
    return pairs


def archive_tw_slugs(slug: str) -> set[str]:
    """The forms archive.tw gives ``slug`` in its URLs: lower-cased, ``：`` as ``-``, cut at
    50 characters, with and without punctuation."""
    lower = unicodedata.normalize("NFC", slug).lower().replace("：", "-")
    stripped = "".join(c for c in lower if c in "-_" or not unicodedata.category(c).startswith(("P", "S")))
    stripped = re.sub(r"-{2,}", "-", stripped).strip("-")
    return {form[:ARCHIVE_TW_LENGTH].rstrip("-") for form in (lower, stripped)} - {slug, ""}


# -- speakers ---------------------------------------------------------------------------------


def person_of(label: str, profile) -> str | None:
    """The person a speaker label names (after the profile's aliases), or None for a role."""
    name = unicodedata.normalize("NFC", label.strip())
    canonical = profile.aliases.get(name, name)
    roles = {role.casefold() for role in profile.not_speakers}
    if not canonical or name.casefold() in roles or canonical.casefold() in roles:
        return None
    return canonical


def speaker_slugs(people: list[str]) -> dict[str, str]:
    """A unique folder name per person; names that would share one each get a short hash."""
    def digest(name: str) -> str:
        return hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]

    groups: dict[str, list[str]] = defaultdict(list)
    for person in people:
        base = slugify(person) or "speaker"
        if base.startswith(".") or base.casefold() == "index.html":
            base = "speaker-" + base.lstrip(".")
        groups[base.casefold()].append(person)
    slugs = {}
    for members in groups.values():
        for person in members:
            base = slugify(person) or "speaker"
            if base.startswith(".") or base.casefold() == "index.html":
                base = "speaker-" + base.lstrip(".")
            slugs[person] = base if len(members) == 1 else f"{base}-{digest(person)}"
    return slugs


# -- the output folder ------------------------------------------------------------------------


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _code_fingerprint() -> str:
    """Changes when the generator changes: then nothing cached can be trusted."""
    digest = hashlib.sha256()
    modules = [Path(__file__), Path(site_pages.__file__), Path(site_content.__file__)]
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
            f"The folder {out} is not empty and was not built by transcriber; "
            "choose an empty or new folder for the site."
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
            raise SiteError(f"The page {rel!r} would be written outside the site folder.")
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
    from transcriber.archive.profile import load_profile

    root, out = Path(archive).expanduser(), Path(out).expanduser()
    if not root.is_dir():
        raise SiteError(f"The archive folder {root} does not exist.")
    if out.resolve() == root.resolve():
        raise SiteError("The site folder must not be the archive folder itself.")
    profile = profile or load_profile(root)
    manifest = _load_manifest(out)
    out.mkdir(parents=True, exist_ok=True)
    out = out.resolve()  # once: every path below is checked against it
    report = BuildReport()
    licence = licence or str(profile.licence.value if hasattr(profile.licence, "value") else profile.licence)
    # The site's language (of its index pages and search) is set below from the transcripts.
    site = Site(title=title or profile.title or root.resolve().name, lang="",
                licence=licence, base_url=_feed_url(root, base_url))
    if not site.base_url:
        report.warnings.append("No feed: give the site's public address with --base-url "
                               "(or put a CNAME file in the archive).")
    # Cached entries hold each file's licence, which falls back to the site's.
    code = _sha((_code_fingerprint() + licence).encode())
    known: dict = manifest.get("sources", {}) if manifest.get("code") == code else {}
    known = known if isinstance(known, dict) else {}
    previous_outputs = manifest.get("outputs", {}) if isinstance(manifest.get("outputs"), dict) else {}
    writer = _Writer(out, previous_outputs, report)

    # 1. which files are transcripts with a usable page name, and what each is about.
    paths: dict[str, Path] = {}
    for path in transcript_files(root):
        problem = _page_name_problem(out, path.name[:-3])
        if problem:
            report.skipped.append(f"{path.name}: the name {problem}")
            continue
        paths[path.name] = path
    report.files = len(paths)
    hashes = {name: _sha(path.read_bytes()) for name, path in paths.items()}
    entries: dict[str, Entry] = {}
    todo = []
    for name, path in paths.items():
        cached = known.get(name)
        try:
            if isinstance(cached, dict) and cached.get("sha") == hashes[name]:
                entries[name] = Entry(**cached["entry"])
                continue
        except TypeError:
            pass  # a manifest from elsewhere: read the file again
        todo.append((str(path), name, licence))
    for (_, name, _), (entry, why) in zip(todo, _pool_map(_entry_job, todo), strict=True):
        if entry is None:
            report.skipped.append(why)
        else:
            entries[name] = entry

    chinese = sum(entry.lang == CHINESE for entry in entries.values())
    site.lang = CHINESE if chinese * 2 >= len(entries) else "en"
    fingerprint = _fingerprint(code, site)
    if manifest.get("fingerprint") != fingerprint:
        known = {name: {"sha": cached["sha"], "entry": cached["entry"]}  # entries stay good,
                 for name, cached in known.items() if isinstance(cached, dict)}  # pages do not

    # 2. what links each page: people, their pages, the other-language twin.
    label_person: dict[str, str | None] = {}
    appearances: dict[str, dict[str, Entry]] = defaultdict(dict)  # person -> slug -> entry
    for entry in entries.values():
        for label, _ in entry.speakers:
            person = label_person.setdefault(label, person_of(label, profile))
            if person is not None:
                appearances[person][entry.slug] = entry
    slugs = speaker_slugs(sorted(appearances))
    by_slug = {entry.slug: entry for entry in entries.values()}
    twins: dict[str, Entry] = {}
    for number, first, second in read_pairs(root, ".alternates"):
        a, b = by_slug.get(first.removesuffix(".md")), by_slug.get(second.removesuffix(".md"))
        if a is None or b is None:
            report.warnings.append(f".alternates line {number}: names a file that is not in the archive; ignored.")
            continue
        twins[a.slug], twins[b.slug] = b, a

    def links_of(entry: Entry) -> PageLinks:
        people = []
        for label, _ in entry.speakers:
            person = label_person[label]
            if person is not None and [person, slugs[person]] not in people:
                people.append([person, slugs[person]])
        twin = twins.get(entry.slug)
        return PageLinks(speakers=people, alternate=[twin.slug, twin.lang] if twin else None)

    # 3. transcript pages: render those whose file or links changed.
    jobs, job_names, links_keys = [], [], {}
    for name, entry in entries.items():
        links = links_of(entry)
        links_keys[name] = _sha(json.dumps([links.speakers, links.alternate], ensure_ascii=False).encode())
        rels = (f"{entry.slug}/index.html", f"{SEARCH_PAGES}/{entry.slug}/index.html")
        cached = known.get(name)
        if (isinstance(cached, dict) and cached.get("sha") == hashes[name]
                and cached.get("links") == links_keys[name]
                and all(rel in writer.previous and _exists(out, rel) for rel in rels)):
            for rel in rels:
                writer.keep(rel)
            continue
        label_slugs = {label: slugs[label_person[label]] for label, _ in entry.speakers
                       if label_person[label] is not None}
        jobs.append((str(paths[name]), name, licence, site, links, label_slugs))
        job_names.append(name)
    for name, pages in zip(job_names, _pool_map(_render_job, jobs), strict=True):
        if pages is None:
            report.skipped.append(f"{name}: could not be read")
            del entries[name]
            continue
        report.rendered.append(name)
        writer.put(f"{entries[name].slug}/index.html", pages[0])
        writer.put(f"{SEARCH_PAGES}/{entries[name].slug}/index.html", pages[1])

    # 4. aggregate pages, from the entries alone.
    ordered = sorted(entries.values(), key=lambda e: (e.date, e.slug), reverse=True)
    dated = [entry for entry in ordered if entry.date]
    undated = sorted((entry for entry in ordered if not entry.date), key=lambda e: e.slug)
    by_year: dict[str, list[Entry]] = defaultdict(list)
    for entry in dated:
        by_year[entry.year].append(entry)
    writer.put("index.html", site_pages.home_page(site, by_year, dated[:HOME_LATEST], undated))
    for year, members in by_year.items():
        writer.put(f"{year}/index.html", site_pages.year_page(site, year, members))
    index = sorted(((person, slugs[person], len(found)) for person, found in appearances.items()
                    if len(found) > 1), key=lambda row: (-row[2], row[0]))
    one_timers = sum(1 for found in appearances.values() if len(found) == 1)
    writer.put("speakers/index.html", site_pages.speakers_page(site, index, one_timers))
    for person, found in appearances.items():
        writer.put(f"speakers/{slugs[person]}/index.html", site_pages.speaker_page(site, person, list(found.values())))
    if site.base_url:
        writer.put("feed.xml", site_pages.atom_feed(site, dated[:FEED_SIZE]))
    writer.put("assets/style.css", (ASSETS / "style.css").read_text(encoding="utf-8"))
    for old, target in _redirects(root, out, entries, report).items():
        writer.put(f"{old}/index.html", site_pages.redirect_page(site, target))

    # 5. the search index over this build's pages, and the search page that reads it;
    # then the pages of the last build that are gone.
    index_state: dict = {}
    delta = False
    if search:
        from transcriber.site.search import SearchIndexError, search_module, update_index

        year_filter = WORDS[site.lang]["year_filter"]
        copies = {entry.slug: writer.outputs[f"{SEARCH_PAGES}/{entry.slug}/index.html"] for entry in ordered}
        begin = time.perf_counter()
        try:
            update = update_index(out, site.lang, year_filter, copies, manifest.get("search_index"))
        except SearchIndexError as exc:
            raise SiteError(exc.message) from exc
        report.indexed = update.indexed
        report.index_seconds = time.perf_counter() - begin if update.indexed else 0.0
        index_state, delta = update.state, update.delta
        writer.put("search/pagefind.js", search_module(update.stale, year_filter))
    writer.put("search/index.html", site_pages.search_page(site, search, delta=delta))
    writer.remove_stale()
    _save_manifest(out, {
        "code": code,
        "fingerprint": fingerprint,
        "sources": {name: {"sha": hashes[name], "links": links_keys[name], "entry": dict(vars(entry))}
                    for name, entry in entries.items()},
        "outputs": writer.outputs,
        "search_index": index_state,
    })
    return report


def _redirects(root: Path, out: Path, entries: dict[str, Entry], report: BuildReport) -> dict[str, str]:
    """Old page name -> live slug: the archive's ``.redirects`` (chains followed), then
    archive.tw's forms of each name; a name is refused if it is not a page folder inside
    the site or is taken by a live page."""
    live = {entry.slug for entry in entries.values()}
    years = {entry.year for entry in entries.values() if entry.date}
    sensitive = _case_sensitive(out)

    def fold(name: str) -> str:
        return name if sensitive else name.casefold()

    taken = {fold(name) for name in live | years | RESERVED}
    declared: dict[str, str] = {}
    for number, old, new in read_pairs(root, ".redirects"):
        if not old or not new:
            report.warnings.append(f".redirects line {number}: not 'old<TAB>new'; ignored.")
            continue
        problem = _page_name_problem(out, old)
        if problem:
            report.warnings.append(f".redirects line {number}: {old!r} {problem}; ignored.")
            continue
        declared[old] = new.removesuffix(".md")
    resolved: dict[str, str] = {}
    for old, target in declared.items():
        if fold(old) in taken:
            continue  # a live page again: it answers for itself
        hops = 0
        while target not in live and target in declared and hops < len(declared):
            target, hops = declared[target], hops + 1
        if target in live:
            resolved[old] = target
    claims: dict[str, set[str]] = defaultdict(set)
    for slug in sorted(live):
        for form in archive_tw_slugs(slug):
            claims[form].add(slug)
    used = taken | {fold(old) for old in resolved}
    for form, slugs in sorted(claims.items()):
        # Two transcripts cut to the same 50 characters: archive.tw's link is ambiguous.
        if len(slugs) == 1 and fold(form) not in used and _page_name_problem(out, form) is None:
            resolved[form] = next(iter(slugs))
            used.add(fold(form))
    return resolved
