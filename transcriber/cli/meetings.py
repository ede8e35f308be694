"""``transcriber meetings``: what the library holds."""

from __future__ import annotations

import click

from transcriber.asr.device import DEVICES
from transcriber.asr.engine import LANGUAGES
from transcriber.cli import open_library
from transcriber.cli.params import MEETING_DATE, MEETING_ID, bounded_int
from transcriber.errors import NotFoundError
from transcriber.messages import message


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "--:--.-"
    minutes, secs = divmod(seconds, 60)
    return f"{int(minutes):02d}:{secs:04.1f}"


@click.group()
def meetings() -> None:
    """List, show, search, transcribe and delete (restorably) the meetings in the library."""


@meetings.command("list")
@click.pass_context
def list_(ctx: click.Context) -> None:
    """One line per meeting: id, date, status, transcript state, title."""
    from transcriber.library.store import clean_title

    library = open_library(ctx, write=False)
    counts = library.bullet_counts()
    for meeting in library.meetings():
        # Titles stored before control characters were stripped at entry are cleaned
        # here too: a title must never drive the terminal.
        click.echo(
            f"{meeting.id}\t{meeting.date}\t{meeting.status}\t{meeting.transcript_state}\t"
            f"{counts.get(meeting.id, 0)} bullets\t{clean_title(meeting.title)}"
        )


@meetings.command("show")
@click.argument("meeting_id", type=MEETING_ID)
@click.pass_context
def show(ctx: click.Context, meeting_id: int) -> None:
    """The meeting's details, recordings and bullets with their times."""
    from transcriber.library.store import clean_title

    library = open_library(ctx, write=False)
    meeting = library.meeting(meeting_id)
    click.echo(f"# {meeting.date} {clean_title(meeting.title)}")
    click.echo(
        f"status: {meeting.status}  transcript: {meeting.transcript_state}  "
        f"language: {meeting.language}  licence: {meeting.licence or 'the archive’s'}"
    )
    for recording in library.recordings(meeting_id):
        click.echo(
            f"recording {recording.id}: {recording.path} ({recording.duration:.1f} s, "
            f"{recording.state}, sha256 {recording.sha256[:16]}…)"
        )
    for warning in library.meeting_warnings(meeting_id):
        click.echo(f"warning: {warning}")
    speakers = {s.id: s.name for s in library.speakers(meeting_id)}
    click.echo()
    for bullet in library.bullets(meeting_id):
        who = f"{speakers[bullet.speaker_id]}: " if bullet.speaker_id in speakers else ""
        flag = f"  [flagged: {bullet.flag_reason}]" if bullet.flagged else ""
        line = clean_title(f"{who}{bullet.text}{flag}")  # no terminal escapes from the text
        click.echo(f"[{_clock(bullet.start)}–{_clock(bullet.end)}] {line}")


class _Seconds(click.ParamType):
    """A time in the recording: seconds (75.5), MM:SS or HH:MM:SS."""

    name = "TIME"

    def convert(self, value: object, param: click.Parameter | None,
                ctx: click.Context | None) -> float:  # fmt: skip
        if isinstance(value, (int, float)):
            return float(value)
        try:
            parts = [float(p) for p in str(value).strip().split(":")]
            if not 1 <= len(parts) <= 3 or any(p < 0 for p in parts):
                raise ValueError
        except ValueError:
            self.fail(f"{value!r} is not a time; write seconds (75.5), MM:SS or HH:MM:SS.",
                      param, ctx)  # fmt: skip
        seconds = 0.0
        for part in parts:
            seconds = seconds * 60 + part
        return seconds


def _ask(bullet, new_segments) -> str:  # (Bullet, list[Segment]) -> Choice
    from transcriber.asr.retranscribe import Choice

    click.echo(f"\nYou edited [{_clock(bullet.start)}–{_clock(bullet.end)}] {bullet.text}")
    for segment in new_segments:
        click.echo(f"  new [{_clock(segment.start)}–{_clock(segment.end)}] {segment.text}")
    answer = click.prompt("Keep [y]ours, take the [n]ew text, or keep [b]oth (new one flagged)",
                          type=click.Choice(["y", "n", "b"]), default="y")  # fmt: skip
    return {"y": Choice.KEEP, "n": Choice.NEW, "b": Choice.BOTH}[answer]


