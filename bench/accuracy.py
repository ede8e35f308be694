"""Accuracy on the dev set: our pipeline against bare faster-whisper, same model, same run.

Runs every clip of ``../shared/audio/dev/manifest.tsv`` through ``transcriber``'s engine
and through bare faster-whisper (``WhisperModel.transcribe(audio, beam_size=5)``, its own
defaults otherwise), and two long files joined from the dev clips with 0.4 s gaps: one
of digital silence (exact zeros, as a noise gate or a VoIP stream gives) and one with
±1 LSB of noise in the gaps. Prints per group, as ``../shared/audio/dev/README.md``
defines them (pooled over the group's clips):

  zh      character error rate, reference converted with OpenCC s2twp, punctuation
          and spaces removed on both sides, our output as the app writes it
  en      word error rate, lower-cased, punctuation removed
  mixed   token error (each CJK character and each Latin word a token) and the share
          of the reference's English words kept (splices and the joined files)

with insertions, flagged gaps and flagged segments, and the speed ratio ours / bare.
Column ``+cc`` is bare faster-whisper's output converted with OpenCC s2twp as well (the
simplest alternative a user has), and ``o-cc`` the difference ours - (bare + OpenCC)
in points. Targets: o-cc <= +0.3 on every group; splices >= 95 % English words kept
and token error <= 6 %; speed ratio <= 1.10.

``--prompt`` compares initial-prompt choices (none, the Traditional steering prompt,
a short natural sentence) on the same clips.

Usage: .venv/bin/python bench/accuracy.py [--model NAME] [--prompt none,full,short]
       [--no-joined] [--only GROUP] [--batched]
"""

from __future__ import annotations

import argparse
import csv
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import jiwer
import numpy as np
import opencc

from transcriber.asr.engine import ZH_INITIAL_PROMPT, EngineOptions, get_engine
from transcriber.asr.models import bare_whisper
from transcriber.audio import SAMPLE_RATE, load_audio

DEV = Path(__file__).resolve().parents[2] / "shared" / "audio" / "dev"
PROMPTS = {"none": None, "full": ZH_INITIAL_PROMPT, "short": "以下是繁體中文的句子。"}
GAP_SECONDS = 0.4
# Ours may be this many points worse than bare faster-whisper + OpenCC on a group.
MAX_POINTS_WORSE = 0.3
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TO_TW = opencc.OpenCC("s2twp")


