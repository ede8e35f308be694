"""A long meeting is streamed: memory does not grow with its length."""

from __future__ import annotations

import json
import subprocess
import sys
import wave

import numpy as np

from transcriber.audio import SAMPLE_RATE, load_audio

# Holding 20 minutes whole (waveform, decode buffer, features) took over 1 GB; streamed,
# the transcription of it stays near the model's own footprint (~450 MB measured).
PEAK_RSS_LIMIT_MB = 700

CHILD = """
import json, resource, sys
from transcriber.asr.engine import EngineOptions
from transcriber.asr.pipeline import transcribe_file
from transcriber.library.store import Library
library = Library(sys.argv[2])
meeting = transcribe_file(library, sys.argv[1], EngineOptions(model=sys.argv[3]))
bullets = library.bullets(meeting.id)
print(json.dumps({"rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "state": meeting.transcript_state, "last_end": max(b.end for b in bullets),
                  "text": " ".join(b.text for b in bullets)}))
"""


def test_twenty_minutes_stay_under_a_fixed_memory_bound(audio_dir, base_model_path,
                                                        tmp_path) -> None:
    speech = (load_audio(audio_dir / "en-jfk.flac") * 32767).astype(np.int16)
    path = tmp_path / "twenty-minutes.wav"
    rng = np.random.default_rng(0)
    with wave.open(str(path), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(SAMPLE_RATE)
        for minute in range(20):
            block = rng.integers(-1, 2, 60 * SAMPLE_RATE).astype(np.int16)  # faint noise
            if minute in (0, 19):  # speech at the start and at the very end
                block[-len(speech) - SAMPLE_RATE : -SAMPLE_RATE] = speech
            f.writeframes(block.astype("<i2").tobytes())
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(tmp_path / "library"), str(base_model_path)],
        capture_output=True, text=True, check=True, timeout=900,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["state"] == "complete"
    assert result["text"].lower().count("ask not") == 2
    assert 19 * 60 < result["last_end"] <= 20 * 60
    assert result["rss_mb"] < PEAK_RSS_LIMIT_MB, result["rss_mb"]
