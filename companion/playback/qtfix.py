"""A guard against a reference bug in PySide6 6.12.0 on CPython 3.11.

There, ``SignalInstance.emit()`` returns ``True`` without taking a new reference, so
every signal emitted from Python drops one reference to ``True``; after a few thousand
emits (minutes of playback, which emits positions many times a second) Python aborts
with "Fatal Python error: bool_dealloc". PySide6 6.11 and CPython 3.12+ (immortal
bools) are not affected. ``emit`` measures the bug once and gives the reference back
only where it is lost, so it is a no-op on fixed versions.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal(int)


def _measure_leak() -> bool:
    if sys.version_info >= (3, 12):
        return False
    probe = _Probe()
    before = sys.getrefcount(True)
    for i in range(8):
        probe.ping.emit(i)
    lost = before - sys.getrefcount(True)
    probe.deleteLater()
    return lost == 8


EMIT_DROPS_A_REFERENCE = _measure_leak()


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, giving back the reference PySide6 6.12.0 loses."""
    result = signal.emit(*args)
    if EMIT_DROPS_A_REFERENCE and isinstance(result, bool):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