@meetings.command("transcribe")
@click.argument("meeting_id", type=MEETING_ID)
@click.option("--model", default="whisper-base", show_default=True)
@click.option("--language", type=click.Choice(LANGUAGES), default="auto", show_default=True)
@click.option("--device", type=click.Choice(DEVICES), default="auto", show_default=True)
@click.option("--from", "start", type=_Seconds(), help="Start of the range to decode again.")
@click.option("--to", "end", type=_Seconds(), help="End of the range to decode again.")
@click.option("--keep-edited", is_flag=True,
              help="Keep every bullet you edited and flag new text over it, without asking "
                   "(what happens anyway when not run on a terminal).")
@click.option("--yes", "-y", is_flag=True,
              help="Apply the changes shown without asking (what happens anyway when not "
                   "run on a terminal).")
@click.option("--dry-run", is_flag=True, help="Only show what would change.")
@click.pass_context
def transcribe_meeting(ctx: click.Context, meeting_id: int, model: str, language: str,
                       device: str, start: float | None, end: float | None,
                       keep_edited: bool, yes: bool, dry_run: bool) -> None:
    """Decode a meeting's recording again, or the range --from/--to, with another model
    or language.

    What will change is shown first (on a terminal you are asked before it is
    applied): bullets you never edited are replaced where the new pass has text for
    all of their words, and stay otherwise; bullets you edited are kept (on a
    terminal you are asked about each one that new text overlaps). Markers dropped
    while recording stay bullet boundaries and keep their labels. The whole
    replacement is one undo step in the editor. TIME is seconds, MM:SS or HH:MM:SS.
    """
    import os
    import signal
    import sys
    import threading

    from tqdm import tqdm

    from transcriber.asr.engine import EngineOptions
    from transcriber.asr.retranscribe import retranscribe

    if start is not None and end is not None and end <= start:
        raise click.BadParameter("--to must come after --from.", param_hint="--to")
    library = open_library(ctx)
    library.meeting(meeting_id)
    if not library.recordings(meeting_id):
        raise NotFoundError(message("Meeting {meeting_id} has no recording to transcribe.", meeting_id=meeting_id))
    options = EngineOptions(model=model, device=device, language=language)
    ask = sys.stdin.isatty() and not yes
    decide = None if keep_edited or not sys.stdin.isatty() else _ask
    cancel = threading.Event()
    bars: list[tqdm] = []

    def progress(done: float, total: float) -> None:
        if not bars:
            bars.append(tqdm(total=round(total, 1), desc="Transcribing", file=sys.stderr,
                             bar_format="{desc}: {percentage:3.0f}%|{bar}| {n:.1f}/{total:.1f} s"))
        bars[0].n = round(done, 1)
        bars[0].refresh()

    previous = signal.signal(signal.SIGINT, lambda _signum, _frame: cancel.set())
    try:
        result = retranscribe(library, meeting_id, options, start, end, decide, progress, cancel,
                              confirm=lambda plan: _confirm(plan, ask, dry_run))  # fmt: skip
    finally:
        signal.signal(signal.SIGINT, previous)
        for bar in bars:
            bar.close()
    span = f"{_clock(result.start)}–{_clock(result.end)}"
    if result.state == "cancelled":
        click.echo(f"Stopped: meeting {meeting_id} is unchanged.", err=True)
        library.close()
        sys.stdout.flush()
        sys.stderr.flush()
        # As in `transcribe`: CTranslate2 may still finish its window on the decode
        # thread, and nothing is left to write, so leave without finalising under it.
        os._exit(130)
    if result.state == "declined":
        if not dry_run:
            click.echo(f"Nothing applied: meeting {meeting_id} is unchanged.", err=True)
        return

    def bullets(count: int) -> str:
        return f"{count} bullet{'' if count == 1 else 's'}"

    click.echo(
        f"Meeting {meeting_id}, {span}: {bullets(result.removed)} replaced by "
        f"{len(result.added_ids)} new; {bullets(len(result.kept_edited_ids))} you edited kept; "
        f"{bullets(len(result.kept_unmatched_ids))} the new pass did not match kept; "
        f"{bullets(len(result.flagged_ids))} new flagged where they overlap one kept. "
        "Undo in the editor restores the previous text."
    )


