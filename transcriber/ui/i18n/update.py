"""Bring the translation files in step with the code: ``python -m transcriber.ui.i18n.update``.

First the core's sentences (every ``message("template", ...)`` outside ``transcriber/ui``)
are written into ``core_messages.py`` (see ``extract.py``); then
``pyside6-lupdate`` adds new texts of ``transcriber/ui`` to the ``.ts`` (unfinished, for a
translator to fill in with Qt Linguist or any editor) and drops texts no longer used;
``pyside6-lrelease`` then compiles the ``.qm`` the app loads. Both files are committed.
No line numbers are stored, so moving code does not change the ``.ts``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from transcriber.ui.i18n.extract import write_generated
from transcriber.ui.language import QM_FILE, TS_FILE

UI_DIR = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    """The Qt tool installed beside this Python (in the virtual environment), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} is not installed; it comes with PySide6.")
    return found


def lupdate(ts_file: Path = TS_FILE) -> None:
    sources = sorted(str(p) for p in UI_DIR.rglob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), *sources, "-no-obsolete", "-locations", "none",
                    "-source-language", "en", "-target-language", "zh_TW", "-silent",
                    "-ts", str(ts_file)], check=True)


def lrelease(ts_file: Path = TS_FILE, qm_file: Path = QM_FILE) -> None:
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)],
                   check=True)


def unfinished(ts_file: Path = TS_FILE) -> list[str]:
    """Source texts of the ``.ts`` that have no translation yet."""
    import xml.etree.ElementTree as ET

    return [message.findtext("source") or ""
            for message in ET.parse(ts_file).iter("message")
            if message.find("translation").get("type") == "unfinished"]


def main() -> int:
    write_generated()
    lupdate()
    lrelease()
    missing = unfinished()
    for text in missing:
        print(f"untranslated: {text}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