def chars(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", "", text))


def words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def tokens(text: str) -> str:
    return " ".join(re.findall(rf"[{_CJK}]|[A-Za-z0-9']+", text.lower()))


def english_words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


@dataclass
class Clip:
    name: str
    lang: str  # zh, en, mixed
    group: str
    reference: str
    audio: np.ndarray


@dataclass
class Tally:
    refs: list[str] = field(default_factory=list)
    ours: list[str] = field(default_factory=list)
    bare: list[str] = field(default_factory=list)
    ours_seconds: float = 0.0
    bare_seconds: float = 0.0
    gaps: int = 0
    flagged: int = 0
    english_ref: int = 0
    english_ours: int = 0
    english_bare: int = 0


def score(kind: str, refs: list[str], hyps: list[str]) -> tuple[float, int]:
    """(pooled error, insertions)."""
    prep = {"zh": chars, "en": words, "mixed": tokens}[kind]
    ref = [prep(_TO_TW.convert(r)) or "∅" for r in refs]
    hyp = [prep(h) for h in hyps]
    out = jiwer.process_words(ref, hyp)
    return out.wer, out.insertions


def kept(reference: str, output: str) -> tuple[int, int]:
    ref = Counter(english_words(reference))
    out = Counter(english_words(output))
    return sum(ref.values()), sum(min(n, out[w]) for w, n in ref.items())


def load_clips(only: str | None) -> list[Clip]:
    clips = []
    with open(DEV / "manifest.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if only and row["group"] != only:
                continue
            lang = "mixed" if row["group"] == "zh-en-spliced" else row["lang"]
            clips.append(Clip(row["file"], lang, row["group"], row["reference"],
                              load_audio(DEV / row["file"])))
    return clips


def joined(clips: list[Clip], noise: bool) -> Clip:
    """The single-language clips one after the other with 0.4 s gaps (zeros or ±1 LSB)."""
    rng = np.random.default_rng(0)
    parts, refs = [], []
    for clip in clips:
        if clip.lang == "mixed":
            continue
        gap = np.zeros(round(GAP_SECONDS * SAMPLE_RATE), dtype=np.float32)
        if noise:
            gap = rng.integers(-1, 2, len(gap)).astype(np.float32) / 32768.0
        parts += [clip.audio, gap]
        refs.append(clip.reference)
    name = f"joined-{'noise' if noise else 'silence'}"
    return Clip(name, "mixed", name, " ".join(refs), np.concatenate(parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="whisper-base")
    parser.add_argument("--prompt", default="none",
                        help="comma-separated: none, full, short (each gets its own table)")
    parser.add_argument("--no-joined", action="store_true", help="skip the long joined files")
    parser.add_argument("--only", help="one dev group")
    parser.add_argument("--batched", action="store_true",
                        help="ours with faster-whisper's BatchedInferencePipeline")
    args = parser.parse_args()

    clips = load_clips(args.only)
    if not args.no_joined and not args.only:
        clips += [joined(clips, noise=False), joined(clips, noise=True)]
    model = bare_whisper(args.model)
    bare_text: dict[str, tuple[str, float]] = {}
    for clip in clips:
        started = time.perf_counter()
        segments, _info = model.transcribe(clip.audio, beam_size=5)
        text = " ".join(s.text.strip() for s in segments)
        bare_text[clip.name] = (text, time.perf_counter() - started)

    for prompt_name in args.prompt.split(","):
        engine = get_engine(EngineOptions(model=args.model, initial_prompt=PROMPTS[prompt_name],
                                          batched=args.batched))
        tallies: dict[str, Tally] = defaultdict(Tally)
        kinds: dict[str, str] = {}
        for clip in clips:
            started = time.perf_counter()
            segments = list(engine.transcribe(clip.audio))
            seconds = time.perf_counter() - started
            ours = " ".join(s.text for s in segments)
            bare, bare_seconds = bare_text[clip.name]
            tally = tallies[clip.group]
            kinds[clip.group] = clip.lang
            tally.refs.append(clip.reference)
            tally.ours.append(ours)
            tally.bare.append(bare)
            tally.gaps += sum(s.gap for s in segments)
            tally.flagged += sum(s.flagged and not s.gap for s in segments)
            if not clip.name.startswith("joined"):
                tally.ours_seconds += seconds
                tally.bare_seconds += bare_seconds
            if clip.lang == "mixed":
                total, ours_kept = kept(clip.reference, ours)
                _total, bare_kept = kept(clip.reference, bare)
                tally.english_ref += total
                tally.english_ours += ours_kept
                tally.english_bare += bare_kept
            for loop_mark in ("０",):
                if loop_mark in ours:
                    print(f"  {clip.name}: '{loop_mark}' in our output")

        print(f"\nprompt: {prompt_name}  model: {args.model}"
              + ("  batched" if args.batched else ""))
        print(f"{'group':26} {'metric':6} {'ours %':>7} {'bare %':>7} {'+cc %':>6} {'o-cc':>6} "
              f"{'ins o/b':>8} "
              f"{'EN kept o/b':>12} {'gaps':>4} {'flag':>4}  verdict")
        ours_time = bare_time = 0.0
        for group, tally in tallies.items():
            kind = kinds[group]
            ours_err, ours_ins = score(kind, tally.refs, tally.ours)
            bare_err, bare_ins = score(kind, tally.refs, tally.bare)
            # Bare output put through OpenCC too: what the pipeline adds beyond the script.
            converted_err, _ins = score(kind, tally.refs, [_TO_TW.convert(t) for t in tally.bare])
            metric = {"zh": "CER", "en": "WER", "mixed": "TER"}[kind]
            english = ""
            difference = (ours_err - converted_err) * 100
            verdict = "ok" if difference <= MAX_POINTS_WORSE + 1e-9 else "WORSE than bare + OpenCC"
            if tally.english_ref:
                english = (f"{tally.english_ours / tally.english_ref:.0%}/"
                           f"{tally.english_bare / tally.english_ref:.0%}")
                if group == "zh-en-spliced" and (
                        tally.english_ours < 0.95 * tally.english_ref or ours_err > 0.06):
                    verdict += "; splice target missed"
            print(f"{group:26} {metric:6} {ours_err:7.1%} {bare_err:7.1%} {converted_err:6.1%} "
                  f"{difference:+6.1f} "
                  f"{ours_ins:>3}/{bare_ins:<4} {english:>12} {tally.gaps:4} {tally.flagged:4}  "
                  f"{verdict}")
            ours_time += tally.ours_seconds
            bare_time += tally.bare_seconds
        ratio = ours_time / bare_time if bare_time else float("nan")
        print(f"speed ratio ours/bare on the dev clips: {ratio:.2f} "
              f"({ours_time:.1f} s / {bare_time:.1f} s; target <= 1.10)")
        for group, tally in tallies.items():
            if group.startswith("joined") or group == "zh-en-spliced":
                for ours in tally.ours:
                    print(f"  {group} ours: {ours[:300]}")


if __name__ == "__main__":
    main()
