"""A long recording cut into sections decoded side by side (transcriber.asr.sections):
cut in a pause, nothing said lost or said twice at the cut, bullets in time order, as
accurate as one decoder, a cancel keeps an unbroken start, a truncated file still warns."""

from __future__ import annotations

import csv
import threading

import jiwer
import numpy as np
import pytest
from test_pipeline_languages import _write_wav
from test_pipeline_long import TO_TW, _tokens

from transcriber.asr import device, engine
from transcriber.asr.engine import EngineOptions, get_engine, wait_for_decoders
from transcriber.asr.pipeline import transcribe_file
from transcriber.asr.sections import pause_nearest, section_count, split
from transcriber.asr.vad import find_stretches
from transcriber.audio import SAMPLE_RATE, load_audio
from transcriber.model import TranscriptState

PAUSE_SECONDS = 1.0


@pytest.fixture(scope="module")
def meeting_audio(audio_dir) -> tuple[np.ndarray, list[tuple[float, float]], str]:
    """Every single-language dev clip (Mandarin and English), 1 s of zeros between:
    a bit over three minutes, so two sections. Each clip's span; the references."""
    pause = np.zeros(round(PAUSE_SECONDS * SAMPLE_RATE), dtype=np.float32)
    parts, spans, refs, at = [], [], [], 0.0
    with open(audio_dir / "dev" / "manifest.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["group"] == "zh-en-spliced":
                continue
            clip = load_audio(audio_dir / "dev" / row["file"])
            spans.append((at, at + len(clip) / SAMPLE_RATE))
            parts += [clip, pause]
            refs.append(row["reference"])
            at += (len(clip) + len(pause)) / SAMPLE_RATE
    return np.concatenate(parts), spans, TO_TW.convert(" ".join(refs))


@pytest.fixture
def decoders(monkeypatch):
    """Engines with a given number of decoders side by side, whatever this machine's
    cores (the batch worker's thread share sets them); the usual engines after."""

    def use(count: int) -> None:
        monkeypatch.setenv(device.CPU_THREADS_ENV, str(count))
        engine.load_model.cache_clear()
        get_engine.cache_clear()

    yield use
    monkeypatch.undo()
    engine.load_model.cache_clear()
    get_engine.cache_clear()


def test_sections_only_for_recordings_long_enough_to_pay() -> None:
    assert section_count(60, 4) == 1  # a short clip: one decoder, all its context
    assert section_count(200, 4) == 2
    assert section_count(3600, 4) == 4
    assert section_count(3600, 1) == 1


def test_the_cut_is_the_longest_pause_near_the_even_split(audio_dir) -> None:
    """Real speech with a short pause and a long one within the search: the cut lands
    in the long one, even though the short one is nearer the even split."""
    speech = load_audio(audio_dir / "dev" / "en-librispeech-1995-1837-0001.wav")[: 8 * SAMPLE_RATE]
    short, long = (np.zeros(round(s * SAMPLE_RATE), dtype=np.float32) for s in (0.5, 2.0))
    audio = np.concatenate([speech, short, speech, long, speech])
    short_at = len(speech) / SAMPLE_RATE
    long_start = (2 * len(speech) + len(short)) / SAMPLE_RATE
    origin = 10 * SAMPLE_RATE  # the audio as a part of a longer recording
    cut = pause_nearest(audio, origin, guess=origin / SAMPLE_RATE + short_at) - origin / SAMPLE_RATE
    assert long_start < cut < long_start + 2.0


def test_sections_meet_exactly_in_a_pause_and_keep_all_speech(meeting_audio) -> None:
    """Each section finds the cut on its own: the earlier one's audio ends exactly
    where the later one's begins, in a pause, and together they hold the speech one
    pass of the VAD finds."""
    audio, spans, _refs = meeting_audio

    def read(start: float, end: float | None):
        first = round(start * SAMPLE_RATE)
        last = len(audio) if end is None else min(round(end * SAMPLE_RATE), len(audio))
        for at in range(first, last, 7 * SAMPLE_RATE):  # chunks unlike the search's
            yield audio[at : min(at + 7 * SAMPLE_RATE, last)]

    length = len(audio) / SAMPLE_RATE
    first, second = split([read, read], 0.0, None, length)
    earlier, later = list(first.stretches), list(second.stretches)
    assert earlier[-1].end <= later[0].start

    def heard(stretches, start, end):
        return any(s < end and start < e for stretch in stretches for s, e in stretch.speech)

    # No clip (a speaker's sentence) is cut in two: each is in one section only.
    assert not [(start, end) for start, end in spans
                if heard(earlier, start, end) and heard(later, start, end)]
    # Every phrase one pass of the VAD hears is in a section's audio.
    phrases = [phrase for stretch in find_stretches(audio) for phrase in stretch.speech]
    assert not [(start, end) for start, end in phrases
                if not any(s.start - 0.05 <= start and end <= s.end + 0.05
                           for s in earlier + later)]


@pytest.mark.slow
def test_two_decoders_as_accurate_as_one_nothing_lost_or_doubled(
    meeting_audio, base_model_path, library, tmp_path, decoders
) -> None:
    audio, spans, reference = meeting_audio
    path = tmp_path / "meeting.wav"
    _write_wav(path, audio)
    options = EngineOptions(model=str(base_model_path))
    results = {}
    for count in (1, 2):
        decoders(count)
        alive_at_first_bullet: list[int] = []
        reports: list[tuple[float, float]] = []

        def first_bullet(_bullet, seen=alive_at_first_bullet) -> None:
            if not seen:
                seen.append(sum(t.name.startswith("whisper-decode") and t.is_alive()
                                for t in threading.enumerate()))

        meeting = transcribe_file(library, path, options, title=f"{count} decoders",
                                  on_segment=first_bullet,
                                  progress=lambda done, total, seen=reports: seen.append((done, total)))
        assert get_engine(options).decoders == count
        assert meeting.transcript_state == TranscriptState.COMPLETE.value
        bullets = library.bullets(meeting.id)
        results[count] = bullets
        if count == 2:  # both sections under way from the start
            assert alive_at_first_bullet == [2]
        assert [b.start for b in bullets] == sorted(b.start for b in bullets)
        assert [d for d, _t in reports] == sorted(d for d, _t in reports)
        assert reports[-1][0] == pytest.approx(reports[-1][1]) == pytest.approx(
            len(audio) / SAMPLE_RATE, abs=0.1)
    one, two = ("".join(b.text for b in results[count]) for count in (1, 2))
    errors = {count: jiwer.wer(_tokens(reference), _tokens(" ".join(b.text for b in results[count])))
              for count in (1, 2)}
    # Only the second section's first window starts without the text before it.
    assert errors[2] <= errors[1] + 0.01, (errors, one, two)
    for start, end in spans:  # every clip has its words, none said twice at the cut
        inside = [b for b in results[2] if start - 0.5 <= (b.start + b.end) / 2 <= end + 0.5]
        assert any(b.text for b in inside), (start, end)
    texts = [b.text for b in results[2] if len(b.text) > 5]
    assert len(texts) == len(set(texts)), texts
    assert not [b for b in results[2] if b.extra.get("gap")]


def test_a_cancel_keeps_an_unbroken_start(meeting_audio, base_model_path, library, tmp_path,
                                          decoders) -> None:
    """Cancelled while both sections decode: the meeting keeps only bullets from its
    start onward, none from the later section (held until the earlier one is done),
    and the decode threads stop."""
    audio, _spans, _refs = meeting_audio
    path = tmp_path / "meeting.wav"
    _write_wav(path, audio)
    decoders(2)
    cancel = threading.Event()
    meeting = transcribe_file(library, path, EngineOptions(model=str(base_model_path)),
                              cancel=cancel, on_segment=lambda _bullet: cancel.set())
    assert meeting.transcript_state == TranscriptState.INCOMPLETE.value
    bullets = library.bullets(meeting.id)
    assert 1 <= len(bullets) <= 2 and bullets[0].start < 30
    assert wait_for_decoders(timeout=60)


@pytest.mark.parametrize("kept", [0.6, 0.4], ids=["ends in the later section",
                                                  "ends before it"])
def test_a_truncated_long_file_is_decoded_as_far_as_it_goes_with_a_warning(
    meeting_audio, base_model_path, library, tmp_path, decoders, kept
) -> None:
    audio, spans, _refs = meeting_audio
    full = tmp_path / "full.wav"
    _write_wav(full, audio)
    data = full.read_bytes()
    cut = tmp_path / "cut.wav"
    cut.write_bytes(data[: 44 + round((len(data) - 44) * kept) // 2 * 2])
    decoders(2)
    meeting = transcribe_file(library, cut, EngineOptions(model=str(base_model_path)))
    (warning,) = library.meeting_warnings(meeting.id)
    assert "cut.wav is truncated" in warning
    decodable = len(audio) * kept / SAMPLE_RATE
    (recording,) = library.recordings(meeting.id)
    assert recording.duration == pytest.approx(decodable, abs=0.1)
    bullets = library.bullets(meeting.id)
    last_whole_clip = max(end for start, end in spans if end < decodable)
    assert any(b.text and b.end > last_whole_clip - 3 for b in bullets)  # read to the end
    assert [b.start for b in bullets] == sorted(b.start for b in bullets)
