"""A long meeting is streamed: memory does not grow with its length."""

from __future__ import annotations

import json
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np

from transcriber.audio import SAMPLE_RATE, load_audio

# Holding a recording whole costs about 3.3 GB per audio hour (waveform, decode buffer,
# features): 20 minutes would add over 1 GB. Streamed, 20 minutes peak within this much
# of one minute. The bound is relative because the model's own footprint depends on the
# CPU: CTranslate2 packs its weights with MKL on Intel (about 750 MB) but not with oneDNN
# on AMD (about 440 MB).
GROWTH_LIMIT_MB = 150
# And a fixed bound, above the largest footprint seen (MKL) and far below holding it whole.
PEAK_LIMIT_MB = 1200

# Peak memory is read from VmHWM, the peak of this process's own memory map. getrusage's
# ru_maxrss would not do: Linux carries it over from the parent through fork and exec, so a
# child of a large pytest process reports the parent's size.
CHILD = """
import json, sys
from transcriber.asr.engine import EngineOptions
from transcriber.asr.pipeline import transcribe_file
from transcriber.library.store import Library
library = Library(sys.argv[2])
meeting = transcribe_file(library, sys.argv[1], EngineOptions(model=sys.argv[3]))
bullets = library.bullets(meeting.id)
status = open("/proc/self/status").read()
peak_kb = int(status.split("VmHWM:")[1].split()[0])
print(json.dumps({"rss_mb": peak_kb / 1024,
                  "state": meeting.transcript_state, "last_end": max(b.end for b in bullets),
                  "text": " ".join(b.text for b in bullets)}))
"""


def transcribe_minutes(minutes: int, audio_dir: Path, model: Path, folder: Path) -> dict:
    """Faint noise with the JFK clip at the start and at the very end, transcribed in a
    process of its own so that its peak memory is its own."""
    speech = (load_audio(audio_dir / "en-jfk.flac") * 32767).astype(np.int16)
    path = folder / f"{minutes}-minutes.wav"
    rng = np.random.default_rng(0)
    with wave.open(str(path), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(SAMPLE_RATE)
        for minute in range(minutes):
            block = rng.integers(-1, 2, 60 * SAMPLE_RATE).astype(np.int16)
            if minute in (0, minutes - 1):
                block[-len(speech) - SAMPLE_RATE : -SAMPLE_RATE] = speech
            f.writeframes(block.astype("<i2").tobytes())
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(folder / f"library-{minutes}"), str(model)],
        capture_output=True, text=True, check=True, timeout=900,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_twenty_minutes_need_no_more_memory_than_two(audio_dir, base_model_path, tmp_path) -> None:
    short = transcribe_minutes(2, audio_dir, base_model_path, tmp_path)
    long = transcribe_minutes(20, audio_dir, base_model_path, tmp_path)
    for result, minutes in ((short, 2), (long, 20)):
        assert result["state"] == "complete"
        assert result["text"].lower().count("not what your country") == 2, result["text"]
        assert (minutes - 1) * 60 < result["last_end"] <= minutes * 60
    assert long["rss_mb"] < short["rss_mb"] + GROWTH_LIMIT_MB, (short["rss_mb"], long["rss_mb"])
    assert long["rss_mb"] < PEAK_LIMIT_MB, long["rss_mb"]
