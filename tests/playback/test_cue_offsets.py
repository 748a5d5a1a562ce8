"""A CUE sheet's track as a span of its file: its length, its end, and the track that follows it gaplessly."""

from __future__ import annotations

from companion.core.playqueue import QueueEntry
from companion.playback.cue_offsets import CUE_END_WINDOW_S, follows, past_track_end, track_length

FILE = "/music/album.flac"
ONE = QueueEntry(1, FILE, offset=0.0, end=200.0)
TWO = QueueEntry(2, FILE, offset=200.0, end=410.5)
WHOLE = QueueEntry(3, "/music/single.flac")


def test_a_track_is_as_long_as_its_span_and_a_whole_file_as_the_file_from_its_offset():
    assert track_length(TWO, 3000.0, 200.0) == 210.5
    assert track_length(WHOLE, 180.0, 0.0) == 180.0
    assert track_length(None, 10.0, 12.0) == 0.0  # never negative


def test_a_track_ends_just_past_its_end_and_not_at_a_stale_report_from_elsewhere():
    assert not past_track_end(ONE, 199.9)
    assert past_track_end(ONE, 200.0) and past_track_end(ONE, 200.0 + CUE_END_WINDOW_S - 0.1)
    assert not past_track_end(ONE, 200.0 + CUE_END_WINDOW_S + 1)  # a report from much later in the file
    assert not past_track_end(WHOLE, 500.0) and not past_track_end(None, 1.0)


def test_the_next_track_of_the_same_file_follows_without_a_gap():
    assert follows(ONE, TWO)
    assert not follows(TWO, ONE) and not follows(ONE, WHOLE)
    assert not follows(ONE, QueueEntry(2, "/music/other.flac", offset=200.0))
