"""A WAV file that grows while recording and is valid, or repairable, at every moment.

The canonical 44-byte PCM header is written first; frames are appended with
unbuffered writes, and every ``sync()`` rewrites the two size fields and fsyncs.
So after a kill (SIGKILL, crash) the file on disk holds every frame written before
it (the page cache survives the process), and after a power cut every frame up to
the last sync. ``repair_wav`` then trims a torn last frame and fixes the sizes, in
place: no copy, so it also works on a full disk.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

import numpy as np

HEADER_BYTES = 44
SAMPLE_BYTES = 2  # PCM 16-bit: what speech needs, and what every player reads
_RIFF_SIZE_AT = 4
_DATA_SIZE_AT = 40
# RIFF sizes are 32-bit; at 16 kHz mono that is 37 hours, far beyond a meeting.
MAX_DATA_BYTES = 0xFFFFFFFF - (HEADER_BYTES - 8)


def wav_header(sample_rate: int, channels: int, data_bytes: int) -> bytes:
    block_align = channels * SAMPLE_BYTES
    return b"".join(
        [
            b"RIFF",
            struct.pack("<I", HEADER_BYTES - 8 + data_bytes),
            b"WAVEfmt ",
            struct.pack(
                "<IHHIIHH",
                16,  # fmt chunk size
                1,  # PCM
                channels,
                sample_rate,
                sample_rate * block_align,
                block_align,
                SAMPLE_BYTES * 8,
            ),
            b"data",
            struct.pack("<I", data_bytes),
        ]
    )


def _fsync_dir(path: Path) -> None:
    """Make the file's directory entry durable too (POSIX; a no-op where unsupported)."""
    try:
        fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class GrowingWav:
    """Append int16 frames; ``sync()`` makes everything so far durable and readable."""

    def __init__(self, path: str | os.PathLike[str], sample_rate: int, channels: int = 1) -> None:
        self.path = Path(path)
        self.sample_rate = sample_rate
        self.channels = channels
        self.frames = 0
        self._data_bytes = 0
        # Exclusive create: a recording never overwrites anything.
        self._file = open(self.path, "xb", buffering=0)  # closed in close()
        try:
            self._file.write(wav_header(sample_rate, channels, 0))
            os.fsync(self._file.fileno())
            _fsync_dir(self.path)
        except OSError:
            self._file.close()
            self.path.unlink(missing_ok=True)
            raise

    @property
    def seconds(self) -> float:
        return self.frames / self.sample_rate

    def append(self, samples: np.ndarray) -> None:
        """Write int16 samples shaped (frames, channels). Raises OSError (ENOSPC...)."""
        data = np.ascontiguousarray(samples, dtype="<i2").tobytes()
        if self._data_bytes + len(data) > MAX_DATA_BYTES:
            raise OSError(27, "the recording reached the WAV size limit (4 GB)")
        view = memoryview(data)
        while view:
            # A short write (disk nearly full) leaves a partial frame; the next write
            # raises ENOSPC and close()/repair trim the torn frame.
            written = self._file.write(view)
            self._data_bytes += written
            view = view[written:]
        self.frames = self._data_bytes // (SAMPLE_BYTES * self.channels)

    def sync(self) -> None:
        """Rewrite the sizes and fsync: the file is now valid up to the last frame."""
        self._write_sizes(self.frames * SAMPLE_BYTES * self.channels)
        os.fsync(self._file.fileno())

    def _write_sizes(self, data_bytes: int) -> None:
        end = self._file.tell()
        self._file.seek(_RIFF_SIZE_AT)
        self._file.write(struct.pack("<I", HEADER_BYTES - 8 + data_bytes))
        self._file.seek(_DATA_SIZE_AT)
        self._file.write(struct.pack("<I", data_bytes))
        self._file.seek(end)

    def close(self) -> None:
        """Finalise: trim a torn frame, write the sizes, fsync. Safe to call twice."""
        if self._file.closed:
            return
        try:
            data_bytes = self.frames * SAMPLE_BYTES * self.channels
            if data_bytes != self._data_bytes:
                self._file.truncate(HEADER_BYTES + data_bytes)
                self._file.seek(HEADER_BYTES + data_bytes)
                self._data_bytes = data_bytes
            self.sync()
        finally:
            self._file.close()


def read_header(path: Path) -> tuple[int, int] | None:
    """(sample_rate, channels) of a header this module wrote, or None if it is not one."""
    with open(path, "rb") as f:
        head = f.read(HEADER_BYTES)
    if len(head) < HEADER_BYTES or head[:4] != b"RIFF" or head[8:16] != b"WAVEfmt ":
        return None
    if head[36:40] != b"data":
        return None
    _size, fmt, channels, rate, _rate_bytes, _align, bits = struct.unpack("<IHHIIHH", head[16:36])
    if fmt != 1 or bits != SAMPLE_BYTES * 8 or channels < 1 or rate < 1:
        return None
    return rate, channels


def repair_wav(path: str | os.PathLike[str], sample_rate: int, channels: int) -> float:
    """Make a WAV left by a dead recorder playable, in place; return its duration in seconds.

    A missing file or one that died before its header was written becomes an empty
    WAV with the given format, so the recording row still points at a playable file.
    """
    path = Path(path)
    header = read_header(path) if path.exists() else None
    if header is None:
        with open(path, "wb") as f:
            f.write(wav_header(sample_rate, channels, 0))
            os.fsync(f.fileno())
        _fsync_dir(path)
        return 0.0
    sample_rate, channels = header
    frame_bytes = SAMPLE_BYTES * channels
    size = path.stat().st_size
    data_bytes = min((size - HEADER_BYTES) // frame_bytes * frame_bytes, MAX_DATA_BYTES)
    with open(path, "r+b") as f:
        if HEADER_BYTES + data_bytes != size:
            f.truncate(HEADER_BYTES + data_bytes)
        f.seek(_RIFF_SIZE_AT)
        f.write(struct.pack("<I", HEADER_BYTES - 8 + data_bytes))
        f.seek(_DATA_SIZE_AT)
        f.write(struct.pack("<I", data_bytes))
        os.fsync(f.fileno())
    return data_bytes / frame_bytes / sample_rate
