"""The bundle's desktop executable: ``transcriber gui`` without a console window.

On Windows this is the windowed .exe the Start menu opens; on macOS it is the .app.
Arguments after it (``--library DIR``) are passed to ``transcriber gui``.
"""

import multiprocessing
import sys

from transcriber.cli import cli

if __name__ == "__main__":
    multiprocessing.freeze_support()
    # macOS adds -psn_0_NNN when Finder starts an app; it is no option of ours.
    args = [a for a in sys.argv[1:] if not a.startswith("-psn_")]
    cli(["gui", *args], prog_name="transcriber")
