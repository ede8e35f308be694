"""Helpers for the archive-format tests: the corpus sample and mutated texts."""

from __future__ import annotations

import random
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "transcript-sample"
CORPUS_FILES = sorted(CORPUS_DIR.glob("*.md"))


def mutated(text: str, rng: random.Random) -> str:
    """Real lines in a shuffled order with odd spacing: shapes the parser never saw."""
    lines = text.split("\n")
    rng.shuffle(lines)
    odd = [
        "",
        "   ",
        "\t",
        ">",
        "> ",
        "###",
        "### ：",
        "## Section",
        "# 2020-01-01 Second H1",
        "```",
        "<div>",
        "    indented code",
        "*",
        "1.",
        "* * *",
        "\ufeff",
        "\r",
        "---",
    ]
    for _ in range(len(lines) // 5 + 3):
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(odd))
    return "\n".join(lines) + rng.choice(["", "\n", "\n\n", "  \n"])
