"""Benchmark: ``archive check`` and ``site build`` over an archive of 2,000 transcripts.

The archive is generated from the corpus sample: each file is a corpus transcript
under a new date and title with a numbered sentence added, so sizes and structure
are those of the real archive (about 2,000 files over ten years). Prints files per
second for the check, the full build time, the rebuild time after one file changes
(target: under about 10 s), and, in headless Chromium (Debian's /usr/bin/chromium)
against a local server, for each of ``QUERIES`` the time from typing to the first
result with an excerpt, and the requests and bytes of the whole visit, search page included (targets: under 1 s, at most about 30
requests and 800 KB), measured with the one-file change in the delta index as a visitor
meets it. Then the rebuild with ``DELTA_LIMIT`` files changed (the most a delta holds)
and, as the baseline, the same one-file change with everything indexed again.

    .venv/bin/python bench/site_build.py [--files 2000] [--keep DIR] [--no-browser]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import re
import resource
import shutil
import tempfile
import threading
import time
from pathlib import Path

from transcriber.archive.check import check_archive
from transcriber.archive.filenames import archive_filename
from transcriber.site import search as site_search
from transcriber.site.build import build_site

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "transcript-sample"
H1 = re.compile(r"^# \d{4}-\d{2}-\d{2} (.*)$", re.MULTILINE)


def generate(root: Path, count: int) -> list[Path]:
    sources = sorted(CORPUS.glob("*.md"))
    start, span = dt.date(2016, 1, 1), 3650
    paths = []
    for number in range(count):
        source = sources[number % len(sources)]
        text = source.read_text(encoding="utf-8")
        date = (start + dt.timedelta(days=number * span // count)).isoformat()
        title = f"{H1.search(text).group(1)} {number}"
        # A different H1 and one added line make every file unique, as in a real archive.
        heading = f"# {date} {title}"
        text = H1.sub(lambda _, heading=heading: heading, text, count=1).rstrip("\n")
        text += f"\n\n> (transcript {number})\n"
        path = root / archive_filename(date, title)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# A Chinese word, an English phrase, a rare word, a long Chinese phrase (each of its
# characters is a word of the index), one longer than its 10 lookups (checked in the pages
# found), and a Latin word that must match whole words only.
QUERIES = ("健保", "open government", "鳳梨酥", "建議營養照護納入健保", "建議營養照護納入健保給付案專家諮詢會議", "AI")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def measure_queries(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/search/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for query in QUERIES:
                context = browser.new_context()  # a cold cache for every query
                page = context.new_page()
                finished: list = []
                page.on("requestfinished", lambda request, finished=finished: finished.append(request))
                page.goto(base)
                page.wait_for_load_state("networkidle")
                begin = time.perf_counter()
                page.fill(".pagefind-ui__search-input", query)
                page.wait_for_selector(".pagefind-ui__result-excerpt", timeout=60_000)
                first = time.perf_counter() - begin
                page.wait_for_load_state("networkidle")
                size = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in finished)
                message = page.inner_text(".pagefind-ui__message")
                print(f"search {query!r}: first result {first:.2f} s (target < 1 s) "
                      f"{'OK' if first < 1 else 'OVER'}, {len(finished)} requests (target <= 30) "
                      f"{'OK' if len(finished) <= 30 else 'OVER'}, {size / 1024:.0f} KB (target <= 800 KB) "
                      f"{'OK' if size <= 800 * 1024 else 'OVER'}; {message}")
                context.close()
            browser.close()
    finally:
        server.shutdown()


def timed(action) -> tuple[float, object]:
    begin = time.perf_counter()
    result = action()
    return time.perf_counter() - begin, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="build here and keep the result")
    parser.add_argument("--no-browser", action="store_true", help="skip the search measurements")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="site-bench-"))
    try:
        archive, out = work / "archive", args.keep or work / "site"
        archive.mkdir()
        paths = generate(archive, args.files)
        size = sum(p.stat().st_size for p in paths)
        print(f"archive: {len(paths)} files, {size / 1e6:.1f} MB")

        seconds, result = timed(lambda: check_archive(archive))
        print(f"archive check: {seconds:.2f} s, {result.files / seconds:.0f} files/s "
              f"({len(result.problems)} problems)")

        full, report = timed(lambda: build_site(archive, out, title="Bench"))
        print(f"site build (full): {full:.2f} s, {report.files / full:.1f} files/s, "
              f"{len(report.written)} pages, {report.indexed} pages indexed for search "
              f"(Pagefind {report.index_seconds:.2f} s)")

        same, report = timed(lambda: build_site(archive, out, title="Bench"))
        print(f"site build (nothing changed): {same:.2f} s, {len(report.written)} pages written")

        edited = paths[len(paths) // 2]
        edited.write_text(edited.read_text(encoding="utf-8") + "\n> (corrected)\n", encoding="utf-8")
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        incremental, report = timed(lambda: build_site(archive, out, title="Bench"))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        pagefind_cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
        print(f"site build (one file changed): {incremental:.2f} s (target < 10 s) "
              f"{'OK' if incremental < 10 else 'OVER'}; rendered {report.rendered}, "
              f"{len(report.written)} pages written, {report.indexed} pages indexed")
        print(f"  of which Pagefind: {report.index_seconds:.2f} s wall, {pagefind_cpu:.2f} s CPU "
              f"(it runs on every core); the rest: {incremental - report.index_seconds:.2f} s")
        print(f"one-file rebuild / full build = {incremental / full:.3f}")
        if not args.no_browser:
            measure_queries(out)  # with the delta index merged, as a visitor meets it

        # The worst case before a full index is due: DELTA_LIMIT pages changed since it.
        for path in paths[: site_search.DELTA_LIMIT - 1]:
            path.write_text(path.read_text(encoding="utf-8") + "\n> (corrected)\n", encoding="utf-8")
        most, report = timed(lambda: build_site(archive, out, title="Bench"))
        print(f"site build ({site_search.DELTA_LIMIT} files changed since the full index): {most:.2f} s, "
              f"{report.indexed} pages indexed (Pagefind {report.index_seconds:.2f} s)")

        # Baseline, same machine and run: the same one-file change with the whole index redone.
        edited.write_text(edited.read_text(encoding="utf-8") + "\n> (corrected again)\n", encoding="utf-8")
        limit, site_search.DELTA_LIMIT = site_search.DELTA_LIMIT, 0
        try:
            baseline, report = timed(lambda: build_site(archive, out, title="Bench"))
        finally:
            site_search.DELTA_LIMIT = limit
        print(f"site build (one file changed, everything indexed again): {baseline:.2f} s, "
              f"{report.indexed} pages indexed (Pagefind {report.index_seconds:.2f} s)")
        print(f"one-file rebuild with the delta / with a full index = {incremental / baseline:.3f}")
    finally:
        shutil.rmtree(work / "archive", ignore_errors=True)
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
