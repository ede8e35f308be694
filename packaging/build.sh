#!/usr/bin/env bash
# Build the self-contained app with PyInstaller: `packaging/build.sh OUT` makes
# OUT/transcriber/transcriber (command line) and OUT/transcriber/transcriber-gui (desktop),
# plus OUT/Transcriber.app on macOS. Runs on Linux, macOS and Windows (Git Bash).
# PYTHON names the interpreter whose environment holds the app and `.[build]`
# (default: the checkout's .venv). The embedded model is assembled first if needed.
set -euo pipefail
OUT="${1:?usage: packaging/build.sh OUT}"
cd "$(dirname "$0")/.."
mkdir -p "$OUT"
# Git Bash on Windows: `pwd -W` gives the C:/... form Python understands.
OUT="$(cd "$OUT" && { pwd -W 2>/dev/null || pwd; })"
if [ -z "${PYTHON:-}" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=.venv/Scripts/python.exe; fi
fi
# This checkout's `transcriber` package is bundled, whichever one the environment has installed.
export PYTHONPATH="$(pwd -W 2>/dev/null || pwd)"
TRANSCRIBER_MODELS=models "$PYTHON" -c "from transcriber.cli import main; main()" models install >/dev/null
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$OUT" --workpath "$OUT/.work" packaging/transcriber.spec
rm -rf "$OUT/.work"
echo "built $OUT/transcriber"
