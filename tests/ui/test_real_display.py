"""The app on a real X server (Xvfb), through Qt's xcb platform plugin, as on a desktop.

Every other GUI test runs offscreen; these prove that the libraries the xcb
plugin needs are installed (install.sh), that `transcriber gui --library DIR`
opens its window there, that keys typed right after a click (real X input events,
through xdotool) land in the bullet clicked, and issue 17's whole check.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import display_support
import pulse_support
import pytest
from display_support import AppOutput, stop_app, wait_for_window

# One private PulseAudio for the recording check (tests/pulse_support.py).
pulse_session = pulse_support.pulse_session
pulse = pulse_support.pulse
x_display = display_support.x_display

VENV_BIN = Path(sys.executable).parent


def test_the_app_opens_its_window_on_a_real_x_server(x_display, tmp_path):
    env = {**os.environ, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb", "LANG": "C.UTF-8"}
    env.pop("WAYLAND_DISPLAY", None)
    app = subprocess.Popen([str(VENV_BIN / "transcriber"), "gui", "--library", str(tmp_path / "lib")],
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for_window(app, x_display, "Transcriber", 60)
        assert (tmp_path / "lib").is_dir(), "the library named after `gui --library` was used"
    finally:
        stop_app(app)


# -- typing right after clicking another bullet ------------------------------------------

EDITOR = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QPoint, QTimer
    from transcriber.library.store import Library
    from transcriber.ui.app import create_app, create_main_window

    library_path, meeting_id = sys.argv[1], int(sys.argv[2])
    app = create_app([])
    window = create_main_window(Library(library_path), use_audio_device=False)
    window.show()
    window.open_meeting(meeting_id)


    def rows_on_screen():
        '''Where to click each bullet (the end of its text), in screen coordinates.'''
        handle = window.windowHandle()
        if handle is None or not handle.isExposed():
            QTimer.singleShot(100, rows_on_screen)
            return
        bullets = window.editor_view.bullet_list
        points = []
        for row in range(bullets.bullet_model.rowCount()):
            rect = bullets.visualRect(bullets.bullet_model.index(row, 0))
            assert bullets.viewport().rect().contains(rect), "every bullet in view"
            point = bullets.viewport().mapToGlobal(QPoint(rect.right() - 20, rect.center().y()))
            points.append([point.x(), point.y()])
        print("ROWS", json.dumps(points), flush=True)


    QTimer.singleShot(0, rows_on_screen)
    app.exec()
    """
)

TEXTS = ["歡迎大家來體驗", "今天談數位發展", "這一段聽不清楚", "最後一段", "我們先看提案", "再談預算", "問題請提出", "謝謝大家"]
DELAYS = [0.0, 0.02, 0.05, 0.1]  # seconds from the click on a bullet to the first key
# Typed in ASCII: xdotool types a character its keymap lacks (any Chinese one) by remapping a
# spare key, which races Qt's keymap reload and drops characters; the bullets stay Chinese.


def xdotool(display: str, *args: object) -> None:
    subprocess.run(["xdotool", *map(str, args)], env={**os.environ, "DISPLAY": display},
                   check=True, timeout=30)  # fmt: skip


