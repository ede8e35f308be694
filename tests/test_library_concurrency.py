"""Two editors and a live transcription on one meeting at once: order and undo stay right.

Was: redo() raised TypeError when another editor had replaced the step meanwhile,
and an undo racing an append gave two bullets the same position (export order
wrong). Each thread has its own SQLite connection, as the GUI and a live
transcription do.
"""

from __future__ import annotations

import random
import threading

from transcriber.errors import NotFoundError
from transcriber.library.editing import EditError, MeetingEditor
from transcriber.library.store import Library
from transcriber.model import Bullet

ORIGINAL = [f"Original line {n}." for n in range(20)]
APPENDS = 40


def _edit_at_random(library: Library, meeting_id: int, seed: int, failures: list) -> None:
    editor = MeetingEditor(library, meeting_id)
    rng = random.Random(seed)
    try:
        for _ in range(60):
            bullets = editor.bullets()
            target = rng.choice(bullets)
            action = rng.choice(["split", "insert", "merge", "delete", "text", "undo", "undo",
                                 "redo"])
            try:
                if action == "split":
                    editor.split(target.id, len(target.text) // 2)
                elif action == "insert":
                    editor.insert_bullet(target.id, "narrative", f"note {seed}")
                elif action == "merge":
                    editor.merge_with_next(target.id)
                elif action == "delete":
                    editor.delete_bullet(target.id)
                elif action == "text":
                    editor.set_text(target.id, target.text + "!", coalesce=False)
                elif action == "undo":
                    editor.undo()
                else:
                    editor.redo()
            except (EditError, NotFoundError):
                pass  # the other editor removed that bullet first: a refusal, not a fault
    except Exception as exc:  # reported to the test's thread
        failures.append(exc)
    finally:
        library.close()


def _append(library: Library, meeting_id: int, failures: list) -> None:
    try:
        for n in range(APPENDS):
            library.append_bullets(meeting_id, [Bullet(None, meeting_id, 0, f"Appended {n}.")])
    except Exception as exc:
        failures.append(exc)
    finally:
        library.close()


def test_two_editors_and_an_appender_keep_order_and_undo(tmp_path) -> None:
    library = Library(tmp_path / "lib")
    meeting = library.create_meeting("Concurrent", "2024-05-01")
    library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, t) for t in ORIGINAL])
    failures: list[Exception] = []
    threads = [
        threading.Thread(target=_edit_at_random, args=(library, meeting.id, 1, failures)),
        threading.Thread(target=_edit_at_random, args=(library, meeting.id, 2, failures)),
        threading.Thread(target=_append, args=(library, meeting.id, failures)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not failures, failures

    bullets = library.bullets(meeting.id)
    positions = [b.position for b in bullets]
    assert len(set(positions)) == len(positions)  # no two bullets in one place
    appended = [b.text for b in bullets if b.text.startswith("Appended ")
                and b.text.endswith(".") and b.text[9:-1].isdigit()]
    assert appended == sorted(appended, key=lambda t: int(t[9:-1]))  # appends stay in order

    # Undoing every step of both editors gives back the original lines, in order, with
    # every appended bullet after them, in order.
    editor = MeetingEditor(library, meeting.id)
    while editor.can_undo():
        editor.undo()
    texts = [b.text for b in library.bullets(meeting.id)]
    assert texts == ORIGINAL + [f"Appended {n}." for n in range(APPENDS)]
    # And redoing them all is consistent again.
    while editor.can_redo():
        editor.redo()
    positions = [b.position for b in library.bullets(meeting.id)]
    assert len(set(positions)) == len(positions)
    library.close()


def test_redo_after_the_other_editor_replaced_the_step_is_nothing_to_redo(tmp_path) -> None:
    library = Library(tmp_path / "lib")
    meeting = library.create_meeting("Two windows", "2024-05-01")
    (first,) = library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, "Hello.")])
    one, two = MeetingEditor(library, meeting.id), MeetingEditor(library, meeting.id)
    one.set_text(first.id, "Hello there.")
    one.undo()
    assert two.can_redo()
    two.set_text(first.id, "Hi.")  # a new step drops the redo branch
    assert one.redo() is None
    assert library.bullet(first.id).text == "Hi."
    library.close()
