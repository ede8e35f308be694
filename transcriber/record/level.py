"""The input level a meter draws: RMS and peak of the latest block, in dBFS and 0..1."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# Below this a meter shows nothing; also keeps log10 away from zero.
FLOOR_DBFS = -90.0
FULL_SCALE = 32768.0


@dataclass(frozen=True)
class Level:
    rms_dbfs: float = FLOOR_DBFS
    peak_dbfs: float = FLOOR_DBFS
    clipped: bool = False

    @property
    def rms(self) -> float:
        """0..1 on a dB scale from -60 dBFS (empty meter) to 0 dBFS (full)."""
        return _meter_fraction(self.rms_dbfs)

    @property
    def peak(self) -> float:
        return _meter_fraction(self.peak_dbfs)


def _meter_fraction(dbfs: float) -> float:
    return min(1.0, max(0.0, (dbfs + 60.0) / 60.0))


def _dbfs(value: float) -> float:
    return max(FLOOR_DBFS, 20.0 * math.log10(value)) if value > 0 else FLOOR_DBFS


def measure(samples: np.ndarray) -> Level:
    """Level of an int16 block (any shape)."""
    if samples.size == 0:
        return Level()
    as_float = samples.astype(np.float32) / FULL_SCALE
    rms = float(np.sqrt(np.mean(as_float * as_float)))
    peak = float(np.max(np.abs(as_float)))
    return Level(_dbfs(rms), _dbfs(peak), clipped=peak >= 0.999)
