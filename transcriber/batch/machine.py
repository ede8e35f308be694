"""How many workers this machine (or a Ray cluster) takes, and how many threads each."""

from __future__ import annotations

import os
from pathlib import Path

from transcriber.errors import TranscriberError


def physical_cores() -> int:
    """Physical cores: hyper-threads add little to Whisper's decoding."""
    try:
        import psutil

        return psutil.cpu_count(logical=False) or os.cpu_count() or 1
    except ImportError:
        return os.cpu_count() or 1


# Threads per worker the default worker count aims at. CTranslate2 scales sublinearly
# with threads while each file also has serial parts (decoding the audio, the VAD),
# so several workers of a few threads keep the cores busier than one of many
# (bench/batch.py measures it: scaling efficiency).
THREADS_PER_WORKER = 2
MODEL_MEMORY_FACTOR = 2.5  # a worker's resident memory against its model file's size
UNKNOWN_MODEL_BYTES = 2 << 30


def default_workers(model: str, cores: int | None = None, gpus: int = 0) -> int:
    """What this machine can take: one worker per GPU; on CPU, a worker per
    ``THREADS_PER_WORKER`` cores, no more than the free memory holds models."""
    if gpus:
        return gpus
    cores = cores or physical_cores()
    by_cores = max(1, cores // THREADS_PER_WORKER)
    try:
        import psutil

        from transcriber.asr.models import resolve_model

        model_bytes = sum(f.stat().st_size for f in Path(resolve_model(model)).glob("*.bin"))
    except (TranscriberError, OSError, ImportError):
        model_bytes = UNKNOWN_MODEL_BYTES
    try:
        free = psutil.virtual_memory().available
    except (ImportError, OSError):
        return by_cores
    by_memory = max(1, int(free // (max(model_bytes, 1) * MODEL_MEMORY_FACTOR)))
    return max(1, min(by_cores, by_memory))
