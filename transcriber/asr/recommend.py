"""Which Whisper model this machine can afford, for the settings' recommendation.

Whisper base is the offline default because it runs anywhere; it also makes the
most mistakes. With a CUDA GPU, large-v3 runs many times faster than real time
and is the most accurate; on a CPU, large-v3-turbo (4 decoder layers) needs about
2 GB of RAM in int8 and enough cores to keep up, small needs far less. The
thresholds leave room for the rest of the desktop, since the app runs beside it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

GIB = 1024**3
BIG_CPU_RAM = 16 * GIB
BIG_CPU_CORES = 8
SMALL_CPU_RAM = 8 * GIB
SMALL_CPU_CORES = 4


@dataclass(frozen=True)
class Recommendation:
    model: str
    reason: str  # "cuda" or "cpu": which explanation the interface shows
    ram_gib: int
    cores: int


def machine() -> tuple[int, int, int]:
    """(RAM bytes, physical cores, CUDA devices) of this machine."""
    import psutil

    from transcriber.asr.device import cuda_device_count

    cores = psutil.cpu_count(logical=False) or os.cpu_count() or 1
    return psutil.virtual_memory().total, cores, cuda_device_count()


def recommend_model(
    current: str, ram_bytes: int | None = None, cores: int | None = None, cuda_devices: int | None = None
) -> Recommendation | None:
    """A larger model worth using here, or None when ``current`` is already the right one."""
    if ram_bytes is None or cores is None or cuda_devices is None:
        found_ram, found_cores, found_gpus = machine()
        ram_bytes = found_ram if ram_bytes is None else ram_bytes
        cores = found_cores if cores is None else cores
        cuda_devices = found_gpus if cuda_devices is None else cuda_devices
    if cuda_devices > 0:
        model, reason = "large-v3", "cuda"
    elif ram_bytes >= BIG_CPU_RAM and cores >= BIG_CPU_CORES:
        model, reason = "large-v3-turbo", "cpu"
    elif ram_bytes >= SMALL_CPU_RAM and cores >= SMALL_CPU_CORES:
        model, reason = "small", "cpu"
    else:
        return None
    if current == model:
        return None
    return Recommendation(model, reason, int(ram_bytes // GIB), cores)
