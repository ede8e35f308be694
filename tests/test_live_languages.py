"""The live draft through a real PulseAudio server: a speaker switches from English to
Mandarin and the draft follows, stretch by stretch, translating nothing."""

from __future__ import annotations

import re
import time
import wave

import numpy as np
import opencc
import pulse_support

from transcriber.asr.engine import EngineOptions
from transcriber.audio import SAMPLE_RATE, load_audio
from transcriber.model import Bullet, TranscriptState
from transcriber.record import LiveOptions, Recorder
from transcriber.text import has_cjk

pulse_session = pulse_support.pulse_session
pulse = pulse_support.pulse


def record_live(pulse, library, model_path, clips: list[np.ndarray], tmp_path) -> tuple[int, list[Bullet]]:
    """Play ``clips`` one after the other into the sound server while recording with
    the live draft; the meeting's id and bullets once the draft is final."""
    path = tmp_path / "played.wav"
    with wave.open(str(path), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(SAMPLE_RATE)
        f.writeframes((np.concatenate(clips) * 32767).astype("<i2").tobytes())
    recorder = Recorder(library, live=LiveOptions(EngineOptions(model=str(model_path))))
    try:
        meeting = recorder.start()
        pulse.play(path)
        time.sleep(0.5)
    finally:
        recorder.stop()
    return meeting.id, library.bullets(meeting.id)


def test_english_then_mandarin_comes_out_as_english_then_traditional_chinese(
    pulse, library, audio_dir, base_model_path, tmp_path
) -> None:
    pause = np.zeros(SAMPLE_RATE, dtype=np.float32)
    meeting_id, bullets = record_live(pulse, library, base_model_path, [
        load_audio(audio_dir / "en-jfk.flac"), pause, load_audio(audio_dir / "zh-welcome.wav"), pause,
    ], tmp_path)
    bullets = [b for b in bullets if b.text]
    assert library.meeting(meeting_id).transcript_state == TranscriptState.COMPLETE
    english = [b for b in bullets if not has_cjk(b.text)]
    chinese = [b for b in bullets if has_cjk(b.text)]
    # "ask not" or "asked not": the base model's choice varies with the CPU's math library
    assert "not what your country can do for you" in " ".join(
        re.findall(r"[a-z']+", " ".join(b.text.lower() for b in english)))
    assert chinese, [b.text for b in bullets]
    assert max(b.start for b in english) < min(b.start for b in chinese)
    zh = "".join(b.text for b in chinese)
    assert "歡迎" in zh and opencc.OpenCC("s2twp").convert(zh) == zh
    assert not re.search(r"[A-Za-z]{3,}", zh)  # the Mandarin is not turned into English


def test_a_third_language_in_the_live_draft_is_a_flagged_gap(
    pulse, library, audio_dir, base_model_path, tmp_path
) -> None:
    """English, six seconds of another language (the second half of multilingual-60s.mp3:
    Whisper hears German), then Mandarin: the draft writes the first and the last and
    leaves the middle a flagged gap, never a translation into English or Chinese."""
    pause = np.zeros(SAMPLE_RATE // 2, dtype=np.float32)
    other = load_audio(audio_dir / "multilingual-60s.mp3")[30 * SAMPLE_RATE : 36 * SAMPLE_RATE]
    _meeting_id, bullets = record_live(pulse, library, base_model_path, [
        load_audio(audio_dir / "dev" / "en-librispeech-1221-135766-0002.wav"), pause, other, pause,
        load_audio(audio_dir / "zh-welcome.wav"), pause, pause,
    ], tmp_path)
    english = [b for b in bullets if b.text and not has_cjk(b.text)]
    chinese = [b for b in bullets if has_cjk(b.text)]
    assert "apprehension" in " ".join(b.text.lower() for b in english), bullets
    assert "歡迎" in "".join(b.text for b in chinese), bullets
    gaps = [b for b in bullets if b.extra.get("gap") and "another language" in b.flag_reason]
    assert gaps, [(b.text, b.flag_reason) for b in bullets]
    # Between the English and the Mandarin there is the gap and no text at all.
    middle = [b for b in bullets if b.text and max(e.end for e in english) - 0.1 < b.start
              and b.end < min(c.start for c in chinese) + 0.1]
    assert middle == [], [b.text for b in middle]
    assert all(max(e.end for e in english) - 0.5 <= g.start and g.end <= min(c.end for c in chinese)
               for g in gaps)


def test_a_meeting_that_switches_back_and_forth_gets_each_stretch_in_its_own_language(
    pulse, library, audio_dir, base_model_path, tmp_path
) -> None:
    """Mandarin and English in turn, with the short pauses of a conversation: no
    Mandarin stretch comes out as English only (reported from the live draft) and no
    English one in Chinese characters, unless it is flagged for the editor. (whisper-base
    sometimes hears a Mandarin phrase as a few English words inside a Chinese bullet,
    "rest my heart": not checked here, a known limit of the model.)"""
    dev = audio_dir / "dev"
    turns = [("en", "en-librispeech-1221-135766-0002.wav"), ("zh", "zh-sherpa-paraformer2025-03.wav"),
             ("en", "en-librispeech-1089-134686-0001.wav"), ("zh", "zh-sherpa-paraformer2025-02.wav"),
             ("zh", "zh-sherpa-paraformer2025-03.wav")]
    pause = np.zeros(SAMPLE_RATE // 2, dtype=np.float32)
    clips, spans, at = [], [], 0.0
    for language, name in turns:
        clip = load_audio(dev / name)
        clips += [clip, pause]
        spans.append((language, at, at + len(clip) / SAMPLE_RATE))
        at += (len(clip) + len(pause)) / SAMPLE_RATE
    _meeting_id, bullets = record_live(pulse, library, base_model_path, [*clips, pause, pause], tmp_path)

    def language_at(bullet: Bullet) -> str:
        # The recording starts a moment before the player: times are compared loosely.
        middle = (bullet.start + bullet.end) / 2
        return next((lang for lang, start, end in spans if start - 1.0 <= middle <= end + 1.0), "")

    written = [b for b in bullets if b.text]
    assert {language_at(b) for b in written} == {"zh", "en"}, [(b.start, b.text) for b in written]
    for bullet in written:
        latin_words = re.findall(r"[A-Za-z]{3,}", bullet.text)
        if language_at(bullet) == "zh":
            assert has_cjk(bullet.text) or bullet.flagged, (bullet.text, bullet.flag_reason)
        elif language_at(bullet) == "en":
            assert latin_words and not has_cjk(bullet.text) or bullet.flagged, (bullet.text, bullet.flag_reason)
