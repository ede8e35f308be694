"""Decoding audio and video files for transcription, with errors a user can act on."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from transcriber.errors import AudioError
from transcriber.messages import message

log = logging.getLogger(__name__)

SAMPLE_RATE = 16000
# Shorter than this holds no word; Whisper would only hallucinate on it.
MIN_SECONDS = 0.1
# No recorder writes audio outside these rates; a header outside them is damaged, and
# decoding it (a "1 Hz" WAV resampled to 16 kHz) would take hours to give nothing.
MIN_SAMPLE_RATE = 1000
MAX_SAMPLE_RATE = 384000
# A header promising more than this (a week) is damaged, not a meeting.
MAX_DECLARED_SECONDS = 7 * 24 * 3600.0


def sha256_file(path: str | os.PathLike[str]) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# A decoded file this much shorter than its header promises is truncated.
TRUNCATED_SHARE = 0.9
TRUNCATED_SECONDS = 1.0
CHUNK_SECONDS = 30.0


class AudioReader:
    """A file ffmpeg reads (video included), decoded chunk by chunk to float32 mono 16 kHz.

    Opening checks the file (missing, empty, not audio, no audio at all) and raises
    AudioError with one sentence, before anything is written anywhere. ``chunks``
    decodes on demand, so memory stays flat however long the file is. A file that
    decodes much shorter than its header promises (a cut-off copy) is read as far as
    it goes; ``warning`` then says so.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.name = self.path.name  # how warnings call the file (a stored copy: its source)
        self.declared = _check(self.path)
        self.decoded_samples = 0
        self.finished = False

    @property
    def decoded_seconds(self) -> float:
        return self.decoded_samples / SAMPLE_RATE

    @property
    def duration(self) -> float:
        """The header's duration until the file is read to its end, then the real one."""
        if self.finished or not self.declared:
            return self.decoded_seconds
        return self.declared

    @property
    def warning(self) -> str | None:
        """One sentence when the file ended well before its header said it would."""
        declared, decoded = self.declared, self.decoded_seconds
        if (self.finished and declared and decoded < declared * TRUNCATED_SHARE
                and declared - decoded > TRUNCATED_SECONDS):
            return (f"The file {self.name} is truncated: its header promises "
                    f"{declared:.1f} s but only {decoded:.1f} s could be decoded.")
        return None

    def chunks(self, seconds: float = CHUNK_SECONDS) -> Iterator[np.ndarray]:
        """Consecutive float32 chunks of about ``seconds`` each, to the end of the file."""
        import av

        self.decoded_samples = 0
        self.finished = False
        size = max(1, round(seconds * SAMPLE_RATE))
        parts: list[np.ndarray] = []
        held = 0
        try:
            with av.open(str(self.path), metadata_errors="ignore") as container:
                for samples in _decoded_frames(container):
                    parts.append(samples)
                    held += len(samples)
                    while held >= size:
                        joined = np.concatenate(parts)
                        chunk, rest = joined[:size], joined[size:]
                        parts, held = ([rest] if len(rest) else []), len(rest)
                        self.decoded_samples += len(chunk)
                        yield chunk
        except PermissionError as exc:
            raise AudioError(message("The file {path} cannot be read: permission denied.", path=self.path)) from exc
        except av.error.FFmpegError as exc:
            # Damage after a good start: what was decoded stands, the rest is missing.
            log.warning("decoding %s stopped: %s", self.path, exc)
        if held:
            chunk = np.concatenate(parts)
            self.decoded_samples += len(chunk)
            yield chunk
        self.finished = True


def _mono(frame: object) -> object:
    """``frame`` with its channels averaged into one (float samples, same rate)."""
    import av

    channels = len(frame.layout.channels)
    data = frame.to_ndarray()
    samples = data if frame.format.is_planar else data.reshape(-1, channels).T
    if np.issubdtype(samples.dtype, np.integer):
        scale = float(np.iinfo(samples.dtype).max) + 1.0
        samples = samples.astype(np.float32) / scale
    mono = samples.astype(np.float32).mean(axis=0, keepdims=True)
    out = av.AudioFrame.from_ndarray(np.ascontiguousarray(mono), format="flt", layout="mono")
    out.sample_rate = frame.sample_rate
    return out


