"""A CUE sheet's tracks: grouped by the audio file they lie in, each with its span of that file."""

from __future__ import annotations

from companion.core.db.cue_tracks import TRACK_MARK, cue_spans, cued_files
from tests.core.events.helpers import add_item


def _track(db, n: int, start: float, duration: float, **extra) -> int:
    return add_item(
        db,
        f"/a/album.flac{TRACK_MARK}{n}",
        cue_path="/a/album.cue",
        cue_start=start,
        duration=duration,
        **extra,
    )


def test_tracks_are_grouped_by_their_file_and_span_to_the_next(db):
    one = _track(db, 1, 0.0, 180.0)
    two = _track(db, 2, 180.0, 200.0)
    three = _track(db, 3, 380.0, 150.0)
    song = add_item(db, "/a/single.flac")
    assert cued_files(db) == {
        "/a/album.flac": ([f"/a/album.flac{TRACK_MARK}{n}" for n in (1, 2, 3)], "/a/album.cue")
    }
    spans = cue_spans(db, [one, two, three, song])
    assert spans == {one: (0.0, 180.0), two: (180.0, 380.0), three: (380.0, None)}  # the last plays out


def test_a_missing_later_track_makes_the_one_before_play_to_the_end(db):
    one = _track(db, 1, 0.0, 180.0)
    _track(db, 2, 180.0, 200.0, status="missing")
    assert cue_spans(db, [one]) == {one: (0.0, None)}


def test_many_ids_are_asked_in_chunks(db):
    ids = [_track(db, n, n * 10.0, 10.0) for n in range(1, 1203)]
    spans = cue_spans(db, ids)
    assert len(spans) == 1202
    assert spans[ids[0]] == (10.0, 20.0) and spans[ids[-1]] == (12020.0, None)
