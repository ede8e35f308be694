"""Recording one side of a meeting: devices, crash-safe capture, recovery, live draft.

Core code, no Qt: the CLI (``transcriber record``) and the GUI recorder panel both
drive ``Recorder``, and both call ``recover_recordings`` when they start.
"""

from transcriber.record.devices import InputDevice, find_input_device, list_input_devices
from transcriber.record.level import Level
from transcriber.record.live import LiveOptions
from transcriber.record.recorder import Recorder, RecorderState
from transcriber.record.recovery import recover_recordings
from transcriber.record.vad import VadSettings

__all__ = [
    "InputDevice",
    "Level",
    "LiveOptions",
    "Recorder",
    "RecorderState",
    "VadSettings",
    "find_input_device",
    "list_input_devices",
    "recover_recordings",
]
