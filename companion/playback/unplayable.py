"""Why a file cannot be played, in one sentence: Qt Multimedia's errors, a stall, and a video that ends
well before its length (damaged or incomplete: a failure, never "completed")."""

from __future__ import annotations

import os

from PySide6.QtMultimedia import QMediaPlayer

from companion.core.events.thresholds import COMPLETED_FRACTION

EARLY_END_S = 5.0  # a video ending this much before its length (and before 90 %) is cut short


def clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{secs:02d}" if minutes >= 60 else f"{minutes}:{secs:02d}"


def error_reason(error: object, message: str) -> str | None:
    """Qt's error as the reason a file cannot be played; None for no error."""
    if error == QMediaPlayer.Error.NoError:
        return None
    if error == QMediaPlayer.Error.FormatError:
        return "the file is damaged or its format is not supported"
    return message or "unknown error"


def cut_short(duration: float, reports: tuple[float, float]) -> str | None:
    """Why a video of ``duration`` s that reached its end is damaged, or None when it played (near) whole.
    ``reports``: the last two positions reported, newest first: Qt reports the length as the position at
    the end, so where the picture really stopped is the report before that jump."""
    last, before = reports
    reached = before if last - before > EARLY_END_S else last
    if reached >= COMPLETED_FRACTION * duration or duration - reached < EARLY_END_S:
        return None
    return f"it stops at {clock(reached)} of {clock(duration)} (damaged or incomplete)"


def failure(path: str, why: str) -> tuple[str, str]:
    """(what the person is told, the item's status): a missing file, or one that cannot be played."""
    name = os.path.basename(path)
    if not os.path.exists(path):
        return f"{name} is missing: it was moved or deleted", "missing"
    return f"{name} cannot be played: {why}", "unplayable"
