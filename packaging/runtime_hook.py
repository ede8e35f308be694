"""Runs first inside the bundle: point libraries at what the bundle carries.

sounddevice finds PortAudio through ``ctypes.util.find_library("portaudio")``, which on
Linux asks the system's linker cache and would miss the copy inside the bundle (on
Windows and macOS the wheel's own copy is used). Pagefind's Python wrapper honours
``PAGEFIND_BINARY_PATH``.
"""

import ctypes.util
import os
import sys
from pathlib import Path

_bundle = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
_system_find_library = ctypes.util.find_library


def _find_library(name):
    if name == "portaudio":
        for candidate in sorted(_bundle.glob("libportaudio.so*")):
            return str(candidate)
    return _system_find_library(name)


if sys.platform.startswith("linux"):
    ctypes.util.find_library = _find_library

for _name in ("pagefind_extended", "pagefind_extended.exe"):
    _pagefind = _bundle / "pagefind_bin_extended" / _name
    if _pagefind.is_file():
        os.environ.setdefault("PAGEFIND_BINARY_PATH", str(_pagefind))
