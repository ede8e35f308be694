"""The installed Qt binding must not corrupt Python's reference counts.

PySide6 6.12.0 returned True from Signal.emit() without a reference; on Python 3.11
the app aborted ("bool_dealloc") after a few thousand emits: minutes of a 20 Hz
level meter. This catches such a release before a user's recording does.
"""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    ticked = Signal(float)


def test_emitting_signals_keeps_true_alive(qtbot) -> None:
    emitter = _Emitter()
    received = []
    emitter.ticked.connect(received.append)
    before = sys.getrefcount(True)
    for i in range(200):
        emitter.ticked.emit(float(i))
    assert len(received) == 200
    assert sys.getrefcount(True) >= before - 10
