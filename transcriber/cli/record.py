"""``transcriber record`` and ``transcriber devices``: capture one side of a meeting.

Ctrl+C (or SIGTERM) stops cleanly: the signal only sets a flag, the recorder
finalises the file and the library rows, and the meeting id is printed on stdout
(status and the live draft go to stderr, so ``id=$(transcriber record ...)`` works).
"""

from __future__ import annotations

import queue
import signal
import sys
import threading

import click

from transcriber.asr.engine import LANGUAGES, EngineOptions
from transcriber.cli import open_library
from transcriber.cli.params import MEETING_DATE, SecondsType, bounded_int

STATUS_EVERY_SECONDS = 1.0  # when stderr is not a terminal: one line per second
METER_WIDTH = 20


def _clock(seconds: float) -> str:
    minutes, secs = divmod(seconds, 60)
    return f"{int(minutes):02d}:{secs:04.1f}"


def _meter(fraction: float) -> str:
    filled = round(fraction * METER_WIDTH)
    return "#" * filled + "-" * (METER_WIDTH - filled)


@click.command()
@click.option("--device", help="Input device name or number (see `transcriber devices`); "
                                "default: the system's default input.")
@click.option("--title", help="Meeting title (default: 'Recording <date time>').")
@click.option("--date", type=MEETING_DATE, help="Meeting date YYYY-MM-DD (default: today).")
@click.option("--seconds", type=SecondsType(minimum=0.1), help="Stop after this many seconds.")
@click.option("--live", is_flag=True, help="Transcribe a draft while recording.")
@click.option("--language", type=click.Choice(LANGUAGES), default="auto", show_default=True,
              help="Language of the live draft.")
@click.option("--model", default="whisper-base", show_default=True,
              help="Model for the live draft (folder, name under models/, or hub name).")
@click.option("--sample-rate", type=bounded_int(8000, 384_000),
              help="Record at this rate (default: 16000 Hz, or the device's own rate).")
@click.pass_context
def record(ctx: click.Context, device: str | None, title: str | None, date: str | None,
           seconds: float | None, live: bool, language: str, model: str,
           sample_rate: int | None) -> None:
    """Record from an input device into a new meeting; Ctrl+C stops.

    Prints the meeting id on stdout. Recordings left by a process that died are
    recovered first.
    """
    from transcriber.library.glossary import with_glossary
    from transcriber.record import LiveOptions, Recorder, RecorderState

    library = open_library(ctx)  # recovers recordings left by a process that died

    drafted: queue.SimpleQueue = queue.SimpleQueue()
    recorder = Recorder(
        library,
        device,
        title=title,
        date=date,
        sample_rate=sample_rate,
        max_seconds=seconds,
        live=LiveOptions(with_glossary(EngineOptions(model=model, language=language), library))
        if live else None,
        on_bullets=drafted.put,
    )
    stop = threading.Event()

    def on_signal(_signum: int, _frame: object) -> None:
        # Only set flags here: the main loop does the stopping, outside the handler.
        if stop.is_set():
            recorder.cancel_draft()  # a second Ctrl+C gives up the draft's tail
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        meeting = recorder.start()
        click.echo(f"Recording meeting {meeting.id} from '{recorder.device.name}' at "
                   f"{recorder.sample_rate} Hz; Ctrl+C stops.", err=True)
        _show_progress(recorder, stop, drafted)
        if sys.stderr.isatty():
            click.echo(err=True)  # end the meter line
        if live:
            click.echo("Finishing the draft transcript (Ctrl+C again to skip)...", err=True)
        recording = recorder.stop()
        _print_draft(drafted, sys.stderr.isatty())
    finally:
        # Whatever went wrong in this loop, the file and its row are finalised (a no-op
        # after a normal stop).
        if recorder.state is not RecorderState.IDLE:
            recorder.stop(cancel_draft=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if recorder.live is not None and recorder.live.error:
        click.echo(f"Warning: {recorder.live.error}", err=True)
    click.echo(meeting.id)
    if recorder.state is RecorderState.FAILED:
        # The error says what was kept (the file's length); the row may not say it yet.
        click.echo(f"Error: {recorder.error}", err=True)
        sys.exit(1)
    click.echo(f"Stored {recording.duration:.1f} s as meeting {meeting.id} in {library.path}",
               err=True)


def _show_progress(recorder, stop: threading.Event, drafted: queue.SimpleQueue) -> None:
    """Time and level on stderr until Ctrl+C, --seconds, or a failure stops the recorder."""
    tty = sys.stderr.isatty()
    last_line = 0.0
    while not stop.wait(0.1) and not recorder.done:
        _print_draft(drafted, tty)
        level = recorder.level
        if tty:
            click.echo(f"\r{_clock(recorder.elapsed)}  {_meter(level.rms)} "
                       f"{level.rms_dbfs:6.1f} dBFS ", err=True, nl=False)
        elif recorder.elapsed - last_line >= STATUS_EVERY_SECONDS:
            last_line = recorder.elapsed
            click.echo(f"recording {_clock(recorder.elapsed)} level {level.rms_dbfs:.1f} dBFS",
                       err=True)


def _print_draft(drafted: queue.SimpleQueue, tty: bool = False) -> None:
    # On a terminal the bullet replaces the meter line (which is redrawn after it).
    prefix = "\r\033[K" if tty else ""
    while True:
        try:
            bullets = drafted.get_nowait()
        except queue.Empty:
            return
        for bullet in bullets:
            click.echo(f"{prefix}[{_clock(bullet.start or 0.0)}] {bullet.text}", err=True)


@click.command()
def devices() -> None:
    """List audio input devices; * marks the system default."""
    from transcriber.record import list_input_devices
    from transcriber.record.devices import find_input_device

    find_input_device()  # raises the clear "no input device" error when there is none
    for device in list_input_devices():
        click.echo(device.describe())


COMMANDS: list[click.Command] = [record, devices]
