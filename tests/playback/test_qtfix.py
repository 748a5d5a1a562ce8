import sys

from PySide6.QtCore import QObject, Signal

from companion.playback.qtfix import emit


class _Source(QObject):
    changed = Signal(float)


def test_emitting_keeps_the_reference_count_of_true_stable(qtbot):
    src = _Source()
    got = []
    src.changed.connect(lambda v: got.append(v))
    before = sys.getrefcount(True)
    for i in range(500):
        emit(src.changed, float(i))
    assert len(got) == 500
    assert sys.getrefcount(True) >= before
