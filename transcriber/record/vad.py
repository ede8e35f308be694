"""How the live draft cuts a recording into stretches: Silero VAD, tuned for a draft.

The cutting itself is ``transcriber.asr.vad.StretchCutter`` (the same detector that
cuts files), fed as the recording goes on. A draft wants bullets while the meeting
goes on, so a stretch closes at a shorter pause than in a file, once it is a few
seconds long (Whisper needs context: two words alone are often misheard), and never
grows past 15 s. Markers force a cut: speech after a marker starts a new stretch, and
so a new bullet. Silero judges speech by its sound, not its level, so room tone, a
fan or digital silence from a muted input never count as speech.
"""

from __future__ import annotations

from transcriber.asr.vad import Stretch, StretchCutter, VadSettings

LIVE_VAD = VadSettings(
    pause_seconds=0.6,
    min_stretch_seconds=3.0,
    long_pause_seconds=1.5,
    max_stretch_seconds=15.0,
)

__all__ = ["LIVE_VAD", "Stretch", "StretchCutter", "VadSettings"]
