"""A CUE sheet's track is a span of its file: where it starts (``entry.offset``) and ends (``entry.end``),
in seconds of the file. The player plays the file and shows positions and lengths of the track."""

from __future__ import annotations

from companion.core.playqueue import QueueEntry

CUE_END_WINDOW_S = 2.0  # a position this little past a CUE track's end is its end


def track_length(entry: QueueEntry | None, file_seconds: float, offset: float) -> float:
    """The length shown for ``entry``: a CUE track's span, else the file's length from ``offset``."""
    if entry is not None and entry.end is not None:
        return entry.end - entry.offset
    return max(0.0, file_seconds - offset)


def past_track_end(entry: QueueEntry | None, file_seconds: float) -> bool:
    """Whether a position (in the file) means ``entry``, a CUE track, is over: past its end, by less than a
    stale report from elsewhere in the file would be."""
    return entry is not None and entry.end is not None and 0 <= file_seconds - entry.end < CUE_END_WINDOW_S


def follows(before: QueueEntry, after: QueueEntry) -> bool:
    """Whether ``after`` is the track of the same file that starts where ``before`` ends (no gap, no seek)."""
    return before.end is not None and after.path == before.path and abs(after.offset - before.end) < 0.05
