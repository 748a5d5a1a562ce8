import sys

from PySide6.QtCore import QObject, Signal

from companion.playback import qtfix
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


def test_singletons_survive_many_void_qt_calls(qtbot):
    """Without the guard, PySide6 6.12.0 on Python 3.11 aborts the process here (none_dealloc)."""
    qtfix.protect_singletons()
    obj = QObject()
    for i in range(50_000):
        obj.setObjectName("x" if i % 2 else "y")
    if qtfix.VOID_CALL_DROPS_NONE:
        assert sys.getrefcount(None) > 1 << 39
