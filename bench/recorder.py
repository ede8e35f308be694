"""Recorder cost and live-draft lag, through a private PulseAudio null sink.

    .venv/bin/python bench/recorder.py [--seconds 60] [--live] [--model whisper-base]

Speech (a file played in a loop with paplay) goes into the null sink; the recorder
captures its monitor, as it would a microphone. Printed:
- the recorder's CPU time as a share of one core (target <= 5 %, live off), and as a
  ratio to a bare PortAudio stream with the same settings measured in the same run
  (the cost of capture itself, which no recorder can avoid);
- peak resident memory, and how much it grew while recording (it must not grow with
  the recording's length: audio goes to disk, not to memory);
- with --live, the lag between the end of each drafted bullet's speech and the moment
  the bullet reached the library (median and worst).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from pulse_support import pulse_server  # noqa: E402  (tests/ is not a package)

DEFAULT_SPEECH = ROOT.parent / "shared" / "audio" / "multilingual-60s.mp3"
TARGET_CPU_SHARE = 0.05


class LoopingPlayer:
    """paplay the file again and again until stopped, so the input never runs dry."""

    def __init__(self, server, path: Path) -> None:
        self.server, self.path = server, path
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            player = self.server.play(self.path, wait=False)
            while player.poll() is None and not self._stop.is_set():
                time.sleep(0.1)
            if player.poll() is None:
                player.kill()
            player.wait()

    def __enter__(self) -> LoopingPlayer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()


def cpu_share(seconds: float, sample_memory=None) -> float:
    """CPU seconds this process uses per wall second while sleeping ``seconds``."""
    cpu0, wall0 = time.process_time(), time.monotonic()
    deadline = wall0 + seconds
    while time.monotonic() < deadline:
        time.sleep(min(0.5, max(0.0, deadline - time.monotonic())))
        if sample_memory:
            sample_memory()
    return (time.process_time() - cpu0) / (time.monotonic() - wall0)


def bare_stream_share(seconds: float) -> float:
    """Baseline: PortAudio delivering the same blocks to a callback that drops them."""
    import sounddevice as sd

    from transcriber.record.recorder import BLOCK_SECONDS

    stream = sd.InputStream(samplerate=16000, channels=1, dtype="int16",
                            blocksize=int(16000 * BLOCK_SECONDS), latency="high",
                            callback=lambda *_args: None)
    with stream:
        time.sleep(1.0)  # let the stream settle before measuring
        return cpu_share(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--live", action="store_true", help="also transcribe a live draft")
    parser.add_argument("--model", default="whisper-base")
    parser.add_argument("--speech", type=Path, default=DEFAULT_SPEECH)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp, pulse_server(Path(tmp) / "pulse") as server:
        os.environ.update(server.env)
        from transcriber.asr.engine import EngineOptions
        from transcriber.library.store import Library
        from transcriber.record import LiveOptions, Recorder

        library = Library(Path(tmp) / "library")
        process = psutil.Process()
        with LoopingPlayer(server, args.speech):
            baseline = bare_stream_share(min(20.0, args.seconds / 3))

            live = LiveOptions(EngineOptions(model=args.model)) if args.live else None
            first_block: list[float] = []
            lags: list[float] = []

            def on_level(_level) -> None:
                if not first_block:
                    first_block.append(time.monotonic())

            def on_bullets(bullets) -> None:
                now = time.monotonic()
                for bullet in bullets:
                    # Audio time -> wall time: no pauses, so the offset from the first block.
                    lags.append(now - (first_block[0] + (bullet.end or 0.0)))

            recorder = Recorder(library, title="bench", live=live, on_level=on_level,
                                on_bullets=on_bullets)
            recorder.start()
            rss_start = peak_rss = process.memory_info().rss

            def sample_memory() -> None:
                nonlocal peak_rss
                peak_rss = max(peak_rss, process.memory_info().rss)

            time.sleep(1.0)
            share = cpu_share(args.seconds - 1.0, sample_memory)
            stop_started = time.monotonic()
            recording = recorder.stop()
            stop_took = time.monotonic() - stop_started

        print(f"recorded {recording.duration:.1f} s "
              f"({recorder.overflows} overflowed blocks, state {recording.state})")
        print(f"baseline: bare PortAudio stream   {baseline:6.2%} of one core")
        label = "live draft" if args.live else "live off"
        verdict = "" if args.live else (
            "  OK" if share <= TARGET_CPU_SHARE else f"  OVER the {TARGET_CPU_SHARE:.0%} target")
        print(f"recorder ({label})         {share:6.2%} of one core{verdict}")
        if baseline > 0:
            print(f"ratio recorder / bare stream      {share / baseline:6.2f}x")
        print(f"peak RSS {peak_rss / 2**20:.0f} MiB, grew {(peak_rss - rss_start) / 2**20:+.1f} MiB "
              f"while recording")
        if args.live:
            if lags:
                print(f"draft lag over {len(lags)} bullets: median {statistics.median(lags):.1f} s, "
                      f"worst {max(lags):.1f} s")
            else:
                print("draft lag: no bullet was drafted")
            print(f"stop() finished the draft's tail in {stop_took:.1f} s")
        library.close()


if __name__ == "__main__":
    main()
