"""Decoding audio and video files for transcription, with errors a user can act on."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from transcriber.errors import AudioError

SAMPLE_RATE = 16000
# Shorter than this holds no word; Whisper would only hallucinate on it.
MIN_SECONDS = 0.1


def sha256_file(path: str | os.PathLike[str]) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_audio(path: str | os.PathLike[str]) -> np.ndarray:
    """Decode any file ffmpeg reads (video included) to float32 mono at 16 kHz.

    Raises AudioError with one sentence for a missing, empty, non-audio or
    truncated file, instead of PyAV's internal exceptions.
    """
    import av
    from faster_whisper.audio import decode_audio

    path = Path(path)
    if not path.exists():
        raise AudioError(f"The file {path} does not exist.")
    if path.is_dir():
        raise AudioError(f"{path} is a folder, not an audio file.")
    if path.stat().st_size == 0:
        raise AudioError(f"The file {path} is empty.")
    try:
        audio = decode_audio(str(path), sampling_rate=SAMPLE_RATE)
    except PermissionError as exc:
        raise AudioError(f"The file {path} cannot be read: permission denied.") from exc
    except (av.error.FFmpegError, IndexError, ValueError, StopIteration) as exc:
        # PyAV raises InvalidDataError for non-audio, IndexError for a container
        # with no audio stream (a picture, a silent video).
        raise AudioError(
            f"The file {path.name} is not audio or video that can be decoded "
            f"(it may be truncated or in an unsupported format)."
        ) from exc
    if audio.size < MIN_SECONDS * SAMPLE_RATE:
        raise AudioError(f"The file {path.name} holds no audio (it is empty or truncated).")
    declared = declared_seconds(path)
    decoded = duration_seconds(audio)
    # A cut-off download or copy decodes without error but much shorter than its
    # header says; transcribing it would silently lose the rest of the meeting.
    if declared and decoded < declared * 0.9 and declared - decoded > 1.0:
        raise AudioError(
            f"The file {path.name} is truncated: its header promises {declared:.1f} s "
            f"but only {decoded:.1f} s can be decoded."
        )
    return audio


def declared_seconds(path: Path) -> float | None:
    """The duration the container's header announces, if it announces one."""
    import av

    try:
        with av.open(str(path)) as container:
            if container.duration:
                return container.duration / av.time_base
    except av.error.FFmpegError:
        return None
    return None


def duration_seconds(audio: np.ndarray) -> float:
    return len(audio) / SAMPLE_RATE
