"""The library at scale: ``meetings list``, search and opening a big library; DOCX export.

Builds a library of 2,000 ordinary meetings plus one meeting of 200,000 bullets, then
measures, each in its own process (wall time and peak memory of that process):

  open      ``Library(path)``: opening checks the file (``PRAGMA quick_check``)
  list      ``transcriber meetings list`` (bullets counted by SQLite)
  list-old  the old way, every bullet loaded to count them: the baseline
  search    ``transcriber meetings search`` for a three-character term and for a
            two-character Chinese word (LIKE scan), against the baseline
            ``SELECT COUNT(*) FROM bullets`` (one pass over the table)

and DOCX export of meetings of 10,000 and 100,000 bullets in this process: seconds
per 1,000 bullets must not grow with size (ratio 100k / 10k about 1; it was quadratic,
which gives 10). Python's garbage collector, with 100,000 bullets' objects alive, adds
some growth on a busy machine.

Targets: list well under a second and under 100 MB, list / list-old << 1;
DOCX 10,000 bullets in a few seconds.

Usage: .venv/bin/python bench/store.py [--meetings 2000] [--big 200000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from transcriber.library.store import Library
from transcriber.model import Bullet

ROOT = Path(__file__).resolve().parents[1]
WORDS = ["數位", "發展", "開放政府", "透明", "open", "government", "budget", "議題", "社會創新"]


def _text(n: int) -> str:
    return f"第 {n} 句：{WORDS[n % len(WORDS)]}與{WORDS[(n * 7) % len(WORDS)]} sentence {n}."


def build(path: Path, meetings: int, big: int) -> None:
    library = Library(path)
    started = time.perf_counter()
    with library.atomic():
        for n in range(meetings):
            meeting = library.create_meeting(f"Meeting {n} 會議", f"20{10 + n % 15:02d}-01-01")
            library.bulk_append_bullets(meeting.id, [
                Bullet(None, meeting.id, 0, _text(n * 20 + i), start=i * 3.0, end=i * 3.0 + 2.5)
                for i in range(20)])
    meeting = library.create_meeting("One very long meeting 很長的會議", "2025-06-01")
    for first in range(0, big, 20_000):
        library.bulk_append_bullets(meeting.id, [
            Bullet(None, meeting.id, 0, _text(i), start=i * 3.0, end=i * 3.0 + 2.5)
            for i in range(first, min(big, first + 20_000))])
    library.close()
    size = (path / "library.db").stat().st_size / 1e6
    print(f"built {meetings} meetings + one of {big:,} bullets in "
          f"{time.perf_counter() - started:.1f} s ({size:.0f} MB)")


def measure(label: str, argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one process running ``argv``."""
    started = time.perf_counter()
    result = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{label} failed ({result.returncode}): {result.stderr[-500:]}")
    return elapsed, float(result.stderr.strip().splitlines()[-1]) / 1024


def timed(*args: str) -> list[str]:
    """``args`` under GNU time, the peak RSS (KB) on stderr's last line."""
    return ["/usr/bin/time", "-f", "%M", *args]


def python(code: str) -> list[str]:
    return timed(sys.executable, "-c", code)


def cli(path: Path, *args: str) -> list[str]:
    return timed(sys.executable, "-m", "transcriber", "--library", str(path), *args)


def docx_rate(path: Path, bullets: int) -> float:
    from transcriber.exports.formats import export_meeting

    library = Library(path)
    meeting = library.create_meeting(f"DOCX {bullets}", "2024-01-01")
    library.bulk_append_bullets(meeting.id, [
        Bullet(None, meeting.id, 0, _text(i)) for i in range(bullets)])
    started = time.perf_counter()
    data = export_meeting(library, meeting.id, "docx")
    elapsed = time.perf_counter() - started
    library.close()
    per_thousand = elapsed / bullets * 1000
    print(f"docx {bullets:>7,} bullets: {elapsed:6.1f} s, {per_thousand:.3f} s per 1,000 "
          f"({len(data) / 1e6:.1f} MB)")
    return per_thousand


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=2000)
    parser.add_argument("--big", type=int, default=200_000)
    parser.add_argument("--docx", default="10000,100000")
    parser.add_argument("--keep", type=Path, help="Build (or reuse) the library here.")
    options = parser.parse_args()
    if not Path("/usr/bin/time").exists():
        raise SystemExit("bench/store.py needs GNU time (/usr/bin/time, Debian package 'time').")

    work = Path(tempfile.mkdtemp(prefix="bench-store-"))
    path = options.keep or work / "lib"
    if not (path / "library.db").exists():
        build(path, options.meetings, options.big)
    rows = {}
    rows["open"] = measure("open", python(
        f"from transcriber.library.store import Library; Library({str(path)!r})"))
    rows["list"] = measure("list", cli(path, "meetings", "list"))
    rows["list-old"] = measure("list-old", python(
        "from transcriber.library.store import Library\n"
        f"library = Library({str(path)!r})\n"
        "for m in library.meetings():\n"
        "    print(m.id, m.date, m.title, len(library.bullets(m.id)))"))
    rows["search 開放政府"] = measure("search", cli(path, "meetings", "search", "開放政府"))
    rows["search 透明"] = measure("search2", cli(path, "meetings", "search", "透明"))
    rows["scan (baseline)"] = measure("scan", python(
        "import sqlite3\n"
        f"c = sqlite3.connect({str(path / 'library.db')!r})\n"
        "c.execute(\"SELECT COUNT(*) FROM bullets WHERE text LIKE '%x%'\").fetchone()"))
    print(f"{'':18}{'seconds':>9}{'peak MB':>9}")
    for label, (seconds, peak) in rows.items():
        print(f"{label:18}{seconds:9.2f}{peak:9.0f}")
    list_s, list_mb = rows["list"]
    old_s, old_mb = rows["list-old"]
    scan_s = rows["scan (baseline)"][0]
    print(f"list / list-old: time {list_s / old_s:.2f}, memory {list_mb / old_mb:.2f}")
    print(f"search / scan: {rows['search 開放政府'][0] / scan_s:.2f} (trigram), "
          f"{rows['search 透明'][0] / scan_s:.2f} (two characters)")

    sizes = [int(n) for n in options.docx.split(",")]
    docx_rate(work / "docx", 200)  # warm-up: python-docx's import is not export time
    rates = [docx_rate(work / "docx", n) for n in sizes]
    print(f"docx per-1,000 time, {sizes[-1]:,} / {sizes[0]:,}: {rates[-1] / rates[0]:.2f} "
          f"(about 1 when linear; {sizes[-1] / sizes[0]:.0f} if it grew with the square)")
    if options.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    else:
        shutil.rmtree(work / "docx", ignore_errors=True)


if __name__ == "__main__":
    main()
