"""`transcriber batch` throughput: 1 worker against N workers (same total threads), and
the Ray engine against the local one with the same N.

Transcribes the same folder of real clips (default: ../shared/audio/dev, 27 files,
about 3.5 minutes) into a fresh library per variant and prints, per variant, audio
hours per wall-clock hour (model loading included, as in a real run) and the
per-file rate, then:

  scaling efficiency   N-worker throughput / (1-worker throughput)  (same total threads;
                       above 1: workers beat threads)
  Ray overhead         local N-worker wall time / Ray N-worker wall time  (below 1: Ray
                       costs that much; its start-up is included)

Usage: .venv/bin/python bench/batch.py [FOLDER] [--model NAME] [--workers N] [--no-ray]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from transcriber.asr.engine import EngineOptions
from transcriber.batch import run_batch
from transcriber.batch.machine import physical_cores
from transcriber.library.store import Library

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "shared" / "audio" / "dev"


def variant(folder: Path, options: EngineOptions, workers: int, engine: str,
            threads: int) -> tuple[float, float, int]:
    # run_batch gives each of ``workers`` cores // workers threads, as ``threads`` says.
    """(wall seconds, audio seconds, files) of one run into a fresh library."""
    scratch = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    library = Library(scratch / "library")
    try:
        start = time.perf_counter()
        ray_init = {"num_cpus": workers * threads, "_temp_dir": str(scratch / "ray")} \
            if engine == "ray" else None
        report = run_batch(library, [folder], options, workers=workers, engine=engine,
                           ray_init=ray_init)
        wall = time.perf_counter() - start
        if report.failed:
            print(f"  ({len(report.failed)} files failed: {report.failed[0][1]})")
        return wall, report.audio_seconds, len(report.done)
    finally:
        library.close()
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--model", default="whisper-base")
    parser.add_argument("--workers", type=int, default=max(2, physical_cores() // 2))
    parser.add_argument("--no-ray", action="store_true")
    args = parser.parse_args()

    cores = physical_cores()
    n = args.workers
    options = EngineOptions(model=args.model, device="cpu")
    rows = {}
    plan = [("local", 1, cores), ("local", n, max(1, cores // n))]
    if not args.no_ray:
        plan.append(("ray", n, max(1, cores // n)))
    print(f"{cores} physical cores; model {args.model}; folder {args.folder}")
    for engine, workers, threads in plan:
        wall, audio, files = variant(args.folder, options, workers, engine, threads)
        rows[(engine, workers)] = wall, audio
        print(f"{engine:5} {workers} worker(s) x {threads} thread(s): {files} files, "
              f"{audio / 60:.1f} min of audio in {wall:.1f} s = "
              f"{audio / wall:.1f} audio h per wall h, {wall / max(files, 1):.2f} s per file")
    one_wall, one_audio = rows[("local", 1)]
    many_wall, many_audio = rows[("local", n)]
    print(f"scaling efficiency ({n} workers vs 1, same threads): "
          f"{(many_audio / many_wall) / (one_audio / one_wall):.2f}")
    if ("ray", n) in rows:
        ray_wall, _ = rows[("ray", n)]
        print(f"Ray overhead (local / Ray wall time, {n} workers): {many_wall / ray_wall:.2f}")


if __name__ == "__main__":
    main()
