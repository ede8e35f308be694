"""Real speech through the real embedded model: accuracy, script, progress, cancel."""

import re
import struct
import threading

import jiwer
import opencc
import pytest
from click.testing import CliRunner

from transcriber.asr.engine import EngineOptions, get_engine
from transcriber.asr.pipeline import transcribe_file
from transcriber.audio import duration_seconds, load_audio
from transcriber.cli import cli
from transcriber.library.store import Library
from transcriber.model import TranscriptState

ZH_REFERENCE = "歡迎大家來體驗達摩院推出的語音識別模型"
EN_REFERENCE = (
    "And so my fellow Americans, ask not what your country can do for you, "
    "ask what you can do for your country."
)


def _strip_punctuation(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z']+", text.lower()))


@pytest.fixture(scope="module")
def engine(base_model_path):
    return get_engine(EngineOptions(model=str(base_model_path)))


def test_mandarin_comes_out_traditional_and_accurate(audio_dir, engine) -> None:
    audio = load_audio(audio_dir / "zh-welcome.wav")
    text = "".join(s.text for s in engine.transcribe(audio))
    assert jiwer.cer(ZH_REFERENCE, _strip_punctuation(text)) <= 0.15
    assert opencc.OpenCC("s2twp").convert(text) == text
    assert text.endswith("。")


@pytest.mark.parametrize("name", ["zh-news-5s.wav", "zh-news-8s.wav"])
def test_no_simplified_character_in_any_zh_output(audio_dir, name, base_model_path) -> None:
    # These clips come out of Whisper base in Simplified characters. The check uses the
    # Taiwan profile: plain s2t would "correct" 吃 to 喫, which Taiwan does not write.
    engine = get_engine(EngineOptions(model=str(base_model_path), language="zh"))
    text = "".join(s.text for s in engine.transcribe(load_audio(audio_dir / name)))
    assert text
    assert opencc.OpenCC("s2twp").convert(text) == text


def test_english_word_error_rate(audio_dir, engine) -> None:
    text = " ".join(s.text for s in engine.transcribe(load_audio(audio_dir / "en-jfk.flac")))
    assert jiwer.wer(_words(EN_REFERENCE), _words(text)) <= 0.10
    assert "，" not in text  # English is never given Chinese punctuation


def test_progress_reaches_the_duration(audio_dir, engine) -> None:
    audio = load_audio(audio_dir / "en-jfk.flac")
    calls: list[tuple[float, float]] = []
    list(engine.transcribe(audio, progress=lambda done, total: calls.append((done, total))))
    total = duration_seconds(audio)
    assert calls[-1] == pytest.approx((total, total))
    done = [d for d, _ in calls]
    assert done == sorted(done)


def test_cancel_stops_decoding(audio_dir, base_model_path, library) -> None:
    options = EngineOptions(model=str(base_model_path), language="en")
    cancel = threading.Event()
    seen = []

    def on_segment(bullet) -> None:
        seen.append(bullet)
        cancel.set()

    meeting = transcribe_file(library, audio_dir / "multilingual-60s.mp3", options,
                              cancel=cancel, on_segment=on_segment)
    assert meeting.transcript_state == TranscriptState.INCOMPLETE
    bullets = library.bullets(meeting.id)
    assert len(bullets) == len(seen) == 1
    assert bullets[0].end < 50  # far from the end of the minute-long file


def test_transcribe_file_stores_meeting_recording_and_bullets(audio_dir, base_model_path,
                                                              library) -> None:
    options = EngineOptions(model=str(base_model_path))
    meeting = transcribe_file(library, audio_dir / "zh-welcome.wav", options, title="歡迎")
    assert meeting.transcript_state == TranscriptState.COMPLETE
    assert meeting.language == "zh"
    (recording,) = library.recordings(meeting.id)
    assert recording.path.startswith(str(library.audio_dir))
    assert len(recording.sha256) == 64 and recording.duration == pytest.approx(5.55, abs=0.1)
    bullets = library.bullets(meeting.id)
    assert bullets and all(b.start is not None and b.end > b.start for b in bullets)


def test_batched_pipeline_gives_the_same_words(audio_dir, base_model_path) -> None:
    audio = load_audio(audio_dir / "en-jfk.flac")
    batched = get_engine(EngineOptions(model=str(base_model_path), batched=True))
    text = " ".join(s.text for s in batched.transcribe(audio))
    assert jiwer.wer(_words(EN_REFERENCE), _words(text)) <= 0.10


def _wav_with_header(path, audio, rate: int, byte_rate: int, data_size: int | None = None):
    """Real samples under a header that lies about their rate or length."""
    data = (audio * 32767).astype("<i2").tobytes()
    size = len(data) if data_size is None else data_size
    fmt = struct.pack("<HHIIHH", 1, 1, rate, byte_rate, 2, 16)
    body = b"WAVEfmt " + struct.pack("<I", 16) + fmt + b"data" + struct.pack("<I", size) + data
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


@pytest.mark.parametrize(("rate", "byte_rate", "data_size", "said"), [
    (1, 2, None, "sample rate is 1 Hz"),
    (500, 1000, None, "sample rate is 500 Hz"),
    (768000, 1536000, None, "sample rate is 768000 Hz"),
    (16000, 1, 0xFFFFFF00, "hours"),
])
def test_an_impossible_header_is_refused_in_one_sentence_before_decoding(
    audio_dir, base_model_path, tmp_path, rate, byte_rate, data_size, said
) -> None:
    """A WAV saying 1 Hz once sat at 0 % for minutes (16 000 times the samples to make)."""
    path = _wav_with_header(tmp_path / "odd.wav", load_audio(audio_dir / "en-jfk.flac"),
                            rate, byte_rate, data_size)
    library = tmp_path / "library"
    result = CliRunner().invoke(cli, ["--library", str(library), "transcribe", str(path),
                                      "--model", str(base_model_path)])
    assert result.exit_code != 0
    assert said in result.stderr and "header is damaged" in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    assert Library(library).meetings() == []
