"""Rules the code keeps: the core never imports Qt, and ruff is clean."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "transcriber"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_never_imports_qt() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("ui/") or relative == "cli/gui.py":
            continue  # cli/gui.py only starts the app, importing it lazily
        qt = {m for m in _imported_modules(path) if m.split(".")[0] in ("PySide6", "shiboken6")}
        if qt or any(m.startswith("transcriber.ui") for m in _imported_modules(path)):
            offenders.append(relative)
    assert offenders == []


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "transcriber", "tests", "bench", "docs"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
