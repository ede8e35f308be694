"""Speed and memory on long meetings: ours against bare faster-whisper, same model, same run.

Each length is a generated 16 kHz WAV of dense real speech: the single-language clips
of ``../shared/audio/dev`` (Mandarin and English) one after the other, again and again,
with pauses of 0.4 to 1.5 s of faint noise (±1 LSB) between them, written block by
block. Each file is transcribed in its own subprocess, so the peak resident set size
(VmHWM: ru_maxrss would carry over the parent's through fork and exec) is that
run's alone:

  bare      ``WhisperModel.transcribe(path, language="zh", beam_size=5)``, faster-whisper's
            defaults otherwise (the language given, as a user who knows it would), one
            decoder on all the threads ours splits between its decoders
  ours      ``transcribe_file`` into a fresh library (VAD, language per window, guards,
            normalisation, every bullet committed to SQLite)
  batched   the same with ``--batched`` (faster-whisper's BatchedInferencePipeline)

Prints, per length: wall time, real-time factor, peak RSS, the CTranslate2 calls each
made (count and seconds of encode, detect_language, generate, align: where the time
went), and the ratios ours / bare
(target <= 1.0 in wall time), batched / bare, and RSS at each length against the
shortest (target <= 1.3: memory must not grow with the meeting's length).

Usage: .venv/bin/python bench/long_audio.py [--minutes 4,40] [--model NAME]
       [--variants bare,ours,batched]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

DEV = Path(__file__).resolve().parents[2] / "shared" / "audio" / "dev"
SAMPLE_RATE = 16000

CHILD = """
import collections, json, sys, time
variant, path, library, model = sys.argv[1:5]
calls = collections.defaultdict(lambda: [0, 0.0])

class Counted:
    # CTranslate2's model with each call counted and timed: where the time goes.
    def __init__(self, inner):
        self.inner = inner
    def __getattr__(self, name):
        method = getattr(self.inner, name)
        if name not in ("encode", "generate", "align", "detect_language"):
            return method
        def counted(*args, **kwargs):
            begun = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                calls[name][0] += 1
                calls[name][1] += time.perf_counter() - begun
        return counted

started = time.perf_counter()
if variant == "bare":
    from transcriber.asr.models import bare_whisper
    whisper = bare_whisper(model)
    whisper.model = Counted(whisper.model)
    started = time.perf_counter()
    segments, _info = whisper.transcribe(path, language="zh", beam_size=5)
    count = sum(1 for _ in segments)
else:
    from transcriber.asr.engine import EngineOptions, get_engine
    from transcriber.asr.pipeline import transcribe_file
    from transcriber.library.store import Library
    options = EngineOptions(model=model, batched=variant == "batched")
    whisper = get_engine(options).model
    whisper.model = Counted(whisper.model)
    store = Library(library)
    started = time.perf_counter()
    meeting = transcribe_file(store, path, options)
    count = len(store.bullets(meeting.id))
wall = time.perf_counter() - started
status = open("/proc/self/status").read()
print(json.dumps({"rss_mb": int(status.split("VmHWM:")[1].split()[0]) / 1024,
                  "wall": wall, "segments": count, "calls": calls}))
"""


def dev_clips() -> list[np.ndarray]:
    from transcriber.audio import load_audio

    with open(DEV / "manifest.tsv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["group"] != "zh-en-spliced"]
    return [load_audio(DEV / r["file"]) for r in rows]


def write_meeting(path: Path, minutes: float, clips: list[np.ndarray]) -> None:
    """Dense speech for ``minutes``: the clips in turn, faint-noise pauses between."""
    rng = np.random.default_rng(0)
    total = round(minutes * 60 * SAMPLE_RATE)
    with wave.open(str(path), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(SAMPLE_RATE)
        written, index = 0, 0
        while written < total:
            pause = rng.integers(-1, 2, round(rng.uniform(0.4, 1.5) * SAMPLE_RATE))
            clip = (clips[index % len(clips)] * 32767).astype(np.int16)
            block = np.concatenate([clip, pause.astype(np.int16)])[: total - written]
            f.writeframes(block.astype("<i2").tobytes())
            written += len(block)
            index += 1


def measure(variant: str, path: Path, model: str) -> dict:
    with tempfile.TemporaryDirectory() as library:
        out = subprocess.run([sys.executable, "-c", CHILD, variant, str(path), library, model],
                             capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", default="4,40")
    parser.add_argument("--model", default="whisper-base")
    parser.add_argument("--variants", default="bare,ours,batched")
    args = parser.parse_args()
    variants = args.variants.split(",")
    clips = dev_clips()
    print(f"load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    results: dict[float, dict[str, dict]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for minutes in (float(m) for m in args.minutes.split(",")):
            path = Path(folder) / f"meeting-{minutes:g}min.wav"
            write_meeting(path, minutes, clips)
            results[minutes] = {}
            for variant in variants:
                result = measure(variant, path, args.model)
                results[minutes][variant] = result
                print(f"{minutes:6g} min {variant:8} wall {result['wall']:7.1f} s, "
                      f"RTF {result['wall'] / (minutes * 60):.3f}, peak RSS "
                      f"{result['rss_mb']:6.0f} MB, {result['segments']} segments/bullets",
                      flush=True)
                print(" " * 20 + "CTranslate2: " + ", ".join(
                    f"{name} {count}x {seconds:.1f} s"
                    for name, (count, seconds) in sorted(result["calls"].items())), flush=True)
            path.unlink()
            if "bare" in variants:
                bare = results[minutes]["bare"]
                for variant in (v for v in variants if v != "bare"):
                    mine = results[minutes][variant]
                    print(f"{minutes:6g} min {variant} / bare: wall {mine['wall'] / bare['wall']:.2f} "
                          f"(target <= 1.0), RSS {mine['rss_mb'] / bare['rss_mb']:.2f}", flush=True)
            print(f"load average now: {os.getloadavg()[0]:.1f}", flush=True)
    shortest = min(results)
    for minutes, by_variant in results.items():
        for variant, result in by_variant.items():
            ratio = result["rss_mb"] / results[shortest][variant]["rss_mb"]
            print(f"RSS {variant} {minutes:g} min / {shortest:g} min: {ratio:.2f}"
                  + ("" if variant == "bare" else f" ({'ok' if ratio <= 1.3 else 'over'} "
                                                  f"target <= 1.3)"))


if __name__ == "__main__":
    main()
