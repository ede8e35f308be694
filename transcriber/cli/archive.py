"""Commands for this area; see DESIGN.md."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
