"""``transcriber meetings``: what the library holds."""

from __future__ import annotations

import click

from transcriber.asr.device import DEVICES
from transcriber.asr.engine import LANGUAGES
from transcriber.cli import open_library
from transcriber.errors import NotFoundError


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "--:--.-"
    minutes, secs = divmod(seconds, 60)
    return f"{int(minutes):02d}:{secs:04.1f}"


@click.group()
def meetings() -> None:
    """List, show, search and transcribe the meetings in the library."""


@meetings.command("list")
@click.pass_context
def list_(ctx: click.Context) -> None:
    """One line per meeting: id, date, status, transcript state, title."""
    library = open_library(ctx)
    for meeting in library.meetings():
        count = len(library.bullets(meeting.id))
        click.echo(
            f"{meeting.id}\t{meeting.date}\t{meeting.status}\t{meeting.transcript_state}\t"
            f"{count} bullets\t{meeting.title}"
        )


@meetings.command("show")
@click.argument("meeting_id", type=int)
@click.pass_context
def show(ctx: click.Context, meeting_id: int) -> None:
    """The meeting's details, recordings and bullets with their times."""
    library = open_library(ctx)
    meeting = library.meeting(meeting_id)
    click.echo(f"# {meeting.date} {meeting.title}")
    click.echo(
        f"status: {meeting.status}  transcript: {meeting.transcript_state}  "
        f"language: {meeting.language}  licence: {meeting.licence}"
    )
    for recording in library.recordings(meeting_id):
        click.echo(
            f"recording {recording.id}: {recording.path} ({recording.duration:.1f} s, "
            f"{recording.state}, sha256 {recording.sha256[:16]}…)"
        )
    speakers = {s.id: s.name for s in library.speakers(meeting_id)}
    click.echo()
    for bullet in library.bullets(meeting_id):
        who = f"{speakers[bullet.speaker_id]}: " if bullet.speaker_id in speakers else ""
        flag = f"  [flagged: {bullet.flag_reason}]" if bullet.flagged else ""
        click.echo(f"[{_clock(bullet.start)}–{_clock(bullet.end)}] {who}{bullet.text}{flag}")


@meetings.command("transcribe")
@click.argument("meeting_id", type=int)
@click.option("--model", default="whisper-base", show_default=True)
@click.option("--language", type=click.Choice(LANGUAGES), default="auto", show_default=True)
@click.option("--device", type=click.Choice(DEVICES), default="auto", show_default=True)
@click.option("--yes", is_flag=True, help="Replace the meeting's bullets without asking.")
@click.pass_context
def transcribe_meeting(ctx: click.Context, meeting_id: int, model: str, language: str,
                       device: str, yes: bool) -> None:
    """Transcribe a meeting's own recording (made without --live, or recovered).

    Markers dropped while recording become bullet boundaries. Existing bullets
    are replaced, so this asks first when there are any.
    """
    from transcriber.asr.engine import EngineOptions
    from transcriber.asr.pipeline import transcribe_recording

    library = open_library(ctx)
    recordings = library.recordings(meeting_id)
    if not recordings:
        raise NotFoundError(f"Meeting {meeting_id} has no recording to transcribe.")
    if library.bullets(meeting_id) and not yes:
        click.confirm(f"Meeting {meeting_id} already has bullets; replace them?", abort=True)
    options = EngineOptions(model=model, device=device, language=language)
    state = transcribe_recording(library, recordings[-1].id, options)
    click.echo(f"Meeting {meeting_id}: {len(library.bullets(meeting_id))} bullets, {state}.")


@meetings.command("search")
@click.argument("query")
@click.option("--limit", default=50, show_default=True)
@click.pass_context
def search(ctx: click.Context, query: str, limit: int) -> None:
    """Find QUERY in every transcript and title (Chinese: any two or more characters)."""
    from transcriber.library.search import search_library

    library = open_library(ctx)
    hits = search_library(library, query, limit=limit)
    for hit in hits:
        where = "title" if hit.bullet_id is None else f"bullet {hit.bullet_id}"
        click.echo(f"{hit.meeting_id}\t{where}\t{hit.snippet}")
    if not hits:
        click.echo(f"Nothing matches {query!r}.", err=True)


COMMANDS = [meetings]
