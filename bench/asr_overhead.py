"""How much our pipeline costs over bare faster-whisper, and what batching buys.

Transcribes the same audio (default: ../shared/audio/multilingual-60s.mp3) in one
run with bare faster-whisper and with ``transcriber``'s engine (thread hand-off,
normalisation, guards), same model and settings, and prints:

  overhead ratio   ours / bare wall time            (target <= 1.05)
  batched speedup  sequential / batched wall time
  real-time factor wall time / audio duration, per variant
  peak memory      resident set size, MB

Usage: .venv/bin/python bench/asr_overhead.py [AUDIO] [--model NAME] [--repeat N]
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from transcriber.asr.engine import EngineOptions, get_engine, load_model
from transcriber.audio import duration_seconds, load_audio

DEFAULT_AUDIO = Path(__file__).resolve().parents[2] / "shared" / "audio" / "multilingual-60s.mp3"


def timed(fn) -> tuple[float, int]:
    start = time.perf_counter()
    count = fn()
    return time.perf_counter() - start, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("audio", nargs="?", type=Path, default=DEFAULT_AUDIO)
    parser.add_argument("--model", default="whisper-base")
    parser.add_argument("--device", default="auto")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    audio = load_audio(args.audio)
    seconds = duration_seconds(audio)
    model, device, path = load_model(args.model, args.device)
    ours = get_engine(EngineOptions(model=args.model, device=args.device))
    batched = get_engine(EngineOptions(model=args.model, device=args.device, batched=True))
    language = ours.detect_language(audio)

    def bare() -> int:
        # Same work as ours: detect the language, then decode with the same settings.
        detected, _p, _all = model.detect_language(audio)
        segments, _info = model.transcribe(audio, language=detected, beam_size=5)
        return sum(1 for _ in segments)

    def pipeline() -> int:
        return sum(1 for _ in ours.transcribe(audio))

    def pipeline_batched() -> int:
        return sum(1 for _ in batched.transcribe(audio))

    results: dict[str, list[float]] = {"bare": [], "ours": [], "batched": []}
    for _ in range(args.repeat):  # interleaved, so machine noise hits both alike
        for name, fn in (("bare", bare), ("ours", pipeline), ("batched", pipeline_batched)):
            elapsed, _count = timed(fn)
            results[name].append(elapsed)
    best = {name: min(times) for name, times in results.items()}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"audio            {args.audio.name}, {seconds:.1f} s, language {language}")
    print(f"model            {path} on {device.device} ({device.compute_type})")
    for name, elapsed in best.items():
        print(f"{name:<16} {elapsed:6.2f} s   real-time factor {elapsed / seconds:.3f}")
    print(f"overhead ratio   {best['ours'] / best['bare']:.3f}   (ours / bare, target <= 1.05)")
    print(f"batched speedup  {best['ours'] / best['batched']:.2f}x  (sequential / batched)")
    print(f"peak memory      {peak_mb:.0f} MB resident")


if __name__ == "__main__":
    main()
