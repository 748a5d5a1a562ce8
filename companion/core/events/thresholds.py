"""The listening thresholds, written down in one place (documented in ``docs/events.md``).

Pure functions only: what one playback counts as, and whether a stopping point is
worth resuming from. Every number the player and the taste engine rely on lives here.
"""

from __future__ import annotations

from companion.core.db.events import EventType

# play: listened past min(PLAY_MIN_SECONDS, PLAY_MIN_FRACTION of the duration)
PLAY_MIN_SECONDS = 30.0
PLAY_MIN_FRACTION = 0.5
# completed: listened past the play threshold and reached the end or this share of the duration
COMPLETED_FRACTION = 0.9
# resume points: only between the first minute and the last few percent (as Kodi and Jellyfin do)
RESUME_MIN_SECONDS = 60.0
RESUME_MAX_FRACTION = 0.95
# spoken word (``items.spoken``: audiobooks, podcasts) keeps resume points whatever its length, as a
# video does; other long audio (a DJ mix, a concert) from this length; music tracks do not
RESUME_AUDIO_MIN_DURATION = 20 * 60.0
RESUMABLE_KINDS = ("video", "spoken")
# the player writes its in-flight position at least this often (a killed app loses at most this much)
CHECKPOINT_INTERVAL_SECONDS = 2.0
# a jump in position larger than this between two progress reports is a seek, not listening
# (the player reports its own seeks explicitly; this only guards against unexpected jumps)
SEEK_JUMP_SECONDS = 5.0

# how a playback ended; only these count as "moved on" (a skip when early)
END_REASONS = ("ended", "next", "previous", "stop", "error", "closed")
MOVED_ON = ("ended", "next", "previous")
START_REASONS = ("user", "mix", "queue", "resume", "radio", "import")


def play_threshold(duration: float | None) -> float:
    """Seconds of listening after which a playback counts as a play."""
    if not duration or duration <= 0:
        return PLAY_MIN_SECONDS
    return min(PLAY_MIN_SECONDS, PLAY_MIN_FRACTION * duration)


def classify(
    listened: float, position: float, duration: float | None, end_reason: str, *, unbroken: bool = False
) -> EventType | None:
    """The one event a finished playback produces: ``completed``, ``play``, ``skip`` or None.

    ``listened`` is seconds actually played (seeks excluded), ``position`` where it stopped.
    Stopping, closing the app or an error before the play threshold records nothing: the person
    did not reject the item, they left. Moving on (next, previous, seeking past the end) before
    the threshold is a skip. A playback that ran ``unbroken`` (no seek after it began, such as a
    video resumed at 23:14 and watched to its end) and ended by itself is completed, however short.
    """
    if end_reason not in END_REASONS:
        raise ValueError(f"unknown end reason {end_reason!r}")
    if end_reason == "error":
        return None
    if end_reason == "ended" and unbroken and listened > 0:
        return EventType.COMPLETED
    if listened >= play_threshold(duration) - 1e-6:
        reached_end = end_reason == "ended" or (
            bool(duration) and duration is not None and position >= COMPLETED_FRACTION * duration
        )
        return EventType.COMPLETED if reached_end else EventType.PLAY
    return EventType.SKIP if end_reason in MOVED_ON else None


def keeps_resume_point(kind: str, position: float, duration: float | None) -> bool:
    """Whether stopping at ``position`` should leave a resume point for this item (``kind``: music, video
    or spoken, the last for music-kind items that are spoken word)."""
    if not duration or duration <= 0:
        return False
    if kind not in RESUMABLE_KINDS and duration < RESUME_AUDIO_MIN_DURATION:
        return False
    return RESUME_MIN_SECONDS <= position < RESUME_MAX_FRACTION * duration
