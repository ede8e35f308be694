"""Speakers in the editor: people apart from roles, one key to assign, a list that follows.

Issue 11, item 10: 問 was listed as a speaker in every meeting, the list did not
follow the current bullet, and assigning an existing speaker took three clicks.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from transcriber.model import Bullet, BulletKind
from transcriber.ui.main_window import MainWindow


@pytest.fixture
def meeting_id(library):
    meeting = library.create_meeting("座談", "2024-05-06", language="zh")
    official = library.speaker(meeting.id, "唐鳳", is_default=True)
    guest = library.speaker(meeting.id, "王小明")
    question = library.speaker(meeting.id, "問")  # as an archive import leaves it
    library.append_bullets(meeting.id, [
        Bullet(None, meeting.id, 0, "大家好", speaker_id=official.id),
        Bullet(None, meeting.id, 0, "請問怎麼參與？", kind=BulletKind.QUESTION, speaker_id=question.id),
        Bullet(None, meeting.id, 0, "我補充一點", speaker_id=guest.id),
        Bullet(None, meeting.id, 0, "謝謝"),
    ])  # fmt: skip
    return meeting.id


@pytest.fixture
def window(qtbot, library, meeting_id):
    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    window.show()
    window.open_meeting(meeting_id)
    yield window
    window.close()


def test_the_question_label_is_a_role_not_a_person(window):
    panel = window.editor_view.speaker_panel
    assert panel.people() == ["唐鳳", "王小明"]
    shown = [panel.speaker_list.item(row).text() for row in range(panel.speaker_list.count())]
    assert shown == ["1  " + QCoreApplication.translate("SpeakerPanel", "{name} (default)").format(name="唐鳳"), "2  王小明"]
    assert panel.roles() == ["問"]


def test_the_list_follows_the_current_bullet(window):
    view = window.editor_view
    panel = view.speaker_panel
    assert panel.current_name() == "唐鳳"
    view.bullet_list.go_to_row(2)
    assert panel.current_name() == "王小明"
    view.bullet_list.go_to_row(1)
    assert panel.current_name() is None and panel.role_buttons[0].isChecked(), "a question shows its role"
    view.bullet_list.go_to_row(3)
    assert panel.current_name() is None, "a bullet without a speaker selects nobody"


def test_alt_number_assigns_an_existing_speaker_in_one_step(qtbot, window, library, meeting_id):
    view = window.editor_view
    view.bullet_list.go_to_row(3)
    qtbot.keyClick(view.bullet_list.text_edit(), Qt.Key_2, Qt.AltModifier)
    last = library.bullets(meeting_id)[3]
    assert library.speakers(meeting_id)[1].id == last.speaker_id
    assert view.speaker_panel.current_name() == "王小明"
    assert view.status_label.text() == QCoreApplication.translate("EditorView", "Given to {name}.").format(name="王小明")
    assert view.bullet_list.text_edit().hasFocus(), "typing goes on in the bullet"

    qtbot.keyClick(view.bullet_list.text_edit(), Qt.Key_7, Qt.AltModifier)
    assert view.status_label.text() == QCoreApplication.translate("EditorView", "There is no speaker {number} in the list yet.").format(number=7)
    assert library.bullets(meeting_id)[3].speaker_id == last.speaker_id


def test_a_role_button_makes_the_bullet_a_question(qtbot, window, library, meeting_id):
    view = window.editor_view
    view.bullet_list.go_to_row(2)
    qtbot.mouseClick(view.speaker_panel.role_buttons[0], Qt.LeftButton)
    third = library.bullets(meeting_id)[2]
    assert third.kind == BulletKind.QUESTION
    assert view.speaker_panel.people() == ["唐鳳", "王小明"], "the role did not join the people"


def test_the_help_lists_the_number_keys_once(window):
    rows = dict(window.editor_view.overlay.rows())
    assert rows[QCoreApplication.translate("ShortcutsOverlay", "Give to speaker 1–9 of the list")] == "<code>Alt+1 … Alt+9</code>"


def test_a_bullet_without_a_speaker_says_who_it_is_published_under(qtbot, window, library, meeting_id):
    """Issue 17, item 5: 謝謝 has no speaker of its own and was shown without a name, yet
    published under the default speaker; it says so now, and says when nobody is named."""
    from transcriber.ui.bullet_model import Role

    model = window.editor_view.bullet_list.bullet_model
    assert model.index(3, 0).data(Role.SPEAKER) == "唐鳳 (default)"
    assert model.index(2, 0).data(Role.SPEAKER) == "王小明"
    other = library.create_meeting("無人", "2024-05-07")
    library.append_bullets(other.id, [Bullet(None, other.id, 0, "沒有人")])
    window.open_meeting(other.id)
    assert model.index(0, 0).data(Role.SPEAKER) == "No speaker"


def test_import_asks_whose_recording_it_is_and_remembers_the_answer(qtbot, library, audio_dir, base_model_path):
    """Issue 17, item 5: an imported recording was attributed to the official unasked."""
    from gui_support import shown_window
    from test_gui_workflow import MODEL_TIMEOUT_MS, drop_files

    from transcriber.ui.whose_recording_dialog import WhoseRecordingDialog

    window = shown_window(qtbot, library, model=str(base_model_path), asr_language="zh",
                          official_name="唐鳳")
    drop_files(window.library_view, [audio_dir / "zh-welcome.wav"], speaker=None)
    (dialog,) = [d for d in window.findChildren(WhoseRecordingDialog) if d.isVisible()]
    assert dialog.name_box.currentText() == "唐鳳", "the official is offered first the first time"
    assert not window.transcriptions, "nothing starts before the answer"
    dialog.name_box.setCurrentText("王小明")
    dialog.accept()
    qtbot.waitUntil(lambda: not window.transcriptions, timeout=MODEL_TIMEOUT_MS)
    (meeting,) = library.meetings()
    speakers = library.speakers(meeting.id)
    assert [(s.name, s.is_default) for s in speakers] == [("王小明", True)], "not the official"
    assert all(b.speaker_id == speakers[0].id for b in library.bullets(meeting.id))

    drop_files(window.library_view, [audio_dir / "zh-welcome.wav"], speaker=None)
    again = [d for d in window.findChildren(WhoseRecordingDialog) if d.isVisible()][-1]
    assert again.name_box.currentText() == "王小明", "the last answer is offered first"
    again.reject()
    assert not window.transcriptions and len(library.meetings()) == 1
