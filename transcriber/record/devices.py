"""Input devices as PortAudio sees them, and choosing one by name, index or default.

On Linux PortAudio reaches PulseAudio/PipeWire through ALSA's ``pulse`` device
(Debian: libasound2-plugins); on macOS CoreAudio, on Windows WASAPI/MME.
"""

from __future__ import annotations

from dataclasses import dataclass

from transcriber.errors import RecordingError
from transcriber.messages import message


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    host_api: str
    channels: int
    default_sample_rate: float
    is_default: bool = False

    def describe(self) -> str:
        mark = "*" if self.is_default else " "
        return (
            f"{mark} {self.index}\t{self.name}\t{self.host_api}\t"
            f"{self.channels} ch\t{self.default_sample_rate:.0f} Hz"
        )


def _sounddevice():
    """Import sounddevice, turning a missing PortAudio library into a clear error."""
    try:
        import sounddevice
    except OSError as exc:  # sounddevice raises OSError when libportaudio is absent
        raise RecordingError(
            message("Audio capture needs the PortAudio library, which is not installed "
                    "(on Debian/Ubuntu: apt install libportaudio2).")
        ) from exc
    return sounddevice


def list_input_devices() -> list[InputDevice]:
    """Every device with at least one input channel; the system default is marked."""
    sd = _sounddevice()
    try:
        # PortAudio's default input (-1 when there is none), unless the process overrode it.
        default_input = sd.default.device[0]
        host_apis = [api["name"] for api in sd.query_hostapis()]
        devices = sd.query_devices()
    except sd.PortAudioError as exc:
        raise RecordingError(message("The audio system cannot list its devices: {detail}.", detail=exc)) from exc
    return [
        InputDevice(
            index=index,
            name=info["name"],
            host_api=host_apis[info["hostapi"]],
            channels=info["max_input_channels"],
            default_sample_rate=info["default_samplerate"],
            is_default=index == default_input,
        )
        for index, info in enumerate(devices)
        if info["max_input_channels"] > 0
    ]


def find_input_device(choice: str | int | None = None) -> InputDevice:
    """The device the user asked for: an index, an exact or partial name, or the default.

    Raises RecordingError when there is no input device at all or the choice matches
    none (or, for a partial name, several).
    """
    devices = list_input_devices()
    if not devices:
        raise RecordingError(
            message("No audio input device was found: connect a microphone, or check that the "
                    "sound server (PulseAudio/PipeWire) is running.")
        )
    if choice is None or choice == "":
        for device in devices:
            if device.is_default:
                return device
        return devices[0]
    if isinstance(choice, int) or str(choice).isdigit():
        for device in devices:
            if device.index == int(choice):
                return device
        raise RecordingError(
            message("There is no input device number {choice}; `transcriber devices` lists them.", choice=choice)
        )
    exact = [d for d in devices if d.name.casefold() == str(choice).casefold()]
    if exact:
        return exact[0]
    partial = [d for d in devices if str(choice).casefold() in d.name.casefold()]
    if len(partial) == 1:
        return partial[0]
    if partial:
        names = ", ".join(f"{d.index} ({d.name})" for d in partial)
        raise RecordingError(message("'{choice}' matches several input devices: {names}; pick one by number.", choice=choice, names=names))
    raise RecordingError(message("There is no input device called '{choice}'; `transcriber devices` lists them.", choice=choice))
