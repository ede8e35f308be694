"""One file decoded where a worker runs: the segments go back, the library stays with
the coordinator. Used by both engines, so local and Ray workers decode alike and
alike with ``transcriber transcribe`` (same engine, same stretches, same guards)."""

from __future__ import annotations

import dataclasses
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from transcriber.asr.device import CPU_THREADS_ENV, choose_device
from transcriber.asr.engine import EngineOptions, Progress, get_engine
from transcriber.asr.sections import sections_of
from transcriber.audio import AudioReader
from transcriber.model import Segment


@dataclass
class Job:
    """A file handed to a worker; ``key`` identifies it in the events that come back."""

    key: int
    path: str
    duration: float


@dataclass
class DecodedFile:
    segments: list[Segment]
    decoded_seconds: float
    warning: str | None  # the file turned out truncated


def prepare_worker(options: EngineOptions, threads: int) -> EngineOptions:
    """Set this worker process's share of the cores and pick its pipeline: where a GPU
    is there, CUDA float16 (``choose_device``) with the batched pipeline."""
    os.environ[CPU_THREADS_ENV] = str(max(1, threads))
    if choose_device(options.device).device == "cuda":
        return dataclasses.replace(options, batched=True)
    return options


def decode_file(path: str | os.PathLike[str], options: EngineOptions,
                progress: Progress | None = None,
                cancel: threading.Event | None = None) -> DecodedFile:
    """Decode the whole file; AudioError (one sentence) if it is not audio."""
    reader = AudioReader(Path(path))
    engine = get_engine(options)
    segments = list(engine.transcribe_sections(sections_of(reader, engine.decoders), progress,
                                               cancel, reader.duration))
    return DecodedFile(segments, reader.decoded_seconds, reader.warning)
