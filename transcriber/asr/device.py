"""Choosing where CTranslate2 runs: CUDA float16 when it sees a GPU, else CPU int8.

On a CPU the cores are split between decoders running side by side (CTranslate2's
``inter_threads``, the model's weights shared), each with its share of the threads: a
long recording is cut into sections decoded at once (``transcriber.asr.sections``).
Measured with whisper-base on 2 cores, one decode on 2 threads is only about 5 %
faster than on 1, while two decodes on 1 thread each get through 1.8 times the
audio (bench/long_audio.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from transcriber.errors import ModelError
from transcriber.messages import message

DEVICES = ("auto", "cpu", "cuda")
# Set by a batch worker (transcriber.batch) to its fair share of the cores, so N worker
# processes on one machine do not each take every core.
CPU_THREADS_ENV = "TRANSCRIBER_CPU_THREADS"
# The most decoders side by side on a CPU: each further section of a recording starts
# without the text before it, and each decoder holds its own activations.
MAX_CPU_WORKERS = 4


@dataclass(frozen=True)
class DeviceChoice:
    device: str
    compute_type: str
    cpu_threads: int  # per worker
    workers: int = 1  # decoders that may run side by side


def cuda_device_count() -> int:
    import ctranslate2

    try:
        return ctranslate2.get_cuda_device_count()
    except RuntimeError:
        # A CUDA driver that is present but broken counts as no GPU.
        return 0


def cpu_thread_count() -> int:
    """Physical cores, capped: past 8 threads Whisper's CPU decoding stops scaling;
    a batch worker's share when ``CPU_THREADS_ENV`` says so."""
    share = os.environ.get(CPU_THREADS_ENV, "")
    if share.isdigit() and int(share) > 0:
        return int(share)
    try:
        import psutil

        cores = psutil.cpu_count(logical=False) or os.cpu_count() or 1
    except ImportError:
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def choose_device(requested: str = "auto", cuda_count: int | None = None) -> DeviceChoice:
    """``auto`` takes CUDA float16 when a GPU is visible; ``cuda`` without one is refused."""
    if requested not in DEVICES:
        raise ModelError(message("Unknown device '{requested}': choose one of {devices}.", requested=requested, devices=', '.join(DEVICES)))
    gpus = cuda_device_count() if cuda_count is None else cuda_count
    if requested == "cuda" and gpus == 0:
        raise ModelError(message("CUDA was requested but CTranslate2 sees no GPU on this machine; use --device cpu."))
    if requested in ("auto", "cuda") and gpus > 0:
        # float16 is what every CUDA GPU faster-whisper supports runs natively.
        return DeviceChoice("cuda", "float16", 0)
    cores = cpu_thread_count()
    workers = min(cores, MAX_CPU_WORKERS)
    return DeviceChoice("cpu", "int8", max(1, cores // workers), workers)
