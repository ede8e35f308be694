"""Memory and speed on long meetings: peak RSS and real-time factor at 2, 20 and 60 minutes.

Each length is a generated 16 kHz WAV: a real speech clip (``en-jfk.flac`` and
``zh-welcome.wav`` in turn) every ``--every`` seconds, faint noise (±1 LSB) between,
written chunk by chunk. Each file is transcribed into a fresh library by
``transcribe_file`` in its own subprocess, so the peak resident set size (VmHWM of its
own memory map; ru_maxrss would carry over the parent's through fork and exec)
is that transcription's alone. Prints, per length: peak RSS, RSS ratio against the
shortest file (target <= 1.3: memory must not grow with the meeting's length), wall
time, real-time factor (wall / audio), and bullets stored.

Usage: .venv/bin/python bench/long_audio.py [--minutes 2,20,60] [--every 120]
       [--model NAME]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

AUDIO = Path(__file__).resolve().parents[2] / "shared" / "audio"
SAMPLE_RATE = 16000

CHILD = """
import json, sys, time
from transcriber.asr.engine import EngineOptions, get_engine
from transcriber.asr.pipeline import transcribe_file
from transcriber.library.store import Library
options = EngineOptions(model=sys.argv[3])
get_engine(options)
library = Library(sys.argv[2])
started = time.perf_counter()
meeting = transcribe_file(library, sys.argv[1], options)
wall = time.perf_counter() - started
status = open("/proc/self/status").read()
print(json.dumps({"rss_mb": int(status.split("VmHWM:")[1].split()[0]) / 1024,
                  "wall": wall, "bullets": len(library.bullets(meeting.id)),
                  "state": meeting.transcript_state}))
"""


def write_meeting(path: Path, minutes: float, every: float) -> None:
    """A long WAV written block by block: speech every ``every`` seconds, noise between."""
    from transcriber.audio import load_audio

    clips = [load_audio(AUDIO / "en-jfk.flac"), load_audio(AUDIO / "zh-welcome.wav")]
    rng = np.random.default_rng(0)
    total = round(minutes * 60 * SAMPLE_RATE)
    block = round(every * SAMPLE_RATE)
    with wave.open(str(path), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(SAMPLE_RATE)
        written, index = 0, 0
        while written < total:
            size = min(block, total - written)
            samples = rng.integers(-1, 2, size).astype(np.int16)
            clip = (clips[index % len(clips)] * 32767).astype(np.int16)[: max(0, size - SAMPLE_RATE)]
            samples[SAMPLE_RATE // 2 : SAMPLE_RATE // 2 + len(clip)] = clip[: size - SAMPLE_RATE // 2]
            f.writeframes(samples.astype("<i2").tobytes())
            written += size
            index += 1


def measure(path: Path, model: str) -> dict:
    with tempfile.TemporaryDirectory() as library:
        out = subprocess.run([sys.executable, "-c", CHILD, str(path), library, model],
                             capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", default="2,20,60")
    parser.add_argument("--every", type=float, default=120.0,
                        help="seconds between speech clips (the rest is faint noise)")
    parser.add_argument("--model", default="whisper-base")
    args = parser.parse_args()
    lengths = [float(m) for m in args.minutes.split(",")]
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for minutes in lengths:
            path = Path(folder) / f"meeting-{minutes:g}min.wav"
            write_meeting(path, minutes, args.every)
            result = measure(path, args.model)
            results.append((minutes, result))
            path.unlink()
            print(f"{minutes:6g} min: peak RSS {result['rss_mb']:7.0f} MB, "
                  f"wall {result['wall']:7.1f} s, RTF {result['wall'] / (minutes * 60):.3f}, "
                  f"{result['bullets']} bullets, {result['state']}", flush=True)
    base = results[0][1]["rss_mb"]
    for minutes, result in results:
        ratio = result["rss_mb"] / base
        print(f"RSS ratio {minutes:g} min / {results[0][0]:g} min: {ratio:.2f} "
              f"({'ok' if ratio <= 1.3 else 'over'} target <= 1.3)")


if __name__ == "__main__":
    main()
