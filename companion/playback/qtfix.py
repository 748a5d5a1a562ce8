"""A guard against reference bugs in PySide6 6.12.0 on CPython 3.11.

There, calls into Qt that return nothing give back ``None`` without a new reference
(``app.processEvents()``, ``obj.setObjectName(...)``, ``player.play()``, ...), and
``SignalInstance.emit()`` does the same with ``True``. Each call drops one reference;
after some thousands (seconds to minutes of playback) Python aborts with "Fatal Python
error: none_dealloc" or "bool_dealloc". PySide6 6.11 is not affected, nor is CPython 3.12+
(where ``None``, ``True`` and ``False`` are immortal).

``protect_singletons()`` measures the bug once and, only where it is found, gives ``None``,
``True`` and ``False`` so many extra references (2**40) that they cannot reach zero: what
CPython 3.12 does for them anyway. It runs when this module is imported (the player imports
it); the app and test set-up can call it too. ``emit`` additionally returns the reference an
emit loses.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

_SPARE_REFERENCES = 1 << 40


class _Probe(QObject):
    ping = Signal(int)


def _lost(obj: object, action: Any, times: int = 8) -> bool:
    before = sys.getrefcount(obj)
    for i in range(times):
        action(i)
    return before - sys.getrefcount(obj) >= times


def _measure() -> tuple[bool, bool]:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False, False
    probe = _Probe()
    void_drops_none = _lost(None, lambda i: probe.setObjectName(f"probe{i}"))
    emit_drops_true = _lost(True, lambda i: probe.ping.emit(i))
    return void_drops_none, emit_drops_true


VOID_CALL_DROPS_NONE, EMIT_DROPS_A_REFERENCE = _measure()
_protected = False


def protect_singletons() -> bool:
    """Make None/True/False un-freeable where this PySide6 loses references to them; True if it did."""
    global _protected
    if _protected or not (VOID_CALL_DROPS_NONE or EMIT_DROPS_A_REFERENCE):
        return _protected
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += _SPARE_REFERENCES  # ob_refcnt comes first
    _protected = True
    return True


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, giving back the reference PySide6 6.12.0 loses."""
    result = signal.emit(*args)
    if EMIT_DROPS_A_REFERENCE and isinstance(result, bool):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))


protect_singletons()
