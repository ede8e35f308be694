"""Long audio joined from the dev clips with short gaps of digital silence (exact zeros,
as a noise gate or a VoIP stream gives) or faint noise: the pipeline is as accurate as
bare faster-whisper + OpenCC with the same model, and no separators, loops or prompt
appear; packed windows put every word back where it was said."""

from __future__ import annotations

import csv
import re

import ctranslate2
import jiwer
import numpy as np
import opencc
import pytest

from transcriber.asr.engine import (
    ZH_INITIAL_PROMPT,
    EngineOptions,
    _windows,
    get_engine,
    load_model,
)
from transcriber.asr.guards import repeated_ngram
from transcriber.asr.vad import find_stretches
from transcriber.audio import SAMPLE_RATE, load_audio

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TO_TW = opencc.OpenCC("s2twp")
# Two decoding windows when 2.5 s apart (see ``_clips_apart``).
FOUR_ENGLISH_CLIPS = ["en-librispeech-1221-135766-0001.wav", "en-librispeech-1995-1837-0001.wav",
                      "en-librispeech-1089-134686-0001.wav", "en-librispeech-1221-135766-0002.wav"]


def _tokens(text: str) -> str:
    """Each CJK character and each Latin word a token (the dev set's mixed-language rule)."""
    return " ".join(re.findall(rf"[{CJK}]|[A-Za-z0-9']+", text.lower()))


def _clips_apart(audio_dir, names: list[str]) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """Dev clips 2.5 s of zeros apart (each its own stretch), and each clip's span."""
    pause = np.zeros(round(2.5 * SAMPLE_RATE), dtype=np.float32)
    parts, spans, at = [], [], 0.0
    for name in names:
        clip = load_audio(audio_dir / "dev" / name)
        spans.append((at, at + len(clip) / SAMPLE_RATE))
        parts += [clip, pause]
        at += (len(clip) + len(pause)) / SAMPLE_RATE
    return np.concatenate(parts), spans


def _references(audio_dir) -> dict[str, str]:
    with open(audio_dir / "dev" / "manifest.tsv", encoding="utf-8") as f:
        return {row["file"]: row["reference"] for row in csv.DictReader(f, delimiter="\t")}