def _confirm(plan, ask: bool, dry_run: bool) -> bool:  # (Plan, ...) -> apply it?
    """Show what applying ``plan`` changes, bullet by bullet; ask on a terminal."""
    from transcriber.library.store import clean_title

    def line(what: str, bullet) -> None:
        text = clean_title(bullet.text) if bullet.text else "(speech without text)"
        flag = "  [flagged]" if bullet.flagged and not bullet.extra.get("gap") else ""
        click.echo(f"{what:<9} [{_clock(bullet.start)}–{_clock(bullet.end)}] {text}{flag}")

    click.echo(f"Re-transcribing {_clock(plan.start)}–{_clock(plan.end)} would change:")
    rows = [(b.start or 0.0, "kept", b) for b in plan.kept]
    rows += [(b.start or 0.0, "replaced", b) for b in plan.replaced]
    rows += [(b.start or 0.0, "new", b) for b in plan.new]
    rows += [(b.start or 0.0, "gap", b) for b in plan.gaps]
    for _at, what, bullet in sorted(rows, key=lambda row: row[0]):
        line(what, bullet)
    if not plan.changes_anything:
        click.echo("Nothing: the new pass matches no bullet that may be replaced.")
        return False
    if dry_run:
        return False
    return not ask or click.confirm("Apply these changes?", default=True)


@meetings.command("delete")
@click.argument("meeting_id", type=MEETING_ID)
@click.pass_context
def delete(ctx: click.Context, meeting_id: int) -> None:
    """Move a meeting to the trash (``meetings restore`` brings it back). Its recording,
    text and history stay in the library; a published archive file is not touched."""
    from transcriber.library.store import clean_title
    from transcriber.library.trash import move_to_trash

    library = open_library(ctx)
    meeting = move_to_trash(library, meeting_id)
    published = " Its published archive file is not touched." if library.publications(meeting_id) else ""
    click.echo(f"Meeting {meeting_id} ({clean_title(meeting.title)}) is in the trash; "
               f"`transcriber meetings restore {meeting_id}` brings it back.{published}")  # fmt: skip


@meetings.command("restore")
@click.argument("meeting_id", type=MEETING_ID)
@click.pass_context
def restore(ctx: click.Context, meeting_id: int) -> None:
    """Bring a meeting back from the trash, as it was."""
    from transcriber.library.store import clean_title
    from transcriber.library.trash import restore_from_trash

    meeting = restore_from_trash(open_library(ctx), meeting_id)
    click.echo(f"Meeting {meeting_id} ({clean_title(meeting.title)}) is back in the library.")


@meetings.command("trash")
@click.pass_context
def trash(ctx: click.Context) -> None:
    """The meetings in the trash: id, date, title, when deleted."""
    from transcriber.library.store import clean_title
    from transcriber.library.trash import trashed_meetings

    found = trashed_meetings(open_library(ctx, write=False))
    for meeting, deleted_at in found:
        click.echo(f"{meeting.id}\t{meeting.date}\t{clean_title(meeting.title)}\tdeleted {deleted_at}")
    if not found:
        click.echo("The trash is empty.", err=True)


@meetings.command("search")
@click.argument("query")
@click.option("--limit", type=bounded_int(1, 100_000), default=50, show_default=True)
@click.pass_context
def search(ctx: click.Context, query: str, limit: int) -> None:
    """Find QUERY in every transcript and title (Chinese: any two or more characters)."""
    from transcriber.library.search import search_library
    from transcriber.library.store import clean_title

    library = open_library(ctx, write=False)
    hits = search_library(library, query, limit=limit)
    for hit in hits:
        where = "title" if hit.bullet_id is None else f"bullet {hit.bullet_id}"
        click.echo(f"{hit.meeting_id}\t{where}\t{clean_title(hit.snippet)}")
    if not hits:
        click.echo(f"Nothing matches {query!r}.", err=True)


@meetings.command("set-date")
@click.argument("meeting_id", type=MEETING_ID)
@click.argument("date", type=MEETING_DATE)
@click.pass_context
def set_date(ctx: click.Context, meeting_id: int, date: str) -> None:
    """Correct the meeting's date (YYYY-MM-DD), as the editor's header does (undoable)."""
    from transcriber.library.editing import MeetingEditor

    library = open_library(ctx)
    old = library.meeting(meeting_id).date
    MeetingEditor(library, meeting_id).update_meeting_header(date=date)
    click.echo(f"Meeting {meeting_id}: date {old} -> {date}.")


COMMANDS = [meetings]