def test_keys_typed_right_after_clicking_another_bullet_land_in_it(x_display, tmp_path):
    """Issue 17: keys typed within ~0.1 s of clicking another bullet were reported in the old
    one. Real X events: click bullet A and type at its end, then click bullet B and type after
    0, 20, 50 and 100 ms; every key is in B, and A holds exactly its text and what was typed in it."""
    from transcriber.library.store import Library
    from transcriber.model import Bullet

    if shutil.which("xdotool") is None:
        pytest.fail("xdotool is missing: install.sh installs it")
    library = Library(tmp_path / "library")
    meeting = library.create_meeting("數位部會議", "2024-05-06", language="zh")
    official = library.speaker(meeting.id, "唐鳳", is_default=True)
    library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, text, speaker_id=official.id)
                                        for text in TEXTS])  # fmt: skip
    library.close()
    (tmp_path / "editor.py").write_text(EDITOR, encoding="utf-8")
    env = {**os.environ, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb", "LANG": "C.UTF-8"}
    env.pop("WAYLAND_DISPLAY", None)
    app = subprocess.Popen([sys.executable, str(tmp_path / "editor.py"), str(tmp_path / "library"),
                            str(meeting.id)], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)  # fmt: skip
    try:
        rows = AppOutput(app).value("ROWS", 60)
        for number, delay in enumerate(DELAYS):
            left, clicked = rows[2 * number], rows[2 * number + 1]
            xdotool(x_display, "mousemove", *left, "click", 1, "sleep", 0.3, "key", "End",
                    "type", "--delay", 0, f"ab{number}")  # fmt: skip
            time.sleep(0.3)
            xdotool(x_display, "mousemove", *clicked, "click", 1, "sleep", delay,
                    "type", "--delay", 0, f"xy{number}")  # fmt: skip
            time.sleep(0.5)
        assert app.poll() is None, "the app still runs"
    finally:
        stop_app(app)
    reader = Library.for_reading(tmp_path / "library")
    after = [b.text for b in reader.bullets(meeting.id)]
    reader.close()
    for number, delay in enumerate(DELAYS):
        left, clicked, typed = 2 * number, 2 * number + 1, f"xy{number}"
        when = f"{delay * 1000:.0f} ms after the click"
        assert after[left] == TEXTS[left] + f"ab{number}", (when, after)
        assert typed in after[clicked] and after[clicked].replace(typed, "", 1) == TEXTS[clicked], (when, after)


# -- issue 17's check: record, close (answered), kill -9, restart, re-transcribe a range --

STEPS = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication


    def run(steps):
        '''Drive the app with ``steps``, a generator yielding conditions to wait for.'''
        app = QApplication.instance()
        generator = steps()

        def advance():
            try:
                condition = next(generator)
            except StopIteration:
                app.quit()
                return
            wait(condition)

        def wait(condition):
            if condition():
                advance()
            else:
                QTimer.singleShot(100, lambda: wait(condition))

        QTimer.singleShot(0, advance)


    def say(prefix, value):
        print(prefix, json.dumps(value, ensure_ascii=False), flush=True)
    """
)

RECORD = STEPS + textwrap.dedent(
    """
    import time
    from transcriber.library.store import Library
    from transcriber.record import RecorderState
    from transcriber.ui.app import create_app, create_main_window

    library_path, model = sys.argv[1], sys.argv[2]
    marker_at, close_at, drafted_to = map(float, sys.argv[3:6])  # seconds into the recording
    create_app([])
    window = create_main_window(Library(library_path))
    window.settings.set("model", model)
    window.show()


    def drafted():
        '''The live draft's bullets as the panel shows them: [start "MM:SS", text], markers left out.'''
        rows = []
        for line in window.recorder_panel.draft_view.lines():
            if not line.startswith("—"):
                at, _, text = line.partition("  ")
                rows.append([at, text.strip()])
        return rows


    def steps():
        window.show_recorder()
        panel = window.recorder_panel
        panel.title_edit.setText("訪談")
        panel.marker_box.setEditText("此處重述提問")
        panel.start()
        yield lambda: panel.recorder is not None and panel.recorder.state is RecorderState.RECORDING
        say("RECORDING", True)  # the test plays the speech now
        started = time.monotonic()
        yield lambda: time.monotonic() - started > marker_at  # in the pause after the first clip
        panel.add_marker()
        say("MARKED", True)
        yield lambda: time.monotonic() - started > close_at  # the speech is over
        window.close()  # mid-recording, as the title bar's close button does
        box = window.message_box
        yield lambda: box is None or box.windowHandle() is not None and box.windowHandle().isExposed()
        keep = box.defaultButton() if box is not None else None
        where = keep.mapToGlobal(keep.rect().center()) if keep is not None else None
        say("ASKED", {"window": window.isVisible(), "asked": box is not None and box.isVisible(),
                      "recording": panel.is_recording(), "default": keep.text() if keep else None,
                      "at": [where.x(), where.y()] if where else None})
        answers = []
        box.buttonClicked.connect(lambda button: answers.append(button.text()))
        yield lambda: bool(answers)  # the test clicks the default button
        say("KEPT", [answers, window.isVisible(), panel.is_recording()])
        # The draft decodes each stretch after it ends: wait until it has shown the whole
        # speech (or long enough), so the crash cuts a draft with text in it; and record on
        # for 2 s more, so the length the banner gives is not the draft's.
        yield lambda: time.monotonic() - started > close_at + 2 and (
            any(text for _at, text in drafted()) and panel._drafted_until >= drafted_to
            or time.monotonic() - started > 150)
        say("DRAFTED", {"bullets": drafted(), "recording": panel.is_recording(),
                        "elapsed": panel.recorder.elapsed})
        yield lambda: False  # recording on, until the test kills the app


    run(steps)
    QApplication.instance().exec()
    """
)

RESTART = STEPS + textwrap.dedent(
    """
    from PySide6.QtWidgets import QPushButton
    from transcriber.library.store import Library
    from transcriber.ui.app import create_app, create_main_window
    from transcriber.ui.retranscribe_dialog import RetranscribeDialog

    library_path, model, spans = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    create_app([])
    library = Library(library_path)
    window = create_main_window(library)
    window.settings.set("model", model)
    window.show()
    bullets = window.editor_view.bullet_list


    def listed(found):
        return [{"id": b.id, "text": b.text, "start": b.start, "end": b.end,
                 "marker": b.extra.get("marker")} for b in found]


    def shown():
        return listed(bullets.bullet_model.bullets())  # what the editor lists


    def stored():
        return listed(library.bullets(window.editor_view.meeting_id))


    def within(bullet, spans):
        return any(start <= bullet["start"] < end for start, end in spans)


    def visible_dialog():
        found = [d for d in window.findChildren(RetranscribeDialog) if d.isVisible()]
        return found[-1] if found else None


    def run_dialog(dialog, language, name):
        dialog.language_box.setCurrentIndex(dialog.language_box.findData(language))
        say(name + "_DIALOG", {"range": dialog.range, "range_checked": dialog.range_radio.isChecked(),
                               "whole_checked": dialog.whole_radio.isChecked(),
                               "edited": dialog.edited_box.currentData(),
                               "language": dialog.language_box.currentData()})
        dialog.start_button.click()
        yield lambda: dialog.preview.isVisible() or (not dialog.task.is_running() and dialog.start_button.isEnabled())
        result = {"status": dialog.status_label.text(), "applied": False, "planned": dialog.plan is not None}
        if dialog.plan is not None:
            result |= {"kept": [b.id for b in dialog.plan.kept], "replaced": [b.id for b in dialog.plan.replaced],
                       "new": listed(dialog.plan.new), "gaps": listed(dialog.plan.gaps)}
        if dialog.plan is not None and dialog.apply_button.isVisible():
            dialog.apply_button.click()
            result["applied"] = not dialog.isVisible()
        else:
            dialog.reject()
        say(name + "_PLAN", result)


    def steps():
        yield lambda: window.editor_view.meeting_id is not None
        say("BANNER", {"visible": window.banner.isVisible(), "text": window.banner.label.text()})
        say("DRAFT", shown())
        rest = window.findChild(QPushButton, "banner_transcribe_rest")
        if rest is not None and rest.isVisible():
            rest.click()  # what the live draft had not reached when the app died
            yield lambda: visible_dialog() is not None
            yield from run_dialog(visible_dialog(), "auto", "REST")
        yield lambda: visible_dialog() is None
        window.editor_view.refresh()
        # The editor's own correction, inside the range to re-transcribe: "Keep mine" keeps it.
        edited = [b["id"] for b in shown() if b["text"] and within(b, spans["edited"])]
        for bullet_id in edited:
            bullets.go_to_bullet(bullet_id, cursor=-1)
            bullets.text_edit().insertPlainText("（補）")
        yield lambda: True
        say("BEFORE", {"bullets": stored(), "edited": edited})
        # Select the range's bullets in the editor, then Meeting → Re-transcribe…, "only the
        # selected bullets", forced Mandarin (over English speech too).
        chosen = [b["id"] for b in shown() if b["start"] is not None and within(b, spans["range"])]
        selection = bullets.selectionModel()
        selection.clearSelection()
        for bullet_id in chosen:
            selection.select(bullets.bullet_model.index(bullets.bullet_model.row_of(bullet_id), 0),
                             selection.SelectionFlag.Select)
        say("SELECTED", {"chosen": chosen, "selected": bullets.selected_bullet_ids()})
        window.retranscribe_action.trigger()
        yield lambda: visible_dialog() is not None
        dialog = visible_dialog()
        dialog.range_radio.setChecked(True)
        yield from run_dialog(dialog, "zh", "RANGE")
        yield lambda: visible_dialog() is None
        window.editor_view.refresh()
        say("AFTER", {"stored": stored(), "shown": shown()})


    run(steps)
    QApplication.instance().exec()
    """
)


# The meeting played into the microphone: clips with pauses the live draft cuts at, so each
# is a bullet of its own (or more); the marker is dropped in the first pause. The range
# re-transcribed, forced to Mandarin, is the three middle clips: the English one (with the
# marker) cannot be decoded in Mandarin and must stay; the edited one has new Mandarin text
# over it and must stay ("Keep mine"); the unedited Mandarin one may be replaced. The first
# and last clips are outside the range. Speech ends at 24 s; the whole test takes ~45 s on
# 2 idle cores (the live draft and the decodes share them).
CLIPS = [("zh-wenetspeech-test_net.wav", 1.0, "outside"),  # 我有的时候说不清楚你们知道吗
         ("en-librispeech-1221-135766-0002.wav", 1.5, "range"),  # opens with the marker
         ("zh-aishell1-BAC009S0764W0122.wav", 1.5, "edited"),  # 一二线城市虽然也处于调整中
         ("zh-aishell1-BAC009S0764W0121.wav", 1.5, "range"),  # 甚至出现交易几乎停滞的情况
         ("zh-aishell1dev-BAC009S0724W0121.wav", 0.5, "outside")]  # 广州市房地产中介协会分析  # fmt: skip
MARKER = "此處重述提問"


def _meeting_audio(audio_dir: Path, target: Path) -> list[tuple[float, float]]:
    """Write the clips with their pauses to ``target``; each clip's (start, end) in seconds."""
    import numpy as np
    import soundfile

    parts, spans, at = [], [], 0.0
    for name, pause, _role in CLIPS:
        samples, rate = soundfile.read(str(audio_dir / "dev" / name), dtype="int16")
        assert rate == 16000 and samples.ndim == 1, name
        parts += [samples, np.zeros(round(pause * rate), dtype=np.int16)]
        spans.append((at, at + len(samples) / rate))
        at += len(samples) / rate + pause
    soundfile.write(str(target), np.concatenate(parts), 16000, subtype="PCM_16")
    return spans


def _words(text: str) -> list[str]:
    """English words and single Han characters: what "no word lost" counts."""
    import re

    return re.findall(r"[A-Za-z']+|[\u4e00-\u9fff]", text)


def _script(word: str) -> str:
    return "latin" if word.isascii() else "han"


def _times(text: str) -> list[int]:
    """Every MM:SS in ``text``, in seconds."""
    import re

    return [int(m) * 60 + int(s) for m, s in re.findall(r"\b(\d\d):(\d\d)\b", text)]


def test_record_close_kill_restart_and_retranscribe_a_range_lose_no_word(x_display, tmp_path, audio_dir,
                                                                         base_model_path, pulse):  # fmt: skip
    """Issue 17's check, as a user would do it on a desktop: record a mixed meeting through
    PulseAudio with a marker; close the window mid-recording (it asks; a real click on "Keep
    recording"); kill -9 while recording; restart: the banner names the meeting and its length,
    and every bullet the live draft showed is back with its text; edit a bullet; select a range
    (not the whole meeting), Meeting → Re-transcribe… "only the selected bullets", forced to
    Mandarin: nothing outside the range changes, the edited bullet and every bullet the preview
    kept are as they were, a replaced bullet's words come back in their own script, and the
    marker's label is on exactly one bullet."""
    import soundfile

    from transcriber.library.store import Library
    from transcriber.ui.bullet_model import format_time

    env = {**os.environ, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb", "LANG": "C.UTF-8"}
    env.pop("WAYLAND_DISPLAY", None)
    library = tmp_path / "library"
    spans = _meeting_audio(audio_dir, tmp_path / "meeting.wav")
    marker_at = (spans[0][1] + spans[1][0]) / 2
    roles = {role: [[start - 0.5, end] for (start, end), (_name, _pause, clip_role) in zip(spans, CLIPS, strict=True)
                    if clip_role == role or role == "range" and clip_role == "edited"]
             for role in ("range", "edited")}  # fmt: skip
    roles["range"] = [[roles["range"][0][0], roles["range"][-1][1]]]
    (tmp_path / "record.py").write_text(RECORD, encoding="utf-8")
    (tmp_path / "restart.py").write_text(RESTART, encoding="utf-8")

    recording = subprocess.Popen([sys.executable, str(tmp_path / "record.py"), str(library), str(base_model_path),
                                  str(marker_at), str(spans[-1][1] + 0.5), str(spans[-1][1] - 1.0)],
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # fmt: skip
    said = AppOutput(recording)
    try:
        said.value("RECORDING", 120)
        pulse.play(tmp_path / "meeting.wav", wait=False)
        said.value("MARKED", 30)
        asked = said.value("ASKED", 60)
        assert asked["window"] and asked["asked"] and asked["recording"], f"closing asked: {said.text()}"
        assert asked["default"] == "Keep recording", f"keeping on is the default answer: {said.text()}"
        xdotool(x_display, "mousemove", *asked["at"], "click", 1)  # the answer, a real click
        kept = said.value("KEPT", 30)
        assert kept == [["Keep recording"], True, True], f"it kept recording when told to: {said.text()}"
        drafted = said.value("DRAFTED", 200)
        assert drafted["recording"], f"still recording when killed: {said.text()}"
    finally:
        recording.send_signal(signal.SIGKILL)  # the crash
        recording.wait(20)
    draft_shown = [(at, text) for at, text in drafted["bullets"] if text]
    assert len(draft_shown) >= len(CLIPS), f"the live draft showed every clip before the crash: {said.text()}"

    restart = subprocess.Popen([sys.executable, str(tmp_path / "restart.py"), str(library), str(base_model_path),
                                json.dumps(roles)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)  # fmt: skip
    said = AppOutput(restart)
    try:
        # The banner names the meeting and how long its recording is (the file the crash left).
        banner = said.value("BANNER", 120)
        reader = Library.for_reading(library)
        [wav] = [r.path for r in reader.recordings()]
        reader.close()
        length = soundfile.info(str(wav)).duration
        assert abs(length - drafted["elapsed"]) < 3, f"the file runs until the kill: {length} s, {drafted}"
        assert banner["visible"] and "訪談" in banner["text"], f"the banner names the meeting: {banner}"
        said_length = _times(banner["text"].split("訪談", 1)[1])[:1]
        assert said_length == [int(round(length, 3))], f"the length, {format_time(length)}: {banner}"

        # The live draft is back in the editor: every bullet it showed, with its text and time.
        draft = said.value("DRAFT", 30)
        back = [(format_time(b["start"]), b["text"].strip()) for b in draft if b["text"]]
        lost = [line for line in draft_shown if line not in back]
        assert not lost, f"the live draft is back after the crash; lost {lost}, shown {draft}"
        assert [b["marker"] for b in draft if b["marker"]] == [MARKER], f"the marker is back: {draft}"

        before = said.value("BEFORE", 300)
        selected = said.value("SELECTED", 30)
        dialog = said.value("RANGE_DIALOG", 30)
        plan = said.value("RANGE_PLAN", 300)
        after = said.value("AFTER", 60)
        restart.wait(60)
    finally:
        stop_app(restart)
    told = f"the restarted app said:\n{said.text()}"

    # Transcribing the rest the draft had not reached left the draft as it was, but for the edit.
    edited = before["edited"]
    before_by_id = {b["id"]: b for b in before["bullets"]}
    assert edited and all(before_by_id[i]["text"].endswith("（補）") for i in edited), f"the edit: {told}"
    for bullet in draft:
        now = before_by_id.get(bullet["id"], {}).get("text", "")
        assert now.removesuffix("（補）") == bullet["text"], f"transcribing the rest kept {bullet}: {told}"

    # The range is what was selected, not the whole meeting, and only it was decoded again.
    chosen = selected["chosen"]
    outside = [b for b in before["bullets"] if b["id"] not in chosen]
    assert selected["selected"] == chosen and chosen and outside, f"a range, not the whole meeting: {told}"
    span = [min(before_by_id[i]["start"] for i in chosen), max(before_by_id[i]["end"] for i in chosen)]
    assert dialog == {"range": span, "range_checked": True, "whole_checked": False, "edited": "keep",
                      "language": "zh"}, f"the dialog re-transcribes the range selected: {told}"  # fmt: skip
    assert plan["applied"], f"the forced-Mandarin pass changed the range and was applied: {told}"
    assert set(plan["replaced"]) <= set(chosen), f"nothing outside the range was replaced: {told}"
    assert all(span[0] - 0.5 <= b["start"] and b["end"] <= span[1] + 0.5 for b in plan["new"]), (
        f"new text only inside the range: {told}")  # fmt: skip
    # A bullet is replaced only by new text over it in its own script: English forced to
    # Mandarin must not turn into a translation or an empty gap.
    for bullet_id in plan["replaced"]:
        old = before_by_id[bullet_id]
        over = " ".join(b["text"] for b in plan["new"] if b["start"] < old["end"] and b["end"] > old["start"])
        scripts = {_script(w) for w in _words(old["text"])} - {_script(w) for w in _words(over)}
        assert not scripts, f"{old} was replaced by {over!r}, without its {scripts}: {told}"

    # Nothing the user did not choose to replace lost a word: the bullets outside the range
    # and the edited one are there as they were, and so is every bullet the preview kept.
    assert after["stored"] == after["shown"], f"the editor shows the meeting as stored: {told}"
    after_by_id = {b["id"]: b for b in after["stored"]}
    for bullet in outside + [before_by_id[i] for i in edited + plan["kept"]]:
        assert after_by_id.get(bullet["id"], {}).get("text") == bullet["text"], f"{bullet} changed: {told}"
    final_text = " ".join(b["text"] for b in after["stored"])
    for bullet in before["bullets"]:
        if bullet["id"] not in plan["replaced"]:
            missing = [w for w in _words(bullet["text"]) if w not in final_text]
            assert not missing, f"{bullet} lost {missing}: {told}"
    assert [b["marker"] for b in after["stored"] if b["marker"]] == [MARKER], f"the marker's label, once: {told}"
