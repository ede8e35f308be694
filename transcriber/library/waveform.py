"""The loudness overview of a recording, drawn under the editor as a seek bar.

Computed by streaming the file, a block at a time (a 16-bit WAV straight from its
mapped samples, anything else decoded by PyAV frame by frame), so a meeting of several hours needs no more memory than
its overview: ``PEAKS_PER_SECOND`` peak values per second of audio. The result is
cached beside the library's audio, keyed by the file's path, size and time, so a
meeting opens with its waveform at once the second time.
"""

from __future__ import annotations

import hashlib
import os
import struct
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from transcriber.errors import AudioError
from transcriber.messages import message

PEAKS_PER_SECOND = 20
# Low enough to decode hours quickly, high enough that speech peaks survive.
_OVERVIEW_RATE = 4000
# Partial overviews: after this much audio, and then no more often than the wall-clock
# interval, so a long file is drawn as it grows without flooding the GUI thread.
_PROGRESS_AUDIO_SECONDS = 20.0
_PROGRESS_WALL_SECONDS = 0.25


def cache_path(audio: str | os.PathLike[str], cache_dir: Path) -> Path:
    path = Path(audio).resolve()
    stat = path.stat()
    key = hashlib.sha256(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()).hexdigest()[:24]
    return cache_dir / f"{key}.npy"


def cached_peaks(audio: str | os.PathLike[str], cache_dir: Path) -> np.ndarray | None:
    """The stored overview of ``audio``, or ``None`` when it was never computed (or is stale)."""
    try:
        return np.load(cache_path(audio, cache_dir))
    except (OSError, ValueError):
        return None


def map_wav(path: str | Path) -> tuple[np.ndarray, int] | None:
    """The samples of a mono 16-bit PCM WAV, memory-mapped, and its rate; None for anything else."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
            if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
                return None
            rate = None
            while True:
                chunk = f.read(8)
                if len(chunk) < 8:
                    return None
                name, size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
                if name == b"fmt ":
                    fmt = f.read(size + size % 2)
                    tag, channels, rate, _bps, _align, bits = struct.unpack("<HHIIHH", fmt[:16])
                    if tag != 1 or channels != 1 or bits != 16:
                        return None
                elif name == b"data":
                    if rate is None:
                        return None
                    offset = f.tell()
                    # A recording still growing (or cut short) may claim more than is there.
                    frames = (min(size, Path(path).stat().st_size - offset)) // 2
                    if frames < 2:
                        return None
                    return np.memmap(path, dtype="<i2", mode="r", offset=offset, shape=(frames,)), rate
                else:
                    f.seek(size + size % 2, 1)
    except (OSError, struct.error, ValueError):
        return None



def compute_peaks(
    audio: str | os.PathLike[str],
    cache_dir: Path | None = None,
    cancel: threading.Event | None = None,
    on_progress: Callable[[np.ndarray], None] | None = None,
) -> np.ndarray:
    """Peak level (0..1) of every 1/``PEAKS_PER_SECOND`` s of ``audio``, streamed.

    ``on_progress`` gets the peaks so far now and then (see ``_PROGRESS_*``), so a
    long file's overview can be drawn while it is still being read. A 16-bit WAV
    (what the recorder writes) is read straight from its mapped samples; other
    formats are decoded. Cancelling returns an empty overview, uncached.
    """
    path = Path(audio)
    if not path.is_file():
        raise AudioError(message("The recording {path} does not exist.", path=path))
    mapped = map_wav(path)
    if mapped is not None:
        peaks = _wav_peaks(*mapped, cancel=cancel, on_progress=on_progress)
    else:
        peaks = _decoded_peaks(path, cancel=cancel, on_progress=on_progress)
    if peaks is None:  # cancelled
        return np.zeros(0, dtype=np.float32)
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        target = cache_path(path, cache_dir)
        partial = target.with_suffix(".part.npy")
        np.save(partial, peaks)
        partial.replace(target)  # never a half-written cache
    return peaks


def _wav_peaks(samples: np.ndarray, rate: int, cancel: threading.Event | None,
               on_progress: Callable[[np.ndarray], None] | None) -> np.ndarray | None:
    """Peaks straight from a mapped 16-bit WAV, a minute at a time (no decoding: fast)."""
    per_peak = max(1, rate // PEAKS_PER_SECOND)
    block = per_peak * PEAKS_PER_SECOND * 60
    chunks: list[np.ndarray] = []
    last_progress = time.monotonic()
    for start in range(0, len(samples), block):
        if cancel is not None and cancel.is_set():
            return None
        part = np.abs(np.asarray(samples[start:start + block], dtype=np.int32))
        whole = len(part) // per_peak * per_peak
        if whole:
            chunks.append(part[:whole].reshape(-1, per_peak).max(axis=1) / np.float32(32768))
        if len(part) > whole:
            chunks.append(np.array([part[whole:].max() / 32768], dtype=np.float32))
        if on_progress is not None and time.monotonic() - last_progress >= _PROGRESS_WALL_SECONDS:
            last_progress = time.monotonic()
            on_progress(_join(chunks))
    return _join(chunks)


def _decoded_peaks(path: Path, cancel: threading.Event | None,
                   on_progress: Callable[[np.ndarray], None] | None) -> np.ndarray | None:
    """Peaks of any format ffmpeg reads, decoded and resampled frame by frame."""
    import av

    per_peak = _OVERVIEW_RATE // PEAKS_PER_SECOND
    chunks: list[np.ndarray] = []
    carry = np.zeros(0, dtype=np.float32)
    since_progress = 0
    last_progress = 0.0  # monotonic time of the last partial overview; 0: none yet
    try:
        with av.open(str(path)) as container:
            stream = next((s for s in container.streams if s.type == "audio"), None)
            if stream is None:
                raise AudioError(message("The file {name} has no sound track.", name=path.name))
            stream.thread_type = "AUTO"
            resampler = av.AudioResampler(format="flt", layout="mono", rate=_OVERVIEW_RATE)
            for frame in container.decode(stream):
                if cancel is not None and cancel.is_set():
                    return None
                for out in resampler.resample(frame):
                    fresh = np.abs(out.to_ndarray().reshape(-1))
                    samples = np.concatenate([carry, fresh])
                    whole = len(samples) // per_peak * per_peak
                    if whole:
                        chunks.append(samples[:whole].reshape(-1, per_peak).max(axis=1))
                    carry = samples[whole:]
                    since_progress += len(fresh)
                if (on_progress is not None and since_progress >= _PROGRESS_AUDIO_SECONDS * _OVERVIEW_RATE
                        and time.monotonic() - last_progress >= _PROGRESS_WALL_SECONDS):
                    since_progress, last_progress = 0, time.monotonic()
                    on_progress(_join(chunks))
    except av.error.FFmpegError as exc:
        raise AudioError(message("The recording {name} cannot be read for its overview: {detail}.", name=path.name, detail=exc)) from exc
    if len(carry):
        chunks.append(np.array([carry.max()], dtype=np.float32))
    return _join(chunks)


def _join(chunks: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, dtype=np.float32)
