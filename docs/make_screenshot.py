"""Make the README screenshots: ``docs/editor.png`` and ``docs/import-queue.png``.

The editor shows a real Chinese transcript: Mandarin clips from ``shared/audio``
joined into one recording and transcribed by the embedded Whisper model, so the
words, their timings and the waveform are what the app really produces. A few
edits an editor would make are applied through the editing core (a question, a
second speaker, a redaction) and a recording marker is added. The second picture
is the import queue after two files were dropped at once.

Runs offscreen (no display needed) on a throw-away library; Chinese renders with
Noto Sans CJK (Debian: ``fonts-noto-cjk``). Run it again after changing the UI:

    .venv/bin/python docs/make_screenshot.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import wave
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from transcriber.asr.engine import EngineOptions  # noqa: E402
from transcriber.asr.models import install_embedded_model  # noqa: E402
from transcriber.asr.pipeline import transcribe_file  # noqa: E402
from transcriber.audio import SAMPLE_RATE, load_audio  # noqa: E402
from transcriber.library.editing import MeetingEditor  # noqa: E402
from transcriber.library.store import Library  # noqa: E402
from transcriber.ui import language  # noqa: E402
from transcriber.ui.app import create_app  # noqa: E402
from transcriber.ui.main_window import MainWindow  # noqa: E402
from transcriber.ui.settings_store import AppSettings  # noqa: E402

DOCS = Path(__file__).resolve().parent
AUDIO = DOCS.parents[1] / "shared" / "audio"
CLIPS = ["zh-welcome.wav", "dev/zh-wenetspeech-test_meeting.wav", "zh-news-8s.wav",
         "dev/zh-sherpa-paraformer2025-07.wav", "zh-news-5s.wav", "dev/zh-sherpa-paraformer2025-16.wav",
         "dev/zh-sherpa-paraformer2025-12.wav", "dev/zh-sherpa-paraformer2025-09.wav"]
# The import queue's two files: long enough to be caught mid-way.
QUEUED = [["dev/zh-sherpa-paraformer2025-03.wav", "dev/zh-sherpa-paraformer2025-06.wav",
           "dev/zh-sherpa-paraformer2025-08.wav", "dev/zh-sherpa-paraformer2025-10.wav",
           "dev/zh-sherpa-paraformer2025-15.wav", "dev/zh-funasr-llamacpp-sample.wav"] * 6,
          ["dev/zh-aishell1-BAC009S0764W0121.wav", "dev/zh-aishell1-BAC009S0764W0122.wav",
           "dev/zh-aishell1dev-BAC009S0724W0121.wav", "dev/zh-sherpa-paraformer2025-13.wav",
           "dev/zh-sherpa-paraformer2025-14.wav", "dev/zh-sherpa-paraformer2025-11.wav"] * 6]
PAUSE_SECONDS = 1.0


def join_clips(target: Path, clips: list[str] = CLIPS) -> Path:
    """One recording of several Mandarin clips with a pause between them, as a meeting has."""
    pause = np.zeros(int(PAUSE_SECONDS * SAMPLE_RATE), dtype=np.float32)
    parts = [part for clip in clips for part in (load_audio(AUDIO / clip), pause)]
    pcm = (np.clip(np.concatenate(parts), -1, 1) * 32767).astype(np.int16)
    with wave.open(str(target), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(pcm.tobytes())
    return target


def wait(app: QApplication, until, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not until() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def build_library(root: Path, options: EngineOptions) -> tuple[Library, int]:
    library = Library(root / "library")
    settings = AppSettings(library.path)
    settings.set("setup_done", "1")
    settings.set("ui_language", language.CHINESE)
    settings.set("official_name", "唐鳳")
    older = library.create_meeting("開放政府國家行動方案諮詢會議", "2024-04-18", language="zh",
                                   status="published")
    library.create_meeting("Interview with a visiting delegation", "2024-05-02", language="en",
                           status="review")
    meeting = transcribe_file(library, join_clips(root / "座談錄音.wav"), options,
                              title="數位部與公民團體座談", date="2024-05-06", speaker="唐鳳")
    editor = MeetingEditor(library, meeting.id)
    bullets = [b for b in editor.bullets() if b.text.strip()]
    editor.set_speaker([bullets[1].id], editor.question_speaker_name())
    editor.set_speaker([bullets[3].id], "王小明")
    target = bullets[2]
    cut = max(2, len(target.text) // 3)
    editor.redact(target.id, cut, cut + 2, "人名，當事人未同意公開")
    editor.set_flag(bullets[6].id, True, "聽不太清楚，請再聽一次")
    recording = library.recordings(meeting.id)[0]
    library.add_marker(recording.id, bullets[1].start, "此處重述提問")
    library.append_bullets(older.id, [])
    return library, meeting.id


def editor_shot(app: QApplication, window: MainWindow, meeting_id: int) -> None:
    view = window.editor_view
    window.open_meeting(meeting_id)
    wait(app, lambda: view.player.is_loaded and view.waveform.peak_count > 0)
    wait(app, lambda: not view.overview.running)
    model = view.bullet_list.bullet_model
    heard = next(row for row in range(model.rowCount()) if len(model.bullet(row).words) > 3 and row > 1)
    words = model.bullet(heard).words
    view.player.seek((words[2].start + words[2].end) / 2)  # the word being heard is marked
    view.bullet_list.go_to_row(heard + 1, cursor=4, focus=True)
    wait(app, lambda: False, 0.5)
    window.grab().save(str(DOCS / "editor.png"))
    print(f"wrote {DOCS / 'editor.png'}")


def import_queue_shot(app: QApplication, window: MainWindow, folder: Path) -> None:
    from transcriber.ui.whose_recording_dialog import WhoseRecordingDialog

    window.import_files([str(join_clips(folder / name, clips))
                         for name, clips in zip(["市民座談-上午.wav", "市民座談-下午.wav"], QUEUED, strict=True)])
    for dialog in window.findChildren(WhoseRecordingDialog):  # whose recording: the offered name
        if dialog.isVisible():
            dialog.accept()
    rows = window.import_queue.rows
    # The batch engine lists each file when it is done: one done, one running.
    wait(app, lambda: len(rows) == 1 and rows[0].measuring and rows[0].bar.value() > 50, 180)
    window.grab().save(str(DOCS / "import-queue.png"))
    print(f"wrote {DOCS / 'import-queue.png'}")
    for task in list(window.transcriptions):
        task.cancel()
    wait(app, lambda: not window.transcriptions, 60)


def main() -> int:
    app = create_app([])
    language.set_language(language.CHINESE)
    options = EngineOptions(model=str(install_embedded_model()), language="zh")
    folder = Path(tempfile.mkdtemp(prefix="screenshot-"))
    library, meeting_id = build_library(folder, options)
    settings = AppSettings(library.path)
    settings.set("model", options.model)
    window = MainWindow(library, settings, use_audio_device=False)
    window.resize(1280, 760)
    window.show()
    editor_shot(app, window, meeting_id)
    import_queue_shot(app, window, folder)
    window.close()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip teardown order problems between Qt and CTranslate2 at exit
