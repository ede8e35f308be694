"""What an engine tells the coordinator about each job, the same for every engine."""

from __future__ import annotations

from dataclasses import dataclass

from transcriber.batch.decode import DecodedFile, Job
from transcriber.messages import Message, message

# A file whose worker is lost (killed, out of memory) is tried again at most twice.
MAX_ATTEMPTS = 3
# The reason of a ``Failed`` file the user withdrew: not a fault of the file.
CANCELLED = "cancelled"


@dataclass
class Started:
    job: Job
    attempt: int  # 1 the first time, 2 and 3 after a lost worker
    worker: int | None = None  # its process id, where the engine knows it


@dataclass
class Decoding:
    job: Job
    seconds: float  # audio seconds of this file decoded so far


@dataclass
class Decoded:
    job: Job
    result: DecodedFile


@dataclass
class Failed:
    job: Job
    reason: str  # one sentence


@dataclass
class Retrying:
    job: Job
    reason: str  # why its worker was lost


Event = Started | Decoding | Decoded | Failed | Retrying


def lost_reason(exitcode: int | None) -> Message:
    """How a worker process ended, in words."""
    if exitcode is None:
        return message("its worker stopped answering")
    if exitcode < 0:
        import signal

        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        if name == "SIGKILL":
            return message("its worker was killed by {signal} (as when the machine runs out of memory)",
                           signal=name)
        return message("its worker was killed by {signal}", signal=name)
    return message("its worker exited with code {code}", code=exitcode)


def decoding_failed(exc: Exception) -> Message:
    """A file's decoding raised something unforeseen: its own words go in ``detail``."""
    return message("decoding failed: {detail}", detail=exc)


def gave_up(attempts: int, reason: str) -> Message:
    return message("gave up after {attempts} attempts: {reason}.", attempts=attempts, reason=reason)
