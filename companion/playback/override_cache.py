"""Qt's playback threads must never wait for Python's interpreter lock.

An object made from Python (a ``QMediaPlayer``, a ``QAudioOutput``) is a PySide wrapper: the first time
Qt calls one of its virtual methods, PySide takes the interpreter lock to look for a Python override, and
remembers when there is none. Qt's FFmpeg threads call such methods on our objects: when the audio renderer
is torn down (on pause, stop or a new source), ``~QObject`` calls ``disconnectNotify`` on every object it
was connected to, holding Qt's connection lock. If the window's thread is at that moment in a Qt call that
wants the same lock (``setVideoOutput``, ``stop``) it waits while holding the interpreter lock, and the
renderer waits for that one: the window freezes for good.

``settle_overrides(obj)`` makes those first calls on the window's thread, where the lock is already held,
so PySide has its answer cached before any other thread asks.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

Q = TypeVar("Q", bound=QObject)


def _nothing(*_args: object) -> None:
    return None


def settle_overrides(obj: Q) -> Q:
    """Let PySide look up ``obj``'s ``connectNotify`` and ``disconnectNotify`` now, on this thread; returns
    ``obj``."""
    obj.objectNameChanged.connect(_nothing)  # connectNotify
    obj.objectNameChanged.disconnect(_nothing)  # disconnectNotify
    return obj
