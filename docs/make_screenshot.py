"""Make ``docs/editor.png``: the editor with a Chinese meeting, for the README.

Runs offscreen (no display needed) on a throw-away library; Chinese renders with
Noto Sans CJK (Debian: ``fonts-noto-cjk``). Run it again after changing the UI:

    .venv/bin/python docs/make_screenshot.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from transcriber.library.store import Library  # noqa: E402
from transcriber.model import Bullet, BulletKind  # noqa: E402
from transcriber.ui import strings  # noqa: E402
from transcriber.ui.app import create_app  # noqa: E402
from transcriber.ui.main_window import MainWindow  # noqa: E402

OUT = Path(__file__).resolve().parent / "editor.png"

TURNS = [
    ("唐鳳", BulletKind.SPEECH, "大家好，謝謝各位今天來參加這次的座談。", False),
    ("唐鳳", BulletKind.SPEECH, "我們先說明一下，這份逐字稿會在大家審閱之後公開，授權是 CC BY 4.0。", False),
    ("問", BulletKind.QUESTION, "請問開放資料平台接下來會怎麼改進？", False),
    ("唐鳳", BulletKind.SPEECH, "我們會先把資料集的更新頻率標示清楚，讓使用者知道哪些資料是即時的。", False),
    (None, BulletKind.OTHER_SIDE, "（對方發言）", False),
    ("唐鳳", BulletKind.SPEECH, "對，這個部分〔已遮蔽〕那邊也有提過，我們會一起處理。", False),
    ("唐鳳", BulletKind.SPEECH, "然後然後然後我們下週再開一次工作會議。", True),
    ("問", BulletKind.QUESTION, "所以民眾可以直接在網路上提出建議嗎？", False),
    ("唐鳳", BulletKind.SPEECH, "可以的，在 join.gov.tw 上面就可以提案，附議超過五千人我們就會正式回應。", False),
]


def build_library(root: Path) -> tuple[Library, int]:
    library = Library(root)
    older = library.create_meeting("開放政府國家行動方案諮詢會議", "2024-04-18", language="zh",
                                   status="published")
    library.create_meeting("Interview with a visiting delegation", "2024-05-02", language="en",
                           status="review")
    meeting = library.create_meeting("數位部與公民團體座談", "2024-05-06", language="zh")
    ids = {name: library.speaker(meeting.id, name, is_default=name == "唐鳳").id for name in ("唐鳳", "問")}
    library.append_bullets(meeting.id, [
        Bullet(None, meeting.id, 0, text, kind=kind, speaker_id=ids.get(name),
               start=7.5 * i + 1, end=7.5 * i + 8, flagged=flagged,
               flag_reason="repeated words" if flagged else "")
        for i, (name, kind, text, flagged) in enumerate(TURNS)
    ])  # fmt: skip
    library.append_bullets(older.id, [Bullet(None, older.id, 0, "謝謝大家。")])
    return library, meeting.id


def main() -> int:
    app = create_app([])
    strings.set_language(strings.CHINESE)
    library, meeting_id = build_library(Path(tempfile.mkdtemp(prefix="screenshot-")) / "library")
    window = MainWindow(library, use_audio_device=False)
    window.resize(1280, 760)
    window.show()
    window.open_meeting(meeting_id)
    window.editor_view.bullet_list.go_to_row(3, cursor=12)
    window.editor_view.bullet_list.follow_playback(8.0)
    for _ in range(20):
        QApplication.processEvents()
    window.grab().save(str(OUT))
    print(f"wrote {OUT}")
    window.close()
    return 0 if app else 1


if __name__ == "__main__":
    sys.exit(main())
