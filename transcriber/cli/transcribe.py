"""``transcriber transcribe FILE``: the main job, from any audio or video file to a transcript."""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
import threading
from pathlib import Path

import click
from tqdm import tqdm

from transcriber.asr.device import DEVICES
from transcriber.asr.engine import LANGUAGES, EngineOptions, parse_languages
from transcriber.cli import open_library
from transcriber.cli.params import FORCE_OPTION, MEETING_DATE, check_output_path
from transcriber.errors import (
    LibraryError,
    TranscriberError,
    failure_sentence,
    fault_kind,
    fault_reason,
)
from transcriber.messages import Message, message
from transcriber.model import TranscriptState

FORMATS = ("md", "txt", "srt", "vtt", "json")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--model", default="whisper-base", show_default=True,
              help="Model folder, name under models/, or hub name (small, large-v3, turbo, repo id).")
@click.option("--language", type=click.Choice(LANGUAGES), default="auto", show_default=True)
@click.option("--languages", default="zh,en", show_default=True,
              help="With --language auto: the languages each stretch of speech may be "
                   "decoded in (comma-separated Whisper codes); speech confidently in "
                   "another language is flagged, never translated.")
@click.option("--device", type=click.Choice(DEVICES), default="auto", show_default=True)
@click.option("--batched", is_flag=True,
              help="Decode 8 windows at a time with faster-whisper's batched pipeline: "
                   "about 15 % faster on a CPU, without the text before each window "
                   "as context (a little less accurate).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="txt", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the transcript here instead of printing it.")
@click.option("--title", help="Meeting title (default: the file name).")
@click.option("--date", type=MEETING_DATE, help="Meeting date YYYY-MM-DD (default: today).")
@click.option("--speaker", help="Who is speaking: the official, named on every bullet.")
@FORCE_OPTION
@click.pass_context
def transcribe(ctx: click.Context, file: Path, model: str, language: str, languages: str,
               device: str, batched: bool, fmt: str, out: Path | None, title: str | None,
               date: str | None, speaker: str | None, force: bool) -> None:
    """Transcribe FILE into a new meeting in the library and print the transcript."""
    from transcriber.asr.pipeline import transcribe_file
    from transcriber.exports.formats import export_meeting, save_export
    from transcriber.library.glossary import with_glossary

    library = open_library(ctx)
    if out is not None:  # before any work: a refused path must not cost a transcription
        out = check_output_path(out, inputs=[file], library_path=library.path, force=force,
                                written_by_us=library.wrote(out))
    options = with_glossary(
        EngineOptions(model=model, device=device, language=language, batched=batched,
                      languages=parse_languages(languages)),
        library,
    )
    cancel = threading.Event()
    bars: list[tqdm] = []  # created on first progress, so a refused file prints no bar

    def progress(done: float, total: float) -> None:
        if not bars:
            bars.append(tqdm(total=round(total, 1), desc="Transcribing", file=sys.stderr,
                             bar_format="{desc}: {percentage:3.0f}%|{bar}| {n:.1f}/{total:.1f} s "
                                        "[{elapsed}<{remaining}]"))
        bars[0].n = round(done, 1)
        bars[0].refresh()

    def interrupt(_signum: int, _frame: object) -> None:
        # Stop decoding but keep what is stored; the meeting is marked incomplete.
        cancel.set()

    stored: list[int] = []  # meeting id of each bullet committed, for a fault's message

    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        meeting = transcribe_file(library, file, options, title=title, date=date,
                                  progress=progress, cancel=cancel, speaker=speaker,
                                  on_segment=lambda bullet: stored.append(bullet.meeting_id))
    except (OSError, sqlite3.Error) as exc:
        cancel.set()
        raise LibraryError(_fault_message(library, exc, stored)) from exc
    finally:
        signal.signal(signal.SIGINT, previous)
        for bar in bars:
            bar.close()
    if out:
        try:
            save_export(library, meeting.id, fmt, out)
        except TranscriberError as exc:
            # The transcription is stored: say so, so nobody runs it again for the file.
            raise LibraryError(message(
                "{reason}; the transcription is stored as meeting {id} "
                "(write it again with `transcriber export {id} --format {fmt} --out FILE`).",
                reason=exc.message.rstrip("."), id=meeting.id, fmt=fmt)) from exc
        click.echo(f"Meeting {meeting.id}: transcript written to {out}", err=True)
    else:
        text = export_meeting(library, meeting.id, fmt)
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        click.echo(text, nl=not text.endswith("\n"))
    if meeting.transcript_state == TranscriptState.INCOMPLETE:
        click.echo(f"Stopped: meeting {meeting.id} keeps what was decoded, marked incomplete.",
                   err=True)
        library.close()
        sys.stdout.flush()
        sys.stderr.flush()
        # CTranslate2 may still be finishing its current window on the decode thread;
        # letting the interpreter finalise under it crashes, and waiting breaks the
        # one-second promise. Everything is committed, so leave at once.
        os._exit(130)
    for warning in library.meeting_warnings(meeting.id):
        click.echo(f"Warning: {warning}", err=True)
    click.echo(f"Stored as meeting {meeting.id} in {library.path}", err=True)


def _fault_message(library, exc: OSError | sqlite3.Error, stored: list[int]) -> Message:
    """The fault in one sentence, with what the meeting kept and how it is marked."""
    if not stored and fault_kind(exc) == "other":
        return failure_sentence(exc)  # about the input (a name too long), not the machine
    reason = fault_reason(exc)
    if not stored:
        return message("Stopped: {reason}; no bullet had been stored yet.", reason=reason)
    meeting_id = stored[0]
    try:
        library.update_meeting(meeting_id, transcript_state=TranscriptState.INCOMPLETE.value)
        marked = message("marked incomplete")
    except (OSError, sqlite3.Error, LibraryError):
        # Still `running` in the library: the next start marks it incomplete.
        marked = message("to be marked incomplete when the library is next opened")
    bullets = message("1 bullet") if len(stored) == 1 else message("{count} bullets", count=len(stored))
    return message("Stopped: {reason}: meeting {meeting_id} keeps the {bullets} decoded before, {marked}.",
                   reason=reason, meeting_id=meeting_id, bullets=bullets, marked=marked)


COMMANDS = [transcribe]
