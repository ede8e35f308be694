"""Benchmark: ``archive check`` and ``site build`` over an archive of 2,000 transcripts.

The archive is generated from the corpus sample: each file is a corpus transcript
under a new date and title with a numbered sentence added, so sizes and structure
are those of the real archive (about 2,000 files over ten years). Prints files per
second for the check and for a full build, and the ratio incremental rebuild / full
build after one file changes (target <= 0.05).

    .venv/bin/python bench/site_build.py [--files 2000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import tempfile
import time
from pathlib import Path

from transcriber.publish.check import check_archive
from transcriber.publish.filenames import archive_filename
from transcriber.publish.site import build_site

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


def timed(action) -> tuple[float, object]:
    begin = time.perf_counter()
    result = action()
    return time.perf_counter() - begin, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="build here and keep the result")
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
              f"{len(report.written)} pages, {len(report.shards_indexed)} search shards")

        same, report = timed(lambda: build_site(archive, out, title="Bench"))
        print(f"site build (nothing changed): {same:.2f} s, {len(report.written)} pages written")

        edited = paths[len(paths) // 2]
        edited.write_text(edited.read_text(encoding="utf-8") + "\n> (corrected)\n", encoding="utf-8")
        incremental, report = timed(lambda: build_site(archive, out, title="Bench"))
        print(f"site build (one file changed): {incremental:.2f} s, rendered {report.rendered}, "
              f"{len(report.written)} pages written, shards {report.shards_indexed}")
        ratio = incremental / full
        print(f"incremental / full = {ratio:.3f} (target <= 0.05) {'OK' if ratio <= 0.05 else 'OVER'}")
    finally:
        shutil.rmtree(work / "archive", ignore_errors=True)
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