def _decoded_frames(container: object) -> Iterator[np.ndarray]:
    """Mono 16 kHz float32 arrays, one per resampled frame; broken packets are skipped."""
    import av

    stream = container.streams.audio[0]
    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    # ffmpeg's resampler refuses layouts past 8 channels (a 64-channel WAV): those
    # frames are averaged to mono here first. Nothing is dropped: every channel counts.
    downmix = len(stream.layout.channels) > 8
    for packet in container.demux(stream):
        try:
            frames = packet.decode()
        except av.error.InvalidDataError:
            continue
        for frame in frames:
            for out in resampler.resample(_mono(frame) if downmix else frame):
                yield out.to_ndarray().reshape(-1).astype(np.float32) / 32768.0
    for out in resampler.resample(None):
        yield out.to_ndarray().reshape(-1).astype(np.float32) / 32768.0


def _check(path: Path) -> float | None:
    """Raise AudioError unless ``path`` holds decodable audio; the header's duration."""
    import av

    if not path.exists():
        raise AudioError(message("The file {path} does not exist.", path=path))
    if path.is_dir():
        raise AudioError(message("{path} is a folder, not an audio file.", path=path))
    if not path.is_file():  # a FIFO or a device would block or never end
        raise AudioError(message("{path} is not a regular file (a device, FIFO or socket); give an "
                                 "audio or video file.", path=path))
    if path.stat().st_size == 0:
        raise AudioError(message("The file {path} is empty.", path=path))
    got = 0
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            declared = container.duration / av.time_base if container.duration else None
            # ffmpeg trims a WAV's duration to what the file holds; its header says more.
            declared = _wav_header_seconds(path) or declared
            _check_header(path, container.streams.audio[0].sample_rate, declared)
            for samples in _decoded_frames(container):
                got += len(samples)
                if got >= MIN_SECONDS * SAMPLE_RATE:
                    break
    except PermissionError as exc:
        raise AudioError(message("The file {path} cannot be read: permission denied.", path=path)) from exc
    except (av.error.FFmpegError, IndexError, ValueError, StopIteration) as exc:
        # PyAV raises InvalidDataError for non-audio, IndexError for a container
        # with no audio stream (a picture, a silent video).
        raise AudioError(
            message("The file {name} is not audio or video that can be decoded "
                    "(it may be truncated or in an unsupported format).", name=path.name)
        ) from exc
    if got < MIN_SECONDS * SAMPLE_RATE:
        raise AudioError(message("The file {name} holds no audio (it is empty or truncated).", name=path.name))
    return declared


def _check_header(path: Path, sample_rate: int | None, declared: float | None) -> None:
    """Refuse, before any decoding, a header no real recording has."""
    if sample_rate and not MIN_SAMPLE_RATE <= sample_rate <= MAX_SAMPLE_RATE:
        raise AudioError(
            message("The file {name} says its sample rate is {sample_rate} Hz, which no "
                    "recording has (expected {MIN_SAMPLE_RATE} to {MAX_SAMPLE_RATE} Hz): its "
                    "header is damaged.", name=path.name, sample_rate=sample_rate, MIN_SAMPLE_RATE=MIN_SAMPLE_RATE, MAX_SAMPLE_RATE=MAX_SAMPLE_RATE)
        )
    if declared and declared > MAX_DECLARED_SECONDS:
        raise AudioError(
            message("The file {name} says it lasts {hours:.0f} hours, which no "
                    "recording does: its header is damaged.", name=path.name, hours=declared / 3600)
        )


def _wav_header_seconds(path: Path) -> float | None:
    """The duration a RIFF/WAVE header announces (its data chunk's size), if it is one."""
    import struct

    try:
        with open(path, "rb") as f:
            head = f.read(12)
            if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
                return None
            byte_rate = 0
            while chunk := f.read(8):
                if len(chunk) < 8:
                    return None
                name, size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
                if name == b"fmt ":
                    fmt = f.read(size + size % 2)
                    byte_rate = struct.unpack("<I", fmt[8:12])[0] if len(fmt) >= 12 else 0
                elif name == b"data":
                    # 0 and 0xFFFFFFFF: a header written before the length was known.
                    if not byte_rate or size in (0, 0xFFFFFFFF):
                        return None
                    return size / byte_rate
                else:
                    f.seek(size + size % 2, os.SEEK_CUR)
    except OSError:
        return None
    return None


def load_audio(path: str | os.PathLike[str]) -> np.ndarray:
    """A whole file in memory (for clips and playback; transcription streams instead).

    Raises AudioError with one sentence for a missing, empty, non-audio file.
    """
    reader = AudioReader(path)
    chunks = list(reader.chunks())
    audio = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)
    if audio.size < MIN_SECONDS * SAMPLE_RATE:
        raise AudioError(message("The file {name} holds no audio (it is empty or truncated).", name=reader.path.name))
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
