"""Why a file cannot be played, in one sentence."""

from __future__ import annotations

from PySide6.QtMultimedia import QMediaPlayer

from companion.playback.unplayable import EARLY_END_S, clock, cut_short, error_reason, failure


def test_qts_errors_become_reasons_and_no_error_is_none():
    assert error_reason(QMediaPlayer.Error.NoError, "") is None
    assert "damaged" in error_reason(QMediaPlayer.Error.FormatError, "whatever")
    assert error_reason(QMediaPlayer.Error.ResourceError, "") == "unknown error"
    assert error_reason(QMediaPlayer.Error.ResourceError, "no decoder") == "no decoder"


def test_a_video_that_stops_well_before_its_length_is_cut_short():
    # Qt reports the length as the last position: where the picture stopped is the report before it
    assert cut_short(600.0, (600.0, 120.0)) == "it stops at 2:00 of 10:00 (damaged or incomplete)"
    assert cut_short(600.0, (599.0, 598.5)) is None  # played to its end
    assert cut_short(600.0, (600.0, 600.0 - EARLY_END_S + 1)) is None  # within the last seconds
    assert cut_short(100.0, (100.0, 95.0)) is None  # past the completed fraction
    assert clock(3725) == "1:02:05" and clock(59.9) == "0:59"


def test_a_missing_file_is_told_apart_from_one_that_cannot_be_played(tmp_path):
    there = tmp_path / "song.ogg"
    there.write_bytes(b"x")
    assert failure(str(there), "it broke") == ("song.ogg cannot be played: it broke", "unplayable")
    assert failure(str(tmp_path / "gone.ogg"), "it broke") == (
        "gone.ogg is missing: it was moved or deleted",
        "missing",
    )
