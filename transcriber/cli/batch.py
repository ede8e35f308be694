"""``transcriber batch SOURCES…``: a backlog of recordings into the library, each file once."""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path

import click

from transcriber.asr.device import DEVICES
from transcriber.asr.engine import LANGUAGES, EngineOptions, parse_languages
from transcriber.cli import open_library
from transcriber.cli.params import bounded_int
from transcriber.errors import UsageError
from transcriber.messages import message


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "…"
    seconds = round(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _date(value: str | None) -> str | None:
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(message("{value!r} is not a date; give it as YYYY-MM-DD.", value=value)) from None


@click.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--workers", type=bounded_int(1, 1024),
              help="Files decoded at once (default: what the machine can take: a worker "
                   "per GPU, or per two cores as far as memory holds their models; with "
                   "--engine ray, the same from the cluster's resources).")
@click.option("--engine", type=click.Choice(("local", "ray")), default="local", show_default=True,
              help="local: worker processes on this machine; ray: tasks on Ray.")
@click.option("--address", help="With --engine ray: an existing Ray cluster (default: a local instance).")
@click.option("--model", default="whisper-base", show_default=True,
              help="Model folder, name under models/, or hub name (small, large-v3, turbo, repo id).")
@click.option("--language", type=click.Choice(LANGUAGES), default="auto", show_default=True)
@click.option("--languages", default="zh,en", show_default=True,
              help="With --language auto: the languages each stretch of speech may be decoded in.")
@click.option("--device", type=click.Choice(DEVICES), default="auto", show_default=True)
@click.option("--batched", is_flag=True, help="Use faster-whisper's batched pipeline (always on a GPU).")
@click.option("--date", help="Meeting date YYYY-MM-DD for every file (default: the date in each "
                             "file's name or metadata, else today).")
@click.option("--speaker", help="Who is speaking: the official, named on every bullet.")
@click.pass_context
def batch(ctx: click.Context, sources: tuple[Path, ...], workers: int | None, engine: str,
          address: str | None, model: str, language: str, languages: str, device: str,
          batched: bool, date: str | None, speaker: str | None) -> None:
    """Transcribe every audio or video file under SOURCES (files or folders), each once.

    A file already in the library (same content) is skipped, so a second run adds
    nothing and a run that was stopped or killed is finished by running it again.
    """
    from transcriber.batch.run import run_batch
    from transcriber.library.glossary import with_glossary

    if address and engine != "ray":
        raise UsageError(message("--address is for --engine ray (the address of a Ray cluster)."))
    when = _date(date)
    library = open_library(ctx)
    options = with_glossary(
        EngineOptions(model=model, device=device, language=language, batched=batched,
                      languages=parse_languages(languages)),
        library,
    )
    cancel = threading.Event()

    def interrupt(_signum: int, _frame: object) -> None:
        cancel.set()  # written files stay; the rest is done by the next run

    def show(event, backlog) -> None:
        name = event.path.name if event.path else ""
        if event.kind == "skipped":
            click.echo(f"Skipped {name}: {event.detail}.", err=True)
        elif event.kind == "failed":
            click.echo(f"Failed {name}: {event.detail}", err=True)
        elif event.kind == "retrying":
            click.echo(f"Retrying {name}: {event.detail}.", err=True)
        elif event.kind == "done":
            click.echo(f"[{backlog.files_finished}/{backlog.files_total} files] {name}: meeting "
                       f"{event.meeting_id}; audio {_clock(backlog.seconds_done)} of "
                       f"{_clock(backlog.seconds_total)} done, {_clock(backlog.seconds_left)} "
                       f"left; about {_clock(backlog.time_left())} to go.", err=True)

    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        report = run_batch(library, sources, options, workers=workers, engine=engine,
                           address=address, speaker=speaker, date=when, on_event=show,
                           cancel=cancel)
    finally:
        signal.signal(signal.SIGINT, previous)
    click.echo(f"Batch finished in {_clock(report.wall_seconds)}: {len(report.done)} transcribed "
               f"({_clock(report.audio_seconds)} of audio), {len(report.skipped)} skipped, "
               f"{len(report.failed)} failed"
               + (f", {len(report.not_done)} not done (stopped)" if report.not_done else "")
               + ".", err=True)
    for path, reason in report.failed:
        click.echo(f"  failed: {path}: {reason}", err=True)
    if report.ignored:
        click.echo(f"  ignored {report.ignored} file{'s' if report.ignored != 1 else ''} in the "
                   "folders that are not audio or video by their name.", err=True)
    if report.not_done:
        sys.exit(130)
    if report.failed:
        sys.exit(1)


COMMANDS = [batch]
