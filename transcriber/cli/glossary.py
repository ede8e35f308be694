"""``transcriber glossary``: terms every transcription should get right."""

from __future__ import annotations

import click

from transcriber.cli import open_library


@click.group()
def glossary() -> None:
    """Names and terms the transcripts must spell right, with the forms to correct.

    Wrong forms are replaced by their term after decoding, in every transcription
    of this library; with 'glossary hotwords on' the terms also bias the decoder
    (faster-whisper hotwords; off by default, see 'glossary hotwords --help').
    """


@glossary.command("add")
@click.argument("term")
@click.option("--wrong", "wrong", multiple=True, metavar="FORM",
              help="A wrong form the decoder writes for TERM (repeatable).")
@click.pass_context
def add(ctx: click.Context, term: str, wrong: tuple[str, ...]) -> None:
    """Add TERM (or more wrong forms of it) to the glossary."""
    from transcriber.library import glossary as store

    entry = store.add(open_library(ctx), term, wrong)
    forms = f" (corrects {', '.join(entry.wrong)})" if entry.wrong else ""
    click.echo(f"Glossary: {entry.term}{forms}")


@glossary.command("list")
@click.pass_context
def list_(ctx: click.Context) -> None:
    """One line per term: the term, then its wrong forms."""
    from transcriber.library import glossary as store

    found = store.entries(open_library(ctx))
    for entry in found:
        click.echo("\t".join((entry.term, *entry.wrong)))
    if not found:
        click.echo("The glossary is empty; add a term with 'transcriber glossary add TERM'.",
                   err=True)


@glossary.command("remove")
@click.argument("term")
@click.pass_context
def remove(ctx: click.Context, term: str) -> None:
    """Remove TERM and its wrong forms from the glossary."""
    from transcriber.library import glossary as store

    store.remove(open_library(ctx), term)
    click.echo(f"Removed {term} from the glossary.")


@glossary.command("hotwords")
@click.argument("state", type=click.Choice(["on", "off"]), required=False)
@click.pass_context
def hotwords(ctx: click.Context, state: str | None) -> None:
    """Say whether the terms are also given to the decoder as hotwords; turn it on or off.

    Off by default: with whisper-base, hotwords made the decoder write the terms out
    on short pauses, repeat sentences and write Chinese over English speech
    (bench/glossary.py). A larger model may fare better; check its transcripts.
    """
    from transcriber.library import glossary as store

    library = open_library(ctx)
    if state is not None:
        store.set_hotwords_enabled(library, state == "on")
    enabled = store.hotwords_enabled(library)
    click.echo(f"Glossary hotwords: {'on' if enabled else 'off'}.")


COMMANDS = [glossary]