@pytest.fixture(scope="module")
def joined(audio_dir) -> tuple[np.ndarray, str]:
    """About three minutes: every single-language dev clip, 0.4 s of zeros between."""
    parts, refs = [], []
    with open(audio_dir / "dev" / "manifest.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["group"] == "zh-en-spliced":
                continue
            parts += [load_audio(audio_dir / "dev" / row["file"]),
                      np.zeros(round(0.4 * SAMPLE_RATE), dtype=np.float32)]
            refs.append(row["reference"])
    return np.concatenate(parts), TO_TW.convert(" ".join(refs))


@pytest.mark.slow
@pytest.mark.parametrize("gaps", ["digital silence", "faint noise"])
def test_joined_clips_as_accurate_as_bare_faster_whisper(joined, base_model_path, gaps) -> None:
    audio, reference = joined
    audio = audio.copy()
    if gaps == "faint noise":
        silent = audio == 0
        audio[silent] = np.random.default_rng(0).integers(-1, 2, silent.sum()) / 32768.0
    model, _device, _path = load_model(str(base_model_path), "auto")
    # Both fall back to sampling at a higher temperature where greedy text fails its
    # checks. CTranslate2 seeds each of its threads once, at the thread's first draw:
    # the seed makes a run in a fresh process repeatable, not each decode alike.
    ctranslate2.set_random_seed(0)
    bare = " ".join(s.text for s in model.transcribe(audio, beam_size=5)[0])
    ctranslate2.set_random_seed(0)
    segments = list(get_engine(EngineOptions(model=str(base_model_path))).transcribe(audio))
    ours = " ".join(s.text for s in segments)

    ours_error = jiwer.wer(_tokens(reference), _tokens(ours))
    # The bar is the simplest alternative a user has: bare faster-whisper, then OpenCC.
    bare_error = jiwer.wer(_tokens(reference), _tokens(TO_TW.convert(bare)))
    assert ours_error <= bare_error + 0.003, (ours_error, bare_error, ours)
    assert "０" not in ours
    assert not [s.text for s in segments if repeated_ngram(s.text)], ours  # no loop
    texts = [s.text for s in segments if s.text]
    assert not [a for a, b in zip(texts, texts[1:], strict=False) if a == b and len(a) > 5]
    assert ZH_INITIAL_PROMPT[:6] not in ours and "繁體中文" not in ours
    assert all(0 <= s.start <= s.end <= len(audio) / SAMPLE_RATE for s in segments)


@pytest.mark.parametrize("batched", [False, True], ids=["sequential", "batched"])
def test_packed_windows_put_every_word_back_where_it_was_said(audio_dir, base_model_path,
                                                              batched) -> None:
    """Stretches are packed, pauses left out, into one decoding window; the times must be
    mapped back: each clip's words land inside that clip, none in the pauses."""
    names = ["en-librispeech-1221-135766-0002.wav", "en-librispeech-1995-1837-0001.wav",
             "en-librispeech-1089-134686-0001.wav"]
    audio, spans = _clips_apart(audio_dir, names)
    assert [len(w) for w in _windows(find_stretches(audio))] == [3]  # one window, 3 stretches
    options = EngineOptions(model=str(base_model_path), batched=batched)
    segments = list(get_engine(options).transcribe(audio))
    assert len([s for s in segments if s.text]) >= 3  # sentences, not one bullet per window
    words = [w for s in segments for w in s.words]
    assert len(words) > 40
    for word in words:
        assert any(start - 0.3 <= word.start and word.end <= end + 0.3 for start, end in spans), (
            word, spans)
    # and in order: the first clip's last words before the second clip's first
    said = " ".join(s.text.lower() for s in segments)
    assert said.index("apprehension") < said.index("sorrow") < said.index("nightfall")


def test_a_window_that_switches_language_is_halved_at_the_switch(audio_dir, base_model_path):
    """English, then two Mandarin clips, packed into one window the detector cannot
    call one language: each half is heard again, so every bullet is in the language
    of the clip it lies in, at that clip's time, and nothing is translated."""
    names = ["en-librispeech-1995-1837-0001.wav", "zh-sherpa-paraformer2025-06.wav",
             "zh-aishell1-BAC009S0764W0121.wav"]
    audio, spans = _clips_apart(audio_dir, names)
    assert [len(w) for w in _windows(find_stretches(audio))] == [3]
    segments = list(get_engine(EngineOptions(model=str(base_model_path))).transcribe(audio))
    spoken = [s for s in segments if s.text]
    for segment in spoken:
        middle = (segment.start + segment.end) / 2
        name, (start, end) = next((n, span) for n, span in zip(names, spans, strict=True)
                                  if span[0] - 0.5 <= middle <= span[1] + 0.5)
        assert segment.language == name[:2], (segment, spans)
        assert all(start - 0.5 <= w.start and w.end <= end + 0.5 for w in segment.words)
    reference = _references(audio_dir)
    for name, (start, end) in zip(names, spans, strict=True):
        heard = " ".join(s.text for s in spoken if start - 0.5 <= (s.start + s.end) / 2 <= end)
        if name.startswith("en"):
            assert not [w for w in re.findall(r"[a-z']+", reference[name].lower())
                        if w not in heard.lower()], heard
        else:  # this clip's own words, at its own time, in Traditional characters
            assert heard and TO_TW.convert(heard) == heard
            own = set(_tokens(TO_TW.convert(reference[name])).split())
            assert len(set(_tokens(heard).split()) & own) >= 3, heard
    mandarin = {name: set(_tokens(TO_TW.convert(reference[name])).split()) for name in names[1:]}
    for segment in (s for s in spoken if s.language == "zh"):  # none at another clip's time
        middle = (segment.start + segment.end) / 2
        name = next(n for n, span in zip(names, spans, strict=True)
                    if span[0] - 0.5 <= middle <= span[1] + 0.5)
        said = set(_tokens(segment.text).split())
        assert all(len(said & mandarin[name]) >= len(said & other)
                   for other in mandarin.values()), (segment, name)


def test_batched_windows_are_decoded_from_their_own_encoder_pass(audio_dir, base_model_path):
    """The batched pipeline is handed the encoder passes made to detect each window's
    language instead of encoding the batch again: each window's words must come from
    its own pass, at its own time."""
    names = FOUR_ENGLISH_CLIPS
    audio, spans = _clips_apart(audio_dir, names)
    assert [len(w) for w in _windows(find_stretches(audio))] == [2, 2]  # one batch of two
    engine = get_engine(EngineOptions(model=str(base_model_path), batched=True))
    segments = [s for s in engine.transcribe(audio) if s.text]
    reference = _references(audio_dir)
    for name, (start, end) in zip(names, spans, strict=True):
        heard = " ".join(s.text.lower() for s in segments
                         if start - 0.5 <= (s.start + s.end) / 2 <= end + 0.5)
        expected = re.findall(r"[a-z']+", reference[name].lower())
        missing = [w for w in expected if w not in re.findall(r"[a-z']+", heard)]
        assert len(missing) <= len(expected) // 10, (name, missing, heard)


def test_batched_decoding_shows_the_first_two_windows_before_a_full_batch(audio_dir,
                                                                          base_model_path):
    """A batch of 8 windows takes about 20 s on a CPU: the first batch is two windows, so
    the first bullets and progress come after those two, not after all of them."""
    audio, _spans = _clips_apart(audio_dir, FOUR_ENGLISH_CLIPS * 2)
    windows = list(_windows(find_stretches(audio)))
    assert len(windows) >= 3
    engine = get_engine(EngineOptions(model=str(base_model_path), batched=True))
    events: list[tuple[str, float]] = []
    for segment in engine.transcribe(audio, lambda done, _total: events.append(("progress",
                                                                                done))):
        events.append(("bullet", segment.end))
    first_report = next(i for i, (kind, _at) in enumerate(events) if kind == "progress")
    assert events[first_report][1] == pytest.approx(windows[1][-1].end, abs=0.01)
    shown_first = [at for kind, at in events[:first_report]]
    assert len(shown_first) >= 2 and max(shown_first) <= windows[1][-1].end + 0.01
    assert any(at > windows[1][-1].end for kind, at in events if kind == "bullet")
